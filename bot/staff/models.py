"""Staff accounts, their sessions, notes on tickets, and the audit log."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Integer, String, Text

from bot.directory.models import Base

ROLES = ("staff", "admin")


class StaffUserRow(Base):
    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    username = Column(String(80), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)     # Argon2id, with its own salt and parameters
    role = Column(String(10), nullable=False)               # staff | admin
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)


class StaffSessionRow(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored here, so
    a copy of the database opens no session."""
    __tablename__ = "staff_sessions"

    token_hash = Column(String(64), primary_key=True)
    user_id = Column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False, index=True)
    csrf_token = Column(String(64), nullable=False)
    language = Column(String(8), nullable=False, default="en")
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)
    expires_at = Column(DateTime, nullable=False)


class TicketNoteRow(Base):
    __tablename__ = "ticket_notes"

    id = Column(Integer, primary_key=True)
    ticket_id = Column(Integer, ForeignKey("tickets.id", ondelete="CASCADE"), nullable=False, index=True)
    author = Column(String(80), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)


class AuditRow(Base):
    """Who did what, and when: sign-ins (failed ones too), replies, take-overs, changes."""
    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=datetime.utcnow, index=True)
    actor = Column(String(80), index=True)            # the username, or the name tried at sign-in
    action = Column(String(40), nullable=False, index=True)
    target = Column(String(255))
    ip = Column(String(64), index=True)
    detail = Column(JSON)


class EntryChangeRow(Base):
    """Every change staff make to the directory: who, when, and the entry before and after."""
    __tablename__ = "entry_changes"

    id = Column(Integer, primary_key=True)
    entry_id = Column(String(80), nullable=False, index=True)
    at = Column(DateTime, nullable=False, default=datetime.utcnow)
    actor = Column(String(80), nullable=False)
    action = Column(String(20), nullable=False)      # create | edit | archive | restore
    before = Column(JSON)
    after = Column(JSON)
