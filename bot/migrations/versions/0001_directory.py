"""The directory: cities, entries and their tags.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cities",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("country", sa.String(2), nullable=False, index=True),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("names", sa.JSON, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("alternate_names", sa.JSON, nullable=False),
        sa.Column("organization", sa.Text),
        sa.Column("category", sa.String(40), nullable=False, index=True),
        sa.Column("description", sa.JSON, nullable=False),
        sa.Column("audience", sa.JSON, nullable=False),
        sa.Column("conditions", sa.JSON, nullable=False),
        sa.Column("city_id", sa.String(80), sa.ForeignKey("cities.id"), index=True),
        sa.Column("country", sa.String(2), index=True),
        sa.Column("service_area", sa.String(20), nullable=False),
        sa.Column("contacts", sa.JSON, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("archived", sa.Boolean, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "entry_tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry_id", sa.String(80), sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.String(40), nullable=False),
    )
    op.create_index("ix_entry_tags_kind_value", "entry_tags", ["kind", "value"])
    op.create_index("ix_entry_tags_entry_id", "entry_tags", ["entry_id"])


def downgrade() -> None:
    op.drop_table("entry_tags")
    op.drop_table("entries")
    op.drop_table("cities")
