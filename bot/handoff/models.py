"""The tickets that hand a conversation to contact-point staff."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Column, DateTime, Integer, String, Text

from bot.directory.models import Base


class TicketRow(Base):
    __tablename__ = "tickets"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)   # Rasa's sender_id
    channel = Column(String(40), nullable=False, default="rest")
    language = Column(String(8), nullable=False)
    topic = Column(String(40))
    place = Column(String(120))                     # "city:<id>", "country:<ISO>" or "anywhere"
    urgent = Column(Boolean, nullable=False, default=False)
    reach_by = Column(String(10), nullable=False)   # chat | phone | email
    contact = Column(Text)                          # the number or address the person gave, if any
    summary = Column(Text, nullable=False)
    transcript = Column(JSON, nullable=False)       # [{"who": "user"|"bot", "text": ..., "time": ...}]
    status = Column(String(20), nullable=False, default="open", index=True)   # open | resolved
    assignee = Column(String(80), index=True)       # the staff member who took it
    held = Column(Boolean, nullable=False, default=False)   # a person holds the conversation: the bot is paused
    created_at = Column(DateTime, nullable=False, default=datetime.utcnow)
    updated_at = Column(DateTime, nullable=False, default=datetime.utcnow)
