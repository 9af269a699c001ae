"""Outcomes: what happened after the fair, and what each aid pair delivered."""

from datetime import date

import streamlit as st

from matching.errors import NotFoundError
from matching.services import jobfair as jobfair_service
from matching.services import outcomes
from matching.services.access import PERMISSIONS, Action, PermissionDenied
from matching.services.vocabulary import AID_OUTCOMES, JOBFAIR_OUTCOMES, OutcomeKind
from matching.ui.auth import current_actor
from matching.ui.common import sessions
from matching.ui.i18n import say, say_error, t

actor = current_actor()
st.title(t("outcomes.title"))
tabs = []
if actor.may(Action.RECORD_JOBFAIR_OUTCOME):
    tabs.append("jobfair")
if Action.RECORD_AID_OUTCOME in PERMISSIONS[actor.role]:
    tabs.append("aid")
if not tabs:
    st.info(t("outcomes.not_allowed"))
    st.stop()

for tab, name in zip(st.tabs([t(f"program.{name}") for name in tabs]), tabs, strict=True):
    with tab:
        if name == "jobfair":
            with sessions()() as session:
                events = jobfair_service.events(session, actor)
                if not events:
                    st.info(t("jobfair.no_events"))
                    continue
                labels = {e.id: e.name for e in events}
                event_id = st.selectbox(
                    t("jobfair.event"), list(labels), format_func=labels.__getitem__, key="out.event"
                )
                pairs = jobfair_service.approved_pairs(session, event_id, actor)
                totals = outcomes.jobfair_totals(session, actor, event_id)
            st.caption(
                t(
                    "outcomes.jobfair_totals",
                    intents=totals.intents,
                    signed=totals.signed,
                    graduates=totals.graduates,
                )
            )
            if pairs.empty:
                st.info(t("outcomes.no_pairs"))
                continue
            pair_labels = {
                index: f"{row.graduate} → {row.enterprise} · {row.position}"
                for index, row in enumerate(pairs.itertuples())
            }
            with st.form("out.jobfair.form", clear_on_submit=False):
                chosen = st.selectbox(
                    t("outcomes.pair"), list(pair_labels), format_func=pair_labels.__getitem__
                )
                kind = st.selectbox(
                    t("outcomes.kind"),
                    [k.value for k in JOBFAIR_OUTCOMES],
                    format_func=lambda k: t(f"outcome.{k}"),
                )
                occurred = st.date_input(t("outcomes.date"), value=date.today())
                if st.form_submit_button(t("outcomes.record"), type="primary"):
                    row = pairs.iloc[int(chosen)]
                    try:
                        with sessions()() as session, session.begin():
                            outcomes.record_jobfair_outcome(
                                session,
                                event_id,
                                int(row.graduate_id),
                                int(row.position_id),
                                OutcomeKind(kind),
                                occurred,
                                actor,
                            )
                        st.success(t("outcomes.recorded"))
                    except (PermissionDenied, NotFoundError, ValueError) as error:
                        st.error(str(error))
        else:
            # Only pairs that stood in the year can be given outcomes: approved or pinned that year, or
            # within their term; the date must fall in the chosen year.
            with sessions()() as session:
                all_pairs = outcomes.aid_pairs(session, actor)
            if all_pairs.empty:
                st.info(t("outcomes.no_aid_pairs"))
                continue
            years = sorted(int(y) for y in all_pairs["year"].unique())
            this_year = date.today().year
            default_year = max((y for y in years if y <= this_year), default=years[0])
            chosen_year = st.selectbox(
                t("aid.outcome.year"), years, index=years.index(default_year), key="out.aid.year"
            )
            pairs = all_pairs[all_pairs["year"] == chosen_year].reset_index(drop=True)
            pair_labels = {
                index: f"{row.village} ← {row.enterprise} · {t('aid.term.col.term')} {row.term}"
                + ("" if row.role == "lead" else f" · {t('aid.term.helper')}")
                for index, row in enumerate(pairs.itertuples())
            }
            st.caption(t("aid.outcome.correct_hint"))
            with st.form("out.aid.form"):
                chosen = st.selectbox(
                    t("outcomes.pair"), list(pair_labels), format_func=pair_labels.__getitem__
                )
                kind = st.selectbox(
                    t("outcomes.kind"),
                    [k.value for k in AID_OUTCOMES],
                    format_func=lambda k: t(f"outcome.{k}"),
                )
                value = st.number_input(t("outcomes.value"), min_value=0.0, value=1.0, step=1.0)
                first_day, last_day = date(chosen_year, 1, 1), date(chosen_year, 12, 31)
                occurred = st.date_input(
                    t("outcomes.date"),
                    value=min(max(date.today(), first_day), last_day),
                    min_value=first_day,
                    max_value=last_day,
                )
                delete = st.checkbox(t("aid.outcome.delete"), key="out.aid.delete")
                if st.form_submit_button(t("outcomes.record"), type="primary"):
                    row = pairs.iloc[int(chosen)]
                    try:
                        with sessions()() as session, session.begin():
                            if delete:
                                change = outcomes.delete_aid_outcome(
                                    session,
                                    int(row.enterprise_id),
                                    int(row.village_id),
                                    OutcomeKind(kind),
                                    occurred,
                                    actor,
                                )
                            else:
                                change = outcomes.record_aid_outcome(
                                    session,
                                    int(row.enterprise_id),
                                    int(row.village_id),
                                    OutcomeKind(kind),
                                    float(value),
                                    occurred,
                                    actor,
                                )
                        if change.change == "unchanged":
                            st.info(say(change.message))
                        else:
                            st.success(say(change.message))
                    except (PermissionDenied, NotFoundError, ValueError) as error:
                        st.error(say_error(error))
st.caption(t("outcomes.import_hint"))
