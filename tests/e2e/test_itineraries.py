"""One booth's itinerary prints on one A4 page in Debian's Chromium, its Chinese drawn in the system's CJK
font and nothing fetched; the PDF and a screenshot land in test-artifacts/e2e/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from matching.jobfair.timetable import render_html
from matching.jobfair.timetable.export import Audience, Selection
from tests.jobfair_timetable.factories import booths, fair, graduates, interviews, schedule

pytestmark = pytest.mark.e2e


def a_fair_day():  # type: ignore[no-untyped-def]
    return schedule(
        interviews(
            *(
                {
                    "graduate_id": f"G{g:04d}",
                    "enterprise_id": "E001" if g % 3 else "E002",
                    "position_id": "P1" if g % 3 else "P2",
                    "position_title": "机械设计工程师" if g % 3 else "财务专员",
                }
                for g in range(1, 13)
            )
        ),
        booths(
            {
                "enterprise_id": "E001",
                "interviewers": "2",
                "booth": "A-01",
                "enterprise_name": "丹东曙光汽车零部件有限公司",
            },
            {"enterprise_id": "E002", "interviewers": "1", "booth": "B-02", "enterprise_name": "丹东港集团"},
        ),
        fair(),
        graduates(
            *(
                {"graduate_id": f"G{g:04d}", "name": name}
                for g, name in enumerate(["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊"], start=1)
            )
        ),
    )


def test_one_booths_itinerary_prints_on_one_a4_page_in_chinese(
    browser: Any, artifacts: Path, tmp_path: Path
) -> None:
    result = a_fair_day()
    booth_page = render_html(result, "2026 丹东民营企业高校行", Selection(Audience.BOOTH, "E001"))
    path = tmp_path / "booth.html"
    path.write_text(booth_page, encoding="utf-8")
    context = browser.new_context(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    try:
        tab = context.new_page()
        outside: list[str] = []
        tab.on("request", lambda r: None if r.url.startswith(("file:", "data:")) else outside.append(r.url))
        tab.goto(path.as_uri())
        tab.emulate_media(media="print")
        tab.screenshot(path=str(artifacts / "itinerary-booth.png"), full_page=True)
        pdf = tab.pdf(path=str(artifacts / "itinerary-booth.pdf"), prefer_css_page_size=True)
        assert tab.locator("section.page").count() == 1
        assert "丹东曙光汽车零部件有限公司（E001）" in tab.inner_text("p.who")
        rows = tab.locator("tbody tr").count()
        assert rows == sum(1 for r in result.booth_lists_frame()["enterprise_id"] if r == "E001") > 0
        client = context.new_cdp_session(tab)
        client.send("DOM.enable")
        client.send("CSS.enable")
        root = client.send("DOM.getDocument")["root"]["nodeId"]
        heading = client.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
        fonts = client.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
        assert any("CJK" in font["familyName"] for font in fonts), fonts
        assert not outside, outside
    finally:
        context.close()
    pages = re.findall(rb"/Type\s*/Page(?![s\w])", pdf)
    assert len(pages) == 1  # one booth, one sheet of paper
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes)  # A4
