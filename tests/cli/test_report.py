"""`python -m matching report`: each format written from the data recorded in tests/services/test_report.py
(on SQLite and PostgreSQL); the CSV's figures read back as rows; the file is logged as a download."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import AuditEntry
from tests.conftest import Run
from tests.services.test_report import World, world  # noqa: F401  (the recorded data, a fixture)


@pytest.fixture
def on_world(
    world: World,  # noqa: F811
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> World:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("MATCHING_LANG", raising=False)
    return world


def _figures(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig").set_index("figure")


def test_the_csv_holds_the_figures_as_rows_with_previous_and_change(
    run: Run, on_world: World, tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    out = tmp_path / "r.csv"
    code, _, err = run("report", "--year", "2026", "--out", str(out))
    assert code == 0, err
    assert "report written to" in err
    figures = _figures(out)
    assert list(figures.columns) == ["definition", "value", "previous", "change"]
    assert figures.loc["jobfair.intents", "value"] == 3
    assert figures.loc["jobfair.intents", "previous"] == 1 and figures.loc["jobfair.intents", "change"] == 2
    assert figures.loc["jobfair.openings", "value"] == 9
    assert figures.loc["aid.yuan", "value"] == 80_000 and figures.loc["aid.yuan", "change"] == -20_000
    assert "intent, offer or signed" in figures.loc["jobfair.intents", "definition"]
    with sessions() as s:
        logged = s.scalars(select(AuditEntry).where(AuditEntry.entity == "report")).all()
    assert [(e.action, e.entity_key, e.details["rows"], e.details["personal"]) for e in logged] == [
        ("download", "r.csv", len(figures), False)
    ]


def test_a_range_and_a_park(run: Run, on_world: World, tmp_path: Path) -> None:
    out = tmp_path / "p1.csv"
    code, _, err = run(
        "report", "--from", "2025-01-01", "--to", "2026-12-31", "--park", "P1", "--out", str(out)
    )
    assert code == 0, err
    figures = _figures(out)
    assert figures.loc["aid.yuan", "value"] == 150_000 and figures.loc["jobfair.intents", "value"] == 2


def test_the_xlsx_has_a_sheet_per_table(run: Run, on_world: World, tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    assert run("report", "--year", "2026", "--out", str(out))[0] == 0
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.sheetnames == ["figures", "by_park", "by_county", "by_university", "by_month", "by_industry"]


def test_the_ledger_as_csv_and_html(
    run: Run, on_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ledger.csv"
    assert run("report", "--ledger", "--year", "2026", "--out", str(out))[0] == 0
    ledger = pd.read_csv(out, encoding="utf-8-sig")
    assert sorted(ledger["status"]) == ["approved", "kept", "pinned"]
    monkeypatch.setenv("MATCHING_LANG", "zh")
    page = tmp_path / "ledger.html"
    assert run("report", "--ledger", "--year", "2026", "--out", str(page))[0] == 0
    text = page.read_text(encoding="utf-8")
    assert "爱心帮扶工程台账" in text and "期限内保留" in text and "古城村" in text


def test_the_html_is_printable_with_its_summary_and_charts(
    run: Run, on_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHING_LANG", "zh")
    out = tmp_path / "r.html"
    code, _, err = run("report", "--year", "2026", "--out", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "3家民营企业参加，提供9个就业岗位，3名毕业生现场与企业初步达成就业意向" in text
    assert "size: A4" in text and text.count("<svg") == 5
    fetched = re.findall(
        r"(?:href|src)\s*=\s*[\"']?\s*(?:https?:)?//|url\(\s*[\"']?\s*(?:https?:|//)|@import|<link|<script",
        text,
    )
    assert not fetched  # nothing is fetched from outside: fonts from the system, charts inline


def test_the_pdf_is_a4_with_chinese_text(
    run: Run, on_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHING_LANG", "zh")
    out = tmp_path / "r.pdf"
    code, _, err = run("report", "--year", "2026", "--out", str(out))
    assert code == 0, err
    content = out.read_bytes()
    assert content.startswith(b"%PDF-")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "民营企业参加" in text and "就业意向" in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info


def test_bad_requests_are_one_line_with_exit_2(run: Run, on_world: World, tmp_path: Path) -> None:
    code, _, err = run("report", "--park", "NOPE", "--out", str(tmp_path / "x.csv"))
    assert code == 2 and "no park with code 'NOPE'" in err and len(err.strip().splitlines()) == 1
    code, _, err = run("report", "--event", "NOPE", "--out", str(tmp_path / "x.csv"))
    assert code == 2 and "NOPE" in err
    with pytest.raises(SystemExit) as refused:
        run("report", "--from", "2026-01-01", "--out", str(tmp_path / "x.csv"))
    assert refused.value.code == 2
    with pytest.raises(SystemExit):
        run("report", "--out", str(tmp_path / "x.txt"))
    assert not (tmp_path / "x.csv").exists()
