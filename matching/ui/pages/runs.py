"""Runs: every run with every option it was solved with and its figures; a job-fair run's fairness
report; two runs side by side."""

import pandas as pd
import streamlit as st

from matching.errors import InputError, NotFoundError
from matching.results import stored_solver, stored_summary
from matching.services import review
from matching.services.access import Action
from matching.ui.auth import current_actor
from matching.ui.common import sessions, show_table
from matching.ui.i18n import language, number, t
from matching.ui.run_changes import show_run_changes
from matching.ui.run_parameters import parameters_shown

actor = current_actor()
st.title(t("runs.title"))
with sessions()() as session:
    runs = review.runs(session, actor)
if runs.empty:
    st.info(t("runs.empty"))
    st.stop()


lang = language()
# The demo's recorded runs kept only this English message before their summary was a code.
KNOWN_MESSAGES = {"pairs recorded before this service was used": {"code": "runs.recorded", "params": {}}}


def summary_text(row: pd.Series) -> str:
    """The run's summary in the user's language (older runs have only the English message)."""
    summary = row["summary"] if isinstance(row["summary"], dict) else KNOWN_MESSAGES.get(row["message"])
    return stored_summary(summary, row["message"], lang, lines=False)


shown = runs.assign(
    program=runs["program"].map(lambda p: t(f"program.{p}")),
    method=runs["method"].map(lambda m: t(f"method.{m}")),
    status=runs["status"].map(lambda s: t(f"solve_status.{s}")),
    solver=runs["solver"].map(lambda s: stored_solver(s, lang)),
    parameters=runs["parameters"].map(parameters_shown),
    message=runs.apply(summary_text, axis=1),
).drop(columns=["summary"])
with st.container(key="runs-table"):
    show_table(
        shown,
        labels={c: t(f"runs.col.{c}") for c in shown.columns},
        column_config={"objective": st.column_config.NumberColumn(format="localized")},
    )

jobfair_runs = runs[(runs["program"] == "jobfair") & (runs["method"] != "timetable")]
if not jobfair_runs.empty:
    st.subheader(t("runs.fairness_report"))
    fairness_labels = {
        int(r.run_id): f"#{r.run_id} · {r.scope} · {t('method.' + r.method)}"
        for r in jobfair_runs.itertuples()
    }
    chosen_run = st.selectbox(
        t("runs.fairness_run"),
        list(fairness_labels),
        format_func=fairness_labels.__getitem__,
        key="runs.fairness",
    )
    try:
        with sessions()() as session:
            report = review.fairness(session, int(chosen_run), actor)
    except NotFoundError:
        st.info(t("runs.no_fairness"))
    else:
        tabs = st.tabs([t(f"runs.fairness.{attribute}") for attribute in report])
        for tab, table in zip(tabs, report.values(), strict=True):
            with tab:
                show_table(
                    table,
                    labels={c: t(f"runs.fairness.col.{c}") for c in table.columns},
                    column_config={
                        "match_rate": st.column_config.ProgressColumn(
                            format="percent", min_value=0.0, max_value=1.0
                        ),
                        "mean_wish_rank": st.column_config.NumberColumn(format="%.2f"),
                    },
                )

if not jobfair_runs.empty:
    # The notes a run's summary counts, and for a re-run who moved since the previous run and why.
    st.subheader(t("runs.changes"))
    change_labels = {
        int(r.run_id): f"#{r.run_id} · {r.scope} · {t('method.' + r.method)}"
        for r in jobfair_runs.itertuples()
    }
    changes_run = st.selectbox(
        t("runs.changes_run"), list(change_labels), format_func=change_labels.__getitem__, key="runs.changes"
    )
    if actor.may(Action.DECIDE_JOBFAIR):
        show_run_changes(int(changes_run), actor, key="runs")
    else:
        st.caption(t("runs.changes.not_allowed"))

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
        comparison = review.compare_runs(session, int(first), int(second), actor)
    except InputError as error:  # two runs that cannot be compared: said without a file (there is none)
        st.warning(t("runs.param.separator").join(problem.said(lang) for problem in error.problems))
        st.stop()
figures = comparison.figures.assign(method=comparison.figures["method"].map(lambda m: t(f"method.{m}")))
show_table(figures, labels={c: t(f"runs.fig.{c}") for c in figures.columns})
fairness, differences = st.tabs(
    [t("runs.fairness"), t("runs.differences", count=number(len(comparison.differences)))]
)
with fairness:
    fairness_table = comparison.fairness
    show_table(
        fairness_table,
        labels={
            c: t("runs.group") if c == "group" else c.replace("run ", "#") for c in fairness_table.columns
        },
    )
with differences:
    show_table(
        comparison.differences,
        labels={"subject": t("runs.subject"), "first": f"#{first}", "second": f"#{second}"},
    )
