"""The directory, for admins: entries listed, edited as YAML with the same checks as data/kb,
created, archived and restored, and exported back to YAML."""
from __future__ import annotations

from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.directory.models import EntryRow
from bot.settings import Settings
from bot.staff.audit import audit
from bot.staff.directory_edits import as_yaml, entry_as_dict, export_yaml, history, save_entry, set_archived
from bot.text import fold
from bot.web.dependencies import get_session, get_settings
from bot.web.routers.staff.common import client_ip, page
from bot.web.staff_auth import Staff, checked_form, current_admin

router = APIRouter(prefix="/staff", include_in_schema=False)


NEW_ENTRY = """id: new-entry-id
name: ""
organization: ""
category: information_point
description:
  en: ""
city: null
country: null
service_area: local
contacts: {}
sources:
  - file: 003_3f3b38f85375b88f.txt
    lines: [1, 1]
    quote: ""
"""


@router.get("/directory", response_class=HTMLResponse)
def directory(request: Request, q: str = "", staff: Staff = Depends(current_admin), db: Session = Depends(get_session)):

    rows = db.scalars(select(EntryRow).order_by(EntryRow.archived, EntryRow.name)).all()
    if q:
        rows = [r for r in rows if fold(q) in r.search_text or q.lower() in r.id]
    return page(request, "staff/directory.html", staff.language, staff, entries=rows, q=q)


@router.get("/directory/export.yaml")
def directory_export(request: Request, staff: Staff = Depends(current_admin), db: Session = Depends(get_session)):

    body = export_yaml(db)
    audit(db, staff.name, "directory_export", ip=client_ip(request))
    db.commit()
    return Response(body, media_type="application/yaml; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="passerelle-directory.yml"'})


def _entry_page(request: Request, staff: Staff, db: Session, entry_id: Optional[str], text: str,
                errors: List[str], status_code: int = 200, saved: bool = False) -> HTMLResponse:

    row = db.get(EntryRow, entry_id) if entry_id else None
    return page(request, "staff/entry.html", staff.language, staff, status_code=status_code, entry=row, text=text,
                 errors=errors, saved=saved, changes=history(db, entry_id) if entry_id else [])


@router.get("/directory/new", response_class=HTMLResponse)
def new_entry(request: Request, staff: Staff = Depends(current_admin), db: Session = Depends(get_session)):
    return _entry_page(request, staff, db, None, NEW_ENTRY, [])


@router.post("/directory/new", response_class=HTMLResponse)
def create_entry(request: Request, form: dict = Depends(checked_form), staff: Staff = Depends(current_admin),
                 db: Session = Depends(get_session), settings: Settings = Depends(get_settings)):

    text = str(form.get("yaml", ""))
    row, errors = save_entry(db, text, staff.name, settings.seeds_dir)
    if errors:
        return _entry_page(request, staff, db, None, text, errors, status_code=422)
    return RedirectResponse(f"/staff/directory/{row.id}?saved=1", status_code=303)


@router.get("/directory/{entry_id}", response_class=HTMLResponse)
def edit_entry(request: Request, entry_id: str, saved: int = 0, staff: Staff = Depends(current_admin),
               db: Session = Depends(get_session)):

    row = db.get(EntryRow, entry_id)
    if row is None:
        raise HTTPException(404, "No such entry.")
    return _entry_page(request, staff, db, entry_id, as_yaml(entry_as_dict(row)), [], saved=bool(saved))


@router.post("/directory/{entry_id}", response_class=HTMLResponse)
def update_entry(request: Request, entry_id: str, form: dict = Depends(checked_form),
                 staff: Staff = Depends(current_admin), db: Session = Depends(get_session),
                 settings: Settings = Depends(get_settings)):

    action = str(form.get("action", "save"))
    if action in ("archive", "restore"):
        if set_archived(db, entry_id, action == "archive", staff.name) is None:
            raise HTTPException(404, "No such entry.")
        return RedirectResponse(f"/staff/directory/{entry_id}?saved=1", status_code=303)
    text = str(form.get("yaml", ""))
    row, errors = save_entry(db, text, staff.name, settings.seeds_dir, entry_id=entry_id)
    if errors:
        return _entry_page(request, staff, db, entry_id, text, errors, status_code=422)
    return RedirectResponse(f"/staff/directory/{entry_id}?saved=1", status_code=303)
