"""What the review and runs pages show: a run's proposals with their reasons, and two runs side by side."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from matching.errors import InputError, InputProblem, NotFoundError
from matching.jobfair.audit import find_blocking_pairs
from matching.jobfair.candidates import DEFAULT_CANDIDATES_PER_GRADUATE, build_candidates
from matching.jobfair.methods import METHODS
from matching.jobfair.problem import build_problem
from matching.jobfair.result import Method
from matching.jobfair.scoring import FitWeights
from matching.messages import Message
from matching.services import audit
from matching.services.access import Action, Actor, PermissionDenied, park_scope, require
from matching.services.aid_terms import OLD_TERM_YEARS, term_text
from matching.services.browse import county_name
from matching.services.decisions import LEAD
from matching.services.disclosure import mask_name, release
from matching.services.run_inputs import input_hash
from models import (
    Decision,
    Enterprise,
    Graduate,
    JobFairEvent,
    MatchingRun,
    Park,
    Position,
    Program,
    Proposal,
    ProposalStatus,
    Role,
    University,
    User,
    Village,
)

PROPOSAL_COLUMNS = [
    "proposal_id",
    "version",
    "status",
    "subject",
    "subject_name",
    "partner",
    "enterprise",
    "park",
    "group",  # university (job fair) or county (aid)
    "county",
    "score",
    "subject_rank",
    "partner_rank",
    "load",
    "reason",
    "role",  # aid: lead or helper
]


def runs(session: Session, actor: Actor, program: Program | None = None) -> pd.DataFrame:
    """Every run, newest first, with every option it was solved with (no pairs: those are scoped)."""
    require(actor, Action.VIEW_DATA)
    statement = select(MatchingRun, JobFairEvent.name, Park.name).outerjoin(
        JobFairEvent, JobFairEvent.id == MatchingRun.event_id
    )
    statement = statement.outerjoin(Park, Park.id == MatchingRun.park_id).order_by(MatchingRun.id.desc())
    if program is not None:
        statement = statement.where(MatchingRun.program == program)
    counts = dict(session.execute(select(Proposal.run_id, func.count()).group_by(Proposal.run_id)).all())
    rows = []
    for run, event_name, park_name in session.execute(statement):
        rows.append(
            {
                "run_id": run.id,
                "program": run.program.value,
                "scope": event_name
                or (f"{run.year} {park_name or ''}".strip() if run.year else park_name or ""),
                "method": run.method,
                "status": run.status.value,
                "objective": run.objective,
                "seed": run.seed,
                "solver": run.solver_version,
                "created_at": run.created_at,
                "seconds": round(sum(run.timings.values()), 3) if run.timings else None,
                "parameters": parameters_text(run.parameters),
                "message": run.message or "",
                "summary": run.summary,
                "proposals": counts.get(run.id, 0),
            }
        )
    columns = [
        "run_id",
        "program",
        "scope",
        "method",
        "status",
        "objective",
        "seed",
        "solver",
        "created_at",
        "seconds",
        "parameters",
        "message",
        "summary",
        "proposals",
    ]
    return pd.DataFrame(rows, columns=columns)


def parameters_text(parameters: dict[str, Any] | None) -> str:
    """Every option a run was solved with, as `name=value` pairs (nested options as `group.name`)."""
    pairs: list[str] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict) and value:
            for key, item in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), item)
        else:
            pairs.append(f"{prefix}={'' if value is None else value}")

    walk("", parameters or {})
    return "; ".join(pairs)


FAIRNESS_ATTRIBUTES = ("university", "degree", "home_county")


def fairness(session: Session, run_id: int, actor: Actor) -> dict[str, pd.DataFrame]:
    """A job-fair run's fairness report as stored with it: per university, degree and home county, the
    graduates, how many were matched, the match rate and the mean wish rank they achieved."""
    require(actor, Action.VIEW_REPORTS)
    run = _get_run(session, run_id)
    if run.program is not Program.JOBFAIR:
        raise ValueError(f"run {run_id} is an aid pairing; the fairness report is the job fair's")
    if not run.fairness:
        raise NotFoundError(f"run {run_id} has no fairness report (runs before it was stored, or timetables)")
    tables = {}
    for attribute in FAIRNESS_ATTRIBUTES:
        frame = pd.DataFrame(run.fairness.get(attribute, []))
        if attribute == "home_county" and not frame.empty:
            frame[attribute] = frame[attribute].map(lambda code: county_name(code) or code)
        tables[attribute] = frame
    return tables


def _get_run(session: Session, run_id: int) -> MatchingRun:
    run = session.get(MatchingRun, run_id)
    if run is None:
        raise NotFoundError(f"run {run_id} does not exist")
    return run


def proposals(session: Session, run_id: int, actor: Actor) -> pd.DataFrame:
    """Every proposal of a run, one row each, with the score's components as `fit_<name>` columns."""
    run = _get_run(session, run_id)
    if run.program is Program.JOBFAIR:
        require(actor, Action.DECIDE_JOBFAIR)
        frame = _jobfair_proposals(session, run_id, reveal=False)
    else:
        require(actor, Action.VIEW_DATA)
        # A park official sees their own park's pairs (and the villages nobody leads yet).
        frame = _aid_proposals(session, run_id, actor.park_id if actor.role is Role.PARK_OFFICIAL else None)
    return frame


def decisions_stamp(session: Session, run_id: int, actor: Actor) -> int:
    """Changes whenever a proposal of the run is decided: a cache key for the proposals frame."""
    require(actor, Action.VIEW_DATA)
    return int(
        session.scalar(select(func.coalesce(func.sum(Proposal.version), 0)).where(Proposal.run_id == run_id))
        or 0
    )


def _frame(rows: list[Any], subject_name: Any) -> pd.DataFrame:
    """Plain column rows (no ORM objects: this page shows tens of thousands) → the proposals frame."""
    columns = [
        "proposal_id",
        "role",
        "version",
        "status",
        "score",
        "subject_rank",
        "partner_rank",
        "load",
        "reason",
        "components",
        "subject",
        "subject_name",
        "partner",
        "enterprise",
        "park",
        "group",
        "county",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["status"] = frame["status"].map(lambda status: ProposalStatus(status).value)
    frame["subject_name"] = frame["subject_name"].map(subject_name)
    for column in ("partner", "enterprise", "park", "reason"):
        frame[column] = frame[column].fillna("")
    components = pd.DataFrame.from_records(list(frame.pop("components")), index=frame.index)
    frame = frame[PROPOSAL_COLUMNS]
    return pd.concat([frame, components.add_prefix("fit_")], axis=1) if not components.empty else frame


PROPOSAL_FIELDS = (
    Proposal.id,
    Proposal.role,
    Proposal.version,
    Proposal.status,
    Proposal.score,
    Proposal.graduate_rank,
    Proposal.position_rank,
    Proposal.load,
    Proposal.reason,
    Proposal.components,
)


def _jobfair_proposals(session: Session, run_id: int, reveal: bool) -> pd.DataFrame:
    statement = (
        select(
            *PROPOSAL_FIELDS,
            Graduate.code,
            Graduate.name,
            Position.title,
            Enterprise.name,
            Park.name,
            University.name,
            Graduate.home_county_code,
        )
        .join(Graduate, Graduate.id == Proposal.graduate_id)
        .join(University, University.id == Graduate.university_id)
        .outerjoin(Position, Position.id == Proposal.position_id)
        .outerjoin(Enterprise, Enterprise.id == Proposal.enterprise_id)
        .outerjoin(Park, Park.id == Enterprise.park_id)
        .where(Proposal.run_id == run_id)
        .order_by(Proposal.id)
    )
    rows = [(*row[:16], county_name(row[16])) for row in session.execute(statement)]
    return _frame(rows, (lambda name: name) if reveal else mask_name)


def _aid_proposals(session: Session, run_id: int, only_park: int | None) -> pd.DataFrame:
    """An aid run's proposals, and after PROPOSAL_COLUMNS (and the fit components) each lead pair's term:
    `term_start`, `term_years`, `term` (`2026–2028`) and `term_kind` (kept within its term, renewed or new;
    empty on runs stored before terms, which are read as one year)."""
    statement = (
        select(
            *PROPOSAL_FIELDS,
            Village.division_code,
            Village.name,
            Enterprise.name,
            Enterprise.name,
            Park.name,
            Village.county_code,
            Village.county_code,
            Proposal.term_start,
            Proposal.term_years,
            Proposal.term_kind,
            MatchingRun.year,
        )
        .join(Village, Village.id == Proposal.village_id)
        .join(MatchingRun, MatchingRun.id == Proposal.run_id)
        .outerjoin(Enterprise, Enterprise.id == Proposal.enterprise_id)
        .outerjoin(Park, Park.id == Enterprise.park_id)
        .where(Proposal.run_id == run_id)
        .order_by(Proposal.id)
    )
    if only_park is not None:
        statement = statement.where((Enterprise.park_id == only_park) | Proposal.enterprise_id.is_(None))
    found = session.execute(statement).all()
    rows = [(*row[:15], county_name(row[15]), county_name(row[16])) for row in found]
    frame = _frame(rows, lambda name: name)  # villages are public: names stay
    starts: list[int | None] = []
    lengths: list[int | None] = []
    for row, partner, role in zip(found, frame["partner"], frame["role"], strict=True):
        start, years, _kind, run_year = row[17:21]
        if role != LEAD or not partner:  # helpers and uncovered villages have no term
            starts.append(None)
            lengths.append(None)
        else:  # NULL: a run stored before terms, read as one year, its own (aid_terms.OLD_TERM_YEARS)
            starts.append(start if start is not None else run_year)
            lengths.append(years if years is not None else OLD_TERM_YEARS)
    frame["term_start"] = pd.array(starts, dtype="Int64")
    frame["term_years"] = pd.array(lengths, dtype="Int64")
    frame["term"] = [
        "" if start is None or years is None else term_text(start, years)
        for start, years in zip(starts, lengths, strict=True)
    ]
    frame["term_kind"] = [row[19] or "" for row in found]
    return frame


@dataclass(frozen=True)
class ProposalExplanation:
    proposal_id: int
    status: str
    score: float | None
    components: dict[str, float | None]
    subject_rank: int | None
    partner_rank: int | None
    reason: str
    history: list[tuple[str, str, str, str]]  # (when, who, action, reason)


def explain(session: Session, proposal_id: int, actor: Actor) -> ProposalExplanation:
    """One proposal's score, ranks and decision history, for whoever may see its run's proposals."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFoundError(f"proposal {proposal_id} does not exist")
    if proposal.graduate_id is not None:
        require(actor, Action.DECIDE_JOBFAIR)
    else:
        require(actor, Action.VIEW_DATA)
        park = park_scope(actor)
        owner = session.scalar(select(Enterprise.park_id).where(Enterprise.id == proposal.enterprise_id))
        if park is not None and proposal.enterprise_id is not None and owner != park:
            raise PermissionDenied(actor, Action.VIEW_DATA, park=True)
    user = aliased(User)
    history = [
        (
            decision.created_at.strftime("%Y-%m-%d %H:%M"),
            username or "",
            decision.action.value,
            decision.reason or "",
        )
        for decision, username in session.execute(
            select(Decision, user.username)
            .outerjoin(user, user.id == Decision.user_id)
            .where(Decision.proposal_id == proposal_id)
            .order_by(Decision.id)
        )
    ]
    return ProposalExplanation(
        proposal_id=proposal.id,
        status=proposal.status.value,
        score=proposal.score,
        components=dict(proposal.components),
        subject_rank=proposal.graduate_rank,
        partner_rank=proposal.position_rank,
        reason=proposal.reason or "",
        history=history,
    )


@dataclass(frozen=True)
class RunComparison:
    figures: pd.DataFrame  # one row per run: matched, mean rank, total fit
    fairness: pd.DataFrame  # match rate per group (university or county) for both runs
    differences: pd.DataFrame  # subjects whose partner differs


def _assignment(session: Session, run: MatchingRun) -> pd.DataFrame:
    rows = session.execute(
        select(
            Proposal.graduate_id,
            Proposal.position_id,
            Proposal.village_id,
            Proposal.enterprise_id,
            Proposal.score,
            Proposal.graduate_rank,
        ).where(Proposal.run_id == run.id, Proposal.role == LEAD)
    ).all()
    frame = pd.DataFrame(rows, columns=["graduate", "position", "village", "enterprise", "score", "rank"])
    if run.program is Program.JOBFAIR:
        frame["subject"], frame["partner"] = frame["graduate"], frame["position"]
    else:
        frame["subject"], frame["partner"] = frame["village"], frame["enterprise"]
    return frame


def compare_runs(session: Session, first_id: int, second_id: int, actor: Actor) -> RunComparison:
    """Two runs of a programme side by side; a park official compares their own park's pairs only (the
    villages their enterprises lead, the placements at their enterprises' positions)."""
    require(actor, Action.VIEW_DATA)
    if first_id == second_id:
        raise InputError(
            InputProblem("(runs)", "pick two different runs to compare", code="review.compare_same")
        )
    first, second = _get_run(session, first_id), _get_run(session, second_id)
    if first.program is not second.program:
        raise InputError(
            InputProblem(
                "(runs)", "only runs of the same programme can be compared", code="review.compare_programmes"
            )
        )
    frames = {run.id: _assignment(session, run) for run in (first, second)}
    park = park_scope(actor)
    if park is not None:
        own = set(session.scalars(select(Enterprise.id).where(Enterprise.park_id == park)))
        frames = {run_id: frame[frame["enterprise"].isin(own)] for run_id, frame in frames.items()}
    figures = pd.DataFrame(
        [
            {
                "run_id": run_id,
                "method": run.method,
                "subjects": frame["subject"].nunique(),
                "matched": frame.loc[frame["partner"].notna(), "subject"].nunique(),
                "mean_rank": float(frame["rank"].dropna().mean()) if frame["rank"].notna().any() else np.nan,
                "total_fit": float(frame["score"].fillna(0).sum()),
            }
            for run, (run_id, frame) in zip((first, second), frames.items(), strict=True)
        ]
    )
    groups = _groups(session, first.program)
    fairness_parts = []
    for run_id, frame in frames.items():
        grouped = frame.assign(group=frame["subject"].map(groups), matched=frame["partner"].notna())
        rate = grouped.drop_duplicates("subject").groupby("group")["matched"].mean().rename(f"run {run_id}")
        fairness_parts.append(rate)
    fairness = pd.concat(fairness_parts, axis=1).reset_index().rename(columns={"index": "group"})
    one = frames[first.id].drop_duplicates("subject").set_index("subject")["partner"]
    two = frames[second.id].drop_duplicates("subject").set_index("subject")["partner"]
    joined = pd.concat([one.rename("first"), two.rename("second")], axis=1)
    changed = joined[joined["first"].fillna(-1) != joined["second"].fillna(-1)]
    differences = _label_differences(session, first.program, changed)
    return RunComparison(figures, fairness, differences)


def _groups(session: Session, program: Program) -> dict[int, str]:
    if program is Program.JOBFAIR:
        rows = session.execute(
            select(Graduate.id, University.name).join(University, University.id == Graduate.university_id)
        ).all()
        return {graduate: university for graduate, university in rows}
    return {
        village: county_name(county)
        for village, county in session.execute(select(Village.id, Village.county_code))
    }


def _label_differences(session: Session, program: Program, changed: pd.DataFrame) -> pd.DataFrame:
    if program is Program.JOBFAIR:
        subjects = dict(session.execute(select(Graduate.id, Graduate.code)).all())
        partners = dict(session.execute(select(Position.id, Position.title)).all())
    else:
        subjects = dict(session.execute(select(Village.id, Village.name)).all())
        partners = dict(session.execute(select(Enterprise.id, Enterprise.name)).all())
    return pd.DataFrame(
        {
            "subject": [subjects.get(s, s) for s in changed.index],
            "first": [partners.get(p, "") if pd.notna(p) else "" for p in changed["first"]],
            "second": [partners.get(p, "") if pd.notna(p) else "" for p in changed["second"]],
        }
    )


def reveal_graduate(session: Session, graduate_code: str, actor: Actor) -> tuple[str, str]:
    """The unmasked name and phone of one graduate; logged, and only with the permission."""
    require(actor, Action.REVEAL_PERSONAL)
    graduate = session.scalars(select(Graduate).where(Graduate.code == graduate_code)).one_or_none()
    if graduate is None:
        raise NotFoundError(f"no graduate with code '{graduate_code}'")
    audit.record(session, actor.username, "reveal", "graduate", graduate_code, {"fields": ["name", "phone"]})
    return graduate.name, graduate.phone or ""


def proposals_file(
    sessions: sessionmaker[Session], run_id: int, actor: Actor, file_name: str, purpose: str | None = None
) -> pd.DataFrame:
    """A run's proposals for a file (`runs show`): a job-fair run's are about graduates, so they need the
    personal-data permission and a purpose; logged with the row count either way."""
    with sessions() as session, session.begin():
        frame = proposals(session, run_id, actor)
        release(
            session,
            actor,
            what=f"run.{run_id}",
            file_name=file_name,
            rows=len(frame),
            personal=_get_run(session, run_id).program is Program.JOBFAIR,
            purpose=purpose,
        )
    return frame


def comparison_file(
    sessions: sessionmaker[Session],
    first_id: int,
    second_id: int,
    actor: Actor,
    file_name: str,
    purpose: str | None = None,
) -> RunComparison:
    """Two runs compared, for a file (`runs compare`): a job fair's names graduates by code, so it needs the
    personal-data permission and a purpose; logged with the count of differences either way."""
    with sessions() as session, session.begin():
        comparison = compare_runs(session, first_id, second_id, actor)
        release(
            session,
            actor,
            what=f"runs.{first_id}.{second_id}",
            file_name=file_name,
            rows=len(comparison.differences),
            personal=_get_run(session, first_id).program is Program.JOBFAIR,
            purpose=purpose,
        )
    return comparison


BLOCKING_COLUMNS = [
    "graduate",
    "graduate_name",
    "position",
    "position_title",
    "enterprise",
    "score",
    "graduate_rank",
    "position_rank",
    "current_position",
    "current_graduate_rank",
]


@dataclass(frozen=True)
class BlockingReport:
    """The blocking pairs of a stored placement: a graduate and a position who would both rather be
    together than with their partners (the position: it has room, or it ranks the graduate above one it
    holds). `pairs` has BLOCKING_COLUMNS (`graduate` the code, left out of a file released without a
    purpose; `graduate_name` masked). `stability`: the method promises none (stable) or not (welfare);
    `data_changed`: the fair's data or decisions changed since the run, so the pairs are measured against
    today's data."""

    run_id: int
    method: str
    pairs: pd.DataFrame
    stability: bool
    data_changed: bool

    @property
    def message(self) -> Message:
        return Message(
            "review.blocking.summary" if self.stability else "review.blocking.summary_welfare",
            {"run_id": self.run_id, "method": Message(f"method.{self.method}"), "count": len(self.pairs)},
        )


def blocking_pairs(session: Session, run_id: int, actor: Actor) -> BlockingReport:
    """The blocking pairs of a stored job-fair placement (stable or welfare), found by the core's own check
    (`matching.jobfair.audit.find_blocking_pairs`) on the candidates the run was solved with: the fair's
    stored data, the run's weights, candidate count and seed. A shortlist, a timetable and an aid pairing
    have no placement to block: InputError (exit 2)."""
    require(actor, Action.VIEW_DATA)
    run = _get_run(session, run_id)
    if run.program is not Program.JOBFAIR:
        raise InputError(InputProblem.of("(runs)", "review.blocking.aid", run_id=run_id))
    require(actor, Action.DECIDE_JOBFAIR)
    if run.method not in {Method.STABLE.value, Method.WELFARE.value} or run.event_id is None:
        raise InputError(
            InputProblem.of(
                "(runs)", "review.blocking.method", run_id=run_id, method=Message(f"method.{run.method}")
            )
        )
    from matching.services.jobfair import _event_frames  # the one reading of a stored fair

    method = Method(run.method)
    event = session.get(JobFairEvent, run.event_id)
    assert event is not None  # the run's event: deleting it deletes the run
    frames = _event_frames(session, event, method)
    parameters = run.parameters or {}
    problem = build_problem(
        frames.graduates,
        frames.positions,
        frames.graduate_preferences if len(frames.graduate_preferences) else None,
        None,
        frames.locks if len(frames.locks) else None,
    )
    weights = parameters.get("weights")
    candidates = build_candidates(
        problem,
        FitWeights(**weights) if weights else FitWeights(),
        seed=run.seed,
        candidates_per_graduate=int(
            parameters.get("candidates_per_graduate") or DEFAULT_CANDIDATES_PER_GRADUATE
        ),
    )
    changed = (
        input_hash(
            (frames.graduates, frames.positions, frames.graduate_preferences, frames.locks), parameters
        )
        != run.input_hash
    )
    rows = session.execute(
        select(Graduate.code, Position.code, Proposal.graduate_rank)
        .select_from(Proposal)
        .join(Graduate, Graduate.id == Proposal.graduate_id)
        .join(Position, Position.id == Proposal.position_id)
        .where(Proposal.run_id == run_id, Proposal.role == LEAD)
    ).all()
    graduate_index = pd.Index(problem.graduates.ids)
    position_index = pd.Index(problem.positions.ids)
    graduate = graduate_index.get_indexer([str(code) for code, _, _ in rows])
    position = position_index.get_indexer([str(code) for _, code, _ in rows])
    present = (graduate >= 0) & (position >= 0)  # a graduate withdrawn, a position gone: not held now
    current = {str(g): (str(p), rank) for g, p, rank in rows}
    found = find_blocking_pairs(candidates, graduate[present], position[present])
    pair = candidates.pair_index(found.graduate, found.position)
    codes = [str(code) for code in problem.graduates.ids[found.graduate]]
    position_codes = [str(code) for code in problem.positions.ids[found.position]]
    names = dict(session.execute(select(Graduate.code, Graduate.name).where(Graduate.code.in_(codes))).all())
    titles = {
        code: (title, enterprise)
        for code, title, enterprise in session.execute(
            select(Position.code, Position.title, Enterprise.name)
            .join(Enterprise, Enterprise.id == Position.enterprise_id)
            .where(Position.event_id == event.id)
        )
    }
    frame = pd.DataFrame(
        {
            "graduate": codes,
            "graduate_name": [mask_name(names.get(code)) for code in codes],
            "position": position_codes,
            "position_title": [titles.get(code, ("", ""))[0] for code in position_codes],
            "enterprise": [titles.get(code, ("", ""))[1] for code in position_codes],
            "score": candidates.score[pair].round(4),
            "graduate_rank": candidates.graduate_rank[pair],
            "position_rank": candidates.position_rank[pair],
            "current_position": [current.get(code, ("", None))[0] for code in codes],
            "current_graduate_rank": pd.array(
                [current.get(code, ("", None))[1] for code in codes], dtype="Int64"
            ),
        },
        columns=BLOCKING_COLUMNS,
    )
    frame = frame.sort_values(["graduate", "graduate_rank"], kind="stable").reset_index(drop=True)
    return BlockingReport(run_id, run.method, frame, METHODS[method].stability, changed)


def blocking_file(
    sessions: sessionmaker[Session], run_id: int, actor: Actor, file_name: str, purpose: str | None = None
) -> BlockingReport:
    """A run's blocking pairs for a file (`runs blocking`): with a purpose (and the personal-data
    permission) the graduates are named by code; without one only their masked names leave. Logged with
    the row count either way."""
    with sessions() as session, session.begin():
        report = blocking_pairs(session, run_id, actor)
        personal = bool(purpose and purpose.strip())
        release(
            session,
            actor,
            what=f"run.{run_id}.blocking",
            file_name=file_name,
            rows=len(report.pairs),
            personal=personal,
            purpose=purpose,
        )
    if not personal:
        report = replace(report, pairs=report.pairs.drop(columns=["graduate"]))
    return report


MOVE_COLUMNS = ["subject", "subject_name", "before", "after", "reason"]


@dataclass(frozen=True)
class RunChanges:
    """What a stored job-fair run says beyond its summary: the pre-check's notes (`Message`s, each said in
    the reader's language) and, for a re-run, every graduate who moved since `previous_run` with why.

    `moves` has MOVE_COLUMNS: `subject` the graduate's code, `subject_name` masked, `before` / `after` the
    positions (title · enterprise, `; ` between several; '' = none), `reason` the `jobfair.move.<reason>`
    code of `matching.jobfair.moves`. Both come from the run's stored summary (`summary["notes"]`,
    `summary["moves"]`); runs stored before they were kept have none (`recorded` False)."""

    run_id: int
    previous_run: int | None
    notes: list[Message]
    moves: pd.DataFrame
    recorded: bool


def run_changes(session: Session, run_id: int, actor: Actor) -> RunChanges:
    """A job-fair run's notes and moves (graduates: the job-fair reviewers only); an aid run's notes."""
    require(actor, Action.VIEW_DATA)
    run = _get_run(session, run_id)
    if run.program is Program.JOBFAIR:
        require(actor, Action.DECIDE_JOBFAIR)
    stored = run.summary or {}
    notes = [Message.from_json(note) for note in stored.get("notes", [])]
    raw = stored.get("moves", []) if run.program is Program.JOBFAIR else []
    codes = sorted({move["graduate"] for move in raw})
    names = (
        dict(session.execute(select(Graduate.code, Graduate.name).where(Graduate.code.in_(codes))).all())
        if codes
        else {}
    )
    positions = {
        code: f"{title} · {enterprise}"
        for code, title, enterprise in session.execute(
            select(Position.code, Position.title, Enterprise.name)
            .join(Enterprise, Enterprise.id == Position.enterprise_id)
            .where(Position.event_id == run.event_id)
        )
    }

    def said(codes: list[str]) -> str:
        return "; ".join(positions.get(code, code) for code in codes)

    moves = pd.DataFrame(
        {
            "subject": [move["graduate"] for move in raw],
            "subject_name": [mask_name(names.get(move["graduate"])) for move in raw],
            "before": [said(move["before"]) for move in raw],
            "after": [said(move["after"]) for move in raw],
            "reason": [f"jobfair.move.{move['reason']}" for move in raw],
        },
        columns=MOVE_COLUMNS,
    )
    previous = (run.parameters or {}).get("previous_run")
    return RunChanges(
        run_id=run.id,
        previous_run=int(previous) if previous is not None else None,
        notes=notes,
        moves=moves,
        recorded="moves" in stored or "notes" in stored,
    )
