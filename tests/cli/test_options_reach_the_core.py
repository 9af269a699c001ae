"""Every flag of every solve command, in both modes (a folder of CSV files and stored data), reaches the core
— the result changes where it should — and a stored run records it in its parameters.

The folder instances are built so that each option changes the answer; the stored mode runs on the demo
data at a tenth of its size and reads the run back from the database.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import func, select

from matching.services import db
from models import AidOffer, Park
from tests.cli.conftest import event_code, latest_run, run_pairs
from tests.conftest import Run


def write_dir(folder: Path, files: Mapping[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def pairs_of(text: str) -> set[tuple[str, str]]:
    return {(row["graduate_id"], row["position_id"]) for row in rows_of(text) if row["position_id"]}


# ---------------------------------------------------------------- job fair: jobfair solve


# Two stable matchings (graduate-optimal ≠ position-optimal); g3 without a wish list; p3 open to all.
JOBFAIR = {
    "graduates.csv": "graduate_id,major_code,degree\ng1,080901,本科\ng2,080901,本科\ng3,080901,本科\n",
    "positions.csv": "position_id,enterprise_id,capacity,accepted_majors,min_degree\n"
    "p1,e1,1,080901,本科\np2,e2,1,,本科\np3,e3,1,,本科\n",
    "graduate_preferences.csv": "graduate_id,position_id,rank\ng1,p1,1\ng1,p2,2\ng2,p2,1\ng2,p1,2\n",
    "position_preferences.csv": "position_id,graduate_id,rank\np1,g2,1\np1,g1,2\np2,g1,1\np2,g2,2\n",
}
# Maximum total fit leaves g2 out; matching as many as possible places both.
MAXIMISE = {
    "graduates.csv": "graduate_id,major_code,degree,expected_salary,home_county,preferred_places\n"
    "g1,080901,本科,5000,210602,2106\ng2,120201,专科,20000,210602,110000\n",
    "positions.csv": "position_id,enterprise_id,capacity,accepted_majors,min_degree,salary_min,salary_max,"
    "work_county\np1,e1,1,,专科,4000,6000,210602\np2,e2,1,,本科,1000,1500,110101\n",
    "graduate_preferences.csv": "graduate_id,position_id,rank\ng1,p1,1\ng1,p2,2\n",
}
# Neither graduate has a wish list and both fit p1 best: with one candidate each, one is left out.
CANDIDATES = {
    "graduates.csv": "graduate_id,major_code,degree\ng1,080901,本科\ng2,080901,本科\n",
    "positions.csv": "position_id,enterprise_id,capacity,accepted_majors,min_degree,salary_min,salary_max\n"
    "p1,e1,1,080901,本科,6000,8000\np2,e2,1,,专科,2000,2500\n",
}


def test_folder_method_and_proposing(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "jf", JOBFAIR)
    _, graduates_first, err = run("jobfair", "solve", str(folder), "--method", "stable", "--seed", "1")
    assert "(graduates proposing)" in err
    _, positions_first, err = run(
        "jobfair", "solve", str(folder), "--method", "stable", "--proposing", "positions", "--seed", "1"
    )
    assert "(positions proposing)" in err
    assert pairs_of(graduates_first) == {("g1", "p1"), ("g2", "p2"), ("g3", "p3")}
    assert pairs_of(positions_first) == {("g1", "p2"), ("g2", "p1"), ("g3", "p3")}


def test_folder_per_graduate_and_seed(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "jf", JOBFAIR)
    counts = []
    for k in ("1", "2"):
        code, out, err = run(
            "jobfair", "solve", str(folder), "--method", "shortlist", "--per-graduate", k, "--seed", "7"
        )
        assert code == 0 and "seed 7;" in err
        counts.append(len(rows_of(out)))
    assert counts == [3, 5]


def test_folder_maximise_matches(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "mm", MAXIMISE)
    _, plain, _ = run("jobfair", "solve", str(folder), "--method", "welfare", "--seed", "1")
    _, most, _ = run(
        "jobfair", "solve", str(folder), "--method", "welfare", "--maximise-matches", "--seed", "1"
    )
    assert len(pairs_of(plain)) == 1 and len(pairs_of(most)) == 2


def test_folder_candidates_per_graduate(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "cp", CANDIDATES)
    _, one, _ = run("jobfair", "solve", str(folder), "--method", "stable", "--candidates-per-graduate", "1")
    _, two, _ = run("jobfair", "solve", str(folder), "--method", "stable", "--candidates-per-graduate", "2")
    assert len(pairs_of(one)) == 1 and len(pairs_of(two)) == 2


def test_stored_jobfair_flags_reach_the_core_and_the_run(run: Run, on_stored: str, tmp_path: Path) -> None:
    code = event_code(on_stored)
    solve = ("jobfair", "solve", "--event", code)

    assert run(*solve, "--method", "stable", "--proposing", "positions", "--seed", "3")[0] == 0
    stable = latest_run(on_stored)
    assert stable.parameters["method_options"] == {"proposing": "positions"} and stable.seed == 3
    assert "(positions proposing)" in (stable.message or "")

    assert run(*solve, "--method", "welfare", "--seed", "3")[0] == 0
    plain = latest_run(on_stored)
    assert run(*solve, "--method", "welfare", "--maximise-matches", "--seed", "3")[0] == 0
    most = latest_run(on_stored)
    assert most.parameters["method_options"] == {"maximise_matches": True, "keep_tolerance": 0.01}
    assert plain.parameters["method_options"] == {"maximise_matches": False, "keep_tolerance": 0.01}

    assert run(*solve, "--method", "stable", "--candidates-per-graduate", "1", "--seed", "3")[0] == 0
    narrow = latest_run(on_stored)
    assert run(*solve, "--method", "stable", "--candidates-per-graduate", "50", "--seed", "3")[0] == 0
    wide = latest_run(on_stored)
    assert (narrow.parameters["candidates_per_graduate"], wide.parameters["candidates_per_graduate"]) == (
        1,
        50,
    )
    assert run_pairs(on_stored, narrow.id) != run_pairs(on_stored, wide.id)

    shortlists = []
    for k in ("1", "4"):
        assert run(*solve, "--method", "shortlist", "--per-graduate", k, "--seed", "3")[0] == 0
        shortlists.append(latest_run(on_stored))
    assert [r.parameters["method_options"]["per_graduate"] for r in shortlists] == [1, 4]
    one, four = (len(run_pairs(on_stored, r.id)) for r in shortlists)
    assert one < four

    # No seed given: one is drawn, used and recorded; giving it back repeats the run.
    assert run(*solve, "--method", "stable")[0] == 0
    drawn = latest_run(on_stored)
    assert drawn.parameters["seed"] == drawn.seed
    assert run(*solve, "--method", "stable", "--seed", str(drawn.seed))[0] == 0
    assert run_pairs(on_stored, latest_run(on_stored).id) == run_pairs(on_stored, drawn.id)


# ---------------------------------------------------------------- aid: aid solve

# Two counties: E1 (park P1) near V1 and V2, E2 (park P2) in the other county; every village needs jobs.
AID = {
    "enterprises.csv": "enterprise_id,capacity,max_villages,capabilities,county_code,township_code,park_id\n"
    "E1,100000,2,jobs,210602,,P1\nE2,100000,2,jobs,210681,,P2\n",
    "villages.csv": "village_id,county_code,township_code,population,income,needs\n"
    "V1,210602,,500,9000,jobs\nV2,210602,,500,9000,jobs\nV3,210681,,500,9000,jobs\n",
}


def aid_rows(text: str) -> dict[str, dict[str, str]]:
    return {row["village_id"]: row for row in rows_of(text)}


def test_folder_objective_seed_and_workers(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "aid", AID)
    code, best, err = run("aid", "solve", str(folder), "--seed", "9", "--workers", "1")
    assert code == 0 and re.search(r"solver=cp-sat seed=9 ", err)  # one worker: no HiGHS race
    code, worst, _ = run("aid", "solve", str(folder), "--objective", "min", "--seed", "9")
    assert code == 0
    value = {
        name: sum(float(r["value"]) for r in aid_rows(text).values())
        for name, text in (("max", best), ("min", worst))
    }
    assert value["max"] > value["min"]


def test_folder_time_limit_reaches_the_solver(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "c20200"
    assert run("aid", "from-orlib", "tests/data/orlib-gap/chu1997/c20200", str(folder))[0] == 0
    code, _, err = run(
        "aid", "solve", str(folder), "--objective", "min", "--time-limit", "0.3", "--seed", "1"
    )
    # 0.3 s proves nothing on c20200: a pairing without proof, or (on a busy machine) none yet
    assert (code, err.split()[0]) in ((0, "status=FEASIBLE"), (3, "status=UNKNOWN"))


def test_folder_distance_limit_and_minimums(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "aid", AID)
    _, anywhere, _ = run("aid", "solve", str(folder), "--seed", "1")
    assert aid_rows(anywhere)["V3"]["enterprise_id"] == "E2"
    code, near, err = run("aid", "solve", str(folder), "--distance-limit", "same_county", "--seed", "1")
    assert code == 0 and {v: r["enterprise_id"] for v, r in aid_rows(near).items()} == {
        "V1": "E1",
        "V2": "E1",
        "V3": "E2",
    }
    code, _, err = run(
        "aid", "solve", str(folder), "--distance-limit", "same_county", "--min-villages-per-park", "P2=2"
    )
    assert code == 3 and "minimum" in err.lower()  # P2's enterprise can reach only V3 in its own county
    code, out, _ = run("aid", "solve", str(folder), "--min-villages-per-park", "P2=2", "--seed", "1")
    assert code == 0 and sum(r["enterprise_id"] == "E2" for r in aid_rows(out).values()) == 2
    code, out, _ = run("aid", "solve", str(folder), "--min-villages-per-county", "210681=2", "--seed", "1")
    assert code == 0 and sum(r["enterprise_id"] == "E2" for r in aid_rows(out).values()) == 2


def test_folder_helpers(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "aid", AID)
    _, lead_only, _ = run("aid", "solve", str(folder), "--seed", "1")
    assert "helpers" not in rows_of(lead_only)[0]
    code, out, err = run("aid", "solve", str(folder), "--helpers-per-village", "1", "--seed", "1")
    rows = aid_rows(out)
    assert code == 0 and re.search(r" helpers=[1-9]", err)
    assert all(row["helpers"] != row["enterprise_id"] for row in rows.values())
    assert any(row["helpers"] for row in rows.values())
    code, out, _ = run(
        "aid", "solve", str(folder), "--helpers-per-village", "1", "--helper-max-villages", "0", "--seed", "1"
    )
    assert code == 0 and not any(row["helpers"] for row in aid_rows(out).values())


def test_stored_aid_flags_reach_the_core_and_the_run(run: Run, on_stored: str) -> None:
    with db.sessions(on_stored)() as session:
        year = session.scalar(select(func.max(AidOffer.year)))
        park = session.scalars(select(Park.code).order_by(Park.id)).first()
    solve = ("aid", "solve", "--year", str(year))
    code, _, err = run(*solve, "--seed", "4", "--time-limit", "3", "--workers", "1")
    assert code in (0, 3) and "seed=4" in err
    first = latest_run(on_stored)
    assert first.parameters["solve"]["seed"] == 4 and first.parameters["solve"]["workers"] == 1
    assert first.parameters["solve"]["time_limit"] == 3.0 and first.parameters["objective"] == "max"
    assert err.startswith(f"status={first.status.value} ")  # what the command says is what is stored
    assert (first.message or "").startswith(f"status={first.status.value} ")

    code, _, err = run(*solve, "--objective", "min", "--seed", "4", "--time-limit", "3")
    cheapest = latest_run(on_stored)
    assert cheapest.parameters["objective"] == "min"
    assert run_pairs(on_stored, cheapest.id) != run_pairs(on_stored, first.id)

    run(*solve, "--distance-limit", "same_county", "--min-villages-per-park", f"{park}=3", "--seed", "4")
    limited = latest_run(on_stored)
    assert (limited.message or "").startswith(
        f"status={limited.status.value} "
    )  # even without a full pairing
    assert limited.parameters["parameters"]["distance_limit"] == "same_county"
    assert limited.parameters["parameters"]["min_villages_per_park"] == {park: 3}

    # No full pairing: the command, the stored status and the stored message say the same thing.
    code, _, err = run(*solve, "--min-villages-per-park", f"{park}=999", "--seed", "4", "--time-limit", "2")
    impossible = latest_run(on_stored)
    assert code == 3 and err.startswith("status=INFEASIBLE ") and impossible.status.value == "INFEASIBLE"
    assert (impossible.message or "").startswith("status=INFEASIBLE ") and impossible.objective is None

    code, _, err = run(*solve, "--helpers-per-village", "1", "--helper-load-share", "0.25", "--seed", "4")
    helped = latest_run(on_stored)
    assert helped.parameters["helpers"]["load_share"] == 0.25
    if code == 0:
        assert run_pairs(on_stored, helped.id, role="helper") and " helpers=" in err


# ---------------------------------------------------------------- the fair day: jobfair schedule / reschedule

DAY = {
    "fair.csv": "opens,closes,slot_minutes\n09:00,10:00,30\n",
    "booths.csv": "enterprise_id,interviewers\ne1,1\n",
    "interviews.csv": "graduate_id,enterprise_id,score\ng1,e1,0.9\ng2,e1,0.8\ng3,e1,0.7\n",
}


def test_folder_timetable_flags(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path / "day", DAY)
    code, _, err = run(
        "jobfair", "schedule", str(folder), "--seed", "5", "--workers", "1", "--time-limit", "2"
    )
    summary, reasons = err.rstrip().splitlines()[-2:]  # the summary line, then what was left out and why
    assert code == 0 and "scheduled=2/3" in summary and summary.endswith("seed=5")
    assert reasons.startswith("not scheduled: 1 ")
    code, _, err = run("jobfair", "schedule", str(folder), "--require-all", "--seed", "5")
    assert code == 3 and err.startswith("status=INFEASIBLE")  # two slots, one interviewer, three interviews


def test_stored_timetable_flags_reach_the_run(run: Run, on_stored: str) -> None:
    code = event_code(on_stored)
    assert run("jobfair", "solve", "--event", code, "--method", "shortlist", "--seed", "2")[0] == 0
    assert (
        run("jobfair", "schedule", "--event", code, "--time-limit", "2", "--seed", "6", "--workers", "1")[0]
        == 0
    )
    day = latest_run(on_stored)
    assert (day.parameters["time_limit"], day.parameters["seed"], day.parameters["workers"]) == (2.0, 6, 1)
    assert day.parameters["require_all"] is False and day.seed == 6
    result = run(
        "jobfair", "reschedule", "--event", code, "--now", "11:00", "--time-limit", "1", "--seed", "8"
    )
    assert result[0] == 0
    again = latest_run(on_stored)
    assert (again.parameters["time_limit"], again.parameters["seed"], again.parameters["now"]) == (
        1.0,
        8,
        "11:00",
    )
    code_all = run("jobfair", "schedule", "--event", code, "--require-all", "--time-limit", "2")[0]
    strict = latest_run(on_stored)
    assert strict.parameters["require_all"] is True
    assert (code_all == 3) == (strict.status.value == "INFEASIBLE")
