"""What every page shares: the cached session factory, the filterable table and the guarded download."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from matching.services import browse, db
from matching.services.access import Action, Actor, PermissionDenied
from matching.ui.i18n import say_error, t

Loader = Callable[[db.Session, Actor], pd.DataFrame]


@st.cache_resource
def _sessions_for(url: str) -> db.Sessions:
    return db.sessions(url)


def sessions() -> db.Sessions:
    """The factory for the configured database (read now, so tests can point it elsewhere)."""
    return _sessions_for(db.database_url())


def filterable_table(
    frame: pd.DataFrame, key: str, actor: Actor, filter_columns: Sequence[str] = ()
) -> pd.DataFrame:
    """The table with a search box and a multiselect per filter column; returns the rows shown."""
    columns = st.columns([2] + [1] * len(filter_columns)) if filter_columns else [st.container()]
    search = columns[0].text_input(t("table.search"), key=f"{key}.search")
    shown = frame
    for column, slot in zip(filter_columns, columns[1:], strict=True):
        options = sorted(str(v) for v in frame[column].dropna().unique())
        chosen = slot.multiselect(
            t(f"col.{column}"), options, key=f"{key}.{column}", placeholder=t("table.choose")
        )
        if chosen:
            shown = shown[shown[column].astype(str).isin(chosen)]
    if search:
        text = shown.astype(str).apply(lambda row: " ".join(row), axis=1)
        shown = shown[text.str.contains(search, case=False, regex=False)]
    st.caption(t("table.shown", shown=f"{len(shown):,}", total=f"{len(frame):,}"))
    if shown.empty:
        st.info(t("table.empty"))
    else:
        with st.container(key=f"{key}.table"):
            st.dataframe(
                shown.rename(columns={c: t(f"col.{c}") for c in shown.columns}),
                hide_index=True,
                width="stretch",
            )
        guarded_download(
            actor,
            t("table.download"),
            key=f"{key}.download",
            personal=key in browse.PERSONAL_TABLES,
            make=lambda purpose: browse.download(sessions(), key, shown, actor, purpose),
            file_name=f"{key}.csv",
            mime="text/csv",
        )
    return shown


def data_page(
    title_key: str, key: str, load: Loader, actor: Actor, filter_columns: Sequence[str] = ()
) -> None:
    """A browse page: title, count, filters, table."""
    st.title(t(title_key))
    try:
        with sessions()() as session:
            frame = load(session, actor)
    except PermissionDenied as refusal:  # the navigation hides such pages; a typed URL still ends here
        st.info(say_error(refusal))
        st.stop()
    filterable_table(frame, key, actor, filter_columns)


def may_download(actor: Actor, personal: bool) -> bool:
    return actor.may(Action.EXPORT_PERSONAL if personal else Action.EXPORT_DATA)


def purpose_input(key: str) -> str:
    """The box that asks why a file about people is downloaded (logged with it)."""
    return st.text_input(t("download.purpose"), key=key, help=t("download.purpose.help"))


def guarded_download(
    actor: Actor,
    label: str,
    *,
    key: str,
    personal: bool,
    make: Callable[[str | None], bytes],
    file_name: str,
    mime: str,
    purpose_key: str | None = None,
) -> None:
    """A download button whose file is made (checked and logged by the service) only when clicked; a file
    about people also asks for its purpose first (in its own box, or in the page's `purpose_key` box that
    several buttons share). Roles that may not have the file see why instead."""
    if not may_download(actor, personal):
        st.caption(t("download.not_allowed"))
        return
    purpose: str | None = None
    if personal and purpose_key is not None:
        purpose = st.session_state.get(purpose_key) or None
    elif personal:
        purpose = purpose_input(f"{key}.purpose")
    st.download_button(
        label,
        data=lambda: make(purpose),
        file_name=file_name,
        mime=mime,
        key=key,
        disabled=personal and not (purpose or "").strip(),
        on_click="ignore",
        icon=":material/download:",
    )
