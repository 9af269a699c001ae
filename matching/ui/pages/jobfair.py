"""Job fair: pick an event, check it, choose a method and its weights, run it, then review."""

from dataclasses import fields

import streamlit as st

from matching.jobfair import FitWeights, Method, Proposing
from matching.services import jobfair as service
from matching.ui import jobs
from matching.ui.auth import current_actor
from matching.ui.common import sessions
from matching.ui.i18n import t

actor = current_actor()
st.title(t("jobfair.title"))
with sessions()() as session:
    events = [(e.code, f"{e.name} · {e.held_on:%Y-%m-%d}", dict(e.weights)) for e in service.events(session)]
if not events:
    st.info(t("jobfair.no_events"))
    st.stop()

labels = {code: label for code, label, _ in events}
event_code = st.selectbox(
    t("jobfair.event"), list(labels), format_func=labels.__getitem__, key="jobfair.event"
)
stored_weights = next(w for code, _, w in events if code == event_code)

method = Method(
    st.segmented_control(
        t("jobfair.method"),
        [m.value for m in Method],
        format_func=lambda value: t(f"method.{value}"),
        default=Method.STABLE.value,
        key="jobfair.method",
    )
    or Method.STABLE.value
)
st.caption(t(f"method.{method.value}.help"))
left, middle, right = st.columns(3)
proposing = Proposing.GRADUATES
per_graduate = None
maximise_matches = False
if method is Method.STABLE:
    proposing = Proposing(
        left.radio(
            t("jobfair.proposing"),
            [p.value for p in Proposing],
            format_func=lambda value: t(f"proposing.{value}"),
            key="jobfair.proposing",
        )
    )
elif method is Method.SHORTLIST:
    per_graduate = int(left.number_input(t("jobfair.per_graduate"), 1, 10, 3, key="jobfair.per_graduate"))
else:
    maximise_matches = left.checkbox(t("jobfair.maximise_matches"), key="jobfair.maximise_matches")
seed_text = middle.text_input(t("jobfair.seed"), key="jobfair.seed", help=t("jobfair.seed.help"))

with st.expander(t("jobfair.weights")):
    defaults = FitWeights(**stored_weights) if stored_weights else FitWeights()
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
        for index, field in enumerate(fields(FitWeights))
    }
try:
    weights = FitWeights(**chosen)
except ValueError as error:
    st.error(str(error))
    st.stop()

check, run = st.columns(2)
if check.button(t("jobfair.check"), icon=":material/fact_check:", key="jobfair.check"):
    preview = service.preview_event(sessions(), event_code, method, actor=actor, weights=weights)
    if preview.feasibility.feasible:
        st.success(t("jobfair.feasible", summary=preview.summary()))
    for finding in preview.feasibility.blocking:
        st.error(str(finding))
    for finding in preview.feasibility.notes:
        st.info(str(finding))

if run.button(t("jobfair.run"), type="primary", icon=":material/play_arrow:", key="jobfair.run"):
    seed = int(seed_text) if seed_text.strip().isdigit() else None
    jobs.start(
        "jobfair",
        service.run_event,
        sessions(),
        event_code,
        method,
        proposing=proposing,
        per_graduate=per_graduate,
        seed=seed,
        weights=weights,
        maximise_matches=maximise_matches,
        actor=actor,
    )


def done(outcome: tuple[service.RunSummary, object]) -> None:
    summary, _ = outcome
    st.session_state["review.run"] = summary.run_id
    st.success(t("jobfair.done", summary=summary.summary))
    if summary.moved is not None:
        st.info(t("jobfair.moved", moved=summary.moved, kept=summary.kept_decisions))
    st.page_link("matching/ui/pages/review.py", label=t("jobfair.to_review"), icon=":material/rate_review:")


jobs.show("jobfair", done)
