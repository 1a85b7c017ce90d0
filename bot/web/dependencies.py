"""Dependencies shared by the routers: settings and a database session per request."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from sqlalchemy.orm import Session

from bot.db import new_session
from bot.settings import Settings, load_settings
from bot.staff.rasa_api import RasaAPI


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()


def rasa_api(settings: Settings) -> RasaAPI:
    """Rasa's HTTP API, with the token: for taking conversations over and forgetting them."""
    return RasaAPI(settings.rasa_url, settings.rasa_token())


def get_session() -> Iterator[Session]:
    with new_session(get_settings().database_url) as session:
        yield session
