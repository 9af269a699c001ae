"""The printable report renders with Chinese text: the HTML in Debian's Chromium, the PDF (WeasyPrint's
rendering of the same page) through poppler's pdftoppm; screenshots land in test-artifacts/e2e/.

The data is the one recorded in tests/services/test_report.py (on SQLite). Chinese text counts as drawn
when the page's text is there and the font it is drawn in is Noto Sans CJK (Chromium: the rendered
font's family; PDF: the fonts embedded, by pdffonts); the screenshots show it to the eye.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from matching.services import report as reports
from matching.services.access import Actor
from matching.services.report_files import ledger_html, pdf_bytes, report_html
from models import Role
from tests.services.test_report import World, world  # noqa: F401  (the recorded data, a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]
ADMIN = Actor("admin", Role.ADMIN)
SENTENCE = "3家民营企业参加，提供9个就业岗位，3名毕业生现场与企业初步达成就业意向"


def _pages(sessions: sessionmaker[Session]) -> tuple[str, str]:
    with sessions() as s:
        rep = reports.report(s, ADMIN, reports.Period.year(2026))
        ledger = reports.ledger(s, ADMIN, reports.Period.year(2026))
    return report_html(rep, "zh"), ledger_html(ledger, rep, "zh")


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found:
        return found
    reason = f"no {tool}: apt-get install poppler-utils"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def test_the_html_report_prints_chinese_in_chromium(
    browser: Any,
    artifacts: Path,
    sessions: sessionmaker[Session],
    world: World,  # noqa: F811
    tmp_path: Path,
) -> None:
    page_html, ledger_page = _pages(sessions)
    context = browser.new_context(viewport={"width": 900, "height": 1200})
    try:
        tab = context.new_page()
        outside: list[str] = []
        tab.on(
            "request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None
        )
        for name, content in (("report", page_html), ("ledger", ledger_page)):
            path = tmp_path / f"{name}.html"
            path.write_text(content, encoding="utf-8")
            tab.goto(path.as_uri())
            tab.emulate_media(media="print")
            tab.screenshot(path=str(artifacts / f"report-print-{name}.png"), full_page=True)
        tab.goto((tmp_path / "report.html").as_uri())
        assert SENTENCE in tab.inner_text("p.summary")
        assert tab.locator("svg").count() == 5
        client = context.new_cdp_session(tab)
        client.send("DOM.enable")
        client.send("CSS.enable")
        root = client.send("DOM.getDocument")["root"]["nodeId"]
        summary = client.send("DOM.querySelector", {"nodeId": root, "selector": "p.summary"})["nodeId"]
        fonts = client.send("CSS.getPlatformFontsForNode", {"nodeId": summary})["fonts"]
        assert any("CJK" in font["familyName"] for font in fonts), fonts
        assert not outside, outside
    finally:
        context.close()


def test_the_pdf_report_renders_chinese_through_pdftoppm(
    artifacts: Path,
    sessions: sessionmaker[Session],
    world: World,  # noqa: F811
    tmp_path: Path,
) -> None:
    pdftoppm, pdffonts, pdftotext = _poppler("pdftoppm"), _poppler("pdffonts"), _poppler("pdftotext")
    page_html, _ = _pages(sessions)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(pdf_bytes(page_html))
    for old in artifacts.glob("report-pdf-*.png"):
        old.unlink()
    subprocess.run(
        [pdftoppm, "-png", "-r", "70", str(pdf), str(artifacts / "report-pdf")],
        check=True,
        capture_output=True,
    )
    pages = sorted(artifacts.glob("report-pdf-*.png"))
    assert pages and all(p.stat().st_size > 10_000 for p in pages)
    fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansCJK" in fonts.replace(" ", "") or "Noto-Sans-CJK" in fonts, fonts
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert SENTENCE in text.replace("\n", "")
