"""What people ask, read from the conversations Rasa keeps (its `events` table, on the same
database): the questions the assistant could not answer, grouped, and conversations by language,
topic and place over time. Only counts and the unanswered questions' words leave this module:
no conversation id, no contact detail."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Dict, Iterable, List, Optional

from rapidfuzz import fuzz
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from bot.text import fold

# A message the assistant did not answer: not understood, outside what it knows, or in a
# language it does not speak.
UNANSWERED_INTENTS = ("nlu_fallback", "out_of_scope", "unsupported_language")
DIMENSIONS = ("language", "topic", "place")
SAME_QUESTION = 75          # rapidfuzz token_set_ratio from which two questions are one group
UNKNOWN = "—"


@dataclass
class Conversation:
    started: datetime
    slots: Dict[str, str] = field(default_factory=dict)
    unanswered: List[str] = field(default_factory=list)


@dataclass
class Group:
    question: str               # the most frequent wording
    count: int
    examples: List[str]


def conversations(session: Session, since: Optional[datetime] = None) -> List[Conversation]:
    """Every conversation (that started after `since`), with its last language, topic and place."""
    if not inspect(session.get_bind()).has_table("events"):
        return []
    rows = session.execute(text("SELECT sender_id, type_name, timestamp, intent_name, data FROM events "
                                "ORDER BY sender_id, id"))
    found: Dict[str, Conversation] = {}
    for sender, kind, timestamp, intent, data in rows:
        conversation = found.get(sender)
        if conversation is None:
            conversation = found[sender] = Conversation(datetime.utcfromtimestamp(timestamp or 0))
        if kind == "slot":
            event = json.loads(data or "{}")
            if event.get("name") in DIMENSIONS and isinstance(event.get("value"), str):
                conversation.slots[event["name"]] = event["value"]
        elif kind == "user" and intent in UNANSWERED_INTENTS:
            said = (json.loads(data or "{}").get("text") or "").strip()
            if said and not said.startswith("/"):
                conversation.unanswered.append(said)
    return [c for c in found.values() if since is None or c.started >= since]


def unanswered_groups(found: Iterable[Conversation], limit: int = 50) -> List[Group]:
    """The questions not answered, near-identical wordings together, most frequent first."""
    groups: List[List[str]] = []
    keys: List[str] = []
    for question in (q for c in found for q in c.unanswered):
        key = fold(question)
        best = max(range(len(keys)), key=lambda i: fuzz.token_set_ratio(key, keys[i]), default=None)
        if best is not None and fuzz.token_set_ratio(key, keys[best]) >= SAME_QUESTION:
            groups[best].append(question)
        else:
            groups.append([question])
            keys.append(key)
    ranked = sorted(groups, key=len, reverse=True)[:limit]
    return [Group(Counter(g).most_common(1)[0][0], len(g), list(dict.fromkeys(g))[:3]) for g in ranked]


def week_of(moment: datetime) -> date:
    return (moment - timedelta(days=moment.weekday())).date()


def by_week(found: Iterable[Conversation], dimension: str) -> Dict[str, Dict[date, int]]:
    """{value: {monday of the week: conversations}} for one dimension."""
    counts: Dict[str, Dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for conversation in found:
        counts[conversation.slots.get(dimension, UNKNOWN)][week_of(conversation.started)] += 1
    return {value: dict(weeks) for value, weeks in counts.items()}


def _cell(value: str) -> str:
    # A spreadsheet would run a cell that starts like a formula: people's words never do that.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def as_csv(found: List[Conversation]) -> str:
    """One row per dimension, value and week; then the unanswered questions' groups."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["dimension", "value", "week", "conversations"])
    for dimension in DIMENSIONS:
        for value, weeks in sorted(by_week(found, dimension).items()):
            for week, count in sorted(weeks.items()):
                writer.writerow([dimension, value, week.isoformat(), count])
    for group in unanswered_groups(found):
        writer.writerow(["unanswered", _cell(group.question), "", group.count])
    return out.getvalue()
