"""The router: language switch, demo banner and the navigation. Pages live in `pages/`."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from matching.services import db
from matching.ui.i18n import LANGUAGES, t
from models.session import database_url

PAGES_DIR = Path(__file__).parent / "pages"


def demo_mode() -> bool:
    """SQLite is the embedded demo; PostgreSQL is a deployment. MATCHING_DEMO overrides either way."""
    default = "1" if database_url().startswith("sqlite") else "0"
    return os.environ.get("MATCHING_DEMO", default) == "1"


def _page(name: str, title_key: str, icon: str, default: bool = False) -> StreamlitPage:
    return st.Page(PAGES_DIR / f"{name}.py", title=t(title_key), icon=icon, url_path=name, default=default)


def build_navigation() -> StreamlitPage:
    st.set_page_config(page_title=t("app.title"), layout="wide")
    with st.sidebar:
        st.selectbox(
            t("app.language"), list(LANGUAGES), format_func=LANGUAGES.__getitem__, key="lang", index=0
        )
    if not db.is_migrated():
        st.error(t("app.not_migrated"))
        st.stop()
    if demo_mode():
        st.info(t("app.demo_banner"), icon=":material/science:")
    pages = {
        t("nav.overview"): [_page("overview", "nav.overview", ":material/dashboard:", default=True)],
        t("nav.data"): [
            _page("parks", "nav.parks", ":material/factory:"),
            _page("enterprises", "nav.enterprises", ":material/business:"),
            _page("positions", "nav.positions", ":material/work:"),
            _page("graduates", "nav.graduates", ":material/school:"),
            _page("villages", "nav.villages", ":material/cottage:"),
            _page("aid_offers", "nav.aid_offers", ":material/volunteer_activism:"),
        ],
    }
    return st.navigation(pages)
