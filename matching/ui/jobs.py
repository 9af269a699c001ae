"""Running a service call as a background job with a progress bar and a cancel button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from matching.services.access import Actor
from matching.services.jobs import Job, JobRunner, JobState
from matching.ui.auth import ACTOR_KEY
from matching.ui.i18n import say_error, t


@st.cache_resource
def runner() -> JobRunner:
    """One pool per server process; each user keeps only their job's id."""
    return JobRunner()


def _owner() -> str | None:
    """Who is acting now: a job's panel is theirs alone (the demo's role switch keeps the browser session)."""
    actor = st.session_state.get(ACTOR_KEY)
    return actor.username if isinstance(actor, Actor) else None


def start(key: str, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
    """Start the job and rerun, so the page shows its progress (and disables its button) at once."""
    st.session_state[f"job.{key}"] = (runner().submit(function, *args, **kwargs).id, _owner())
    st.rerun()


def _job(key: str) -> Job | None:
    stored = st.session_state.get(f"job.{key}")
    if not stored:
        return None
    job_id, owner = stored
    if owner != _owner():  # another user (or demo role) started it: not theirs to see
        del st.session_state[f"job.{key}"]
        return None
    return runner().get(job_id)


def running(key: str) -> bool:
    """Whether this user's job `key` is still running (its start button stays disabled meanwhile)."""
    job = _job(key)
    return job is not None and job.state is JobState.RUNNING


def show(key: str, on_done: Callable[[Any], None]) -> None:
    """The job's progress while it runs (refreshed every half second), then its outcome."""
    job = _job(key)
    if job is None:
        return
    running = job.state is JobState.RUNNING

    # Polls only while the job runs; when it ends, one full rerun shows the outcome and stops polling.
    @st.fragment(run_every=0.5 if running else None)
    def panel() -> None:
        state = job.state
        if state is JobState.RUNNING:
            st.progress(job.progress.fraction, text=t("job.phase." + (job.progress.phase or "start")))
            if st.button(t("job.cancel"), key=f"job.{key}.cancel", icon=":material/cancel:"):
                job.cancel()
            return
        if running:
            st.rerun()
        if state is JobState.CANCELLED:
            st.warning(t("job.cancelled"))
        elif state is JobState.FAILED:
            error = job.error()
            st.error(t("job.failed", error=say_error(error) if isinstance(error, Exception) else str(error)))
        else:
            on_done(job.result())

    panel()
