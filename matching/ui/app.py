"""The router: language, who is signed in, and the pages that role may use. Pages live in `pages/`."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from matching.services import db
from matching.services.access import PERMISSIONS, Action, Actor
from matching.services.demo import is_demo_database, reset_demo
from matching.ui import auth, common
from matching.ui.i18n import LANGUAGES, t

PAGES_DIR = Path(__file__).parent / "pages"
# The tab's icon, sent inline: without one Streamlit fetches the page's Material icon from Google's font server.
FAVICON = Path(__file__).resolve().parents[2] / "static" / "favicon.svg"


def demo_mode() -> bool:
    """The no-sign-in role switch, only on a database `demo seed` created, whatever the backend. Asked for
    by default on SQLite (the embedded demo), with MATCHING_DEMO=1 on PostgreSQL; MATCHING_DEMO=0 turns it off
    on a demo database too. Asking for it on any other database shows why it is off and keeps the sign-in."""
    default = "1" if db.database_url().startswith("sqlite") else "0"
    if os.environ.get("MATCHING_DEMO", default) != "1":
        return False
    if is_demo_database(common.sessions()):
        return True
    if os.environ.get("MATCHING_DEMO") == "1":  # said explicitly: say why it is not given
        st.warning(t("demo.mode_refused"), icon=":material/lock:")
    return False


def _page(name: str, title_key: str, icon: str, default: bool = False) -> StreamlitPage:
    return st.Page(PAGES_DIR / f"{name}.py", title=t(title_key), icon=icon, url_path=name, default=default)


def pages_for(actor: Actor) -> dict[str, list[StreamlitPage]]:
    """The navigation for a role: a page is listed only when the role may use it (the services check too)."""
    sections: dict[str, list[StreamlitPage]] = {
        t("nav.overview"): [_page("overview", "nav.overview", ":material/dashboard:", default=True)]
    }
    if actor.may(Action.VIEW_REPORTS):  # every role; the page hides the ledger and downloads from a viewer
        sections[t("nav.overview")].append(_page("report", "nav.report", ":material/summarize:"))
    matching = []
    if actor.may(Action.RUN_JOBFAIR):
        matching.append(_page("jobfair", "nav.jobfair", ":material/groups:"))
    if actor.may(Action.RUN_AID) or Action.DECIDE_AID in _permissions(actor):
        matching.append(_page("aid", "nav.aid", ":material/handshake:"))
    if actor.may(Action.DECIDE_JOBFAIR) or Action.DECIDE_AID in _permissions(actor):
        matching.append(_page("review", "nav.review", ":material/rate_review:"))
    if actor.may(Action.SCHEDULE_JOBFAIR):
        matching.append(_page("timetable", "nav.timetable", ":material/calendar_month:"))
    if actor.may(Action.VIEW_DATA):
        matching.append(_page("runs", "nav.runs", ":material/history:"))
    if actor.may(Action.RECORD_JOBFAIR_OUTCOME) or Action.RECORD_AID_OUTCOME in _permissions(actor):
        matching.append(_page("outcomes", "nav.outcomes", ":material/task_alt:"))
    if matching:
        sections[t("nav.programmes")] = matching
    if actor.may(Action.VIEW_DATA):
        data = [
            _page("parks", "nav.parks", ":material/factory:"),
            _page("enterprises", "nav.enterprises", ":material/business:"),
            _page("positions", "nav.positions", ":material/work:"),
        ]
        if actor.may(Action.VIEW_GRADUATES):
            data.append(_page("graduates", "nav.graduates", ":material/school:"))
        data += [
            _page("villages", "nav.villages", ":material/cottage:"),
            _page("aid_offers", "nav.aid_offers", ":material/volunteer_activism:"),
        ]
        if actor.may(Action.IMPORT_DATA) or actor.may(Action.EXPORT_DATA):
            data.append(_page("data", "nav.import", ":material/upload_file:"))
        sections[t("nav.data")] = data
    return sections


def _permissions(actor: Actor) -> frozenset[Action]:
    return PERMISSIONS[actor.role]


def _demo_reset(actor: Actor) -> None:
    with st.sidebar.popover(t("app.demo_reset"), icon=":material/restart_alt:"):
        st.write(t("app.demo_reset.confirm"))
        if st.button(t("app.demo_reset.button"), type="primary", key="demo.reset"):
            with st.spinner(t("app.demo_reset.running")):
                reset_demo(common.sessions(), actor)
            st.session_state.clear()
            st.rerun()


def build_navigation() -> StreamlitPage:
    st.set_page_config(page_title=t("app.title"), page_icon=FAVICON, layout="wide")
    with st.sidebar:
        st.selectbox(
            t("app.language"),
            list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            key="lang",
            placeholder=t("table.pick"),
        )
    if not db.is_migrated():
        st.error(t("app.not_migrated"))
        st.stop()
    if demo_mode():
        st.info(t("app.demo_banner"), icon=":material/science:")
        actor = auth.demo_switch()
        if actor is None:
            st.warning(t("app.no_demo_users"))
            st.stop()
        if actor.may(Action.MAINTAIN):
            _demo_reset(actor)
    else:
        actor = auth.signed_in_actor()
        if actor is None:
            return st.navigation([st.Page(auth.sign_in_page, title=t("auth.sign_in"), url_path="sign-in")])
    return st.navigation(pages_for(actor), expanded=True)  # every page listed, no "View N more"
