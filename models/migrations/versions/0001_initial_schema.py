"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 16:52:37.527150
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "audit_log",
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_key", sa.String(length=200), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_log_hash")),
    )
    op.create_table(
        "parks",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "national",
                "provincial",
                "municipal",
                name="park_level",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("service_centre", sa.String(length=200), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parks")),
        sa.UniqueConstraint("code", name=op.f("uq_parks_code")),
        sa.UniqueConstraint("name", name=op.f("uq_parks_name")),
    )
    op.create_table(
        "universities",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("province", sa.String(length=50), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("national_rank", sa.String(length=20), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_universities")),
        sa.UniqueConstraint("name", name=op.f("uq_universities_name")),
    )
    op.create_table(
        "villages",
        sa.Column("division_code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("township_code", sa.String(length=9), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("income_per_capita", sa.Integer(), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("population >= 0", name=op.f("ck_villages_population_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_villages")),
        sa.UniqueConstraint("division_code", name=op.f("uq_villages_division_code")),
    )
    with op.batch_alter_table("villages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_villages_county_code"), ["county_code"], unique=False)

    op.create_table(
        "enterprises",
        sa.Column("credit_code", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("park_id", sa.Integer(), nullable=False),
        sa.Column("industry_code", sa.String(length=5), nullable=False),
        sa.Column("size", sa.String(length=10), nullable=False),
        sa.Column("county_code", sa.String(length=6), nullable=False),
        sa.Column("township_code", sa.String(length=9), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("contact_name", sa.String(length=50), nullable=True),
        sa.Column("contact_phone", sa.String(length=20), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("size IN ('micro', 'small', 'medium', 'large')", name=op.f("ck_enterprises_size")),
        sa.ForeignKeyConstraint(
            ["park_id"], ["parks.id"], name=op.f("fk_enterprises_park_id_parks"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprises")),
        sa.UniqueConstraint("credit_code", name=op.f("uq_enterprises_credit_code")),
    )
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enterprises_park_id"), ["park_id"], unique=False)

    op.create_table(
        "graduates",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("university_id", sa.Integer(), nullable=False),
        sa.Column("major_code", sa.String(length=8), nullable=False),
        sa.Column(
            "degree",
            sa.Enum(
                "junior_college",
                "bachelor",
                "master",
                "doctor",
                name="degree",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("graduation_year", sa.Integer(), nullable=False),
        sa.Column("home_county_code", sa.String(length=6), nullable=False),
        sa.Column("preferred_industries", sa.JSON(), nullable=False),
        sa.Column("preferred_places", sa.JSON(), nullable=False),
        sa.Column("expected_salary", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["university_id"],
            ["universities.id"],
            name=op.f("fk_graduates_university_id_universities"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_graduates")),
        sa.UniqueConstraint("code", name=op.f("uq_graduates_code")),
    )
    with op.batch_alter_table("graduates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_graduates_university_id"), ["university_id"], unique=False)

    op.create_table(
        "jobfair_events",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=True),
        sa.Column("host_university_id", sa.Integer(), nullable=True),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["host_university_id"],
            ["universities.id"],
            name=op.f("fk_jobfair_events_host_university_id_universities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobfair_events")),
        sa.UniqueConstraint("code", name=op.f("uq_jobfair_events_code")),
    )
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "organiser",
                "park_official",
                "viewer",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("park_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["park_id"], ["parks.id"], name=op.f("fk_users_park_id_parks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "aid_offers",
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("annual_budget", sa.Integer(), nullable=False),
        sa.Column("max_villages", sa.Integer(), nullable=False),
        sa.Column("capabilities", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("annual_budget >= 0", name=op.f("ck_aid_offers_budget_not_negative")),
        sa.CheckConstraint("max_villages >= 0", name=op.f("ck_aid_offers_max_villages_not_negative")),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_aid_offers_enterprise_id_enterprises"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aid_offers")),
        sa.UniqueConstraint("enterprise_id", "year", name=op.f("uq_aid_offers_enterprise_id_year")),
    )
    op.create_table(
        "aid_outcomes",
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "interviewed",
                "intent",
                "offer",
                "signed",
                "declined",
                "no_show",
                "yuan",
                "jobs",
                "medical",
                "legal",
                name="outcome_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("value", sa.Double(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "kind IN ('yuan', 'jobs', 'medical', 'legal')", name=op.f("ck_aid_outcomes_aid_kind")
        ),
        sa.CheckConstraint("value >= 0", name=op.f("ck_aid_outcomes_value_not_negative")),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_aid_outcomes_enterprise_id_enterprises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_aid_outcomes_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["villages.id"],
            name=op.f("fk_aid_outcomes_village_id_villages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aid_outcomes")),
        sa.UniqueConstraint(
            "enterprise_id",
            "village_id",
            "kind",
            "occurred_on",
            name=op.f("uq_aid_outcomes_enterprise_id_village_id_kind_occurred_on"),
        ),
    )
    op.create_table(
        "matching_runs",
        sa.Column(
            "program",
            sa.Enum("jobfair", "aid", name="program", native_enum=False, create_constraint=True, length=32),
            nullable=False,
        ),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("park_id", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("solver_version", sa.String(length=100), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "OPTIMAL",
                "FEASIBLE",
                "INFEASIBLE",
                "UNKNOWN",
                "ERROR",
                name="run_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("objective", sa.Double(), nullable=True),
        sa.Column("bound", sa.Double(), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("timings", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_matching_runs_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["jobfair_events.id"],
            name=op.f("fk_matching_runs_event_id_jobfair_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["park_id"], ["parks.id"], name=op.f("fk_matching_runs_park_id_parks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matching_runs")),
    )
    with op.batch_alter_table("matching_runs", schema=None) as batch_op:
        batch_op.create_index("ix_matching_runs_program_event", ["program", "event_id"], unique=False)

    op.create_table(
        "positions",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("accepted_majors", sa.JSON(), nullable=False),
        sa.Column(
            "min_degree",
            sa.Enum(
                "junior_college",
                "bachelor",
                "master",
                "doctor",
                name="degree",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("salary_min", sa.Integer(), nullable=False),
        sa.Column("salary_max", sa.Integer(), nullable=False),
        sa.Column("work_county_code", sa.String(length=6), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("headcount >= 0", name=op.f("ck_positions_headcount_not_negative")),
        sa.CheckConstraint("salary_min <= salary_max", name=op.f("ck_positions_salary_range")),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_positions_enterprise_id_enterprises"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["jobfair_events.id"],
            name=op.f("fk_positions_event_id_jobfair_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_positions")),
        sa.UniqueConstraint("code", name=op.f("uq_positions_code")),
    )
    with op.batch_alter_table("positions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_positions_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_positions_event_id"), ["event_id"], unique=False)

    op.create_table(
        "registrations",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("graduate_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["jobfair_events.id"],
            name=op.f("fk_registrations_event_id_jobfair_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["graduate_id"],
            ["graduates.id"],
            name=op.f("fk_registrations_graduate_id_graduates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registrations")),
        sa.UniqueConstraint("event_id", "graduate_id", name=op.f("uq_registrations_event_id_graduate_id")),
    )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registrations_graduate_id"), ["graduate_id"], unique=False)

    op.create_table(
        "jobfair_outcomes",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("graduate_id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "interviewed",
                "intent",
                "offer",
                "signed",
                "declined",
                "no_show",
                "yuan",
                "jobs",
                "medical",
                "legal",
                name="outcome_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "kind IN ('interviewed', 'intent', 'offer', 'signed', 'declined', 'no_show')",
            name=op.f("ck_jobfair_outcomes_jobfair_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["jobfair_events.id"],
            name=op.f("fk_jobfair_outcomes_event_id_jobfair_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["graduate_id"],
            ["graduates.id"],
            name=op.f("fk_jobfair_outcomes_graduate_id_graduates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["positions.id"],
            name=op.f("fk_jobfair_outcomes_position_id_positions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_jobfair_outcomes_recorded_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobfair_outcomes")),
        sa.UniqueConstraint(
            "event_id",
            "graduate_id",
            "position_id",
            "kind",
            name=op.f("uq_jobfair_outcomes_event_id_graduate_id_position_id_kind"),
        ),
    )
    op.create_table(
        "proposals",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("graduate_id", sa.Integer(), nullable=True),
        sa.Column("position_id", sa.Integer(), nullable=True),
        sa.Column("village_id", sa.Integer(), nullable=True),
        sa.Column("enterprise_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("components", sa.JSON(), nullable=False),
        sa.Column("graduate_rank", sa.Integer(), nullable=True),
        sa.Column("position_rank", sa.Integer(), nullable=True),
        sa.Column("load", sa.Double(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "approved",
                "rejected",
                "pinned",
                name="proposal_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "graduate_id IS NOT NULL OR village_id IS NOT NULL", name=op.f("ck_proposals_has_subject")
        ),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_proposals_enterprise_id_enterprises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["graduate_id"],
            ["graduates.id"],
            name=op.f("fk_proposals_graduate_id_graduates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["positions.id"],
            name=op.f("fk_proposals_position_id_positions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["matching_runs.id"],
            name=op.f("fk_proposals_run_id_matching_runs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_proposals_village_id_villages"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposals")),
    )
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposals_run_id"), ["run_id"], unique=False)

    op.create_table(
        "wishes",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("graduate_id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.CheckConstraint("rank >= 1", name=op.f("ck_wishes_rank_positive")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["jobfair_events.id"],
            name=op.f("fk_wishes_event_id_jobfair_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["graduate_id"],
            ["graduates.id"],
            name=op.f("fk_wishes_graduate_id_graduates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["position_id"],
            ["positions.id"],
            name=op.f("fk_wishes_position_id_positions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wishes")),
        sa.UniqueConstraint(
            "event_id", "graduate_id", "position_id", name=op.f("uq_wishes_event_id_graduate_id_position_id")
        ),
        sa.UniqueConstraint(
            "event_id", "graduate_id", "rank", name=op.f("uq_wishes_event_id_graduate_id_rank")
        ),
    )
    with op.batch_alter_table("wishes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wishes_position_id"), ["position_id"], unique=False)

    op.create_table(
        "decisions",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "approve",
                "reject",
                "pin",
                "reset",
                name="decision_action",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("CURRENT_TIMESTAMP"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["proposals.id"],
            name=op.f("fk_decisions_proposal_id_proposals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_decisions_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decisions_proposal_id"), ["proposal_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decisions_proposal_id"))

    op.drop_table("decisions")
    with op.batch_alter_table("wishes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wishes_position_id"))

    op.drop_table("wishes")
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposals_run_id"))

    op.drop_table("proposals")
    op.drop_table("jobfair_outcomes")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registrations_graduate_id"))

    op.drop_table("registrations")
    with op.batch_alter_table("positions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_positions_event_id"))
        batch_op.drop_index(batch_op.f("ix_positions_enterprise_id"))

    op.drop_table("positions")
    with op.batch_alter_table("matching_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_matching_runs_program_event")

    op.drop_table("matching_runs")
    op.drop_table("aid_outcomes")
    op.drop_table("aid_offers")
    op.drop_table("users")
    op.drop_table("jobfair_events")
    with op.batch_alter_table("graduates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_graduates_university_id"))

    op.drop_table("graduates")
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enterprises_park_id"))

    op.drop_table("enterprises")
    with op.batch_alter_table("villages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_villages_county_code"))

    op.drop_table("villages")
    op.drop_table("universities")
    op.drop_table("parks")
    op.drop_table("audit_log")
