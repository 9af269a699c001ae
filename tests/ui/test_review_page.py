"""The review page opens on the newest run that has proposals, and a bulk decision over many pairs asks
first, naming the count."""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import func, select

from matching.aid.pairing import SolveOptions as AidSolveOptions
from matching.aid.run import AidOptions
from matching.jobfair.pipeline import SolveOptions
from matching.jobfair.timetable import SolveOptions as TimetableOptions
from matching.messages import Message
from matching.services import db
from matching.services.access import Actor
from matching.services.aid import REASONS_KEPT, _reason_json, run_aid
from matching.services.decisions import decide_many
from matching.services.jobfair import run_event
from matching.services.timetable import schedule_event
from matching.ui.review_edits import NO_DECISION, decisions_from_edits
from models import DecisionAction, Enterprise, Graduate, Proposal, ProposalStatus, Role, User, Village
from tests.ui.conftest import run_app
from tests.ui.test_matching_pages import event_code

ORGANISER = Actor("demo-organiser", Role.ORGANISER)


def test_review_skips_a_timetable_run_and_asks_before_approving_many(demo_env: str) -> None:
    sessions = db.sessions(demo_env)
    code = event_code(demo_env)
    shortlist, _ = run_event(
        sessions, code, SolveOptions.for_method("shortlist", per_graduate=2, seed=1), actor=ORGANISER
    )
    day, _ = schedule_event(sessions, code, TimetableOptions(time_limit=3), actor=ORGANISER)
    assert day.run_id > shortlist.run_id  # the newest run is the timetable, which has no proposals
    app = run_app("review", user="demo-organiser")
    assert app.selectbox(key="review.run_select.jobfair").value == shortlist.run_id
    assert not app.info or all("没有建议" not in i.value for i in app.info)

    app.button(key="review.approve_all").click().run()
    (question,) = [w.value for w in app.warning if "确定吗" in w.value]
    with sessions() as session:
        approved = session.scalar(
            select(func.count()).where(
                Proposal.run_id == shortlist.run_id, Proposal.status == ProposalStatus.APPROVED
            )
        )
    assert approved == 0  # nothing saved before the answer
    app.button(key="review.confirm.no").click().run()
    assert not [w for w in app.warning if "确定吗" in w.value]

    app.button(key="review.approve_all").click().run()
    count = int(question.split("显示的 ")[1].split(" 项")[0].replace(",", ""))
    assert count > 20
    app.button(key="review.confirm.yes").click().run()
    with sessions() as session:
        approved = session.scalar(
            select(func.count()).where(
                Proposal.run_id == shortlist.run_id, Proposal.status == ProposalStatus.APPROVED
            )
        )
    assert approved == count and any("决定已保存" in s.value for s in app.success)


def _frame_with(app: object, column: str) -> pd.DataFrame:
    """The one table on the page that has `column`."""
    (frame,) = [d.value for d in app.dataframe if column in d.value.columns]  # type: ignore[attr-defined]
    return frame


def test_a_re_run_shows_who_moved_from_where_to_where_and_why(demo_env: str) -> None:
    sessions = db.sessions(demo_env)
    code = event_code(demo_env)
    first, _ = run_event(sessions, code, SolveOptions.for_method("welfare", seed=1), actor=ORGANISER)
    with sessions() as session:
        proposal = session.scalars(
            select(Proposal)
            .where(Proposal.run_id == first.run_id, Proposal.position_id.is_not(None))
            .order_by(Proposal.id)
            .limit(1)
        ).one()
        graduate = session.get(Graduate, proposal.graduate_id)
        assert graduate is not None
        moved_code = graduate.code
    decide_many(sessions, [(proposal.id, DecisionAction.REJECT, "专业不对口", proposal.version)], ORGANISER)
    again, _ = run_event(sessions, code, SolveOptions.for_method("welfare", seed=1), actor=ORGANISER)

    app = run_app("review", user="demo-organiser")
    assert app.selectbox(key="review.run_select.jobfair").value == again.run_id
    assert any(f"自上次运行（#{first.run_id}）以来的变动" in m.value for m in app.markdown)
    moves = _frame_with(app, "原因")
    assert list(moves.columns) == ["毕业生", "姓名", "原来", "现在", "原因"]
    assert len(moves) == again.moved
    row = moves.set_index("毕业生").loc[moved_code]
    assert row["原因"] == "上次的配对已被否决" and row["姓名"].endswith("*")
    assert any("预检提示" in e.label for e in app.expander)

    app.selectbox(key="lang").select("en").run()
    moves = _frame_with(app, "Why")
    assert moves.set_index("Graduate").loc[moved_code, "Why"] == "the previous pair was rejected"

    runs_page = run_app("runs", user="demo-organiser")
    runs_page.selectbox(key="runs.changes").select(again.run_id).run()
    assert len(_frame_with(runs_page, "原因")) == again.moved
    status = set(_frame_with(runs_page, "求解器")["状态"])
    assert status <= {"已证明最优", "可行（未证明最优）", "无解", "未找到解", "求解出错"}


def test_the_history_says_its_actions_and_aid_scores_are_drawn_on_their_own_scale(demo_env: str) -> None:
    sessions = db.sessions(demo_env)
    code = event_code(demo_env)
    run, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=1), actor=ORGANISER)
    with sessions() as session:
        proposal = session.scalars(
            select(Proposal)
            .where(Proposal.run_id == run.run_id, Proposal.position_id.is_not(None))
            .order_by(Proposal.id)
            .limit(1)
        ).one()
        graduate = session.get(Graduate, proposal.graduate_id)
        assert graduate is not None
        subject = graduate.code
    decide_many(sessions, [(proposal.id, DecisionAction.REJECT, "专业不对口", proposal.version)], ORGANISER)
    app = run_app("review", user="demo-organiser")
    app.text_input(key="review.find").input(subject).run()
    history = _frame_with(app, "操作人")
    assert list(history["操作"]) == ["否决"]
    (grid,) = [json.loads(d.proto.columns) for d in app.dataframe if "decide" in json.loads(d.proto.columns)]
    assert grid["subject_name"]["label"] == "姓名"
    assert grid["score"]["type_config"]["max_value"] == 1.0

    run_aid(
        sessions, options=AidOptions(solve=AidSolveOptions(time_limit=5)), actor=Actor("admin", Role.ADMIN)
    )
    app = run_app("review")  # the administrator: both programmes
    app.segmented_control(key="review.program").set_value("aid").run()
    assert not app.exception
    slider = app.slider(key="review.f.score.aid")
    assert slider.max >= 100 and slider.value == (0.0, slider.max)  # points, not a share
    (grid,) = [json.loads(d.proto.columns) for d in app.dataframe if "decide" in json.loads(d.proto.columns)]
    assert grid["score"]["type_config"]["max_value"] >= 100
    assert grid["subject_name"]["label"] == "村名"  # a village's name; a graduate's is 姓名


def test_an_aid_review_shows_blank_cells_one_county_filter_and_reasons_in_the_readers_language(
    demo_env: str,
) -> None:
    """A park official's aid review: no `None` in a cell, the county filter once (an aid run's group is the
    village's county), and a village's reason said in the reader's language, whether the run stored it as
    message JSON (as runs do now) or as the English text older runs kept."""
    sessions = db.sessions(demo_env)
    run, _ = run_aid(
        sessions,
        options=AidOptions(solve=AidSolveOptions(time_limit=5, seed=1)),
        actor=Actor("a", Role.ADMIN),
    )
    reasons = (Message("aid.reason.no_acceptable_enterprise"),) * (REASONS_KEPT + 2)
    with sessions() as session, session.begin():
        official = session.scalars(
            select(User).where(User.role == Role.PARK_OFFICIAL).order_by(User.id)
        ).first()
        assert official is not None and official.park_id is not None
        first, second = session.scalars(
            select(Proposal)
            .join(Enterprise, Enterprise.id == Proposal.enterprise_id)
            .where(Proposal.run_id == run.run_id, Enterprise.park_id == official.park_id)
            .order_by(Proposal.id)
            .limit(2)
        ).all()
        first.reason = _reason_json(reasons)  # as a run stores an uncovered village's reasons now
        second.reason = "no acceptable enterprise had room left"  # as older runs stored it
        codes = {
            session.get(Village, p.village_id).division_code: p.reason  # type: ignore[union-attr]
            for p in (first, second)
        }
    assert json.loads(codes[next(iter(codes))])["join"][-1]["code"] == "aid.reason.more"

    app = run_app("review", user=official.username)
    assert app.selectbox(key="review.run_select.aid").value == run.run_id
    assert [m.label for m in app.multiselect].count("县区") == 1
    assert not [m for m in app.multiselect if m.key == "review.f.county"]
    grid = _frame_with(app, "decide")
    # the decide cell starts on a real option: the grid draws an empty choice as a grey "None"
    assert set(grid["decide"]) == {NO_DECISION}
    (config,) = [
        json.loads(d.proto.columns) for d in app.dataframe if "decide" in json.loads(d.proto.columns)
    ]
    assert config["decide"]["required"] is True and None not in config["decide"]["type_config"]["options"]
    assert decisions_from_edits(grid, {0: {"decide": NO_DECISION}}) == ([], [])
    assert "None" not in {str(v) for v in grid.drop(columns="score").to_numpy().ravel()}
    assert not grid.drop(columns="score").isna().to_numpy().any()
    said = dict(zip(grid["subject"], grid["reason"], strict=True))
    first_code, second_code = codes
    assert said[first_code].startswith("没有可接受的企业；") and said[first_code].endswith("另有 2 条原因")
    assert said[second_code] == "可接受的企业都已没有余量"

    app.selectbox(key="lang").select("en").run()
    said = dict(zip(_frame_with(app, "decide")["subject"], _frame_with(app, "decide")["reason"], strict=True))
    assert said[first_code].startswith("no acceptable enterprise; ") and said[first_code].endswith(
        "and 2 more"
    )
    assert said[second_code] == "no acceptable enterprise had room left"
