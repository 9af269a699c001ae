"""Text that is safe to store and to export (issue 12, item 6), through `python -m matching data …` on
SQLite and PostgreSQL: control characters are refused on import with file, row and column, wherever they
are; major codes must belong to a class of the 2024 catalogue; formulas leave the app inert."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from matching import reference
from matching.services import parsers, tabular
from models import Graduate

Run = Callable[..., tuple[int, str, str]]

HEADER = ["code", "name", "university", "major_code", "degree", "graduation_year", "home_county_code"]
CONSENTED = [*HEADER, "consent_at"]
UNIVERSITIES_CSV = "name,province\n辽东学院,辽宁\n"
ESC_AT_ROW_3 = "graduates.{suffix}, row 3, column 'name': contains an invisible control character U+001B"


def graduate(index: int, name: str, major: str = "080901") -> list[str]:
    return [f"G{index:05d}", name, "辽东学院", major, "本科", "2026", "210602"]


def csv_file(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    frame = pd.DataFrame(rows, columns=header)
    path.write_bytes(frame.to_csv(index=False).encode("utf-8"))
    return path


def xlsx_file(path: Path, rows: list[list[str]]) -> Path:
    """A workbook as openpyxl writes it (text cells as given, no escaping of its own)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def database(
    database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch, run: Run, tmp_path: Path
) -> str:
    """The empty test database on each backend, named by DATABASE_URL, with one university stored."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("MATCHING_LANG", raising=False)
    universities = tmp_path / "universities.csv"
    universities.write_text(UNIVERSITIES_CSV, encoding="utf-8")
    assert run("data", "import", "universities", str(universities))[0] == 0
    return database_url


def stored_graduates(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Graduate)) or 0)


def bad_files(tmp_path: Path) -> list[tuple[Path, str]]:
    """(file, the one line it must give): control characters in CSV and XLSX, early and late."""
    many = [graduate(i, f"丹东学生{i}") for i in range(3000)]
    late_nul = [*many[:2990], graduate(2990, "丹东\x00学生"), *many[2991:]]
    csv_nul = csv_file(tmp_path / "graduates_nul.csv", late_nul)
    assert csv_nul.stat().st_size > 2 * 65536 and csv_nul.read_bytes().index(b"\x00") > 65536
    escape = [graduate(1, "张三"), graduate(2, "李\x1b[31m四")]
    return [
        (
            csv_nul,
            "graduates_nul.csv, row 2992, column 'name': contains an invisible control character U+0000",
        ),
        (csv_file(tmp_path / "graduates.csv", escape), ESC_AT_ROW_3.format(suffix="csv")),
        # Excel stores an ESC typed into a cell as _x001B_ (XML cannot hold it); read as Excel shows it.
        (
            xlsx_file(tmp_path / "graduates.xlsx", [graduate(1, "张三"), graduate(2, "李_x001B_[31m四")]),
            ESC_AT_ROW_3.format(suffix="xlsx"),
        ),
        # C1 controls are legal XML, so a workbook can hold them as they are (U+009B is the 8-bit ESC [).
        (
            xlsx_file(tmp_path / "graduates_c1.xlsx", [graduate(1, "张\x9b31m三")]),
            "graduates_c1.xlsx, row 2, column 'name': contains an invisible control character U+009B",
        ),
    ]


@pytest.mark.parametrize("case", range(4))
def test_a_control_character_anywhere_is_refused_with_one_line_and_nothing_stored(
    database: str, sessions: sessionmaker[Session], run: Run, tmp_path: Path, case: int
) -> None:
    path, message = bad_files(tmp_path)[case]
    code, out, err = run("data", "import", "graduates", str(path))
    assert code == 2 and out == ""
    assert err.splitlines() == [f"error: {message}; remove it and import again"]
    assert stored_graduates(sessions) == 0


def test_the_control_character_error_is_said_in_chinese(
    database: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHING_LANG", "zh")
    path = csv_file(tmp_path / "graduates.csv", [graduate(1, "张三"), graduate(2, "李\x1b四")])
    code, _, err = run("data", "import", "graduates", str(path))
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith("错误：graduates.csv，第 3 行，“name”列")
    assert "含有不可见的控制字符 U+001B" in line


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xef\xbb\xbfcode,name\n\xff\xfe,x\n", "is not text in UTF-8 or GB18030 (byte 0xff in line 2)"),
        (b"\xef\xbb\xbf", "the file is empty; it needs a header row"),
        ("code,name\nG1,张三\n".encode("utf-16"), "is UTF-16 text, not UTF-8 or GB18030"),
    ],
)
def test_undecodable_bytes_and_byte_order_marks_give_one_line(
    database: str, sessions: sessionmaker[Session], run: Run, tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "graduates.csv"
    path.write_bytes(data)
    code, _, err = run("data", "import", "graduates", str(path))
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith(f"error: graduates.csv: {message}")
    assert stored_graduates(sessions) == 0


def test_a_major_code_outside_the_catalogues_classes_is_refused(
    database: str, sessions: sessionmaker[Session], run: Run, tmp_path: Path
) -> None:
    path = csv_file(tmp_path / "graduates.csv", [graduate(1, "张三"), graduate(2, "李四", "089999")])
    code, _, err = run("data", "import", "graduates", str(path))
    assert code == 2
    assert err.splitlines() == [
        "error: graduates.csv, row 3, column 'major_code': '089999': 0899 is not a major class (专业类) "
        "of the 2024 catalogue"
    ]
    assert stored_graduates(sessions) == 0


FORMULAS = ["=1+2", '=HYPERLINK("http://x","y")']


def test_formulas_are_stored_as_text_and_leave_inert_through_csv_and_xlsx(
    database: str, sessions: sessionmaker[Session], run: Run, tmp_path: Path
) -> None:
    consent = "2026-01-05T09:00:00+08:00"
    rows = [[*graduate(i, name), consent] for i, name in enumerate(FORMULAS, start=1)]
    assert run("data", "import", "graduates", str(csv_file(tmp_path / "in.csv", rows, CONSENTED)))[0] == 0
    with sessions() as session:
        assert sorted(session.scalars(select(Graduate.name))) == sorted(FORMULAS)

    out_csv, out_xlsx = tmp_path / "out.csv", tmp_path / "out.xlsx"
    for out in (out_csv, out_xlsx):
        code, _, err = run("data", "export", "graduates", str(out), "--purpose", "test")
        assert code == 0, err
    # CSV: a leading apostrophe, so a spreadsheet shows the text and runs nothing.
    exported = pd.read_csv(out_csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert exported["name"].tolist() == ["'" + name for name in FORMULAS]
    assert exported["graduation_year"].tolist() == ["2026", "2026"]
    # XLSX: text cells with Excel's quote prefix (what typing a leading ' does); no formula anywhere.
    sheet = load_workbook(out_xlsx).active
    assert sheet is not None
    column = [cell.value for cell in sheet[1]].index("name") + 1
    names = [sheet.cell(row=row, column=column) for row in (2, 3)]
    assert [cell.value for cell in names] == FORMULAS
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in names)
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    year = sheet.cell(row=2, column=[cell.value for cell in sheet[1]].index("graduation_year") + 1)
    assert year.value == 2026 and year.data_type == "n" and not year.quotePrefix
    with zipfile.ZipFile(out_xlsx) as archive:
        assert not [n for n in archive.namelist() if "<f>" in archive.read(n).decode("utf-8", "replace")]
    # Both import back to what is stored.
    for out in (out_csv, out_xlsx):
        code, _, err = run("data", "import", "graduates", str(out))
        assert code == 0 and "0 new, 0 updated, 2 unchanged" in err


def test_text_stored_before_the_check_still_exports(
    database: str, sessions: sessionmaker[Session], run: Run, tmp_path: Path
) -> None:
    row = [*graduate(1, "张三"), "2026-01-05T09:00:00+08:00"]
    assert run("data", "import", "graduates", str(csv_file(tmp_path / "in.csv", [row], CONSENTED)))[0] == 0
    with sessions() as session, session.begin():  # as an older version let it in
        session.execute(update(Graduate).values(name="张\x1b[2J三"))
    for suffix in (".xlsx", ".csv"):
        out = tmp_path / f"out{suffix}"
        code, _, err = run("data", "export", "graduates", str(out), "--purpose", "test")
        assert code == 0, err
        read = pd.read_excel(out, dtype=str) if suffix == ".xlsx" else pd.read_csv(out, encoding="utf-8-sig")
        assert read["name"].tolist() == ["张\ufffd[2J三"]


# ------------------------------------------------------------------------------- major codes


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("080901", "080901"),
        ("080910T", "080910T"),
        ("080910t", "080910T"),
        ("020301K", "020301K"),
        ("080906", "080906"),  # 数字媒体技术: not in the shipped 91, but its class 计算机类 is
        ("010101", "010101"),  # 哲学: a class the shipped majors do not cover
        ("081006T", "081006T"),  # 道路桥梁与渡河工程, likewise
    ],
)
def test_major_codes_of_the_catalogues_classes_are_accepted(value: str, parsed: str) -> None:
    assert parsers.major_code(value) == parsed


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        (
            "089999",
            "major.unknown_class",
            "'089999': 0899 is not a major class (专业类) of the 2024 catalogue",
        ),
        ("110101", "major.unknown_class", "'110101': 1101 is not a major class"),  # 军事学: no undergraduates
        ("140101", "major.unknown_class", "'140101': 1401 is not a major class"),
        ("080900", "major.no_major_number", "'080900' names no major (its last two digits are 00)"),
        ("080910", "major.wrong_suffix", "'080910' is written 080910T (数据科学与大数据技术)"),
        ("080901K", "major.wrong_suffix", "'080901K' is written 080901 (计算机科学与技术)"),
        ("08090", "major.not_a_code", "'08090' is not a 2024 major code"),
        ("080901KT", "major.not_a_code", "'080901KT' is not a 2024 major code"),
    ],
)
def test_major_codes_outside_the_catalogue_are_refused_with_a_coded_message(
    value: str, code: str, message: str
) -> None:
    with pytest.raises(parsers.CellError) as caught:
        parsers.major_code(value)
    assert caught.value.code == code and str(caught.value).startswith(message)
    assert caught.value.params["value"] == value


@pytest.mark.parametrize("value", ["08", "0809", "13", "1305", "080910T"])
def test_accepted_majors_may_name_a_discipline_a_class_or_a_major(value: str) -> None:
    assert parsers.major_or_prefix(value) == value


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("11", "major.unknown_discipline"),
        ("14", "major.unknown_discipline"),
        ("0899", "major.unknown_class"),
        ("089999", "major.unknown_class"),
        ("080", "major.not_a_prefix"),
        ("软件", "major.not_a_prefix"),
    ],
)
def test_accepted_majors_outside_the_catalogue_are_refused(value: str, code: str) -> None:
    with pytest.raises(parsers.CellError) as caught:
        parsers.major_or_prefix(value)
    assert caught.value.code == code


def test_the_shipped_majors_lie_in_the_shipped_classes() -> None:
    classes = reference.major_classes()
    assert len(classes) == 93  # the MOE's count for the 2024 catalogue
    assert sorted(reference.major_disciplines()) == [
        f"{d:02d}" for d in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13)
    ]
    for code, major in reference.majors().items():
        found = classes[major.class_code]
        assert code.startswith(found.code), code
        assert (found.name, found.discipline_code, found.discipline_name) == (
            major.class_name,
            major.discipline_code,
            major.discipline_name,
        ), code


def test_the_patterns_for_the_cores_know_the_classes() -> None:
    major, accepted = (
        re.compile(reference.major_code_pattern()),
        re.compile(reference.accepted_major_pattern()),
    )
    assert [
        bool(major.fullmatch(v)) for v in ("080901", "080910T", "080906", "089999", "080900", "0809")
    ] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    assert [bool(accepted.fullmatch(v)) for v in ("08", "0809", "080910T", "11", "0899", "089999")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_the_demo_data_imports_under_the_stricter_major_check(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    code, _, err = run("demo", "seed", "--scale", "0.2", "--seed", "11")
    assert code == 0, err


def test_the_services_writers_are_the_same_safe_writer() -> None:
    frame = pd.DataFrame({"name": ["=1+2"], "n": [-5]})
    sheet = load_workbook(io.BytesIO(tabular.xlsx_bytes(frame))).active
    assert sheet is not None
    assert (sheet["A2"].value, sheet["A2"].quotePrefix, sheet["B2"].value) == ("=1+2", True, -5)
    assert tabular.table_bytes(frame, "csv").decode("utf-8-sig") == "name,n\n'=1+2,-5\n"
