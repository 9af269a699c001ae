"""Importing and exporting every kind: validation before any write, encodings, idempotence, round trips."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import InputError
from matching.messages import MESSAGES
from matching.services import audit
from matching.services.access import Actor
from matching.services.data_io import (
    editable_frame,
    export_bytes_for,
    export_file,
    import_file,
    write_template,
)
from matching.services.kinds import KINDS
from models import Enterprise, Park, Position

ADMIN = Actor.system("test")

CREDIT_A = "91350100M000100Y43"
CREDIT_B = "91210681MAN7M63L2M"

PARKS_CSV = (
    "code,name,level,county_code,service_centre\n"
    "HZQ,丹东边境经济合作区,national,210603,合作区党群服务中心\n"
    "QY,丹东前阳经济开发区,省级,210681,\n"
)
UNIVERSITIES_CSV = "name,province,city,tags,national_rank\n辽东学院,辽宁,丹东,,500+\n"
ENTERPRISES_CSV = (
    "credit_code,name,park_code,industry_code,size,county_code,township_code,address,contact_name,contact_phone\n"
    f"{CREDIT_A},丹东华信软件有限公司,HZQ,6513,small,210603,,,张伟,13812345678\n"
    f"{CREDIT_B},丹东前阳建设有限公司,QY,4790,medium,210681,,,,\n"
)
EVENTS_CSV = (
    "code,name,held_on,venue,host_university\nF2026,民营企业高校行,2026-05-20,辽东学院体育馆,辽东学院\n"
)
POSITIONS_HEADER = (
    "code,event_code,enterprise_credit_code,title,accepted_majors,min_degree,headcount,salary_min,salary_max,"
    "work_county_code\n"
)
POSITIONS_CSV = (
    POSITIONS_HEADER + f"J1,F2026,{CREDIT_A},软件工程师,0809;080902,本科,3,6000,9000,210603\n"
    f"J2,F2026,{CREDIT_B},施工员,,专科,2,4000,6000,210681\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def load_base(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    for kind, text in (
        ("parks", PARKS_CSV),
        ("universities", UNIVERSITIES_CSV),
        ("enterprises", ENTERPRISES_CSV),
        ("events", EVENTS_CSV),
    ):
        import_file(sessions, kind, write(tmp_path, f"{kind}.csv", text), actor=ADMIN)


def count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_valid_file_is_imported_and_a_repeat_changes_nothing(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    load_base(sessions, tmp_path)
    path = write(tmp_path, "positions.csv", POSITIONS_CSV)
    first = import_file(sessions, "positions", path, actor=ADMIN)
    assert (first.inserted, first.updated, first.unchanged) == (2, 0, 0)
    again = import_file(sessions, "positions", path, actor=ADMIN)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    with sessions() as session:
        job = session.scalars(select(Position).where(Position.code == "J1")).one()
        assert job.accepted_majors == ["0809", "080902"] and job.min_degree == "bachelor"


def test_a_changed_row_is_updated_in_place(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    load_base(sessions, tmp_path)
    import_file(sessions, "positions", write(tmp_path, "p.csv", POSITIONS_CSV), actor=ADMIN)
    changed = POSITIONS_CSV.replace("软件工程师,0809;080902,本科,3", "软件工程师,0809;080902,本科,5")
    report = import_file(sessions, "positions", write(tmp_path, "p2.csv", changed), actor=ADMIN)
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 1)
    assert report.changes[0][1:] == ("update", "J1", ["headcount"])
    assert count(sessions, Position) == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_chinese_excel_encodings_are_read(
    sessions: sessionmaker[Session], tmp_path: Path, encoding: str
) -> None:
    import_file(sessions, "parks", write(tmp_path, "parks.csv", PARKS_CSV, encoding), actor=ADMIN)
    with sessions() as session:
        names = set(session.scalars(select(Park.name)))
    assert names == {"丹东边境经济合作区", "丹东前阳经济开发区"}


def test_xlsx_is_read_like_csv(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    frame = pd.read_csv(write(tmp_path, "parks.csv", PARKS_CSV), dtype=str, keep_default_na=False)
    frame.to_excel(tmp_path / "parks.xlsx", index=False)
    report = import_file(sessions, "parks", tmp_path / "parks.xlsx", actor=ADMIN)
    assert report.inserted == 2


# Each bad file: (kind, file name, content, expected message). Base data is loaded first.
BAD_FILES = [
    (
        "parks",
        "missing_column.csv",
        "code,name,level\nX,某园区,municipal\n",
        r"row 1, column 'county_code'.*missing",
    ),
    (
        "parks",
        "unknown_column.csv",
        PARKS_CSV.replace("service_centre", "mayor"),
        r"row 1, column 'mayor'.*unknown",
    ),
    ("parks", "bad_level.csv", PARKS_CSV.replace("national", "galactic"), r"row 2, column 'level'.*galactic"),
    (
        "parks",
        "bad_county.csv",
        PARKS_CSV.replace("210603", "999999"),
        r"row 2, column 'county_code'.*999999",
    ),
    (
        "parks",
        "duplicate_key.csv",
        PARKS_CSV + "HZQ,重复园区,municipal,210602,\n",
        r"row 4, column 'code'.*row 2",
    ),
    ("parks", "empty.csv", "", r"empty\.csv: the file is empty"),
    (
        "parks",
        "required_empty.csv",
        PARKS_CSV.replace("HZQ,丹东", ",丹东"),
        r"row 2, column 'code'.*required",
    ),
    ("parks", "not_a_table.txt", PARKS_CSV, r"unsupported file type '\.txt'"),
    (
        "enterprises",
        "bad_check_char.csv",
        ENTERPRISES_CSV.replace(CREDIT_A, CREDIT_A[:-1] + "4"),
        r"row 2, column 'credit_code'.*check character",
    ),
    (
        "enterprises",
        "unknown_park.csv",
        ENTERPRISES_CSV.replace(",QY,", ",NOPE,"),
        r"row 3, column 'park_code'.*unknown park 'NOPE'",
    ),
    (
        "enterprises",
        "bad_industry.csv",
        ENTERPRISES_CSV.replace(",6513,", ",9999,"),
        r"row 2, column 'industry_code'.*GB/T 4754",
    ),
    (
        "enterprises",
        "township_elsewhere.csv",
        ENTERPRISES_CSV.replace("210603,,,张伟", "210603,210602002,,张伟"),
        r"row 2, column 'township_code'.*not in county",
    ),
    (
        "positions",
        "negative_headcount.csv",
        POSITIONS_CSV.replace("本科,3,", "本科,-3,"),
        r"row 2, column 'headcount'.*below",
    ),
    (
        "positions",
        "not_a_number.csv",
        POSITIONS_CSV.replace("本科,3,", "本科,三,"),
        r"row 2, column 'headcount'.*whole",
    ),
    (
        "positions",
        "salary_range.csv",
        POSITIONS_CSV.replace("6000,9000", "9000,6000"),
        r"row 2, column 'salary_max'",
    ),
    (
        "positions",
        "bad_degree.csv",
        POSITIONS_CSV.replace("专科", "大专班"),
        r"row 3, column 'min_degree'.*degree",
    ),
    (
        "positions",
        "bad_major.csv",
        POSITIONS_CSV.replace("0809;080902", "0809;ABC"),
        r"row 2, column 'accepted_majors'",
    ),
    (
        "positions",
        "unknown_event.csv",
        POSITIONS_CSV.replace("J2,F2026", "J2,F1999"),
        r"row 3, column 'event_code'",
    ),
    (
        "villages",
        "not_dandong.csv",
        "division_code,name,county_code,township_code,population,income_per_capita,needs\n"
        "110101001001,某社区,210602,210602002,100,9000,\n",
        r"row 2, column 'division_code'.*Dandong",
    ),
    (
        "villages",
        "bad_need.csv",
        "division_code,name,county_code,township_code,population,income_per_capita,needs\n"
        "210602002001,城隍庙一社区居委会,210602,210602002,100,9000,medical;space\n",
        r"row 2, column 'needs'.*'space'",
    ),
    (
        "events",
        "bad_date.csv",
        EVENTS_CSV.replace("2026-05-20", "20/05/2026"),
        r"row 2, column 'held_on'.*YYYY-MM-DD",
    ),
    (
        "aid_outcomes",
        "negative_value.csv",
        "enterprise_credit_code,village_code,kind,value,occurred_on\n"
        f"{CREDIT_A},210602002001,yuan,-5,2025-03-01\n",
        r"row 2, column 'value'.*below",
    ),
]


@pytest.mark.parametrize(("kind", "name", "content", "message"), BAD_FILES, ids=[b[1] for b in BAD_FILES])
def test_a_bad_file_is_rejected_with_its_place_and_nothing_is_written(
    sessions: sessionmaker[Session], tmp_path: Path, kind: str, name: str, content: str, message: str
) -> None:
    load_base(sessions, tmp_path)
    model = KINDS[kind].model
    before = count(sessions, model)
    with pytest.raises(InputError, match=message):
        import_file(sessions, kind, write(tmp_path, name, content), actor=ADMIN)
    assert count(sessions, model) == before


def test_one_bad_row_among_good_ones_writes_nothing(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    load_base(sessions, tmp_path)
    rows = [f"K{i},F2026,{CREDIT_A},岗位{i},,本科,1,5000,6000,210603" for i in range(50)]
    rows[37] = rows[37].replace(",1,5000", ",x,5000")
    with pytest.raises(InputError, match=r"positions\.csv, row 39, column 'headcount'"):
        import_file(
            sessions,
            "positions",
            write(tmp_path, "positions.csv", POSITIONS_HEADER + "\n".join(rows)),
            actor=ADMIN,
        )
    assert count(sessions, Position) == 0


def test_every_problem_is_listed_not_only_the_first(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    bad = PARKS_CSV.replace("national", "x").replace("210681", "1")
    with pytest.raises(InputError) as caught:
        import_file(sessions, "parks", write(tmp_path, "parks.csv", bad), actor=ADMIN)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "level"), (3, "county_code")]


def test_undecodable_bytes_are_refused(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    path = tmp_path / "parks.csv"
    path.write_bytes(b"code,name\n\xff\xfe\xfa\xfb\x80\x81\n")
    with pytest.raises(InputError, match=r"parks\.csv: is not text in UTF-8 or GB18030"):
        import_file(sessions, "parks", path, actor=ADMIN)


def test_a_fake_xlsx_is_refused(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    path = write(tmp_path, "parks.xlsx", PARKS_CSV)
    with pytest.raises(InputError, match=r"parks\.xlsx: is not an XLSX workbook"):
        import_file(sessions, "parks", path, actor=ADMIN)


def test_dry_run_reports_without_writing(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    report = import_file(
        sessions, "parks", write(tmp_path, "parks.csv", PARKS_CSV), dry_run=True, actor=ADMIN
    )
    assert report.inserted == 2 and report.dry_run
    assert count(sessions, Park) == 0


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_is_a_round_trip(
    sessions: sessionmaker[Session], tmp_path: Path, suffix: str
) -> None:
    load_base(sessions, tmp_path)
    import_file(sessions, "positions", write(tmp_path, "positions.csv", POSITIONS_CSV), actor=ADMIN)
    for kind in ("parks", "enterprises", "events", "positions"):
        path = tmp_path / f"export_{kind}{suffix}"
        export_file(sessions, kind, path, actor=ADMIN, purpose="test")
        report = import_file(sessions, kind, path, actor=ADMIN)
        assert report.inserted == report.updated == 0, kind
        assert report.unchanged > 0


def test_exports_neutralise_spreadsheet_formulas(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    load_base(sessions, tmp_path)
    with sessions() as session, session.begin():
        enterprise = session.scalars(select(Enterprise).where(Enterprise.credit_code == CREDIT_A)).one()
        enterprise.name = '=HYPERLINK("http://x","点我")'
        enterprise.address = "@SUM(A1)"
    export_file(sessions, "enterprises", tmp_path / "e.csv", actor=ADMIN, purpose="test")
    text = (tmp_path / "e.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    export_file(sessions, "enterprises", tmp_path / "e.xlsx", actor=ADMIN, purpose="test")
    sheet = load_workbook(tmp_path / "e.xlsx").active
    assert sheet is not None
    cells = [
        cell for row in sheet.iter_rows() for cell in row if cell.value == '=HYPERLINK("http://x","点我")'
    ]
    assert cells and all(cell.data_type == "s" and cell.quotePrefix for cell in cells)  # text, not a formula
    # and the neutralised export imports back to the original text
    assert import_file(sessions, "enterprises", tmp_path / "e.csv", actor=ADMIN).unchanged == 2


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_templates_have_the_kinds_columns(tmp_path: Path, suffix: str) -> None:
    for kind in KINDS.values():
        path = tmp_path / f"{kind.name}{suffix}"
        write_template(kind.name, path)
        frame = pd.read_csv(path) if suffix == ".csv" else pd.read_excel(path, sheet_name="data")
        assert list(frame.columns) == kind.column_names and frame.empty


def test_imports_and_exports_are_in_the_audit_chain(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    load_base(sessions, tmp_path)
    export_file(sessions, "parks", tmp_path / "parks.csv", actor=ADMIN, purpose="test")
    with sessions() as session:
        assert audit.verify_chain(session, ADMIN) == []
        frame = editable_frame(session, "parks", actor=ADMIN)
    assert len(frame) == 2


def test_an_error_after_blank_rows_names_the_spreadsheet_row(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """Blank rows are skipped, and a bad row after them is still named by its row in the spreadsheet."""
    lines = PARKS_CSV.splitlines()
    text = "\n".join([lines[0], lines[1], ",,,,", "", lines[2].replace("省级", "galactic")]) + "\n"
    path = tmp_path / "parks.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"row 5, column 'level'.*galactic"):
        import_file(sessions, "parks", path, actor=ADMIN)


# ------------------------------------------------------------------------------------- languages

CJK = re.compile(r"[\u4e00-\u9fff]")
# Two English words in a row: a sentence that was not translated. Codes (210603, GB/T 4754-2017,
# salary_min) are single tokens and pass.
ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")


@pytest.mark.parametrize(("kind", "name", "content", "message"), BAD_FILES, ids=[b[1] for b in BAD_FILES])
def test_every_import_problem_is_said_in_chinese_naming_file_row_and_column(
    sessions: sessionmaker[Session], tmp_path: Path, kind: str, name: str, content: str, message: str
) -> None:
    load_base(sessions, tmp_path)
    with pytest.raises(InputError) as caught:
        import_file(sessions, kind, write(tmp_path, name, content), actor=ADMIN)
    for problem in caught.value.problems:
        assert problem.code in MESSAGES, problem
        said = problem.text("zh")
        assert said.startswith(name) and CJK.search(problem.said("zh")), said
        assert not ENGLISH_WORDS.search(said), said
        if problem.row is not None:
            assert f"第 {problem.row} 行" in said
        if problem.column:
            assert f"“{problem.column}”列" in said
    # the English line is what the command line says by default
    assert re.search(message, caught.value.summary(lang="en"))


def test_the_county_code_error_of_the_issue_reads_in_chinese(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    with pytest.raises(InputError) as caught:
        import_file(
            sessions,
            "parks",
            write(tmp_path, "parks.csv", PARKS_CSV.replace("210603", "219999")),
            actor=ADMIN,
        )
    assert caught.value.summary(lang="zh") == (
        "parks.csv，第 2 行，“county_code”列: “219999”不是国家统计局 2023 年区划代码中的县级代码"
    )
    assert caught.value.summary(lang="en") == (
        "parks.csv, row 2, column 'county_code': '219999' is not a county-level code in the NBS 2023 list"
    )


def test_a_file_with_chinese_headers_imports_and_its_problems_name_its_own_headers(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    chinese = "园区代码,园区名称,园区级别,所在区县代码,党群服务中心\nHZQ,丹东边境经济合作区,国家级,210603,\n"
    assert import_file(sessions, "parks", write(tmp_path, "园区.csv", chinese), actor=ADMIN).inserted == 1
    with pytest.raises(InputError) as caught:
        import_file(
            sessions, "parks", write(tmp_path, "园区.csv", chinese.replace("国家级", "宇宙级")), actor=ADMIN
        )
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "园区级别")]
    # a column named both ways is one column twice
    both = "code,园区代码,name,level,county_code\nA,A,某园区,市级,210603\n"
    with pytest.raises(InputError, match="column '园区代码': column appears twice"):
        import_file(sessions, "parks", write(tmp_path, "twice.csv", both), actor=ADMIN)


def _load_everything(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    load_base(sessions, tmp_path)
    import_file(sessions, "positions", write(tmp_path, "positions.csv", POSITIONS_CSV), actor=ADMIN)
    villages = (
        "division_code,name,county_code,township_code,population,income_per_capita,needs\n"
        "210602002001,城隍庙一社区居委会,210602,210602002,100,9000,medical;jobs\n"
    )
    import_file(sessions, "villages", write(tmp_path, "villages.csv", villages), actor=ADMIN)


ROUND_TRIP_KINDS = ("parks", "enterprises", "events", "positions", "villages")


def test_a_chinese_csv_export_has_chinese_headers_and_values_and_imports_back(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    _load_everything(sessions, tmp_path)
    for kind in ROUND_TRIP_KINDS:
        path = tmp_path / f"{kind}_zh.csv"
        export_file(sessions, kind, path, actor=ADMIN, purpose="test", lang="zh")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert list(frame.columns) == [KINDS[kind].header(c, "zh") for c in KINDS[kind].column_names]
        assert all(CJK.search(column) for column in frame.columns), kind
        report = import_file(sessions, kind, path, actor=ADMIN)
        assert (report.inserted, report.updated) == (0, 0) and report.unchanged > 0, kind
    parks = pd.read_csv(tmp_path / "parks_zh.csv", dtype=str, encoding="utf-8-sig")
    assert sorted(parks["园区级别"]) == ["国家级", "省级"]
    positions = pd.read_csv(tmp_path / "positions_zh.csv", dtype=str, encoding="utf-8-sig")
    assert sorted(positions["最低学历"]) == ["专科", "本科"]
    villages = pd.read_csv(tmp_path / "villages_zh.csv", dtype=str, encoding="utf-8-sig")
    assert list(villages["帮扶需求"]) == ["医疗;就业"]
    enterprises = pd.read_csv(tmp_path / "enterprises_zh.csv", dtype=str, encoding="utf-8-sig")
    assert sorted(enterprises["企业规模"]) == ["中型", "小型"]


def test_a_chinese_xlsx_export_keeps_the_codes_on_a_second_sheet_and_imports_back(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    _load_everything(sessions, tmp_path)
    for kind in ROUND_TRIP_KINDS:
        path = tmp_path / f"{kind}_zh.xlsx"
        export_file(sessions, kind, path, actor=ADMIN, purpose="test", lang="zh")
        assert load_workbook(path, read_only=True).sheetnames == ["数据", "代码"]
        people = pd.read_excel(path, sheet_name="数据", dtype=str).fillna("")
        codes = pd.read_excel(path, sheet_name="代码", dtype=str).fillna("")
        assert list(codes.columns) == KINDS[kind].column_names and len(codes) == len(people)
        assert list(people.columns) == [KINDS[kind].header(c, "zh") for c in KINDS[kind].column_names]
        # the importer reads the first sheet, the one people edit; the codes sheet alone imports too
        report = import_file(sessions, kind, path, actor=ADMIN)
        assert (report.inserted, report.updated) == (0, 0) and report.unchanged == len(codes), kind
        codes.to_excel(tmp_path / f"{kind}_codes.xlsx", index=False)
        again = import_file(sessions, kind, tmp_path / f"{kind}_codes.xlsx", actor=ADMIN)
        assert (again.inserted, again.updated) == (0, 0), kind
    codes = pd.read_excel(tmp_path / "parks_zh.xlsx", sheet_name="代码", dtype=str)
    assert sorted(codes["level"]) == ["national", "provincial"]


def test_the_codes_option_and_english_export_the_machine_readable_form(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    load_base(sessions, tmp_path)
    export_file(sessions, "parks", tmp_path / "codes.csv", actor=ADMIN, lang="zh", codes=True)
    export_file(sessions, "parks", tmp_path / "en.csv", actor=ADMIN, lang="en")
    for name in ("codes.csv", "en.csv"):
        frame = pd.read_csv(tmp_path / name, dtype=str, encoding="utf-8-sig")
        assert list(frame.columns) == KINDS["parks"].column_names
        assert sorted(frame["level"]) == ["national", "provincial"]
    export_file(sessions, "parks", tmp_path / "en.xlsx", actor=ADMIN, lang="en")
    assert load_workbook(tmp_path / "en.xlsx", read_only=True).sheetnames == ["data"]
    workbook = export_bytes_for(sessions, "parks", "xlsx", actor=ADMIN, lang="zh")
    assert load_workbook(io.BytesIO(workbook), read_only=True).sheetnames == ["数据", "代码"]
    text = export_bytes_for(sessions, "parks", "csv", actor=ADMIN, lang="zh").decode("utf-8-sig")
    assert text.startswith("园区代码,园区名称,园区级别")


def test_a_chinese_export_neutralises_formulas_like_any_other(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    load_base(sessions, tmp_path)
    with sessions() as session, session.begin():
        park = session.scalars(select(Park).where(Park.code == "HZQ")).one()
        park.service_centre = "=1+1"
    export_file(sessions, "parks", tmp_path / "p.csv", actor=ADMIN, lang="zh")
    assert "'=1+1" in (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    export_file(sessions, "parks", tmp_path / "p.xlsx", actor=ADMIN, lang="zh")
    for sheet in load_workbook(tmp_path / "p.xlsx").worksheets:
        cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == "=1+1"]
        assert cells and all(cell.data_type == "s" and cell.quotePrefix for cell in cells), sheet.title
    assert import_file(sessions, "parks", tmp_path / "p.csv", actor=ADMIN).unchanged == 2


def test_the_template_guide_explains_every_column_in_chinese_then_english(tmp_path: Path) -> None:
    for kind in KINDS.values():
        path = tmp_path / f"{kind.name}.xlsx"
        write_template(kind.name, path)
        assert load_workbook(path, read_only=True).sheetnames == ["data", "说明"]
        guide = pd.read_excel(path, sheet_name="说明", dtype=str).fillna("")
        assert list(guide.columns) == [
            "列名 column",
            "中文列名 Chinese header",
            "必填 required",
            "含义",
            "格式",
            "允许的值",
            "示例 example",
            "meaning",
            "format",
            "allowed values",
        ]
        assert list(guide["列名 column"]) == kind.column_names
        headers = list(guide["中文列名 Chinese header"])
        assert len(set(headers)) == len(headers) and not set(headers) & set(kind.column_names), kind.name
        for column, row in zip(kind.columns, guide.itertuples(index=False), strict=True):
            (
                _name,
                header,
                required,
                meaning_zh,
                format_zh,
                allowed_zh,
                example,
                meaning_en,
                format_en,
                allowed_en,
            ) = row
            assert required == ("是 / yes" if column.required else "否 / no")
            for chinese in (header, meaning_zh, format_zh):
                assert CJK.search(chinese), (kind.name, column.name, chinese)
            for english in (meaning_en, format_en):
                assert re.search(r"[A-Za-z]{3,}", english), (kind.name, column.name, english)
            assert example, (kind.name, column.name)
            column.parse(example)  # the example is a value the column accepts
            if column.parse.names:  # named values: every code and its Chinese name
                for code, chinese_name in column.parse.names.items():
                    assert (
                        f"{chinese_name}（{code}）" in allowed_zh and f"{code} ({chinese_name})" in allowed_en
                    )
