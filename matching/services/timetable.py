"""The fair day's interview timetable on stored events.

Interviews come from the event's latest shortlist run: its approved and pinned pairs, or, while none is
approved, every proposed recommendation. A timetable is stored as a run with one `Interview` row each and
its printable documents (XLSX, HTML). On the day, organisers mark interviews held, started, no-show or
cancelled, add walk-ins and change booths; a re-schedule then re-plans the rest of the day from `now`,
keeping what was held or started and moving as few of the rest as it can.
"""

from __future__ import annotations

import dataclasses
import io
import time
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import ConflictError, NotFoundError
from matching.jobfair.timetable import (
    OUTPUT_COLUMNS,
    SolveOptions,
    reschedule_frames,
    schedule_frames,
)
from matching.jobfair.timetable.export import (
    PEOPLE_COLUMNS,
    Audience,  # also for the pages
    Selection,  # also for the pages
    render_itineraries,
    select_people,
    write_workbook,
)
from matching.jobfair.timetable.problem import InterviewStatus
from matching.jobfair.timetable.reschedule import (
    DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS as DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS,  # for the pages
)
from matching.jobfair.timetable.result import TimetableResult
from matching.jobfair.timetable.result import drops_text as drops_text  # for the pages
from matching.options import as_parameters
from matching.services import audit
from matching.services.access import Action, Actor, require
from matching.services.decisions import FIXED_STATUSES
from matching.services.disclosure import check_release, mask_name, release
from matching.services.jobfair import _event_by_code
from matching.services.jobs import Progress
from matching.services.outcomes import record_what_happened
from matching.services.parsers import clock
from matching.services.privacy import may_be_processed
from matching.services.run_inputs import input_hash
from models import (
    Booth,
    Enterprise,
    Graduate,
    Interview,
    JobFairEvent,
    MatchingRun,
    Position,
    Program,
    Proposal,
    ProposalStatus,
    Registration,
    RunStatus,
    University,
)

METHOD = "timetable"
SHORTLIST = "shortlist"
DEFAULT_INTERVIEWERS = 2  # a booth nobody described
DAY_STATUSES = tuple(status.value for status in InterviewStatus)
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCUMENTS = {"timetable.xlsx": XLSX_MEDIA, "itineraries.html": "text/html"}
# The share of the time limit kept for what follows the solve on the page's path: storing the run (one
# insert, about 0.25 s for 3,200 interviews on SQLite), the commit, the page's reading and drawing of the
# new timetable (about 0.7 s) and CP-SAT's overrun of its own limit (up to 0.2 s); measured at the demo
# scale by bench/bench_timetable.py "page", where the time limit is then the whole path's budget.
AFTER_SOLVE_SHARE = 0.15
MIN_SOLVE_SHARE = 0.5  # the core keeps at least this share of the time limit, whatever loading took


@dataclass(frozen=True)
class TimetableSummary:
    run_id: int
    status: RunStatus
    summary: str
    scheduled: int
    requested: int
    moved: int
    source: str  # what the interviews came from, in words (also stored with the run)
    source_kind: str  # approved / proposed (pairs of a shortlist run) or reschedule (of a timetable run)
    source_run: int
    # seconds of the call by part: load (stored data to frames), solve (the core, with its pre-check and
    # audit), store (the run and its interviews), commit
    seconds: dict[str, float] = dataclasses.field(default_factory=dict)


def _latest_run(session: Session, event_id: int, method: str) -> MatchingRun | None:
    return session.scalars(
        select(MatchingRun)
        .where(
            MatchingRun.program == Program.JOBFAIR,
            MatchingRun.event_id == event_id,
            MatchingRun.method == method,
        )
        .order_by(MatchingRun.id.desc())
        .limit(1)
    ).first()


def latest_timetable(session: Session, event_id: int, actor: Actor) -> MatchingRun | None:
    require(actor, Action.SCHEDULE_JOBFAIR)
    return _latest_run(session, event_id, METHOD)


def _fair_frame(event: JobFairEvent) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "opens": event.opens,
                "closes": event.closes,
                "slot_minutes": str(event.slot_minutes),
                "min_gap_minutes": str(event.min_gap_minutes),
            }
        ]
    )


def _booths_frame(session: Session, event: JobFairEvent, enterprise_ids: set[int]) -> pd.DataFrame:
    stored = {b.enterprise_id: b for b in session.scalars(select(Booth).where(Booth.event_id == event.id))}
    enterprises = session.execute(
        select(Enterprise.id, Enterprise.credit_code, Enterprise.name).where(
            Enterprise.id.in_(enterprise_ids)
        )
    ).all()
    rows = []
    for index, (enterprise_id, code, name) in enumerate(sorted(enterprises, key=lambda e: e[1])):
        booth = stored.get(enterprise_id)
        rows.append(
            {
                "enterprise_id": code,
                "enterprise_name": name,
                "interviewers": str(booth.interviewers if booth else DEFAULT_INTERVIEWERS),
                "booth": (booth.label if booth and booth.label else f"{index + 1:03d}"),
                "arrives": booth.arrives if booth and booth.arrives else "",
                "leaves": booth.leaves if booth and booth.leaves else "",
                "breaks": booth.breaks if booth and booth.breaks else "",
            }
        )
    return pd.DataFrame(
        rows,
        columns=["enterprise_id", "enterprise_name", "interviewers", "booth", "arrives", "leaves", "breaks"],
    )


def _graduates_frame(session: Session, event: JobFairEvent, graduate_ids: set[int]) -> pd.DataFrame:
    rows = session.execute(
        select(Graduate.code, Graduate.name, Registration.max_interviews, Registration.unavailable)
        .join(Registration, Registration.graduate_id == Graduate.id)
        .where(Registration.event_id == event.id, Graduate.id.in_(graduate_ids))
        .order_by(Graduate.code)
    ).all()
    return pd.DataFrame(
        [
            {
                "graduate_id": code,
                "name": name,
                "max_interviews": "" if limit is None else str(limit),
                "unavailable": unavailable or "",
            }
            for code, name, limit, unavailable in rows
        ],
        columns=["graduate_id", "name", "max_interviews", "unavailable"],
    )


def _interviews_from_shortlist(session: Session, event: JobFairEvent) -> tuple[pd.DataFrame, str, int]:
    run = _latest_run(session, event.id, SHORTLIST)
    if run is None:
        raise NotFoundError("no shortlist for this fair yet: run the shortlist method first")
    statement = (
        select(
            Proposal, Graduate.code, Enterprise.credit_code, Position.code, Position.title, Proposal.status
        )
        .join(Graduate, Graduate.id == Proposal.graduate_id)
        .join(Enterprise, Enterprise.id == Proposal.enterprise_id)
        .join(Position, Position.id == Proposal.position_id)
        .where(Proposal.run_id == run.id, may_be_processed())
        .order_by(Proposal.id)
    )
    rows = session.execute(statement).all()
    approved = [r for r in rows if r[5] in FIXED_STATUSES]
    chosen, source = (
        (approved, f"approved pairs of shortlist run {run.id}")
        if approved
        else (
            [r for r in rows if r[5] is ProposalStatus.PROPOSED],
            f"proposed pairs of shortlist run {run.id} (none approved yet)",
        )
    )
    frame = pd.DataFrame(
        [
            {
                "graduate_id": graduate,
                "enterprise_id": enterprise,
                "position_id": position,
                "position_title": title,
                "score": "" if proposal.score is None else f"{proposal.score:.6f}",
                "wish_rank": "" if proposal.graduate_rank is None else str(proposal.graduate_rank),
            }
            for proposal, graduate, enterprise, position, title, _ in chosen
        ],
        columns=["graduate_id", "enterprise_id", "position_id", "position_title", "score", "wish_rank"],
    )
    return frame, source, run.id


def _ids(session: Session, frame: pd.DataFrame) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    graduates = dict(
        session.execute(
            select(Graduate.code, Graduate.id).where(Graduate.code.in_(set(frame["graduate_id"])))
        ).all()
    )
    enterprises = dict(
        session.execute(
            select(Enterprise.credit_code, Enterprise.id).where(
                Enterprise.credit_code.in_(set(frame["enterprise_id"]))
            )
        ).all()
    )
    positions = dict(
        session.execute(
            select(Position.code, Position.id).where(
                Position.code.in_({p for p in frame["position_id"] if p})
            )
        ).all()
    )
    return graduates, enterprises, positions


def _store(
    session: Session,
    event: JobFairEvent,
    interviews: pd.DataFrame,
    result: TimetableResult,
    actor: Actor,
    settings: dict[str, Any],
) -> MatchingRun:
    """The run and its interviews, inserted in one statement (the printouts are made when asked for)."""
    run = MatchingRun(
        program=Program.JOBFAIR,
        event_id=event.id,
        method=METHOD,
        parameters=settings,
        seed=result.seed,
        solver_version=f"{result.solver} {result.solver_version}",
        input_hash=input_hash((interviews,), settings),
        status=RunStatus(result.status.value),
        objective=None if result.objective is None else float(result.objective),
        bound=None if result.bound is None else float(result.bound),
        message=result.summary(),
        summary=result.summary_message().to_json(),
        timings={phase: round(seconds, 4) for phase, seconds in result.timings.seconds.items()},
        created_by_id=actor.user_id,
    )
    session.add(run)
    session.flush()
    graduates, enterprises, positions = _ids(session, interviews)
    table = result.timetable_frame()
    statuses = (
        interviews["status"].tolist() if "status" in interviews.columns else ["pending"] * len(interviews)
    )
    scores = _column(interviews, "score")
    ranks = _column(interviews, "wish_rank")
    rows = [
        {
            "run_id": run.id,
            "graduate_id": graduates[graduate],
            "enterprise_id": enterprises[enterprise],
            "position_id": positions.get(position) if position else None,
            "score": float(score) if score else None,
            "wish_rank": int(rank) if rank else None,
            "start": start or None,
            "end": end or None,
            "interviewer": int(interviewer) if interviewer else None,
            "status": status or "pending",
            "moved": moved == "true",
            "reason": reason or None,
            "version": 1,
        }
        for graduate, enterprise, position, start, end, interviewer, moved, reason, score, rank, status in zip(
            table["graduate_id"],
            table["enterprise_id"],
            table["position_id"],
            table["start"],
            table["end"],
            table["interviewer"],
            table["moved"],
            table["reason"],
            scores,
            ranks,
            statuses,
            strict=True,
        )
    ]
    if rows:
        session.execute(insert(Interview), rows)
    session.flush()
    return run


def _column(frame: pd.DataFrame, name: str) -> list[str]:
    """A text column as plain strings, empty where missing (NaN included)."""
    if name not in frame.columns:
        return [""] * len(frame)
    return ["" if value is None or str(value) in ("", "nan") else str(value) for value in frame[name]]


def _parts(
    summary: TimetableSummary, started: float, solving: float, storing: float, committing: float
) -> None:
    done = time.perf_counter()
    summary.seconds.update(
        load=solving - started, solve=storing - solving, store=committing - storing, commit=done - committing
    )


def _within_budget(options: SolveOptions, started: float) -> SolveOptions:
    """The options for the core: the time limit is the budget of the page's whole path, so the core gets
    what loading left of it, less `AFTER_SOLVE_SHARE` for storing and showing the timetable (never below
    half the limit). The run records the options as given."""
    spent = time.perf_counter() - started
    limit = max((1 - AFTER_SOLVE_SHARE) * options.time_limit - spent, MIN_SOLVE_SHARE * options.time_limit)
    return dataclasses.replace(options, time_limit=limit)


def _settings(options: SolveOptions, result: TimetableResult) -> dict[str, Any]:
    """Every option of the run as solved (the seed drawn when none was given)."""
    return {**as_parameters(options), "seed": result.seed}


def schedule_event(
    sessions: sessionmaker[Session],
    event_code: str,
    options: SolveOptions | None = None,
    *,
    actor: Actor,
    progress: Progress | None = None,
) -> tuple[TimetableSummary, TimetableResult]:
    """A fresh timetable from the event's shortlist, stored as a run with its documents."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    started = time.perf_counter()
    progress = progress or Progress()
    options = options or SolveOptions()
    with sessions() as session, session.begin():
        progress.update(0.05, "load")
        event = _event_by_code(session, event_code)
        interviews, source, shortlist_run = _interviews_from_shortlist(session, event)
        if interviews.empty:
            raise NotFoundError("the shortlist has no pairs to interview")
        graduates, enterprises, _ = _ids(session, interviews)
        booths = _booths_frame(session, event, set(enterprises.values()))
        registered = _graduates_frame(session, event, set(graduates.values()))
        progress.update(0.2, "solve")
        solving = time.perf_counter()
        result = schedule_frames(
            _fair_frame(event), interviews, booths, registered, _within_budget(options, started)
        )
        storing = time.perf_counter()
        progress.update(0.8, "store")
        settings = {**_settings(options, result), "source": source}
        run = _store(session, event, interviews, result, actor, settings)
        audit.record(
            session, actor.username, "run.timetable", "matching_run", str(run.id), {"event": event_code}
        )
        summary = TimetableSummary(
            run.id,
            run.status,
            result.summary(),
            result.scheduled_count,
            result.requested_count,
            0,
            source,
            "approved" if source.startswith("approved") else "proposed",
            shortlist_run,
        )
        progress.update(1.0, "commit")
        committing = time.perf_counter()
    _parts(summary, started, solving, storing, committing)
    return summary, result


def _current_plan(session: Session, event: JobFairEvent) -> tuple[MatchingRun, list[Interview]]:
    run = _latest_run(session, event.id, METHOD)
    if run is None:
        raise NotFoundError("no timetable for this fair yet")
    entries = list(
        session.scalars(select(Interview).where(Interview.run_id == run.id).order_by(Interview.id))
    )
    return run, entries


def reschedule_event(
    sessions: sessionmaker[Session],
    event_code: str,
    now: str,
    options: SolveOptions | None = None,
    *,
    actor: Actor,
    progress: Progress | None = None,
) -> tuple[TimetableSummary, TimetableResult]:
    """Re-plan the rest of the day from `now` (HH:MM) after the statuses, walk-ins and booth changes made
    on the latest timetable: held and started interviews stay, the rest move as little as possible."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    started = time.perf_counter()
    progress = progress or Progress()
    options = options or SolveOptions(time_limit=DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS)
    with sessions() as session, session.begin():
        progress.update(0.05, "load")
        event = _event_by_code(session, event_code)
        previous_run, entries = _current_plan(session, event)
        graduate_codes = dict(session.execute(select(Graduate.id, Graduate.code)).all())
        enterprise_codes = dict(session.execute(select(Enterprise.id, Enterprise.credit_code)).all())
        positions = {
            pid: (code, title)
            for pid, code, title in session.execute(select(Position.id, Position.code, Position.title))
        }
        records = []
        previous = []
        for entry in entries:
            position_code, title = (
                positions.get(entry.position_id, ("", "")) if entry.position_id else ("", "")
            )
            records.append(
                {
                    "graduate_id": graduate_codes[entry.graduate_id],
                    "enterprise_id": enterprise_codes[entry.enterprise_id],
                    "position_id": position_code,
                    "position_title": title,
                    "score": "" if entry.score is None else f"{entry.score:.6f}",
                    "wish_rank": "" if entry.wish_rank is None else str(entry.wish_rank),
                    "status": entry.status,
                    "start": (entry.start or "") if entry.status in ("held", "started") else "",
                }
            )
            previous.append(
                {
                    "graduate_id": graduate_codes[entry.graduate_id],
                    "enterprise_id": enterprise_codes[entry.enterprise_id],
                    "position_id": position_code,
                    "start": entry.start or "",
                    "end": entry.end or "",
                    "interviewer": "" if entry.interviewer is None else str(entry.interviewer),
                    "moved": "false",
                    "reason": entry.reason or "",
                }
            )
        interviews = pd.DataFrame(records)
        graduates, enterprises, _ = _ids(session, interviews)
        booths = _booths_frame(session, event, set(enterprises.values()))
        registered = _graduates_frame(session, event, set(graduates.values()))
        progress.update(0.2, "solve")
        solving = time.perf_counter()
        result = reschedule_frames(
            _fair_frame(event),
            interviews,
            booths,
            registered,
            pd.DataFrame(previous),
            now,
            _within_budget(options, started),
            previous_file=f"timetable run {previous_run.id}",
        )
        storing = time.perf_counter()
        progress.update(0.8, "store")
        settings = {**_settings(options, result), "now": now, "previous_run": previous_run.id}
        run = _store(session, event, interviews, result, actor, settings)
        audit.record(
            session,
            actor.username,
            "run.reschedule",
            "matching_run",
            str(run.id),
            {"event": event_code, "now": now, "moved": result.moved_count},
        )
        summary = TimetableSummary(
            run.id,
            run.status,
            result.summary(),
            result.scheduled_count,
            result.requested_count,
            result.moved_count,
            f"timetable run {previous_run.id} after the day's changes",
            "reschedule",
            previous_run.id,
        )
        progress.update(1.0, "commit")
        committing = time.perf_counter()
    _parts(summary, started, solving, storing, committing)
    return summary, result


def mark_interview(
    session: Session, interview_id: int, status: str, actor: Actor, expected_version: int | None = None
) -> None:
    """A no-show, a cancellation, or an interview held or started, on the latest timetable."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    if status not in DAY_STATUSES:
        raise ValueError(f"'{status}' is not one of {', '.join(DAY_STATUSES)}")
    entry = session.get(Interview, interview_id)
    if entry is None:
        raise NotFoundError(f"interview {interview_id} does not exist")
    if expected_version is not None and entry.version != expected_version:
        raise ConflictError(f"interview {interview_id} was changed by someone else; reload it")
    if status in ("held", "started") and entry.start is None:
        raise ValueError("an interview without a slot cannot be held; re-schedule first")
    entry.status = status
    session.flush()
    audit.record(
        session, actor.username, "interview.status", "interview", str(interview_id), {"status": status}
    )
    _record_what_happened(session, entry, actor)


# What a mark on the day means for the fair's outcomes: recorded once, not typed in again afterwards.
def _record_what_happened(session: Session, entry: Interview, actor: Actor) -> None:
    record_what_happened(session, entry.id, actor)


def mark_interview_of(
    session: Session, event_code: str, graduate_code: str, enterprise_code: str, status: str, actor: Actor
) -> int:
    """`mark_interview` by the codes people have at hand (the graduate's and the enterprise's): the pair's
    interview on the fair's latest timetable; returns its id."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    event = _event_by_code(session, event_code)
    run, _ = _current_plan(session, event)
    interview_id = session.scalar(
        select(Interview.id)
        .join(Graduate, Graduate.id == Interview.graduate_id)
        .join(Enterprise, Enterprise.id == Interview.enterprise_id)
        .where(
            Interview.run_id == run.id,
            Graduate.code == graduate_code,
            Enterprise.credit_code == enterprise_code,
        )
        .order_by(Interview.id)
        .limit(1)
    )
    if interview_id is None:
        raise NotFoundError(
            f"no interview of {graduate_code} at {enterprise_code} on the latest timetable of {event_code}"
        )
    mark_interview(session, interview_id, status, actor)
    return interview_id


def add_walk_in(
    session: Session, event_code: str, graduate_code: str, enterprise_code: str, actor: Actor
) -> Interview:
    """A graduate who turns up at a booth without an interview: scheduled at the next re-schedule."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    event = _event_by_code(session, event_code)
    run, _ = _current_plan(session, event)
    graduate = session.scalars(select(Graduate).where(Graduate.code == graduate_code)).one_or_none()
    enterprise = session.scalars(
        select(Enterprise).where(Enterprise.credit_code == enterprise_code)
    ).one_or_none()
    if graduate is None or enterprise is None:
        raise NotFoundError(f"no graduate '{graduate_code}' or no enterprise '{enterprise_code}'")
    registered = session.scalar(
        select(Registration.id).where(
            Registration.event_id == event.id, Registration.graduate_id == graduate.id
        )
    )
    if registered is None:
        raise ValueError(f"{graduate_code} is not registered for this fair")
    entry = Interview(run_id=run.id, graduate_id=graduate.id, enterprise_id=enterprise.id, status="pending")
    session.add(entry)
    session.flush()
    audit.record(
        session, actor.username, "interview.walk_in", "interview", str(entry.id), {"graduate": graduate_code}
    )
    return entry


def change_booth(
    session: Session,
    event_code: str,
    enterprise_code: str,
    actor: Actor,
    interviewers: int | None = None,
    arrives: str | None = None,
    leaves: str | None = None,
) -> Booth:
    """A late enterprise (arrives), an interviewer who leaves (fewer interviewers, or leaves)."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    event = _event_by_code(session, event_code)
    enterprise = session.scalars(
        select(Enterprise).where(Enterprise.credit_code == enterprise_code)
    ).one_or_none()
    if enterprise is None:
        raise NotFoundError(f"no enterprise '{enterprise_code}'")
    booth = session.scalars(
        select(Booth).where(Booth.event_id == event.id, Booth.enterprise_id == enterprise.id)
    ).one_or_none()
    if booth is None:
        booth = Booth(event_id=event.id, enterprise_id=enterprise.id, interviewers=DEFAULT_INTERVIEWERS)
        session.add(booth)
    if interviewers is not None:
        booth.interviewers = interviewers
    if arrives is not None:
        booth.arrives = clock(arrives) if arrives else None
    if leaves is not None:
        booth.leaves = clock(leaves) if leaves else None
    session.flush()
    audit.record(
        session,
        actor.username,
        "booth.change",
        "booth",
        enterprise_code,
        {"interviewers": booth.interviewers, "arrives": booth.arrives, "leaves": booth.leaves},
    )
    return booth


def interviews_frame(session: Session, run_id: int, actor: Actor) -> pd.DataFrame:
    """A stored timetable for the page: one row per interview with names (graduates masked)."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    rows = session.execute(
        select(
            Interview, Graduate.code, Graduate.name, Enterprise.name, Enterprise.credit_code, Position.title
        )
        .join(Graduate, Graduate.id == Interview.graduate_id)
        .join(Enterprise, Enterprise.id == Interview.enterprise_id)
        .outerjoin(Position, Position.id == Interview.position_id)
        .where(Interview.run_id == run_id)
        .order_by(Interview.start, Enterprise.name, Interview.interviewer)
    ).all()
    return pd.DataFrame(
        [
            {
                "interview_id": entry.id,
                "version": entry.version,
                "start": entry.start or "",
                "end": entry.end or "",
                "enterprise": enterprise,
                "enterprise_code": credit,
                "interviewer": entry.interviewer,
                "graduate": code,
                "graduate_name": mask_name(name),
                "position": title or "",
                "status": entry.status,
                "moved": entry.moved,
                "reason": entry.reason or "",
            }
            for entry, code, name, enterprise, credit, title in rows
        ],
        columns=[
            "interview_id",
            "version",
            "start",
            "end",
            "enterprise",
            "enterprise_code",
            "interviewer",
            "graduate",
            "graduate_name",
            "position",
            "status",
            "moved",
            "reason",
        ],
    )


def document_types(session: Session, run_id: int, actor: Actor) -> dict[str, str]:
    """The printouts of a timetable run: file name → media type (`document` makes them when asked)."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    scheduled = session.scalar(
        select(func.count())
        .select_from(Interview)
        .where(Interview.run_id == run_id, Interview.start.is_not(None))
    )
    return dict(DOCUMENTS) if scheduled else {}


def document(
    sessions: sessionmaker[Session],
    run_id: int,
    name: str,
    actor: Actor,
    purpose: str | None,
    *,
    selection: Selection | None = None,
    lang: str = "zh",
    logged_as: str | None = None,
) -> bytes:
    """One printout of a timetable run, made from its stored interviews in `lang`: the workbook
    (timetable.xlsx) or the itineraries (itineraries.html) for `selection` — every graduate and booth, one
    booth or graduate, or a university's graduates. It names graduates: checked, and logged with its count
    of interviews and the selection, when it is handed out (as `logged_as`, the file written, when given)."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    check_release(actor, personal=True, purpose=purpose)  # refused before any work
    if name not in DOCUMENTS:
        raise NotFoundError(f"run {run_id} has no document '{name}'")
    selection = selection or Selection()
    with sessions() as session, session.begin():
        run = session.get(MatchingRun, run_id)
        if run is None or run.method != METHOD or run.event_id is None:
            raise NotFoundError(f"run {run_id} is not a timetable")
        event = session.get(JobFairEvent, run.event_id)
        assert event is not None
        people, codes = _stored_frames(session, event, run_id)
        title = f"{event.name} · {event.held_on:%Y-%m-%d}"
        if name == "timetable.xlsx":
            buffer = io.BytesIO()
            write_workbook(people, codes, buffer, lang)
            content, rows = buffer.getvalue(), len(people)
        else:
            content = render_itineraries(people, title, selection, lang).encode("utf-8")
            rows = len(select_people(people, selection))
        file_name = logged_as or name
        if selection.audience is not Audience.ALL:
            file_name += f" ({selection})"
        release(
            session,
            actor,
            what=f"timetable.{run_id}",
            file_name=file_name,
            rows=rows,
            personal=True,
            purpose=purpose,
        )
    return content


def printout_choices(session: Session, run_id: int, actor: Actor) -> dict[Audience, list[tuple[str, str]]]:
    """What a printout can be made for: per audience the (code, label) of every booth, graduate (masked
    name) and university with an interview on the run, for the page's choice."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    run = session.get(MatchingRun, run_id)
    if run is None or run.event_id is None:
        raise NotFoundError(f"run {run_id} is not a timetable")
    event = session.get(JobFairEvent, run.event_id)
    assert event is not None
    people, _ = _stored_frames(session, event, run_id)
    booths = people.drop_duplicates(["booth", "enterprise_id"]).sort_values(["booth", "enterprise_id"])
    graduates = people.drop_duplicates("graduate_id").sort_values("graduate_id")
    universities = sorted({u for u in people["university"] if u})
    return {
        Audience.BOOTH: [(r.enterprise_id, f"{r.booth} · {r.enterprise_name}") for r in booths.itertuples()],
        Audience.GRADUATE: [
            (r.graduate_id, f"{r.graduate_id} · {mask_name(r.graduate_name)}") for r in graduates.itertuples()
        ],
        Audience.UNIVERSITY: [(u, u) for u in universities],
    }


def _stored_frames(session: Session, event: JobFairEvent, run_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The people frame (`export.PEOPLE_COLUMNS`) and the CSV contract frame of a stored timetable."""
    rows = session.execute(
        select(
            Interview,
            Graduate.code,
            Graduate.name,
            University.name,
            Enterprise.credit_code,
            Enterprise.name,
            Position.code,
            Position.title,
        )
        .join(Graduate, Graduate.id == Interview.graduate_id)
        .join(University, University.id == Graduate.university_id)
        .join(Enterprise, Enterprise.id == Interview.enterprise_id)
        .outerjoin(Position, Position.id == Interview.position_id)
        .where(Interview.run_id == run_id)
        .order_by(Interview.id)
    ).all()
    booths = _booths_frame(session, event, {entry.enterprise_id for entry, *_ in rows})
    label = dict(zip(booths["enterprise_id"], booths["booth"], strict=True))
    interviewers = dict(zip(booths["enterprise_id"], booths["interviewers"].astype(int), strict=True))
    people = pd.DataFrame(
        [
            {
                "graduate_id": code,
                "graduate_name": name,
                "university": university,
                "booth": label[credit],
                "enterprise_id": credit,
                "enterprise_name": enterprise,
                "interviewers": interviewers[credit],
                "position_id": position or "",
                "position_title": title or "",
                "start": entry.start or "",
                "end": entry.end or "",
                "interviewer": entry.interviewer or 0,
                "moved": bool(entry.moved),
                "reason": entry.reason or "",
            }
            for entry, code, name, university, credit, enterprise, position, title in rows
        ],
        columns=list(PEOPLE_COLUMNS),
    )
    codes = pd.DataFrame(
        {
            "graduate_id": people["graduate_id"],
            "enterprise_id": people["enterprise_id"],
            "position_id": people["position_id"],
            "start": people["start"],
            "end": people["end"],
            "interviewer": [str(n) if n else "" for n in people["interviewer"]],
            "moved": ["true" if m else "false" for m in people["moved"]],
            "reason": people["reason"],
        },
        columns=list(OUTPUT_COLUMNS),
    )
    return people, codes


def release_files(
    sessions: sessionmaker[Session], run_id: int, file_names: list[str], actor: Actor, purpose: str | None
) -> None:
    """Log timetable files of a run written elsewhere (the command line writes them from the result)."""
    require(actor, Action.SCHEDULE_JOBFAIR)
    with sessions() as session, session.begin():
        for name in file_names:
            _release(session, run_id, name, actor, purpose)


def _release(session: Session, run_id: int, name: str, actor: Actor, purpose: str | None) -> None:
    interviews = session.scalar(select(func.count()).select_from(Interview).where(Interview.run_id == run_id))
    release(
        session,
        actor,
        what=f"timetable.{run_id}",
        file_name=name,
        rows=int(interviews or 0),
        personal=True,
        purpose=purpose,
    )
