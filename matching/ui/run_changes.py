"""A stored run's pre-check notes and, for a re-run, who moved since the previous run and why: shown on the
review and runs pages alike (`matching.services.review.run_changes`)."""

from __future__ import annotations

import streamlit as st

from matching.services import review
from matching.services.access import Actor
from matching.ui.common import sessions
from matching.ui.i18n import say, t


def show_run_changes(run_id: int, actor: Actor, *, key: str) -> None:
    """The run's notes (one line each) and its moves table (graduate masked, from → to, why). The caller
    checks the actor may see them (`review.run_changes` raises PermissionDenied otherwise)."""
    with sessions()() as session:
        changes = review.run_changes(session, run_id, actor)
    if changes.notes:
        with st.expander(t("review.notes.title", count=f"{len(changes.notes):,}")):
            for note in changes.notes:
                st.markdown(f"- {say(note)}")
    if changes.previous_run is None:
        return
    with st.container(border=True, key=f"{key}-changes"):
        st.markdown(f"**{t('review.changes.title', previous=changes.previous_run)}**")
        if not changes.recorded:
            st.caption(t("review.changes.unrecorded"))
            return
        if changes.moves.empty:
            st.caption(t("review.changes.none"))
            return
        st.caption(t("review.changes.count", count=f"{len(changes.moves):,}"))
        none = t("review.changes.none_position")
        moves = changes.moves.assign(
            before=changes.moves["before"].replace("", none),
            after=changes.moves["after"].replace("", none),
            reason=changes.moves["reason"].map(lambda code: t(code)),
        )
        st.dataframe(
            moves.rename(columns={c: t(f"review.changes.col.{c}") for c in moves.columns}),
            hide_index=True,
            width="stretch",
            key=f"{key}-moves",
        )
