"""Overview: the city's figures in the shape the report uses, per park and over time."""

import altair as alt
import streamlit as st

from matching.services import browse, outcomes, report
from matching.ui.auth import current_actor
from matching.ui.common import sessions, show_table
from matching.ui.i18n import number, say, t

actor = current_actor()
st.title(t("overview.title"))
with sessions()() as session:
    figures = browse.counts(session, actor)
    # the figures the city reports, over the period reported so far (a fair still to come is not in it)
    period = report.reported_to_date(session, actor)
    reported = report.report(session, actor, period)
    by_park = outcomes.aid_totals_by_park(session, actor)
    by_month = outcomes.aid_totals_by_month(session, actor)

if figures.parks == 0:
    st.info(t("overview.empty"))
    st.stop()

st.caption(say(period.label()))
st.subheader(t("overview.jobfair"))
fair_columns = st.columns(4)

fair_columns[0].metric(t("metric.fair_enterprises"), number(reported.value("jobfair.enterprises")))
fair_columns[1].metric(t("metric.openings"), number(reported.value("jobfair.openings")))
fair_columns[2].metric(t("metric.graduates"), number(reported.value("jobfair.graduates")))
fair_columns[3].metric(t("metric.intents"), number(reported.value("jobfair.intents")))

st.subheader(t("overview.aid"))
aid_columns = st.columns(5)

paired = reported.value("aid.villages")
aid_columns[0].metric(t("metric.villages_paired"), f"{number(paired)} / {number(figures.villages)}")
aid_columns[1].metric(t("metric.aid_delivered"), number(reported.value("aid.yuan")))
aid_columns[2].metric(t("metric.jobs"), number(reported.value("aid.jobs")))
aid_columns[3].metric(t("metric.medical"), number(reported.value("aid.medical")))
aid_columns[4].metric(t("metric.legal"), number(reported.value("aid.legal")))

if not by_park.empty:
    chart_tab, month_tab, table_tab = st.tabs(
        [t("overview.per_park"), t("overview.over_time"), t("overview.tables")]
    )
    with chart_tab:
        per_park = by_park.groupby("park", as_index=False)[["yuan"]].sum()
        st.altair_chart(
            alt.Chart(per_park)
            .mark_bar()
            .encode(
                x=alt.X("yuan:Q", title=t("metric.aid_delivered")),
                y=alt.Y("park:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
                tooltip=[
                    alt.Tooltip("park:N", title=t("col.park")),
                    alt.Tooltip("yuan:Q", title=t("metric.aid_delivered"), format=","),
                ],
            ),
            width="stretch",
        )
    with month_tab:
        long = by_month.melt("month", var_name="kind", value_name="value")
        long["kind"] = long["kind"].map(lambda k: t(f"outcome.{k}"))
        counts = long[long["kind"] != t("outcome.yuan")]
        st.altair_chart(
            alt.Chart(counts)
            .mark_line(point=True)
            .encode(
                x=alt.X("month:T", title=t("overview.month")),
                y=alt.Y("value:Q", title=t("overview.count")),
                color=alt.Color("kind:N", title=""),
            ),
            width="stretch",
        )
    with table_tab:
        show_table(
            by_park,
            labels={"park": t("col.park"), "year": t("col.year")}
            | {k: t(f"outcome.{k}") for k in ("yuan", "jobs", "medical", "legal")},
        )
st.caption(
    t(
        "overview.footer",
        parks=number(figures.parks),
        enterprises=number(figures.enterprises),
        events=number(figures.events),
        budget=number(figures.aid_budget),
        year=figures.aid_year or "",
    )
)
