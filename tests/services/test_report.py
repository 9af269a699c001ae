"""The city's report and the aid ledger on data recorded here (not the demo), on SQLite and PostgreSQL.

The world: two parks; fairs in 2025 and 2026; in 2026 three enterprises offer 9 openings in 3 positions to
5 registered graduates, of whom G1 (intent, offer and signed at one position), G2 (intent) and G4 (offer
only) reached an intent, G3 was only interviewed and G5 declined. Aid: E1 leads V1 from 2025 for two
years, E3 leads V2 in 2025 and again in 2026, and E2 helps V1 in 2026; outcomes recorded in both years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import InputError, NotFoundError
from matching.services import report as reports
from matching.services.access import Actor, PermissionDenied
from matching.services.report import Period
from models import (
    AidOffer,
    AidOutcome,
    AuditEntry,
    Decision,
    DecisionAction,
    Degree,
    Enterprise,
    Graduate,
    JobFairEvent,
    JobFairOutcome,
    MatchingRun,
    OutcomeKind,
    Park,
    ParkLevel,
    Position,
    Program,
    Proposal,
    ProposalStatus,
    Registration,
    Role,
    RunStatus,
    University,
    Village,
)

ADMIN = Actor("admin", Role.ADMIN)
VIEWER = Actor("viewer", Role.VIEWER)


@dataclass
class World:
    park_one: int
    park_two: int


def _run(session: Session, year: int) -> MatchingRun:
    run = MatchingRun(
        program=Program.AID,
        year=year,
        method="aid",
        seed=1,
        solver_version="test",
        input_hash="x" * 64,
        status=RunStatus.OPTIMAL,
    )
    session.add(run)
    session.flush()
    return run


def _pair(
    session: Session,
    run: MatchingRun,
    village: Village,
    enterprise: Enterprise,
    *,
    role: str = "lead",
    start: int | None = None,
    years: int = 1,
    load: float = 10_000,
    decide: DecisionAction | None = DecisionAction.APPROVE,
) -> Proposal:
    status = {
        None: ProposalStatus.PROPOSED,
        DecisionAction.APPROVE: ProposalStatus.APPROVED,
        DecisionAction.PIN: ProposalStatus.PINNED,
    }[decide]
    proposal = Proposal(
        run_id=run.id,
        village_id=village.id,
        enterprise_id=enterprise.id,
        role=role,
        load=load,
        status=status,
        term_start=(start or run.year) if role == "lead" else None,
        term_years=years if role == "lead" else None,
    )
    session.add(proposal)
    session.flush()
    if decide is not None:
        session.add(Decision(proposal_id=proposal.id, action=decide))
    return proposal


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    with sessions() as s, s.begin():
        p1 = Park(code="P1", name="一号园区", level=ParkLevel.MUNICIPAL, county_code="210602")
        p2 = Park(code="P2", name="二号园区", level=ParkLevel.PROVINCIAL, county_code="210681")
        s.add_all([p1, p2])
        s.flush()

        def enterprise(n: int, park: Park, industry: str) -> Enterprise:
            e = Enterprise(
                credit_code=f"91210600MA0000000{n}",
                name=f"企业{n}",
                park_id=park.id,
                industry_code=industry,
                size="small",
                county_code=park.county_code,
            )
            s.add(e)
            return e

        e1, e2, e3 = enterprise(1, p1, "6511"), enterprise(2, p1, "4710"), enterprise(3, p2, "6511")
        u1 = University(name="辽东学院", province="21")
        u2 = University(name="大连理工大学", province="21")
        s.add_all([u1, u2])
        s.flush()
        f25 = JobFairEvent(code="F2025", name="2025年高校行", held_on=date(2025, 5, 10))
        f26 = JobFairEvent(code="F2026", name="2026年高校行", held_on=date(2026, 5, 16))
        s.add_all([f25, f26])
        s.flush()

        def position(code: str, event: JobFairEvent, e: Enterprise, headcount: int) -> Position:
            p = Position(
                code=code,
                event_id=event.id,
                enterprise_id=e.id,
                title="岗位",
                min_degree=Degree.BACHELOR,
                headcount=headcount,
                salary_min=3000,
                salary_max=5000,
                work_county_code="210602",
            )
            s.add(p)
            return p

        pa, pb, pc = position("A", f26, e1, 3), position("B", f26, e2, 2), position("C", f26, e3, 4)
        pd_ = position("D", f25, e1, 5)
        counties = {1: "210602", 2: "210602", 3: "210681", 4: "210681", 5: "210603"}
        graduates = {}
        for n, county in counties.items():
            g = Graduate(
                code=f"G{n}",
                name=f"学生{n}",
                university_id=(u1 if n in (1, 2, 5) else u2).id,
                major_code="080901",
                degree=Degree.BACHELOR,
                graduation_year=2026,
                home_county_code=county,
                consent_at=datetime(2026, 1, 1),
            )
            s.add(g)
            graduates[n] = g
        s.flush()
        for n in counties:
            s.add(Registration(event_id=f26.id, graduate_id=graduates[n].id))
        for n in (1, 2):
            s.add(Registration(event_id=f25.id, graduate_id=graduates[n].id))

        def outcome(event: JobFairEvent, n: int, p: Position, kind: OutcomeKind, day: date) -> None:
            s.add(
                JobFairOutcome(
                    event_id=event.id,
                    graduate_id=graduates[n].id,
                    position_id=p.id,
                    kind=kind,
                    occurred_on=day,
                )
            )

        outcome(f26, 1, pa, OutcomeKind.INTENT, date(2026, 5, 16))
        outcome(f26, 1, pa, OutcomeKind.OFFER, date(2026, 6, 2))
        outcome(f26, 1, pa, OutcomeKind.SIGNED, date(2026, 6, 20))
        outcome(f26, 2, pb, OutcomeKind.INTENT, date(2026, 5, 16))
        outcome(f26, 3, pc, OutcomeKind.INTERVIEWED, date(2026, 5, 16))
        outcome(f26, 4, pc, OutcomeKind.OFFER, date(2026, 6, 5))
        outcome(f26, 5, pa, OutcomeKind.DECLINED, date(2026, 5, 16))
        outcome(f25, 1, pd_, OutcomeKind.INTENT, date(2025, 5, 10))

        def village(code: str, name: str, county: str) -> Village:
            v = Village(
                division_code=code,
                name=name,
                county_code=county,
                township_code=code[:9],
                population=800,
                income_per_capita=12000,
                needs=["funding", "jobs"],
            )
            s.add(v)
            return v

        v1 = village("210624100201", "古城村", "210624")
        v2 = village("210681100202", "新农村", "210681")
        village("210681100203", "未结对村", "210681")
        s.flush()
        for e in (e1, e2, e3):
            for year in (2025, 2026):
                s.add(AidOffer(enterprise_id=e.id, year=year, annual_budget=200_000, max_villages=2))
        run25 = _run(s, 2025)
        _pair(s, run25, v1, e1, years=2, load=60_000)
        _pair(s, run25, v2, e3, load=30_000)
        run26 = _run(s, 2026)
        _pair(s, run26, v1, e1, start=2025, years=2, load=55_000, decide=None)  # kept by its term
        _pair(s, run26, v2, e3, load=35_000, decide=DecisionAction.PIN)
        _pair(s, run26, v1, e2, role="helper", load=5_000)

        def delivered(e: Enterprise, v: Village, kind: OutcomeKind, value: float, day: date) -> None:
            s.add(AidOutcome(enterprise_id=e.id, village_id=v.id, kind=kind, value=value, occurred_on=day))

        delivered(e1, v1, OutcomeKind.YUAN, 100_000, date(2025, 3, 1))
        delivered(e1, v1, OutcomeKind.JOBS, 3, date(2025, 3, 1))
        delivered(e3, v2, OutcomeKind.MEDICAL, 5, date(2025, 7, 1))
        delivered(e1, v1, OutcomeKind.YUAN, 50_000, date(2026, 3, 1))
        delivered(e1, v1, OutcomeKind.LEGAL, 2, date(2026, 4, 1))
        delivered(e3, v2, OutcomeKind.YUAN, 30_000, date(2026, 4, 1))
        delivered(e2, v1, OutcomeKind.JOBS, 1, date(2026, 9, 1))
        return World(p1.id, p2.id)


def _values(report: reports.Report) -> dict[str, float]:
    return {f.code: f.value for f in report.figures}


def test_the_figures_of_a_year_count_each_graduate_with_an_intent_once(
    sessions: sessionmaker[Session], world: World
) -> None:
    with sessions() as s:
        report = reports.report(s, VIEWER, Period.year(2026))
    assert _values(report) == {
        "jobfair.fairs": 1,
        "jobfair.enterprises": 3,
        "jobfair.positions": 3,
        "jobfair.openings": 9,
        "jobfair.graduates": 5,
        "jobfair.intents": 3,  # G1 (intent, offer and signed: once), G2, G4 (an offer implies an intent)
        "jobfair.offers": 2,
        "jobfair.signed": 1,
        "jobfair.intent_rate": 0.6,
        "aid.enterprises": 3,  # E1 within its term, E3 pinned, E2 helping
        "aid.villages": 2,
        "aid.yuan": 80_000,
        "aid.jobs": 1,
        "aid.medical": 0,
        "aid.legal": 2,
    }
    assert report.aid_years == (2026, 2026)


def test_the_definitions_say_which_outcome_kinds_count_as_an_intent(
    sessions: sessionmaker[Session], world: World
) -> None:
    with sessions() as s:
        report = reports.report(s, VIEWER, Period.year(2026))
    intents = report.figure("jobfair.intents").definition
    for lang, words in (
        ("en", ["intent", "offer", "signed", "once"]),
        ("zh", ["达成意向", "录用", "签约", "只计一次"]),
    ):
        assert all(word in intents.text(lang) for word in words), intents.text(lang)
    assert "years the total spans" in report.figure("aid.yuan").definition.text("en")


def test_the_change_is_against_the_previous_year(sessions: sessionmaker[Session], world: World) -> None:
    with sessions() as s:
        report = reports.report(s, ADMIN, Period.year(2026))
    assert report.previous_period == Period.year(2025)
    previous = {f.code: f.previous for f in report.figures}
    change = {f.code: f.change for f in report.figures}
    assert previous["jobfair.openings"] == 5 and change["jobfair.openings"] == 4
    assert previous["jobfair.intents"] == 1 and change["jobfair.intents"] == 2
    assert previous["aid.yuan"] == 100_000 and change["aid.yuan"] == -20_000
    assert previous["aid.enterprises"] == 2 and previous["aid.medical"] == 5


def test_a_range_of_dates_compares_with_the_days_just_before(
    sessions: sessionmaker[Session], world: World
) -> None:
    with sessions() as s:
        report = reports.report(s, ADMIN, Period.between(date(2026, 3, 1), date(2026, 4, 30)))
    assert report.previous_period == Period.between(date(2025, 12, 30), date(2026, 2, 28))
    assert report.value("aid.yuan") == 80_000 and report.value("aid.legal") == 2
    assert report.value("jobfair.fairs") == 0  # the fair of 16 May is outside
    assert report.figure("aid.yuan").previous == 0


def test_two_years_of_aid_read_in_the_citys_sentence(sessions: sessionmaker[Session], world: World) -> None:
    with sessions() as s:
        report = reports.report(s, ADMIN, Period.between(date(2025, 1, 1), date(2026, 12, 31)))
    assert report.aid_years == (2025, 2026)
    zh, en = report.summary_text("zh"), report.summary_text("en")
    assert "3家民营企业参加，提供14个就业岗位，3名毕业生现场与企业初步达成就业意向" in zh
    assert (
        "全市3家园区企业与2个村结对，两年来累计投入帮扶资金18万元，提供就业岗位4个，开展义诊5次、法律咨询2次"
        in zh
    )
    assert "3 park enterprises were paired with 2 villages; over 2 years (2025–2026)" in en
    assert "180,000 yuan" in en
    assert "{" not in zh + en


def test_one_fair_is_compared_with_the_fair_before_it(sessions: sessionmaker[Session], world: World) -> None:
    with sessions() as s:
        period = reports.event_period(s, ADMIN, "F2026")
        report = reports.report(s, ADMIN, period)
        with pytest.raises(NotFoundError):
            reports.event_period(s, ADMIN, "NOPE")
    assert report.value("jobfair.intents") == 3 and report.figure("jobfair.intents").previous == 1
    assert report.previous_period is not None and report.previous_period.event == "F2025"
    assert report.value("aid.yuan") == 0  # a fair's report is the fair's


def test_a_park_official_gets_their_own_park_only(sessions: sessionmaker[Session], world: World) -> None:
    official = Actor("p1", Role.PARK_OFFICIAL, park_id=world.park_one)
    with sessions() as s:
        own = reports.report(s, official, Period.year(2026))  # no park asked: their own
        asked = reports.report(s, official, Period.year(2026), park_code="P1")
        with pytest.raises(PermissionDenied):
            reports.report(s, official, Period.year(2026), park_code="P2")
        with pytest.raises(PermissionDenied):
            reports.ledger(s, official, Period.year(2026), park_code="P2")
        city_park = reports.report(s, ADMIN, Period.year(2026), park_code="P2")
    assert own.scope.park_code == "P1" and _values(own) == _values(asked)
    values = _values(own)
    assert values["jobfair.enterprises"] == 2 and values["jobfair.openings"] == 5
    assert values["jobfair.intents"] == 2  # G1 and G2 at its enterprises; G4's offer is at park P2
    assert values["aid.enterprises"] == 2 and values["aid.villages"] == 1
    assert values["aid.yuan"] == 50_000 and values["aid.jobs"] == 1
    assert list(own.by_park["park_code"]) == ["P1"]
    assert "一号园区2家园区企业与1个村结对" in own.summary_text("zh")
    assert _values(city_park)["aid.yuan"] == 30_000 and _values(city_park)["jobfair.intents"] == 1


def test_the_breakdowns_add_up(sessions: sessionmaker[Session], world: World) -> None:
    with sessions() as s:
        report = reports.report(s, ADMIN, Period.year(2026))
    park = report.by_park.set_index("park_code")
    assert park.loc["P1", "openings"] == 5 and park.loc["P2", "intents"] == 1
    assert park["yuan"].sum() == 80_000
    university = report.by_university.set_index("university")
    assert university.loc["辽东学院", "graduates"] == 3 and university.loc["辽东学院", "intents"] == 2
    assert university.loc["大连理工大学", "intent_rate"] == 0.5
    county = report.by_county.set_index("county_code")
    assert county.loc["210602", "intents"] == 2 and county.loc["210681", "graduates"] == 2
    assert county.loc["210624", "villages"] == 1 and county.loc["210624", "yuan"] == 50_000
    assert county.loc["210681", "yuan"] == 30_000
    month = report.by_month.set_index("month")
    assert month.loc["2026-05", "intents"] == 2 and month.loc["2026-06", "intents"] == 1  # G4's first: June
    assert month.loc["2026-04", "yuan"] == 30_000 and month.loc["2026-09", "jobs"] == 1
    industry = report.by_industry.set_index("section")
    assert industry.loc["I", "intents"] == 2 and industry.loc["E", "openings"] == 2


def test_the_ledger_shows_plan_delivery_and_status_per_pair_and_year(
    sessions: sessionmaker[Session], world: World
) -> None:
    with sessions() as s:
        ledger = reports.ledger(s, ADMIN, Period.between(date(2025, 1, 1), date(2026, 12, 31)))
        own = reports.ledger(s, Actor("p2", Role.PARK_OFFICIAL, park_id=world.park_two), Period.year(2026))
        with pytest.raises(PermissionDenied):
            reports.ledger(s, VIEWER, Period.year(2026))
    rows = {(r.year, r.village, r.enterprise, r.role): r for r in ledger.itertuples()}
    assert set(rows) == {
        (2025, "古城村", "企业1", "lead"),
        (2025, "新农村", "企业3", "lead"),
        (2026, "古城村", "企业1", "lead"),
        (2026, "新农村", "企业3", "lead"),
        (2026, "古城村", "企业2", "helper"),
    }
    kept = rows[(2026, "古城村", "企业1", "lead")]
    assert (kept.status, kept.term, kept.budget_share, kept.annual_budget) == (
        "kept",
        "2025–2026",
        55_000,
        200_000,
    )
    assert (kept.yuan, kept.legal, kept.jobs) == (50_000, 2, 0)
    assert rows[(2025, "古城村", "企业1", "lead")].status == "approved"
    assert rows[(2025, "古城村", "企业1", "lead")].yuan == 100_000
    assert rows[(2026, "新农村", "企业3", "lead")].status == "pinned"
    assert rows[(2026, "古城村", "企业2", "helper")].jobs == 1
    assert kept.needs == "资金、就业"
    assert list(own["enterprise"]) == ["企业3"]


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InputError, match="before it starts"):
        Period.between(date(2026, 5, 1), date(2026, 4, 1))


def test_reading_a_report_logs_nothing(sessions: sessionmaker[Session], world: World) -> None:
    with sessions() as s:
        reports.report(s, ADMIN, Period.year(2026))
        assert s.query(AuditEntry).count() == 0


def test_a_file_leaves_through_the_disclosure_guard(sessions: sessionmaker[Session], world: World) -> None:
    from matching.services.report_files import export

    official = Actor("p1", Role.PARK_OFFICIAL, park_id=world.park_one)
    made = export(sessions, official, Period.year(2026), "p1.csv", lang="zh")
    ledger = export(sessions, official, Period.year(2026), "ledger.xlsx", with_ledger=True)
    with pytest.raises(PermissionDenied):
        export(sessions, VIEWER, Period.year(2026), "r.csv")  # a viewer reads figures, takes no file
    with pytest.raises(PermissionDenied):
        export(sessions, official, Period.year(2026), "p2.csv", park_code="P2")
    assert made.content.decode("utf-8-sig").splitlines()[0] == "figure,definition,value,previous,change"
    assert ledger.rows == 2  # its park's lead pair (kept by term) and its helper pair
    with sessions() as s:
        logged = s.query(AuditEntry).order_by(AuditEntry.id).all()
    assert [(e.actor, e.entity, e.entity_key, e.details["rows"]) for e in logged] == [
        ("p1", "report", "p1.csv", 15),
        ("p1", "report.ledger", "ledger.xlsx", 2),
    ]


def test_with_no_period_the_report_ends_at_the_latest_outcome_recorded(
    sessions: sessionmaker[Session], world: World
) -> None:
    with sessions() as s, s.begin():  # a fair held later whose outcomes are not recorded yet
        later = JobFairEvent(code="F2026B", name="秋季招聘会", held_on=date(2026, 10, 10))
        s.add(later)
        s.flush()
        enterprise = s.query(Enterprise).filter_by(name="企业1").one()
        s.add(
            Position(
                code="Z",
                event_id=later.id,
                enterprise_id=enterprise.id,
                title="岗位",
                min_degree=Degree.BACHELOR,
                headcount=7,
                salary_min=3000,
                salary_max=5000,
                work_county_code="210602",
            )
        )
    with sessions() as s:
        period = reports.reported_to_date(s, VIEWER, today=date(2026, 12, 1))
        report = reports.report(s, VIEWER, period)
        early = reports.reported_to_date(s, VIEWER, today=date(2026, 6, 1))
    assert period == Period.to_date(date(2026, 9, 1))  # the helper's jobs, the last outcome recorded
    assert report.previous_period is None and report.figure("aid.yuan").previous is None
    assert report.value("jobfair.fairs") == 2 and report.value("jobfair.openings") == 14
    assert report.value("aid.yuan") == 180_000 and report.aid_years == (2025, 2026)
    assert early.end == date(2026, 6, 1)  # never past today
    assert report.summary_text("zh").startswith("截至2026-09-01，全市举办")
