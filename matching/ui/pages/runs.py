"""Runs: every run with its parameters and figures; two runs side by side."""

import streamlit as st

from matching.services import review
from matching.ui.auth import current_actor
from matching.ui.common import sessions
from matching.ui.i18n import t

current_actor()
st.title(t("runs.title"))
with sessions()() as session:
    runs = review.runs(session)
if runs.empty:
    st.info(t("runs.empty"))
    st.stop()

shown = runs.assign(
    program=runs["program"].map(lambda p: t(f"program.{p}")),
    method=runs["method"].map(lambda m: t(f"method.{m}")),
)
with st.container(key="runs-table"):
    st.dataframe(
        shown.rename(columns={c: t(f"runs.col.{c}") for c in shown.columns}),
        hide_index=True,
        width="stretch",
        column_config={t("runs.col.created_at"): st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")},
    )

st.subheader(t("runs.compare"))
labels = {
    int(r.run_id): f"#{r.run_id} · {t('program.' + r.program)} · {r.scope} · {t('method.' + r.method)}"
    for r in runs.itertuples()
}
ids = list(labels)
left, right = st.columns(2)
first = left.selectbox(
    t("runs.first"), ids, index=min(1, len(ids) - 1), format_func=labels.__getitem__, key="runs.first"
)
second = right.selectbox(t("runs.second"), ids, index=0, format_func=labels.__getitem__, key="runs.second")
if first == second:
    st.info(t("runs.same"))
    st.stop()
with sessions()() as session:
    try:
        comparison = review.compare_runs(session, int(first), int(second))
    except ValueError as error:
        st.warning(str(error))
        st.stop()
figures = comparison.figures.assign(method=comparison.figures["method"].map(lambda m: t(f"method.{m}")))
st.dataframe(
    figures.rename(columns={c: t(f"runs.fig.{c}") for c in figures.columns}),
    hide_index=True,
    width="stretch",
)
fairness, differences = st.tabs(
    [t("runs.fairness"), t("runs.differences", count=len(comparison.differences))]
)
with fairness:
    fairness_table = comparison.fairness.rename(
        columns=lambda c: t("runs.group") if c == "group" else c.replace("run ", "#")
    )
    st.dataframe(fairness_table, hide_index=True, width="stretch")
with differences:
    st.dataframe(
        comparison.differences.rename(
            columns={"subject": t("runs.subject"), "first": f"#{first}", "second": f"#{second}"}
        ),
        hide_index=True,
        width="stretch",
    )
