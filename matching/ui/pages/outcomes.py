"""Outcomes: what happened after the fair, and what each aid pair delivered; what is recorded, with filters,
and a correction or withdrawal per row (asked first, logged)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from matching.errors import ConflictError, InputError, NotFoundError
from matching.messages import Message
from matching.services import jobfair as jobfair_service
from matching.services import outcomes
from matching.services.access import PERMISSIONS, Action, PermissionDenied
from matching.services.kinds import KINDS
from matching.services.vocabulary import AID_OUTCOMES, JOBFAIR_OUTCOMES, OutcomeKind
from matching.ui.auth import current_actor
from matching.ui.common import sessions, show_table
from matching.ui.i18n import language, number, say, say_error, t

actor = current_actor()
lang = language()
# Labels said now, in this language (AppTest says a widget's options again outside the script run).
OUTCOME_SAID = {kind.value: t(f"outcome.{kind.value}") for kind in OutcomeKind}
SAID = {"jobfair": "out.jf.said", "aid": "out.aid.said"}
CONFIRM = {"jobfair": "out.jf.confirm", "aid": "out.aid.confirm"}
REFUSALS = (PermissionDenied, NotFoundError, ConflictError, InputError, ValueError)


def _error_text(error: Exception) -> str:
    message = getattr(error, "message", None)
    return say(message) if isinstance(message, Message) else say_error(error)


def _tell(area: str, change: Any) -> None:
    """Keep what a change did for the next run of the page (callbacks run before it)."""
    level = "info" if change.change in ("unchanged", "kept") else "success"
    st.session_state[SAID[area]] = (level, change.message)


def _attempt(area: str, action: Callable[[Any], Any]) -> None:
    try:
        with sessions()() as session, session.begin():
            change = action(session)
        _tell(area, change)
    except REFUSALS as error:
        st.session_state[SAID[area]] = ("error", _error_text(error))


def _show_said(area: str) -> None:
    said = st.session_state.pop(SAID[area], None)
    if said is None:
        return
    level, text = said
    text = say(text) if isinstance(text, Message) else str(text)
    {"success": st.success, "info": st.info, "error": st.error}[level](text)


def _confirmation(area: str) -> None:
    """The pending correction or withdrawal, asked once more with what it will do."""
    asked = st.session_state.get(CONFIRM[area])
    if not asked:
        return
    st.warning(asked["question"], icon=":material/warning:")
    yes, no = st.columns(2)

    def go() -> None:
        st.session_state.pop(CONFIRM[area], None)
        _attempt(area, asked["action"])

    yes.button(t("outcomes.confirm.yes"), key=f"{CONFIRM[area]}.yes", type="primary", on_click=go)
    no.button(
        t("outcomes.confirm.no"),
        key=f"{CONFIRM[area]}.no",
        on_click=lambda: st.session_state.pop(CONFIRM[area]),
    )


def _sources_text(sources: tuple[str, ...]) -> str:
    return "、".join(t(f"outcomes.src.{s}") for s in sources)


def _kinds_text(kinds: tuple[str, ...] | list[str]) -> str:
    return "、".join(t(f"outcome.{k}") for k in kinds)


# ------------------------------------------------------------------------------------------- job fair


def jobfair_tab() -> None:
    with sessions()() as session:
        events = jobfair_service.events(session, actor)
        if not events:
            st.info(t("jobfair.no_events"))
            return
        labels = {e.id: e.name for e in events}
        event_id = st.selectbox(
            t("jobfair.event"), list(labels), format_func=labels.__getitem__, key="out.event"
        )
        pairs = outcomes.jobfair_outcome_pairs(session, event_id, actor)
    totals_slot = st.empty()  # filled after the form, so an outcome recorded just now is counted
    _show_said("jobfair")
    st.subheader(t("outcomes.record_heading"))
    record_form(event_id, pairs)
    with sessions()() as session:
        totals = outcomes.jobfair_totals(session, actor, event_id)
    totals_slot.caption(
        t(
            "outcomes.jobfair_totals",
            intents=number(totals.intents),
            signed=number(totals.signed),
            graduates=number(totals.graduates),
        )
    )
    st.subheader(t("outcomes.list_heading"))
    recorded_list(event_id, labels)


def record_form(event_id: int, pairs: pd.DataFrame) -> None:
    if pairs.empty:
        st.info(t("outcomes.no_pairs"))
        return
    choices = {c: t(f"outcomes.from.{c}") for c in ("all", "placement", "shortlist", "day")}
    wanted = st.radio(
        t("outcomes.from"),
        list(choices),
        format_func=choices.__getitem__,
        horizontal=True,
        key="out.jf.source",
    )
    wanted_sources = {"placement": {"placement"}, "shortlist": {"shortlist"}, "day": {"held", "no_show"}}
    if wanted != "all":
        pairs = pairs[pairs["sources"].map(lambda s: bool(wanted_sources[wanted] & set(s)))]
    pairs = pairs.reset_index(drop=True)
    if pairs.empty:
        st.info(t("outcomes.no_source_pairs"))
        return

    def pair_label(index: int) -> str:
        row = pairs.iloc[index]
        text = f"{row.graduate} → {row.enterprise} · {row.position} · {row.graduate_name} · [{_sources_text(row.sources)}]"
        if row.recorded:
            text += " · " + t("outcomes.recorded_kinds", kinds=_kinds_text(row.recorded))
        return text

    chosen = st.selectbox(
        t("outcomes.pair"), list(range(len(pairs))), format_func=pair_label, key="out.jf.pair"
    )
    row = pairs.iloc[int(chosen or 0)]
    kind = st.selectbox(
        t("outcomes.kind"), list(row.kinds), format_func=OUTCOME_SAID.__getitem__, key="out.jf.kind"
    )
    occurred = st.date_input(t("outcomes.date"), value=date.today(), key="out.jf.date")
    st.caption(t("outcomes.kinds_hint"))
    if st.button(t("outcomes.record"), type="primary", key="out.jf.record"):
        graduate, position = int(row.graduate_id), int(row.position_id)
        _attempt(
            "jobfair",
            lambda session: outcomes.record_jobfair_outcome(
                session, event_id, graduate, position, OutcomeKind(kind), occurred, actor
            ),
        )
        _show_said("jobfair")


def recorded_list(event_id: int, event_labels: dict[int, str]) -> None:
    columns = st.columns(4)
    chosen_events = columns[0].multiselect(
        t("outcomes.f.event"),
        list(event_labels),
        default=[event_id],
        format_func=event_labels.__getitem__,
        key="out.jf.f.event",
        placeholder=t("table.choose"),
    )
    kinds = columns[1].multiselect(
        t("outcomes.f.kind"),
        [k.value for k in JOBFAIR_OUTCOMES],
        format_func=OUTCOME_SAID.__getitem__,
        key="out.jf.f.kind",
        placeholder=t("table.choose"),
    )
    with sessions()() as session:
        recorded = outcomes.jobfair_outcomes(
            session, actor, event_ids=chosen_events or None, kinds=kinds or None
        )
    parks = sorted(set(recorded["park"]))
    chosen_parks = columns[2].multiselect(
        t("outcomes.f.park"), parks, key="out.jf.f.park", placeholder=t("table.choose")
    )
    dates = columns[3].date_input(t("outcomes.f.dates"), value=[], key="out.jf.f.dates")
    shown = recorded
    if chosen_parks:
        shown = shown[shown["park"].isin(chosen_parks)]
    if isinstance(dates, tuple) and len(dates) == 2:
        shown = shown[(shown["occurred_on"] >= dates[0]) & (shown["occurred_on"] <= dates[1])]
    st.caption(t("table.shown", shown=number(len(shown)), total=number(len(recorded))))
    if shown.empty:
        st.info(t("outcomes.list.empty"))
        return
    table = pd.DataFrame(
        {
            "event": shown["event"],
            "graduate": shown["graduate"],
            "graduate_name": shown["graduate_name"],
            "university": shown["university"],
            "enterprise": shown["enterprise"],
            "park": shown["park"],
            "position": shown["position"],
            "kind": shown["kind"].map(lambda k: t(f"outcome.{k}")),
            "occurred_on": shown["occurred_on"].map(date.isoformat),
            "recorded_by": shown["recorded_by"].map(lambda name: name or t("outcomes.by_server")),
            "via": shown["via"].map(lambda v: t(f"outcomes.via.{v}")),
            "sources": shown["sources"].map(lambda s: _sources_text(s) if s else t("outcomes.src.none")),
        }
    )
    with st.container(key="out.jf.table"):
        show_table(table, labels={c: t(f"outcomes.col.{c}") for c in table.columns})
    fix_jobfair(shown.reset_index(drop=True))


def fix_jobfair(shown: pd.DataFrame) -> None:
    """One recorded outcome at a time: correct its kind or date, or withdraw it; asked first."""
    st.markdown(f"**{t('outcomes.fix_heading')}**")

    def label(index: int) -> str:
        row = shown.iloc[index]
        return f"{row.graduate} → {row.enterprise} · {row.position} · {t(f'outcome.{row.kind}')} · {row.occurred_on.isoformat()}"

    index = st.selectbox(t("outcomes.pick"), list(range(len(shown))), format_func=label, key="out.jf.pick")
    row = shown.iloc[int(index or 0)]
    kinds = [k.value for k in JOBFAIR_OUTCOMES]
    left, right = st.columns(2)
    new_kind = left.selectbox(
        t("outcomes.fix.kind"),
        kinds,
        index=kinds.index(row.kind),
        format_func=OUTCOME_SAID.__getitem__,
        key=f"out.jf.fix.kind.{row.outcome_id}",
    )
    new_date = right.date_input(
        t("outcomes.fix.date"), value=row.occurred_on, key=f"out.jf.fix.date.{row.outcome_id}"
    )
    outcome_id, seen = int(row.outcome_id), (str(row.kind), row.occurred_on)
    what = label(int(index or 0))

    def ask_correct() -> None:
        st.session_state[CONFIRM["jobfair"]] = {
            "question": t(
                "outcomes.confirm.correct",
                what=what,
                kind=t(f"outcome.{new_kind}"),
                date=new_date.isoformat(),
            ),
            "action": lambda session: outcomes.correct_jobfair_outcome(
                session, outcome_id, OutcomeKind(new_kind), new_date, actor, seen=seen
            ),
        }

    def ask_withdraw() -> None:
        st.session_state[CONFIRM["jobfair"]] = {
            "question": t("outcomes.confirm.withdraw", what=what),
            "action": lambda session: outcomes.withdraw_jobfair_outcome(
                session, outcome_id, actor, seen=seen
            ),
        }

    one, two = st.columns(2)
    one.button(t("outcomes.fix.correct"), key="out.jf.correct", on_click=ask_correct)
    two.button(t("outcomes.fix.withdraw"), key="out.jf.withdraw", on_click=ask_withdraw)
    _confirmation("jobfair")


# ------------------------------------------------------------------------------------------------ aid


def aid_tab() -> None:
    # Only pairs that stood in the year can be given outcomes: approved or pinned that year, or within their
    # term; the date must fall in the chosen year.
    with sessions()() as session:
        all_pairs = outcomes.aid_pairs(session, actor)
    _show_said("aid")
    if all_pairs.empty:
        st.info(t("outcomes.no_aid_pairs"))
        return
    years = sorted(int(y) for y in all_pairs["year"].unique())
    this_year = date.today().year
    default_year = max((y for y in years if y <= this_year), default=years[0])
    chosen_year = st.selectbox(
        t("aid.outcome.year"), years, index=years.index(default_year), key="out.aid.year"
    )
    aid_list(chosen_year)
    st.subheader(t("outcomes.record_heading"))
    pairs = all_pairs[all_pairs["year"] == chosen_year].reset_index(drop=True)
    pair_labels = {
        index: f"{row.village} ← {row.enterprise} · {t('aid.term.col.term')} {row.term}"
        + ("" if row.role == "lead" else f" · {t('aid.term.helper')}")
        for index, row in enumerate(pairs.itertuples())
    }
    st.caption(t("aid.outcome.correct_hint"))
    with st.form("out.aid.form"):
        chosen = st.selectbox(t("outcomes.pair"), list(pair_labels), format_func=pair_labels.__getitem__)
        kind = st.selectbox(
            t("outcomes.kind"),
            [k.value for k in AID_OUTCOMES],
            format_func=OUTCOME_SAID.__getitem__,
        )
        value = st.number_input(t("outcomes.value"), min_value=0.0, value=1.0, step=1.0)
        first_day, last_day = date(chosen_year, 1, 1), date(chosen_year, 12, 31)
        occurred = st.date_input(
            t("outcomes.date"),
            value=min(max(date.today(), first_day), last_day),
            min_value=first_day,
            max_value=last_day,
        )
        if st.form_submit_button(t("outcomes.record"), type="primary"):
            row = pairs.iloc[int(chosen)]
            enterprise, village = int(row.enterprise_id), int(row.village_id)
            _attempt(
                "aid",
                lambda session: outcomes.record_aid_outcome(
                    session, enterprise, village, OutcomeKind(kind), float(value), occurred, actor
                ),
            )
            _show_said("aid")


def aid_list(chosen_year: int) -> None:
    """What the pairs delivered, as recorded (a park official's own park only), with a correction of the
    amount or a withdrawal per row. No date widget here: the form's date is the page's last."""
    st.subheader(t("outcomes.aid_list_heading"))
    with sessions()() as session:
        recorded = outcomes.aid_outcomes(session, actor)
    columns = st.columns(3)
    years = sorted({int(y) for y in recorded["year"]} | {chosen_year})
    chosen_years = columns[0].multiselect(
        t("outcomes.f.year"),
        years,
        default=[chosen_year],
        key="out.aid.f.year",
        placeholder=t("table.choose"),
    )
    parks = sorted(set(recorded["park"]))
    chosen_parks = (
        columns[1].multiselect(
            t("outcomes.f.park"), parks, key="out.aid.f.park", placeholder=t("table.choose")
        )
        if len(parks) > 1
        else []
    )
    kinds = columns[2].multiselect(
        t("outcomes.f.kind"),
        [k.value for k in AID_OUTCOMES],
        format_func=OUTCOME_SAID.__getitem__,
        key="out.aid.f.kind",
        placeholder=t("table.choose"),
    )
    shown = recorded
    if chosen_years:
        shown = shown[shown["year"].isin(chosen_years)]
    if chosen_parks:
        shown = shown[shown["park"].isin(chosen_parks)]
    if kinds:
        shown = shown[shown["kind"].isin(kinds)]
    shown = shown.reset_index(drop=True)
    st.caption(t("table.shown", shown=number(len(shown)), total=number(len(recorded))))
    if shown.empty:
        st.info(t("outcomes.list.empty"))
        return
    table = pd.DataFrame(
        {
            "year": shown["year"].astype(str),
            "park": shown["park"],
            "enterprise": shown["enterprise"],
            "village": shown["village"],
            "kind": shown["kind"].map(lambda k: t(f"outcome.{k}")),
            "value": shown["value"].map(number),
            "occurred_on": shown["occurred_on"].map(date.isoformat),
            "recorded_by": shown["recorded_by"].map(lambda name: name or t("outcomes.by_server")),
        }
    )
    with st.container(key="out.aid.table"):
        show_table(table, labels={c: t(f"outcomes.col.{c}") for c in table.columns})
    st.markdown(f"**{t('outcomes.fix_heading')}**")

    def label(index: int) -> str:
        row = shown.iloc[index]
        return (
            f"{row.village} ← {row.enterprise} · {t(f'outcome.{row.kind}')} {number(row.value)}"
            f" · {row.occurred_on.isoformat()}"
        )

    index = st.selectbox(t("outcomes.pick"), list(range(len(shown))), format_func=label, key="out.aid.pick")
    row = shown.iloc[int(index or 0)]
    what = label(int(index or 0))
    new_value = st.number_input(
        t("outcomes.aid.fix.value"),
        min_value=0.0,
        value=float(row.value),
        step=1.0,
        key=f"out.aid.fix.{index}",
    )
    key = (int(row.enterprise_id), int(row.village_id), OutcomeKind(row.kind), row.occurred_on)

    def ask_correct() -> None:
        st.session_state[CONFIRM["aid"]] = {
            "question": t("outcomes.confirm.aid_correct", what=what, new=number(new_value)),
            "action": lambda session: outcomes.record_aid_outcome(
                session, key[0], key[1], key[2], float(new_value), key[3], actor
            ),
        }

    def ask_withdraw() -> None:
        st.session_state[CONFIRM["aid"]] = {
            "question": t("outcomes.confirm.withdraw", what=what),
            "action": lambda session: outcomes.delete_aid_outcome(session, *key, actor),
        }

    one, two = st.columns(2)
    one.button(t("outcomes.fix.correct"), key="out.aid.correct", on_click=ask_correct)
    two.button(t("outcomes.fix.withdraw"), key="out.aid.withdraw", on_click=ask_withdraw)
    _confirmation("aid")


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
            jobfair_tab()
        else:
            aid_tab()
st.caption(
    t(
        "outcomes.import_hint",
        jobfair=KINDS["jobfair_outcomes"].label(lang),
        aid=KINDS["aid_outcomes"].label(lang),
    )
)
