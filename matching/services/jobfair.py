"""Job-fair runs on stored events: stored data → contract frames → pure core → one run and its proposals.

Every earlier decision of the event holds: approved and pinned pairs are fixed, rejected pairs forbidden,
so a re-run never overturns an official's decision.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import NotFoundError
from matching.jobfair.methods import METHODS as METHODS  # the core's registry and options, for the pages
from matching.jobfair.pipeline import SolveOptions as SolveOptions
from matching.jobfair.pipeline import solve_frames
from matching.jobfair.result import JobFairResult
from matching.jobfair.result import Method as Method
from matching.jobfair.scoring import FitWeights as FitWeights
from matching.messages import Message
from matching.options import as_parameters
from matching.services import audit
from matching.services.access import Action, Actor, require
from matching.services.decisions import FIXED_STATUSES, _standing_decisions, lock_action
from matching.services.jobs import Progress
from matching.services.privacy import may_be_processed
from matching.services.run_inputs import input_hash
from models import (
    Booth,
    Enterprise,
    Graduate,
    JobFairEvent,
    MatchingRun,
    Position,
    Program,
    Proposal,
    ProposalStatus,
    Registration,
    RunStatus,
    University,
    Wish,
)


@dataclass(frozen=True)
class EventFrames:
    """An event in the file contract of `matching.jobfair.files`, ids being the natural keys."""

    graduates: pd.DataFrame
    positions: pd.DataFrame
    graduate_preferences: pd.DataFrame
    locks: pd.DataFrame
    decided: dict[tuple[str, str], ProposalStatus]  # (graduate code, position code) → standing decision


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    status: RunStatus
    summary: str
    matched: int
    graduates: int
    moved: int | None  # graduates whose proposal differs from the previous run of the same method
    kept_decisions: int
    message: Message  # the summary as a code and its parameters, said in the reader's language


def _event_by_code(session: Session, code: str) -> JobFairEvent:
    event = session.scalars(select(JobFairEvent).where(JobFairEvent.code == code)).one_or_none()
    if event is None:
        raise NotFoundError(f"no job fair with code '{code}'")
    return event


def _event_runs(session: Session, event_id: int) -> list[int]:
    return list(
        session.scalars(
            select(MatchingRun.id)
            .where(MatchingRun.program == Program.JOBFAIR, MatchingRun.event_id == event_id)
            .order_by(MatchingRun.id)
        )
    )


def _event_frames(session: Session, event: JobFairEvent) -> EventFrames:
    graduate_rows = session.execute(
        select(Graduate, University.name)
        .join(Registration, Registration.graduate_id == Graduate.id)
        .join(University, University.id == Graduate.university_id)
        .where(Registration.event_id == event.id, may_be_processed())
        .order_by(Graduate.code)
    ).all()
    graduates = pd.DataFrame(
        {
            "graduate_id": [g.code for g, _ in graduate_rows],
            "university": [u for _, u in graduate_rows],
            "major_code": [g.major_code for g, _ in graduate_rows],
            "degree": [g.degree.value for g, _ in graduate_rows],
            "home_county": [g.home_county_code for g, _ in graduate_rows],
            "preferred_places": [";".join(g.preferred_places) for g, _ in graduate_rows],
            "preferred_industries": [";".join(g.preferred_industries) for g, _ in graduate_rows],
            "expected_salary": [
                "" if g.expected_salary is None else str(g.expected_salary) for g, _ in graduate_rows
            ],
        }
    )
    position_rows = session.execute(
        select(Position, Enterprise.credit_code, Enterprise.industry_code)
        .join(Enterprise, Enterprise.id == Position.enterprise_id)
        .where(Position.event_id == event.id)
        .order_by(Position.code)
    ).all()
    positions = pd.DataFrame(
        {
            "position_id": [p.code for p, _, _ in position_rows],
            "enterprise_id": [credit for _, credit, _ in position_rows],
            "capacity": [str(p.headcount) for p, _, _ in position_rows],
            "title": [p.title for p, _, _ in position_rows],
            "accepted_majors": [";".join(p.accepted_majors) for p, _, _ in position_rows],
            "min_degree": [p.min_degree.value for p, _, _ in position_rows],
            "salary_min": [str(p.salary_min) for p, _, _ in position_rows],
            "salary_max": [str(p.salary_max) for p, _, _ in position_rows],
            "work_county": [p.work_county_code for p, _, _ in position_rows],
            "industry_code": [industry for _, _, industry in position_rows],
        }
    )
    capacity = _interview_capacity(session, event, [p.enterprise_id for p, _, _ in position_rows])
    if capacity is not None:
        positions["interview_capacity"] = [str(c) for c in capacity]
    wishes = session.execute(
        select(Graduate.code, Position.code, Wish.rank)
        .join(Graduate, Graduate.id == Wish.graduate_id)
        .join(Position, Position.id == Wish.position_id)
        .where(Wish.event_id == event.id, may_be_processed())
        .order_by(Graduate.code, Wish.rank)
    ).all()
    preferences = pd.DataFrame(
        {
            "graduate_id": [g for g, _, _ in wishes],
            "position_id": [p for _, p, _ in wishes],
            "rank": [str(r) for _, _, r in wishes],
        }
    )
    present = set(graduates["graduate_id"])
    decided = {pair: status for pair, status in _decided_pairs(session, event).items() if pair[0] in present}
    locks = pd.DataFrame(
        {
            "graduate_id": [g for g, _ in decided],
            "position_id": [p for _, p in decided],
            "action": [lock_action(status) for status in decided.values()],
        }
    )
    return EventFrames(graduates, positions, preferences, locks, decided)


def _interview_capacity(session: Session, event: JobFairEvent, enterprise_of: list[int]) -> list[int] | None:
    """Interviews each position can hold on the fair day: its booth's interviewers × slots, shared among
    the enterprise's positions. None when no booth is described (the core then uses its default)."""
    booths = dict(
        session.execute(
            select(Booth.enterprise_id, Booth.interviewers).where(Booth.event_id == event.id)
        ).all()
    )
    if not booths:
        return None
    slots = _minutes(event.closes) - _minutes(event.opens)
    slots //= event.slot_minutes
    positions_per_enterprise = Counter(enterprise_of)
    seen: Counter[int] = Counter()
    capacity = []
    for enterprise in enterprise_of:
        total = booths.get(enterprise, 0) * slots
        share, extra = divmod(total, positions_per_enterprise[enterprise])
        capacity.append(share + (1 if seen[enterprise] < extra else 0))
        seen[enterprise] += 1
    return capacity


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _decided_pairs(session: Session, event: JobFairEvent) -> dict[tuple[str, str], ProposalStatus]:
    standing = _standing_decisions(session, _event_runs(session, event.id))
    if not standing:
        return {}
    graduate_codes = dict(
        session.execute(
            select(Graduate.id, Graduate.code).where(Graduate.id.in_({g for g, _ in standing}))
        ).all()
    )
    position_codes = dict(
        session.execute(
            select(Position.id, Position.code).where(Position.id.in_({p for _, p in standing}))
        ).all()
    )
    return {(graduate_codes[g], position_codes[p]): status for (g, p), status in standing.items()}


def _with_event_weights(options: SolveOptions, event: JobFairEvent) -> SolveOptions:
    """Options without weights take the event's stored weights (or the defaults)."""
    if options.weights is not None:
        return options
    return replace(options, weights=FitWeights(**event.weights) if event.weights else FitWeights())


def _solve_event(frames: EventFrames, options: SolveOptions) -> JobFairResult:
    return solve_frames(
        frames.graduates,
        frames.positions,
        frames.graduate_preferences if len(frames.graduate_preferences) else None,
        None,
        frames.locks if len(frames.locks) else None,
        options,
    )


def run_event(
    sessions: sessionmaker[Session],
    event_code: str,
    options: SolveOptions | None = None,
    *,
    actor: Actor,
    progress: Progress | None = None,
) -> tuple[RunSummary, JobFairResult]:
    """Solve a stored event with `options` and store the run with its proposals, in one transaction.

    Every option reaches the core unchanged and is stored in the run's parameters as solved (the event's
    weights when none are given, the seed drawn when none is given). With a `progress`, phases are reported
    and a cancel before the commit leaves nothing written.
    """
    require(actor, Action.RUN_JOBFAIR)
    progress = progress or Progress()
    options = options or SolveOptions()
    with sessions() as session, session.begin():
        progress.update(0.05, "load")
        event = _event_by_code(session, event_code)
        frames = _event_frames(session, event)
        options = _with_event_weights(options, event)
        progress.update(0.3, "solve")
        result = _solve_event(frames, options)
        parameters = {**as_parameters(replace(options, seed=result.seed)), "locks": len(frames.locks)}
        progress.update(0.7, "store")
        previous = _previous_assignment(session, event.id, options.method)
        run = MatchingRun(
            program=Program.JOBFAIR,
            event_id=event.id,
            method=options.method.value,
            parameters=parameters,
            seed=result.seed,
            solver_version=f"{result.solver} {result.solver_version}",
            input_hash=input_hash(
                (frames.graduates, frames.positions, frames.graduate_preferences, frames.locks), parameters
            ),
            status=RunStatus(result.status.value),
            objective=result.objective if result.status.has_solution else None,
            bound=result.bound,
            message=result.summary(),
            summary=result.summary_message().to_json(),
            fairness=result.fairness.to_json() if result.fairness is not None else None,
            timings={phase: round(seconds, 4) for phase, seconds in result.timings.seconds.items()},
            created_by_id=actor.user_id,
        )
        session.add(run)
        session.flush()
        current = _store_proposals(session, run.id, result, frames.decided)
        moved = None
        if previous is not None and METHODS[options.method].one_row_per_graduate:
            moved = sum(1 for graduate, position in current.items() if previous.get(graduate) != position)
        audit.record(
            session,
            actor.username,
            "run.jobfair",
            "matching_run",
            str(run.id),
            {"event": event_code, "method": options.method.value, "seed": result.seed, "moved": moved},
        )
        summary = RunSummary(
            run_id=run.id,
            status=run.status,
            summary=result.summary(),
            matched=result.matched_graduates,
            graduates=len(frames.graduates),
            moved=moved,
            kept_decisions=len(frames.decided),
            message=result.summary_message(),
        )
        progress.update(1.0, "commit")  # the last chance to cancel: nothing is written before this
    return summary, result


def _previous_assignment(session: Session, event_id: int, method: Method) -> dict[int, int | None] | None:
    """graduate id → position id (None = unmatched) in the latest earlier run of this method."""
    run_id = session.scalar(
        select(MatchingRun.id)
        .where(
            MatchingRun.program == Program.JOBFAIR,
            MatchingRun.event_id == event_id,
            MatchingRun.method == method.value,
        )
        .order_by(MatchingRun.id.desc())
        .limit(1)
    )
    if run_id is None:
        return None
    rows = session.execute(
        select(Proposal.graduate_id, Proposal.position_id).where(Proposal.run_id == run_id)
    ).all()
    return {graduate: position for graduate, position in rows if graduate is not None}


def _store_proposals(
    session: Session, run_id: int, result: JobFairResult, decided: dict[tuple[str, str], ProposalStatus]
) -> dict[int, int | None]:
    """Insert the run's proposals in bulk; returns graduate id → position id (None = unmatched)."""
    graduate_ids = dict(session.execute(select(Graduate.code, Graduate.id)).all())
    position_rows = session.execute(select(Position.code, Position.id, Position.enterprise_id)).all()
    position_ids = {code: (pid, eid) for code, pid, eid in position_rows}
    rows: list[dict[str, Any]] = []
    assignment: dict[int, int | None] = {}
    assigned = result.assignments_frame()
    component_columns = [c for c in assigned.columns if c.startswith("fit_")]
    for record in assigned.itertuples(index=False):
        graduate_code, position_code = str(record.graduate_id), str(record.position_id)
        position_id, enterprise_id = position_ids[position_code]
        graduate_id = graduate_ids[graduate_code]
        components = {
            column.removeprefix("fit_"): _finite(getattr(record, column)) for column in component_columns
        }
        rows.append(
            {
                "run_id": run_id,
                "graduate_id": graduate_id,
                "position_id": position_id,
                "enterprise_id": enterprise_id,
                "score": float(record.score),
                "components": components,
                "graduate_rank": _rank(record.graduate_rank),
                "position_rank": _rank(record.position_rank),
                "status": decided.get((graduate_code, position_code), ProposalStatus.PROPOSED),
                "version": 1,
            }
        )
        assignment[graduate_id] = position_id
    for record in result.unmatched_frame().itertuples(index=False):
        graduate_id = graduate_ids[str(record.graduate_id)]
        rows.append(
            {
                "run_id": run_id,
                "graduate_id": graduate_id,
                "components": {},
                "reason": str(record.reason),
                "status": ProposalStatus.PROPOSED,
                "version": 1,
            }
        )
        assignment.setdefault(graduate_id, None)
    for start in range(0, len(rows), 5000):
        session.execute(insert(Proposal), rows[start : start + 5000])
    return assignment


def _finite(value: Any) -> float | None:
    number = float(value)
    return round(number, 6) if np.isfinite(number) else None


def _rank(value: Any) -> int | None:
    rank = int(value)
    return rank if rank > 0 else None


def events(session: Session, actor: Actor) -> list[JobFairEvent]:
    require(actor, Action.VIEW_DATA)
    return list(
        session.scalars(select(JobFairEvent).order_by(JobFairEvent.held_on.desc(), JobFairEvent.code))
    )


def preview_event(
    sessions: sessionmaker[Session],
    event_code: str,
    options: SolveOptions | None = None,
    *,
    actor: Actor,
) -> JobFairResult:
    """Solve without storing anything: the pre-check's findings and what a run would give (seed 0 when
    none is given, so that two previews agree)."""
    require(actor, Action.RUN_JOBFAIR)
    options = options or SolveOptions()
    with sessions() as session:
        event = _event_by_code(session, event_code)
        frames = _event_frames(session, event)
        options = _with_event_weights(options, event)
    return _solve_event(frames, replace(options, seed=0) if options.seed is None else options)


def approved_pairs(session: Session, event_id: int, actor: Actor) -> pd.DataFrame:
    """The event's pairs standing approved (or pinned): what outcomes are recorded against."""
    require(actor, Action.RECORD_JOBFAIR_OUTCOME)
    decided = _standing_decisions(session, _event_runs(session, event_id))
    wanted = [pair for pair, status in decided.items() if status in FIXED_STATUSES]
    if not wanted:
        return pd.DataFrame(columns=["graduate_id", "position_id", "graduate", "position", "enterprise"])
    graduates = dict(session.execute(select(Graduate.id, Graduate.code)).all())
    positions = {
        pid: (title, enterprise)
        for pid, title, enterprise in session.execute(
            select(Position.id, Position.title, Enterprise.name).join(
                Enterprise, Enterprise.id == Position.enterprise_id
            )
        )
    }
    return pd.DataFrame(
        [
            {
                "graduate_id": g,
                "position_id": p,
                "graduate": graduates[g],
                "position": positions[p][0],
                "enterprise": positions[p][1],
            }
            for g, p in wanted
        ]
    )
