"""The fair day in a real browser (issue 14, "Done when"): a shortlist run, approve it all (asked first),
build the timetable, mark one interview held and one a no-show, re-schedule the rest of the day (progress
while it runs, then the result), record an intent from the held interview, and see the overview count it.
Every step leaves a screenshot in test-artifacts/e2e/ (`fair-day-*.png`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from models import Graduate, Interview, JobFairOutcome, MatchingRun, OutcomeKind
from tests.e2e.test_journey import go, idle, metric, shot

pytestmark = pytest.mark.e2e

SEED = 11
SOLVE_TIMEOUT_MS = 300_000  # the demo fair's timetable (2,000 graduates, 143 booths) on two busy cores


def newest_run(url: str, method: str) -> int:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            run_id = session.scalars(
                select(MatchingRun.id).where(MatchingRun.method == method).order_by(MatchingRun.id.desc())
            ).first()
    finally:
        engine.dispose()
    assert run_id is not None
    return int(run_id)


def day_status(url: str, run_id: int, graduate: str) -> set[str]:
    """The statuses of a graduate's interviews on timetable run `run_id`."""
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return set(
                session.scalars(
                    select(Interview.status)
                    .join(Graduate, Graduate.id == Interview.graduate_id)
                    .where(Interview.run_id == run_id, Graduate.code == graduate)
                )
            )
    finally:
        engine.dispose()


def intents(url: str) -> int:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return len(
                session.scalars(select(JobFairOutcome).where(JobFairOutcome.kind == OutcomeKind.INTENT)).all()
            )
    finally:
        engine.dispose()


def mark(page: Page, option_index: int, status: str) -> str:
    """Mark the `option_index`-th interview of the marking form's list with `status` (its Chinese name);
    returns the interview's label (`09:00 · enterprise · G… (待进行)`)."""
    page.reload()  # a fresh form: it keeps its last choice otherwise
    expect(page.get_by_role("heading", name="面试日程", exact=True)).to_be_visible()
    idle(page)
    form = page.get_by_test_id("stForm").filter(has_text="选择面试")
    interviews = form.locator("[data-testid=stMultiSelect] [role=combobox]")
    interviews.click()
    interviews.fill("09:00")  # the first slot's interviews, not all the day's thousands
    # the first option is Streamlit's "select all": pick interviews by their label
    option = page.get_by_role("option", name=re.compile(r"^09:00 · ")).nth(option_index)
    label = option.inner_text().strip()
    option.click()
    page.keyboard.press("Escape")
    status_box = form.locator("[data-testid=stSelectbox] [role=combobox]")
    status_box.click()
    status_box.fill(status)  # a selectbox filters as one types
    page.get_by_role("option", name=status, exact=True).click()
    expect(status_box).to_have_value(status)
    form.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已更新 1 场面试。")).to_be_visible()
    idle(page)
    return label


def eventually(condition: Callable[[], bool], timeout: float = 30) -> None:
    """Wait for what the page saved (a success box of the previous save may still be showing)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not saved in time"
        time.sleep(0.25)


def graduate_of(label: str) -> str:
    found = re.search(r"\b(G\d+)\b", label)
    assert found, label
    return found.group(1)


def wait_for_job(page: Page, button: Locator, result: re.Pattern[str]) -> None:
    """A page job's feedback: at once a progress bar and the button disabled, then the result."""
    expect(page.get_by_test_id("stProgress")).to_be_visible()
    expect(button).to_be_disabled()
    expect(page.get_by_text(result)).to_be_visible(timeout=SOLVE_TIMEOUT_MS)
    expect(page.get_by_test_id("stProgress")).to_have_count(0)
    expect(button).to_be_enabled()
    idle(page)


def test_the_fair_day_from_shortlist_to_outcomes(
    page: Page, app_url: str, e2e_database: str, artifacts: Path
) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="全市概览")).to_be_visible()
    before = int(metric(page, "达成就业意向").inner_text().replace(",", ""))
    assert before == intents(e2e_database)

    # A shortlist run on the job-fair page.
    go(page, "招聘会匹配")
    method = page.locator(".st-key-jobfair-method").get_by_role("radio", name="推荐名单")
    method.click()
    expect(method).to_have_attribute("aria-checked", "true")
    seed = page.locator(".st-key-jobfair-seed input")
    seed.fill(str(SEED))
    seed.press("Enter")
    idle(page)
    page.locator(".st-key-jobfair-run button").click()
    expect(page.get_by_text(re.compile(rf"^已完成：.*种子 {SEED}；"))).to_be_visible(timeout=SOLVE_TIMEOUT_MS)
    shot(page, artifacts, "fair-day-01-shortlist")
    shortlist = newest_run(e2e_database, "shortlist")

    # Review opens on it; approving every shown recommendation asks first, naming the count.
    page.get_by_role("link", name="去审核").click()
    expect(page.get_by_role("heading", name="审核匹配建议")).to_be_visible()
    expect(page.locator(".st-key-review-run_select-jobfair [role=combobox]")).to_have_value(
        re.compile(rf"^#{shortlist} ")
    )
    idle(page)
    page.locator(".st-key-review-approve_all button").click()
    question = page.get_by_text(re.compile(r"确定吗"))
    expect(question).to_be_visible()
    shot(page, artifacts, "fair-day-02-review-confirm")
    page.locator(".st-key-review-confirm-yes button").click()
    expect(page.get_by_text("决定已保存。")).to_be_visible(timeout=SOLVE_TIMEOUT_MS)
    idle(page)
    shot(page, artifacts, "fair-day-03-review-approved")

    # The timetable from the approved shortlist: progress, then the result.
    go(page, "面试日程")
    time_limit = page.get_by_test_id("stSlider").get_by_role("slider")
    time_limit.focus()
    page.keyboard.press("Home")  # the shortest solver limit: the walk tests the page, not the solver
    expect(time_limit).to_have_value("2")
    idle(page)
    build = page.locator(".st-key-tt-build button")
    build.click()
    wait_for_job(
        page,
        build,
        re.compile(rf"^已安排 [\d,]+/[\d,]+ 场面试（来源：第 {shortlist} 次推荐名单中已批准的配对）"),
    )
    shot(page, artifacts, "fair-day-04-timetable")
    timetable = newest_run(e2e_database, "timetable")

    # The day: one interview held, another a no-show.
    held = graduate_of(mark(page, 0, "已进行"))
    absent_label = mark(page, 1, "未到场")
    absent = graduate_of(absent_label)
    eventually(lambda: "held" in day_status(e2e_database, timetable, held))
    eventually(lambda: "no_show" in day_status(e2e_database, timetable, absent))
    shot(page, artifacts, "fair-day-05-marked")

    # Re-schedule the rest of the day: progress while it runs, then the new timetable.
    now = page.locator(".st-key-tt-now input")
    now.fill("12:00")
    now.press("Enter")
    idle(page)
    replan = page.locator(".st-key-tt-reschedule button")
    replan.click()
    wait_for_job(page, replan, re.compile(rf"来源：第 {timetable} 次日程及当天变动"))
    rescheduled = newest_run(e2e_database, "timetable")
    assert rescheduled > timetable
    assert "held" in day_status(e2e_database, rescheduled, held)  # held interviews stay
    shot(page, artifacts, "fair-day-06-rescheduled")

    # Outcomes: the held interview reached an intent.
    go(page, "结果登记")
    page.get_by_text("面试当天（已面试或未到场）", exact=True).click()
    idle(page)
    pair = page.locator(".st-key-out-jf-pair [role=combobox]")
    pair.click()
    page.get_by_role("option", name=re.compile(rf"^{held} → ")).first.click()
    expect(pair).to_have_value(re.compile(rf"^{held} → "))
    kind = page.locator(".st-key-out-jf-kind [role=combobox]")
    kind.click()
    kind.fill("达成就业意向")
    page.get_by_role("option", name="达成就业意向", exact=True).click()
    expect(kind).to_have_value("达成就业意向")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_be_visible()
    assert intents(e2e_database) == before + 1
    shot(page, artifacts, "fair-day-07-outcome")

    # The overview counts it.
    go(page, "概览", heading="全市概览")
    expect(metric(page, "达成就业意向")).to_have_text(f"{before + 1:,}")
    shot(page, artifacts, "fair-day-08-overview")
