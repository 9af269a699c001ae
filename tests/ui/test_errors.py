"""An error on a page is one friendly line with a reference; the traceback is in the server's log only."""

from __future__ import annotations

import logging
import re
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP


def test_a_failing_page_shows_a_reference_the_log_holds(
    demo_env: str, caplog: pytest.LogCaptureFixture
) -> None:
    with sqlite3.connect(demo_env.removeprefix("sqlite:///")) as broken:
        broken.execute("DROP TABLE aid_outcomes")  # the overview reads it: a fault that is not the user's
    logger = logging.getLogger("matching.ui")
    logger.addHandler(caplog.handler)
    try:
        app = AppTest.from_file(APP, default_timeout=60)
        app.run()
    finally:
        logger.removeHandler(caplog.handler)
    assert not app.exception  # nothing for Streamlit to show: no traceback in the browser
    (shown,) = [element.value for element in app.error]
    reference = re.search(r"编号 ([0-9A-F]{10})", shown)
    assert reference and "Traceback" not in shown and "aid_outcomes" not in shown
    logged = [record for record in caplog.records if reference.group(1) in record.getMessage()]
    assert logged and logged[0].exc_info and "aid_outcomes" in str(logged[0].exc_info[1])
