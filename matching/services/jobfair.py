"""Job-fair runs on stored events: stored data → contract frames → pure core → one run and its proposals.

Every earlier decision of the event holds: approved and pinned pairs are fixed, rejected pairs forbidden,
so a re-run never overturns an official's decision. An approved recommendation (a shortlist's pair) is an
interview, not a placement: it is fixed in later shortlists only, while a rejection forbids the pair in
every later run.

A shortlist fits the fair day as the timetable models it (`matching.jobfair.day`): each graduate at most
the interviews they registered for and can attend between classes, each booth at most what its
interviewers can hold between arrival and departure, less breaks.

A re-run (a run of a method the event has run before) reuses the event's last seed unless one is given,
keeps the previous run's pairs as the method allows, and says who moved and why (`RunSummary.moves`).
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
from matching.jobfair.day import day_capacity
from matching.jobfair.methods import METHODS as METHODS  # the core's registry and options, for the pages
from matching.jobfair.moves import PreviousRun
from matching.jobfair.pipeline import SolveOptions as SolveOptions
from matching.jobfair.pipeline import solve_frames
from matching.jobfair.result import GraduateMove as GraduateMove
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
    # graduates of both runs whose position (shortlist: recommended positions) differs from the previous
    # run of the same method; None on a first run
    moved: int | None
    kept_decisions: int
    message: Message  # the summary as a code and its parameters, said in the reader's language
    moves: tuple[GraduateMove, ...] = ()  # who moved, from where to where, and why (`move_messages`)
    previous_run: int | None = None  # the run this one was compared with
    seed: int | None = None  # the seed solved with …
    seed_from_run: int | None = None  # … reused from this run, when none was given

    @property
    def move_messages(self) -> list[Message]:
        """One `jobfair.move` message per moved graduate (graduate, before, after, reason)."""
        return [move.message() for move in self.moves]


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


def _event_frames(session: Session, event: JobFairEvent, method: Method) -> EventFrames:
    shortlist = not METHODS[method].one_row_per_graduate
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
    if shortlist:
        booth_interviews, graduate_interviews = _day_capacity(
            session, event, [p.enterprise_id for p, _, _ in position_rows], [g.code for g, _ in graduate_rows]
        )
        positions["interview_capacity"] = [str(c) for c in booth_interviews]
        graduates["max_interviews"] = [str(c) for c in graduate_interviews]
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
    decided = {
        pair: status
        for pair, status in _decided_pairs(session, event, shortlist).items()
        if pair[0] in present
    }
    locks = pd.DataFrame(
        {
            "graduate_id": [g for g, _ in decided],
            "position_id": [p for _, p in decided],
            "action": [lock_action(status) for status in decided.values()],
        }
    )
    return EventFrames(graduates, positions, preferences, locks, decided)


def _day_capacity(
    session: Session, event: JobFairEvent, enterprise_of: list[int], graduate_codes: list[str]
) -> tuple[list[int], list[int]]:
    """Per position, interviews its booth can hold on the day (shared among the enterprise's positions);
    per graduate, interviews they can attend. Read from the frames the timetable itself is given, so a
    booth nobody described has the timetable's default interviewers."""
    from matching.services import timetable  # it imports this module: load it when first needed

    booths = timetable._booths_frame(session, event, set(enterprise_of))
    staffed = booths["interviewers"] != "0"  # a booth left without interviewers holds nothing
    capacity = day_capacity(
        timetable._fair_frame(event), booths[staffed], _registrations_frame(session, event, graduate_codes)
    )
    codes = dict(
        session.execute(
            select(Enterprise.id, Enterprise.credit_code).where(Enterprise.id.in_(set(enterprise_of)))
        ).all()
    )
    per_booth = {**dict.fromkeys(booths["enterprise_id"], 0), **capacity.booth_interviews()}
    positions_per_enterprise = Counter(enterprise_of)
    seen: Counter[int] = Counter()
    per_position = []
    for enterprise in enterprise_of:
        share, extra = divmod(per_booth[codes[enterprise]], positions_per_enterprise[enterprise])
        per_position.append(share + (1 if seen[enterprise] < extra else 0))
        seen[enterprise] += 1
    per_graduate = capacity.graduate_interviews()
    return per_position, [per_graduate[code] for code in graduate_codes]


def _registrations_frame(session: Session, event: JobFairEvent, graduate_codes: list[str]) -> pd.DataFrame:
    """The timetable's graduates.csv for these graduates (the whole event read at once: no IN list of
    100,000 codes, which SQLite would refuse)."""
    rows = session.execute(
        select(Graduate.code, Registration.max_interviews, Registration.unavailable)
        .join(Registration, Registration.graduate_id == Graduate.id)
        .where(Registration.event_id == event.id)
    ).all()
    frame = pd.DataFrame(
        [
            {
                "graduate_id": code,
                "max_interviews": "" if limit is None else str(limit),
                "unavailable": unavailable or "",
            }
            for code, limit, unavailable in rows
        ],
        columns=["graduate_id", "max_interviews", "unavailable"],
    )
    return frame[frame["graduate_id"].isin(set(graduate_codes))].reset_index(drop=True)


def _decided_pairs(
    session: Session, event: JobFairEvent, shortlist: bool
) -> dict[tuple[str, str], ProposalStatus]:
    """The standing decisions as locks for a run: for a placement, an approval counts only when it was
    made on a placement (approving several recommendations of a graduate does not place them thrice)."""
    runs = dict(
        session.execute(
            select(MatchingRun.id, MatchingRun.method).where(
                MatchingRun.program == Program.JOBFAIR, MatchingRun.event_id == event.id
            )
        ).all()
    )
    standing = _standing_decisions(session, sorted(runs))
    if not shortlist and standing:
        placements = [run for run, method in runs.items() if method != Method.SHORTLIST.value]
        on_placements = _standing_decisions(session, sorted(placements))
        standing = {
            pair: status
            for pair, status in standing.items()
            if status not in FIXED_STATUSES or on_placements.get(pair) in FIXED_STATUSES
        }
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


def _solve_event(
    frames: EventFrames, options: SolveOptions, previous: PreviousRun | None = None
) -> JobFairResult:
    return solve_frames(
        frames.graduates,
        frames.positions,
        frames.graduate_preferences if len(frames.graduate_preferences) else None,
        None,
        frames.locks if len(frames.locks) else None,
        options,
        previous,
        stored=True,
    )


def _latest_runs(
    session: Session, event_id: int, method: Method
) -> tuple[MatchingRun | None, MatchingRun | None]:
    """The event's latest run of `method`, and its latest run of any matching method."""
    methods = [m.value for m in METHODS]
    latest = select(MatchingRun).where(
        MatchingRun.program == Program.JOBFAIR,
        MatchingRun.event_id == event_id,
        MatchingRun.method.in_(methods),
    )
    same = session.scalars(
        latest.where(MatchingRun.method == method.value).order_by(MatchingRun.id.desc()).limit(1)
    ).first()
    any_method = session.scalars(latest.order_by(MatchingRun.id.desc()).limit(1)).first()
    return same, any_method


def _reused_seed(
    session: Session, event_id: int, options: SolveOptions
) -> tuple[SolveOptions, int | None, MatchingRun | None]:
    """Options with the seed of the event's last run of the method (else of any method) when none is
    given, so that a re-run with nothing changed moves nobody; the run it came from; the previous run."""
    same, any_method = _latest_runs(session, event_id, options.method)
    if options.seed is not None:
        return options, None, same
    source = same or any_method
    if source is None:
        return options, None, same
    return replace(options, seed=source.seed), source.id, same


def _previous_pairs(session: Session, run: MatchingRun) -> PreviousRun:
    """A stored run's proposals in the core's terms: codes, '' for an unmatched graduate."""
    rows = session.execute(
        select(Graduate.code, Position.code)
        .select_from(Proposal)
        .join(Graduate, Graduate.id == Proposal.graduate_id)
        .outerjoin(Position, Position.id == Proposal.position_id)
        .where(Proposal.run_id == run.id)
    ).all()
    pairs = pd.DataFrame(
        {"graduate_id": [g for g, _ in rows], "position_id": [p or "" for _, p in rows]},
        columns=["graduate_id", "position_id"],
    )
    return PreviousRun(pairs, run.seed)


def _stored_summary(result: JobFairResult) -> dict[str, Any]:
    """The run's summary as stored: its message, the pre-check's notes it counts, and who moved since the
    previous run with why (`review.run_changes` reads them back)."""
    return {
        **result.summary_message().to_json(),
        "notes": [note.message.to_json() for note in result.feasibility.notes],
        "moves": [
            {
                "graduate": m.graduate_id,
                "before": list(m.before),
                "after": list(m.after),
                "reason": m.reason.value,
            }
            for m in result.moves or ()
        ],
    }


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
        frames = _event_frames(session, event, options.method)
        options = _with_event_weights(options, event)
        options, seed_from_run, previous_run = _reused_seed(session, event.id, options)
        previous = _previous_pairs(session, previous_run) if previous_run is not None else None
        progress.update(0.3, "solve")
        result = _solve_event(frames, options, previous)
        parameters = {**as_parameters(replace(options, seed=result.seed)), "locks": len(frames.locks)}
        if seed_from_run is not None:
            parameters["seed_from_run"] = seed_from_run
        if previous_run is not None:
            parameters["previous_run"] = previous_run.id
        progress.update(0.7, "store")
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
            summary=_stored_summary(result),
            fairness=result.fairness.to_json() if result.fairness is not None else None,
            timings={phase: round(seconds, 4) for phase, seconds in result.timings.seconds.items()},
            created_by_id=actor.user_id,
        )
        session.add(run)
        session.flush()
        _store_proposals(session, run.id, result, frames.decided)
        moves = result.moves or ()
        moved = None if result.moves is None else len(moves)
        audit.record(
            session,
            actor.username,
            "run.jobfair",
            "matching_run",
            str(run.id),
            {
                "event": event_code,
                "method": options.method.value,
                "seed": result.seed,
                "seed_from_run": seed_from_run,
                "previous_run": None if previous_run is None else previous_run.id,
                "moved": moved,
            },
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
            moves=moves,
            previous_run=None if previous_run is None else previous_run.id,
            seed=result.seed,
            seed_from_run=seed_from_run,
        )
        progress.update(1.0, "commit")  # the last chance to cancel: nothing is written before this
    return summary, result


def _store_proposals(
    session: Session, run_id: int, result: JobFairResult, decided: dict[tuple[str, str], ProposalStatus]
) -> None:
    """Insert the run's proposals in bulk."""
    graduate_ids = dict(session.execute(select(Graduate.code, Graduate.id)).all())
    position_rows = session.execute(select(Position.code, Position.id, Position.enterprise_id)).all()
    position_ids = {code: (pid, eid) for code, pid, eid in position_rows}
    rows: list[dict[str, Any]] = []
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
    for start in range(0, len(rows), 5000):
        session.execute(insert(Proposal), rows[start : start + 5000])


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
    """Solve without storing anything: the pre-check's findings and what a run would give (against the
    previous run of the method, with its seed reused when none is given, as a run would; seed 0 for a
    first run, so that two previews agree)."""
    require(actor, Action.RUN_JOBFAIR)
    options = options or SolveOptions()
    with sessions() as session:
        event = _event_by_code(session, event_code)
        frames = _event_frames(session, event, options.method)
        options = _with_event_weights(options, event)
        options, _, previous_run = _reused_seed(session, event.id, options)
        previous = _previous_pairs(session, previous_run) if previous_run is not None else None
    return _solve_event(frames, replace(options, seed=0) if options.seed is None else options, previous)


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
