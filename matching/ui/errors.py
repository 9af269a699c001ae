"""A page that fails says so briefly, with a reference the administrator finds in the server's log; the
traceback never reaches the browser (`client.showErrorDetails = "none"` hides Streamlit's own too)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

import streamlit as st

from matching.ui.i18n import t

log = logging.getLogger("matching.ui")
if not log.handlers:  # Streamlit configures only its own loggers; ours goes to the server's stderr
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def run_guarded(render: Callable[[], None]) -> None:
    """Render the app; an unexpected error becomes one friendly line with a reference id. Streamlit's own
    stop and rerun signals are BaseExceptions and pass through."""
    try:
        render()
    except Exception:
        reference = uuid.uuid4().hex[:10].upper()
        log.exception("page error, reference %s", reference)
        st.error(t("error.internal", reference=reference), icon=":material/error:")
