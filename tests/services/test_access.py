"""Who may do what, tried on the services themselves: every role calls every public service function.

The expectations are the programmes' own (DOMAIN.md): the organiser runs the job fair, a park official
decides and records their own park's aid pairs, the coordinator (admin) runs the pairing and the server,
a viewer reads the city's figures. `test_every_public_service_function_is_tried` fails on a function that
touches stored data without taking the acting user, or that nobody tried here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

import matching.services
from fixtures.demo import EVENT_CODE
from matching.aid.pairing import SolveOptions as AidSolveOptions
from matching.aid.run import AidOptions
from matching.jobfair.pipeline import SolveOptions
from matching.jobfair.timetable import SolveOptions as TimetableOptions
from matching.services import (
    aid,
    audit,
    backup,
    browse,
    data_io,
    db,
    decisions,
    demo,
    disclosure,
    jobfair,
    outcomes,
    privacy,
    report,
    report_files,
    review,
    timetable,
    users,
)
from matching.services.access import Actor, PermissionDenied
from matching.services.demo import seed_demo
from models import (
    DecisionAction,
    Enterprise,
    Graduate,
    Interview,
    JobFairEvent,
    JobFairOutcome,
    MatchingRun,
    OutcomeKind,
    Park,
    Position,
    Program,
    Proposal,
    Registration,
    Role,
    Village,
)

# Functions that touch stored data without an acting user, and why that is right.
NO_ACTOR = {
    "db.engine": "the connection itself",
    "db.sessions": "the connection itself",
    "db.migrate_database": "the schema, before any user exists",
    "db.is_migrated": "the schema, before any user exists",
    "db.is_empty": "asked by the demo seeder before any user exists",
    "users.sign_in": "there is no actor before sign-in",
    "users.authenticate": "there is no actor before sign-in",
    "users.active_account": "finds the account a sign-in (or single sign-on) names",
    "users.active_account_of": "checks that a signed-in account is still active",
    "users.demo_accounts": "the demo's role switch lists its accounts (demo databases only)",
    "audit.record": "the log itself, written by the checked actions with the actor's name",
    "backup.sqlite_path": "reads the file name out of a database URL, nothing stored",
    "demo.is_demo_database": "decides, before anyone signs in, whether the app may offer the demo's role switch",
}

WHO = ["admin", "organiser", "official-own", "official-other", "viewer"]
EVERYONE = set(WHO)
NOT_VIEWER = EVERYONE - {"viewer"}
JOB_FAIR = {"admin", "organiser"}
ADMIN = {"admin"}
OWN_PARK = {"admin", "official-own"}
OFFICIALS = {"admin", "official-own", "official-other"}


@dataclass
class World:
    sessions: sessionmaker[Session]
    event: JobFairEvent
    graduate_code: str
    jobfair_run: int
    shortlist_run: int
    jobfair_proposal: Proposal
    aid_run: int
    aid_proposal: Proposal
    aid_park: int
    other_park: int
    timetable_run: int
    interview_id: int
    interview_graduate: str
    booth_enterprise: str


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    admin = Actor("setup", Role.ADMIN)
    seed_demo(sessions, admin, seed=3, scale=0.1)
    with sessions() as session:
        event = session.scalars(select(JobFairEvent).where(JobFairEvent.code == EVENT_CODE)).one()
        graduate = session.scalars(  # one registered for the coming fair (the demo also has a past one)
            select(Graduate)
            .join(Registration, Registration.graduate_id == Graduate.id)
            .where(Registration.event_id == event.id)
            .order_by(Graduate.id)
        ).first()
        aid_proposal = session.scalars(
            select(Proposal)
            .join(MatchingRun, MatchingRun.id == Proposal.run_id)
            .where(
                MatchingRun.program == Program.AID,
                MatchingRun.year == 2025,
                Proposal.enterprise_id.is_not(None),
            )
            .order_by(Proposal.id)
        ).first()
        assert graduate and aid_proposal
        aid_park = session.scalar(
            select(Enterprise.park_id).where(Enterprise.id == aid_proposal.enterprise_id)
        )
        parks = list(session.scalars(select(Park.id).order_by(Park.id)))
    assert aid_park is not None
    shortlist, _ = jobfair.run_event(
        sessions, event.code, SolveOptions.for_method("shortlist", per_graduate=2, seed=1), actor=admin
    )
    placement, _ = jobfair.run_event(
        sessions, event.code, SolveOptions.for_method("welfare", seed=1), actor=admin
    )
    day, _ = timetable.schedule_event(sessions, event.code, TimetableOptions(time_limit=2), actor=admin)
    with sessions() as session:
        jobfair_proposal = session.scalars(
            select(Proposal).where(Proposal.run_id == placement.run_id, Proposal.position_id.is_not(None))
        ).first()
        interview = session.scalars(select(Interview).where(Interview.run_id == day.run_id)).first()
        booth = session.scalar(select(Enterprise.credit_code).where(Enterprise.id == interview.enterprise_id))
        interview_graduate = session.scalar(select(Graduate.code).where(Graduate.id == interview.graduate_id))
    assert jobfair_proposal and interview and booth and shortlist.run_id
    with sessions() as session, session.begin():  # an approved placement: what outcomes are recorded against
        decisions.decide(session, jobfair_proposal.id, DecisionAction.APPROVE, admin)
    return World(
        sessions=sessions,
        event=event,
        graduate_code=graduate.code,
        jobfair_run=placement.run_id,
        shortlist_run=shortlist.run_id,
        jobfair_proposal=jobfair_proposal,
        aid_run=aid_proposal.run_id,
        aid_proposal=aid_proposal,
        aid_park=aid_park,
        other_park=next(p for p in parks if p != aid_park),
        timetable_run=day.run_id,
        interview_id=interview.id,
        interview_graduate=interview_graduate,
        booth_enterprise=booth,
    )


Call = Callable[[Actor], Any]


def _latest_jobfair_outcome(session: Session) -> int:
    return int(session.scalar(select(func.max(JobFairOutcome.id))) or 0)


def _calls(w: World, tmp_path: Path) -> dict[str, tuple[Call, set[str]]]:
    """Each public service function (some twice, with data of two kinds) → the call, and who may."""
    sessions = w.sessions

    def read(function: Callable[[Session, Actor], Any]) -> Call:
        def call(actor: Actor) -> Any:
            with sessions() as session, session.begin():
                return function(session, actor)

        return call

    parks_csv = tmp_path / "parks.csv"
    parks_csv.write_text("code,name,level,county_code\nNEW,新园区,municipal,210602\n", encoding="utf-8")
    job, help_ = w.jobfair_proposal, w.aid_proposal
    table = pd.DataFrame({"code": ["P1"], "name": ["园区"]})
    quick_aid = AidOptions(solve=AidSolveOptions(time_limit=2))
    url = sessions.kw["bind"].url.render_as_string(hide_password=False)
    spare = f"sqlite:///{tmp_path / 'spare.db'}"  # backups and restores are SQLite's: a database of their own
    db.migrate_database(spare)
    spare_backup = tmp_path / "spare-backup.db"
    backup.backup_sqlite(spare, spare_backup, Actor.system("setup"))
    return {
        "browse.counts": (read(browse.counts), EVERYONE),
        "browse.parks": (read(browse.parks), NOT_VIEWER),
        "browse.enterprises": (read(browse.enterprises), NOT_VIEWER),
        "browse.positions": (read(browse.positions), NOT_VIEWER),
        "browse.graduates": (read(browse.graduates), JOB_FAIR),
        "browse.villages": (read(browse.villages), NOT_VIEWER),
        "browse.aid_offers": (read(browse.aid_offers), NOT_VIEWER),
        "browse.download": (lambda a: browse.download(sessions, "parks", table, a), NOT_VIEWER),
        "browse.download:graduates": (
            lambda a: browse.download(sessions, "graduates", table, a, "面试通知"),
            JOB_FAIR,
        ),
        "disclosure.release": (
            read(
                lambda s, a: disclosure.release(
                    s, a, what="x", file_name="x.csv", rows=1, personal=True, purpose="y"
                )
            ),
            JOB_FAIR,
        ),
        "aid.minimum_targets": (read(aid.minimum_targets), ADMIN),
        "aid.latest_offer_year": (read(aid.latest_offer_year), NOT_VIEWER),
        "aid.run_aid": (lambda a: aid.run_aid(sessions, options=quick_aid, actor=a), ADMIN),
        "jobfair.events": (read(jobfair.events), NOT_VIEWER),
        "jobfair.preview_event": (
            lambda a: jobfair.preview_event(
                sessions, w.event.code, SolveOptions.for_method("stable"), actor=a
            ),
            JOB_FAIR,
        ),
        "jobfair.run_event": (
            lambda a: jobfair.run_event(
                sessions, w.event.code, SolveOptions.for_method("stable", seed=1), actor=a
            ),
            JOB_FAIR,
        ),
        "jobfair.approved_pairs": (read(lambda s, a: jobfair.approved_pairs(s, w.event.id, a)), JOB_FAIR),
        "outcomes.record_jobfair_outcome": (
            read(
                lambda s, a: outcomes.record_jobfair_outcome(
                    s, w.event.id, job.graduate_id, job.position_id, OutcomeKind.INTENT, date(2026, 6, 1), a
                )
            ),
            JOB_FAIR,
        ),
        "outcomes.record_aid_outcome": (
            read(
                lambda s, a: outcomes.record_aid_outcome(
                    s, help_.enterprise_id, help_.village_id, OutcomeKind.LEGAL, 1.0, date(2025, 6, 1), a
                )
            ),
            OWN_PARK,
        ),
        "outcomes.delete_aid_outcome": (
            read(
                lambda s, a: outcomes.delete_aid_outcome(
                    s, help_.enterprise_id, help_.village_id, OutcomeKind.LEGAL, date(2025, 6, 1), a
                )
            ),
            OWN_PARK,
        ),
        "outcomes.record_jobfair_outcome_of": (
            read(
                lambda s, a: outcomes.record_jobfair_outcome_of(
                    s,
                    w.event.code,
                    s.get(Graduate, job.graduate_id).code,
                    s.get(Position, job.position_id).code,
                    "intent",
                    date(2026, 6, 1),
                    a,
                )
            ),
            JOB_FAIR,
        ),
        "outcomes.record_aid_outcome_of": (
            read(
                lambda s, a: outcomes.record_aid_outcome_of(
                    s,
                    s.get(Enterprise, help_.enterprise_id).credit_code,
                    s.get(Village, help_.village_id).division_code,
                    "legal",
                    2.0,
                    date(2025, 6, 1),
                    a,
                )
            ),
            OWN_PARK,
        ),
        "outcomes.correct_jobfair_outcome": (
            read(
                lambda s, a: outcomes.correct_jobfair_outcome(
                    s, _latest_jobfair_outcome(s), OutcomeKind.OFFER, date(2026, 6, 2), a
                )
            ),
            JOB_FAIR,
        ),
        "outcomes.withdraw_jobfair_outcome": (
            read(lambda s, a: outcomes.withdraw_jobfair_outcome(s, _latest_jobfair_outcome(s), a)),
            JOB_FAIR,
        ),
        "outcomes.record_what_happened": (
            read(lambda s, a: outcomes.record_what_happened(s, w.interview_id, a)),
            JOB_FAIR,
        ),
        "outcomes.jobfair_outcomes": (read(outcomes.jobfair_outcomes), JOB_FAIR),
        "outcomes.jobfair_outcome_pairs": (
            read(lambda s, a: outcomes.jobfair_outcome_pairs(s, w.event.id, a)),
            JOB_FAIR,
        ),
        "outcomes.aid_outcomes": (read(outcomes.aid_outcomes), OFFICIALS),
        "report.reported_to_date": (read(report.reported_to_date), EVERYONE),
        "report.event_period": (read(lambda s, a: report.event_period(s, a, w.event.code)), EVERYONE),
        "report.previous_period": (
            read(lambda s, a: report.previous_period(s, a, report.Period.year(2026))),
            EVERYONE,
        ),
        "report.resolve_scope": (read(report.resolve_scope), EVERYONE),
        "report.resolve_scope:a-park": (
            read(lambda s, a: report.resolve_scope(s, a, s.get(Park, w.aid_park).code)),
            EVERYONE - {"official-other"},
        ),
        "report.report": (read(lambda s, a: report.report(s, a, report.Period.year(2026))), EVERYONE),
        "report.report:a-park": (
            read(lambda s, a: report.report(s, a, report.Period.year(2026), s.get(Park, w.aid_park).code)),
            EVERYONE - {"official-other"},
        ),
        "report.ledger": (read(lambda s, a: report.ledger(s, a, report.Period.year(2026))), NOT_VIEWER),
        "report.park_choices": (read(report.park_choices), EVERYONE),
        "report.event_choices": (read(report.event_choices), EVERYONE),
        "report_files.export": (
            lambda a: report_files.export(sessions, a, report.Period.year(2026), "report.csv"),
            NOT_VIEWER,
        ),
        "report_files.export:ledger": (
            lambda a: report_files.export(
                sessions, a, report.Period.year(2026), "ledger.csv", with_ledger=True
            ),
            NOT_VIEWER,
        ),
        "timetable.printout_choices": (
            read(lambda s, a: timetable.printout_choices(s, w.timetable_run, a)),
            JOB_FAIR,
        ),
        "outcomes.jobfair_totals": (read(outcomes.jobfair_totals), EVERYONE),
        "outcomes.aid_totals_by_park": (read(outcomes.aid_totals_by_park), EVERYONE),
        "outcomes.aid_totals_by_month": (read(outcomes.aid_totals_by_month), EVERYONE),
        "outcomes.villages_paired": (read(outcomes.villages_paired), EVERYONE),
        "outcomes.aid_pairs": (read(outcomes.aid_pairs), OFFICIALS),
        "review.runs": (read(review.runs), NOT_VIEWER),
        "review.fairness": (read(lambda s, a: review.fairness(s, w.jobfair_run, a)), EVERYONE),
        "review.proposals": (read(lambda s, a: review.proposals(s, w.jobfair_run, a)), JOB_FAIR),
        "review.proposals:aid": (read(lambda s, a: review.proposals(s, w.aid_run, a)), NOT_VIEWER),
        "review.proposals_file": (
            lambda a: review.proposals_file(sessions, w.jobfair_run, a, "run.csv", "审核"),
            JOB_FAIR,
        ),
        "review.proposals_file:aid": (
            lambda a: review.proposals_file(sessions, w.aid_run, a, "run.csv"),
            NOT_VIEWER,
        ),
        "review.decisions_stamp": (read(lambda s, a: review.decisions_stamp(s, w.aid_run, a)), NOT_VIEWER),
        "review.explain": (read(lambda s, a: review.explain(s, job.id, a)), JOB_FAIR),
        "review.explain:aid": (read(lambda s, a: review.explain(s, help_.id, a)), OWN_PARK | {"organiser"}),
        "review.blocking_pairs": (read(lambda s, a: review.blocking_pairs(s, w.jobfair_run, a)), JOB_FAIR),
        "review.blocking_file": (
            lambda a: review.blocking_file(sessions, w.jobfair_run, a, "b.csv", "稳定性检查"),
            JOB_FAIR,
        ),
        "review.run_changes": (read(lambda s, a: review.run_changes(s, w.jobfair_run, a)), JOB_FAIR),
        "review.run_changes:aid": (read(lambda s, a: review.run_changes(s, w.aid_run, a)), NOT_VIEWER),
        "review.compare_runs": (
            read(lambda s, a: review.compare_runs(s, w.shortlist_run, w.jobfair_run, a)),
            NOT_VIEWER,
        ),
        "review.comparison_file": (
            lambda a: review.comparison_file(sessions, w.shortlist_run, w.jobfair_run, a, "c.csv", "比较"),
            JOB_FAIR,
        ),
        "review.reveal_graduate": (
            read(lambda s, a: review.reveal_graduate(s, w.graduate_code, a)),
            JOB_FAIR,
        ),
        "decisions.decide": (read(lambda s, a: decisions.decide(s, job.id, DecisionAction.PIN, a)), JOB_FAIR),
        "decisions.decide:aid": (
            read(lambda s, a: decisions.decide(s, help_.id, DecisionAction.PIN, a)),
            OWN_PARK,
        ),
        "decisions.decide_many": (
            lambda a: decisions.decide_many(sessions, [(help_.id, DecisionAction.RESET, None, None)], a),
            OWN_PARK,
        ),
        "timetable.latest_timetable": (
            read(lambda s, a: timetable.latest_timetable(s, w.event.id, a)),
            JOB_FAIR,
        ),
        "timetable.interviews_frame": (
            read(lambda s, a: timetable.interviews_frame(s, w.timetable_run, a)),
            JOB_FAIR,
        ),
        "timetable.document_types": (
            read(lambda s, a: timetable.document_types(s, w.timetable_run, a)),
            JOB_FAIR,
        ),
        "timetable.document": (
            lambda a: timetable.document(sessions, w.timetable_run, "timetable.xlsx", a, "签到"),
            JOB_FAIR,
        ),
        "timetable.release_files": (
            lambda a: timetable.release_files(sessions, w.timetable_run, ["t.csv"], a, "签到"),
            JOB_FAIR,
        ),
        "timetable.mark_interview": (
            read(lambda s, a: timetable.mark_interview(s, w.interview_id, "held", a)),
            JOB_FAIR,
        ),
        "timetable.mark_interview_of": (
            read(
                lambda s, a: timetable.mark_interview_of(
                    s, w.event.code, w.interview_graduate, w.booth_enterprise, "held", a
                )
            ),
            JOB_FAIR,
        ),
        "timetable.add_walk_in": (
            read(lambda s, a: timetable.add_walk_in(s, w.event.code, w.graduate_code, w.booth_enterprise, a)),
            JOB_FAIR,
        ),
        "timetable.change_booth": (
            read(lambda s, a: timetable.change_booth(s, w.event.code, w.booth_enterprise, a, interviewers=2)),
            JOB_FAIR,
        ),
        "timetable.schedule_event": (
            lambda a: timetable.schedule_event(
                sessions, w.event.code, TimetableOptions(time_limit=1), actor=a
            ),
            JOB_FAIR,
        ),
        "timetable.reschedule_event": (
            lambda a: timetable.reschedule_event(
                sessions, w.event.code, "12:00", TimetableOptions(time_limit=1), actor=a
            ),
            JOB_FAIR,
        ),
        "data_io.import_file": (
            lambda a: data_io.import_file(sessions, "parks", parks_csv, actor=a, dry_run=True),
            JOB_FAIR,
        ),
        "data_io.import_frame": (
            read(
                lambda s, a: data_io.import_frame(
                    s, "parks", pd.read_csv(parks_csv, dtype=str), "p.csv", actor=a
                )
            ),
            JOB_FAIR,
        ),
        "data_io.editable_frame": (read(lambda s, a: data_io.editable_frame(s, "parks", actor=a)), JOB_FAIR),
        "data_io.export_file": (
            lambda a: data_io.export_file(sessions, "parks", tmp_path / f"{a.username}.csv", actor=a),
            NOT_VIEWER,
        ),
        "data_io.export_bytes_for": (
            lambda a: data_io.export_bytes_for(sessions, "graduates", "csv", actor=a, purpose="x"),
            JOB_FAIR,
        ),
        "data_io.export_bytes_for:parks": (
            lambda a: data_io.export_bytes_for(sessions, "parks", "csv", actor=a),
            NOT_VIEWER,
        ),
        "privacy.withdraw_consent": (
            read(lambda s, a: privacy.withdraw_consent(s, w.graduate_code, a)),
            JOB_FAIR,
        ),
        "privacy.apply_retention": (read(privacy.apply_retention), ADMIN),
        "users.create_user": (
            read(
                lambda s, a: users.create_user(
                    s, f"u-{a.username}", "x", Role.VIEWER, "correct horse battery", a
                )
            ),
            ADMIN,
        ),
        "users.set_password": (
            read(lambda s, a: users.set_password(s, "demo-viewer", "another long passphrase", a)),
            ADMIN,
        ),
        "audit.verify_chain": (read(audit.verify_chain), ADMIN),
        "audit.inspect_chain": (read(audit.inspect_chain), ADMIN),
        "audit.restart_checkpoint": (read(lambda s, a: audit.restart_checkpoint(s, a, "access test")), ADMIN),
        "audit.prepare": (lambda a: audit.prepare(url, a, new_database=False), ADMIN),
        "backup.backup_sqlite": (lambda a: backup.backup_sqlite(spare, tmp_path / "spare-copy.db", a), ADMIN),
        "backup.restore_sqlite": (lambda a: backup.restore_sqlite(spare, spare_backup, a), ADMIN),
        "demo.seed_demo": (lambda a: demo.seed_demo(sessions, a, if_empty=True), ADMIN),
        "demo.reset_demo": (
            lambda a: demo.reset_demo(sessions, a, seed=3),
            ADMIN,
        ),  # last: it reloads the demo
    }


def _actors(w: World) -> dict[str, Actor]:
    return {
        "admin": Actor("admin", Role.ADMIN),
        "organiser": Actor("organiser", Role.ORGANISER),
        "official-own": Actor("own", Role.PARK_OFFICIAL, park_id=w.aid_park),
        "official-other": Actor("other", Role.PARK_OFFICIAL, park_id=w.other_park),
        "viewer": Actor("viewer", Role.VIEWER),
    }


@pytest.mark.slow
@pytest.mark.parametrize("who", WHO)
def test_each_role_calls_each_service(world: World, tmp_path: Path, who: str) -> None:
    actor = _actors(world)[who]
    allowed: dict[str, bool] = {}
    for name, (call, _) in _calls(world, tmp_path).items():
        try:
            call(actor)
            allowed[name] = True
        except PermissionDenied as refusal:
            assert refusal.text("zh") and refusal.text("en"), name  # said in both languages
            allowed[name] = False
    expected = {name: who in roles for name, (_, roles) in _calls(world, tmp_path).items()}
    assert allowed == expected


def _public_functions_on_stored_data() -> dict[str, inspect.Signature]:
    found = {}
    for module_info in pkgutil.iter_modules(matching.services.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"matching.services.{module_info.name}")
        for name, function in vars(module).items():
            if (
                name.startswith("_")
                or not inspect.isfunction(function)
                or function.__module__ != module.__name__
            ):
                continue
            signature = inspect.signature(function)
            if any(_touches_storage(parameter) for parameter in signature.parameters.values()):
                found[f"{module_info.name}.{name}"] = signature
    return found


def _touches_storage(parameter: inspect.Parameter) -> bool:
    annotation = str(parameter.annotation)
    return (
        parameter.name in {"session", "sessions", "url"}
        or "Session" in annotation
        or "sessionmaker" in annotation
    )


def test_every_public_service_function_is_tried(world: World, tmp_path: Path) -> None:
    functions = _public_functions_on_stored_data()
    without_actor = {
        name
        for name, signature in functions.items()
        if "actor" not in signature.parameters and name not in NO_ACTOR
    }
    assert not without_actor, f"public service functions without the acting user: {sorted(without_actor)}"
    tried = {name.split(":")[0] for name in _calls(world, tmp_path)}
    untried = set(functions) - tried - set(NO_ACTOR)
    assert not untried, f"public service functions no role tried: {sorted(untried)}"
    assert not (tried - set(functions)), "the catalogue names functions that no longer exist"
