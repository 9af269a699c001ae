"""Data: import files with a preview of what will change, templates, and exports."""

from pathlib import Path

import streamlit as st

from matching.errors import InputError
from matching.services import data_io
from matching.services.access import Action, PermissionDenied
from matching.services.kinds import KINDS
from matching.ui.auth import current_actor
from matching.ui.common import guarded_download, sessions
from matching.ui.i18n import language, say_error, t

EDIT_LIMIT = 200  # rows in the edit grid at once; search narrows it

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}

actor = current_actor()
lang = language()
st.title(t("data.title"))
kind_labels = {name: KINDS[name].label(lang) for name in KINDS}  # said now, in this language
kind_name = st.selectbox(
    t("data.kind"), list(kind_labels), format_func=kind_labels.__getitem__, key="data.kind"
)
kind = KINDS[kind_name]
LIST_JOIN = "、" if lang == "zh" else ", "
st.caption(
    t(
        "data.columns",
        columns=LIST_JOIN.join(kind.header(c.name, lang) + ("*" if c.required else "") for c in kind.columns),
    )
)


def _column_header(column: str | None) -> str:
    """A column in the reader's language: in Chinese its header and, for a file that names it so, the
    column name (所在区县代码（county_code）); a Chinese header from the file stays as it is."""
    if not column or column not in kind.column_names or lang != "zh":
        return column or ""
    return f"{kind.header(column, lang)}（{column}）"


def _changed_headers(attrs: list[str]) -> str:
    """Changed model attributes (park_id …) as the file's columns in the reader's language."""
    by_attr = {c.model_attr: c.name for c in kind.columns}
    return LIST_JOIN.join(_column_header(by_attr.get(attr, attr)) for attr in attrs)


edit_tab, import_tab, export_tab = st.tabs([t("data.edit"), t("data.import"), t("data.export")])
with edit_tab:
    if not actor.may(Action.IMPORT_DATA):
        st.info(t("data.no_import"))
    else:
        search = st.text_input(t("table.search"), key=f"data.edit.search.{kind_name}")
        with sessions()() as session:
            # Personal columns are left out: they are edited by import only, and never shown unmasked here.
            stored = data_io.editable_frame(session, kind_name, actor=actor)
        stored = data_io.localised_values(kind_name, stored, lang)  # 国家级 for national; saved back alike
        editable = stored
        if search:
            text = editable.astype(str).apply(lambda row: " ".join(row), axis=1)
            editable = editable[text.str.contains(search, case=False, regex=False)]
        editable = editable.head(EDIT_LIMIT).reset_index(drop=True)
        st.caption(t("data.edit.help", limit=EDIT_LIMIT, shown=len(editable), total=len(stored)))
        nonce = st.session_state.setdefault(f"data.edit.nonce.{kind_name}", 0)
        grid_key = f"data.edit.grid.{kind_name}.{nonce}"
        edited = st.data_editor(
            editable,
            key=grid_key,
            hide_index=True,
            width="stretch",
            disabled=list(kind.key),
            num_rows="fixed",
            column_config={
                name: st.column_config.Column(kind.header(name, lang)) for name in editable.columns
            },
        )
        changed_rows = sorted(int(r) for r in st.session_state.get(grid_key, {}).get("edited_rows", {}))
        if st.button(
            t("data.edit.save", count=len(changed_rows)),
            type="primary",
            disabled=not changed_rows,
            key=f"data.edit.save.{kind_name}",
        ):
            changes = edited.iloc[changed_rows].astype(str).replace({"nan": "", "None": ""})
            try:
                with sessions()() as session, session.begin():
                    report = data_io.import_frame(
                        session, kind_name, changes, t("data.edit.file"), actor=actor
                    )
            except InputError as error:
                for problem in error.problems:
                    row = changed_rows[problem.row - 2] + 1 if problem.row and problem.row >= 2 else None
                    st.error(
                        t(
                            "data.edit.problem",
                            row=row or "—",
                            column=_column_header(problem.column),
                            message=problem.said(lang),
                        )
                    )
            else:
                st.session_state[f"data.edit.nonce.{kind_name}"] = nonce + 1
                st.session_state["data.edit.saved"] = report.updated
                st.rerun()
        saved = st.session_state.pop("data.edit.saved", None)
        if saved is not None:
            st.success(t("data.edit.saved", count=saved))

with import_tab:
    if not actor.may(Action.IMPORT_DATA):
        st.info(t("data.no_import"))
    else:
        upload = st.file_uploader(t("data.file"), type=["csv", "xlsx"], key=f"data.upload.{kind_name}")
        if upload is not None:
            data = upload.getvalue()
            try:
                preview = data_io.import_file(
                    sessions(),
                    kind_name,
                    Path(upload.name),
                    data=data,
                    file_name=upload.name,
                    actor=actor,
                    dry_run=True,
                )
            except InputError as error:
                st.error(t("data.rejected", count=len(error.problems)))
                st.dataframe(
                    [
                        {
                            t("data.row"): p.row if p.row is not None else "",
                            t("data.column"): _column_header(p.column),
                            t("data.problem"): p.said(lang),
                        }
                        for p in error.problems
                    ],
                    hide_index=True,
                    width="stretch",
                )
            else:
                st.info(
                    t(
                        "data.preview",
                        new=preview.inserted,
                        updated=preview.updated,
                        unchanged=preview.unchanged,
                    )
                )
                if preview.changes:
                    st.dataframe(
                        [
                            {
                                t("data.row"): row,
                                t("data.action"): t(f"data.{action}"),
                                t("data.key"): key,
                                t("data.changed"): _changed_headers(cols),
                            }
                            for row, action, key, cols in preview.changes[:1000]
                        ],
                        hide_index=True,
                        width="stretch",
                    )
                if st.button(
                    t("data.apply", count=preview.inserted + preview.updated),
                    type="primary",
                    disabled=not (preview.inserted or preview.updated),
                    key=f"data.apply.{kind_name}",
                ):
                    try:
                        report = data_io.import_file(
                            sessions(),
                            kind_name,
                            Path(upload.name),
                            data=data,
                            file_name=upload.name,
                            actor=actor,
                        )
                        st.success(report.summary(lang))
                    except (InputError, PermissionDenied) as error:
                        st.error(say_error(error))

with export_tab:
    left, right = st.columns(2)
    with left:
        st.caption(t("data.template.help"))
        st.download_button(
            t("data.template"),
            data_io.template_bytes(kind_name),
            file_name=f"{kind_name}_template.xlsx",
            key=f"data.template.{kind_name}",
        )
    with right:  # made, checked and logged only when clicked (a kind with personal data asks why first)
        format_labels = {f: t(f"data.export.format.{f}") for f in FORMATS}  # said now, in this language
        file_format = st.radio(
            t("data.export.format"),
            list(FORMATS),
            format_func=format_labels.__getitem__,
            horizontal=True,
            key=f"data.export.format.{kind_name}",
        )
        codes = st.checkbox(
            t("data.export.codes"), key=f"data.export.codes.{kind_name}", help=t("data.export.codes.help")
        )
        guarded_download(
            actor,
            t("data.download.file"),
            key=f"data.download.{kind_name}",
            personal=bool(kind.personal),
            make=lambda purpose: data_io.export_bytes_for(
                sessions(), kind_name, file_format, actor=actor, purpose=purpose, lang=lang, codes=codes
            ),
            file_name=f"{kind_name}.{file_format}",
            mime=FORMATS[file_format],
        )
