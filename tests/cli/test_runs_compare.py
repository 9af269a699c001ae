"""`runs compare RUN RUN`: the figures of both runs and the subjects whose partner differs."""

from __future__ import annotations

import io

import pandas as pd

from tests.cli.conftest import event_code, latest_run
from tests.conftest import Run


def test_two_job_fair_runs_are_compared_with_a_purpose(run: Run, on_stored: str) -> None:
    code = event_code(on_stored)
    assert run("jobfair", "solve", "--event", code, "--method", "stable", "--seed", "1")[0] == 0
    first = latest_run(on_stored).id
    assert run("jobfair", "solve", "--event", code, "--method", "welfare", "--seed", "1")[0] == 0
    second = latest_run(on_stored).id
    refused = run("runs", "compare", str(first), str(second))
    assert refused[0] == 2 and "state the purpose" in refused[2] and refused[1] == ""
    status, out, err = run("runs", "compare", str(first), str(second), "--purpose", "方法比较")
    assert status == 0
    assert [line.split(" (")[0] for line in err.splitlines()[:2]] == [f"run {first}", f"run {second}"]
    differences = pd.read_csv(io.StringIO(out), dtype=str)
    assert list(differences.columns) == ["subject", "first", "second"]
    assert f"{len(differences)} subjects have another partner" in err
    assert run("runs", "compare", str(first), str(first), "--purpose", "x")[0] == 2  # the same run twice
