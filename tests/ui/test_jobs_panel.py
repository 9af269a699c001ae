"""A background plan shows its progress at once, keeps its buttons disabled while it runs, and its result
belongs to the user who started it."""

from __future__ import annotations

from matching.jobfair.pipeline import SolveOptions
from matching.services import db
from matching.services.access import Actor
from matching.services.jobfair import run_event
from models import Role
from tests.ui.conftest import run_app
from tests.ui.test_matching_pages import event_code, wait_for


def test_a_timetable_job_is_its_starters_and_blocks_a_second_plan(demo_env: str) -> None:
    organiser = Actor("demo-organiser", Role.ORGANISER)
    options = SolveOptions.for_method("shortlist", per_graduate=2, seed=1)
    run_event(db.sessions(demo_env), event_code(demo_env), options, actor=organiser)
    app = run_app("timetable", user="demo-organiser")
    app.slider(key="tt.time_limit").set_value(4)
    app.button(key="tt.build").click().run()
    # At once, without touching another widget: the progress bar, and the plan button disabled.
    assert app.get("progress") and app.button(key="tt.build").disabled
    wait_for(app, "已安排", seconds=60)
    assert not app.button(key="tt.build").disabled
    # The administrator switching in the same browser (the demo's role switch) sees no one else's result.
    app.selectbox(key="demo_user.zh").select("demo-admin").run()
    app.switch_page("matching/ui/pages/timetable.py").run()
    assert not [s for s in app.success if "已安排" in s.value]
    assert not app.exception
