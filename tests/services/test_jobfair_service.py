"""Job-fair runs on stored events: one transaction per run, and decisions that survive every re-run."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import ConflictError, NotFoundError
from matching.jobfair.pipeline import SolveOptions
from matching.results import stored_summary
from matching.services.access import Actor
from matching.services.decisions import decide, decide_many
from matching.services.demo import seed_demo
from matching.services.jobfair import run_event
from matching.services.timetable import SolveOptions as TimetableOptions
from matching.services.timetable import schedule_event
from models import (
    Booth,
    DecisionAction,
    Enterprise,
    Graduate,
    JobFairEvent,
    MatchingRun,
    Position,
    Proposal,
    ProposalStatus,
    Registration,
    Role,
    RunStatus,
)

ORGANISER = Actor("organiser", Role.ORGANISER)
SCALE = 0.1  # 200 graduates: quick, and still every kind of record


@pytest.fixture
def seeded(sessions: sessionmaker[Session]) -> tuple[sessionmaker[Session], str]:
    seed_demo(sessions, Actor.system("test"), seed=7, scale=SCALE)
    with sessions() as session:
        # the coming fair (the demo may also hold a past one)
        code = session.scalars(select(JobFairEvent.code).order_by(JobFairEvent.held_on.desc()).limit(1)).one()
    return sessions, code


def pairs_of(session: Session, run_id: int) -> dict[tuple[int, int], Proposal]:
    proposals = session.scalars(
        select(Proposal).where(Proposal.run_id == run_id, Proposal.position_id.is_not(None))
    ).all()
    return {(p.graduate_id, p.position_id): p for p in proposals if p.graduate_id and p.position_id}


def test_a_run_stores_one_proposal_per_graduate(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    summary, result = run_event(sessions, code, SolveOptions.for_method("stable", seed=3), actor=ORGANISER)
    with sessions() as session:
        run = session.get(MatchingRun, summary.run_id)
        assert run is not None and run.seed == 3 and run.status.value == "OPTIMAL"
        assert run.parameters["method_options"] == {"proposing": "graduates"} and len(run.input_hash) == 64
        proposals = session.scalar(select(func.count()).where(Proposal.run_id == run.id))
        registered = session.scalar(
            select(func.count()).select_from(Registration).where(Registration.event_id == run.event_id)
        )
    assert proposals == registered == summary.graduates
    assert summary.matched == result.matched_graduates > 0
    assert result.blocking_pairs is not None and result.blocking_pairs.count == 0


def test_a_stored_run_is_said_again_in_chinese_and_its_findings_name_the_records(
    seeded: tuple[sessionmaker[Session], str],
) -> None:
    sessions, code = seeded
    summary, result = run_event(sessions, code, SolveOptions.for_method("welfare", seed=3), actor=ORGANISER)
    [short] = [f for f in result.findings if f.code.startswith("jobfair.headcount_short")]
    assert short.code == "jobfair.headcount_short.stored" and "file" not in short.params
    assert "本场招聘会各岗位的招聘人数合计只有" in short.text("zh") and "positions.csv" not in str(short)
    with sessions() as session:
        run = session.get(MatchingRun, summary.run_id)
        assert run is not None
        said = stored_summary(run.summary, run.message, "zh")
    assert said == summary.message.text("zh") and said.startswith("招聘会总匹配度最大：已证明最优：")
    assert "求解器 最小费用流算法" in said and "OPTIMAL" not in said
    assert stored_summary(run.summary, run.message, "en") == run.message == summary.summary


def test_unmatched_graduates_carry_a_reason(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    summary, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=3), actor=ORGANISER)
    with sessions() as session:
        reasons = session.scalars(
            select(Proposal.reason).where(Proposal.run_id == summary.run_id, Proposal.position_id.is_(None))
        ).all()
    assert reasons and all(reason for reason in reasons)


@pytest.mark.parametrize("later_method", ["stable", "welfare", "shortlist"])
def test_decisions_hold_in_every_later_run(
    seeded: tuple[sessionmaker[Session], str], later_method: str
) -> None:
    sessions, code = seeded
    first, _ = run_event(sessions, code, SolveOptions.for_method("welfare", seed=1), actor=ORGANISER)
    with sessions() as session:
        proposals = sorted(pairs_of(session, first.run_id).values(), key=lambda p: p.id)
    approved, rejected = proposals[0], proposals[1]
    decide_many(
        sessions,
        [
            (approved.id, DecisionAction.APPROVE, None, approved.version),
            (rejected.id, DecisionAction.REJECT, "专业不对口", rejected.version),
        ],
        actor=ORGANISER,
    )
    again, _ = run_event(sessions, code, SolveOptions.for_method(later_method, seed=99), actor=ORGANISER)
    assert again.kept_decisions == 2
    with sessions() as session:
        later = pairs_of(session, again.run_id)
    approved_pair = (approved.graduate_id, approved.position_id)
    assert approved_pair in later and later[approved_pair].status is ProposalStatus.APPROVED
    assert (rejected.graduate_id, rejected.position_id) not in later


def test_a_repeated_run_with_the_same_seed_moves_nobody(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    run_event(sessions, code, SolveOptions.for_method("stable", seed=5), actor=ORGANISER)
    again, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=5), actor=ORGANISER)
    assert again.moved == 0


def test_a_decision_on_a_stale_version_is_refused(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    summary, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=2), actor=ORGANISER)
    with sessions() as session:
        proposal = next(iter(pairs_of(session, summary.run_id).values()))
    with sessions() as session, session.begin():
        decide(session, proposal.id, DecisionAction.APPROVE, ORGANISER, expected_version=proposal.version)
    with (
        pytest.raises(ConflictError, match="changed by someone else"),
        sessions() as session,
        session.begin(),
    ):
        decide(
            session, proposal.id, DecisionAction.REJECT, ORGANISER, "no", expected_version=proposal.version
        )
    with sessions() as session:
        stored = session.get(Proposal, proposal.id)
        assert stored is not None and stored.status is ProposalStatus.APPROVED


def test_a_rejection_needs_a_reason(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    summary, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=2), actor=ORGANISER)
    with sessions() as session:
        proposal = next(iter(pairs_of(session, summary.run_id).values()))
    with pytest.raises(ValueError, match="needs a reason"), sessions() as session, session.begin():
        decide(session, proposal.id, DecisionAction.REJECT, ORGANISER, "  ")


def test_an_unknown_event_writes_nothing(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, _ = seeded
    with sessions() as session:
        before = session.scalar(select(func.count()).select_from(MatchingRun))
    with pytest.raises(NotFoundError, match="no job fair"):
        run_event(sessions, "NO-SUCH-FAIR", SolveOptions.for_method("stable"), actor=ORGANISER)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(MatchingRun)) == before


# ---------------------------------------------------------------- shortlists that fit the fair day
def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def booth_day(event: JobFairEvent, booth: Booth) -> int:
    """Interviews a booth can hold, counted slot by slot here: staffed for the whole slot, no break."""
    breaks = [
        tuple(minutes(t) for t in window.split("-")) for window in (booth.breaks or "").split(";") if window
    ]
    arrives, leaves = minutes(booth.arrives or event.opens), minutes(booth.leaves or event.closes)
    slots = 0
    for start in range(minutes(event.opens), minutes(event.closes), event.slot_minutes):
        end = start + event.slot_minutes
        if arrives <= start and end <= leaves and not any(s < end and start < e for s, e in breaks):
            slots += 1
    return slots * booth.interviewers


def test_a_shortlist_fits_the_fair_day_and_the_timetable_places_it(
    seeded: tuple[sessionmaker[Session], str],
) -> None:
    sessions, code = seeded
    summary, result = run_event(sessions, code, SolveOptions.for_method("shortlist", seed=4), actor=ORGANISER)
    with sessions() as session:
        event = session.scalars(select(JobFairEvent).where(JobFairEvent.code == code)).one()
        graduate_ids = dict(session.execute(select(Graduate.code, Graduate.id)).all())
        enterprise_ids = dict(session.execute(select(Enterprise.credit_code, Enterprise.id)).all())
        proposals = session.scalars(
            select(Proposal).where(Proposal.run_id == summary.run_id, Proposal.position_id.is_not(None))
        ).all()
        limits = dict(session.execute(select(Registration.graduate_id, Registration.max_interviews)).all())
        booths = {b.enterprise_id: booth_day(event, b) for b in session.scalars(select(Booth))}
    per_graduate = Counter(p.graduate_id for p in proposals)
    per_booth = Counter(p.enterprise_id for p in proposals)
    assert all(count <= min(5, limits[g] or 5) for g, count in per_graduate.items())
    assert all(count <= booths[e] for e, count in per_booth.items())
    # nobody is left without a recommendation while a booth acceptable to them has room
    candidates = result.candidates
    assert candidates is not None
    positions = candidates.problem.positions
    for g, p in zip(candidates.graduate.tolist(), candidates.position.tolist(), strict=True):
        graduate = graduate_ids[candidates.problem.graduates.ids[g]]
        enterprise = enterprise_ids[positions.enterprise_ids[positions.enterprise_index[p]]]
        assert per_graduate[graduate] > 0 or per_booth[enterprise] == booths[enterprise]
    decide_many(
        sessions, [(p.id, DecisionAction.APPROVE, None, p.version) for p in proposals], actor=ORGANISER
    )
    timetable, _ = schedule_event(sessions, code, TimetableOptions(time_limit=5, seed=1), actor=ORGANISER)
    assert timetable.source_kind == "approved" and timetable.requested == len(proposals)
    assert timetable.scheduled >= 0.99 * timetable.requested


def test_approved_recommendations_are_interviews_not_placements(
    seeded: tuple[sessionmaker[Session], str],
) -> None:
    sessions, code = seeded
    shortlist, _ = run_event(sessions, code, SolveOptions.for_method("shortlist", seed=4), actor=ORGANISER)
    with sessions() as session:
        proposals = session.scalars(
            select(Proposal).where(Proposal.run_id == shortlist.run_id, Proposal.position_id.is_not(None))
        ).all()
    decide_many(
        sessions, [(p.id, DecisionAction.APPROVE, None, p.version) for p in proposals], actor=ORGANISER
    )
    placement, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=4), actor=ORGANISER)
    assert placement.status is RunStatus.OPTIMAL and placement.kept_decisions == 0
    again, _ = run_event(sessions, code, SolveOptions.for_method("shortlist"), actor=ORGANISER)
    assert again.status is RunStatus.OPTIMAL and again.kept_decisions == len(proposals)
    assert again.moved == 0 and again.seed == 4 and again.seed_from_run == shortlist.run_id
    with sessions() as session:
        statuses = Counter(
            session.scalars(
                select(Proposal.status).where(
                    Proposal.run_id == again.run_id, Proposal.position_id.is_not(None)
                )
            )
        )
    assert statuses == {ProposalStatus.APPROVED: len(proposals)}


# ---------------------------------------------------------------- re-runs that move few
@pytest.mark.parametrize("method", ["stable", "welfare", "shortlist"])
def test_a_rerun_without_a_seed_reuses_the_last_one_and_moves_nobody(
    seeded: tuple[sessionmaker[Session], str], method: str
) -> None:
    sessions, code = seeded
    first, _ = run_event(sessions, code, SolveOptions.for_method(method), actor=ORGANISER)
    assert first.moved is None and first.seed_from_run is None  # a first run draws its seed
    again, _ = run_event(sessions, code, SolveOptions.for_method(method), actor=ORGANISER)
    assert again.seed == first.seed and again.seed_from_run == first.run_id
    assert again.moved == 0 and again.moves == () and again.previous_run == first.run_id
    with sessions() as session:
        run = session.get(MatchingRun, again.run_id)
        assert run is not None and run.seed == first.seed and run.parameters["seed_from_run"] == first.run_id
    assert again.message.params["previous"].code == "jobfair.summary.kept"


def test_a_rerun_after_a_rejection_says_who_moved_and_why(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    first, _ = run_event(sessions, code, SolveOptions.for_method("welfare", seed=8), actor=ORGANISER)
    with sessions() as session:
        proposal = session.scalars(
            select(Proposal)
            .where(Proposal.run_id == first.run_id, Proposal.position_id.is_not(None))
            .order_by(Proposal.id)
            .limit(1)
        ).one()
        graduate = session.get(Graduate, proposal.graduate_id)
        position = session.get(Position, proposal.position_id)
        assert graduate is not None and position is not None
    decide_many(
        sessions, [(proposal.id, DecisionAction.REJECT, "专业不对口", proposal.version)], actor=ORGANISER
    )
    again, result = run_event(sessions, code, SolveOptions.for_method("welfare"), actor=ORGANISER)
    moves = {move.graduate_id: move for move in again.moves}
    assert again.moved == len(moves) >= 1 and again.seed == 8
    assert moves[graduate.code].reason.value == "rejected" and moves[graduate.code].before == (position.code,)
    assert result.keep is not None  # every moved graduate who had a pair lost it
    assert result.keep.kept == result.keep.previous - sum(1 for move in again.moves if move.before)
    [message] = [m for m in again.move_messages if m.params["graduate"] == graduate.code]
    assert message.code == "jobfair.move" and message.params["reason"].code == "jobfair.move.rejected"
    # reported as a code and parameters: the page says it in the reader's language
    assert "上次的配对已被否决" in message.text("zh")
