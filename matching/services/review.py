"""What the review and runs pages show: a run's proposals with their reasons, and two runs side by side."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from matching.errors import InputError, InputProblem, NotFoundError
from matching.services import audit
from matching.services.access import Action, Actor, PermissionDenied, park_scope, require
from matching.services.aid_terms import OLD_TERM_YEARS, term_text
from matching.services.browse import county_name
from matching.services.decisions import LEAD
from matching.services.disclosure import mask_name, release
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
