"""Aid pairing: run the city's pairing for a year, then each park reviews its own pairs.

The page builds the one `AidOptions` the core receives, as `aid solve --year` does: weights, time limit
and seed, the distance limit, park and county minimums, and the optional helper enterprises; and the run's
pairing term (`PairingTerm`, the same fields as `--term-years`).
"""

from dataclasses import fields

import pandas as pd
import streamlit as st

from matching.services import aid as service
from matching.services import review
from matching.services.access import Action
from matching.services.vocabulary import Program
from matching.ui import jobs
from matching.ui.auth import current_actor
from matching.ui.common import sessions
from matching.ui.i18n import language, number, say, say_error, t
from matching.ui.options import option_controls

actor = current_actor()
st.title(t("aid.title"))
with sessions()() as session:
    year = service.latest_offer_year(session, actor)
    runs = review.runs(session, actor, Program.AID)
if year is None:
    st.info(t("aid.no_offers"))
    st.stop()


def minimums_editor(names: dict[str, str], key: str, column: str) -> dict[str, int]:
    """A table of parks (or counties) with the least number of villages each must lead (0 = none)."""
    frame = pd.DataFrame({"code": list(names), "name": list(names.values()), "minimum": [0] * len(names)})
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        disabled=["code", "name"],
        column_config={
            "code": st.column_config.TextColumn(t("aid.col.code")),
            "name": st.column_config.TextColumn(t(column)),
            "minimum": st.column_config.NumberColumn(t("aid.col.minimum"), min_value=0, step=1),
        },
    )
    return {str(row.code): int(row.minimum) for row in edited.itertuples() if int(row.minimum or 0) > 0}


if actor.may(Action.RUN_AID):
    with st.expander(t("aid.weights")):
        weight_columns = st.columns(4)
        defaults = service.ScoringWeights()
        chosen = {
            field.name: weight_columns[index].slider(
                t(f"component.{field.name}"),
                0.0,
                100.0,
                float(getattr(defaults, field.name)),
                5.0,
                key=f"aid.w.{field.name}",
            )
            for index, field in enumerate(fields(service.ScoringWeights))
        }
    left, middle, right = st.columns(3)
    time_limit = left.slider(t("option.time_limit"), 1, 60, 10, key="aid.time_limit")
    seed = int(middle.number_input(t("aid.seed"), 0, 2**31 - 1, 0, key="aid.seed"))
    parameters = option_controls(service.AidParameters, "aid", container=right)
    term_values = option_controls(service.PairingTerm, "aid.term", container=middle)
    with st.expander(t("aid.minimums")):
        with sessions()() as session:
            park_names, county_names = service.minimum_targets(session, actor)
        park_minimums = minimums_editor(park_names, "aid.min_parks", "col.park")
        county_minimums = minimums_editor(county_names, "aid.min_counties", "col.county")
    with st.expander(t("aid.helpers")):
        use_helpers = st.checkbox(t("aid.helpers.use"), key="aid.helpers.use", help=t("aid.helpers.help"))
        helper_values = option_controls(service.HelperOptions, "aid.helpers", container=st.container())
    try:
        options = service.AidOptions(
            parameters=service.AidParameters(
                weights=service.ScoringWeights(**chosen),
                min_villages_per_park=park_minimums,
                min_villages_per_county=county_minimums,
                **parameters,
            ),
            solve=service.SolveOptions(time_limit=float(time_limit), seed=seed),
            helpers=service.HelperOptions(**helper_values) if use_helpers else None,
        )
        term = service.PairingTerm(**term_values)
    except ValueError as error:
        st.error(say_error(error))
        st.stop()
    if st.button(t("aid.run", year=year), type="primary", icon=":material/play_arrow:", key="aid.run"):
        jobs.start("aid", service.run_aid, sessions(), year, options, actor=actor, term=term)


def done(outcome: tuple[service.AidRunSummary, object]) -> None:
    summary, _ = outcome
    st.session_state["review.run"] = summary.run_id
    if summary.status.value in ("OPTIMAL", "FEASIBLE"):
        st.success(t("aid.done", summary=say(summary.message)))
    else:
        st.warning(t("aid.partial", covered=summary.covered, villages=summary.villages))
        st.code("\n".join(summary.diagnosis_in(language())), language=None)
    if summary.moved is not None:
        st.info(t("aid.moved", moved=summary.moved, kept=summary.kept_decisions))
    st.info(say(summary.terms_message))
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
paired = proposals[(proposals["partner"] != "") & (proposals["role"] == "lead")]
helpers = proposals[proposals["role"] == "helper"]
per_park = (
    paired.groupby("park")
    .agg(
        villages=("proposal_id", "count"),
        budget=("load", "sum"),
        approved=("status", lambda s: int((s == "approved").sum())),
        kept=("term_kind", lambda s: int((s == "kept").sum())),
        renewed=("term_kind", lambda s: int((s == "renewed").sum())),
    )
    .reset_index()
)
st.subheader(t("aid.per_park", run=latest))
figures = st.columns(4)
leads = proposals[proposals["role"] == "lead"]
figures[0].metric(t("aid.paired"), f"{number(len(paired))} / {number(len(leads))}")
figures[1].metric(t("aid.budget_used"), number(float(pd.to_numeric(paired["load"]).sum())))
figures[2].metric(t("aid.approved"), number(int((paired["status"] == "approved").sum())))
figures[3].metric(t("aid.helper_pairs"), number(len(helpers)))
st.dataframe(
    per_park.rename(
        columns={
            "park": t("col.park"),
            "villages": t("aid.villages"),
            "budget": t("aid.budget_used"),
            "approved": t("aid.approved"),
            "kept": t("aid.term.kept"),
            "renewed": t("aid.term.renewed"),
        }
    ),
    hide_index=True,
    width="stretch",
)
