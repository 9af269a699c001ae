"""Browser tests: a seeded demo database, the app on a free port and Debian's headless Chromium.

Everything here is session-scoped except `page` (a new 1400x900 browser context per test). The server
is started with `DATABASE_URL` pointing at a fresh SQLite file (so the app runs in demo mode) and is
stopped by its PID at the end; its log is kept in `test-artifacts/e2e/streamlit.log` (a failing test
shows its tail and leaves a screenshot there too). Never run `playwright install`: Playwright drives /usr/bin/chromium
(or $CHROMIUM_PATH). Without it the tests are skipped, and in CI (the env var CI is set) they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
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
TIMEOUT_MS = 15_000


def free_port() -> int:
    """A port nobody listens on now (other agents and test runs start servers too)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def log_tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_healthy(proc: subprocess.Popen[bytes], url: str, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log_tail(log_path)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s:\n{log_tail(log_path)}")


def run_cli(*args: str, env: dict[str, str]) -> None:
    """`python -m matching ...` with the test database; its output in the failure message."""
    done = subprocess.run(
        [sys.executable, "-m", "matching", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.fail(f"matching {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    reason = f"no Chromium at {CHROMIUM}: apt-get install chromium (never `playwright install`)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/e2e/ at the project root (git-ignored), emptied of last run's screenshots."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    return ARTIFACTS


@pytest.fixture(scope="session")
def e2e_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of a fresh, migrated and seeded demo database (SQLite in a temporary folder)."""
    chromium_or_skip()  # no point seeding when there is no browser
    path = tmp_path_factory.mktemp("e2e") / "e2e.db"
    url = f"sqlite:///{path}"
    env = dict(os.environ, DATABASE_URL=url)
    run_cli("db", "migrate", env=env)
    run_cli("demo", "seed", env=env)
    return url


@pytest.fixture(scope="session")
def app_url(e2e_database: str, artifacts: Path) -> Iterator[str]:
    """The app (`streamlit run streamlit_app.py`) on a free port, stopped by its PID at the end."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = artifacts / "streamlit.log"
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
    env = dict(os.environ, DATABASE_URL=e2e_database, MATCHING_DEMO="1")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(proc, url, log_path)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    path = chromium_or_skip()
    expect.set_options(timeout=TIMEOUT_MS)  # expect() ignores the context's default timeout
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failing browser test leaves a screenshot in test-artifacts/e2e/ and shows the server log's tail."""
    report = yield
    tab = getattr(item, "funcargs", {}).get("page")
    if report.when == "call" and report.failed and tab is not None:
        try:
            tab.screenshot(path=str(ARTIFACTS / f"FAILED-{item.name}.png"))
        except Exception as error:  # the page may be gone; the log still helps
            report.sections.append(("failure screenshot", f"not taken: {error}"))
        report.sections.append(("streamlit log (tail)", log_tail(ARTIFACTS / "streamlit.log")))
    return report


@pytest.fixture
def page(browser: Any, app_url: str) -> Iterator[Any]:
    """A fresh browser context (1400x900) per test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=app_url)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()
