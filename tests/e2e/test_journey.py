"""An organiser's day in a real browser: run a stable matching, approve one proposal and reject another in
the review grid, re-run and see the decisions hold, record an intent and see the overview count it, then
switch to English. Every page visited leaves a screenshot in test-artifacts/e2e/.

Editing the review grid (a glide-data-grid canvas) works through the keyboard:
- the hidden accessibility table mirrors the grid: `td[data-testid=glide-cell-C-R]` holds the text of
  column C (0 = `decide`, as the index is hidden), row R, and `aria-selected="true"` marks the selected cell
  (it lags the canvas by about 0.5 s, and `expect` waits for it);
- focusing the canvas selects (0, 0) the first time and afterwards keeps the last selection, so
  `select_cell` reads where the selection is and moves there with arrow keys;
- `Enter` on a SelectboxColumn cell opens a react-select dropdown in `#portal`; clicking its
  `role=option` entry commits the value (and reruns the script);
- `Enter` on a TextColumn cell opens a text editor in `#portal`; `fill()` then `Enter` commits it and
  moves the selection one row down.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from models import AuditEntry, Graduate, JobFairOutcome, MatchingRun, OutcomeKind, Proposal, ProposalStatus

pytestmark = pytest.mark.e2e

IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
DECIDE, NOTE, STATUS, SUBJECT, PARTNER = 0, 1, 2, 3, 5  # grid columns (the index is hidden)
DATA_PAGES = {
    "园区": "parks",
    "企业": "enterprises",
    "岗位": "positions",
    "毕业生": "graduates",
    "村": "villages",
    "帮扶意向": "aid-offers",
}


def idle(page: Page) -> None:
    """The script has finished and the page has drawn what it sent: the state says `notRunning` a few
    hundred milliseconds before the last skeleton placeholders are replaced."""
    expect(page.locator(IDLE)).to_be_attached()
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)


def healthy(page: Page) -> None:
    """No exception and no error box on the page."""
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def shot(page: Page, artifacts: Path, name: str) -> None:
    idle(page)
    healthy(page)
    page.screenshot(path=str(artifacts / f"{name}.png"))


def go(page: Page, link: str, heading: str | None = None) -> None:
    """Follow a sidebar link (expanding the "View N more" list when needed) and wait for the page."""
    nav = page.get_by_test_id("stSidebarNav")
    target = nav.get_by_role("link", name=link, exact=True)
    expect(nav).to_be_visible()
    if not target.is_visible():
        more = nav.get_by_test_id("stSidebarNavViewButton")
        if more.is_visible() and more.inner_text().startswith("View") and "less" not in more.inner_text():
            more.click()
    target.click()
    expect(page.get_by_role("heading", name=heading or link, exact=True)).to_be_visible()
    idle(page)


def metric(page: Page, label: str) -> Locator:
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def choose(page: Page, combobox: Locator, option: str) -> None:
    combobox.click()
    page.get_by_role("option", name=option, exact=True).click()
    expect(combobox).to_have_value(option)


def pick_option(page: Page, combobox: Locator, option: str) -> None:
    """Open a multiselect and pick `option`. A page still drawing sections above it (a re-run's moves)
    can close the list as it opens, so the list is opened again until the option shows."""
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        idle(page)
        combobox.click()
        try:
            wanted.wait_for(state="visible", timeout=5_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        wanted.click()
        return
    raise AssertionError(f"the option {option!r} never showed")


def cell(grid: Locator, col: int, row: int) -> Locator:
    return grid.get_by_test_id(f"glide-cell-{col}-{row}")


def select_cell(page: Page, grid: Locator, col: int, row: int) -> None:
    """Put the grid's selection on (col, row) with the keyboard."""
    grid.get_by_test_id("data-grid-canvas").focus()
    selected = grid.locator('td[aria-selected="true"]')
    expect(selected).to_have_count(1)
    now_col, now_row = (int(n) for n in str(selected.get_attribute("data-testid")).split("-")[2:])
    for _ in range(abs(col - now_col)):
        page.keyboard.press("ArrowRight" if col > now_col else "ArrowLeft")
    for _ in range(abs(row - now_row)):
        page.keyboard.press("ArrowDown" if row > now_row else "ArrowUp")
    expect(cell(grid, col, row)).to_have_attribute("aria-selected", "true")


def decide(page: Page, grid: Locator, row: int, label: str, action: str) -> None:
    """Pick `label` (the Chinese name the grid shows) in the row's decide cell; the cell holds `action`."""
    select_cell(page, grid, DECIDE, row)
    page.keyboard.press("Enter")
    page.locator("#portal").get_by_role("option", name=label, exact=True).click()
    expect(cell(grid, DECIDE, row)).to_have_text(action)
    idle(page)


def write_note(page: Page, grid: Locator, row: int, note: str) -> None:
    select_cell(page, grid, NOTE, row)
    page.keyboard.press("Enter")
    editor = page.locator("#portal textarea, #portal input").first
    editor.fill(note)
    editor.press("Enter")
    expect(cell(grid, NOTE, row)).to_have_text(note)
    idle(page)


def run_matching(page: Page, seed: int) -> None:
    """Run a stable matching with `seed` on the job-fair page and wait for its result."""
    method = page.locator(".st-key-jobfair-method").get_by_role("radio", name="稳定匹配")
    if method.get_attribute("aria-checked") != "true":
        method.click()
    expect(method).to_have_attribute("aria-checked", "true")
    seed_input = page.locator(".st-key-jobfair-seed input")
    seed_input.fill(str(seed))
    seed_input.press("Enter")
    idle(page)
    page.locator(".st-key-jobfair-run button").click()
    # The panel still shows the previous run's result until this one is done: wait for this seed.
    expect(page.get_by_text(re.compile(rf"^已完成：.*种子 {seed}；"))).to_be_visible(timeout=60_000)


def newest_run_rows(url: str, codes: list[str]) -> tuple[int, dict[str, Any]]:
    """The newest job-fair run's id and, per graduate code, its (position_id, status)."""
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            run_id = session.scalars(
                select(MatchingRun.id).where(MatchingRun.method == "stable").order_by(MatchingRun.id.desc())
            ).first()
            rows = session.execute(
                select(Graduate.code, Proposal.position_id, Proposal.status)
                .join(Graduate, Graduate.id == Proposal.graduate_id)
                .where(Proposal.run_id == run_id, Graduate.code.in_(codes))
            ).all()
    finally:
        engine.dispose()
    assert run_id is not None
    return run_id, {code: (position, status) for code, position, status in rows}


def intents_recorded(url: str) -> int:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            return len(
                session.scalars(select(JobFairOutcome).where(JobFairOutcome.kind == OutcomeKind.INTENT)).all()
            )
    finally:
        engine.dispose()


def download_graduates(page: Page, url: str, artifacts: Path) -> None:
    """The graduates page: names masked in the grid and in its CSV, which needs a purpose and is logged."""
    expect(cell(page.locator(".st-key-graduates-table"), 1, 0)).to_have_text(re.compile(r"^\S\*+$"))
    button = page.locator(".st-key-graduates-download button")
    expect(button).to_be_disabled()
    purpose = page.locator(".st-key-graduates-download-purpose input")
    purpose.fill("通知复试")
    purpose.press("Enter")
    idle(page)
    expect(button).to_be_enabled()
    with page.expect_download() as download:
        button.click()
    saved = artifacts / "graduates.csv"
    download.value.save_as(saved)
    table = pd.read_csv(saved, dtype=str, encoding="utf-8-sig")
    assert len(table) > 1000 and table["name"].str.fullmatch(r"\S\*+").all()
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            logged = session.scalars(select(AuditEntry).where(AuditEntry.action == "download")).all()
    finally:
        engine.dispose()
    assert [(e.actor, e.entity, e.details["rows"], e.details["purpose"]) for e in logged] == [
        ("demo-admin", "page.graduates", len(table), "通知复试")
    ]


def test_organiser_runs_reviews_reruns_and_records_an_outcome(
    page: Page, app_url: str, e2e_database: str, artifacts: Path
) -> None:
    # Overview: the demo data, with the intents of the fair held (and of other tests on this database).
    page.goto("/")
    expect(page.get_by_role("heading", name="全市概览")).to_be_visible()
    expect(metric(page, "达成就业意向")).not_to_have_text("")
    before = int(metric(page, "达成就业意向").inner_text().replace(",", ""))
    assert before >= 712
    recorded_before = intents_recorded(e2e_database)
    shot(page, artifacts, "01-overview")

    # Job fair: a stable matching with seed 7.
    go(page, "招聘会匹配")
    run_matching(page, 7)
    shot(page, artifacts, "02-jobfair-seed7")

    # Review: approve one proposal, reject another with a reason, save.
    page.get_by_role("link", name="去审核").click()
    expect(page.get_by_role("heading", name="审核匹配建议")).to_be_visible()
    grid = page.locator(".st-key-review-grid")
    expect(grid.get_by_test_id("data-grid-canvas")).to_be_visible()
    expect(cell(grid, SUBJECT, 0)).to_have_text(re.compile(r"^G\d+"))
    idle(page)
    matched = [row for row in range(8) if cell(grid, PARTNER, row).inner_text().strip()][:2]
    assert len(matched) == 2, "the first rows of a stable run have positions"
    approve_row, reject_row = matched
    approved_code = cell(grid, SUBJECT, approve_row).inner_text()
    rejected_code = cell(grid, SUBJECT, reject_row).inner_text()
    first_run, first = newest_run_rows(e2e_database, [approved_code, rejected_code])

    save = page.locator(".st-key-review-save button")
    decide(page, grid, approve_row, "批准", "approve")
    expect(save).to_have_text("保存 1 项决定")
    decide(page, grid, reject_row, "否决", "reject")
    expect(page.get_by_text("否决需要填写理由")).to_be_visible()
    expect(save).to_be_disabled()
    write_note(page, grid, reject_row, "专业不对口")
    expect(save).to_have_text("保存 2 项决定")
    expect(save).to_be_enabled()
    shot(page, artifacts, "03-review-edited")
    save.click()
    expect(page.get_by_text("决定已保存。")).to_be_visible()
    expect(save).to_have_text("保存 0 项决定")
    expect(cell(grid, STATUS, approve_row)).to_have_text("已批准")
    expect(cell(grid, STATUS, reject_row)).to_have_text("已否决")
    shot(page, artifacts, "04-review-saved")

    # Job fair again: seed 8 keeps both decisions.
    go(page, "招聘会匹配")
    run_matching(page, 8)
    expect(page.get_by_text(re.compile(r"保留了 2 项已有决定"))).to_be_visible()
    shot(page, artifacts, "05-jobfair-seed8")

    # Review of the new run: only the approved pair stands approved.
    page.get_by_role("link", name="去审核").click()
    expect(page.get_by_role("heading", name="审核匹配建议")).to_be_visible()
    second_run, second = newest_run_rows(e2e_database, [approved_code, rejected_code])
    assert second_run > first_run
    expect(page.locator(".st-key-review-run_select-jobfair [role=combobox]")).to_have_value(
        re.compile(rf"^#{second_run} ")
    )
    status_filter = page.locator(".st-key-review-f-status")
    pick_option(page, status_filter.get_by_role("combobox"), "已批准")
    page.keyboard.press("Escape")
    expect(page.get_by_text(re.compile(r"^显示 1 / 共 2,000 条$"))).to_be_visible()
    expect(cell(grid, SUBJECT, 0)).to_have_text(approved_code)
    expect(cell(grid, STATUS, 0)).to_have_text("已批准")
    shot(page, artifacts, "06-review-new-run-approved")
    assert second[approved_code] == (first[approved_code][0], ProposalStatus.APPROVED)
    rejected_position = first[rejected_code][0]
    assert second[rejected_code][0] != rejected_position, "the rejected pair must not come back"
    assert second[rejected_code][1] is not ProposalStatus.REJECTED

    # Runs: both runs are listed.
    go(page, "运行记录")
    expect(page.locator(".st-key-runs-table").get_by_test_id("data-grid-canvas")).to_be_visible()
    shot(page, artifacts, "07-runs")
    # An official's app (.streamlit/config.toml): no Deploy button or developer menu, and a table's
    # toolbar offers no built-in download (personal data leaves only through the logged exports).
    expect(page.get_by_role("button", name="Deploy")).to_have_count(0)
    page.locator(".st-key-runs-table").get_by_test_id("stDataFrame").hover()
    expect(page.get_by_test_id("stElementToolbarButton").first).to_be_visible()
    expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)

    # Outcomes: the approved pair reached an employment intent.
    go(page, "结果登记")
    pair = page.get_by_role("combobox", name="配对")
    expect(pair).to_have_value(re.compile(rf"^{approved_code} → "))
    choose(page, page.get_by_role("combobox", name="结果").first, "达成就业意向")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_text("已登记。")).to_be_visible()
    assert intents_recorded(e2e_database) == recorded_before + 1
    shot(page, artifacts, "08-outcomes")

    # Aid pairing, every data page, import & export: each renders without an error.
    go(page, "帮扶结对")
    shot(page, artifacts, "09-aid")
    for number, (label, name) in enumerate(DATA_PAGES.items(), start=10):
        go(page, label)
        expect(page.get_by_test_id("data-grid-canvas").first).to_be_visible()
        shot(page, artifacts, f"{number}-data-{name}")
        if name == "graduates":
            download_graduates(page, e2e_database, artifacts)
    go(page, "导入导出")
    shot(page, artifacts, "16-import-export")

    # Overview counts the intent; in English it reads "The city at a glance".
    go(page, "概览", heading="全市概览")
    expect(metric(page, "达成就业意向")).to_have_text(f"{before + 1:,}")
    shot(page, artifacts, "17-overview-intent")
    choose(page, page.locator(".st-key-lang [role=combobox]"), "English")
    expect(page.get_by_role("heading", name="The city at a glance")).to_be_visible()
    expect(metric(page, "Graduates with an intent")).to_have_text(f"{before + 1:,}")
    shot(page, artifacts, "18-overview-english")


def test_language_switch_translates_navigation_and_pages(page: Page, app_url: str, artifacts: Path) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="全市概览")).to_be_visible()
    choose(page, page.locator(".st-key-lang [role=combobox]"), "English")
    expect(page.get_by_role("heading", name="The city at a glance")).to_be_visible()
    go(page, "Job fair", heading="Job-fair matching")
    expect(page.locator(".st-key-jobfair-method").get_by_role("radio", name="stable")).to_be_visible()
    shot(page, artifacts, "20-jobfair-english")
    choose(page, page.locator(".st-key-lang [role=combobox]"), "中文")
    expect(page.get_by_role("heading", name="招聘会匹配")).to_be_visible()
