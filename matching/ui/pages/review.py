"""Review: a run's proposals with their reasons; approve, reject with a reason, pin; saved explicitly."""

import json
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from matching.errors import ConflictError
from matching.messages import MESSAGES
from matching.results import say_json
from matching.services import review
from matching.services.access import Action, Actor, PermissionDenied
from matching.services.decisions import decide_many
from matching.services.vocabulary import DecisionAction, Program
from matching.ui.auth import current_actor
from matching.ui.common import blank_empty, sessions
from matching.ui.i18n import language, moment, number, say_error, t
from matching.ui.review_edits import (
    DECIDE_COLUMN,
    NO_DECISION,
    NOTE_COLUMN,
    PendingDecision,
    bulk_decisions,
    decisions_from_edits,
)
from matching.ui.run_changes import show_run_changes
from matching.ui.strings import STRINGS

DETAIL_CHOICES = 200

actor = current_actor()
lang = language()
st.title(t("review.title"))
# Reasons stored as English text (the demo's recorded decisions, aid runs stored before reasons were codes).
KNOWN_REASONS = {
    "recorded recommendation": "review.reason.recorded_recommendation",
    "recorded pair": "review.reason.recorded_pair",
    "no acceptable enterprise had room left": "aid.reason.no_room",
}


def reason_text(reason: str) -> str:
    """A stored reason in the user's language: message JSON, a reason code, or known English text."""
    if not reason:
        return ""
    if reason.startswith("{"):
        try:
            return say_json(json.loads(reason), lang)
        except ValueError:
            return reason
    if f"reason.{reason}" in STRINGS or f"reason.{reason}" in MESSAGES:
        return t(f"reason.{reason}")
    return t(KNOWN_REASONS[reason]) if reason in KNOWN_REASONS else reason


programs = [
    p
    for p in Program
    if actor.may(Action.DECIDE_JOBFAIR if p is Program.JOBFAIR else Action.DECIDE_AID, actor.park_id)
]
if not programs:
    st.info(t("review.not_allowed"))
    st.stop()
program_labels = {p.value: t(f"program.{p.value}") for p in programs}  # said now, in this language
program = Program(
    st.segmented_control(
        t("review.program"),
        [p.value for p in programs],
        format_func=program_labels.__getitem__,
        default=programs[0].value,
        key="review.program",
    )
    or programs[0].value
)
with sessions()() as session:
    runs = review.runs(session, actor, program)
# Only runs with something to review: not the recorded pairs of past years, not timetables (no proposals).
runs = runs[(runs["method"] != "recorded") & (runs["proposals"] > 0)]
if runs.empty:
    st.info(t("review.no_runs"))
    st.stop()
run_labels = {
    int(row.run_id): f"#{row.run_id} · {row.scope} · {t('method.' + row.method)} · {moment(row.created_at)}"
    for row in runs.itertuples()
}
wanted = st.session_state.get("review.run")
run_ids = list(run_labels)
run_id = st.selectbox(
    t("review.run"),
    run_ids,
    index=run_ids.index(wanted) if wanted in run_ids else 0,
    format_func=run_labels.__getitem__,
    key=f"review.run_select.{program.value}",
)


@st.cache_data(max_entries=8, show_spinner=False)
def load_proposals(run_id: int, _actor: Actor, role: str, park_id: int | None, stamp: int) -> pd.DataFrame:
    """The run's proposals for a role and park scope; `stamp` changes with every decision."""
    with sessions()() as session:
        return review.proposals(session, run_id, _actor)


with sessions()() as session:
    stamp = review.decisions_stamp(session, run_id, actor)
try:
    proposals = load_proposals(run_id, actor, actor.role.value, actor.park_id, stamp)
except PermissionDenied as error:
    st.error(say_error(error))
    st.stop()
if proposals.empty:
    st.info(t("review.empty_run"))
    st.stop()
# The pre-check's notes the summary counts, and for a re-run who moved since the previous run and why.
show_run_changes(run_id, actor, key="review")
SCORE_MAX = 1.0 if program is Program.JOBFAIR else 100.0  # fit in [0, 1]; aid pairs score 0–100 points

# Filters
with st.container(border=True):
    top = st.columns(4)
    filters = {}
    for slot, column in zip(top, ["park", "enterprise", "group", "status"], strict=True):
        options = sorted(v for v in proposals[column].dropna().unique() if v)
        label = t(f"review.col.{column}.{program.value}") if column == "group" else t(f"review.col.{column}")
        said = {value: t(f"status.{value}") if column == "status" else str(value) for value in options}
        filters[column] = slot.multiselect(
            label,
            options,
            key=f"review.f.{column}",
            placeholder=t("table.choose"),
            format_func=said.__getitem__,
        )
    bottom = st.columns([1, 2, 1])
    if program is Program.JOBFAIR:  # an aid run's group is the village's county: filtered above already
        counties = sorted(v for v in proposals["county"].dropna().unique() if v)
        filters["county"] = bottom[0].multiselect(
            t("review.col.county"), counties, key="review.f.county", placeholder=t("table.choose")
        )
    scores = proposals["score"].dropna()
    high = float(scores.max()) if len(scores) else SCORE_MAX
    top_score = max(SCORE_MAX, round(high + 0.005, 2))
    score_range = bottom[1].slider(
        t("review.score_range"),
        0.0,
        top_score,
        (0.0, top_score),
        0.01 if program is Program.JOBFAIR else 0.5,
        key=f"review.f.score.{program.value}",
    )
    only_unmatched = bottom[2].checkbox(t("review.only_unmatched"), key="review.f.unmatched")

shown = proposals
for column, chosen in filters.items():
    if chosen:
        shown = shown[shown[column].isin(chosen)]
in_range = shown["score"].between(score_range[0], score_range[1]) | shown["score"].isna()
shown = shown[in_range]
if only_unmatched:
    shown = shown[shown["partner"] == ""]
shown = shown.reset_index(drop=True)
st.caption(t("table.shown", shown=number(len(shown)), total=number(len(proposals))))

# The grid: only the decision and its note are editable.
nonce = st.session_state.setdefault("review.nonce", 0)
grid_key = f"review.grid.{run_id}.{nonce}"
component_columns = [c for c in shown.columns if c.startswith("fit_")]
visible = [
    "status",
    "subject",
    "subject_name",
    "partner",
    "park",
    "group",
    "score",
    "subject_rank",
    "partner_rank",
]
if program is Program.AID:
    visible += ["load", "term", "term_kind"]  # each lead pair's term (2026–2028) and kept / renewed / new
visible += [*component_columns, "reason"]
grid = shown[visible].copy()
grid["status"] = grid["status"].map(lambda value: t(f"status.{value}"))
if program is Program.AID:
    grid["term_kind"] = grid["term_kind"].map(lambda kind: t(f"aid.term.kind.{kind}") if kind else "")
grid["reason"] = grid["reason"].map(reason_text)
# An empty cell is blank, not None: a number column with gaps becomes text. Not the score: its bar draws a
# missing value as an empty bar (an uncovered village, an unmatched graduate), and text would lose the bar.
score = grid.pop("score")
numbers = grid.dtypes
grid = blank_empty(grid)
made_text = [c for c in grid.columns if grid[c].dtype != numbers[c]]
grid.insert(visible.index("score"), "score", score)
grid.insert(0, NOTE_COLUMN, "")
grid.insert(0, DECIDE_COLUMN, NO_DECISION)
decide_labels: dict[str | int | float | bool, str] = {NO_DECISION: NO_DECISION}
decide_labels |= {a.value: t(f"action.{a.value}") for a in DecisionAction}
column_config: dict[str, Any] = {
    DECIDE_COLUMN: st.column_config.SelectboxColumn(
        t("review.decide"),
        options=list(decide_labels),
        format_func=decide_labels.__getitem__,
        width="small",
        required=True,  # no empty choice: the grid would draw it as a grey "None"
    ),
    NOTE_COLUMN: st.column_config.TextColumn(t("review.note")),
    "status": st.column_config.TextColumn(t("review.col.status")),
    "subject": st.column_config.TextColumn(t(f"review.col.subject.{program.value}")),
    "subject_name": st.column_config.TextColumn(t(f"review.col.subject_name.{program.value}")),
    "partner": st.column_config.TextColumn(t(f"review.col.partner.{program.value}")),
    "park": st.column_config.TextColumn(t("review.col.park")),
    "group": st.column_config.TextColumn(t(f"review.col.group.{program.value}")),
    "score": st.column_config.ProgressColumn(
        t("review.col.score"),
        min_value=0.0,
        max_value=max(SCORE_MAX, float(shown["score"].max()) if shown["score"].notna().any() else 0.0),
        format="%.3f" if program is Program.JOBFAIR else "%.1f",
    ),
    "subject_rank": st.column_config.NumberColumn(t(f"review.col.subject_rank.{program.value}"), format="%d"),
    "partner_rank": st.column_config.NumberColumn(t(f"review.col.partner_rank.{program.value}"), format="%d"),
    "load": st.column_config.NumberColumn(t("review.col.load"), format="localized"),
    "term": st.column_config.TextColumn(t("aid.term.col.term")),
    "term_kind": st.column_config.TextColumn(t("aid.term.col.kind")),
    "reason": st.column_config.TextColumn(t("review.col.reason")),
}
for column in component_columns:
    column_config[column] = st.column_config.NumberColumn(
        t("component." + column.removeprefix("fit_")), format="%.2f"
    )
for column in made_text:  # a number column with gaps, now text (grouped, blank gaps), keeps its header
    if column in column_config:
        column_config[column] = st.column_config.TextColumn(column_config[column]["label"])
with st.container(key="review-grid"):
    st.data_editor(
        grid,
        key=grid_key,
        hide_index=True,
        width="stretch",
        disabled=[c for c in grid.columns if c not in (DECIDE_COLUMN, NOTE_COLUMN)],
        column_config=column_config,
    )
edits = st.session_state.get(grid_key, {}).get("edited_rows", {})
pending, problems = decisions_from_edits(shown, edits)
for problem in problems:
    st.warning(t(f"review.problem.{problem.kind}", subject=problem.subject, partner=problem.partner))


def save(decisions: list[PendingDecision]) -> None:
    """A button callback: it runs before the page script, so one run saves and shows the new state."""
    try:
        saved = decide_many(sessions(), [d.as_tuple() for d in decisions], actor)
    except ConflictError as error:
        st.session_state["review.error"] = t("review.conflict", error=str(error))
        return
    except (PermissionDenied, ValueError) as error:
        st.session_state["review.error"] = say_error(error)
        return
    st.session_state["review.nonce"] = nonce + 1
    st.session_state["review.saved"] = len(saved)


CONFIRM_ABOVE = 20  # a bulk decision over more pairs than this asks first, naming the count


def bulk(action: DecisionAction, decisions: list[PendingDecision]) -> None:
    """A bulk button's callback: saves at once when few, else asks for confirmation first."""
    if len(decisions) > CONFIRM_ABOVE:
        st.session_state["review.confirm"] = (action.value, decisions)
    else:
        save(decisions)


def confirm_bulk(decisions: list[PendingDecision]) -> None:
    st.session_state.pop("review.confirm", None)
    save(decisions)


if st.session_state.pop("review.saved", None) is not None:
    st.success(t("review.saved"))
if error_text := st.session_state.pop("review.error", None):
    st.error(error_text)
save_col, approve_col, pin_col = st.columns(3)
save_col.button(
    t("review.save", count=number(len(pending))),
    type="primary",
    disabled=not pending or bool(problems),
    key="review.save",
    on_click=save,
    args=(pending,),
)
open_rows = bulk_decisions(shown, DecisionAction.APPROVE)
approve_col.button(
    t("review.approve_all", count=number(len(open_rows))),
    disabled=not open_rows,
    key="review.approve_all",
    on_click=bulk,
    args=(DecisionAction.APPROVE, open_rows),
)
pin_col.button(
    t("review.pin_all", count=number(len(open_rows))),
    disabled=not open_rows,
    key="review.pin_all",
    on_click=bulk,
    args=(DecisionAction.PIN, bulk_decisions(shown, DecisionAction.PIN)),
)
if asked := st.session_state.get("review.confirm"):
    action_name, asked_rows = asked
    st.warning(t(f"review.confirm.{action_name}", count=number(len(asked_rows))), icon=":material/warning:")
    yes_col, no_col = st.columns(2)
    yes_col.button(
        t(f"review.confirm.{action_name}.yes", count=number(len(asked_rows))),
        type="primary",
        key="review.confirm.yes",
        on_click=confirm_bulk,
        args=(asked_rows,),
    )
    no_col.button(
        t("review.confirm.no"),
        key="review.confirm.no",
        on_click=lambda: st.session_state.pop("review.confirm"),
    )

# Detail panel
st.subheader(t("review.detail"))
# A picker over at most DETAIL_CHOICES rows keeps the page light; the filters or a code narrow it.
code = st.text_input(t("review.find"), key="review.find").strip()
candidates = shown[shown["subject"] == code] if code else shown.head(DETAIL_CHOICES)
choices = list(candidates["proposal_id"])
if choices:
    labels = {
        int(row.proposal_id): f"{row.subject} {row.subject_name} → {row.partner or t('review.nothing')}"
        for row in candidates.itertuples()
    }
    chosen = st.selectbox(t("review.pick"), choices, format_func=labels.__getitem__, key="review.detail")
    with sessions()() as session:
        detail = review.explain(session, int(chosen), actor)
    left, right = st.columns([2, 3])
    score_format = "{:.3f}" if program is Program.JOBFAIR else "{:.1f}"
    left.metric(t("review.col.score"), "—" if detail.score is None else score_format.format(detail.score))
    left.write(t("review.status_is", status=t("status." + detail.status)))
    if detail.subject_rank:
        left.write(t(f"review.subject_ranked.{program.value}", rank=detail.subject_rank))
    if detail.partner_rank:
        left.write(t(f"review.partner_ranked.{program.value}", rank=detail.partner_rank))
    if detail.reason:
        left.warning(reason_text(detail.reason))
    if detail.components:
        parts = pd.DataFrame(
            {
                t("review.component"): [t("component." + name) for name in detail.components],
                t("review.value"): [value for value in detail.components.values()],
            }
        )
        right.bar_chart(parts, x=t("review.component"), y=t("review.value"), horizontal=True)
    if detail.history:
        st.markdown(f"**{t('review.history')}**")
        st.dataframe(
            pd.DataFrame(
                [
                    (
                        moment(datetime.strptime(when, "%Y-%m-%d %H:%M")),
                        who,
                        t(f"action.{action}"),
                        reason_text(note),
                    )
                    for when, who, action, note in detail.history
                ],
                columns=[t("review.when"), t("review.who"), t("review.action"), t("review.note")],
            ),
            hide_index=True,
            key="review-history",
        )
