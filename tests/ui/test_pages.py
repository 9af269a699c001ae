"""Every page runs without an exception over the demo data, and shows its figures and filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP, run_app

DATA_PAGES = {
    "parks": 8,
    "enterprises": 200,
    "positions": 457,  # both fairs
    "graduates": 3600,
    "villages": 101,
    "aid_offers": 257,  # 2024, 2025 and 2026
}


def test_overview_shows_the_city_figures(demo_env: str) -> None:
    app = run_app()
    metrics = {m.label: m.value for m in app.metric}
    # the period reported so far: the 2025 fair held and two years of aid, the city's published figures
    assert metrics["参会企业"] == "143" and metrics["招聘人数"] == "758" and metrics["达成就业意向"] == "712"
    assert metrics["已结对村"] == "101 / 101" and metrics["已投入资金（元）"] == "8,360,000"
    assert (metrics["创造就业岗位"], metrics["义诊（次）"], metrics["法律咨询（次）"]) == (
        "295",
        "463",
        "1,059",
    )
    assert "2026年帮扶预算 4,200,000 元" in app.caption[-1].value
    assert any("演示模式" in info.value for info in app.info)


@pytest.mark.parametrize(("page", "rows"), list(DATA_PAGES.items()))
def test_each_data_page_lists_its_records(demo_env: str, page: str, rows: int) -> None:
    app = run_app(page)
    assert len(app.dataframe) == 1
    assert len(app.dataframe[0].value) == rows
    assert app.multiselect, "each data page has filters"


def test_filters_and_search_narrow_the_table(demo_env: str) -> None:
    app = run_app("villages")
    everything = len(app.dataframe[0].value)
    county = app.multiselect(key="villages.county")
    county.select(county.options[0]).run()
    narrowed = len(app.dataframe[0].value)
    assert 0 < narrowed < everything
    app.text_input(key="villages.search").input("zzzz-no-such-village").run()
    assert not app.dataframe and any("没有符合条件" in i.value for i in app.info)


def test_personal_data_is_masked(demo_env: str) -> None:
    app = run_app("graduates")
    phones = app.dataframe[0].value["电话"]
    assert all("****" in phone for phone in phones if phone)


def test_english_is_one_switch_away(demo_env: str) -> None:
    app = run_app()
    app.selectbox(key="lang").select("en").run()
    assert not app.exception
    assert app.title[0].value == "The city at a glance"


def test_an_unmigrated_database_says_what_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert not app.exception
    assert "python -m matching db migrate" in app.error[0].value


def test_revealing_a_phone_needs_the_permission_and_is_logged(demo_env: str) -> None:
    from sqlalchemy import select

    from matching.services import db
    from models import AuditEntry, Graduate, User

    with db.sessions(demo_env)() as session:
        graduate = session.scalars(select(Graduate).order_by(Graduate.id)).first()
        assert graduate is not None and graduate.phone
        code, phone = graduate.code, graduate.phone
    app = run_app("graduates", user="demo-organiser")
    app.text_input(key="reveal.code").input(code).run()
    app.button(key="reveal.button").click().run()
    assert any(phone in m.value for m in app.markdown)
    with db.sessions(demo_env)() as session:
        logged = session.scalars(select(AuditEntry).where(AuditEntry.action == "reveal")).all()
    assert [(e.actor, e.entity_key) for e in logged] == [("demo-organiser", code)]
    with db.sessions(demo_env)() as session:
        official = session.scalars(select(User.username).where(User.username.startswith("demo-park"))).first()
    app = run_app(user=official)  # a park official has no business with the graduates: no such page
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("matching/ui/pages/graduates.py")
    app.switch_page("matching/ui/pages/positions.py").run()
    assert not app.exception and app.dataframe


def test_no_page_renders_data_as_raw_html() -> None:
    from pathlib import Path

    sources = Path(APP).parent.joinpath("matching/ui").rglob("*.py")
    assert not [p.name for p in sources if "unsafe_allow_html" in p.read_text(encoding="utf-8")]


def test_switching_language_keeps_the_demo_user(demo_env: str) -> None:
    app = run_app(user="demo-organiser")
    app.selectbox(key="lang").select("en").run()
    switch = app.selectbox(key="demo_user.en")
    assert switch.value == "demo-organiser" and "event organiser" in switch.format_func(switch.value)


def test_tables_group_thousands_keep_years_plain_and_name_people_by_xingming(demo_env: str) -> None:
    import json

    app = run_app("aid_offers")
    formats = {
        name: settings.get("type_config", {}).get("format")
        for name, settings in json.loads(app.dataframe[0].proto.columns).items()
    }
    assert formats["年度预算（元）"] == "localized" and formats["年度"] == "plain", formats
    graduates = run_app("graduates")
    assert "姓名" in graduates.dataframe[0].value.columns
    assert "名称" in run_app("parks").dataframe[0].value.columns  # a park's name stays 名称


def test_empty_cells_are_blank_not_none() -> None:
    import pandas as pd

    from matching.ui.common import blank_empty

    frame = pd.DataFrame({"text": ["a", None], "count": [1200.0, float("nan")], "year": [2026.0, None]})
    shown = blank_empty(frame)
    assert shown["text"].tolist() == ["a", ""]
    assert shown["count"].tolist() == ["1,200", ""]
    assert shown["year"].tolist() == ["2026", ""]
    assert blank_empty(frame.dropna()).equals(frame.dropna())  # a full table is shown as it is
