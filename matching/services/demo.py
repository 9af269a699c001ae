"""Seeding the demo data set: the generator's frames go through the same importer as officials' files,
then last year's aid pairs become an approved past run and one demo user per role is created.

A seed marks its database as a demo database (`app_settings.demo`, in the seed's own transaction). Only a
marked database may be reset (`reset_demo` deletes every record) or shown without signing in (the app's
demo mode), whatever the backend: a deployment never was seeded, so it refuses both."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from fixtures.demo import COLUMNS, KIND_ORDER, DemoData, generate
from matching.errors import InputError, InputProblem
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
    MatchingRun,
    Park,
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
            if not marked:
                raise _refused(session, "demo.seed_refused")
        reports = _load(session, generate(seed=seed, scale=scale))
        if not marked:
            session.add(AppSetting(name=DEMO_MARKER, value={"seed": seed, "scale": scale}))
        audit.record(session, actor.username, "seed", "demo", str(seed), {"scale": scale})
    return SeedReport(True, reports)


def _load(session: Session, data: DemoData) -> list[ImportReport]:
    # Outcomes follow the recorded pairs they were delivered by: an aid outcome needs a pair of its year.
    before = [kind for kind in KIND_ORDER if kind != "aid_outcomes"]
    reports = [
        import_frame(session, kind, data.frames[kind], f"demo:{kind}", actor=SEEDER) for kind in before
    ]
    _record_past_aid_run(session, data.past_aid_pairs)
    reports.append(
        import_frame(session, "aid_outcomes", data.frames["aid_outcomes"], "demo:aid_outcomes", actor=SEEDER)
    )
    _create_demo_users(session)
    return reports


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


def _record_past_aid_run(session: Session, pairs: pd.DataFrame) -> None:
    """Last year's working pairs, as an approved run, so continuity can be scored and shown."""
    if pairs.empty:
        return
    enterprises = dict(session.execute(select(Enterprise.credit_code, Enterprise.id)).all())
    villages = dict(session.execute(select(Village.division_code, Village.id)).all())
    for year, group in pairs.groupby("year"):
        run = MatchingRun(
            program=Program.AID,
            year=int(str(year)),
            method="recorded",
            parameters={"source": "demo: last year's pairs as recorded by the parks"},
            seed=0,
            solver_version="recorded",
            input_hash="",
            status=RunStatus.FEASIBLE,
            message="pairs recorded before this service was used",
        )
        session.add(run)
        session.flush()
        for row in group.itertuples(index=False):
            proposal = Proposal(
                run_id=run.id,
                enterprise_id=enterprises[row.enterprise_credit_code],
                village_id=villages[row.village_code],
                status=ProposalStatus.APPROVED,
            )
            session.add(proposal)
            session.flush()
            session.add(
                Decision(proposal_id=proposal.id, action=DecisionAction.APPROVE, reason="recorded pair")
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
