"""The one CSV reader (`matching.csvfiles`) behind every folder contract and every import.

Each contract's folder is written three times — UTF-8, UTF-8 with BOM, GB18030 — and must read the same,
Chinese text intact; bytes in neither encoding, empty and header-only files give what the contract says.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from matching import csvfiles
from matching.aid.files import AidFrames, read_aid_dir
from matching.csvfiles import read_csv_bytes, read_csv_file
from matching.errors import InputError
from matching.jobfair.files import ContractFrames, read_contract_dir
from matching.jobfair.timetable.files import TimetableFrames, read_previous_timetable, read_timetable_dir
from matching.services.tabular import read_table

ROOT = Path(__file__).resolve().parents[1]
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
NOT_TEXT = "is not text in UTF-8 or GB18030"

JOBFAIR = {
    "graduates.csv": "graduate_id,university,major_code,degree\n007,辽东学院,080901,本科\ng2,丹东职业技术学院,,专科\n",
    "positions.csv": "position_id,enterprise_id,capacity,title\np1,e1,2,软件工程师\np2,e2,1,外贸专员\n",
    "graduate_preferences.csv": "graduate_id,position_id,rank\n007,p1,1\n",
}
AID = {
    "enterprises.csv": "enterprise_id,capacity,name\nE1,10,丹东华信软件有限公司\n007,10,前阳建设\n",
    "villages.csv": "village_id,name\nV1,太平湾村\nV2,长山村\n",
    "pairs.csv": "enterprise_id,village_id,value,load\nE1,V1,5,4\n007,V2,3,4\n",
}
TIMETABLE = {
    "fair.csv": "opens,closes,slot_minutes\n09:00,12:00,30\n",
    "interviews.csv": "graduate_id,enterprise_id,position_id,position_title\n007,E1,P1,软件工程师\n",
    "booths.csv": "enterprise_id,interviewers,booth,enterprise_name\nE1,1,A-01,丹东企业甲\n",
    "graduates.csv": "graduate_id,name,max_interviews\n007,张三,3\n",
}
PREVIOUS = "graduate_id,enterprise_id,position_id,start,end,reason\n007,E1,P1,09:00,09:30,\n"
PARKS = "code,name,level,county_code\n007,丹东边境经济合作区,national,210603\n"

Frames = ContractFrames | AidFrames | TimetableFrames


def write_dir(folder: Path, files: Mapping[str, str | bytes], encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return folder


def frames_of(frames: Frames) -> dict[str, pd.DataFrame]:
    return {name: value for name, value in vars(frames).items() if isinstance(value, pd.DataFrame)}


CONTRACTS: dict[str, tuple[dict[str, str], Callable[[Path], Frames], str, str]] = {
    # contract: (files, reader, a required file, a Chinese cell of it or another file)
    "jobfair": (JOBFAIR, read_contract_dir, "positions.csv", "软件工程师"),
    "aid": (AID, read_aid_dir, "villages.csv", "太平湾村"),
    "timetable": (TIMETABLE, read_timetable_dir, "booths.csv", "丹东企业甲"),
}


# ------------------------------------------------------------------------ encodings, per folder contract


@pytest.mark.parametrize("contract", CONTRACTS)
def test_a_folder_reads_the_same_in_utf8_utf8_bom_and_gb18030(tmp_path: Path, contract: str) -> None:
    files, reader, _required, chinese = CONTRACTS[contract]
    read = [frames_of(reader(write_dir(tmp_path / enc, files, enc))) for enc in ENCODINGS]
    assert read[0].keys() == read[1].keys() == read[2].keys()
    for name, frame in read[0].items():
        for other in read[1:]:
            pd.testing.assert_frame_equal(frame, other[name])
        assert all(str(column) == str(column).strip().lstrip("\ufeff") for column in frame.columns)
        assert all(isinstance(value, str) for value in frame.to_numpy().ravel())  # every cell is text
    cells = {value for frame in read[2].values() for value in frame.to_numpy().ravel()}
    assert chinese in cells and "007" in cells  # Chinese survives GB18030, ids stay text


@pytest.mark.parametrize("contract", CONTRACTS)
def test_bytes_in_neither_encoding_name_the_file(tmp_path: Path, contract: str) -> None:
    files, reader, required, _chinese = CONTRACTS[contract]
    folder = write_dir(tmp_path / "in", files)
    (folder / required).write_bytes(files[required].encode() + b"x,\xff\xfe,\x80\n")
    with pytest.raises(InputError) as caught:
        reader(folder)
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    assert problem.file.endswith(required)
    assert NOT_TEXT in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("contract", CONTRACTS)
def test_an_empty_file_is_refused_and_a_header_only_file_is_an_empty_table(
    tmp_path: Path, contract: str
) -> None:
    files, reader, required, _chinese = CONTRACTS[contract]
    folder = write_dir(tmp_path / "in", {**files, required: ""})
    with pytest.raises(InputError) as caught:
        reader(folder)
    assert caught.value.problems[0].file.endswith(required)
    assert caught.value.problems[0].message == "the file is empty; it needs a header row"
    header = files[required].splitlines()[0]
    for content in (header + "\n", header, "\ufeff" + header + "\r\n"):
        write_dir(folder, {required: content})
        frame = frames_of(reader(folder))[required.removesuffix(".csv")]
        assert list(frame.columns) == header.split(",") and len(frame) == 0


def test_the_previous_timetable_reads_the_same_in_every_encoding(tmp_path: Path) -> None:
    read = []
    for encoding in ENCODINGS:
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(PREVIOUS.replace("P1", "软件岗").encode(encoding))
        read.append(read_previous_timetable(path))
    for other in read[1:]:
        pd.testing.assert_frame_equal(read[0], other)
    assert read[0]["position_id"].tolist() == ["软件岗"] and read[0]["graduate_id"].tolist() == ["007"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(PREVIOUS.encode() + b"\xff\n")
    with pytest.raises(InputError, match=rf"^bad\.csv: {NOT_TEXT}"):
        read_previous_timetable(bad)


def test_imports_read_csv_through_the_same_reader(tmp_path: Path) -> None:
    read = []
    for encoding in (*ENCODINGS, "gbk"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(PARKS.encode(encoding))
        read.append(read_table(path))
    for other in read[1:]:
        pd.testing.assert_frame_equal(read[0], other)
    assert read[0].to_dict("list")["name"] == ["丹东边境经济合作区"]
    assert read[0].to_dict("list")["code"] == ["007"]
    pd.testing.assert_frame_equal(read[0], read_csv_bytes(PARKS.encode("gb18030"), "parks.csv"))
    with pytest.raises(InputError, match=rf"^parks\.csv: {NOT_TEXT}"):
        read_table(Path("parks.csv"), data=b"code,name\n\xff\xfe\xfa\n", file_name="parks.csv")
    with pytest.raises(InputError, match=r"^parks\.csv: the file is empty"):
        read_table(Path("parks.csv"), data=b"\xef\xbb\xbf\r\n", file_name="parks.csv")


# ------------------------------------------------------------------------ the shared reader itself


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xef\xbb\xbfa,b\n1,\xc3\n", f"x.csv: {NOT_TEXT} (byte 0xc3 in line 2)"),  # a BOM promises UTF-8
        # Much correct UTF-8 Chinese, then one bad byte: damaged UTF-8, not GB18030 to be garbled.
        (
            "名称\n".encode() + "丹东边境经济合作区".encode() + b"\n\xe9e\n",
            f"x.csv: {NOT_TEXT} (byte 0xe9 in line 3)",
        ),
        ("a\n".encode("utf-16"), "x.csv: is UTF-16 text, not UTF-8 or GB18030"),
        (b"PK\x03\x04rest", "x.csv: is an XLSX workbook or a zip archive"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64) + b"IHDR", "x.csv: is a binary file"),
        (("a,b\n" + "1,2\n" * 8).encode("utf-16-le"), "x.csv: is a binary file"),  # UTF-16, no BOM
        # A stray control character is no binary file: the row and column say where it is.
        (b"a,b\n1,\x00\n", "x.csv, row 2, column 'b': contains an invisible control character U+0000"),
        (b"", "x.csv: the file is empty; it needs a header row"),
        (b" \r\n\r\n", "x.csv: the file is empty; it needs a header row"),
        (b",,\n,,\n", "x.csv: the file is empty; it needs a header row"),
        (b"\na,b\n1,2\n", "x.csv, row 1: the header must be the first row"),
        (b"a,,b\n1,2,3\n", "x.csv, row 1: header column 2 has no name"),
        (b"a,b,a\n", "x.csv, row 1, column 'a': the column appears twice in the header"),
        (b"a,b\n1,2\n3,4,5\n", "x.csv, row 3: the row has 3 fields but the header has 2"),
        (
            b'a,b\n1,2\n"3,4\n5,6\n',
            'x.csv, row 3: a quoted cell starting in this row is never closed (a " is missing)',
        ),
    ],
)
def test_bad_input_is_one_located_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_csv_bytes(data, "x.csv")
    assert str(caught.value).startswith(message), str(caught.value)
    assert "\n" not in str(caught.value)


def test_cells_are_text_and_ragged_rows_are_tidied() -> None:
    frame = read_csv_bytes(b'id,n,note\r\n007,NA,"two\r\nlines"\r\n0.50,,\r\n12\r\n', "x.csv")
    assert frame.to_dict("list") == {
        "id": ["007", "0.50", "12"],
        "n": ["NA", "", ""],
        "note": ["two\r\nlines", "", ""],
    }
    # Trailing empty cells (and an unnamed empty last column) are what spreadsheets add: dropped.
    again = read_csv_bytes(b'id,n,note,\r\n007,NA,"two\r\nlines",,\r\n0.50,,,\r\n12\r\n', "x.csv")
    pd.testing.assert_frame_equal(frame, again)  # pandas' path and the csv-module path agree


def test_blank_rows_are_kept_dropped_at_the_end_or_skipped() -> None:
    data = b"a,b\n1,2\n\n , \n3,4\n,\n\n"
    keep = read_csv_bytes(data, "x.csv", blank_rows="keep")
    assert keep["a"].tolist() == ["1", "", " ", "3", "", ""] and not keep.attrs
    trailing = read_csv_bytes(data, "x.csv", blank_rows="trailing")
    assert trailing["a"].tolist() == ["1", "", " ", "3"] and not trailing.attrs
    skip = read_csv_bytes(data, "x.csv", blank_rows="skip")
    assert skip["a"].tolist() == ["1", "3"] and skip.attrs["rows"] == [2, 5]
    stripped = read_csv_bytes(b" a , b \n 1 , 2 \n", "x.csv", strip_cells=True)
    assert stripped.to_dict("list") == {"a": ["1"], "b": ["2"]}


def test_each_contract_keeps_its_blank_row_rule(tmp_path: Path) -> None:
    jobfair = write_dir(
        tmp_path / "jobfair", {**JOBFAIR, "positions.csv": JOBFAIR["positions.csv"] + ",,,\n\n"}
    )
    assert len(read_contract_dir(jobfair).positions) == 2  # trailing blank rows dropped
    villages = "village_id,name\n\nV1,太平湾村\n,\nV2,长山村\n"
    aid = read_aid_dir(write_dir(tmp_path / "aid", {**AID, "villages.csv": villages}))
    assert aid.villages["village_id"].tolist() == ["V1", "V2"] and aid.villages.attrs["rows"] == [3, 5]
    booths = TIMETABLE["booths.csv"] + ",,,\n"
    timetable = read_timetable_dir(write_dir(tmp_path / "timetable", {**TIMETABLE, "booths.csv": booths}))
    assert len(timetable.booths) == 2  # kept: build_problem skips it and counts rows by position


def test_a_file_that_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^gone\.csv: file not found$"):
        read_csv_file(tmp_path / "gone.csv")
    with pytest.raises(InputError, match=r"is a folder, not a CSV file$"):
        read_csv_file(tmp_path, "folder.csv")


# ------------------------------------------------------------------------ the only place that decodes

READERS = (
    "matching/jobfair/files.py",
    "matching/aid/files.py",
    "matching/jobfair/timetable/files.py",
    "matching/services/tabular.py",
)
WRITERS = {"to_csv", "write_text", "open"}  # calls that may name an encoding: they write


@pytest.mark.parametrize("module", READERS)
def test_only_the_shared_reader_decodes_csv_bytes(module: str) -> None:
    source = (ROOT / module).read_text(encoding="utf-8")
    tree = ast.parse(source)
    uses_shared_reader = False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("matching.csvfiles", "matching"):
            uses_shared_reader |= any(
                alias.name in ("csvfiles", "read_csv_file", "read_csv_bytes") for alias in node.names
            )
        if isinstance(node, ast.Import):
            assert all(alias.name not in ("pyarrow.csv", "codecs") for alias in node.names), module
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        assert name not in {"read_csv", "decode", "reader", "DictReader", "read_text", "TextIOWrapper"}, (
            f"{module}:{node.lineno} calls {name}"
        )
        if any(keyword.arg == "encoding" for keyword in node.keywords):
            assert name in WRITERS, f"{module}:{node.lineno}: {name}(encoding=…) reads text itself"
            if name == "open":
                assert node.args and isinstance(node.args[0], ast.Constant) and "w" in str(node.args[0].value)
    assert uses_shared_reader, f"{module} does not use matching.csvfiles"


def test_the_shared_reader_stays_free_of_services_and_interfaces() -> None:
    tree = ast.parse((ROOT / "matching/csvfiles.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    for name in imported:
        root = name.split(".")[0]
        assert (
            root in sys.stdlib_module_names
            or root in ("pandas", "pyarrow", "numpy", "openpyxl")
            or name in ("matching.errors", "matching.messages")
        ), name
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, matching.csvfiles; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    forbidden = ("matching.services", "matching.ui", "models", "sqlalchemy", "streamlit", "openpyxl")
    assert not [m for m in loaded if m.split(".")[0] in forbidden or m.startswith(forbidden[:2])]
    assert csvfiles.read_csv_file is read_csv_file


# ------------------------------------------------------------------------ control characters


@pytest.mark.parametrize(
    ("data", "where", "char"),
    [
        (b"a,b\n1,x\x1by\n", "x.csv, row 2, column 'b'", "U+001B"),
        (b"a,b\n1,\x7f\n", "x.csv, row 2, column 'b'", "U+007F"),
        ("a,b\n1,\x9b31m\n".encode(), "x.csv, row 2, column 'b'", "U+009B"),  # C1: the 8-bit ESC [
        (b"a,b\n1,\x1c\n", "x.csv, row 2, column 'b'", "U+001C"),  # Python calls it a space: not here
        (b"a,b\n\x0b1,2\n", "x.csv, row 2, column 'a'", "U+000B"),
        (b'a,b\n1,"lone\rcr"\n', "x.csv, row 2, column 'b'", "U+000D"),
        (b"a,b\x07\n1,2\n", "x.csv, row 1, column 'b<U+0007>'", "U+0007"),  # the header, shown safely
        # A quoted cell over three lines is one row: the next record is row 3, as the other errors count.
        (b'a,b\n1,"two\nmore\nlines"\n2,\x00\n', "x.csv, row 3, column 'b'", "U+0000"),
        # Blank rows are counted too, though the reader skips them.
        (b"a,b\n1,2\n,\n\n3,\x1b\n", "x.csv, row 5, column 'b'", "U+001B"),
    ],
)
def test_a_control_character_is_refused_naming_row_and_column(data: bytes, where: str, char: str) -> None:
    with pytest.raises(InputError) as caught:
        read_csv_bytes(data, "x.csv")
    assert (
        str(caught.value)
        == f"{where}: contains an invisible control character {char}; remove it and import again"
    )
    problem = caught.value.problems[0]
    assert problem.code == "file.control_character" and problem.params == {"char": char}


def test_a_nul_far_into_a_large_file_is_found_and_the_first_fault_is_the_one_shown() -> None:
    rows = "".join(f"G{i:05d},丹东学生{i}\n" for i in range(6000))
    data = ("id,name\n" + rows).encode()
    assert len(data) > 2 * 65536
    late = data.replace("丹东学生5990".encode(), "丹东学生\x005990".encode())
    with pytest.raises(InputError, match=r"^x\.csv, row 5992, column 'name': .* U\+0000"):
        read_csv_bytes(late, "x.csv")
    two = late.replace(b"G00007", b"G\x1b0007")
    with pytest.raises(InputError) as caught:
        read_csv_bytes(two, "x.csv")
    assert str(caught.value).startswith("x.csv, row 9, column 'id'")
    assert str(caught.value).endswith("(and 1 more problem)")


def test_tabs_line_feeds_and_crlf_line_ends_are_text() -> None:
    frame = read_csv_bytes(b'a,b\r\n1,"x\ty"\r\n2,"two\r\nlines"\r\n3,"lf\nonly"\r\n', "x.csv")
    assert frame["b"].tolist() == ["x\ty", "two\r\nlines", "lf\nonly"]
    mac = read_csv_bytes(b"a,b\r1,2\r3,4\r", "x.csv")  # classic Mac line ends: CRs between rows
    assert mac["b"].tolist() == ["2", "4"]


@pytest.mark.parametrize("contract", ["jobfair", "aid", "timetable"])
def test_every_folder_contract_refuses_control_characters(tmp_path: Path, contract: str) -> None:
    files = {"jobfair": JOBFAIR, "aid": AID, "timetable": TIMETABLE}[contract]
    name = next(iter(files))
    lines = files[name].splitlines()
    lines[1] = lines[1].replace(",", ",\x1b", 1)
    bad = write_dir(tmp_path, {**files, name: "\n".join(lines) + "\n"})
    read = {"jobfair": read_contract_dir, "aid": read_aid_dir, "timetable": read_timetable_dir}[contract]
    column = files[name].split(",")[1].split("\n")[0]
    with pytest.raises(InputError, match=rf"(^|/){name}, row 2, column '{column}': .* U\+001B"):
        read(bad)


def test_the_solve_commands_refuse_a_control_character_with_one_line(
    tmp_path: Path, run: Callable[..., tuple[int, str, str]]
) -> None:
    villages = AID["villages.csv"].replace("长山村", "长山\x00村")
    code, out, err = run("aid", "solve", str(write_dir(tmp_path, {**AID, "villages.csv": villages})))
    assert code == 2 and out == ""
    [line] = err.strip().splitlines()
    assert line.startswith("error: ") and line.endswith(
        "/villages.csv, row 3, column 'name': contains an invisible control character U+0000; "
        "remove it and import again"
    )


# ------------------------------------------------------------------------ the one writer


TRICKY = [
    "=1+2",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-5+A1",
    "@SUM(A1)",
    "\tx",
    "\r\nx",
    "'=1",
    "''@",
    "'",
    "",
]


def test_csv_output_neutralises_formulas_and_keeps_numbers() -> None:
    frame = pd.DataFrame(
        {
            "text": ["=1+2", '=HYPERLINK("http://x","y")', "-5+A1", "-5", "+3.5e2", "张三"],
            "int": [-5, 0, 3, -1, 2, 7],
            "float": [-2.5, 0.0, 1.25, None, 3.0, -0.5],
        }
    )
    data = csvfiles.csv_bytes(frame)
    assert data.startswith(csvfiles.UTF8_BOM)
    back = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert back["text"].tolist() == [
        "'=1+2",
        '\'=HYPERLINK("http://x","y")',
        "'-5+A1",
        "-5",
        "+3.5e2",
        "张三",
    ]
    assert back["int"].tolist() == ["-5", "0", "3", "-1", "2", "7"]  # numbers are never prefixed
    assert back["float"].tolist() == ["-2.5", "0.0", "1.25", "", "3.0", "-0.5"]
    assert csvfiles.csv_text(pd.DataFrame({"=cmd": [1]})).startswith("'=cmd\n")  # the header too


@given(st.text(alphabet="'=+-@\t\r5.eA ", max_size=12) | st.text(max_size=12))
def test_restoring_undoes_neutralising_for_any_text(text: str) -> None:
    neutral = csvfiles.neutralise_formula(text)
    assert csvfiles.restore_neutralised(str(neutral)) == text
    assert not str(neutral).startswith(csvfiles.FORMULA_PREFIXES) or csvfiles.PLAIN_NUMBER.fullmatch(text)


def test_an_exported_csv_reads_back_to_the_stored_text(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    csvfiles.write_csv(pd.DataFrame({"v": TRICKY}), path)
    read = read_csv_file(path, blank_rows="keep")
    assert [csvfiles.restore_neutralised(v) for v in read["v"]] == TRICKY
    # A lone CR (no import lets one in) is written as a line feed, inside a quoted cell, not as a row end.
    assert csvfiles.csv_text(pd.DataFrame({"v": ["a\rb", "c"]})) == 'v\n"a\nb"\nc\n'


def test_xlsx_output_stores_formula_text_as_quoted_text_and_numbers_as_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame({"text": ["=1+2", "-5+A1", "_x0041_", "a\x1bb", "ok"], "n": [-5, 1, 2, 3, None]})
    path = tmp_path / "out.xlsx"
    csvfiles.write_xlsx({"first": frame, "second": frame.head(1)}, path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["first", "second"]
    sheet = workbook["first"]
    cells = {cell.coordinate: cell for row in sheet.iter_rows() for cell in row}
    assert (cells["A2"].value, cells["A2"].data_type, cells["A2"].quotePrefix) == ("=1+2", "s", True)
    assert (cells["A3"].value, cells["A3"].quotePrefix) == ("-5+A1", True)
    assert cells["A6"].quotePrefix is False and cells["A1"].font.bold
    assert not [cell for cell in cells.values() if cell.data_type == "f"]
    assert [cells[f"B{row}"].value for row in range(2, 7)] == [-5, 1, 2, 3, None]
    assert cells["B2"].data_type == "n"
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    # Read as Excel reads it (OOXML escapes decoded): the text that was written, the ESC replaced.
    read = read_table(path)
    assert read["text"].tolist() == ["=1+2", "-5+A1", "_x0041_", "a\ufffdb", "ok"]


def test_a_folder_that_does_not_exist_is_one_line_of_bad_input(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(InputError, match=r"the folder .*nowhere does not exist$"):
        csvfiles.write_csv(frame, tmp_path / "nowhere" / "x.csv")
    with pytest.raises(InputError, match=r"is a folder; name a file to write$"):
        csvfiles.write_xlsx(frame, tmp_path)


def test_xlsx_escapes_read_as_excel_shows_them_and_an_escaped_control_character_is_refused(
    tmp_path: Path,
) -> None:
    def workbook(text: str) -> Path:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["code", "name"])
        sheet.append(["P1", text])
        book.save(tmp_path / "parks.xlsx")
        return tmp_path / "parks.xlsx"

    with pytest.raises(InputError, match=r"^parks\.xlsx, row 2, column 'name': .* U\+0007;"):
        read_table(workbook("a_x0007_b"))
    assert read_table(workbook("a_x005F_x0041_b_x4E2D_"))["name"].tolist() == ["a_x0041_b中"]
    assert read_table(workbook("a_xD83D_b"))["name"].tolist() == ["a_xD83D_b"]  # no lone surrogate


BROKEN_CSV = [
    ("empty", b"", None),
    ("utf16", "a,b\n1,2\n".encode("utf-16"), None),
    ("zip", b"PK\x03\x04rest", None),
    ("binary", bytes(200) + b"a,b", None),
    ("not_text", b"a,b\n\xff\xfe\xfa\xfb\x80\x81\n", None),
    ("long_row", b"a,b\n1,2,3\n", 2),
    ("unclosed_quote", b'a,b\n"1,2\n', 2),
    ("unnamed_header", b"a,,b\n1,2,3\n", 1),
    ("header_twice", b"a,a\n1,2\n", 1),
    ("header_late", b",\n,\na,b\n", 1),
    ("control_character", b"a,b\n1,x\x1by\n", 2),
]


@pytest.mark.parametrize(("case", "data", "row"), BROKEN_CSV, ids=[c[0] for c in BROKEN_CSV])
def test_every_reading_problem_is_a_coded_message_said_in_chinese(
    case: str, data: bytes, row: int | None
) -> None:
    from matching.messages import MESSAGES

    with pytest.raises(InputError) as caught:
        read_csv_bytes(data, "名单.csv")
    problem = caught.value.problems[0]
    assert problem.code in MESSAGES and problem.row == row, (case, problem)
    said = caught.value.summary(lang="zh")
    assert said.startswith("名单.csv") and re.search(r"[\u4e00-\u9fff]", problem.said("zh")), said
    assert not re.search(r"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\b", problem.said("zh").replace("CSV UTF-8", "")), (
        said
    )
    if row is not None:
        assert f"第 {row} 行" in said
    assert problem.message == problem.said("en")  # the English sentence is the table's


def test_writing_to_a_missing_folder_is_said_in_the_readers_language(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        csvfiles.write_csv(pd.DataFrame({"a": [1]}), tmp_path / "nowhere" / "x.csv")
    assert "不存在" in caught.value.summary(lang="zh") and "does not exist" in caught.value.summary()
