"""Insights computed on a known set of conversations, saved by Rasa's own SQL tracker store (ours
subclasses it) into a real database, then read by the dashboard over real HTTP."""
from __future__ import annotations

import csv
import html
import io
from datetime import date, datetime

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.db import new_session
from bot.migrate import upgrade
from bot.staff.charts import stacked_bars
from bot.staff.insights import as_csv, by_week, conversations, unanswered_groups
from bot.tracker_store import ForgetfulSQLTrackerStore
from tests.test_staff import signed_in, web  # noqa: F401  (the web app fixture)

MONDAY = datetime(2026, 11, 2, 10).timestamp()
WEEK = 7 * 24 * 3600

# (sender, start, language, topic, place, [(text, intent)])
KNOWN = [
    ("c1", MONDAY, "fr", "incubator", "city:liege", [("un incubateur à Liège", "ask_incubator")]),
    ("c2", MONDAY + 3600, "fr", None, None, [("où est la piscine municipale ?", "out_of_scope")]),
    ("c3", MONDAY + WEEK, "ar", "incubator", "city:liege", [("أين المسبح", "nlu_fallback"),
                                                            ("حاضنة أعمال في لييج", "ask_incubator")]),
    ("c4", MONDAY + WEEK + 60, "en", "mentoring", "country:BE", [("where is the municipal swimming pool", "out_of_scope")]),
    ("c5", MONDAY + WEEK + 120, "fr", None, None, [("Où est la piscine municipale", "nlu_fallback"),
                                                   ("=HYPERLINK(\"http://x\")", "nlu_fallback")]),
]


async def save_known(url: str) -> None:
    upgrade(url)
    store = ForgetfulSQLTrackerStore(domain=Domain.empty(), host=url)
    for sender, start, language, topic, place, said in KNOWN:
        tracker = DialogueStateTracker(sender, [])
        t = start
        tracker.update(ActionExecuted("action_listen", timestamp=t))
        for text, intent in said:
            t += 5
            tracker.update(UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=t))
        for name, value in (("language", language), ("topic", topic), ("place", place)):
            if value:
                tracker.update(SlotSet(name, value, timestamp=t + 1))
        await store.save(tracker)
    store.engine.dispose()


@pytest.fixture
async def known(sqlite_url):
    await save_known(sqlite_url)
    return sqlite_url


def test_conversations_by_language_topic_and_place_per_week(known):
    with new_session(known) as session:
        found = conversations(session)
    assert len(found) == 5
    week1, week2 = date(2026, 11, 2), date(2026, 11, 9)
    assert by_week(found, "language") == {"fr": {week1: 2, week2: 1}, "ar": {week2: 1}, "en": {week2: 1}}
    assert by_week(found, "topic") == {"incubator": {week1: 1, week2: 1}, "mentoring": {week2: 1}, "—": {week1: 1, week2: 1}}
    assert by_week(found, "place")["city:liege"] == {week1: 1, week2: 1}


def test_a_period_keeps_only_the_conversations_that_started_in_it(known):
    with new_session(known) as session:
        assert len(conversations(session, since=datetime.utcfromtimestamp(MONDAY + WEEK))) == 3


def test_unanswered_questions_are_grouped_with_their_wordings(known):
    with new_session(known) as session:
        groups = unanswered_groups(conversations(session))
    # The French pool question, asked twice in two wordings, is one group; the others stand alone.
    assert groups[0].count == 2 and "piscine" in groups[0].question
    assert sorted(g.count for g in groups) == [1, 1, 1, 2]
    assert not any("incubat" in g.question for g in groups), "answered questions are not listed"


def test_the_csv_has_the_counts_and_never_a_formula(known):
    with new_session(known) as session:
        rows = list(csv.reader(io.StringIO(as_csv(conversations(session)))))
    assert rows[0] == ["dimension", "value", "week", "conversations"]
    assert ["language", "fr", "2026-11-02", "2"] in rows
    unanswered = [r for r in rows if r[0] == "unanswered"]
    assert len(unanswered) == 4 and all(not r[1].startswith("=") for r in unanswered)


def test_a_stacked_chart_adds_up():
    chart = stacked_bars({"fr": {date(2026, 11, 2): 2, date(2026, 11, 16): 1}, "ar": {date(2026, 11, 16): 3}},
                         height=100)
    assert [w.isoformat() for w in chart["weeks"]] == ["2026-11-02", "2026-11-09", "2026-11-16"]   # gaps kept
    assert chart["peak"] == 4
    tallest = chart["bars"][2]
    assert sum(s["h"] for s in tallest["segments"]) == pytest.approx(100)
    assert chart["bars"][1]["segments"] == []


async def test_the_dashboard_shows_and_exports_them(web):  # noqa: F811
    await save_known(web["url"])
    client = signed_in(web)
    page = html.unescape(client.get("/staff/insights", params={"days": 3650}).text)
    assert "où est la piscine municipale ?" in page or "Où est la piscine municipale" in page
    assert page.count('class="panel chart"') == 3
    exported = client.get("/staff/insights.csv", params={"days": 3650})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert "language,fr,2026-11-02,2" in exported.text
