"""Pairing terms on the pages: the aid page's term control reaches the stored run, the review page shows
each aid pair's term and whether it is kept, renewed or new, and the outcomes page records against the
pairs of a chosen year."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from matching.aid.pairing import SolveOptions
from matching.aid.run import AidOptions
from matching.services import db
from matching.services.access import Actor
from matching.services.aid import PairingTerm, run_aid
from models import AidOutcome, MatchingRun, Role
from tests.ui.conftest import run_app
from tests.ui.test_matching_pages import wait_for

ADMIN = Actor("demo-admin", Role.ADMIN)


def test_the_aid_page_has_the_term_control_and_the_run_stores_it(demo_env: str) -> None:
    app = run_app("aid")
    control = app.number_input(key="aid.term.years")
    assert control.value == 3 and control.label == "结对期限（年）"
    app.slider(key="aid.time_limit").set_value(5)
    control.set_value(2)
    app.button(key="aid.run").click().run()
    wait_for(app, "已完成", seconds=60)
    app.run()
    assert any("结对期限 2 年" in message.value for message in app.info), [m.value for m in app.info]
    with db.sessions(demo_env)() as session:
        run = session.scalars(select(MatchingRun).order_by(MatchingRun.id.desc()).limit(1)).one()
    assert run.parameters["term"] == {"years": 2}


def test_the_review_page_shows_each_aid_pair_s_term(demo_env: str) -> None:
    summary, _ = run_aid(
        db.sessions(demo_env),
        options=AidOptions(solve=SolveOptions(time_limit=5, seed=1)),
        actor=ADMIN,
        term=PairingTerm(3),
    )
    assert summary.renewed > 0  # the demo's recorded 2025 pairs, chosen again
    app = run_app("review")
    app.segmented_control(key="review.program").set_value("aid").run()
    assert not app.exception, app.exception
    grid = app.data_editor[0].value
    assert {"term", "term_kind"} <= set(grid.columns)
    leads = grid[grid["term"] != ""]
    assert set(leads["term"]) == {"2026–2028"}
    assert set(leads["term_kind"]) <= {"续签", "新结对"} and "续签" in set(leads["term_kind"])


def stored_outcomes(url: str) -> int:
    with db.sessions(url)() as session:
        return int(session.scalar(select(func.count()).select_from(AidOutcome)) or 0)


def test_the_outcomes_page_records_against_a_pair_of_the_chosen_year(demo_env: str) -> None:
    before = stored_outcomes(demo_env)
    app = run_app("outcomes")
    app.selectbox(key="out.aid.year").select(2025).run()  # the demo's recorded pairs stood in 2025
    app.date_input[-1].set_value(date(2025, 12, 31))
    next(b for b in app.button if str(b.key).startswith("FormSubmitter:out.aid.form")).click().run()
    assert any("已登记" in s.value for s in app.success), [e.value for e in app.error]
    assert stored_outcomes(demo_env) == before + 1
