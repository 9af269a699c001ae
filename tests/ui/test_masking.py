"""No page shows a graduate's full name or phone, or an enterprise contact's, to any role: every table,
grid, option list and line of text of every page each demo role can open, with runs, a timetable and
outcomes stored."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from matching.jobfair.pipeline import SolveOptions
from matching.jobfair.timetable import SolveOptions as TimetableOptions
from matching.services import db, jobfair
from matching.services.access import Actor
from matching.services.jobfair import run_event
from matching.services.timetable import schedule_event
from models import Enterprise, Graduate, Role, User
from tests.ui.conftest import run_app

ADMIN = Actor("demo-admin", Role.ADMIN)


def _everything_shown(app: AppTest) -> set[str]:
    """Every cell, option and text the page rendered."""
    shown: set[str] = set()
    for table in app.dataframe:
        frame = table.value if isinstance(table.value, pd.DataFrame) else pd.DataFrame(table.value)
        shown |= {str(cell) for cell in frame.to_numpy().ravel()} | {str(c) for c in frame.columns}
    for box in [*app.selectbox, *app.multiselect]:
        shown |= {str(option) for option in box.options}
    for element in [*app.markdown, *app.caption, *app.text, *app.info, *app.success, *app.warning]:
        shown.add(str(element.value))
    return shown


def test_no_page_shows_a_name_or_a_phone_to_any_role(demo_env: str) -> None:
    sessions = db.sessions(demo_env)
    with sessions() as session:
        code = jobfair.events(session, ADMIN)[0].code  # the fair the pages open on
        official = session.scalars(select(User.username).where(User.role == Role.PARK_OFFICIAL)).first()
        names = {n for n in session.scalars(select(Graduate.name)) if n}
        phones = {p for p in session.scalars(select(Graduate.phone)) if p}
        contacts = {c for c in session.scalars(select(Enterprise.contact_name)) if c}
        phones |= {p for p in session.scalars(select(Enterprise.contact_phone)) if p}
    run_event(sessions, code, SolveOptions.for_method("stable", seed=1), actor=ADMIN)
    run_event(sessions, code, SolveOptions.for_method("shortlist", per_graduate=2, seed=1), actor=ADMIN)
    schedule_event(sessions, code, TimetableOptions(time_limit=3), actor=ADMIN)
    pages = [
        "overview",
        "jobfair",
        "aid",
        "review",
        "timetable",
        "runs",
        "outcomes",
        "parks",
        "enterprises",
        "positions",
        "graduates",
        "villages",
        "aid_offers",
        "data",
    ]
    seen_pages = 0
    for user in ("demo-admin", "demo-organiser", official, "demo-viewer"):
        for page in pages:
            app = run_app(user=user)
            try:
                app.switch_page(f"matching/ui/pages/{page}.py").run()
            except ValueError:  # not in this role's navigation
                continue
            assert not app.exception, (user, page)
            shown = _everything_shown(app)
            seen_pages += 1
            leaked = {
                value for value in shown if value in names | contacts or any(p in value for p in phones)
            }
            assert not leaked, (user, page, sorted(leaked)[:5])
    assert seen_pages >= 30  # the roles' pages were really opened
