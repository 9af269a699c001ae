"""The README's table of exit codes, command by command: 0 done, 2 bad input, 3 no solution or only a
partial one (with the diagnosis), 1 an internal error — always one line on stderr, never a traceback."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from matching.jobfair import methods
from matching.jobfair.result import ChosenPairs, Method
from matching.results import SolveStatus
from tests.cli.test_options_reach_the_core import AID, DAY, JOBFAIR, write_dir
from tests.conftest import Run


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_jobfair_solve(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "jf", JOBFAIR)
    assert run("jobfair", "solve", str(folder), "--method", "welfare")[0] == 0
    code, _, err = run("jobfair", "solve", str(tmp_path / "missing"), "--method", "welfare")
    assert code == 2 and one_line(err).startswith("error: ")
    (folder / "locks.csv").write_text(
        "graduate_id,position_id,action\ng1,p1,fix\ng2,p1,fix\n", encoding="utf-8"
    )
    code, _, err = run("jobfair", "solve", str(folder), "--method", "stable")  # two fixed into one place
    assert code == 2 and one_line(err).startswith("error: locks.csv, row 3")


def test_a_solver_that_breaks_the_rules_is_an_internal_error(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The validator inside every solve catches a wrong answer; the command says so and exits 1."""

    def every_pair(candidates: object, options: object, previous: object) -> ChosenPairs:
        count = candidates.pair_count  # type: ignore[attr-defined]
        return ChosenPairs(SolveStatus.OPTIMAL, "", np.arange(count, dtype=np.int64))

    broken = dataclasses.replace(methods.METHODS[Method.WELFARE], solve=every_pair)
    monkeypatch.setitem(methods.METHODS, Method.WELFARE, broken)
    folder = write_dir(tmp_path / "jf", JOBFAIR)
    code, out, err = run("jobfair", "solve", str(folder), "--method", "welfare")
    assert code == 1 and out == ""
    line = one_line(err)
    assert line.startswith("internal error (not your input; please report it): InvalidSolutionError: ")
    assert "over_capacity" in line


def test_aid_solve(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "aid", AID)
    assert run("aid", "solve", str(folder))[0] == 0
    (folder / "villages.csv").write_text(
        "village_id,county_code,population,needs\nV1,210602,500,jobs\nV2,210602,500,medical\n",
        encoding="utf-8",
    )
    code, out, err = run("aid", "solve", str(folder))  # nobody offers medical help: no full pairing
    assert code == 3 and err.startswith("status=INFEASIBLE") and "V2" in err and "V1" in out
    (folder / "villages.csv").write_text("village_id,population\nV1,many\n", encoding="utf-8")
    code, _, err = run("aid", "solve", str(folder))
    assert code == 2 and "villages.csv, row 2, column 'population': expected a number" in one_line(err)


def test_aid_from_orlib(run: Run, tmp_path: Path) -> None:
    source = Path("tests/data/orlib-gap/cattrysse1994/gap1-0")
    assert run("aid", "from-orlib", str(source), str(tmp_path / "out"))[0] == 0
    code, _, err = run("aid", "from-orlib", str(tmp_path / "none.txt"), str(tmp_path / "x"))
    assert code == 2 and one_line(err).startswith("error: ")


def test_jobfair_schedule_and_reschedule(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "day", DAY)
    timetable = tmp_path / "timetable.csv"
    assert run("jobfair", "schedule", str(folder), "--out", str(timetable))[0] == 0
    assert run("jobfair", "schedule", str(folder), "--require-all")[0] == 3
    assert run("jobfair", "reschedule", str(folder), "--previous", str(timetable), "--now", "09:30")[0] == 0
    (folder / "booths.csv").write_text("enterprise_id,interviewers\ne1,none\n", encoding="utf-8")
    code, _, err = run("jobfair", "schedule", str(folder))
    assert code == 2 and one_line(err).startswith("error: booths.csv, row 2, column 'interviewers'")


def test_stored_data_commands(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert run("db", "migrate")[0] == 0
    assert run("data", "kinds")[0] == 0
    assert run("runs", "list")[0] == 0
    code, _, err = run("runs", "show", "999")
    assert code == 2 and one_line(err) == "error: run 999 does not exist"
    code, _, err = run("decide", "999", "approve")
    assert code == 2 and one_line(err) == "error: proposal 999 does not exist"
    code, _, err = run("jobfair", "solve", "--event", "NOPE", "--method", "stable")
    assert code == 2 and one_line(err) == "error: no job fair with code 'NOPE'"
    code, _, err = run("aid", "solve", "--year", "2031")
    assert code == 2 and one_line(err).startswith("error: no aid offers for 2031")
    (tmp_path / "parks.csv").write_text("code,name\nP1,\n", encoding="utf-8")
    code, _, err = run("data", "import", "parks", str(tmp_path / "parks.csv"))
    assert code == 2 and one_line(err).startswith("error: parks.csv")
    assert run("audit", "verify")[0] == 0
    # Commands that used to end in a traceback: one line, exit 2.
    for argv, start in (
        (("data", "export", "graduates", str(tmp_path / "g.csv")), "error: graduates holds personal data"),
        (("restore", str(tmp_path / "notdb")), "error: "),
        (("data", "import", "parks", str(tmp_path)), "error: "),
        (("data", "export", "parks", "/no/such/dir/p.csv"), "error: "),
    ):
        code, _, err = run(*argv)
        assert code == 2 and one_line(err).startswith(start), (argv, err)
