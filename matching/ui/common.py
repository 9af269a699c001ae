"""What every page shares: the cached session factory and the filterable table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from matching.services import db
from matching.ui.i18n import t

Loader = Callable[[db.Session], pd.DataFrame]


@st.cache_resource
def _sessions_for(url: str) -> db.Sessions:
    return db.sessions(url)


def sessions() -> db.Sessions:
    """The factory for the configured database (read now, so tests can point it elsewhere)."""
    return _sessions_for(db.database_url())


def filterable_table(frame: pd.DataFrame, key: str, filter_columns: Sequence[str] = ()) -> pd.DataFrame:
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
        st.download_button(
            t("table.download"),
            shown.to_csv(index=False).encode("utf-8-sig"),
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"{key}.download",
        )
    return shown


def data_page(title_key: str, key: str, load: Loader, filter_columns: Sequence[str] = ()) -> None:
    """A browse page: title, count, filters, table."""
    st.title(t(title_key))
    with sessions()() as session:
        frame = load(session)
    filterable_table(frame, key, filter_columns)
