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
from matching.services import db
from matching.services.access import Actor
from matching.services.aid import run_aid
from matching.services.decisions import decide_many
from matching.services.jobfair import run_event
from matching.services.timetable import schedule_event
from models import DecisionAction, Graduate, Proposal, ProposalStatus, Role
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
