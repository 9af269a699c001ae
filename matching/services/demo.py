"""Seeding the demo data set: the generator's frames go through the same importer as officials' files,
then last year's aid pairs become an approved past run and one demo user per role is created."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from fixtures.demo import COLUMNS, KIND_ORDER, DemoData, generate
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

DEFAULT_SEED = 2026
SEEDER = Actor.system("demo-seed")


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
    sessions: sessionmaker[Session], seed: int = DEFAULT_SEED, scale: float = 1.0, if_empty: bool = False
) -> SeedReport:
    """Load the demo data set in one transaction."""
    data = generate(seed=seed, scale=scale)
    with sessions() as session, session.begin():
        if if_empty and not is_empty(session):
            return SeedReport(False, [])
        reports = _load(session, data)
        audit.record(session, SEEDER.username, "seed", "demo", str(seed), {"scale": scale})
    return SeedReport(True, reports)


def _load(session: Session, data: DemoData) -> list[ImportReport]:
    reports = [
        import_frame(session, kind, data.frames[kind], f"demo:{kind}", actor=SEEDER) for kind in KIND_ORDER
    ]
    _record_past_aid_run(session, data.past_aid_pairs)
    _create_demo_users(session)
    return reports


def reset_demo(sessions: sessionmaker[Session], actor: Actor, seed: int = DEFAULT_SEED) -> SeedReport:
    """Empty every table but the audit log (history stays, with this reset in it) and seed afresh, in one
    transaction. Only for the demo data set: the callers allow it in demo mode alone."""
    require(actor, Action.MAINTAIN)
    data = generate(seed=seed)
    with sessions() as session, session.begin():
        for table in reversed(Base.metadata.sorted_tables):
            if table.name != AuditEntry.__tablename__:
                session.execute(delete(table))
        audit.record(session, actor.username, "demo.reset", "demo", str(seed), {})
        reports = [
            import_frame(session, kind, data.frames[kind], f"demo:{kind}", actor=SEEDER)
            for kind in KIND_ORDER
        ]
        _record_past_aid_run(session, data.past_aid_pairs)
        _create_demo_users(session)
    return SeedReport(True, reports)


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
