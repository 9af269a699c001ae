"""Park officials see their own park's pairs and their own park's enterprises' positions, on every view;
names and phones are masked for every role; every file about graduates is logged with its purpose."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from fixtures.demo import EVENT_CODE
from matching.aid.pairing import SolveOptions as AidSolveOptions
from matching.aid.run import AidOptions
from matching.jobfair.pipeline import SolveOptions
from matching.services import browse, outcomes, review
from matching.services.access import Actor, PermissionDenied
from matching.services.aid import run_aid
from matching.services.decisions import decide
from matching.services.demo import seed_demo
from matching.services.disclosure import PurposeRequired
from matching.services.jobfair import run_event
from models import (
    AuditEntry,
    DecisionAction,
    Enterprise,
    Graduate,
    JobFairEvent,
    OutcomeKind,
    Park,
    Position,
    Proposal,
    Role,
)

ADMIN = Actor("admin", Role.ADMIN)
ORGANISER = Actor("organiser", Role.ORGANISER)


@pytest.fixture
def city(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    seed_demo(sessions, ADMIN, seed=5, scale=0.1)
    return sessions


def _official(session: Session, park_id: int) -> Actor:
    return Actor(f"official-{park_id}", Role.PARK_OFFICIAL, park_id=park_id)


def _parks(session: Session) -> list[int]:
    return list(session.scalars(select(Park.id).order_by(Park.id)))


def test_browse_views_show_an_official_their_own_park(city: sessionmaker[Session]) -> None:
    with city() as session:
        park = _parks(session)[0]
        own_name = session.scalar(select(Park.name).where(Park.id == park))
        official = _official(session, park)
        for view in (browse.enterprises, browse.positions, browse.aid_offers):
            everyone = view(session, ADMIN)
            own = view(session, official)
            assert 0 < len(own) < len(everyone), view.__name__
            assert set(own["park"]) == {own_name}, view.__name__
        assert len(browse.parks(session, official)) == len(_parks(session))  # parks and villages are public
        with pytest.raises(PermissionDenied):
            browse.graduates(session, official)


def test_names_and_phones_are_masked_for_every_role_that_sees_them(city: sessionmaker[Session]) -> None:
    with city() as session:
        names = set(session.scalars(select(Graduate.name)))
        phones = {p for p in session.scalars(select(Graduate.phone)) if p}
        contact_phones = {p for p in session.scalars(select(Enterprise.contact_phone)) if p}
        for actor in (ADMIN, ORGANISER):
            shown = browse.graduates(session, actor)
            assert not names & set(shown["name"]) and not phones & set(shown["phone"])
            assert all(name.endswith("*") for name in shown["name"])
            assert not contact_phones & set(browse.enterprises(session, actor)["contact_phone"])


def test_an_aid_comparison_shows_an_official_only_the_villages_their_enterprises_lead(
    city: sessionmaker[Session],
) -> None:
    quick = AidOptions(solve=AidSolveOptions(time_limit=3))
    first, _ = run_aid(city, options=quick, actor=ADMIN)
    second, _ = run_aid(
        city, options=AidOptions(objective="min", solve=AidSolveOptions(time_limit=3)), actor=ADMIN
    )
    with city() as session:
        city_wide = review.compare_runs(session, first.run_id, second.run_id, ADMIN)
        park = _parks(session)[0]
        own_enterprises = set(session.scalars(select(Enterprise.name).where(Enterprise.park_id == park)))
        own = review.compare_runs(session, first.run_id, second.run_id, _official(session, park))
    assert len(own.differences) < len(city_wide.differences)
    shown_partners = (set(own.differences["first"]) | set(own.differences["second"])) - {""}
    assert shown_partners <= own_enterprises
    assert own.figures["matched"].max() < city_wide.figures["matched"].max()


def test_a_job_fair_comparison_shows_an_official_only_their_enterprises_positions(
    city: sessionmaker[Session],
) -> None:
    with city() as session:
        code = session.scalars(select(JobFairEvent.code).where(JobFairEvent.code == EVENT_CODE)).one()
    stable, _ = run_event(city, code, SolveOptions.for_method("stable", seed=1), actor=ADMIN)
    welfare, _ = run_event(city, code, SolveOptions.for_method("welfare", seed=1), actor=ADMIN)
    with city() as session:
        park = _parks(session)[0]
        own_titles = set(
            session.scalars(
                select(Position.title)
                .join(Enterprise, Enterprise.id == Position.enterprise_id)
                .where(Enterprise.park_id == park)
            )
        )
        city_wide = review.compare_runs(session, stable.run_id, welfare.run_id, ADMIN)
        own = review.compare_runs(session, stable.run_id, welfare.run_id, _official(session, park))
    assert len(own.differences) < len(city_wide.differences)
    assert (set(own.differences["first"]) | set(own.differences["second"])) - {""} <= own_titles


def test_explaining_another_parks_pair_is_refused(city: sessionmaker[Session]) -> None:
    summary, _ = run_aid(city, options=AidOptions(solve=AidSolveOptions(time_limit=3)), actor=ADMIN)
    with city() as session:
        proposal, park = session.execute(
            select(Proposal, Enterprise.park_id)
            .join(Enterprise, Enterprise.id == Proposal.enterprise_id)
            .where(Proposal.run_id == summary.run_id)
            .limit(1)
        ).one()
        other = next(p for p in _parks(session) if p != park)
        assert review.explain(session, proposal.id, _official(session, park)).proposal_id == proposal.id
        with pytest.raises(PermissionDenied):
            review.explain(session, proposal.id, _official(session, other))


def test_aid_totals_show_an_official_their_own_park(city: sessionmaker[Session]) -> None:
    summary, _ = run_aid(city, options=AidOptions(solve=AidSolveOptions(time_limit=3)), actor=ADMIN)
    with city() as session, session.begin():
        pairs = session.execute(
            select(Proposal.id, Proposal.enterprise_id, Proposal.village_id, Enterprise.park_id)
            .join(Enterprise, Enterprise.id == Proposal.enterprise_id)
            .where(Proposal.run_id == summary.run_id)
        ).all()
        by_park = {}
        for proposal, enterprise, village, park in pairs:
            by_park.setdefault(park, (proposal, enterprise, village))
        assert len(by_park) >= 2
        for proposal, enterprise, village in by_park.values():
            # outcomes need a pair approved that year
            decide(session, proposal, DecisionAction.APPROVE, ADMIN)
            outcomes.record_aid_outcome(
                session, enterprise, village, OutcomeKind.YUAN, 100.0, date(2026, 5, 1), ADMIN
            )
    with city() as session:
        park = next(iter(by_park))
        name = session.scalar(select(Park.name).where(Park.id == park))
        assert (
            set(outcomes.aid_totals_by_park(session, ADMIN)["park"]) >= {name}
            and len(outcomes.aid_totals_by_park(session, ADMIN)) >= 2
        )
        own = outcomes.aid_totals_by_park(session, _official(session, park))
        assert set(own["park"]) == {name}
        own_months = outcomes.aid_totals_by_month(session, _official(session, park))
        city_months = outcomes.aid_totals_by_month(session, ADMIN)
        assert own_months["yuan"].sum() == own["yuan"].sum() < city_months["yuan"].sum()


def test_a_page_download_about_graduates_needs_a_purpose_and_is_logged(city: sessionmaker[Session]) -> None:
    with city() as session:
        frame = browse.graduates(session, ORGANISER)
    with pytest.raises(PurposeRequired):
        browse.download(city, "graduates", frame, ORGANISER, purpose="  ")
    content = browse.download(city, "graduates", frame.head(7), ORGANISER, purpose="通知面试")
    assert content.startswith(b"\xef\xbb\xbf") and content.decode("utf-8-sig").count("\n") == 8
    parks = browse.download(city, "parks", browse_parks(city), ORGANISER)
    assert parks
    with city() as session:
        logged = session.execute(
            select(AuditEntry.entity, AuditEntry.details).where(AuditEntry.action == "download")
        ).all()
        assert (
            session.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "download")
            )
            == 2
        )
    assert {(entity, details["rows"], details["purpose"]) for entity, details in logged} == {
        ("page.graduates", 7, "通知面试"),
        ("page.parks", len(browse_parks(city)), None),
    }


def browse_parks(city: sessionmaker[Session]) -> pd.DataFrame:
    with city() as session:
        return browse.parks(session, ADMIN)
