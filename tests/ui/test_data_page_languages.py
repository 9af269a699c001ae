"""The data page in the user's language: import problems, the preview and the result in Chinese (English
on request), kinds and columns by their Chinese names, and a choice of export form."""

from __future__ import annotations

import re

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from matching.services import db
from models import Park
from tests.ui.conftest import APP, run_app

ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")
CHINESE_PARKS = "园区代码,园区名称,园区级别,所在区县代码,党群服务中心\nXQ1,丹东新区测试园,{level},{county},\n"


def _problem_cells(app: AppTest) -> list[str]:
    """The cells of the table of problems (the last table on the page; the edit grid comes first)."""
    frame = app.dataframe[-1].value
    return [str(value) for value in frame.to_numpy().ravel()] + [str(c) for c in frame.columns]


def test_import_problems_are_said_in_chinese_with_the_files_own_headers(demo_env: str) -> None:
    app = run_app("data")
    assert "园区" in app.selectbox(key="data.kind").options
    app.selectbox(key="data.kind").select("parks").run()
    assert any("园区代码*" in c.value for c in app.caption), [c.value for c in app.caption]
    bad = CHINESE_PARKS.format(level="宇宙级", county="219999").encode()
    app.file_uploader(key="data.upload.parks").upload("园区.csv", bad, "text/csv").run()
    assert not app.exception, app.exception
    assert any("2 处问题" in e.value for e in app.error), [e.value for e in app.error]
    cells = _problem_cells(app)
    assert "园区级别" in cells and "所在区县代码" in cells
    problems = [cell for cell in cells if "不是" in cell]
    assert len(problems) == 2 and "“219999”不是国家统计局 2023 年区划代码中的县级代码" in problems
    assert not any(ENGLISH_SENTENCE.search(cell) for cell in cells), cells


def test_a_chinese_file_is_previewed_and_imported_with_a_chinese_summary(demo_env: str) -> None:
    app = run_app("data")
    app.selectbox(key="data.kind").select("parks").run()
    good = CHINESE_PARKS.format(level="市级", county="210603").encode()
    app.file_uploader(key="data.upload.parks").upload("园区.csv", good, "text/csv").run()
    assert not app.error, [e.value for e in app.error]
    app.button(key="data.apply.parks").click().run()
    assert [s.value for s in app.success] == ["园区.csv：已导入 1 行园区：新增 1，更新 0，不变 0"]
    with db.sessions(demo_env)() as session:
        assert session.scalars(select(Park.level).where(Park.code == "XQ1")).one().value == "municipal"


def test_in_english_the_same_problem_reads_in_english(demo_env: str) -> None:
    app = AppTest.from_file(APP, default_timeout=60)
    app.session_state["lang"] = "en"
    app.run()
    app.switch_page("matching/ui/pages/data.py").run()
    app.selectbox(key="data.kind").select("parks").run()
    bad = CHINESE_PARKS.format(level="市级", county="219999").encode()
    app.file_uploader(key="data.upload.parks").upload("parks.csv", bad, "text/csv").run()
    cells = _problem_cells(app)
    assert "'219999' is not a county-level code in the NBS 2023 list" in cells


def test_the_export_offers_xlsx_or_csv_and_the_codes_form(demo_env: str) -> None:
    app = run_app("data")
    app.selectbox(key="data.kind").select("parks").run()
    radio = app.radio(key="data.export.format.parks")
    assert radio.options == ["Excel 工作簿（XLSX）", "CSV 文本"]
    radio.set_value("csv").run()
    app.checkbox(key="data.export.codes.parks").check().run()
    download = next(e for e in app.get("download_button") if e.proto.id.endswith("data.download.parks"))
    assert not download.proto.disabled and not app.exception
