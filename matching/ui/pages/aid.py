"""Aid pairing: run the city's pairing for a year, then each park reviews its own pairs."""

from dataclasses import fields

import pandas as pd
import streamlit as st

from matching.aid.parameters import ScoringWeights
from matching.services import aid as service
from matching.services import review
from matching.services.access import Action
from matching.ui import jobs
from matching.ui.auth import current_actor
from matching.ui.common import sessions
from matching.ui.i18n import number, t
from models import Program

actor = current_actor()
st.title(t("aid.title"))
with sessions()() as session:
    year = service.latest_offer_year(session)
    runs = review.runs(session, Program.AID)
if year is None:
    st.info(t("aid.no_offers"))
    st.stop()

if actor.may(Action.RUN_AID):
    with st.expander(t("aid.weights")):
        weight_columns = st.columns(4)
        defaults = ScoringWeights()
        chosen = {
            field.name: weight_columns[index].slider(
                t(f"component.{field.name}"),
                0.0,
                100.0,
                float(getattr(defaults, field.name)),
                5.0,
                key=f"aid.w.{field.name}",
            )
            for index, field in enumerate(fields(ScoringWeights))
        }
    left, right = st.columns(2)
    time_limit = left.slider(t("aid.time_limit"), 1, 60, 10, key="aid.time_limit")
    seed = int(right.number_input(t("aid.seed"), 0, 2**31 - 1, 0, key="aid.seed"))
    if st.button(t("aid.run", year=year), type="primary", icon=":material/play_arrow:", key="aid.run"):
        jobs.start(
            "aid",
            service.run_aid,
            sessions(),
            year,
            actor=actor,
            weights=ScoringWeights(**chosen),
            time_limit=float(time_limit),
            seed=seed,
        )


def done(outcome: tuple[service.AidRunSummary, object]) -> None:
    summary, _ = outcome
    st.session_state["review.run"] = summary.run_id
    if summary.status.value in ("OPTIMAL", "FEASIBLE"):
        st.success(t("aid.done", summary=summary.summary))
    else:
        st.warning(t("aid.partial", covered=summary.covered, villages=summary.villages))
        st.code("\n".join(summary.diagnosis), language=None)
    if summary.moved is not None:
        st.info(t("aid.moved", moved=summary.moved, kept=summary.kept_decisions))
    st.page_link("matching/ui/pages/review.py", label=t("jobfair.to_review"), icon=":material/rate_review:")


jobs.show("aid", done)

# Per park: what the latest run proposes for each park's enterprises.
aid_runs = runs[runs["method"] == service.METHOD]
if aid_runs.empty:
    st.info(t("aid.no_runs"))
    st.stop()
latest = int(aid_runs.iloc[0]["run_id"])
with sessions()() as session:
    proposals = review.proposals(session, latest, actor)
paired = proposals[proposals["partner"] != ""]
per_park = (
    paired.groupby("park")
    .agg(
        villages=("proposal_id", "count"),
        budget=("load", "sum"),
        approved=("status", lambda s: int((s == "approved").sum())),
    )
    .reset_index()
)
st.subheader(t("aid.per_park", run=latest))
figures = st.columns(3)
figures[0].metric(t("aid.paired"), f"{number(len(paired))} / {number(len(proposals))}")
figures[1].metric(t("aid.budget_used"), number(float(pd.to_numeric(paired["load"]).sum())))
figures[2].metric(t("aid.approved"), number(int((paired["status"] == "approved").sum())))
st.dataframe(
    per_park.rename(
        columns={
            "park": t("col.park"),
            "villages": t("aid.villages"),
            "budget": t("aid.budget_used"),
            "approved": t("aid.approved"),
        }
    ),
    hide_index=True,
    width="stretch",
)
