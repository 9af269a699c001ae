"""The timetable page says the run's summary and why interviews were left out in the user's language, and
lets the organiser choose whose itineraries to print (everyone, a booth, a graduate, a university)."""

from __future__ import annotations

import re

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from fixtures.demo import EVENT_CODE
from matching.jobfair.pipeline import SolveOptions as JobFairOptions
from matching.services import db
from matching.services.access import Actor
from matching.services.jobfair import run_event
from matching.services.timetable import Audience, SolveOptions, change_booth, schedule_event
from models import Booth, Enterprise, JobFairEvent
from tests.ui.conftest import APP, run_app

ADMIN = Actor.system("test")


def a_timetable_with_a_closed_booth(url: str) -> str:
    """A stored timetable where one booth has no interviewer, so that some interviews have a reason."""
    sessions = db.sessions(url)
    run_event(
        sessions, EVENT_CODE, JobFairOptions.for_method("shortlist", per_graduate=3, seed=1), actor=ADMIN
    )
    with sessions() as session, session.begin():
        credit = session.scalars(
            select(Enterprise.credit_code)
            .join(Booth, Booth.enterprise_id == Enterprise.id)
            .join(JobFairEvent, JobFairEvent.id == Booth.event_id)
            .where(JobFairEvent.code == EVENT_CODE)  # a booth of the coming fair
            .limit(1)
        ).one()
        change_booth(session, EVENT_CODE, credit, ADMIN, interviewers=0)
    summary, _ = schedule_event(sessions, EVENT_CODE, SolveOptions(time_limit=3, seed=1), actor=ADMIN)
    assert summary.scheduled < summary.requested
    return credit


def captions(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.value for c in app.caption]


def test_the_summary_and_the_reasons_are_said_in_chinese_then_in_english(demo_env: str) -> None:
    a_timetable_with_a_closed_booth(demo_env)
    app = run_app("timetable")
    assert not app.exception
    said = " ".join(captions(app))
    assert "场面试中已安排" in said and "未安排的原因：" in said
    assert "status=" not in said and "scheduled=" not in said and "booth_full" not in said
    for table in app.dataframe:
        shown = table.value
        if "已调整" in shown.columns:
            assert set(shown["已调整"]) <= {"是", "否"}
        if "面试官" in shown.columns:
            assert not shown["面试官"].isna().any() and "None" not in set(shown["面试官"].astype(str))
    app.session_state["lang"] = "en"
    app.run()
    said = " ".join(captions(app))
    assert "status=" in said and "not scheduled: " in said and "未安排" not in said


def test_whose_itineraries_to_print_is_chosen_on_the_page(demo_env: str) -> None:
    credit = a_timetable_with_a_closed_booth(demo_env)
    app = run_app("timetable")
    chooser = app.selectbox(key="tt.print_for")
    assert chooser.options == [
        "全部（每名毕业生一页，再每个展位一页）",
        "展位（企业面试官）",
        "毕业生",
        "高校（就业指导部门）",
    ]
    assert not [s for s in app.selectbox if s.key and s.key.startswith("tt.print_which")]
    chooser.select(Audience.BOOTH).run()
    which = app.selectbox(key="tt.print_which.booth")
    assert which.options[0] == "全部" and len(which.options) > 2
    assert which.value == "*"
    booth_label = which.options[1]
    which.select_index(1).run()
    assert not app.exception
    assert app.selectbox(key="tt.print_which.booth").value != "*"
    assert " · " in booth_label  # booth label · enterprise name
    app.selectbox(key="tt.print_for").select(Audience.UNIVERSITY).run()
    universities = app.selectbox(key="tt.print_which.university").options
    assert len(universities) > 2 and all(name for name in universities)
    app.selectbox(key="tt.print_for").select(Audience.GRADUATE).run()
    graduates = app.selectbox(key="tt.print_which.graduate").options[1:]
    assert graduates and all("*" in label for label in graduates)  # names masked in the choice
    assert credit  # the closed booth's interviews are listed as not placed, not printed


def test_the_day_changes_speak_chinese_and_name_a_person_by_their_name(demo_env: str) -> None:
    sessions = db.sessions(demo_env)
    run_event(
        sessions, EVENT_CODE, JobFairOptions.for_method("shortlist", per_graduate=2, seed=1), actor=ADMIN
    )
    schedule_event(sessions, EVENT_CODE, SolveOptions(time_limit=3, seed=1), actor=ADMIN)
    app = run_app("timetable")
    (pick,) = [m for m in app.multiselect if m.label == "选择面试"]
    assert pick.proto.placeholder == "全部"  # not Streamlit's "Choose options"
    headers = {c for table in app.dataframe for c in table.value.columns}
    assert "姓名" in headers and "名称" not in headers
    assert app.selectbox(key="tt.print_for").options[0].startswith("全部")

    english = AppTest.from_file(APP, default_timeout=60)  # an English session from its first run
    english.session_state["lang"] = "en"
    english.run()
    english.switch_page("matching/ui/pages/timetable.py").run()
    english.selectbox(key="tt.print_for").select(Audience.BOOTH).run()  # AppTest says the labels again
    assert not english.exception
    options = english.selectbox(key="tt.print_for").options
    assert options and not any(re.search("[\u4e00-\u9fff]", option) for option in options), options
