"""run summaries as message code and parameters, job-fair fairness reports, helper enterprises' pairs

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("matching_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("summary", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("fairness", sa.JSON(), nullable=True))
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=16), server_default="lead", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_column("role")
    with op.batch_alter_table("matching_runs", schema=None) as batch_op:
        batch_op.drop_column("fairness")
        batch_op.drop_column("summary")
