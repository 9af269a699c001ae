"""Outcomes after the fair and of the aid pairs: recorded per pair with who and when, and the city's totals.

An aid outcome is recorded only against a pair that stood in the outcome's year (`aid_terms`): a lead pair
approved or pinned in a run of that year or within its term, or a helper pair approved that year. Recording
the same outcome again with another value is a correction, logged with the old and the new value, as is a
deletion; recording exactly what is stored changes nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import Session

from matching.errors import InputError, InputProblem, NotFoundError
from matching.messages import Message
from matching.services import audit
from matching.services.access import Action, Actor, own_park_only, park_scope, require
from matching.services.aid_terms import (
    _helper_pairs,
    _lead_decisions,
    _pairs_not_standing,
    _tenures,
    term_text,
)
from matching.services.decisions import HELPER, LEAD
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


@dataclass(frozen=True)
class AidOutcomeChange:
    """What recording (or deleting) one aid outcome did: `change` is recorded, corrected, unchanged or
    deleted; `previous` the value stored before (None when there was none)."""

    outcome: AidOutcome | None  # None after a deletion
    change: str
    previous: float | None
    value: float | None

    @property
    def message(self) -> Message:
        return Message(
            f"aid.outcome.{self.change}",
            {"old": _figure(self.previous), "new": _figure(self.value)},
        )


def _figure(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _aid_outcome_key(
    session: Session, enterprise_id: int, village_id: int, kind: OutcomeKind, occurred_on: date, actor: Actor
) -> dict[str, Any]:
    park_id = session.scalar(select(Enterprise.park_id).where(Enterprise.id == enterprise_id))
    require(actor, Action.RECORD_AID_OUTCOME, park_id)
    kind = OutcomeKind(kind)
    if kind not in AID_OUTCOMES:
        raise ValueError(f"'{kind.value}' is not an aid outcome")
    _check_exist(session, (Enterprise, enterprise_id), (Village, village_id))
    return {
        "enterprise_id": enterprise_id,
        "village_id": village_id,
        "kind": kind,
        "occurred_on": occurred_on,
    }


def _audit_key(key: dict[str, Any]) -> str:
    return "/".join(str(getattr(v, "value", v)) for v in key.values())


def record_aid_outcome(
    session: Session,
    enterprise_id: int,
    village_id: int,
    kind: OutcomeKind,
    value: float,
    occurred_on: date,
    actor: Actor,
) -> AidOutcomeChange:
    """Record what an enterprise–village pair delivered on a date. Refused (InputError, one line) unless
    the pair stood in that year; the same pair, kind and date with another value is a correction."""
    key = _aid_outcome_key(session, enterprise_id, village_id, kind, occurred_on, actor)
    if value < 0:
        raise ValueError("an outcome cannot be negative")
    if _pairs_not_standing(session, [(enterprise_id, village_id, occurred_on.year)]):
        enterprise = session.get(Enterprise, enterprise_id)
        village = session.get(Village, village_id)
        assert enterprise is not None and village is not None  # checked above
        params = {"village": village.name, "enterprise": enterprise.name, "year": occurred_on.year}
        raise InputError(
            InputProblem(
                "(outcome)",
                Message("aid.outcome.not_paired", params).text(),
                code="aid.outcome.not_paired",
                params=params,
            )
        )
    stored = session.scalars(select(AidOutcome).filter_by(**key)).one_or_none()
    if stored is not None and stored.value == value:
        return AidOutcomeChange(stored, "unchanged", stored.value, value)
    if stored is None:
        stored = AidOutcome(**key, value=value, recorded_by_id=actor.user_id)
        session.add(stored)
        change, previous, action, details = "recorded", None, "outcome.aid", {"value": value}
    else:
        previous = stored.value
        stored.value, stored.recorded_by_id = value, actor.user_id
        change, action, details = "corrected", "outcome.aid.correct", {"old": previous, "new": value}
    session.flush()
    audit.record(session, actor.username, action, AidOutcome.__tablename__, _audit_key(key), details)
    return AidOutcomeChange(stored, change, previous, value)


def delete_aid_outcome(
    session: Session,
    enterprise_id: int,
    village_id: int,
    kind: OutcomeKind,
    occurred_on: date,
    actor: Actor,
) -> AidOutcomeChange:
    """Delete a recorded aid outcome (a mistaken entry); logged with the value it had."""
    key = _aid_outcome_key(session, enterprise_id, village_id, kind, occurred_on, actor)
    stored = session.scalars(select(AidOutcome).filter_by(**key)).one_or_none()
    if stored is None:
        raise NotFoundError(f"no {OutcomeKind(kind).value} outcome of this pair on {occurred_on.isoformat()}")
    previous = stored.value
    session.delete(stored)
    session.flush()
    audit.record(
        session,
        actor.username,
        "outcome.aid.delete",
        AidOutcome.__tablename__,
        _audit_key(key),
        {"old": previous, "new": None},
    )
    return AidOutcomeChange(None, "deleted", previous, None)


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


AID_PAIR_COLUMNS = [
    "year",
    "village_id",
    "enterprise_id",
    "village",
    "enterprise",
    "park_id",
    "role",
    "term_start",
    "term_years",
    "term",
]


def aid_pairs(session: Session, actor: Actor) -> pd.DataFrame:
    """Per year, the pairs outcomes can be recorded against: lead pairs approved or pinned in that year's
    runs or within their term, and helper pairs approved that year; from the first aid run's year to the
    last year a term reaches. A park official sees their own park's pairs only."""
    require(actor, Action.RECORD_AID_OUTCOME, park_scope(actor))
    first, last = session.execute(
        select(func.min(MatchingRun.year), func.max(MatchingRun.year)).where(
            MatchingRun.program == Program.AID, MatchingRun.year.is_not(None)
        )
    ).one()
    if first is None or last is None:
        return pd.DataFrame(columns=AID_PAIR_COLUMNS)
    by_year = _lead_decisions(session, last)
    ends = [d.tenure.end for decided in by_year.values() for d in decided]
    years = range(first, max([last, *ends]) + 1)
    helpers = _helper_pairs(session, years)
    rows: list[tuple[Any, ...]] = []
    for year in years:
        for village, tenure in _tenures(by_year, year).items():
            if tenure.covers(year):
                rows.append((year, village, tenure.enterprise_id, LEAD, tenure.start, tenure.years))
        rows += [
            (year, village, enterprise, HELPER, year, 1) for village, enterprise in helpers.get(year, ())
        ]
    villages = dict(session.execute(select(Village.id, Village.name)).all())
    enterprises = {
        enterprise: (name, park)
        for enterprise, name, park in session.execute(
            select(Enterprise.id, Enterprise.name, Enterprise.park_id)
        )
    }
    frame = pd.DataFrame(
        [
            (
                year,
                village,
                enterprise,
                villages[village],
                *enterprises[enterprise],
                role,
                start,
                term_years,
                term_text(start, term_years),
            )
            for year, village, enterprise, role, start, term_years in rows
        ],
        columns=AID_PAIR_COLUMNS,
    )
    if actor.role is Role.PARK_OFFICIAL:
        frame = frame[frame["park_id"] == actor.park_id]
    return frame.sort_values(["year", "village", "role"]).reset_index(drop=True)


def _id_of(session: Session, model: type[Base], column: Any, code: str, what: str) -> int:
    found = session.scalar(select(model.id).where(column == code))
    if found is None:
        raise NotFoundError(f"no {what} with code '{code}'")
    return int(found)


def record_jobfair_outcome_of(
    session: Session,
    event_code: str,
    graduate_code: str,
    position_code: str,
    kind: str,
    occurred_on: date,
    actor: Actor,
) -> JobFairOutcome:
    """`record_jobfair_outcome` by the codes on the fair's papers (the command line's `outcomes record`)."""
    require(actor, Action.RECORD_JOBFAIR_OUTCOME)
    return record_jobfair_outcome(
        session,
        _id_of(session, JobFairEvent, JobFairEvent.code, event_code, "job fair"),
        _id_of(session, Graduate, Graduate.code, graduate_code, "graduate"),
        _id_of(session, Position, Position.code, position_code, "position"),
        OutcomeKind(kind),
        occurred_on,
        actor,
    )


def record_aid_outcome_of(
    session: Session,
    enterprise_code: str,
    village_code: str,
    kind: str,
    value: float,
    occurred_on: date,
    actor: Actor,
) -> AidOutcomeChange:
    """`record_aid_outcome` by the enterprise's credit code and the village's division code."""
    require(actor, Action.RECORD_AID_OUTCOME, park_scope(actor))  # before looking anything up
    return record_aid_outcome(
        session,
        _id_of(session, Enterprise, Enterprise.credit_code, enterprise_code, "enterprise"),
        _id_of(session, Village, Village.division_code, village_code, "village"),
        OutcomeKind(kind),
        value,
        occurred_on,
        actor,
    )
