"""The matching pages do their main actions against a seeded database: run, review and decide, compare
runs, record outcomes, import and export; each role sees only its pages."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from fixtures.demo import EVENT_CODE
from matching.aid.pairing import SolveOptions as AidSolveOptions
from matching.aid.run import AidOptions
from matching.jobfair.pipeline import SolveOptions
from matching.services import db
from matching.services.access import Actor
from matching.services.jobfair import run_event
from models import Decision, JobFairEvent, JobFairOutcome, MatchingRun, Proposal, ProposalStatus, Role
from tests.ui.conftest import run_app

ADMIN = Actor("demo-admin", Role.ADMIN)


def event_code(url: str) -> str:
    with db.sessions(url)() as session:
        return str(session.scalars(select(JobFairEvent.code).where(JobFairEvent.code == EVENT_CODE)).one())


def wait_for(app: AppTest, text: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.run()
        if any(text in s.value for s in app.success):
            return
        time.sleep(0.3)
    raise AssertionError(f"'{text}' did not appear; errors: {[e.value for e in app.error]}")


def test_the_job_fair_page_runs_a_method_in_the_background(demo_env: str) -> None:
    app = run_app("jobfair")
    app.button(key="jobfair.check").click().run()
    assert any("可以运行" in s.value for s in app.success)
    app.text_input(key="jobfair.seed").input("11")
    app.button(key="jobfair.run").click().run()
    wait_for(app, "已完成")
    with db.sessions(demo_env)() as session:
        run = session.scalars(select(MatchingRun).where(MatchingRun.method == "stable")).one()
        assert run.seed == 11 and run.created_by_id is not None


def test_review_saves_decisions_explicitly_and_reruns_keep_them(demo_env: str) -> None:
    summary, _ = run_event(
        db.sessions(demo_env), event_code(demo_env), SolveOptions.for_method("welfare", seed=2), actor=ADMIN
    )
    app = run_app("review")
    grid_key = f"review.grid.{summary.run_id}.0"
    app.session_state[grid_key] = {
        "edited_rows": {0: {"decide": "approve"}, 1: {"decide": "reject", "note": "专业不对口"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    with db.sessions(demo_env)() as session:
        recorded_before = session.scalar(select(func.count()).select_from(Decision))
    app.run()
    with db.sessions(demo_env)() as session:  # editing the grid saves nothing by itself
        assert session.scalar(select(func.count()).select_from(Decision)) == recorded_before
    save = app.button(key="review.save")
    assert save.label == "保存 2 项决定"
    save.click().run()
    assert not app.exception
    assert any("决定已保存" in s.value for s in app.success)
    with db.sessions(demo_env)() as session:
        statuses = dict(
            session.execute(
                select(Proposal.status, func.count())
                .where(Proposal.run_id == summary.run_id)
                .group_by(Proposal.status)
            ).all()
        )
    assert statuses[ProposalStatus.APPROVED] == 1 and statuses[ProposalStatus.REJECTED] == 1
    again, _ = run_event(
        db.sessions(demo_env), event_code(demo_env), SolveOptions.for_method("welfare", seed=3), actor=ADMIN
    )
    assert again.kept_decisions == 2


def test_a_rejection_without_a_reason_is_not_saved(demo_env: str) -> None:
    summary, _ = run_event(
        db.sessions(demo_env), event_code(demo_env), SolveOptions.for_method("stable", seed=2), actor=ADMIN
    )
    app = run_app("review")
    app.session_state[f"review.grid.{summary.run_id}.0"] = {
        "edited_rows": {0: {"decide": "reject"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert any("否决需要填写理由" in w.value for w in app.warning)
    assert app.button(key="review.save").disabled


def test_runs_page_compares_two_runs(demo_env: str) -> None:
    for method in ("stable", "welfare"):
        run_event(
            db.sessions(demo_env), event_code(demo_env), SolveOptions.for_method(method, seed=1), actor=ADMIN
        )
    with db.sessions(demo_env)() as session:
        stored = session.scalar(select(func.count()).select_from(MatchingRun))
    app = run_app("runs")
    runs = app.dataframe[0].value
    assert len(runs) == stored  # the two new runs and the demo's recorded ones
    assert len(app.dataframe) >= 2  # the runs and the comparison figures
    options = runs["运行参数"].tolist()
    assert "方法：总匹配度最大" in options[0] and "先使匹配人数最多：否" in options[0]
    assert "提出方：毕业生提出（对毕业生最优）" in options[1] and "随机种子（留空则随机）：1" in options[1]
    assert runs["说明"].iloc[0].startswith("招聘会总匹配度最大：已证明最优：")  # the summary, in Chinese
    # The newest job-fair run's fairness report: one tab per attribute, match rates between 0 and 1.
    assert [tab.label for tab in app.tabs][:3] == ["按高校", "按学历", "按生源县区"]
    by_university = app.dataframe[1].value
    assert {"高校", "毕业生", "已匹配", "匹配率"} <= set(by_university.columns)
    assert by_university["匹配率"].between(0, 1).all() and by_university["毕业生"].sum() == 2000


def test_outcomes_are_recorded_against_approved_pairs(demo_env: str) -> None:
    summary, _ = run_event(
        db.sessions(demo_env), event_code(demo_env), SolveOptions.for_method("welfare", seed=2), actor=ADMIN
    )
    app = run_app("review")
    app.session_state[f"review.grid.{summary.run_id}.0"] = {
        "edited_rows": {0: {"decide": "approve"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    app.button(key="review.save").click().run()
    with db.sessions(demo_env)() as session:
        recorded_before = session.scalar(select(func.count()).select_from(JobFairOutcome))
    app = run_app("outcomes")
    app.selectbox[2].select("intent")  # event, pair, kind
    app.date_input[0].set_value(date(2026, 5, 16))
    app.button[0].click().run()
    assert any("已登记" in s.value for s in app.success), [e.value for e in app.error]
    with db.sessions(demo_env)() as session:
        assert session.scalar(select(func.count()).select_from(JobFairOutcome)) == recorded_before + 1
    overview = run_app()  # the coming fair is in the period reported once it has an outcome
    assert {m.label: m.value for m in overview.metric}["达成就业意向"] == "713"


@pytest.mark.parametrize(
    ("user", "visible", "hidden"),
    [
        ("demo-admin", {"jobfair", "review", "runs", "outcomes", "data"}, set()),
        ("demo-organiser", {"jobfair", "review", "outcomes", "data"}, set()),
        ("demo-viewer", set(), {"jobfair", "review", "runs", "outcomes", "data", "graduates"}),
    ],
)
def test_pages_follow_the_role(demo_env: str, user: str, visible: set[str], hidden: set[str]) -> None:
    app = run_app(user=user)
    for page in visible:
        app.switch_page(f"matching/ui/pages/{page}.py").run()
        assert not app.exception, (page, app.exception)
    for page in hidden:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            app.switch_page(f"matching/ui/pages/{page}.py")


def test_the_data_page_asks_the_purpose_of_a_personal_export_before_it_offers_the_file(demo_env: str) -> None:
    app = run_app("data")
    app.selectbox(key="data.kind").select("graduates").run()
    download = next(e for e in app.get("download_button") if e.proto.id.endswith("data.download.graduates"))
    assert download.proto.disabled  # no purpose yet
    app.text_input(key="data.download.graduates.purpose").input("招聘会签到表").run()
    download = next(e for e in app.get("download_button") if e.proto.id.endswith("data.download.graduates"))
    assert not download.proto.disabled and not app.error
    app.selectbox(key="data.kind").select("parks").run()  # no personal data: no purpose asked
    assert not [w for w in app.text_input if w.key and w.key.endswith(".purpose")]


def test_the_aid_page_runs_the_city_pairing_and_shows_each_park(demo_env: str) -> None:
    app = run_app("aid")
    app.slider(key="aid.time_limit").set_value(5)
    app.button(key="aid.run").click().run()
    wait_for(app, "已完成", seconds=60)
    app.run()
    assert any("个村" in str(frame.value) or len(frame.value) > 0 for frame in app.dataframe)
    assert {m.label: m.value for m in app.metric}["已结对村"] == "101 / 101"


def test_the_aid_page_offers_helpers_minimums_and_the_distance_limit(demo_env: str) -> None:
    from models import MatchingRun, Proposal

    app = run_app("aid")
    app.slider(key="aid.time_limit").set_value(5)
    app.selectbox(key="aid.distance_limit").select_index(3)  # no limit
    app.checkbox(key="aid.helpers.use").check()
    app.number_input(key="aid.helpers.helpers_per_village").set_value(1)
    app.button(key="aid.run").click().run()
    wait_for(app, "已完成", seconds=60)
    app.run()
    with db.sessions(demo_env)() as session:
        run = session.scalars(select(MatchingRun).order_by(MatchingRun.id.desc()).limit(1)).one()
        helpers = session.scalar(
            select(func.count())
            .select_from(Proposal)
            .where(Proposal.run_id == run.id, Proposal.role == "helper")
        )
    assert run.parameters["parameters"]["distance_limit"] == "other_city"
    assert run.parameters["helpers"]["helpers_per_village"] == 1
    assert helpers and {m.label: m.value for m in app.metric}["协助结对"] == f"{helpers:,}"


def test_a_park_official_reviews_only_aid_and_only_their_park_s_pairs(demo_env: str) -> None:
    from matching.services.aid import run_aid
    from models import Enterprise, Park, User

    summary, _ = run_aid(
        db.sessions(demo_env), options=AidOptions(solve=AidSolveOptions(time_limit=5)), actor=ADMIN
    )
    with db.sessions(demo_env)() as session:
        official = session.scalars(
            select(User).where(User.role == Role.PARK_OFFICIAL).order_by(User.id)
        ).first()
        assert official is not None and official.park_id is not None
        park = session.get(Park, official.park_id)
        assert park is not None
        username, park_id, park_name = official.username, official.park_id, park.name
    app = run_app("review", user=username)
    assert app.segmented_control(key="review.program").options == ["帮扶结对"]
    app.session_state[f"review.grid.{summary.run_id}.0"] = {
        "edited_rows": {0: {"decide": "approve"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert set(app.data_editor[0].value["park"]) == {park_name}
    app.button(key="review.save").click().run()
    assert any("决定已保存" in s.value for s in app.success), [e.value for e in app.error]
    with db.sessions(demo_env)() as session:
        approved = session.scalars(
            select(Proposal).where(
                Proposal.run_id == summary.run_id, Proposal.status == ProposalStatus.APPROVED
            )
        ).all()
        parks = {session.get(Enterprise, p.enterprise_id).park_id for p in approved}  # type: ignore[union-attr]
    assert len(approved) == 1 and parks == {park_id}


def test_editing_in_the_grid_is_validated_like_an_import(demo_env: str) -> None:
    from models import Park

    app = run_app("data")
    app.selectbox(key="data.kind").select("parks").run()
    app.session_state["data.edit.grid.parks.0"] = {
        "edited_rows": {0: {"county_code": "999999"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    app.button(key="data.edit.save.parks").click().run()
    assert any("第 1 行" in e.value and "999999" in e.value for e in app.error), [e.value for e in app.error]
    app.session_state["data.edit.grid.parks.0"] = {
        "edited_rows": {0: {"service_centre": "合作区党群服务中心（新址）"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    app.button(key="data.edit.save.parks").click().run()
    assert any("已保存 1 行" in s.value for s in app.success), [e.value for e in app.error]
    with db.sessions(demo_env)() as session:
        centres = set(session.scalars(select(Park.service_centre)))
        counties = set(session.scalars(select(Park.county_code)))
    assert "合作区党群服务中心（新址）" in centres and "999999" not in counties


def test_the_timetable_page_builds_the_day_and_takes_same_day_changes(demo_env: str) -> None:
    from models import Interview

    run_event(
        db.sessions(demo_env),
        event_code(demo_env),
        SolveOptions.for_method("shortlist", per_graduate=3, seed=1),
        actor=ADMIN,
    )
    app = run_app("timetable")
    assert any("还没有日程" in i.value for i in app.info)
    app.slider(key="tt.time_limit").set_value(3)
    app.button(key="tt.build").click().run()
    wait_for(app, "场面试", seconds=90)
    app.run()
    assert len(app.dataframe) >= 1 and not app.exception
    with db.sessions(demo_env)() as session:
        first_run = session.scalar(select(func.max(Interview.run_id)))
    app.text_input(key="tt.now").input("11:00")
    app.button(key="tt.reschedule").click().run()
    wait_for(app, "场面试", seconds=90)
    with db.sessions(demo_env)() as session:
        assert session.scalar(select(func.max(Interview.run_id))) != first_run


def test_the_demo_can_be_reset_by_its_administrator(demo_env: str) -> None:
    from models import AuditEntry, MatchingRun

    with db.sessions(demo_env)() as session:
        seeded = session.scalar(select(func.count()).select_from(MatchingRun))  # the demo's recorded runs
    run_event(
        db.sessions(demo_env), event_code(demo_env), SolveOptions.for_method("stable", seed=1), actor=ADMIN
    )
    app = run_app()
    app.button(key="demo.reset").click().run()
    assert not app.exception
    with db.sessions(demo_env)() as session:
        assert session.scalar(select(func.count()).select_from(MatchingRun)) == seeded == 3
        assert session.scalar(select(func.count()).where(AuditEntry.action == "demo.reset")) == 1
        from matching.services import audit

        assert audit.verify_chain(session, ADMIN) == []
    viewer = run_app(user="demo-viewer")
    assert not [b for b in viewer.button if b.key == "demo.reset"]
