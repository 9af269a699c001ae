"""Job fair: pick an event, check it, choose a method and its options, run it, then review.

The method list and each method's controls come from the method registry; the page builds the one
`SolveOptions` the core receives, as the command line does.
"""

from dataclasses import fields

import streamlit as st

from matching.services import jobfair as service
from matching.ui import jobs
from matching.ui.auth import current_actor
from matching.ui.common import sessions
from matching.ui.i18n import language, say, say_error, t
from matching.ui.options import option_controls

actor = current_actor()
st.title(t("jobfair.title"))
with sessions()() as session:
    events = [
        (e.code, f"{e.name} · {e.held_on:%Y-%m-%d}", dict(e.weights)) for e in service.events(session, actor)
    ]
if not events:
    st.info(t("jobfair.no_events"))
    st.stop()

labels = {code: label for code, label, _ in events}
event_code = st.selectbox(
    t("jobfair.event"), list(labels), format_func=labels.__getitem__, key="jobfair.event"
)
stored_weights = next(w for code, _, w in events if code == event_code)

methods = list(service.METHODS)
method = service.Method(
    st.segmented_control(
        t("jobfair.option.method"),
        [m.value for m in methods],
        format_func=lambda value: t(service.METHODS[service.Method(value)].label),
        default=methods[0].value,
        key="jobfair.method",
    )
    or methods[0].value
)
spec = service.METHODS[method]
st.caption(t(f"{spec.label}.help"))
left, right = st.columns(2)
method_values = option_controls(spec.options_type, "jobfair", container=left)
common_values = option_controls(service.SolveOptions, "jobfair", container=right, skip=("method",))

with st.expander(t("jobfair.weights")):
    defaults = service.FitWeights(**stored_weights) if stored_weights else service.FitWeights()
    columns = st.columns(3)
    chosen = {
        field.name: columns[index % 3].slider(
            t(f"component.{field.name}"),
            0.0,
            1.0,
            float(getattr(defaults, field.name)),
            0.05,
            key=f"w.{field.name}",
        )
        for index, field in enumerate(fields(service.FitWeights))
    }
try:
    options = service.SolveOptions(
        method=method,
        method_options=spec.options_type(**method_values),
        weights=service.FitWeights(**chosen),
        **common_values,
    )
except ValueError as error:
    st.error(say_error(error))
    st.stop()

check, run = st.columns(2)
if check.button(t("jobfair.check"), icon=":material/fact_check:", key="jobfair.check"):
    preview = service.preview_event(sessions(), event_code, options, actor=actor)
    if preview.feasibility.feasible:
        st.success(t("jobfair.feasible", summary=preview.summary_message()))
    for finding in preview.feasibility.blocking:
        st.error(finding.text(language()))
    for finding in preview.feasibility.notes:
        st.info(finding.text(language()))

if run.button(
    t("jobfair.run"),
    type="primary",
    icon=":material/play_arrow:",
    key="jobfair.run",
    disabled=jobs.running("jobfair"),
):
    jobs.start("jobfair", service.run_event, sessions(), event_code, options, actor=actor)


def done(outcome: tuple[service.RunSummary, object]) -> None:
    summary, _ = outcome
    st.session_state["review.run"] = summary.run_id
    st.success(t("jobfair.done", summary=say(summary.message)))
    if summary.moved is not None:
        st.info(t("jobfair.moved", moved=summary.moved, kept=summary.kept_decisions))
    st.page_link("matching/ui/pages/review.py", label=t("jobfair.to_review"), icon=":material/rate_review:")


jobs.show("jobfair", done)
