"""The audit log: one row for each thing staff do (and each sign-in attempt)."""
from __future__ import annotations

from typing import Any, Dict, Optional

from sqlalchemy.orm import Session

from bot.staff.models import AuditRow


def audit(session: Session, actor: Optional[str], action: str, target: Optional[str] = None,
          detail: Optional[Dict[str, Any]] = None, ip: Optional[str] = None) -> None:
    """Adds the row to the caller's transaction: it is written with the change it records."""
    session.add(AuditRow(actor=actor, action=action, target=target, detail=detail, ip=ip))
