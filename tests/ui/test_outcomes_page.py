"""The outcomes page (issue 14, item 3): pairs from placements, shortlist interviews and the day's held
interviews; what is recorded listed with filters, graduates masked; a correction or withdrawal per row,
asked first and logged; a park official sees their own park's aid outcomes only."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from matching.jobfair.pipeline import SolveOptions
from matching.jobfair.timetable import SolveOptions as TimetableOptions
from matching.services import db, outcomes
from matching.services.access import Actor
from matching.services.decisions import decide
from matching.services.jobfair import run_event
from matching.services.timetable import mark_interview, schedule_event
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
    Proposal,
    Role,
    User,
)
from tests.ui.conftest import run_app

ADMIN = Actor("test-admin", Role.ADMIN)


def shown_event(url: str) -> tuple[int, str]:
    """The fair the page opens on: the latest."""
    with db.sessions(url)() as session:
        event = session.scalars(
            select(JobFairEvent).order_by(JobFairEvent.held_on.desc(), JobFairEvent.code)
        ).first()
        assert event is not None
        return event.id, event.code


def table_with(app: AppTest, header: str) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if header in d.value.columns)


@pytest.fixture
def fair_day(demo_env: str) -> str:
    """The latest fair with a shortlist and a placement run, one of each approved, and a timetable from the
    shortlist with one interview marked held."""
    sessions = db.sessions(demo_env)
    _, code = shown_event(demo_env)
    shortlist, _ = run_event(
        sessions, code, SolveOptions.for_method("shortlist", per_graduate=2, seed=1), actor=ADMIN
    )
    welfare, _ = run_event(sessions, code, SolveOptions.for_method("welfare", seed=1), actor=ADMIN)
    day, _ = schedule_event(sessions, code, TimetableOptions(time_limit=3), actor=ADMIN)
    with sessions() as session, session.begin():
        for run_id in (shortlist.run_id, welfare.run_id):
            proposal = session.scalars(
                select(Proposal)
                .where(Proposal.run_id == run_id, Proposal.position_id.is_not(None))
                .order_by(Proposal.id)
            ).first()
            assert proposal is not None
            decide(session, proposal.id, DecisionAction.APPROVE, ADMIN)
        entry = session.scalars(
            select(Interview)
            .where(
                Interview.run_id == day.run_id,
                Interview.start.is_not(None),
                Interview.position_id.is_not(None),
            )
            .order_by(Interview.id)
        ).first()
        assert entry is not None
        mark_interview(session, entry.id, "held", ADMIN)
    return demo_env


def count(url: str, model: type[JobFairOutcome] | type[AidOutcome]) -> int:
    with db.sessions(url)() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_pairs_come_from_the_three_sources_and_the_same_outcome_twice_changes_nothing(fair_day: str) -> None:
    before = count(fair_day, JobFairOutcome)
    app = run_app("outcomes")
    sources = app.radio(key="out.jf.source")
    sources.set_value("placement").run()
    pair = app.selectbox(key="out.jf.pair")
    assert pair.options and all("[安置" in option for option in pair.options)
    kinds = app.selectbox(key="out.jf.kind")
    assert "未到场" not in kinds.options  # a placement is no interview that could be missed
    kinds.select("intent")
    app.date_input(key="out.jf.date").set_value(date(2026, 6, 1))
    app.button(key="out.jf.record").click().run()
    assert any(s.value.startswith("已登记。") for s in app.success), [e.value for e in app.error]
    assert count(fair_day, JobFairOutcome) == before + 1
    app.button(key="out.jf.record").click().run()  # the same again
    assert any("已登记过" in i.value and "未作改动" in i.value for i in app.info)
    assert count(fair_day, JobFairOutcome) == before + 1

    app.radio(key="out.jf.source").set_value("shortlist").run()
    assert all("面试名单" in option for option in app.selectbox(key="out.jf.pair").options)
    assert "未到场" in app.selectbox(key="out.jf.kind").options
    app.radio(key="out.jf.source").set_value("day").run()
    day_pairs = app.selectbox(key="out.jf.pair").options
    # the held interview, whose mark recorded "interviewed" already
    assert any("已面试" in option and "已登记：已面试" in option for option in day_pairs)

    table = table_with(app, "毕业生编号")
    assert {"招聘会", "姓名", "高校", "企业", "园区", "岗位", "结果", "日期", "登记人"} <= set(table.columns)
    assert {"达成就业意向", "已面试"} <= set(table["结果"])
    with db.sessions(fair_day)() as session:
        names = {n for n in session.scalars(select(Graduate.name)) if n}
    assert not set(table["姓名"]) & names and all(str(n).endswith("*") for n in table["姓名"])
    app.multiselect(key="out.jf.f.kind").select("intent").run()
    assert set(table_with(app, "毕业生编号")["结果"]) == {"达成就业意向"}
    app.date_input(key="out.jf.f.dates").set_value((date(2030, 1, 1), date(2030, 12, 31))).run()
    assert any("没有符合条件" in i.value for i in app.info)
    assert not app.exception


def test_a_correction_and_a_withdrawal_ask_first_and_are_logged(fair_day: str) -> None:
    event_id, _ = shown_event(fair_day)
    pairs_frame = None
    with db.sessions(fair_day)() as session, session.begin():
        pairs_frame = outcomes.jobfair_outcome_pairs(session, event_id, ADMIN)
        placement = pairs_frame[pairs_frame["sources"].map(lambda s: "placement" in s)].iloc[0]
        made = outcomes.record_jobfair_outcome(
            session,
            event_id,
            int(placement.graduate_id),
            int(placement.position_id),
            OutcomeKind.OFFER,
            date(2027, 1, 2),  # the newest: first in the list
            ADMIN,
        )
    app = run_app("outcomes")
    pick = app.selectbox(key="out.jf.pick")
    assert "已录用 · 2027-01-02" in pick.options[0]
    app.selectbox(key=f"out.jf.fix.kind.{made.outcome_id}").select("signed").run()
    app.button(key="out.jf.correct").click().run()
    assert any("确认将" in w.value and "已签约" in w.value for w in app.warning)
    with db.sessions(fair_day)() as session:  # asked, not done
        assert session.get(JobFairOutcome, made.outcome_id).kind == OutcomeKind.OFFER  # type: ignore[union-attr]
    app.button(key="out.jf.confirm.yes").click().run()
    assert any(s.value.startswith("已更正") for s in app.success), [e.value for e in app.error]
    with db.sessions(fair_day)() as session:
        assert session.get(JobFairOutcome, made.outcome_id).kind == OutcomeKind.SIGNED  # type: ignore[union-attr]
    app.button(key="out.jf.withdraw").click().run()
    app.button(key="out.jf.confirm.no").click().run()  # changed their mind
    assert count(fair_day, JobFairOutcome) > 0
    with db.sessions(fair_day)() as session:
        assert session.get(JobFairOutcome, made.outcome_id) is not None
    app.button(key="out.jf.withdraw").click().run()
    app.button(key="out.jf.confirm.yes").click().run()
    assert any(s.value.startswith("已撤回") for s in app.success), [e.value for e in app.error]
    with db.sessions(fair_day)() as session:
        assert session.get(JobFairOutcome, made.outcome_id) is None
        logged = [
            (e.action, e.actor)
            for e in session.scalars(
                select(AuditEntry).where(
                    AuditEntry.action.in_(["outcome.jobfair.correct", "outcome.jobfair.withdraw"])
                )
            )
        ]
    assert logged == [("outcome.jobfair.correct", "demo-admin"), ("outcome.jobfair.withdraw", "demo-admin")]


def test_a_park_official_sees_their_own_parks_aid_outcomes_with_grouped_numbers(demo_env: str) -> None:
    with db.sessions(demo_env)() as session, session.begin():
        pairs = outcomes.aid_pairs(session, ADMIN)
        pair = pairs[pairs["year"] == 2025].iloc[0]
        outcomes.record_aid_outcome(
            session,
            int(pair.enterprise_id),
            int(pair.village_id),
            OutcomeKind.YUAN,
            1234567.0,
            date(2025, 12, 30),
            ADMIN,
        )
        park = session.scalar(select(Enterprise.park_id).where(Enterprise.id == int(pair.enterprise_id)))
        official = session.scalars(
            select(User.username).where(User.role == Role.PARK_OFFICIAL, User.park_id == park)
        ).one()
        park_names = set(outcomes.aid_outcomes(session, ADMIN)["park"])
    app = run_app("outcomes", user=official)
    assert [tab.label for tab in app.tabs] == ["帮扶结对"]  # no job fair for a park official
    app.selectbox(key="out.aid.year").select(2025).run()
    table = table_with(app, "村")
    assert len(park_names) > 1 and len(set(table["园区"])) == 1  # their own park only
    assert "1,234,567" in set(table["数量"])
    assert set(table["年度"]) == {"2025"}
    app.multiselect(key="out.aid.f.kind").select("legal").run()
    assert set(table_with(app, "村")["结果"]) <= {"法律咨询"}
    app.multiselect(key="out.aid.f.kind").unselect("legal").run()
    pick = app.selectbox(key="out.aid.pick")
    assert "1,234,567" in pick.options[0]  # the newest first
    app.button(key="out.aid.withdraw").click().run()
    assert any("确认撤回" in w.value for w in app.warning)
    before = count(demo_env, AidOutcome)
    app.button(key="out.aid.confirm.yes").click().run()
    assert any("已删除" in s.value for s in app.success), [e.value for e in app.error]
    assert count(demo_env, AidOutcome) == before - 1


def test_the_totals_count_an_outcome_recorded_just_now(fair_day: str) -> None:
    def intents(app: AppTest) -> int:
        (line,) = [c.value for c in app.caption if c.value.startswith("达成就业意向")]
        return int(line.removeprefix("达成就业意向 ").split(" 人")[0].replace(",", ""))

    app = run_app("outcomes")
    before = intents(app)
    app.radio(key="out.jf.source").set_value("placement").run()
    app.selectbox(key="out.jf.kind").select("intent")
    app.date_input(key="out.jf.date").set_value(date(2026, 6, 1))
    app.button(key="out.jf.record").click().run()
    assert any(s.value.startswith("已登记。") for s in app.success), [e.value for e in app.error]
    assert intents(app) == before + 1  # the caption above the form, read after the form recorded
    (hint,) = [c.value for c in app.caption if c.value.startswith("成批登记")]
    assert "jobfair_outcomes" not in hint and "“招聘结果”" in hint and "“帮扶成效”" in hint
