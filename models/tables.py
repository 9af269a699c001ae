"""The tables. Natural keys (credit code, division code, graduate code …) are unique so that
imports can be repeated safely; relationships raise on lazy load so unplanned queries fail loudly."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base


def _enum(enum_class: type[enum.Enum], name: str) -> Enum:
    """Stored as its value in a VARCHAR with a CHECK: portable between SQLite and PostgreSQL."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class ParkLevel(enum.StrEnum):
    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"


class Degree(enum.StrEnum):
    JUNIOR_COLLEGE = "junior_college"  # 专科
    BACHELOR = "bachelor"  # 本科
    MASTER = "master"  # 硕士
    DOCTOR = "doctor"  # 博士


class Program(enum.StrEnum):
    JOBFAIR = "jobfair"
    AID = "aid"


class RunStatus(enum.StrEnum):
    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"
    ERROR = "ERROR"


class ProposalStatus(enum.StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    PINNED = "pinned"


class DecisionAction(enum.StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    PIN = "pin"
    RESET = "reset"


class OutcomeKind(enum.StrEnum):
    # job fair, per graduate–position pair
    INTERVIEWED = "interviewed"
    INTENT = "intent"  # 就业意向
    OFFER = "offer"
    SIGNED = "signed"
    DECLINED = "declined"
    NO_SHOW = "no_show"
    # aid, per enterprise–village pair, with a value
    YUAN = "yuan"
    JOBS = "jobs"
    MEDICAL = "medical"
    LEGAL = "legal"


JOBFAIR_OUTCOMES = (
    OutcomeKind.INTERVIEWED,
    OutcomeKind.INTENT,
    OutcomeKind.OFFER,
    OutcomeKind.SIGNED,
    OutcomeKind.DECLINED,
    OutcomeKind.NO_SHOW,
)
AID_OUTCOMES = (OutcomeKind.YUAN, OutcomeKind.JOBS, OutcomeKind.MEDICAL, OutcomeKind.LEGAL)


class TermKind(enum.StrEnum):
    """How an aid run came to a lead pair: within a term begun in an earlier year (kept), last year's pair
    whose term ended and that the run chose again (renewed), or neither (new)."""

    KEPT = "kept"
    RENEWED = "renewed"
    NEW = "new"


class Role(enum.StrEnum):
    ADMIN = "admin"
    ORGANISER = "organiser"
    PARK_OFFICIAL = "park_official"
    VIEWER = "viewer"


# ---------------------------------------------------------------------------------------------- places


class Park(Base):
    __tablename__ = "parks"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    level: Mapped[ParkLevel] = mapped_column(_enum(ParkLevel, "park_level"))
    county_code: Mapped[str] = mapped_column(String(6))
    service_centre: Mapped[str | None] = mapped_column(String(200))  # 党群服务中心


class University(Base):
    __tablename__ = "universities"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    province: Mapped[str] = mapped_column(String(50))
    city: Mapped[str | None] = mapped_column(String(100))
    tags: Mapped[list[str]] = mapped_column(default=list)  # 双一流 / 985 / 211
    national_rank: Mapped[str | None] = mapped_column(String(20))


class Enterprise(Base):
    __tablename__ = "enterprises"

    credit_code: Mapped[str] = mapped_column(String(18), unique=True)  # 统一社会信用代码
    name: Mapped[str] = mapped_column(String(200))
    park_id: Mapped[int] = mapped_column(ForeignKey("parks.id", ondelete="RESTRICT"), index=True)
    industry_code: Mapped[str] = mapped_column(String(5))  # GB/T 4754-2017
    size: Mapped[str] = mapped_column(String(10))  # micro / small / medium / large
    county_code: Mapped[str] = mapped_column(String(6))
    township_code: Mapped[str | None] = mapped_column(String(9))
    address: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(20))

    park: Mapped[Park] = relationship(lazy="raise")

    __table_args__ = (CheckConstraint("size IN ('micro', 'small', 'medium', 'large')", name="size"),)


# -------------------------------------------------------------------------------------------- job fair


class JobFairEvent(Base):
    __tablename__ = "jobfair_events"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date]
    venue: Mapped[str | None] = mapped_column(String(200))
    host_university_id: Mapped[int | None] = mapped_column(ForeignKey("universities.id"))
    weights: Mapped[dict[str, Any]] = mapped_column(default=dict)  # fit-score weights for this event
    # The fair day, for the interview timetable.
    opens: Mapped[str] = mapped_column(String(5), default="09:00", server_default="09:00")
    closes: Mapped[str] = mapped_column(String(5), default="17:00", server_default="17:00")
    slot_minutes: Mapped[int] = mapped_column(default=30, server_default="30")
    min_gap_minutes: Mapped[int] = mapped_column(default=0, server_default="0")  # walking between booths


class Booth(Base):
    """An enterprise's booth at a fair: how many interview in parallel, and when it is there."""

    __tablename__ = "booths"

    event_id: Mapped[int] = mapped_column(ForeignKey("jobfair_events.id", ondelete="CASCADE"))
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"))
    label: Mapped[str | None] = mapped_column(String(20))  # on the floor plan, e.g. A12
    interviewers: Mapped[int] = mapped_column(default=1)
    arrives: Mapped[str | None] = mapped_column(String(5))  # HH:MM; None = at opening
    leaves: Mapped[str | None] = mapped_column(String(5))
    breaks: Mapped[str | None] = mapped_column(String(100))  # "12:00-12:30;15:00-15:15"

    __table_args__ = (
        UniqueConstraint("event_id", "enterprise_id"),
        CheckConstraint("interviewers >= 0", name="interviewers_not_negative"),
    )


class Position(Base):
    __tablename__ = "positions"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("jobfair_events.id", ondelete="CASCADE"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    accepted_majors: Mapped[list[str]] = mapped_column(default=list)  # major, class or discipline codes
    min_degree: Mapped[Degree] = mapped_column(_enum(Degree, "degree"))
    headcount: Mapped[int]
    salary_min: Mapped[int]  # yuan per month
    salary_max: Mapped[int]
    work_county_code: Mapped[str] = mapped_column(String(6))

    enterprise: Mapped[Enterprise] = relationship(lazy="raise")

    __table_args__ = (
        CheckConstraint("headcount >= 0", name="headcount_not_negative"),
        CheckConstraint("salary_min <= salary_max", name="salary_range"),
    )


class Graduate(Base):
    __tablename__ = "graduates"

    code: Mapped[str] = mapped_column(String(32), unique=True)  # registration number
    name: Mapped[str] = mapped_column(String(50))
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="RESTRICT"), index=True)
    major_code: Mapped[str] = mapped_column(String(8))
    degree: Mapped[Degree] = mapped_column(_enum(Degree, "degree"))
    graduation_year: Mapped[int]
    home_county_code: Mapped[str] = mapped_column(String(6))
    preferred_industries: Mapped[list[str]] = mapped_column(default=list)
    preferred_places: Mapped[list[str]] = mapped_column(default=list)
    expected_salary: Mapped[int | None]
    phone: Mapped[str | None] = mapped_column(String(20))
    consent_at: Mapped[datetime | None]
    consent_withdrawn_at: Mapped[datetime | None]  # from then on: in no run and no export
    anonymised_at: Mapped[datetime | None]  # personal fields removed by the retention command

    university: Mapped[University] = relationship(lazy="raise")


class Registration(Base):
    __tablename__ = "registrations"

    event_id: Mapped[int] = mapped_column(ForeignKey("jobfair_events.id", ondelete="CASCADE"))
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduates.id", ondelete="CASCADE"), index=True)
    max_interviews: Mapped[int | None]  # on the fair day; None = no limit
    unavailable: Mapped[str | None] = mapped_column(String(200))  # "10:00-11:30;14:00-15:00" (classes)

    __table_args__ = (UniqueConstraint("event_id", "graduate_id"),)


class Wish(Base):
    """A graduate's ranked wish (志愿) for a position at an event; rank 1 is the first choice."""

    __tablename__ = "wishes"

    event_id: Mapped[int] = mapped_column(ForeignKey("jobfair_events.id", ondelete="CASCADE"))
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduates.id", ondelete="CASCADE"))
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int]

    __table_args__ = (
        UniqueConstraint("event_id", "graduate_id", "position_id"),
        UniqueConstraint("event_id", "graduate_id", "rank"),
        CheckConstraint("rank >= 1", name="rank_positive"),
    )


# ------------------------------------------------------------------------------------------------- aid


class Village(Base):
    __tablename__ = "villages"

    division_code: Mapped[str] = mapped_column(String(12), unique=True)  # 统计用区划代码
    name: Mapped[str] = mapped_column(String(100))
    county_code: Mapped[str] = mapped_column(String(6), index=True)
    township_code: Mapped[str] = mapped_column(String(9))
    population: Mapped[int]
    income_per_capita: Mapped[int]  # yuan per person per year
    needs: Mapped[list[str]] = mapped_column(default=list)  # matching.reference.AID_NEEDS

    __table_args__ = (CheckConstraint("population >= 0", name="population_not_negative"),)


class AidOffer(Base):
    """What an enterprise offers the aid programme in one year."""

    __tablename__ = "aid_offers"

    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"))
    year: Mapped[int]
    annual_budget: Mapped[int]  # yuan
    max_villages: Mapped[int]
    capabilities: Mapped[list[str]] = mapped_column(default=list)

    enterprise: Mapped[Enterprise] = relationship(lazy="raise")

    __table_args__ = (
        UniqueConstraint("enterprise_id", "year"),
        CheckConstraint("annual_budget >= 0", name="budget_not_negative"),
        CheckConstraint("max_villages >= 0", name="max_villages_not_negative"),
    )


# ------------------------------------------------------------------------------- runs and decisions


class User(Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    park_id: Mapped[int | None] = mapped_column(ForeignKey("parks.id"))  # a park official's scope
    password_hash: Mapped[str | None] = mapped_column(String(200))  # argon2id; None = cannot sign in
    is_active: Mapped[bool] = mapped_column(default=True)
    failed_sign_ins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None]
    last_sign_in_at: Mapped[datetime | None]


class MatchingRun(Base):
    __tablename__ = "matching_runs"

    program: Mapped[Program] = mapped_column(_enum(Program, "program"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("jobfair_events.id", ondelete="CASCADE"))
    year: Mapped[int | None]  # aid programme year
    park_id: Mapped[int | None] = mapped_column(ForeignKey("parks.id"))  # None = every park
    method: Mapped[str] = mapped_column(String(32))
    parameters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    seed: Mapped[int]
    solver_version: Mapped[str] = mapped_column(String(100))
    input_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus, "run_status"))
    objective: Mapped[float | None]
    bound: Mapped[float | None]
    message: Mapped[str | None] = mapped_column(Text)  # the summary in English, for logs and old runs
    # the summary as a message code and its parameters (matching.messages), said in the reader's language
    summary: Mapped[dict[str, Any] | None]
    # job fair: match rate and wish rank achieved per university, degree and home county (attribute → rows)
    fairness: Mapped[dict[str, Any] | None]
    timings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (Index("ix_matching_runs_program_event", "program", "event_id"),)


class Proposal(Base):
    """One proposed pair of a run (or an unmatched graduate / uncovered village, with a reason)."""

    __tablename__ = "proposals"

    run_id: Mapped[int] = mapped_column(ForeignKey("matching_runs.id", ondelete="CASCADE"), index=True)
    graduate_id: Mapped[int | None] = mapped_column(ForeignKey("graduates.id", ondelete="CASCADE"))
    position_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id", ondelete="CASCADE"))
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"))
    score: Mapped[float | None]
    components: Mapped[dict[str, Any]] = mapped_column(default=dict)
    graduate_rank: Mapped[int | None]
    position_rank: Mapped[int | None]
    load: Mapped[float | None]  # aid: the budget the pair uses
    reason: Mapped[str | None] = mapped_column(Text)  # why unmatched / uncovered
    # aid: "lead" (every village has one) or "helper" (a second enterprise that gives less)
    role: Mapped[str] = mapped_column(String(16), default="lead", server_default="lead")
    status: Mapped[ProposalStatus] = mapped_column(
        _enum(ProposalStatus, "proposal_status"), default=ProposalStatus.PROPOSED
    )
    version: Mapped[int] = mapped_column(default=1)
    # aid lead pairs: the pair's term (it stands from term_start for term_years years once approved or
    # pinned) and how this run came to it (TermKind). NULL on runs stored before terms existed: read as a
    # one-year term in the run's year.
    term_start: Mapped[int | None]
    term_years: Mapped[int | None]
    term_kind: Mapped[str | None] = mapped_column(String(16))

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("graduate_id IS NOT NULL OR village_id IS NOT NULL", name="has_subject"),
        CheckConstraint("term_years IS NULL OR term_years >= 1", name="term_years_positive"),
        CheckConstraint("term_kind IS NULL OR term_kind IN ('kept', 'renewed', 'new')", name="term_kind"),
    )


class Decision(Base):
    __tablename__ = "decisions"

    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[DecisionAction] = mapped_column(_enum(DecisionAction, "decision_action"))
    reason: Mapped[str | None] = mapped_column(Text)


class JobFairOutcome(Base):
    __tablename__ = "jobfair_outcomes"

    event_id: Mapped[int] = mapped_column(ForeignKey("jobfair_events.id", ondelete="CASCADE"))
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduates.id", ondelete="CASCADE"))
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"))
    kind: Mapped[OutcomeKind] = mapped_column(_enum(OutcomeKind, "outcome_kind"))
    occurred_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # how it came to be: "hand" (an official recorded or corrected it: page, command line, import) or "mark"
    # (a timetable mark on the day, which a later mark of the same interview may change; a hand one never)
    via: Mapped[str] = mapped_column(String(8), default="hand", server_default="hand")

    __table_args__ = (
        UniqueConstraint("event_id", "graduate_id", "position_id", "kind"),
        CheckConstraint(
            "kind IN ('interviewed', 'intent', 'offer', 'signed', 'declined', 'no_show')", name="jobfair_kind"
        ),
        CheckConstraint("via IN ('hand', 'mark')", name="via"),
    )


class AidOutcome(Base):
    __tablename__ = "aid_outcomes"

    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"))
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id", ondelete="CASCADE"))
    kind: Mapped[OutcomeKind] = mapped_column(_enum(OutcomeKind, "outcome_kind"))
    value: Mapped[float]
    occurred_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (
        UniqueConstraint("enterprise_id", "village_id", "kind", "occurred_on"),
        CheckConstraint("kind IN ('yuan', 'jobs', 'medical', 'legal')", name="aid_kind"),
        CheckConstraint("value >= 0", name="value_not_negative"),
    )


class AuditEntry(Base):
    """Append-only; each entry's hash covers the previous one, so an edit or deletion is detectable."""

    __tablename__ = "audit_log"

    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_key: Mapped[str | None] = mapped_column(String(200))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AppSetting(Base):
    """A fact about the database itself, by name. `demo`: the database was created by `demo seed` (written in
    the seed's own transaction); only such a database may be reset or shown without signing in."""

    __tablename__ = "app_settings"

    name: Mapped[str] = mapped_column(String(64), unique=True)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Interview(Base):
    """One interview of a timetable run: when, at which booth and interviewer, and what became of it."""

    __tablename__ = "interviews"

    run_id: Mapped[int] = mapped_column(ForeignKey("matching_runs.id", ondelete="CASCADE"), index=True)
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduates.id", ondelete="CASCADE"))
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"))
    position_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id", ondelete="SET NULL"))
    score: Mapped[float | None]
    wish_rank: Mapped[int | None]
    start: Mapped[str | None] = mapped_column(String(5))  # None = not scheduled
    end: Mapped[str | None] = mapped_column(String(5))
    interviewer: Mapped[int | None]
    status: Mapped[str] = mapped_column(
        String(12), default="pending"
    )  # pending/held/started/no_show/cancelled
    moved: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str | None] = mapped_column(String(40))  # why not scheduled
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'held', 'started', 'no_show', 'cancelled')", name="interview_status"
        ),
    )


class RunDocument(Base):
    """A printable or downloadable document made with a run (itineraries, booth lists)."""

    __tablename__ = "run_documents"

    run_id: Mapped[int] = mapped_column(ForeignKey("matching_runs.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    media_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (UniqueConstraint("run_id", "name"),)
