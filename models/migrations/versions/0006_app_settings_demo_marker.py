"""app_settings: facts about the database itself; the `demo` marker of a database created by `demo seed`

A database seeded before this revision gets the marker when its audit log holds the seed's own entry (the
seed wrote it in the same transaction as the data), so an existing demo keeps working; any other database
stays unmarked and refuses `demo reset` and the no-sign-in demo mode.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    settings = op.create_table(
        "app_settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_settings")),
        sa.UniqueConstraint("name", name=op.f("uq_app_settings_name")),
    )
    audit_log = sa.table(
        "audit_log",
        sa.column("actor", sa.String),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
    )
    seeded = op.get_bind().scalar(
        sa.select(sa.func.count())
        .select_from(audit_log)
        .where(audit_log.c.actor == "demo-seed", audit_log.c.action == "seed", audit_log.c.entity == "demo")
    )
    if seeded:
        op.bulk_insert(settings, [{"name": "demo", "value": {"marked_by": "migration 0006"}}])


def downgrade() -> None:
    op.drop_table("app_settings")
