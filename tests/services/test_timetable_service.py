"""The fair day on stored events: a timetable from the shortlist, same-day changes, and a re-schedule."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import NotFoundError
from matching.jobfair.pipeline import SolveOptions as JobFairOptions
from matching.services.access import Actor, PermissionDenied
from matching.services.demo import seed_demo
from matching.services.jobfair import run_event
from matching.services.timetable import (
    SolveOptions,
    add_walk_in,
    change_booth,
    document,
    document_types,
    interviews_frame,
    mark_interview,
    reschedule_event,
    schedule_event,
)
from models import Booth, Enterprise, Graduate, Interview, JobFairEvent, Registration, Role

ORGANISER = Actor("organiser", Role.ORGANISER)
SEEDER = Actor.system("test")


@pytest.fixture
def fair(sessions: sessionmaker[Session]) -> tuple[sessionmaker[Session], str]:
    seed_demo(sessions, SEEDER, seed=6, scale=0.1)
    with sessions() as session:
        code = session.scalars(select(JobFairEvent.code)).one()
    return sessions, code


def check_timetable(session: Session, run_id: int) -> list[Interview]:
    """Independent of the core: nobody in two places at once, no booth over its interviewers."""
    entries = list(
        session.scalars(select(Interview).where(Interview.run_id == run_id, Interview.start.is_not(None)))
    )
    graduate_slots = Counter((e.graduate_id, e.start) for e in entries)
    assert max(graduate_slots.values(), default=0) <= 1
    interviewers = dict(session.execute(select(Booth.enterprise_id, Booth.interviewers)).all())
    per_booth = Counter((e.enterprise_id, e.start) for e in entries)
    assert all(count <= interviewers.get(enterprise, 2) for (enterprise, _), count in per_booth.items())
    seats = Counter((e.enterprise_id, e.start, e.interviewer) for e in entries)
    assert max(seats.values(), default=0) <= 1
    return entries


def test_there_is_no_timetable_without_a_shortlist(fair: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = fair
    with pytest.raises(NotFoundError, match="run the shortlist method first"):
        schedule_event(sessions, code, SolveOptions(time_limit=2), actor=ORGANISER)


def test_a_timetable_is_stored_with_its_printouts(fair: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = fair
    run_event(sessions, code, JobFairOptions.for_method("shortlist", per_graduate=3, seed=1), actor=ORGANISER)
    summary, result = schedule_event(sessions, code, SolveOptions(time_limit=3), actor=ORGANISER)
    assert summary.scheduled == result.scheduled_count > 0 and "proposed pairs" in summary.source
    with sessions() as session:
        entries = check_timetable(session, summary.run_id)
        files = document_types(session, summary.run_id, ORGANISER)
        page = interviews_frame(session, summary.run_id, ORGANISER)
    assert len(entries) == summary.scheduled and len(page) == summary.requested
    assert set(files) == {"timetable.xlsx", "itineraries.html"}
    assert document(sessions, summary.run_id, "timetable.xlsx", ORGANISER, "面试安排")[:4] == b"PK\x03\x04"
    html = document(sessions, summary.run_id, "itineraries.html", ORGANISER, "面试安排").decode("utf-8")
    assert '<meta charset="utf-8">' in html and "面试行程" in html


def test_same_day_changes_and_a_reschedule_keep_what_was_held(
    fair: tuple[sessionmaker[Session], str],
) -> None:
    sessions, code = fair
    run_event(sessions, code, JobFairOptions.for_method("shortlist", per_graduate=3, seed=1), actor=ORGANISER)
    first, _ = schedule_event(sessions, code, SolveOptions(time_limit=3), actor=ORGANISER)
    with sessions() as session:
        entries = check_timetable(session, first.run_id)
        registered = session.scalars(
            select(Graduate.code)
            .join(Registration, Registration.graduate_id == Graduate.id)
            .order_by(Graduate.code)
            .limit(1)
        ).one()
        enterprise = session.scalars(select(Booth).order_by(Booth.id)).first()
        assert enterprise is not None

        credit = session.get(Enterprise, enterprise.enterprise_id).credit_code  # type: ignore[union-attr]
    morning = [e for e in entries if e.start and e.start < "10:30"]
    later = [e for e in entries if e.start and e.start >= "11:00"]
    no_shows = later[: max(1, len(later) // 10)]
    with sessions() as session, session.begin():
        for entry in morning:
            mark_interview(session, entry.id, "held", ORGANISER)
        for entry in no_shows:
            mark_interview(session, entry.id, "no_show", ORGANISER)
        add_walk_in(session, code, registered, credit, ORGANISER)
        change_booth(session, code, credit, ORGANISER, arrives="11:00")
    second, result = reschedule_event(sessions, code, "10:30", SolveOptions(time_limit=3), actor=ORGANISER)
    assert second.moved == result.moved_count
    with sessions() as session:
        later_entries = check_timetable(session, second.run_id)
        held = {(e.graduate_id, e.enterprise_id): e.start for e in morning}
        kept = {
            (e.graduate_id, e.enterprise_id): e.start
            for e in later_entries
            if (e.graduate_id, e.enterprise_id) in held
        }
        statuses = Counter(
            e.status for e in session.scalars(select(Interview).where(Interview.run_id == second.run_id))
        )
    assert kept == held
    assert statuses["no_show"] == len(no_shows)
    assert all(
        e.start is None or e.start >= "10:30" or (e.graduate_id, e.enterprise_id) in held
        for e in later_entries
    )


def test_only_organisers_and_admins_plan_the_day(fair: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = fair
    with pytest.raises(PermissionDenied):
        schedule_event(sessions, code, actor=Actor("p", Role.PARK_OFFICIAL, park_id=1))
