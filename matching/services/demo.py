"""Seeding the demo data set: the generator's frames go through the same importer as officials' files,
then the reported years' aid pairs become approved past runs and one demo user per role is created.

A seed marks its database as a demo database (`app_settings.demo`, in the seed's own transaction). Only a
marked database may be reset (`reset_demo` deletes every record) or shown without signing in (the app's
demo mode), whatever the backend: a deployment never was seeded, so it refuses both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from fixtures.demo import COLUMNS, KIND_ORDER, DemoData, generate
from matching.errors import InputError, InputProblem
from matching.jobfair.result import Method
from matching.messages import render
from matching.services import audit
from matching.services.access import Action, Actor, require
from matching.services.data_io import ImportReport, import_frame
from matching.services.db import is_empty
from matching.services.kinds import KINDS
from models import (
    AuditEntry,
    Base,
    Decision,
    DecisionAction,
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
    RunStatus,
    User,
    Village,
)
from models.tables import AppSetting

DEFAULT_SEED = 2026
SEEDER = Actor.system("demo-seed")
DEMO_MARKER = "demo"  # the app_settings row a seed writes


def format_drift() -> list[str]:
    """The kinds whose columns in the generator (which sits below the services and so cannot read
    `KINDS`) differ from the importer's; empty while the two agree."""
    return [
        kind for kind in KIND_ORDER if kind not in KINDS or COLUMNS[kind] != tuple(KINDS[kind].column_names)
    ]


if _drift := format_drift():
    raise RuntimeError(
        f"fixtures.demo.COLUMNS disagree with matching.services.kinds for: {', '.join(_drift)}"
    )


@dataclass
class SeedReport:
    seeded: bool
    reports: list[ImportReport]

    def summary(self) -> str:
        if not self.seeded:
            return "the database already holds data; nothing seeded"
        return "; ".join(f"{r.kind} {r.inserted}" for r in self.reports)


def seed_demo(
    sessions: sessionmaker[Session],
    actor: Actor,
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
    if_empty: bool = False,
) -> SeedReport:
    """Load the demo data set and mark the database as a demo database, in one transaction. Refused on a
    database holding data that no seed wrote (it would mix invented people into real records)."""
    require(actor, Action.MAINTAIN)
    with sessions() as session, session.begin():
        marked = _marked(session)
        if not is_empty(session):
            if if_empty:
                return SeedReport(False, [])
            # a second seed would add the recorded runs and the demo users twice
            raise _refused(session, "demo.seed_again" if marked else "demo.seed_refused")
        reports = _load(session, generate(seed=seed, scale=scale))
        if not marked:
            session.add(AppSetting(name=DEMO_MARKER, value={"seed": seed, "scale": scale}))
        audit.record(session, actor.username, "seed", "demo", str(seed), {"scale": scale})
    return SeedReport(True, reports)


# Outcomes follow the recorded pairs they were delivered by: a job-fair outcome needs an approved pair of its
# event (here the fair's recommendations), an aid outcome a pair standing in its year.
AFTER_THE_PAIRS = ("jobfair_outcomes", "aid_outcomes")


def _load(session: Session, data: DemoData) -> list[ImportReport]:
    reports = {
        kind: import_frame(session, kind, data.frames[kind], f"demo:{kind}", actor=SEEDER)
        for kind in KIND_ORDER
        if kind not in AFTER_THE_PAIRS
    }
    _record_past_shortlists(session, data.past_shortlist)
    _record_past_aid_run(session, data.past_aid_pairs)
    for kind in AFTER_THE_PAIRS:
        reports[kind] = import_frame(session, kind, data.frames[kind], f"demo:{kind}", actor=SEEDER)
    _create_demo_users(session)
    return [reports[kind] for kind in KIND_ORDER]


def reset_demo(sessions: sessionmaker[Session], actor: Actor, seed: int = DEFAULT_SEED) -> SeedReport:
    """Empty every table but the audit log (history stays, with this reset in it) and the database's own
    settings, and seed afresh at the seed's scale, in one transaction. Refused unless `demo seed` created the
    database."""
    require(actor, Action.MAINTAIN)
    if not is_demo_database(sessions):  # an unmigrated database is no demo either
        with sessions() as session:
            raise _refused(session, "demo.not_demo_database")
    with sessions() as session, session.begin():
        marker = session.scalar(select(AppSetting.value).where(AppSetting.name == DEMO_MARKER))
        if marker is None:
            raise _refused(session, "demo.not_demo_database")
        data = generate(seed=seed, scale=float(marker.get("scale", 1.0)))
        kept = {AuditEntry.__tablename__, AppSetting.__tablename__}
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in kept:
                session.execute(delete(table))
        audit.record(session, actor.username, "demo.reset", "demo", str(seed), {})
        reports = _load(session, data)
    return SeedReport(True, reports)


def is_demo_database(sessions: sessionmaker[Session]) -> bool:
    """Whether `demo seed` created this database. Asked before anyone signs in (it decides whether the app
    offers the no-sign-in role switch), so it takes no actor; it reads one flag and nothing personal. A
    database without the table (not migrated) is no demo."""
    try:
        with sessions() as session:
            return _marked(session)
    except SQLAlchemyError:
        return False


def _marked(session: Session) -> bool:
    return session.scalar(select(AppSetting.id).where(AppSetting.name == DEMO_MARKER)) is not None


def _refused(session: Session, code: str) -> InputError:
    database = session.get_bind().engine.url.render_as_string(hide_password=True)
    return InputError(InputProblem(file=database, message=render(code), code=code))


def _recorded_run(
    session: Session, rows: list[dict[str, Any]], reason: str, method: str = "recorded", **run: Any
) -> None:
    """A run of pairs recorded before this service was used, every pair approved (one decision each)."""
    recorded = MatchingRun(
        method=method,
        seed=0,
        solver_version="recorded",
        input_hash="",
        status=RunStatus.FEASIBLE,
        message="pairs recorded before this service was used",
        summary={"code": "runs.recorded", "params": {}},  # said in the reader's language
        **run,
    )
    session.add(recorded)
    session.flush()
    for start in range(0, len(rows), 5000):
        chunk = [
            {**row, "run_id": recorded.id, "status": ProposalStatus.APPROVED}
            for row in rows[start : start + 5000]
        ]
        ids = session.scalars(
            insert(Proposal).returning(Proposal.id, sort_by_parameter_order=True), chunk
        ).all()
        session.execute(
            insert(Decision),
            [{"proposal_id": i, "action": DecisionAction.APPROVE, "reason": reason} for i in ids],
        )


def _record_past_shortlists(session: Session, shortlist: pd.DataFrame) -> None:
    """The fair held's recommended booths, as an approved shortlist run of its event: the interviews that
    were planned, which its outcomes were recorded against."""
    if shortlist.empty:
        return
    events = dict(session.execute(select(JobFairEvent.code, JobFairEvent.id)).all())
    graduates = dict(session.execute(select(Graduate.code, Graduate.id)).all())
    positions = {
        code: (position, enterprise)
        for code, position, enterprise in session.execute(
            select(Position.code, Position.id, Position.enterprise_id)
        )
    }
    for event_code, group in shortlist.groupby("event_code"):
        rows = [
            {
                "graduate_id": graduates[row.graduate_code],
                "position_id": positions[row.position_code][0],
                "enterprise_id": positions[row.position_code][1],
                "components": {},
                "version": 1,
            }
            for row in group.itertuples(index=False)
        ]
        _recorded_run(
            session,
            rows,
            "recorded recommendation",
            program=Program.JOBFAIR,
            event_id=events[str(event_code)],
            method=Method.SHORTLIST.value,
            parameters={"source": "demo_shortlists"},  # runs.source.<code> on the runs page
        )


def _record_past_aid_run(session: Session, pairs: pd.DataFrame) -> None:
    """The reported years' pairs, as one approved run per year (oldest first), so that each year's outcomes
    have the pairs that stood that year and continuity can be scored and shown. Recorded before pairing
    terms existed, they carry no term: each stands for its own year only (`aid_terms.OLD_TERM_YEARS`)."""
    if pairs.empty:
        return
    enterprises = dict(session.execute(select(Enterprise.credit_code, Enterprise.id)).all())
    villages = dict(session.execute(select(Village.division_code, Village.id)).all())
    for year in sorted({int(y) for y in pairs["year"]}):
        rows = [
            {
                "enterprise_id": enterprises[row.enterprise_credit_code],
                "village_id": villages[row.village_code],
                "components": {},
                "version": 1,
            }
            for row in pairs[pairs["year"].astype(int) == year].itertuples(index=False)
        ]
        _recorded_run(
            session,
            rows,
            "recorded pair",
            program=Program.AID,
            year=year,
            parameters={"source": "demo_aid_pairs"},
        )


def _create_demo_users(session: Session) -> None:
    session.add_all(
        [
            User(username="demo-admin", display_name="演示管理员", role=Role.ADMIN),
            User(username="demo-organiser", display_name="演示组织者", role=Role.ORGANISER),
            User(username="demo-viewer", display_name="演示访客", role=Role.VIEWER),
        ]
    )
    for park in session.scalars(select(Park).order_by(Park.id)):
        session.add(
            User(
                username=f"demo-park-{park.code.lower()}",
                display_name=f"{park.name}干部",
                role=Role.PARK_OFFICIAL,
                park_id=park.id,
            )
        )
