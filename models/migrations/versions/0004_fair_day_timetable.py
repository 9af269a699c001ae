"""fair day timetable

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 17:53:15.405736
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "booths",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=20), nullable=True),
        sa.Column("interviewers", sa.Integer(), nullable=False),
        sa.Column("arrives", sa.String(length=5), nullable=True),
        sa.Column("leaves", sa.String(length=5), nullable=True),
        sa.Column("breaks", sa.String(length=100), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint("interviewers >= 0", name=op.f("ck_booths_interviewers_not_negative")),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_booths_enterprise_id_enterprises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["jobfair_events.id"],
            name=op.f("fk_booths_event_id_jobfair_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booths")),
        sa.UniqueConstraint("event_id", "enterprise_id", name=op.f("uq_booths_event_id_enterprise_id")),
    )
    op.create_table(
        "interviews",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("graduate_id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("wish_rank", sa.Integer(), nullable=True),
        sa.Column("start", sa.String(length=5), nullable=True),
        sa.Column("end", sa.String(length=5), nullable=True),
        sa.Column("interviewer", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("moved", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'held', 'started', 'no_show', 'cancelled')",
            name=op.f("ck_interviews_interview_status"),
        ),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_interviews_enterprise_id_enterprises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["graduate_id"],
            ["graduates.id"],
            name=op.f("fk_interviews_graduate_id_graduates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["positions.id"],
            name=op.f("fk_interviews_position_id_positions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["matching_runs.id"],
            name=op.f("fk_interviews_run_id_matching_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews")),
    )
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interviews_run_id"), ["run_id"], unique=False)

    op.create_table(
        "run_documents",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["matching_runs.id"],
            name=op.f("fk_run_documents_run_id_matching_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_documents")),
        sa.UniqueConstraint("run_id", "name", name=op.f("uq_run_documents_run_id_name")),
    )
    with op.batch_alter_table("run_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_run_documents_run_id"), ["run_id"], unique=False)

    with op.batch_alter_table("jobfair_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("opens", sa.String(length=5), server_default="09:00", nullable=False))
        batch_op.add_column(sa.Column("closes", sa.String(length=5), server_default="17:00", nullable=False))
        batch_op.add_column(sa.Column("slot_minutes", sa.Integer(), server_default="30", nullable=False))
        batch_op.add_column(sa.Column("min_gap_minutes", sa.Integer(), server_default="0", nullable=False))

    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("max_interviews", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("unavailable", sa.String(length=200), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_column("unavailable")
        batch_op.drop_column("max_interviews")

    with op.batch_alter_table("jobfair_events", schema=None) as batch_op:
        batch_op.drop_column("min_gap_minutes")
        batch_op.drop_column("slot_minutes")
        batch_op.drop_column("closes")
        batch_op.drop_column("opens")

    with op.batch_alter_table("run_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_documents_run_id"))

    op.drop_table("run_documents")
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interviews_run_id"))

    op.drop_table("interviews")
    op.drop_table("booths")
