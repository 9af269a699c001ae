"""The untranslated-string check (issue 15): every page, for every demo role, in both languages, shows
no raw translation key (`method.timetable`), no English sentence in Chinese mode and no `None`/`nan`
in a cell or a text.

`shown_texts` gathers what a page rendered in AppTest: every text element, label, help, placeholder,
option, metric, tab and expander label, every table header and cell (by the headers the column
configuration gives them) and the titles and values of charts. `problems` judges a list of such texts;
the browser test (tests/e2e/test_pages_zh.py) feeds it what Chromium shows. The last tests show the
check failing: a page with one key missing from the table, a sentence left in English, an empty cell.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from google.protobuf.message import Message as Proto
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from matching.aid.pairing import SolveOptions as AidSolveOptions
from matching.aid.run import AidOptions
from matching.jobfair.pipeline import SolveOptions
from matching.jobfair.timetable import SolveOptions as TimetableOptions
from matching.messages import MESSAGES
from matching.services import db, jobfair
from matching.services.access import Actor
from matching.services.aid import latest_offer_year, run_aid
from matching.services.jobfair import run_event
from matching.services.timetable import schedule_event
from matching.ui.strings import STRINGS
from models import Role, User
from tests.ui.conftest import APP, run_app

PAGES = (
    "overview",
    "report",
    "jobfair",
    "aid",
    "review",
    "timetable",
    "runs",
    "outcomes",
    "parks",
    "enterprises",
    "positions",
    "graduates",
    "villages",
    "aid_offers",
    "data",
)

# Latin words a Chinese page may show: file formats, solver and product names, standards, units.
# Anything that carries a digit (G00001, 2026, A4, UTF-8, GB18030, 210602) is a code and passes anyway.
ALLOWED_WORDS = frozenset(
    {
        "CP-SAT",
        "HiGHS",
        "SciPy",
        "OR-Tools",
        "ortools",  # OR-Tools' package name and its min-cost-flow solver, in a run's solver version
        "SimpleMinCostFlow",
        "CSV",
        "XLSX",
        "HTML",
        "PDF",
        "Excel",
        "GBK",
        "GB",
        "GB/T",
        "NBS",
        "ID",
        "OIDC",
        "SSO",
        "SQLite",
        "PostgreSQL",
        "Streamlit",
        "HMAC",
        "km",
        "kg",
        "English",  # the language switch names the other language in its own words
        "Linux",  # proper names in the demo's job titles (Web前端开发)
        "Web",
        # Streamlit's date input shows its format mask (yyyy/mm/dd) in an empty date range; an app cannot
        # translate it (see README)
        "yyyy",
        "mm",
        "dd",
    }
)
# Capitals alone (BJZ, HZQ park codes; C, G industry sections; ERP, QA/QC in job titles) are codes and
# abbreviations; a word in capitals that is a solver's status (OPTIMAL, FEASIBLE) is longer.
ACRONYM = re.compile(r"[A-Z]{1,6}")
# Commands an official may be told to run are code, not prose.
COMMAND = re.compile(r"(?:python -m matching|make)(?: [a-z][a-z-]*)+")
KEY = re.compile(r"(?<![\w./-])[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+(?![\w/-])")
FILE_SUFFIXES = frozenset({"csv", "xlsx", "xls", "html", "py", "toml", "json", "db", "svg", "txt", "zip"})
FILE_NAME = re.compile(r"[\w-]+\.(?:" + "|".join(sorted(FILE_SUFFIXES)) + r")\b")
ABBREVIATIONS = frozenset({"e.g", "i.e"})
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_/+'’-]*(?<![-'’/])")
EMPTY = frozenset({"None", "nan", "NaN", "NaT", "<NA>", "null", "undefined"})
EMPTY_TOKEN = re.compile(r"(?<![\w-])(?:None|nan|NaN|NaT|<NA>)(?![\w-])")
KNOWN_KEYS = STRINGS.keys() | MESSAGES.keys()


def raw_keys(text: str) -> list[str]:
    """Substrings that look like a translation key (`area.word`): in the tables, or shaped like one."""
    found = []
    for match in KEY.finditer(text):
        word = match.group()
        shaped = word.rsplit(".", 1)[1] not in FILE_SUFFIXES and word not in ABBREVIATIONS
        if word in KNOWN_KEYS or shaped:
            found.append(word)
    return found


def latin_words(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """Words of Latin letters that are neither codes (they carry a digit) nor in the allowed list."""
    known = ALLOWED_WORDS | set(allowed)
    found = []
    for token in TOKEN.findall(FILE_NAME.sub(" ", COMMAND.sub(" ", text))):
        if any(ch.isdigit() for ch in token) or token in known:
            continue
        if all(part in known or ACRONYM.fullmatch(part) for part in re.split(r"[/+]", token)):
            continue
        found.append(token)
    return found


def problems(texts: Iterable[tuple[str, str]], lang: str, allowed: Iterable[str] = ()) -> list[str]:
    """One line per text that is a raw key, an English sentence in Chinese mode, or an empty value shown
    as `None`/`nan`; `texts` are (where, text) pairs, `allowed` more words that may stay (user names)."""
    allowed = frozenset(allowed)
    found: list[str] = []
    for where, text in texts:
        text = str(text)
        if text.strip() in EMPTY or EMPTY_TOKEN.search(text):
            found.append(f"{where}: empty value shown as {text[:80]!r}")
            continue
        if keys := raw_keys(text):
            found.append(f"{where}: raw key {', '.join(keys)} in {text[:80]!r}")
            continue
        if lang == "zh" and (words := latin_words(text, allowed)):
            found.append(f"{where}: English {' '.join(words[:6])!r} in {text[:100]!r}")
    return found


# ---- what a page rendered in AppTest -------------------------------------------------------------

TEXT_FIELDS = frozenset(
    {"label", "body", "help", "placeholder", "options", "text", "code_text", "content", "delta", "title"}
)


def _proto_texts(message: Proto) -> Iterator[str]:
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        for item in values:
            if isinstance(item, Proto):
                yield from _proto_texts(item)
            elif isinstance(item, str) and field.name in TEXT_FIELDS and item:
                yield item


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return "None"  # how the grid shows a missing value
    return str(value)


def _table_texts(frame: pd.DataFrame, config: dict[str, Any], where: str) -> Iterator[tuple[str, str]]:
    """A table as the grid shows it: its headers (the column configuration's labels), its cells and the
    options of its select columns; hidden columns and a hidden index are left out."""
    for column in frame.columns:
        settings = config.get(str(column), {})
        if settings.get("hidden"):
            continue
        yield f"{where} header", str(settings.get("label") or column)
        for option in (settings.get("type_config") or {}).get("options") or []:
            shown = option.get("label", option.get("value")) if isinstance(option, dict) else option
            if shown not in (None, ""):
                yield f"{where} option of {column}", str(shown)
        for value in frame[column].tolist():
            yield f"{where} cell in {settings.get('label') or column}", _cell(value)
    if not config.get("_index", {}).get("hidden") and not isinstance(frame.index, pd.RangeIndex):
        for value in frame.index.tolist():
            yield f"{where} index", _cell(value)


def _chart_texts(proto: Any, where: str) -> Iterator[tuple[str, str]]:
    """A chart's axis and legend titles, the fields it names and the values its data holds."""
    spec = json.loads(proto.spec or "{}")

    def walk(node: Any) -> Iterator[str]:
        """An encoding's title, else its field (what vega-lite writes on the axis, legend and tooltip)."""
        if isinstance(node, dict):
            if isinstance(node.get("field"), str):
                title = node.get("title", node["field"])
                if isinstance(title, str) and title:
                    yield title
            elif isinstance(node.get("title"), str) and node["title"]:
                yield node["title"]
            for name, value in node.items():
                if name not in {"field", "title"}:
                    yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    spec.pop("data", None)
    spec.pop("datasets", None)
    for text in walk(spec):
        yield f"{where} title", text
    for dataset in proto.datasets:
        frame = pa.ipc.open_stream(dataset.data.data).read_pandas()
        for column in frame.columns:
            if frame[column].dtype == object:
                for value in frame[column].tolist():
                    yield f"{where} value", _cell(value)


def shown_texts(app: AppTest) -> list[tuple[str, str]]:
    """Every string the page rendered, each with where it was: (element, text)."""
    shown: list[tuple[str, str]] = []
    for node in app._tree:
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "?")
        if kind == "dataframe":
            config = json.loads(proto.columns or "{}")
            shown.extend(_table_texts(node.value, config, "table"))
        elif kind in ("table", "arrow_table"):
            shown.extend(_table_texts(node.value, {}, "table"))
        elif kind in ("vega_lite_chart", "arrow_vega_lite_chart"):
            shown.extend(_chart_texts(proto, "chart"))
        elif isinstance(proto, Proto):
            shown.extend((kind, text) for text in _proto_texts(proto) if not text.startswith(":material/"))
    return shown


# ---- the pages -------------------------------------------------------------------------------------

ADMIN = Actor("demo-admin", Role.ADMIN)


@pytest.fixture
def stored_work(demo_env: str) -> list[str]:
    """Runs of every kind on the demo database, so the review, runs, timetable and outcomes pages show
    their tables; returns the demo users, one per role."""
    sessions = db.sessions(demo_env)
    with sessions() as session:
        code = jobfair.events(session, ADMIN)[0].code  # the fair the pages open on
        official = session.scalars(select(User.username).where(User.role == Role.PARK_OFFICIAL)).first()
        year = latest_offer_year(session, ADMIN)
    assert official is not None and year is not None
    run_event(sessions, code, SolveOptions.for_method("stable", seed=1), actor=ADMIN)
    run_event(sessions, code, SolveOptions.for_method("shortlist", per_graduate=2, seed=1), actor=ADMIN)
    schedule_event(sessions, code, TimetableOptions(time_limit=3), actor=ADMIN)
    run_aid(sessions, year, AidOptions(solve=AidSolveOptions(time_limit=5, seed=1)), actor=ADMIN)
    return ["demo-admin", "demo-organiser", official, "demo-viewer"]


def open_page(user: str, lang: str, page: str) -> AppTest | None:
    """A fresh session in `lang` (chosen before the first run, as the sidebar's switch would) as the
    demo user, on `page`; None when the page is not in the role's navigation. A fresh session per page:
    AppTest says a widget's options again outside the script run, where the session's language is not
    at hand, so a second page in English would meet the first one's options in Chinese."""
    app = AppTest.from_file(APP, default_timeout=60)
    app.session_state["lang"] = lang
    app.run()
    app.selectbox(key=f"demo_user.{lang}").select(user).run()
    try:
        app.switch_page(f"matching/ui/pages/{page}.py").run()
    except ValueError:  # not in this role's navigation
        return None
    assert not app.exception, (user, lang, page, app.exception)
    return app


def page_problems(user: str, lang: str, usernames: Iterable[str]) -> dict[str, list[str]]:
    """What the check finds on every page the user's role has, in `lang`: page → problems."""
    found: dict[str, list[str]] = {}
    for page in PAGES:
        if (app := open_page(user, lang, page)) is not None:
            found[page] = problems(shown_texts(app), lang, usernames)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_shows_a_raw_key_english_or_none(stored_work: list[str], lang: str) -> None:
    report: dict[str, list[str]] = {}
    opened = 0
    for user in stored_work:
        for page, listed in page_problems(user, lang, stored_work).items():
            opened += 1
            if listed:
                report[f"{user} {page}"] = listed
    assert opened >= 30, "every role's pages were opened"
    lines = [
        f"{where} ({len(listed)}):\n    " + "\n    ".join(sorted(set(listed))[:25])
        for where, listed in report.items()
    ]
    assert not report, f"untranslated strings in {lang}:\n" + "\n".join(lines)


# ---- the check itself fails when it should ---------------------------------------------------------


def test_a_key_missing_from_the_table_is_named(demo_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """One page string removed from the table: the villages page shows its key, and the check names it."""
    app = run_app("villages")
    assert not [p for p in problems(shown_texts(app), "zh") if "col.county" in p]
    monkeypatch.delitem(STRINGS, "col.county")
    app = run_app("villages")
    found = problems(shown_texts(app), "zh")
    assert any("raw key col.county" in p for p in found), found
    found = problems(shown_texts(app), "en")
    assert any("raw key col.county" in p for p in found), found


def test_an_english_sentence_on_a_chinese_page_is_named(
    demo_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(STRINGS, "table.search", ("Search the table", "Search the table"))
    app = run_app("parks")
    found = problems(shown_texts(app), "zh")
    assert any("English 'Search the table'" in p for p in found), found
    assert not problems(shown_texts(app), "en")


def test_the_check_judges_keys_sentences_codes_and_empty_cells() -> None:
    assert problems([("cell", "method.timetable")], "en") == [
        "cell: raw key method.timetable in 'method.timetable'"
    ]
    assert problems([("cell", "None")], "zh") == ["cell: empty value shown as 'None'"]
    assert problems([("cell", "status=OPTIMAL seed=None")], "en")
    assert problems([("summary", "642 of 2,000 graduates matched")], "zh")
    # codes, units, file names, solver names and commands are not English sentences
    fine = [
        ("cell", "G00001"),
        ("cell", "91210600MA0QC8XX1K"),
        ("text", "求解器 CP-SAT，用时 3 秒，文件 positions.csv（UTF-8）"),
        ("text", "请先运行：python -m matching db migrate（或 make demo）。"),
        ("text", "导出 XLSX / CSV"),
    ]
    assert problems(fine, "zh") == []
    assert problems([("option", "demo-admin")], "zh", allowed=["demo-admin"]) == []
