"""Staff accounts and sign-in: Argon2id password hashes, server-side sessions, sign-in attempts
limited per name and per address, and every sign-in written to the audit log."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Optional, Tuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.staff.audit import audit
from bot.staff.models import ROLES, AuditRow, StaffSessionRow, StaffUserRow

MIN_PASSWORD_LENGTH = 12
SESSION_LIFETIME = timedelta(hours=12)
# Five failed sign-ins in fifteen minutes for one name, or twenty from one address (a desk's
# shared connection), close the door for the rest of those fifteen minutes.
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = timedelta(minutes=15)

_hasher = PasswordHasher()


class AccountError(ValueError):
    pass


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(session: Session, username: str, password: str, role: str) -> StaffUserRow:
    username = username.strip()
    if not username or len(username) > 80 or not username.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise AccountError("A user name is 1-80 letters, digits, '-', '_' or '.'.")
    if role not in ROLES:
        raise AccountError(f"The role is one of: {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password has at least {MIN_PASSWORD_LENGTH} characters.")
    if session.scalar(select(StaffUserRow).where(StaffUserRow.username == username)):
        raise AccountError(f"{username} already exists.")
    user = StaffUserRow(username=username, password_hash=_hasher.hash(password), role=role, active=True)
    session.add(user)
    audit(session, None, "account_created", username, {"role": role})
    session.commit()
    return user


def too_many_failures(session: Session, username: str, ip: Optional[str]) -> bool:
    recent = (select(func.count()).select_from(AuditRow)
              .where(AuditRow.action == "login_failed", AuditRow.at >= datetime.utcnow() - FAILURE_WINDOW))
    if session.scalar(recent.where(AuditRow.actor == username.strip()[:80])) >= MAX_FAILURES_PER_NAME:
        return True
    return bool(ip) and session.scalar(recent.where(AuditRow.ip == ip)) >= MAX_FAILURES_PER_ADDRESS


def authenticate(session: Session, username: str, password: str, ip: Optional[str]) -> Optional[StaffUserRow]:
    """The active user with that name and password, or None; either way it is audited."""
    user = session.scalar(select(StaffUserRow).where(StaffUserRow.username == username.strip()))
    try:
        ok = bool(user and user.active and _hasher.verify(user.password_hash, password))
    except (VerificationError, InvalidHashError):
        ok = False
    if not user:
        # Spend the same time as a real check, so that timing does not tell which names exist.
        _hasher.hash(password)
    audit(session, username.strip()[:80], "login_ok" if ok else "login_failed", ip=ip)
    if ok and _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    session.commit()
    return user if ok else None


def open_session(session: Session, user: StaffUserRow, language: str = "en") -> Tuple[str, StaffSessionRow]:
    """A new session for the user: the token goes into the cookie, never into the database."""
    token = secrets.token_urlsafe(32)
    row = StaffSessionRow(token_hash=_token_hash(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                          language=language, expires_at=datetime.utcnow() + SESSION_LIFETIME)
    session.add(row)
    session.commit()
    return token, row


def find_session(session: Session, token: Optional[str]) -> Optional[Tuple[StaffUserRow, StaffSessionRow]]:
    if not token:
        return None
    row = session.get(StaffSessionRow, _token_hash(token))
    if row is None or row.expires_at < datetime.utcnow():
        return None
    user = session.get(StaffUserRow, row.user_id)
    return (user, row) if user and user.active else None


def close_session(session: Session, token: Optional[str]) -> None:
    if token:
        row = session.get(StaffSessionRow, _token_hash(token))
        if row is not None:
            session.delete(row)
            session.commit()
