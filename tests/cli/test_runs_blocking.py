"""`runs blocking RUN`: the blocking pairs of a stored placement, graduates masked unless a purpose is given,
and a clear refusal for runs that are not placements."""

from __future__ import annotations

import io

import pandas as pd
from sqlalchemy import select

from matching.services import db
from models import AuditEntry, MatchingRun, Program
from tests.cli.conftest import event_code, latest_run
from tests.conftest import Run


def _solve(run: Run, url: str, method: str) -> int:
    assert run("jobfair", "solve", "--event", event_code(url), "--method", method, "--seed", "1")[0] == 0
    return latest_run(url).id


def test_a_stable_run_has_none_and_a_welfare_run_lists_its_blocking_pairs(run: Run, on_stored: str) -> None:
    stable = _solve(run, on_stored, "stable")
    status, out, err = run("runs", "blocking", str(stable))
    assert status == 0
    assert pd.read_csv(io.StringIO(out)).empty
    assert f"run {stable} (stable): 0 blocking pairs" in err

    welfare = _solve(run, on_stored, "welfare")
    status, out, err = run("runs", "blocking", str(welfare))
    assert status == 0
    pairs = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert len(pairs) > 0, "the demo fair's welfare placement is not stable"
    assert f"run {welfare} (welfare): {len(pairs)} blocking pairs" in err
    assert "graduate" not in pairs.columns  # no purpose: graduates only by masked name
    assert pairs["graduate_name"].str.fullmatch(r".\*+").all()
    # the graduate would rather have the blocking position than the one it holds (or it holds none)
    ranks = pairs[pairs["current_position"] != ""]
    assert (ranks["graduate_rank"].astype(int) < ranks["current_graduate_rank"].astype(int)).all()
    assert (pairs["position"] != pairs["current_position"]).all()

    status, out, err = run("runs", "blocking", str(welfare), "--purpose", "稳定性检查")
    named = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert status == 0 and named["graduate"].str.startswith("G").all() and len(named) == len(pairs)
    with db.sessions(on_stored)() as session:
        logged = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "download", AuditEntry.entity == f"run.{welfare}.blocking"
            )
        ).all()
    assert [(entry.details["personal"], entry.details["purpose"]) for entry in logged] == [
        (False, None),
        (True, "稳定性检查"),
    ]


def test_runs_without_a_placement_are_refused_in_one_line(run: Run, on_stored: str) -> None:
    shortlist = _solve(run, on_stored, "shortlist")
    status, out, err = run("runs", "blocking", str(shortlist))
    assert (status, out) == (2, "")
    assert (
        err.strip()
        == f"error: (runs): run {shortlist} is a shortlist run, not a placement: blocking pairs apply to stable and welfare runs"
    )
    with db.sessions(on_stored)() as session:
        aid = session.scalar(select(MatchingRun.id).where(MatchingRun.program == Program.AID).limit(1))
    status, out, err = run("runs", "blocking", str(aid))  # the demo's recorded aid pairs of last year
    assert (status, out) == (2, "") and f"run {aid} is an aid pairing" in err
    assert run("runs", "blocking", "9999")[0] == 2


def test_the_file_is_written_and_the_summary_follows_the_cli_language(
    run: Run, on_stored: str, tmp_path, monkeypatch
) -> None:
    welfare = _solve(run, on_stored, "welfare")
    monkeypatch.setenv("MATCHING_LANG", "zh")
    status, out, err = run("runs", "blocking", str(welfare), "--out", str(tmp_path / "blocking.xlsx"))
    assert (status, out) == (0, "")
    assert "阻塞对" in err and "blocking" not in err
    assert len(pd.read_excel(tmp_path / "blocking.xlsx")) > 0
