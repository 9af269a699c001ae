"""The report page in AppTest, on the data recorded in tests/services/test_report.py (SQLite): the period
and scope choices, the figures with their definitions and change, the generated summary, the charts with
their tables, the ledger, and downloads that are logged only when made. A park official's page offers their
own park only."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from streamlit.testing.v1 import AppTest

from matching.services.access import Actor
from models import AuditEntry, Role
from tests.services.test_report import World, world  # noqa: F401  (the recorded data, a fixture)

PAGE = str(Path(__file__).resolve().parents[2] / "matching" / "ui" / "pages" / "report.py")
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _page(database_url: str, actor: Actor, monkeypatch: pytest.MonkeyPatch, lang: str = "zh") -> AppTest:
    monkeypatch.setenv("DATABASE_URL", database_url)
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.session_state["actor"] = actor
    app.session_state["lang"] = lang
    app.run()
    assert not app.exception, app.exception
    return app


def _texts(app: AppTest) -> str:
    return "\n".join(
        [e.value for e in app.info]
        + [e.value for e in app.caption]
        + [e.value for e in app.markdown]
        + [str(e.value) for e in app.metric]
    )


def test_a_year_shows_the_figures_summary_charts_and_ledger(
    database_url: str,
    world: World,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    sessions: sessionmaker[Session],
) -> None:
    app = _page(database_url, Actor("admin", Role.ADMIN), monkeypatch)
    app.radio(key="report.kind").set_value("year").run()
    app.number_input(key="report.year").set_value(2026).run()
    assert not app.exception, app.exception
    summary = app.info[0].value
    assert "3家民营企业参加，提供9个就业岗位，3名毕业生现场与企业初步达成就业意向" in summary
    assert "全市3家园区企业与2个村结对，2026年累计投入帮扶资金8万元" in summary
    metrics = {m.label: m for m in app.metric}
    intents = metrics["达成就业意向的毕业生"]
    assert intents.value == "3" and intents.proto.delta == "2"
    assert "录用" in intents.proto.help and "签约" in intents.proto.help
    assert "上期：2025年" in _texts(app)
    assert len(app.tabs) == 5
    frames = [d.value for d in app.dataframe]
    ledger = next(f for f in frames if "结对期限" in f.columns)
    assert sorted(ledger["状态"]) == ["已批准", "已锁定", "期限内保留"]
    assert [b.label for b in app.get("download_button")][:2] == ["下载报告（XLSX）", "下载台账（XLSX）"]
    with sessions() as s:  # the files are made (and logged) only when a button is clicked
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "download")).all() == []


def test_a_park_official_has_their_own_park_only(
    database_url: str,
    world: World,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = _page(database_url, Actor("p1", Role.PARK_OFFICIAL, park_id=world.park_one), monkeypatch)
    assert app.selectbox(key="report.park").options == ["一号园区"]
    app.radio(key="report.kind").set_value("year").run()
    app.number_input(key="report.year").set_value(2026).run()
    assert "一号园区2家园区企业与1个村结对" in app.info[0].value
    assert {m.label: m.value for m in app.metric}["投入帮扶资金（元）"] == "50,000"


def test_a_viewer_reads_the_figures_without_ledger_or_downloads(
    database_url: str,
    world: World,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = _page(database_url, Actor("v", Role.VIEWER), monkeypatch)
    app.radio(key="report.kind").set_value("event").run()
    assert app.selectbox(key="report.event").value == "F2026"
    assert not app.exception, app.exception
    assert "3名毕业生现场与企业初步达成就业意向" in app.info[0].value
    assert not app.get("download_button")
    assert all("结对期限" not in d.value.columns for d in app.dataframe)


def test_a_range_that_ends_before_it_starts_says_so(
    database_url: str,
    world: World,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import date

    app = _page(database_url, Actor("admin", Role.ADMIN), monkeypatch)
    app.radio(key="report.kind").set_value("range").run()
    app.date_input(key="report.from").set_value(date(2026, 5, 1)).run()
    app.date_input(key="report.to").set_value(date(2026, 4, 1)).run()
    assert not app.exception, app.exception
    assert "早于开始日期" in app.error[0].value


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("who", ["admin", "official", "viewer"])
def test_the_page_is_said_in_one_language(
    database_url: str,
    world: World,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    who: str,
) -> None:
    """No raw key, no English sentence on the Chinese page, no None/nan (issue 15's check)."""
    from tests.ui.test_untranslated import problems, shown_texts

    actor = {
        "admin": Actor("admin", Role.ADMIN),
        "official": Actor("p1", Role.PARK_OFFICIAL, park_id=world.park_one),
        "viewer": Actor("v", Role.VIEWER),
    }[who]
    monkeypatch.setenv("DATABASE_URL", database_url)
    app = AppTest.from_file(PAGE, default_timeout=60)
    app.session_state["actor"] = actor
    app.session_state["lang"] = lang
    app.session_state["report.kind"] = "year"
    app.session_state["report.year"] = 2026
    app.run()
    assert not app.exception, app.exception
    found = problems(shown_texts(app), lang)
    assert not found, "\n".join(found)
