"""Job-fair outcomes from what happened (issue 14, item 3): recorded against placements, shortlist interviews
and the timetable's held interviews only; the same outcome twice changes nothing; corrections and
withdrawals are audited; a timetable mark never overwrites what an official recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import ConflictError, InputError
from matching.jobfair.pipeline import SolveOptions
from matching.jobfair.timetable import SolveOptions as TimetableOptions
from matching.services import outcomes
from matching.services.access import Actor, PermissionDenied
from matching.services.decisions import decide
from matching.services.demo import seed_demo
from matching.services.jobfair import run_event
from matching.services.timetable import schedule_event
from models import (
    AidOutcome,
    AuditEntry,
    DecisionAction,
    Enterprise,
    Graduate,
    Interview,
    JobFairEvent,
    JobFairOutcome,
    OutcomeKind,
    Position,
    Proposal,
    Role,
    User,
)

ORGANISER = Actor("organiser", Role.ORGANISER)
SEEDER = Actor.system("test")
DAY_AFTER = date(2026, 6, 1)


@dataclass(frozen=True)
class Fair:
    sessions: sessionmaker[Session]
    event_id: int
    held_on: date
    placement: tuple[int, int]  # an approved welfare pair
    shortlisted: tuple[int, int]  # an approved shortlist recommendation
    interview: int  # a scheduled interview (from the proposed shortlist), on neither of the above
    nowhere: tuple[int, int]  # a graduate and a position of the event on no source


@pytest.fixture
def fair(sessions: sessionmaker[Session]) -> Fair:
    seed_demo(sessions, SEEDER, seed=6, scale=0.1)
    with sessions() as session:
        # this year's fair (the demo's earlier fair has its outcomes recorded already)
        event = session.scalars(select(JobFairEvent).order_by(JobFairEvent.held_on.desc())).first()
        assert event is not None
        code, event_id, held_on = event.code, event.id, event.held_on
    shortlist, _ = run_event(
        sessions, code, SolveOptions.for_method("shortlist", per_graduate=2, seed=1), actor=ORGANISER
    )
    welfare, _ = run_event(sessions, code, SolveOptions.for_method("welfare", seed=1), actor=ORGANISER)
    day, _ = schedule_event(sessions, code, TimetableOptions(time_limit=3), actor=ORGANISER)
    with sessions() as session, session.begin():
        placed = session.scalars(
            select(Proposal).where(Proposal.run_id == welfare.run_id, Proposal.position_id.is_not(None))
        ).first()
        assert placed is not None
        interview = session.scalars(
            select(Interview).where(
                Interview.run_id == day.run_id,
                Interview.start.is_not(None),
                Interview.position_id.is_not(None),
                Interview.graduate_id != placed.graduate_id,
            )
        ).first()
        assert interview is not None
        recommended = session.scalars(
            select(Proposal).where(
                Proposal.run_id == shortlist.run_id,
                Proposal.position_id.is_not(None),
                Proposal.graduate_id.not_in([placed.graduate_id, interview.graduate_id]),
            )
        ).first()
        assert recommended is not None
        decide(session, placed.id, DecisionAction.APPROVE, ORGANISER)
        decide(session, recommended.id, DecisionAction.APPROVE, ORGANISER)
        taken = {placed.graduate_id, recommended.graduate_id, interview.graduate_id}
        someone = session.scalar(select(Graduate.id).where(Graduate.id.not_in(taken)).limit(1))
        position = session.scalar(select(Position.id).where(Position.event_id == event_id).limit(1))
        assert someone is not None and position is not None
        pairs = (
            (placed.graduate_id, placed.position_id),
            (recommended.graduate_id, recommended.position_id),
        )
        interview_id = interview.id
    assert all(p is not None for pair in pairs for p in pair)
    return Fair(
        sessions,
        event_id,
        held_on,
        pairs[0],  # type: ignore[arg-type]
        pairs[1],  # type: ignore[arg-type]
        interview_id,
        (someone, position),
    )


def record(session: Session, fair: Fair, pair: tuple[int, int], kind: str, on: date = DAY_AFTER) -> str:
    change = outcomes.record_jobfair_outcome(
        session, fair.event_id, pair[0], pair[1], OutcomeKind(kind), on, ORGANISER
    )
    return change.change


def audited(session: Session, fair: Fair) -> list[tuple[str, dict[str, object]]]:
    entries = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.entity == "jobfair_outcomes",
            AuditEntry.action.like("outcome.jobfair%"),
            AuditEntry.entity_key.like(f"{fair.event_id}/%"),
        )
        .order_by(AuditEntry.id)
    )
    return [(e.action, e.details) for e in entries]


def stored(session: Session, fair: Fair) -> list[tuple[str, date, str]]:
    return [
        (OutcomeKind(o.kind).value, o.occurred_on, o.via)
        for o in session.scalars(
            select(JobFairOutcome).where(JobFairOutcome.event_id == fair.event_id).order_by(JobFairOutcome.id)
        )
    ]


def test_a_pair_on_no_source_is_refused_naming_it(fair: Fair) -> None:
    with fair.sessions() as session:
        graduate = session.get(Graduate, fair.nowhere[0])
        position = session.get(Position, fair.nowhere[1])
        assert graduate is not None and position is not None
        with pytest.raises(InputError) as refused:
            record(session, fair, fair.nowhere, "intent")
        (problem,) = refused.value.problems
        assert problem.code == "outcomes.jobfair.not_a_pair"
        english, chinese = refused.value.summary(), refused.value.summary(lang="zh")
        assert graduate.code in english and position.code in english and "approved placement" in english
        assert graduate.code in chinese and "不能登记结果" in chinese
        assert graduate.name not in english + chinese  # named by code, never by name
        # a pending timetable interview is no source of its own (its shortlist pair was only proposed)
        entry = session.get(Interview, fair.interview)
        assert entry is not None and entry.position_id is not None
        with pytest.raises(InputError, match="neither an approved placement"):
            record(session, fair, (entry.graduate_id, entry.position_id), "interviewed")
        assert stored(session, fair) == []


def test_what_may_be_recorded_against_which_source(fair: Fair) -> None:
    with fair.sessions() as session, session.begin():
        assert record(session, fair, fair.placement, "intent") == "recorded"
        assert record(session, fair, fair.placement, "signed") == "recorded"
        with pytest.raises(InputError) as no_show:  # a placement is no interview that could be missed
            record(session, fair, fair.placement, "no_show")
        assert no_show.value.problems[0].code == "outcomes.jobfair.kind_not_allowed"
        assert "approved shortlist interview or a timetable interview marked no-show" in str(no_show.value)
        with pytest.raises(InputError) as contradiction:  # signed and declined cannot both be true
            record(session, fair, fair.placement, "declined")
        assert contradiction.value.problems[0].code == "outcomes.jobfair.contradicts"
        assert record(session, fair, fair.shortlisted, "no_show") == "recorded"
        with pytest.raises(InputError, match="recorded as no-show"):
            record(session, fair, fair.shortlisted, "interviewed")
        entry = session.get(Interview, fair.interview)
        assert entry is not None and entry.position_id is not None
        entry.status = "held"  # what happened on the day (the mark itself is the timetable's)
        session.flush()
        held = (entry.graduate_id, entry.position_id)
        assert record(session, fair, held, "offer") == "recorded"
        with pytest.raises(InputError, match="cannot be recorded"):
            record(session, fair, held, "no_show")
        pairs = outcomes.jobfair_outcome_pairs(session, fair.event_id, ORGANISER)
    by_pair = {(row.graduate_id, row.position_id): row for row in pairs.itertuples()}
    assert by_pair[fair.placement].sources == ("placement",)
    assert "no_show" not in by_pair[fair.placement].kinds
    assert by_pair[fair.placement].recorded == ("intent", "signed")
    assert (
        by_pair[fair.shortlisted].sources == ("shortlist",) and "no_show" in by_pair[fair.shortlisted].kinds
    )
    assert by_pair[held].sources == ("held",) and by_pair[held].recorded == ("offer",)
    assert fair.nowhere not in by_pair
    assert list(pairs["sources"].map(lambda s: s[0])) == sorted(
        pairs["sources"].map(lambda s: s[0]), key=outcomes.SOURCES.index
    )  # placements first, then the shortlist, then the day


def test_the_same_outcome_twice_changes_nothing_and_says_so(fair: Fair) -> None:
    with fair.sessions() as session, session.begin():
        first = outcomes.record_jobfair_outcome(
            session, fair.event_id, *fair.placement, OutcomeKind.INTENT, DAY_AFTER, ORGANISER
        )
    with fair.sessions() as session, session.begin():
        again = outcomes.record_jobfair_outcome(
            session, fair.event_id, *fair.placement, OutcomeKind.INTENT, DAY_AFTER, ORGANISER
        )
        other_day = outcomes.record_jobfair_outcome(
            session, fair.event_id, *fair.placement, OutcomeKind.INTENT, date(2026, 7, 1), ORGANISER
        )
        assert stored(session, fair) == [("intent", DAY_AFTER, "hand")]
        assert [action for action, _ in audited(session, fair)] == ["outcome.jobfair"]
    assert first.change == "recorded" and first.message.text().startswith("recorded intent of ")
    assert again.change == "unchanged" and again.outcome_id == first.outcome_id
    assert again.message.text().startswith("already recorded: intent of ")
    assert "nothing changed" in again.message.text() and "未作改动" in again.message.text("zh")
    assert other_day.change == "unchanged" and "2026-06-01" in other_day.message.text()
    assert "correct it" in other_day.message.text()


def test_a_correction_and_a_withdrawal_are_audited_and_refused_when_stale(fair: Fair) -> None:
    with fair.sessions() as session, session.begin():
        made = outcomes.record_jobfair_outcome(
            session, fair.event_id, *fair.shortlisted, OutcomeKind.INTENT, DAY_AFTER, ORGANISER
        )
        record(session, fair, fair.shortlisted, "no_show")
    assert made.outcome_id is not None
    later = date(2026, 6, 3)
    with fair.sessions() as session, session.begin():
        corrected = outcomes.correct_jobfair_outcome(
            session, made.outcome_id, OutcomeKind.OFFER, later, ORGANISER, seen=("intent", DAY_AFTER)
        )
    assert corrected.change == "corrected" and "intent on 2026-06-01 is now offer on 2026-06-03" in str(
        corrected.message
    )
    with fair.sessions() as session:
        with pytest.raises(ConflictError, match="changed by someone else"):  # the official saw intent
            outcomes.correct_jobfair_outcome(
                session, made.outcome_id, OutcomeKind.SIGNED, later, ORGANISER, seen=("intent", DAY_AFTER)
            )
        with pytest.raises(InputError, match="already has no-show"):  # two rows of one kind: withdraw one
            outcomes.correct_jobfair_outcome(session, made.outcome_id, OutcomeKind.NO_SHOW, later, ORGANISER)
        with pytest.raises(InputError, match="contradicts"):
            outcomes.correct_jobfair_outcome(
                session, made.outcome_id, OutcomeKind.INTERVIEWED, later, ORGANISER
            )
    with fair.sessions() as session, session.begin():
        withdrawn = outcomes.withdraw_jobfair_outcome(
            session, made.outcome_id, ORGANISER, seen=(OutcomeKind.OFFER, later)
        )
        assert stored(session, fair) == [("no_show", DAY_AFTER, "hand")]
        log = audited(session, fair)
    assert withdrawn.change == "withdrawn" and withdrawn.outcome_id is None
    assert [action for action, _ in log] == [
        "outcome.jobfair",
        "outcome.jobfair",
        "outcome.jobfair.correct",
        "outcome.jobfair.withdraw",
    ]
    assert log[2][1]["old"] == {"kind": "intent", "occurred_on": "2026-06-01"}
    assert log[2][1]["new"] == {"kind": "offer", "occurred_on": "2026-06-03"}
    assert log[3][1]["old"] == {"kind": "offer", "occurred_on": "2026-06-03"} and log[3][1]["new"] is None
    with fair.sessions() as session, pytest.raises(outcomes.OutcomeGone, match="does not exist"):
        outcomes.withdraw_jobfair_outcome(session, made.outcome_id, ORGANISER)
    with fair.sessions() as session, pytest.raises(PermissionDenied):
        outcomes.withdraw_jobfair_outcome(session, 1, Actor("v", Role.VIEWER))


def mark(fair: Fair, status: str) -> outcomes.JobFairOutcomeChange | None:
    with fair.sessions() as session, session.begin():
        entry = session.get(Interview, fair.interview)
        assert entry is not None
        entry.status = status
        session.flush()
        return outcomes.record_what_happened(session, fair.interview, ORGANISER)


def test_a_mark_records_follows_later_marks_and_never_overwrites_an_official(fair: Fair) -> None:
    held = mark(fair, "held")
    assert held is not None and held.change == "recorded"
    with fair.sessions() as session:
        assert stored(session, fair) == [("interviewed", fair.held_on, "mark")]
    assert mark(fair, "held").change == "unchanged"  # type: ignore[union-attr]
    missed = mark(fair, "no_show")  # a mark taken back: the outcome the mark recorded follows it
    assert missed is not None and missed.change == "corrected"
    with fair.sessions() as session:
        assert stored(session, fair) == [("no_show", fair.held_on, "mark")]
    pending = mark(fair, "pending")
    assert pending is not None and pending.change == "withdrawn"
    # An official's own no-show (on the day after, say) stands against any later mark.
    with fair.sessions() as session, session.begin():
        entry = session.get(Interview, fair.interview)
        assert entry is not None and entry.position_id is not None
        entry.status = "no_show"
        session.flush()
        record(session, fair, (entry.graduate_id, entry.position_id), "no_show")
    kept = mark(fair, "held")
    assert kept is not None and kept.change == "kept" and "does not change it" in str(kept.message)
    assert mark(fair, "cancelled") is None  # nothing of the mark's own to take back
    with fair.sessions() as session:
        assert stored(session, fair) == [("no_show", DAY_AFTER, "hand")]
        actions = [action for action, details in audited(session, fair)]
        vias = [details.get("via") for _, details in audited(session, fair)]
    assert actions == [
        "outcome.jobfair",
        "outcome.jobfair.correct",
        "outcome.jobfair.withdraw",
        "outcome.jobfair",
    ]
    assert vias == ["mark", "mark", None, "hand"]


def test_the_list_masks_graduates_and_filters(fair: Fair) -> None:
    with fair.sessions() as session, session.begin():
        record(session, fair, fair.placement, "intent", date(2026, 6, 1))
        record(session, fair, fair.shortlisted, "interviewed", date(2026, 5, 20))
        organiser = User(username="o1", display_name="组织者甲", role=Role.ORGANISER)
        session.add(organiser)
        session.flush()
        outcomes.record_jobfair_outcome(
            session,
            fair.event_id,
            *fair.shortlisted,
            OutcomeKind.OFFER,
            date(2026, 6, 10),
            Actor("o1", Role.ORGANISER, user_id=organiser.id),
        )
        names = {g.id: (g.code, g.name) for g in session.scalars(select(Graduate))}
        park_of = session.scalar(
            select(Enterprise.park_id)
            .join(Position, Position.enterprise_id == Enterprise.id)
            .where(Position.id == fair.placement[1])
        )
    with fair.sessions() as session:
        everything = outcomes.jobfair_outcomes(session, ORGANISER, event_ids=[fair.event_id])
        offers = outcomes.jobfair_outcomes(session, ORGANISER, event_ids=[fair.event_id], kinds=["offer"])
        june = outcomes.jobfair_outcomes(
            session, ORGANISER, event_ids=[fair.event_id], since=date(2026, 6, 1), until=date(2026, 6, 9)
        )
        in_park = outcomes.jobfair_outcomes(
            session, ORGANISER, event_ids=[fair.event_id], park_ids=[int(park_of or 0)]
        )
        with pytest.raises(PermissionDenied):
            outcomes.jobfair_outcomes(session, Actor("p", Role.PARK_OFFICIAL, park_id=park_of))
    assert list(everything["kind"]) == ["offer", "intent", "interviewed"]  # newest first
    for row in everything.itertuples():
        code, name = names[row.graduate_id]
        assert row.graduate == code and row.graduate_name != name and row.graduate_name[0] == name[0]
        assert row.university and row.enterprise and row.park and row.position
    assert list(offers["recorded_by"]) == ["组织者甲"] and set(everything["via"]) == {"hand"}
    assert list(june["kind"]) == ["intent"]
    assert "intent" in set(in_park["kind"]) and set(in_park["park_id"]) == {park_of}
    assert set(everything["sources"]) == {("placement",), ("shortlist",)}


def test_a_park_official_lists_their_own_parks_aid_outcomes(fair: Fair) -> None:
    with fair.sessions() as session:
        every = outcomes.aid_outcomes(session, Actor("admin", Role.ADMIN))
        assert not every.empty  # the demo's recorded outcomes
        park = int(every["park_id"].iloc[0])
        own = outcomes.aid_outcomes(session, Actor("p", Role.PARK_OFFICIAL, park_id=park))
        year = int(every["year"].iloc[0])
        of_year = outcomes.aid_outcomes(session, Actor("admin", Role.ADMIN), years=[year], kinds=["yuan"])
        with pytest.raises(PermissionDenied):
            outcomes.aid_outcomes(session, ORGANISER)
        total = session.scalar(select(func.count()).select_from(AidOutcome))
    assert len(every) == total
    assert set(own["park_id"]) == {park} and len(own) == (every["park_id"] == park).sum()
    assert set(of_year["year"]) == {year} and set(of_year["kind"]) == {"yuan"}
    assert {"year", "park", "enterprise", "village", "kind", "value", "occurred_on"} <= set(every.columns)
