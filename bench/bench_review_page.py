"""Review-page benchmark: how fast the review grid of a 10,000-proposal run appears, and how fast one approval
is saved, in Debian's headless Chromium against a real `streamlit run`.

    .venv/bin/python bench/bench_review_page.py              # demo scale 5 = 10,000 graduates
    .venv/bin/python bench/bench_review_page.py --scale 10   # 20,000 proposals

It builds a fresh SQLite database in a temporary folder (`db migrate`, `demo seed --scale N`, then
`jobfair solve --event CODE --method welfare`, which stores a run with one proposal per graduate), starts
the app on a free port (stopped by its PID at the end) and measures, each over --reps repetitions:

- first paint: navigation start → the review grid's canvas is visible and the app is idle
  (`[data-testid=stApp][data-test-script-state=notRunning]`), in a new browser context (a new session)
  each time, read from `performance.now()` in the page. One untimed cold load comes first.
- approval saved: with "approve" chosen in the grid's `decide` cell, the click on "保存 1 项决定" →
  "决定已保存" visible, timed inside the page from the click to the animation frame that shows it.
  The time until the app is idle again (the grid of the new run state redrawn) is printed beside it.

Targets: first paint ≤ 3 s, approval saved ≤ 0.5 s. Needs /usr/bin/chromium (or $CHROMIUM_PATH); never
`playwright install`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect, sync_playwright
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models import JobFairEvent, MatchingRun, Proposal  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
TARGET_PAINT_S = 3.0
TARGET_SAVE_S = 0.5
GRID = ".st-key-review-grid"
DECIDE, STATUS, PARTNER = 0, 2, 5  # grid columns (the index is hidden)

# Evaluated in the page on every animation frame; the first truthy value ends the wait.
PAINTED = """() => {
    const canvas = document.querySelector('.st-key-review-grid [data-testid=data-grid-canvas]');
    const idle = document.querySelector('[data-testid=stApp][data-test-script-state=notRunning]');
    if (!canvas || !idle) return false;
    const box = canvas.getBoundingClientRect();
    return box.width > 0 && box.height > 0 ? performance.now() : false;
}"""
CLICK_SAVE = """() => {
    window.__benchClick = performance.now();
    // the enabled one: while the page reruns, the previous run's (disabled) button may linger
    document.querySelector('.st-key-review-save button:not([disabled])').click();
}"""
SAVED = """() => {
    const shown = [...document.querySelectorAll('[data-testid=stAlertContentSuccess]')]
        .some((box) => box.textContent.includes('决定已保存'));
    return shown ? performance.now() - window.__benchClick : false;
}"""
IDLE_AGAIN = """() => {
    const idle = document.querySelector('[data-testid=stApp][data-test-script-state=notRunning]');
    const canvas = document.querySelector('.st-key-review-grid [data-testid=data-grid-canvas]');
    return idle && canvas ? performance.now() - window.__benchClick : false;
}"""


def step(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def cli(*args: str, url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "matching", *args],
        cwd=ROOT,
        env=dict(os.environ, DATABASE_URL=url),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"matching {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def build_database(folder: Path, scale: int) -> tuple[str, int, int]:
    """A seeded database with one stored welfare run; its URL, the run's id and its proposal count."""
    url = f"sqlite:///{folder / 'bench.db'}"
    started = time.perf_counter()
    cli("db", "migrate", url=url)
    cli("demo", "seed", "--scale", str(scale), url=url)
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            code = session.scalars(select(JobFairEvent.code).order_by(JobFairEvent.id)).first()
        if code is None:
            raise SystemExit("the demo seed made no job fair")
        cli(
            "jobfair",
            "solve",
            "--event",
            code,
            "--method",
            "welfare",
            "--seed",
            "1",
            "--out",
            os.devnull,
            url=url,
        )
        with Session(engine) as session:
            run_id = session.scalars(select(MatchingRun.id).order_by(MatchingRun.id.desc())).first()
            count = session.scalar(
                select(func.count()).select_from(Proposal).where(Proposal.run_id == run_id)
            )
    finally:
        engine.dispose()
    step(f"database ready in {time.perf_counter() - started:.1f} s: run #{run_id}, {count:,} proposals")
    assert run_id is not None and count is not None
    return url, run_id, count


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(url: str, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    log = open(log_path, "wb")  # noqa: SIM115 - closed by the caller with the process
    env = dict(os.environ, DATABASE_URL=url, MATCHING_DEMO="1")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"streamlit exited with {proc.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return proc, base
        except OSError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"streamlit not healthy after 60 s:\n{log_path.read_text()}")


def first_paint(browser: Any, base: str) -> tuple[float, Page, Any]:
    """Seconds from navigation start to the grid drawn with the app idle; the page stays open."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/review", wait_until="commit")
    painted = page.wait_for_function(PAINTED, polling="raf", timeout=120_000).json_value()
    return float(painted) / 1000, page, context


def select_cell(page: Page, col: int, row: int) -> None:
    """Move the grid's selection to (col, row) with the arrow keys (see tests/e2e/test_journey.py)."""
    grid = page.locator(GRID)
    grid.get_by_test_id("data-grid-canvas").focus()
    selected = grid.locator('td[aria-selected="true"]')
    expect(selected).to_have_count(1)
    now_col, now_row = (int(n) for n in str(selected.get_attribute("data-testid")).split("-")[2:])
    for _ in range(abs(col - now_col)):
        page.keyboard.press("ArrowRight" if col > now_col else "ArrowLeft")
    for _ in range(abs(row - now_row)):
        page.keyboard.press("ArrowDown" if row > now_row else "ArrowUp")
    expect(grid.get_by_test_id(f"glide-cell-{col}-{row}")).to_have_attribute("aria-selected", "true")


def open_row(page: Page) -> int:
    """The first visible row that is still open (proposed) and has a position."""
    grid = page.locator(GRID)
    expect(grid.get_by_test_id(f"glide-cell-{STATUS}-0")).to_be_attached()
    for row in range(15):
        status = grid.get_by_test_id(f"glide-cell-{STATUS}-{row}").inner_text()
        partner = grid.get_by_test_id(f"glide-cell-{PARTNER}-{row}").inner_text().strip()
        if status == "待审核" and partner:
            return row
    raise SystemExit("no open proposal among the first rows of the grid")


def save_one_approval(page: Page) -> tuple[float, float]:
    """Seconds from the click on save to "决定已保存", and to the app idle again."""
    grid = page.locator(GRID)
    idle = page.locator("[data-testid=stApp][data-test-script-state=notRunning]")
    expect(idle).to_be_attached()
    row = open_row(page)
    select_cell(page, DECIDE, row)
    page.keyboard.press("Enter")
    page.locator("#portal").get_by_role("option", name="批准", exact=True).click()
    expect(grid.get_by_test_id(f"glide-cell-{DECIDE}-{row}")).to_have_text("approve")
    save = page.locator(".st-key-review-save button:not([disabled])")
    expect(save).to_have_text("保存 1 项决定")
    expect(save).to_be_enabled()
    expect(idle).to_be_attached()
    expect(page.get_by_text("决定已保存")).to_have_count(0)
    page.evaluate(CLICK_SAVE)
    saved = page.wait_for_function(SAVED, polling="raf", timeout=60_000).json_value()
    expect(page.locator(".st-key-review-save button").last).to_have_text("保存 0 项决定")
    again = page.wait_for_function(IDLE_AGAIN, polling="raf", timeout=60_000).json_value()
    expect(grid.get_by_test_id(f"glide-cell-{STATUS}-{row}")).to_have_text("已批准")
    return float(saved) / 1000, float(again) / 1000


def row(label: str, values: list[float], target: float | None) -> str:
    cells = "".join(f"{v:8.3f}" for v in values)
    median = statistics.median(values)
    verdict = "" if target is None else f"   ≤ {target:.1f} s  {'met' if median <= target else 'MISSED'}"
    return f"{label:<34}{cells}   median {median:6.3f} s{verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=5, help="demo scale: 1 = 2,000 graduates (default 5)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions of each measurement (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, log)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"no Chromium at {CHROMIUM}: apt-get install chromium (never `playwright install`)")
    expect.set_options(timeout=30_000)
    load = os.getloadavg()[0]  # other processes on the machine skew every figure below
    folder = Path(tempfile.mkdtemp(prefix="bench-review-"))
    proc = None
    try:
        step(f"building the database in {folder} (demo scale {args.scale}) …")
        url, run_id, count = build_database(folder, args.scale)
        proc, base = start_app(url, folder / "streamlit.log")
        step(f"app on {base} (pid {proc.pid})")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            cold, _, context = first_paint(browser, base)
            context.close()
            paints = []
            for rep in range(args.reps):
                seconds, page, context = first_paint(browser, base)
                paints.append(seconds)
                step(f"first paint {rep + 1}: {seconds:.3f} s")
                if rep < args.reps - 1:
                    context.close()
            saves, idles = [], []
            for rep in range(args.reps):
                saved, idle = save_one_approval(page)
                saves.append(saved)
                idles.append(idle)
                step(f"approval {rep + 1}: saved {saved:.3f} s, idle {idle:.3f} s")
            context.close()
            version = browser.version
            browser.close()
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    print(
        f"Review page, run #{run_id} with {count:,} proposals (welfare, demo scale {args.scale}); "
        f"Chromium {version} headless; {os.cpu_count()} CPUs; load average {load:.1f} before the run"
    )
    print(f"{'':<34}" + "".join(f"{'rep ' + str(i + 1):>8}" for i in range(args.reps)))
    print(row("first paint of the grid (s)", paints, TARGET_PAINT_S))
    print(row("approval saved (s)", saves, TARGET_SAVE_S))
    print(row("  save → app idle again (s)", idles, None))
    print(f"cold first load after the server start (untimed above): {cold:.3f} s")


if __name__ == "__main__":
    main()
