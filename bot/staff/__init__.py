"""Contact-point staff: accounts, sessions, the audit log, and taking over conversations
through Rasa's HTTP API. The dashboard that uses them is bot/web/routers/staff.py."""
