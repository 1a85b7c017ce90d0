"""The staff dashboard at /staff. Every page needs a session and every form its CSRF token
(bot/web/staff_auth.py); every action is written to the audit log with the change it makes."""
from fastapi import APIRouter

from bot.web.routers.staff import directory, insights, signin, tickets, triage

router = APIRouter()
for part in (signin, tickets, triage, insights, directory):
    router.include_router(part.router)
