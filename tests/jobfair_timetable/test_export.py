"""XLSX workbook and printable HTML: sheets, order, formulas kept as text, Chinese text, escaping, page breaks."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from matching.jobfair.timetable import render_html, write_xlsx
from matching.jobfair.timetable.export import Audience, Selection

from .factories import booths, fair, graduates, interviews, schedule


def result_with_names():  # type: ignore[no-untyped-def]
    return schedule(
        interviews(
            {
                "graduate_id": "G1",
                "enterprise_id": "E1",
                "position_id": "P1",
                "position_title": "软件工程师",
                "wish_rank": "1",
            },
            {
                "graduate_id": "G1",
                "enterprise_id": "E2",
                "position_id": "P2",
                "position_title": "<b>会计</b>",
            },
            {"graduate_id": "G2", "enterprise_id": "E1", "position_id": "P1", "position_title": "软件工程师"},
            {"graduate_id": "G3", "enterprise_id": "E2", "position_id": "P2", "status": "cancelled"},
            {"graduate_id": "G4", "enterprise_id": "E1", "position_id": "P3"},
        ),
        booths(
            {
                "enterprise_id": "E1",
                "interviewers": "1",
                "booth": "A-01",
                "enterprise_name": "丹东港机械有限公司",
            },
            {
                "enterprise_id": "E2",
                "interviewers": "1",
                "booth": "B-02",
                "enterprise_name": '=HYPERLINK("x")',
            },
        ),
        fair(closes="10:00"),
        graduates(
            {"graduate_id": "G1", "name": "张三"},
            {"graduate_id": "G2", "name": "<script>alert('李四')</script>"},
            {"graduate_id": "G4", "name": "王五"},
        ),
    )


def test_xlsx_is_for_people_in_their_language_with_the_contract_sheet_last() -> None:
    result = result_with_names()
    buffer = io.BytesIO()
    write_xlsx(result, buffer)  # Chinese by default: the documents are for the fair's people
    buffer.seek(0)
    sheets = pd.read_excel(buffer, sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == ["面试日程", "毕业生行程", "展位名单", "timetable"]
    assert sheets["timetable"].equals(result.timetable_frame().astype(str))
    people = sheets["面试日程"]
    assert people["毕业生编号"].tolist() == ["G1", "G1", "G2", "G3", "G4"]  # every interview, input order
    assert set(people["已调整"]) == {"否"}
    reasons = dict(zip(people["毕业生编号"], people["未安排原因"], strict=False))
    assert reasons["G3"] == "面试已取消" and "booth_full" not in people.to_string()
    itineraries = sheets["毕业生行程"]
    assert itineraries["毕业生编号"].tolist() == sorted(itineraries["毕业生编号"].tolist())
    g1 = itineraries[itineraries["毕业生编号"] == "G1"]
    assert g1["开始"].tolist() == sorted(g1["开始"].tolist())
    assert set(g1["展位"]) == {"A-01", "B-02"}
    booth_lists = sheets["展位名单"]
    assert booth_lists["展位"].tolist() == sorted(booth_lists["展位"].tolist())
    assert "丹东港机械有限公司" in booth_lists["企业"].tolist()
    english = io.BytesIO()
    write_xlsx(result, english, "en")
    english.seek(0)
    sheets = pd.read_excel(english, sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == ["Schedule", "Itineraries", "Booth lists", "timetable"]
    assert set(sheets["Schedule"]["Moved"]) == {"no"}
    assert (
        "the interview was cancelled (status cancelled)" in sheets["Schedule"]["Why not scheduled"].tolist()
    )


def test_xlsx_never_stores_text_as_a_formula() -> None:
    buffer = io.BytesIO()
    write_xlsx(result_with_names(), buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer)["展位名单"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == '=HYPERLINK("x")']
    assert cells
    assert all(cell.data_type == "s" for cell in cells)


def test_html_is_utf8_with_a_cjk_font_stack_and_a_page_per_graduate_and_booth() -> None:
    result = result_with_names()
    page = render_html(result, title="2025 丹东民营企业高校行")
    assert '<meta charset="utf-8">' in page
    assert '"Noto Sans CJK SC"' in page and '"Microsoft YaHei"' in page and "sans-serif" in page
    assert "page-break-after: always" in page and "break-after: page" in page
    assert page.count('<section class="page graduate">') == 3  # G1, G2, G4 (G3 was cancelled)
    assert page.count('<section class="page booth">') == 2
    assert "2025 丹东民营企业高校行 · 面试行程" in page
    assert "张三（G1）" in page and "丹东港机械有限公司（E1）" in page


def test_html_escapes_every_piece_of_data() -> None:
    page = render_html(result_with_names(), title="<i>fair</i>")
    assert "<script>" not in page and "<b>会计</b>" not in page and "<i>fair</i>" not in page
    assert "&lt;script&gt;alert(&#x27;李四&#x27;)&lt;/script&gt;" in page
    assert "&lt;b&gt;会计&lt;/b&gt;" in page
    assert re.search(r"<td>=HYPERLINK\(&quot;x&quot;\)（E2）</td>", page)


def test_html_lists_what_could_not_be_scheduled_with_the_reason_in_chinese() -> None:
    result = result_with_names()
    unscheduled = [
        i for i, reason in enumerate(result.reason) if reason is not None and reason.value == "booth_full"
    ]
    assert unscheduled  # three graduates want E1 and it has two slots
    page = render_html(result)
    assert "<h2>未能安排</h2>" in page and "<td>展位已排满</td>" in page
    assert "Could not be scheduled" in render_html(result, lang="en")


def test_html_for_one_booth_one_graduate_or_every_booth() -> None:
    result = result_with_names()
    booth = render_html(result, selection=Selection(Audience.BOOTH, "E1"))
    assert booth.count('<section class="page') == 1 and "丹东港机械有限公司（E1）" in booth
    assert render_html(result, selection=Selection(Audience.BOOTH, "A-01")) == booth  # by its label too
    graduate = render_html(result, selection=Selection.parse("graduate:G1"))
    assert graduate.count('<section class="page graduate">') == 1 and "张三（G1）" in graduate
    assert "G2" not in graduate and "G4" not in graduate
    every_booth = render_html(result, selection=Selection.parse("booth"))
    assert (
        every_booth.count('<section class="page booth">') == 2 and 'class="page graduate"' not in every_booth
    )
    nobody = render_html(result, selection=Selection.parse("graduate:G9"))
    assert "没有可打印的行程（graduate:G9）" in nobody
    assert "@page { size: A4; margin: 0; }" in booth and "<img" not in booth and "http" not in booth


def test_a_selection_is_parsed_from_its_words() -> None:
    assert Selection.parse("booth:E001") == Selection(Audience.BOOTH, "E001")
    assert Selection.parse(" university : 大连理工大学 ") == Selection(Audience.UNIVERSITY, "大连理工大学")
    assert Selection.parse("all") == Selection()
    for bad in ("village", "all:x", ""):
        with pytest.raises(ValueError):
            Selection.parse(bad)
