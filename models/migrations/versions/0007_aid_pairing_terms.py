"""aid pairing terms: each lead proposal's term (first year, years) and how the run came to it

Proposals stored before this revision keep NULL in the new columns; the services read that as a one-year
term in the run's own year (nothing was said about a term then), so no row is rewritten.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-15 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("term_start", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("term_years", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("term_kind", sa.String(length=16), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_proposals_term_years_positive"), "term_years IS NULL OR term_years >= 1"
        )
        batch_op.create_check_constraint(
            op.f("ck_proposals_term_kind"), "term_kind IS NULL OR term_kind IN ('kept', 'renewed', 'new')"
        )


def downgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_proposals_term_kind"), type_="check")
        batch_op.drop_constraint(op.f("ck_proposals_term_years_positive"), type_="check")
        batch_op.drop_column("term_kind")
        batch_op.drop_column("term_years")
        batch_op.drop_column("term_start")
