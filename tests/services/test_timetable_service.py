"""The fair day on stored events: a timetable from the shortlist, same-day changes, and a re-schedule."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from fixtures.demo import EVENT_CODE
from matching.errors import NotFoundError
from matching.jobfair.pipeline import SolveOptions as JobFairOptions
from matching.services import db
from matching.services.access import Actor, PermissionDenied
from matching.services.demo import seed_demo
from matching.services.disclosure import PurposeRequired
from matching.services.jobfair import run_event
from matching.services.timetable import (
    Audience,
    Selection,
    SolveOptions,
    add_walk_in,
    change_booth,
    document,
    document_types,
    interviews_frame,
    mark_interview,
    printout_choices,
    reschedule_event,
    schedule_event,
)
from models import (
    AuditEntry,
    Booth,
    Enterprise,
    Graduate,
    Interview,
    JobFairEvent,
    Registration,
    Role,
    University,
)

ORGANISER = Actor("organiser", Role.ORGANISER)
SEEDER = Actor.system("test")


@pytest.fixture
def fair(sessions: sessionmaker[Session]) -> tuple[sessionmaker[Session], str]:
    seed_demo(sessions, SEEDER, seed=6, scale=0.1)
    with sessions() as session:
        code = session.scalars(select(JobFairEvent.code).where(JobFairEvent.code == EVENT_CODE)).one()
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
            .join(JobFairEvent, JobFairEvent.id == Registration.event_id)
            .where(JobFairEvent.code == code)
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


def test_printouts_are_made_from_the_stored_run_for_a_booth_a_graduate_or_a_university(
    fair: tuple[sessionmaker[Session], str],
) -> None:
    sessions, code = fair
    run_event(sessions, code, JobFairOptions.for_method("shortlist", per_graduate=3, seed=1), actor=ORGANISER)
    summary, _ = schedule_event(sessions, code, SolveOptions(time_limit=3), actor=ORGANISER)
    run_id = summary.run_id
    with sessions() as session:
        choices = printout_choices(session, run_id, ORGANISER)
        placed = session.execute(
            select(Graduate.code, Graduate.name, University.name, Enterprise.credit_code)
            .join(Interview, Interview.graduate_id == Graduate.id)
            .join(University, University.id == Graduate.university_id)
            .join(Enterprise, Enterprise.id == Interview.enterprise_id)
            .where(Interview.run_id == run_id, Interview.start.is_not(None))
        ).all()
    graduate, name, university, enterprise = placed[0]
    assert (enterprise in dict(choices[Audience.BOOTH])) and (graduate in dict(choices[Audience.GRADUATE]))
    assert university in dict(choices[Audience.UNIVERSITY])
    assert name not in dict(choices[Audience.GRADUATE])[graduate]  # the page's choice shows masked names

    def printed(selection: Selection, lang: str = "zh") -> str:
        return document(
            sessions, run_id, "itineraries.html", ORGANISER, "面试安排", selection=selection, lang=lang
        ).decode("utf-8")

    booth = printed(Selection(Audience.BOOTH, enterprise))
    assert booth.count('<section class="page') == 1 and "展位面试名单" in booth
    assert booth.count("<tr>") - 1 == sum(1 for *_, e in placed if e == enterprise)  # header row + one each
    one = printed(Selection(Audience.GRADUATE, graduate))
    assert one.count('<section class="page graduate">') == 1 and f"{name}（{graduate}）" in one
    office = printed(Selection(Audience.UNIVERSITY, university))
    theirs = {g for g, _, u, _ in placed if u == university}
    others = {g for g, _, u, _ in placed if u != university}
    assert office.count('<section class="page university">') == 1 and "本校毕业生面试安排" in office
    assert all(g in office for g in theirs) and not any(f"（{g}）" in office for g in others)
    english = printed(Selection(Audience.GRADUATE, graduate), lang="en")
    assert "Interview itinerary" in english and "面试行程" not in english
    everyone = printed(Selection())
    assert everyone.count('<section class="page graduate">') == len({g for g, *_ in placed})

    with sessions() as session:
        logged = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "download").order_by(AuditEntry.id)
        ).all()
    assert logged[0].entity_key == f"itineraries.html (booth:{enterprise})"
    assert logged[0].details["purpose"] == "面试安排"
    assert logged[0].details["rows"] == sum(1 for *_, e in placed if e == enterprise)
    with pytest.raises(PurposeRequired):
        document(sessions, run_id, "itineraries.html", ORGANISER, " ", selection=Selection(Audience.BOOTH))


def test_the_workbook_speaks_the_users_language_and_keeps_the_codes(
    fair: tuple[sessionmaker[Session], str],
) -> None:
    import io

    import pandas as pd

    sessions, code = fair
    run_event(sessions, code, JobFairOptions.for_method("shortlist", per_graduate=3, seed=1), actor=ORGANISER)
    summary, result = schedule_event(sessions, code, SolveOptions(time_limit=3), actor=ORGANISER)
    content = document(sessions, summary.run_id, "timetable.xlsx", ORGANISER, "面试安排")
    sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == ["面试日程", "毕业生行程", "展位名单", "timetable"]
    people = sheets["面试日程"]
    assert len(people) == len(result.timetable_frame())
    assert {"姓名", "高校", "展位", "开始", "已调整"} <= set(people.columns)
    assert set(people["已调整"]) <= {"是", "否"}
    assert not people.isin(["true", "false", "booth_full", "graduate_limit", "no_common_slot"]).any().any()
    codes = sheets["timetable"]
    assert set(codes["moved"]) <= {"true", "false"}  # the machine-readable sheet keeps the codes
    english = document(sessions, summary.run_id, "timetable.xlsx", ORGANISER, "plan", lang="en")
    assert list(pd.read_excel(io.BytesIO(english), sheet_name=None)) == [
        "Schedule",
        "Itineraries",
        "Booth lists",
        "timetable",
    ]


def test_the_command_line_prints_stored_itineraries_per_university_in_its_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from matching.cli import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["demo", "seed", "--scale", "0.1", "--seed", "3"]) == 0
    assert main(["jobfair", "solve", "--event", EVENT_CODE, "--method", "shortlist", "--seed", "1"]) == 0
    html, xlsx = tmp_path / "offices.html", tmp_path / "day.xlsx"
    args = ["jobfair", "schedule", "--event", EVENT_CODE, "--time-limit", "3", "--html", str(html)]
    args += ["--for", "university", "--out", str(xlsx), "--purpose", "高校就业指导"]
    capsys.readouterr()
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "status=" in err  # English on the command line by default
    page = html.read_text("utf-8")
    assert page.count('<section class="page university">') > 1 and "Interviews of our graduates" in page
    assert 'class="page graduate"' not in page and 'class="page booth"' not in page
    import pandas as pd

    assert list(pd.read_excel(xlsx, sheet_name=None)) == [
        "Schedule",
        "Itineraries",
        "Booth lists",
        "timetable",
    ]
    with db.sessions(url)() as session:
        logged = {
            entry.entity_key: entry.details["purpose"]
            for entry in session.scalars(select(AuditEntry).where(AuditEntry.action == "download"))
        }
    assert logged == {"offices.html (university)": "高校就业指导", "day.xlsx": "高校就业指导"}
    monkeypatch.setenv("MATCHING_LANG", "zh")
    assert main([*args[:-4], "--for", "booth", "--purpose", "展位名单"]) == 0
    assert "场面试中已安排" in capsys.readouterr().err
    page = html.read_text("utf-8")
    assert "展位面试名单" in page and 'class="page university"' not in page
