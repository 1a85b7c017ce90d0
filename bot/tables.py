"""Every table Passerelle owns, on one metadata: what the migrations must build."""
from bot.directory.models import Base
from bot.handoff.models import TicketRow  # noqa: F401  (registers the table on Base.metadata)
from bot.staff.models import AuditRow, EntryChangeRow, StaffSessionRow, StaffUserRow, TicketNoteRow  # noqa: F401

metadata = Base.metadata
