"""The fair day, headless: mark interviews, add a walk-in, change a booth, then re-schedule the rest."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matching.services import db
from models import (
    AuditEntry,
    Booth,
    Enterprise,
    Graduate,
    Interview,
    JobFairEvent,
    JobFairOutcome,
    Registration,
)
from tests.cli.conftest import event_code, latest_run
from tests.conftest import Run


@pytest.fixture(scope="module")
def day(stored: str) -> str:
    """A stored fair with a shortlist and its first timetable."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", stored)
        import matching.cli

        code = event_code(stored)
        shortlist = ["jobfair", "solve", "--event", code, "--method", "shortlist", "--seed", "1"]
        assert matching.cli.main(shortlist) == 0
        assert matching.cli.main(["jobfair", "schedule", "--event", code, "--time-limit", "3"]) == 0
    return stored


def _scheduled_pair(url: str) -> tuple[int, str, str]:
    with db.sessions(url)() as session:
        interview, graduate, enterprise = session.execute(
            select(Interview.id, Graduate.code, Enterprise.credit_code)
            .join(Graduate, Graduate.id == Interview.graduate_id)
            .join(Enterprise, Enterprise.id == Interview.enterprise_id)
            .where(Interview.run_id == latest_run(url).id, Interview.start.is_not(None))
            .order_by(Interview.id)
            .limit(1)
        ).one()
    return interview, graduate, enterprise


def test_an_interview_is_marked_by_the_codes_at_hand(
    run: Run, day: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", day)
    code = event_code(day)
    interview, graduate, enterprise = _scheduled_pair(day)
    result = run(
        "jobfair", "mark", "--event", code, "--graduate", graduate, "--enterprise", enterprise, "held"
    )
    assert result[0] == 0 and f"interview {interview} is now held" in result[2]
    with db.sessions(day)() as session:
        assert session.get(Interview, interview).status == "held"  # type: ignore[union-attr]
        logged = session.scalars(select(AuditEntry).where(AuditEntry.action == "interview.status")).all()
    assert [(e.entity_key, e.details["status"]) for e in logged][-1] == (str(interview), "held")
    with db.sessions(day)() as session:  # the mark is the outcome: nobody types "interviewed" in again
        entry = session.get(Interview, interview)
        assert entry is not None and entry.position_id is not None
        recorded = session.scalars(
            select(JobFairOutcome.kind).where(
                JobFairOutcome.graduate_id == entry.graduate_id,
                JobFairOutcome.position_id == entry.position_id,
            )
        ).all()
    assert recorded == ["interviewed"]
    code_, _, err = run(
        "jobfair", "mark", "--event", code, "--graduate", "G-NOBODY", "--enterprise", enterprise, "held"
    )
    assert code_ == 2 and len(err.splitlines()) == 1 and "no interview of G-NOBODY" in err
    with pytest.raises(SystemExit) as refused:  # the parser names the statuses there are
        run("jobfair", "mark", "--event", code, "--graduate", graduate, "--enterprise", enterprise, "late")
    assert refused.value.code == 2


def test_a_walk_in_and_a_late_booth_are_placed_by_the_next_reschedule(
    run: Run, day: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", day)
    code = event_code(day)
    _, _, enterprise = _scheduled_pair(day)
    with db.sessions(day)() as session:
        walker = session.scalar(
            select(Graduate.code)
            .join(Registration, Registration.graduate_id == Graduate.id)
            .order_by(Graduate.id.desc())
        )
    before = latest_run(day).id
    result = run("jobfair", "walk-in", "--event", code, "--graduate", walker, "--enterprise", enterprise)
    assert result[0] == 0 and "walk-in added" in result[2]
    result = run(
        "jobfair",
        "booth",
        "--event",
        code,
        "--enterprise",
        enterprise,
        "--interviewers",
        "3",
        "--arrives",
        "10:00",
    )
    assert result[0] == 0 and "3 interviewers, 10:00" in result[2]
    with db.sessions(day)() as session:
        booth = session.scalars(
            select(Booth)
            .join(Enterprise, Enterprise.id == Booth.enterprise_id)
            .join(JobFairEvent, JobFairEvent.id == Booth.event_id)
            .where(Enterprise.credit_code == enterprise, JobFairEvent.code == code)
        ).one()
        assert (booth.interviewers, booth.arrives) == (3, "10:00")
    assert run("jobfair", "booth", "--event", code, "--enterprise", enterprise, "--arrives", "25:00")[0] == 2
    assert (
        run("jobfair", "booth", "--event", code, "--enterprise", enterprise, "--interviewers", "-1")[0] == 2
    )
    with db.sessions(day)() as session:  # re-plan from the latest held interview on (it stays)
        held = session.scalar(select(func.max(Interview.end)).where(Interview.status == "held")) or "09:00"
    replan = run("jobfair", "reschedule", "--event", code, "--now", held, "--time-limit", "3")
    assert replan[0] == 0, replan[2]
    replanned = latest_run(day)
    assert replanned.id > before
    with db.sessions(day)() as session:
        walk_in = session.scalar(
            select(func.count())
            .select_from(Interview)
            .join(Graduate, Graduate.id == Interview.graduate_id)
            .join(Enterprise, Enterprise.id == Interview.enterprise_id)
            .where(
                Interview.run_id == replanned.id,
                Graduate.code == walker,
                Enterprise.credit_code == enterprise,
            )
        )
        late = session.scalar(
            select(func.min(Interview.start))
            .join(Enterprise, Enterprise.id == Interview.enterprise_id)
            .where(
                Interview.run_id == replanned.id,
                Enterprise.credit_code == enterprise,
                Interview.status == "pending",
            )
        )
    assert walk_in == 1  # in the new plan, placed or with its reason
    assert late is None or late >= "10:00"  # nothing pending at the booth before it arrives
