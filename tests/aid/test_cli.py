"""`python -m matching aid solve DIR` and `aid from-orlib FILE DIR`: the file contract, its output, the
exit codes, and every input error (exit 2, one line naming file, row and column)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.aid.helpers import ORLIB
from tests.conftest import Run

ENTERPRISES = "enterprise_id,capacity,max_villages\nE1,10,2\nE2,10,\n"
VILLAGES = "village_id\nV1\nV2\nV3\n"
PAIRS = "enterprise_id,village_id,value,load\nE1,V1,5,4\nE1,V2,4,4\nE2,V2,3,4\nE2,V3,2.5,4\nE1,V3,9,4\n"
GOOD: dict[str, str | bytes | None] = {
    "enterprises.csv": ENTERPRISES,
    "villages.csv": VILLAGES,
    "pairs.csv": PAIRS,
}


def write_dir(folder: Path, files: Mapping[str, str | bytes | None]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if content is None:
            continue
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return folder


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ------------------------------------------------------------------ success


def test_solve_writes_one_row_per_village_and_the_status_line(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "in", GOOD)
    code, out, err = run("aid", "solve", str(folder), "--seed", "3", "--time-limit", "5")
    assert code == 0
    assert out.splitlines()[0] == "village_id,enterprise_id,value,load"
    # E1 takes two villages at most: V1 and V3 (5 + 9), E2 takes V2 (3).
    assert rows_of(out) == [
        {"village_id": "V1", "enterprise_id": "E1", "value": "5", "load": "4"},
        {"village_id": "V2", "enterprise_id": "E2", "value": "3", "load": "4"},
        {"village_id": "V3", "enterprise_id": "E1", "value": "9", "load": "4"},
    ]
    (line,) = err.splitlines()
    assert re.fullmatch(
        r"status=OPTIMAL objective=17 bound=17 gap=0 solver=(cp-sat|highs) seed=3 paired=3/3", line
    )


def test_out_file_and_min_objective_and_locks(run: Run, tmp_path: Path) -> None:
    locks = "enterprise_id,village_id,action\nE1,V3,forbid\nE1,V1,fix\n"
    folder = write_dir(tmp_path / "in", {**GOOD, "locks.csv": locks})
    out_file = tmp_path / "pairing.csv"
    code, out, err = run("aid", "solve", str(folder), "--objective", "min", "--out", str(out_file))
    assert code == 0 and out == ""
    rows = rows_of(out_file.read_text(encoding="utf-8"))
    assert [(r["village_id"], r["enterprise_id"]) for r in rows] == [("V1", "E1"), ("V2", "E2"), ("V3", "E2")]
    assert err.startswith("status=OPTIMAL objective=10.5 bound=10.5 gap=0")


def test_profiles_without_pairs_csv(run: Run, tmp_path: Path) -> None:
    enterprises = "enterprise_id,capacity,max_villages,capabilities,county_code,park_id\nE1,50000,2,医疗;jobs,210681,P1\nE2,30000,1,legal,210602,P2\n"
    villages = "village_id,name,township_code,population,income,needs,previous_enterprise_id\n210681100201,甲村,210681100,1200,12000,medical,E1\n210602001201,乙村,210602001,800,,legal;funding,\n"
    folder = write_dir(tmp_path / "in", {"enterprises.csv": enterprises, "villages.csv": villages})
    code, out, err = run("aid", "solve", str(folder))
    assert code == 0, err
    assert [r["enterprise_id"] for r in rows_of(out)] == ["E1", "E2"]
    assert err.startswith("status=OPTIMAL")


def test_bom_and_blank_lines_and_short_rows_are_accepted(run: Run, tmp_path: Path) -> None:
    enterprises = "\ufeffenterprise_id,capacity,max_villages\n\nE1,10,2\nE2,10\n"
    folder = write_dir(tmp_path / "in", {**GOOD, "enterprises.csv": enterprises})
    code, _out, err = run("aid", "solve", str(folder))
    assert code == 0, err


def test_infeasible_exits_3_with_the_diagnosis_and_the_partial_pairing(run: Run, tmp_path: Path) -> None:
    villages = VILLAGES + "V4\n"
    folder = write_dir(tmp_path / "in", {**GOOD, "villages.csv": villages})
    code, out, err = run("aid", "solve", str(folder))
    assert code == 3
    lines = err.splitlines()
    assert re.fullmatch(
        r"status=INFEASIBLE objective=nan bound=nan gap=nan solver=cp-sat seed=\d+ best_partial=3/4", lines[0]
    )
    assert lines[1] == "no pairing gives every village a lead enterprise:"
    assert "- village V4 has no acceptable enterprise" in lines[2]
    assert any(line.startswith("best partial pairing: 1 of 4 villages uncovered") for line in lines)
    assert "uncovered village V4: no acceptable enterprise" in lines
    rows = rows_of(out)
    assert rows[-1] == {"village_id": "V4", "enterprise_id": "", "value": "", "load": ""}
    assert all(r["enterprise_id"] for r in rows[:3])


def test_orlib_round_trip_reproduces_both_known_optima(run: Run, tmp_path: Path) -> None:
    # gap1-0 = OR-Library c515-1: max 336 (gapinfo.txt), min 261 (fontanf data.csv)
    folder = tmp_path / "gap1-0"
    code, _out, err = run("aid", "from-orlib", str(ORLIB / "cattrysse1994" / "gap1-0"), str(folder))
    assert code == 0
    assert err.strip() == f"wrote {folder}: 5 enterprises, 15 villages"
    assert sorted(p.name for p in folder.iterdir()) == ["enterprises.csv", "pairs.csv", "villages.csv"]
    assert run("aid", "solve", str(folder))[2].startswith("status=OPTIMAL objective=336 bound=336 gap=0")
    assert run("aid", "solve", str(folder), "--objective", "min")[2].startswith(
        "status=OPTIMAL objective=261 "
    )


TWO_PROBLEMS = "2\n2 2\n1 2\n3 4\n1 1\n1 1\n2 2\n2 2\n5 6\n7 8\n1 1\n1 1\n1 1\n"


def test_from_orlib_with_several_problems(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "gap.txt"
    source.write_text(TWO_PROBLEMS, encoding="utf-8")
    code, _out, err = run("aid", "from-orlib", str(source), str(tmp_path / "all"))
    assert code == 0
    assert err.splitlines() == [
        f"wrote {tmp_path / 'all' / 'problem-1'}: 2 enterprises, 2 villages",
        f"wrote {tmp_path / 'all' / 'problem-2'}: 2 enterprises, 2 villages",
    ]
    code, _out, _err = run("aid", "from-orlib", str(source), str(tmp_path / "second"), "--problem", "2")
    assert code == 0
    assert "agent-1,job-1,5,1" in (tmp_path / "second" / "pairs.csv").read_text(encoding="utf-8")


def test_from_orlib_force_overwrites_and_removes_a_stale_locks_file(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "gap.txt"
    source.write_text(TWO_PROBLEMS, encoding="utf-8")
    folder = write_dir(tmp_path / "out", {"locks.csv": "enterprise_id,village_id,action\n"})
    code, _out, err = run("aid", "from-orlib", str(source), str(folder), "--problem", "1")
    assert code == 2
    assert (
        err.strip()
        == f"error: {folder / 'locks.csv'}: already exists; use --force to overwrite, or another folder"
    )
    assert run("aid", "from-orlib", str(source), str(folder), "--problem", "1", "--force")[0] == 0
    assert not (folder / "locks.csv").exists()


# ------------------------------------------------------------------ input errors of aid solve

SOLVE_ERRORS: list[tuple[str, dict[str, str | bytes | None], str]] = [
    ("no enterprises.csv", {**GOOD, "enterprises.csv": None}, "{dir}/enterprises.csv: file not found"),
    ("no villages.csv", {**GOOD, "villages.csv": None}, "{dir}/villages.csv: file not found"),
    (
        "empty file",
        {**GOOD, "villages.csv": "\n\n"},
        "{dir}/villages.csv: the file is empty; it needs a header row",
    ),
    (
        "neither UTF-8 nor GB18030",
        {**GOOD, "villages.csv": b"village_id\nV1\nV\xff2\n"},
        "{dir}/villages.csv: is not text in UTF-8 or GB18030 (byte 0xff in line 3); save the file as CSV UTF-8",
    ),
    (
        "header after a blank line",
        {**GOOD, "villages.csv": "\nvillage_id\nV1\n"},
        "{dir}/villages.csv, row 1: the header must be the first row",
    ),
    (
        "unnamed column",
        {**GOOD, "villages.csv": "village_id,\nV1,x\n"},
        "{dir}/villages.csv, row 1: header column 2 has no name",
    ),
    (
        "too many values",
        {**GOOD, "enterprises.csv": "enterprise_id,capacity\nE1,10\n\nE2,10,3\n"},
        "{dir}/enterprises.csv, row 4: the row has 3 fields but the header has 2",
    ),
    (
        "missing column",
        {**GOOD, "enterprises.csv": "enterprise_id\nE1\n"},
        "{dir}/enterprises.csv, column 'capacity': missing required column",
    ),
    (
        "unknown column",
        {**GOOD, "villages.csv": "village_id,neds\nV1,jobs\n"},
        "{dir}/villages.csv, column 'neds': unknown column; the columns are village_id, name",
    ),
    (
        "negative budget",
        {**GOOD, "enterprises.csv": "enterprise_id,capacity\nE1,10\nE2,-1\n"},
        "{dir}/enterprises.csv, row 3, column 'capacity': must be ≥ 0, found '-1'",
    ),
    (
        "budget not a number",
        {**GOOD, "enterprises.csv": "enterprise_id,capacity\nE1,十万\nE2,1\n"},
        "{dir}/enterprises.csv, row 2, column 'capacity': expected a number, found '十万'",
    ),
    (
        "fractional max_villages",
        {**GOOD, "enterprises.csv": "enterprise_id,capacity,max_villages\nE1,1,2.5\nE2,1,\n"},
        "{dir}/enterprises.csv, row 2, column 'max_villages': expected a whole number, found '2.5'",
    ),
    (
        "empty id",
        {**GOOD, "villages.csv": "village_id,name\nV1,a\n,b\n"},
        "{dir}/villages.csv, row 3, column 'village_id': village_id is required",
    ),
    (
        "duplicate village",
        {**GOOD, "villages.csv": "village_id\nV1\nV2\nV1\n"},
        "{dir}/villages.csv, row 4, column 'village_id': village_id 'V1' is listed twice (first at row 2)",
    ),
    (
        "unknown need",
        {"enterprises.csv": ENTERPRISES, "villages.csv": "village_id,needs\nV1,jobs;water\n"},
        "{dir}/villages.csv, row 2, column 'needs': unknown need 'water'; use funding, jobs",
    ),
    (
        "bad county code",
        {"enterprises.csv": "enterprise_id,capacity,county_code\nE1,1,21068\n", "villages.csv": VILLAGES},
        "{dir}/enterprises.csv, row 2, column 'county_code': expected a 6-digit division code, found '21068'",
    ),
    (
        "township outside its county",
        {
            "enterprises.csv": ENTERPRISES,
            "villages.csv": "village_id,county_code,township_code\nV1,210602,210681100\n",
        },
        "{dir}/villages.csv, row 2, column 'township_code': township 210681100 is not in county 210602",
    ),
    (
        "bad population",
        {"enterprises.csv": ENTERPRISES, "villages.csv": "village_id,population\nV1,-4\n"},
        "{dir}/villages.csv, row 2, column 'population': must be ≥ 0, found '-4'",
    ),
    (
        "no pairs and no profiles",
        {**GOOD, "pairs.csv": None},
        "{dir}/pairs.csv: no pairs given, and the enterprises and villages have no profile columns",
    ),
    (
        "pair with unknown village",
        {**GOOD, "pairs.csv": PAIRS + "E1,V9,1,1\n"},
        "{dir}/pairs.csv, row 7, column 'village_id': unknown village_id 'V9' (not in the villages)",
    ),
    (
        "pair with unknown enterprise",
        {**GOOD, "pairs.csv": PAIRS + "E9,V1,1,1\n"},
        "{dir}/pairs.csv, row 7, column 'enterprise_id': unknown enterprise_id 'E9' (not in the enterprises)",
    ),
    (
        "pair value not a number",
        {**GOOD, "pairs.csv": PAIRS.replace("E1,V1,5,4", "E1,V1,five,4")},
        "{dir}/pairs.csv, row 2, column 'value': expected a number, found 'five'",
    ),
    (
        "negative load",
        {**GOOD, "pairs.csv": PAIRS.replace("E1,V1,5,4", "E1,V1,5,-4")},
        "{dir}/pairs.csv, row 2, column 'load': must be ≥ 0, found '-4'",
    ),
    (
        "pair listed twice",
        {**GOOD, "pairs.csv": PAIRS + "E1,V1,1,1\n"},
        "{dir}/pairs.csv, row 7, column 'village_id': pair E1–V1 is listed twice (first at row 2)",
    ),
    (
        "unknown lock action",
        {**GOOD, "locks.csv": "enterprise_id,village_id,action\nE1,V1,approve\n"},
        "{dir}/locks.csv, row 2, column 'action': unknown action 'approve'; use 'fix' or 'forbid'",
    ),
    (
        "lock on unknown village",
        {**GOOD, "locks.csv": "enterprise_id,village_id,action\nE1,V7,fix\n"},
        "{dir}/locks.csv, row 2, column 'village_id': unknown village_id 'V7' (not in the villages)",
    ),
    (
        "fixed and forbidden",
        {**GOOD, "locks.csv": "enterprise_id,village_id,action\nE1,V1,forbid\nE1,V1,fix\n"},
        "{dir}/locks.csv, row 3, column 'action': pair E1–V1 is forbidden at row 2; it cannot also be fixed",
    ),
    (
        "village fixed twice",
        {**GOOD, "locks.csv": "enterprise_id,village_id,action\nE1,V2,fix\nE2,V2,fix\n"},
        "{dir}/locks.csv, row 3, column 'enterprise_id': village V2 is already fixed to E1 at row 2",
    ),
    (
        "fixed pair not acceptable",
        {**GOOD, "locks.csv": "enterprise_id,village_id,action\nE2,V1,fix\n"},
        "{dir}/locks.csv, row 2, column 'village_id': fixed pair E2–V1 is not listed in {dir}/pairs.csv",
    ),
]


@pytest.mark.parametrize(
    ("case", "files", "expected"), SOLVE_ERRORS, ids=[case for case, _f, _e in SOLVE_ERRORS]
)
def test_solve_input_errors(
    run: Run, tmp_path: Path, case: str, files: dict[str, str | bytes | None], expected: str
) -> None:
    folder = write_dir(tmp_path / "in", files)
    code, out, err = run("aid", "solve", str(folder))
    assert code == 2, case
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("error: " + expected.format(dir=folder)), err


def test_missing_folder(run: Run, tmp_path: Path) -> None:
    code, _out, err = run("aid", "solve", str(tmp_path / "nowhere"))
    assert (code, err.strip()) == (2, f"error: {tmp_path / 'nowhere'}: folder not found")


def test_out_in_a_missing_folder_or_a_folder(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "in", GOOD)
    target = tmp_path / "no" / "out.csv"
    code, _out, err = run("aid", "solve", str(folder), "--out", str(target))
    assert (code, err.strip()) == (2, f"error: {target}: folder {target.parent} does not exist")
    code, _out, err = run("aid", "solve", str(folder), "--out", str(tmp_path))
    assert (code, err.strip()) == (2, f"error: {tmp_path}: is a folder; --out needs a file name")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--time-limit", "0"], "argument --time-limit: must be a positive number of seconds, found '0'"),
        (["--time-limit", "soon"], "argument --time-limit: expected a number of seconds, found 'soon'"),
        (
            ["--objective", "best"],
            "argument --objective: invalid Objective value: 'best' (choose from max, min)",
        ),
        (["--seed", "x"], "argument --seed: expected a whole number, found 'x'"),
    ],
)
def test_bad_flags_exit_2(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    folder = write_dir(tmp_path / "in", GOOD)
    with pytest.raises(SystemExit) as caught:
        run("aid", "solve", str(folder), *flags)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


# ------------------------------------------------------------------ input errors of aid from-orlib


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("2 2\n1 2\n3 x\n", "{file}, row 3: expected an integer, found 'x'"),
        ("2 2\n1 2\n", "{file}, row 2: file ends early: m=2, n=2 needs 10 numbers after 'm n', found 2"),
        ("", "{file}: empty file"),
        ("1 1\n5\n-1\n3\n", "{file}, row 3: a resource must be ≥ 0, found -1"),
    ],
)
def test_from_orlib_input_errors(run: Run, tmp_path: Path, content: str, expected: str) -> None:
    source = tmp_path / "gap.txt"
    source.write_text(content, encoding="utf-8")
    code, _out, err = run("aid", "from-orlib", str(source), str(tmp_path / "out"))
    assert code == 2
    assert err.strip() == "error: " + expected.format(file=source)
    assert not (tmp_path / "out").exists()


def test_from_orlib_missing_file_problem_out_of_range_and_dir_is_a_file(run: Run, tmp_path: Path) -> None:
    code, _out, err = run("aid", "from-orlib", str(tmp_path / "none.txt"), str(tmp_path / "out"))
    assert (code, err.strip()) == (2, f"error: {tmp_path / 'none.txt'}: file not found")
    source = tmp_path / "gap.txt"
    source.write_text(TWO_PROBLEMS, encoding="utf-8")
    code, _out, err = run("aid", "from-orlib", str(source), str(tmp_path / "out"), "--problem", "3")
    assert (code, err.strip()) == (2, f"error: {source}: holds 2 problem(s); --problem must be 1 to 2")
    code, _out, err = run("aid", "from-orlib", str(source), str(source), "--problem", "1")
    assert (code, err.strip()) == (2, f"error: {source}: is a file; DIR must be a folder")


def test_no_villages_gives_an_empty_pairing(run: Run, tmp_path: Path) -> None:
    folder = write_dir(
        tmp_path / "in",
        {**GOOD, "villages.csv": "village_id\n", "pairs.csv": "enterprise_id,village_id,value,load\n"},
    )
    code, out, err = run("aid", "solve", str(folder), "--seed", "4")
    assert (code, out) == (0, "village_id,enterprise_id,value,load\n")
    assert re.fullmatch(r"status=OPTIMAL objective=0 bound=0 gap=0 solver=[a-z-]+ seed=4 paired=0/0\n", err)
