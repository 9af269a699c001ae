"""The review page opens on the newest run that has proposals, and a bulk decision over many pairs asks
first, naming the count."""

from __future__ import annotations

from sqlalchemy import func, select

from matching.jobfair.pipeline import SolveOptions
from matching.jobfair.timetable import SolveOptions as TimetableOptions
from matching.services import db
from matching.services.access import Actor
from matching.services.jobfair import run_event
from matching.services.timetable import schedule_event
from models import Proposal, ProposalStatus, Role
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
