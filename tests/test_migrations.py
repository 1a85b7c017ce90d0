"""Schema migrations: after `kb load` the database is at the newest revision and matches the models."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.db import get_engine
from bot.tables import metadata
from bot.migrate import alembic_config, upgrade


def test_migrations_build_exactly_the_models_schema(db_url):
    upgrade(db_url)
    upgrade(db_url)   # a second run is a no-op
    head = ScriptDirectory.from_config(alembic_config(db_url)).get_current_head()
    with get_engine(db_url).connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == head
        assert compare_metadata(context, metadata) == []
