"""Hostile and broken uploads are refused with a clear message, in bounded memory, with nothing written."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import InputError
from matching.messages import MESSAGES
from matching.services import tabular
from matching.services.access import Actor
from matching.services.data_io import import_file
from models import Park

ADMIN = Actor.system("test")
PARKS_CSV = "code,name,level,county_code\nHZQ,丹东边境经济合作区,national,210603\n"


def real_xlsx() -> bytes:
    buffer = io.BytesIO()
    pd.read_csv(io.StringIO(PARKS_CSV), dtype=str).to_excel(buffer, index=False)
    return buffer.getvalue()


def rezip(original: bytes, replace: dict[str, bytes], extra: int = 0) -> bytes:
    """The workbook with some parts replaced and `extra` filler parts added."""
    source = zipfile.ZipFile(io.BytesIO(original))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
        for index in range(extra):
            target.writestr(f"xl/filler{index}.xml", b"<a/>")
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol4;</t></is></c></row></sheetData></worksheet>"""


def bad_uploads() -> list[tuple[str, bytes, str]]:
    xlsx = real_xlsx()
    return [
        ("parks.csv", xlsx, "is an XLSX workbook or a zip archive, not a CSV"),
        ("parks.csv", b"\x89PNG\r\n\x1a\n" + bytes(64) + bytes(range(256)), "binary file"),
        # a stray NUL in text is no binary file: it is named like any other control character
        (
            "parks.csv",
            PARKS_CSV.replace("national", "nati\x00onal").encode(),
            r"row 2, column 'level'.*U\+0000",
        ),
        ("parks.xlsx", PARKS_CSV.encode(), "not an XLSX workbook"),
        ("parks.xlsx", b"PK\x03\x04 not really a zip", "damaged XLSX"),
        (
            "parks.xlsx",
            rezip(xlsx, {"xl/worksheets/sheet1.xml": b"<a>" + b"0" * 50_000_000 + b"</a>"}),
            "zip bomb",
        ),
        ("parks.xlsx", rezip(xlsx, {}, extra=600), "parts inside"),
        ("parks.xlsx", rezip(xlsx, {"xl/worksheets/sheet1.xml": BILLION_LAUGHS}), "not a readable XLSX"),
        ("parks.csv", (",".join(f"c{i}" for i in range(80)) + "\n").encode(), "more than 60 columns"),
    ]


def said_in_chinese(error: InputError) -> None:
    """Every problem has its code in the translation table and reads as Chinese, file name first."""
    for problem in error.problems:
        assert problem.code in MESSAGES, problem
        text = problem.text("zh")
        assert text.startswith(problem.file) and re.search(r"[\u4e00-\u9fff]", problem.said("zh")), text
        assert not re.search(r"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\b", problem.said("zh")), text


@pytest.mark.parametrize("case", range(len(bad_uploads())))
def test_a_hostile_upload_is_refused_in_bounded_memory(
    sessions: sessionmaker[Session], case: int, tmp_path: Path
) -> None:
    name, data, message = bad_uploads()[case]
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=message) as caught:
            import_file(sessions, "parks", Path(name), data=data, file_name=name, actor=ADMIN)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()  # a failing case must not leave tracing on for the next
    assert peak < 64 * 1024 * 1024, f"{peak / 1e6:.0f} MB"
    said_in_chinese(caught.value)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Park)) == 0


def test_an_oversized_file_is_refused_before_it_is_read(
    sessions: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "parks.csv"
    path.write_text(PARKS_CSV + "X,y,municipal,210602\n" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="larger than") as caught:
        import_file(sessions, "parks", path, actor=ADMIN)
    said_in_chinese(caught.value)


def test_too_many_rows_are_refused(
    sessions: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_ROWS", 10)
    rows = "".join(f"P{i},园区{i},municipal,210602\n" for i in range(11))
    path = tmp_path / "parks.csv"
    path.write_text("code,name,level,county_code\n" + rows, encoding="utf-8")
    with pytest.raises(InputError, match="more than 10 rows") as caught:
        import_file(sessions, "parks", path, actor=ADMIN)
    said_in_chinese(caught.value)


def test_a_real_workbook_still_imports(sessions: sessionmaker[Session]) -> None:
    report = import_file(
        sessions, "parks", Path("parks.xlsx"), data=real_xlsx(), file_name="parks.xlsx", actor=ADMIN
    )
    assert report.inserted == 1
