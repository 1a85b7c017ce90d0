"""Insights: the questions the assistant could not answer, and conversations by language, topic
and place over time; as a page with charts, and as CSV."""
from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from bot.conversation import decode_place
from bot.directory.places import Gazetteer
from bot.i18n.catalogues import N_, gettext
from bot.i18n.languages import language_name
from bot.staff.audit import audit
from bot.staff.charts import stacked_bars
from bot.staff.insights import DIMENSIONS, UNKNOWN, as_csv, by_week, conversations, unanswered_groups
from bot.topics import TOPIC_LABELS
from bot.web.dependencies import get_session
from bot.web.routers.staff.common import client_ip, page
from bot.web.staff_auth import Staff, current_staff

router = APIRouter(prefix="/staff", include_in_schema=False)


DIMENSION_TITLES = {"language": N_("Conversations by language"), "topic": N_("Conversations by topic"),
                    "place": N_("Conversations by place")}


def _labeller(db: Session, lang: str):

    gazetteer = Gazetteer.from_db(db)

    def label(dimension: str, value: str) -> str:
        if value == UNKNOWN or value == "other":
            return gettext(lang, "not known") if value == UNKNOWN else gettext(lang, "other")
        if dimension == "language":
            return language_name(value, lang)
        if dimension == "topic":
            return gettext(lang, TOPIC_LABELS.get(value, value))
        place = decode_place(gazetteer, value)
        return place.name(lang) if place else value
    return label


def _since(days: int) -> datetime:
    return datetime.utcnow() - timedelta(days=max(1, min(days, 3660)))


@router.get("/insights", response_class=HTMLResponse)
def insights(request: Request, days: int = 90, staff: Staff = Depends(current_staff), db: Session = Depends(get_session)):
    found = conversations(db, _since(days))
    charts = [{"dimension": d, "title": gettext(staff.language, DIMENSION_TITLES[d]),
               "chart": stacked_bars(by_week(found, d))} for d in DIMENSIONS]
    return page(request, "staff/insights.html", staff.language, staff, days=days, total=len(found), charts=charts,
                 groups=unanswered_groups(found), label=_labeller(db, staff.language))


@router.get("/insights.csv")
def insights_csv(request: Request, days: int = 90, staff: Staff = Depends(current_staff),
                 db: Session = Depends(get_session)):
    body = as_csv(conversations(db, _since(days)))
    audit(db, staff.name, "insights_export", detail={"days": days}, ip=client_ip(request))
    db.commit()
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="passerelle-insights-{days}d.csv"'})
