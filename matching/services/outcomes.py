"""Outcomes after the fair and of the aid pairs: recorded per pair with who and when, and the city's totals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import Session

from matching.errors import NotFoundError
from matching.services import audit
from matching.services.access import Action, Actor, own_park_only, park_scope, require
from models import (
    AidOutcome,
    Base,
    Enterprise,
    Graduate,
    JobFairEvent,
    JobFairOutcome,
    MatchingRun,
    OutcomeKind,
    Park,
    Position,
    Program,
    Proposal,
    ProposalStatus,
    Registration,
    Role,
    Village,
)
from models.tables import AID_OUTCOMES, JOBFAIR_OUTCOMES

Outcome = TypeVar("Outcome", JobFairOutcome, AidOutcome)
INTENT_KINDS = (OutcomeKind.INTENT, OutcomeKind.OFFER, OutcomeKind.SIGNED)  # each implies an intent


def _check_exist(session: Session, *records: tuple[type[Base], int]) -> None:
    for model, key in records:
        if session.get(model, key) is None:
            raise NotFoundError(f"{model.__tablename__} {key} does not exist")


def _upsert(
    session: Session, model: type[Outcome], key: dict[str, Any], values: dict[str, Any], actor: Actor
) -> Outcome:
    """The outcome with this natural key, created or updated; logged in the audit chain."""
    outcome = session.scalars(select(model).filter_by(**key)).one_or_none()
    if outcome is None:
        outcome = model(**key, **values, recorded_by_id=actor.user_id)
        session.add(outcome)
    else:
        for name, value in values.items():
            setattr(outcome, name, value)
        outcome.recorded_by_id = actor.user_id
    session.flush()
    audit.record(
        session,
        actor.username,
        f"outcome.{model.__tablename__.removesuffix('_outcomes')}",
        model.__tablename__,
        "/".join(str(getattr(v, "value", v)) for v in key.values()),
        values,
    )
    return outcome


def record_jobfair_outcome(
    session: Session,
    event_id: int,
    graduate_id: int,
    position_id: int,
    kind: OutcomeKind,
    occurred_on: date,
    actor: Actor,
) -> JobFairOutcome:
    """Record (or re-date) one outcome of a graduate–position pair."""
    require(actor, Action.RECORD_JOBFAIR_OUTCOME)
    kind = OutcomeKind(kind)
    if kind not in JOBFAIR_OUTCOMES:
        raise ValueError(f"'{kind.value}' is not a job-fair outcome")
    _check_exist(session, (JobFairEvent, event_id), (Graduate, graduate_id), (Position, position_id))
    key = {"event_id": event_id, "graduate_id": graduate_id, "position_id": position_id, "kind": kind}
    return _upsert(session, JobFairOutcome, key, {"occurred_on": occurred_on}, actor)


def record_aid_outcome(
    session: Session,
    enterprise_id: int,
    village_id: int,
    kind: OutcomeKind,
    value: float,
    occurred_on: date,
    actor: Actor,
) -> AidOutcome:
    """Record what an enterprise–village pair delivered on a date (same pair, kind and date: replaced)."""
    park_id = session.scalar(select(Enterprise.park_id).where(Enterprise.id == enterprise_id))
    require(actor, Action.RECORD_AID_OUTCOME, park_id)
    kind = OutcomeKind(kind)
    if kind not in AID_OUTCOMES:
        raise ValueError(f"'{kind.value}' is not an aid outcome")
    if value < 0:
        raise ValueError("an outcome cannot be negative")
    _check_exist(session, (Enterprise, enterprise_id), (Village, village_id))
    key = {"enterprise_id": enterprise_id, "village_id": village_id, "kind": kind, "occurred_on": occurred_on}
    return _upsert(session, AidOutcome, key, {"value": value}, actor)


@dataclass(frozen=True)
class JobFairTotals:
    """The figures the city reports for a fair."""

    enterprises: int
    positions: int
    openings: int
    graduates: int
    intents: int  # graduates who reached an employment intent (or an offer, or signed)
    signed: int


def _count(session: Session, statement: Select[Any], column: Any, event_id: int | None) -> int:
    if event_id is not None:
        statement = statement.where(column == event_id)
    return int(session.scalar(statement) or 0)


def jobfair_totals(session: Session, actor: Actor, event_id: int | None = None) -> JobFairTotals:
    """For one event, or over all events when `event_id` is None: city-wide counts, no records."""
    require(actor, Action.VIEW_REPORTS)
    graduates_with = select(func.count(distinct(JobFairOutcome.graduate_id)))
    return JobFairTotals(
        enterprises=_count(
            session, select(func.count(distinct(Position.enterprise_id))), Position.event_id, event_id
        ),
        positions=_count(session, select(func.count(Position.id)), Position.event_id, event_id),
        openings=_count(
            session, select(func.coalesce(func.sum(Position.headcount), 0)), Position.event_id, event_id
        ),
        graduates=_count(
            session, select(func.count(distinct(Registration.graduate_id))), Registration.event_id, event_id
        ),
        intents=_count(
            session,
            graduates_with.where(JobFairOutcome.kind.in_(INTENT_KINDS)),
            JobFairOutcome.event_id,
            event_id,
        ),
        signed=_count(
            session,
            graduates_with.where(JobFairOutcome.kind == OutcomeKind.SIGNED),
            JobFairOutcome.event_id,
            event_id,
        ),
    )


def aid_totals_by_park(session: Session, actor: Actor) -> pd.DataFrame:
    """Per park and year: yuan, jobs, medical services and legal consultations delivered (a park
    official's own park only)."""
    require(actor, Action.VIEW_REPORTS)
    year = func.extract("year", AidOutcome.occurred_on)
    statement = (
        select(Park.name, year, AidOutcome.kind, func.sum(AidOutcome.value))
        .join(Enterprise, Enterprise.id == AidOutcome.enterprise_id)
        .join(Park, Park.id == Enterprise.park_id)
        .group_by(Park.name, year, AidOutcome.kind)
    )
    rows = session.execute(own_park_only(statement, actor)).all()
    frame = pd.DataFrame(rows, columns=["park", "year", "kind", "value"])
    if frame.empty:
        return pd.DataFrame(columns=["park", "year", *[k.value for k in AID_OUTCOMES]])
    frame["year"] = frame["year"].astype(int)
    frame["kind"] = frame["kind"].map(lambda k: OutcomeKind(k).value)
    table = frame.pivot_table(
        index=["park", "year"], columns="kind", values="value", aggfunc="sum", fill_value=0
    )
    for kind in AID_OUTCOMES:
        if kind.value not in table.columns:
            table[kind.value] = 0.0
    return table.reset_index()[["park", "year", *[k.value for k in AID_OUTCOMES]]]


def aid_totals_by_month(session: Session, actor: Actor) -> pd.DataFrame:
    """Per month: the same four figures, for the charts over time (a park official's own park only)."""
    require(actor, Action.VIEW_REPORTS)
    statement = select(AidOutcome.occurred_on, AidOutcome.kind, AidOutcome.value).join(
        Enterprise, Enterprise.id == AidOutcome.enterprise_id
    )
    rows = session.execute(own_park_only(statement, actor)).all()
    frame = pd.DataFrame(rows, columns=["occurred_on", "kind", "value"])
    if frame.empty:
        return pd.DataFrame(columns=["month", *[k.value for k in AID_OUTCOMES]])
    frame["month"] = pd.to_datetime(frame["occurred_on"]).dt.to_period("M").dt.to_timestamp()
    frame["kind"] = frame["kind"].map(lambda k: OutcomeKind(k).value)
    table = frame.pivot_table(index="month", columns="kind", values="value", aggfunc="sum", fill_value=0)
    for kind in AID_OUTCOMES:
        if kind.value not in table.columns:
            table[kind.value] = 0.0
    return table.reset_index()[["month", *[k.value for k in AID_OUTCOMES]]]


def villages_paired(session: Session, actor: Actor, year: int | None = None) -> int:
    """Villages with an approved lead enterprise (in the given year's runs, or any): the city's figure."""
    require(actor, Action.VIEW_REPORTS)
    statement = (
        select(func.count(distinct(Proposal.village_id)))
        .join(MatchingRun, MatchingRun.id == Proposal.run_id)
        .where(
            MatchingRun.program == Program.AID,
            Proposal.status == ProposalStatus.APPROVED,
            Proposal.enterprise_id.is_not(None),
        )
    )
    if year is not None:
        statement = statement.where(MatchingRun.year == year)
    return int(session.scalar(statement) or 0)


def aid_pairs(session: Session, actor: Actor) -> pd.DataFrame:
    """Pairs standing approved in the latest aid year, limited to a park official's own park."""
    require(actor, Action.RECORD_AID_OUTCOME, park_scope(actor))
    year = session.scalar(
        select(func.max(MatchingRun.year)).where(
            MatchingRun.program == Program.AID, MatchingRun.year.is_not(None)
        )
    )
    columns = ["village_id", "enterprise_id", "village", "enterprise", "park_id"]
    if year is None:
        return pd.DataFrame(columns=columns)
    statement = (
        select(Proposal.village_id, Proposal.enterprise_id, Village.name, Enterprise.name, Enterprise.park_id)
        .join(MatchingRun, MatchingRun.id == Proposal.run_id)
        .join(Village, Village.id == Proposal.village_id)
        .join(Enterprise, Enterprise.id == Proposal.enterprise_id)
        .where(
            MatchingRun.program == Program.AID,
            MatchingRun.year == year,
            Proposal.status == ProposalStatus.APPROVED,
        )
        .distinct()
    )
    frame = pd.DataFrame(session.execute(statement).all(), columns=columns)
    if actor.role is Role.PARK_OFFICIAL:
        frame = frame[frame["park_id"] == actor.park_id]
    return frame.sort_values(["village"]).reset_index(drop=True)
