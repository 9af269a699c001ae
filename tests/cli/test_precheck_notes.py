"""The job-fair pre-check's notes: the summary counts them and each is printed after it, in the CLI's
language."""

from __future__ import annotations

import re

import pytest

from tests.cli.conftest import event_code
from tests.conftest import Run


@pytest.mark.parametrize(("lang", "counted"), [("en", r", (\d+) notes?"), ("zh", r"，提示 (\d+) 条")])
def test_every_note_the_summary_counts_is_printed(
    run: Run, on_stored: str, monkeypatch: pytest.MonkeyPatch, lang: str, counted: str
) -> None:
    monkeypatch.setenv("MATCHING_LANG", lang)
    status, _, err = run(
        "jobfair", "solve", "--event", event_code(on_stored), "--method", "stable", "--seed", "1"
    )
    assert status == 0
    summary, *rest = err.splitlines()
    found = re.search(counted, summary)
    assert found, summary
    notes = [line for line in rest if line.startswith("  ")]
    assert len(notes) == int(found.group(1)) > 0
    if lang == "zh":
        assert all(re.search(r"[\u4e00-\u9fff]", note) for note in notes)
