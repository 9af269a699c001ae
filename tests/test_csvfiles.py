"""The one CSV reader (`matching.csvfiles`) behind every folder contract and every import.

Each contract's folder is written three times — UTF-8, UTF-8 with BOM, GB18030 — and must read the same,
Chinese text intact; bytes in neither encoding, empty and header-only files give what the contract says.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
import pytest

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
        (b"a,b\n1,\x00\n", "x.csv: is a binary file"),
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
            root in sys.stdlib_module_names or root in ("pandas", "pyarrow") or name == "matching.errors"
        ), name
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, matching.csvfiles; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    forbidden = ("matching.services", "matching.ui", "models", "sqlalchemy", "streamlit")
    assert not [m for m in loaded if m.split(".")[0] in forbidden or m.startswith(forbidden[:2])]
    assert csvfiles.read_csv_file is read_csv_file
