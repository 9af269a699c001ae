"""`python -m matching db|data …`: exit codes and one-line messages, on a database named by DATABASE_URL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from matching.cli import main
from matching.services import db
from models import Park

PARKS_CSV = "code,name,level,county_code,service_centre\nHZQ,丹东边境经济合作区,national,210603,\n"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["db", "migrate"]) == 0
    return url


def test_migrate_creates_the_schema(database: str) -> None:
    assert db.is_migrated(database)


def test_import_export_and_template(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "parks.csv"
    source.write_text(PARKS_CSV, encoding="utf-8")
    assert main(["data", "import", "parks", str(source)]) == 0
    assert "1 new" in capsys.readouterr().err
    assert main(["data", "import", "parks", str(source)]) == 0
    assert "0 new, 0 updated, 1 unchanged" in capsys.readouterr().err
    assert main(["data", "export", "parks", str(tmp_path / "out.xlsx")]) == 0
    assert main(["data", "template", "graduates", str(tmp_path / "graduates.xlsx")]) == 0
    assert (tmp_path / "out.xlsx").stat().st_size > 0 and (tmp_path / "graduates.xlsx").exists()


def test_bad_input_exits_2_with_one_line_naming_file_row_and_column(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "parks.csv"
    source.write_text(PARKS_CSV.replace("national", "galactic").replace("210603", "1"), encoding="utf-8")
    assert main(["data", "import", "parks", str(source)]) == 2
    message = capsys.readouterr().err.strip()
    assert len(message.splitlines()) == 1
    assert message.startswith("error: parks.csv, row 2, column 'level': 'galactic' is not one of")
    assert message.endswith("(and 1 more problem)")
    with db.sessions(database)() as session:
        assert session.scalar(select(func.count()).select_from(Park)) == 0


def test_dry_run_writes_nothing(database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "parks.csv"
    source.write_text(PARKS_CSV, encoding="utf-8")
    assert main(["data", "import", "parks", str(source), "--dry-run"]) == 0
    assert "would import 1" in capsys.readouterr().err
    with db.sessions(database)() as session:
        assert session.scalar(select(func.count()).select_from(Park)) == 0


def test_a_missing_file_is_bad_input(database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "import", "parks", "/nonexistent/parks.csv"]) == 2
    assert "parks.csv: file not found" in capsys.readouterr().err


def test_unknown_kind_is_refused_by_the_parser(database: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["data", "import", "planets", "x.csv"])
    assert caught.value.code == 2


def test_module_entry_point_prints_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "matching", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("db", "demo", "data", "jobfair", "aid"):
        assert command in result.stdout


def test_import_errors_follow_matching_lang(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "parks.csv"
    source.write_text(PARKS_CSV.replace("210603", "219999"), encoding="utf-8")
    monkeypatch.setenv("MATCHING_LANG", "zh")
    assert main(["data", "import", "parks", str(source)]) == 2
    assert capsys.readouterr().err.strip() == (
        "错误：parks.csv，第 2 行，“county_code”列: “219999”不是国家统计局 2023 年区划代码中的县级代码"
    )
    monkeypatch.delenv("MATCHING_LANG")
    assert main(["data", "import", "parks", str(source)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: parks.csv, row 2, column 'county_code': '219999' is not a county-level code in the NBS 2023 list"
    )


def test_an_export_follows_matching_lang_and_codes_keeps_the_column_names(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "parks.csv"
    source.write_text(PARKS_CSV, encoding="utf-8")
    assert main(["data", "import", "parks", str(source)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("MATCHING_LANG", "zh")
    assert main(["data", "import", "parks", str(source)]) == 0
    said = capsys.readouterr().err
    assert "unchanged" not in said and "不变 1" in said  # the import's summary in Chinese
    chinese, codes = tmp_path / "zh.csv", tmp_path / "codes.csv"
    assert main(["data", "export", "parks", str(chinese)]) == 0
    assert main(["data", "export", "parks", str(codes), "--codes"]) == 0
    assert chinese.read_text(encoding="utf-8-sig").startswith("园区代码")
    assert codes.read_text(encoding="utf-8-sig").startswith("code,name")
    assert main(["data", "import", "parks", str(chinese)]) == 0  # a Chinese export imports back unchanged
