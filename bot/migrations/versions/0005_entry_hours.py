"""Opening hours of an entry, where a document gives them (HSDS regular_schedule).

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("hours", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("hours")
