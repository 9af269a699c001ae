"""job-fair outcomes: how each came to be (by hand, or by a timetable mark on the day)

A mark (held, no-show) records its outcome with via = 'mark', which a later mark of the same interview may
change or withdraw; an outcome an official recorded or corrected (via = 'hand') no mark ever changes.
Outcomes stored before this revision were all recorded by hand or by a mark indistinguishably; they are
read as 'hand', so that no mark overwrites them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobfair_outcomes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("via", sa.String(length=8), server_default="hand", nullable=False))
        batch_op.create_check_constraint(op.f("ck_jobfair_outcomes_via"), "via IN ('hand', 'mark')")


def downgrade() -> None:
    with op.batch_alter_table("jobfair_outcomes", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_jobfair_outcomes_via"), type_="check")
        batch_op.drop_column("via")
