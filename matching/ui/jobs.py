"""Running a service call as a background job with a progress bar and a cancel button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from matching.services.jobs import JobRunner, JobState
from matching.ui.i18n import t


@st.cache_resource
def runner() -> JobRunner:
    """One pool per server process; each user keeps only their job's id."""
    return JobRunner()


def start(key: str, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
    st.session_state[f"job.{key}"] = runner().submit(function, *args, **kwargs).id


def show(key: str, on_done: Callable[[Any], None]) -> None:
    """The job's progress while it runs (refreshed every half second), then its outcome."""
    job_id = st.session_state.get(f"job.{key}")
    job = runner().get(job_id) if job_id else None
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
            st.error(t("job.failed", error=str(job.error())))
        else:
            on_done(job.result())

    panel()
