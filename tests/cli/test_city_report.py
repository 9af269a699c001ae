"""Issue 16's acceptance: `demo seed` then `report --out r.csv` gives exactly the figures the city
published (tests/data/city/reported-figures-zh.txt, read here, not retyped), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from tests.conftest import Run

PUBLISHED = Path(__file__).parents[1] / "data" / "city" / "reported-figures-zh.txt"

# (figure in the report's CSV, the phrase of the published sentence that holds its number)
PHRASES = {
    "jobfair.enterprises": r"(\d+)家民营企业参加",
    "jobfair.openings": r"提供(\d+)个就业岗位",
    "jobfair.intents": r"(\d+)名毕业生现场与企业初步达成就业意向",
    "aid.enterprises": r"园区(\d+)家企业与",
    "aid.villages": r"与(\d+)个村进行对接",
    "aid.yuan": r"投入资金总额(\d+)万余元",
    "aid.jobs": r"带动就业人数(\d+)人",
    "aid.medical": r"开展公益医疗(\d+)次",
    "aid.legal": r"提供法律咨询(\d+)次",
}


def _published() -> dict[str, int]:
    text = PUBLISHED.read_text(encoding="utf-8")
    figures = {}
    for figure, phrase in PHRASES.items():
        found = re.search(phrase, text)
        assert found, f"{phrase} not in {PUBLISHED.name}"
        figures[figure] = int(found.group(1)) * (10_000 if "万" in phrase else 1)
    return figures


def test_the_published_sentences_give_the_figures_the_brief_names() -> None:
    assert _published() == {
        "jobfair.enterprises": 143,
        "jobfair.openings": 758,
        "jobfair.intents": 712,
        "aid.enterprises": 96,
        "aid.villages": 101,
        "aid.yuan": 8_360_000,
        "aid.jobs": 295,
        "aid.medical": 463,
        "aid.legal": 1_059,
    }


@pytest.mark.parametrize(
    "period", [[], ["--from", "2024-01-01", "--to", "2025-12-31"]], ids=["to-date", "range"]
)
def test_the_demo_s_report_gives_the_city_s_published_figures(
    run: Run,
    engine: Engine,  # an empty database
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    period: list[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("MATCHING_LANG", raising=False)
    assert run("demo", "seed")[0] == 0
    again = run("demo", "seed")  # a second seed would record the past runs and demo users twice
    [error] = [line for line in again[2].splitlines() if line.startswith("error:")]
    assert again[0] == 2 and "demo reset --yes" in error
    out = tmp_path / "r.csv"
    code, _, err = run("report", *period, "--out", str(out))
    assert code == 0, err
    figures = pd.read_csv(out, encoding="utf-8-sig").set_index("figure")["value"]
    assert {figure: int(figures[figure]) for figure in PHRASES} == _published()
