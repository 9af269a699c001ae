"""What every page shares: the cached session factory, the table as officials see it (blank empty cells,
grouped numbers, dates in the user's language), the filterable table and the guarded download."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from matching.services import browse, db
from matching.services.access import Action, Actor, PermissionDenied
from matching.ui.i18n import grid_date_format, number, say_error, t
from matching.ui.strings import STRINGS

Loader = Callable[[db.Session, Actor], pd.DataFrame]


@st.cache_resource
def _sessions_for(url: str) -> db.Sessions:
    return db.sessions(url)


def sessions() -> db.Sessions:
    """The factory for the configured database (read now, so tests can point it elsewhere)."""
    return _sessions_for(db.database_url())


def blank_empty(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with its empty cells blank: the grid writes a missing value as `None`. A number column
    with gaps becomes text (grouped, `number`), the others get an empty string."""
    if not frame.isna().to_numpy().any():
        return frame
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if not values.isna().any():
            continue
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            plain = _is_plain(column)
            shown[column] = [
                "" if pd.isna(v) else (f"{v:.0f}" if plain and float(v).is_integer() else number(v))
                for v in values
            ]
        else:
            shown[column] = values.astype(object).where(values.notna(), "")
    return shown


def _is_plain(column: object) -> bool:
    """Years, codes and ranks are numbers shown without thousands separators (2026, not 2,026)."""
    name = str(column)
    return name.endswith(("year", "_id", "rank", "seed", "code")) or name in {"year", "seed", "id"}


def number_columns(frame: pd.DataFrame) -> dict[str, Any]:
    """Column settings that give every number column grouped thousands (years, codes and ranks plain) and
    every date column the user's date format."""
    config: dict[str, Any] = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_datetime64_any_dtype(values):
            config[str(column)] = st.column_config.DatetimeColumn(format=grid_date_format(with_time=True))
        elif pd.api.types.is_numeric_dtype(values):
            config[str(column)] = st.column_config.NumberColumn(
                format="plain" if _is_plain(column) else "localized"
            )
    return config


def show_table(
    frame: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    column_config: Mapping[str, Any] | None = None,
    **options: Any,
) -> None:
    """`st.dataframe` as every page shows a table: empty cells blank, numbers grouped (years plain),
    dates in the user's language, no index, the page's width. `labels` renames columns (column → header
    shown); `column_config` (by the original column names) overrides the defaults."""
    config: dict[str, Any] = number_columns(frame)
    config.update(column_config or {})
    shown = blank_empty(frame)
    if labels:
        shown = shown.rename(columns=dict(labels))
        config = {labels.get(name, name): value for name, value in config.items()}
    options.setdefault("hide_index", True)
    options.setdefault("width", "stretch")
    st.dataframe(shown, column_config=config, **options)


def column_label(table: str, column: str) -> str:
    """A table's header: `col.<table>.<column>` where the table says it its own way (a graduate's name is
    姓名, a park's 名称), else `col.<column>`."""
    own = f"col.{table}.{column}"
    return t(own) if own in STRINGS else t(f"col.{column}")


def filterable_table(
    frame: pd.DataFrame, key: str, actor: Actor, filter_columns: Sequence[str] = ()
) -> pd.DataFrame:
    """The table with a search box and a multiselect per filter column; returns the rows shown."""
    columns = st.columns([2] + [1] * len(filter_columns)) if filter_columns else [st.container()]
    search = columns[0].text_input(
        t("table.search"), key=f"{key}.search", placeholder=t("table.search.placeholder")
    )
    shown = frame
    for column, slot in zip(filter_columns, columns[1:], strict=True):
        options = sorted(str(v) for v in frame[column].dropna().unique() if str(v))
        chosen = slot.multiselect(
            column_label(key, column), options, key=f"{key}.{column}", placeholder=t("table.choose")
        )
        if chosen:
            shown = shown[shown[column].astype(str).isin(chosen)]
    if search:
        text = shown.astype(str).apply(lambda row: " ".join(row), axis=1)
        shown = shown[text.str.contains(search, case=False, regex=False)]
    st.caption(t("table.shown", shown=number(len(shown)), total=number(len(frame))))
    if shown.empty:
        st.info(t("table.empty"))
    else:
        with st.container(key=f"{key}.table"):
            show_table(shown, labels={c: column_label(key, c) for c in shown.columns})
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
