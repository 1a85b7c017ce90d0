"""The Jinja2 templates of the web app (autoescaped: what people wrote is always shown as text)."""
from fastapi.templating import Jinja2Templates

from bot.settings import ROOT

templates = Jinja2Templates(directory=str(ROOT / "bot" / "web" / "templates"))
