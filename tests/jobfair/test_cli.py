"""`python -m matching jobfair solve DIR`: the file contract, its output, and every input error (exit 2 with
file, row and column)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.jobfair.contract_cases import ERRORS, FILES, POSITIONS, edited_files
from tests.jobfair.helpers import DATA, by_position, south_wales

OUTPUT_HEADER = "graduate_id,position_id,enterprise_id,score,graduate_rank,position_rank,reason"


def write_dir(folder: Path, files: Mapping[str, str | bytes | None]) -> Path:
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


# ---------------------------------------------------------------- success
def test_stable_writes_one_row_per_graduate_in_input_order(run: Run, tmp_path: Path) -> None:
    code, out, err = run(
        "jobfair", "solve", str(write_dir(tmp_path, dict(FILES))), "--method", "stable", "--seed", "5"
    )
    assert code == 0
    assert out.splitlines()[0] == OUTPUT_HEADER
    rows = rows_of(out)
    assert [row["graduate_id"] for row in rows] == ["007", "g2", "g3"]  # ids stay strings: 007 is not 7
    assert rows[0]["position_id"] == "p2" and rows[0]["enterprise_id"] == "e1"
    assert rows[0]["graduate_rank"] == "2" and rows[0]["position_rank"] == "1" and rows[0]["reason"] == ""
    assert rows[1]["position_id"] == "p1" and rows[1]["graduate_rank"] == "1"
    assert rows[2]["position_id"] == "" and rows[2]["reason"] == "forbidden_or_capacity"  # g3–p3 is forbidden
    assert 0 < float(rows[0]["score"]) <= 1
    summary, *notes = err.strip().splitlines()  # the summary line, then the pre-check's notes
    assert summary.startswith("jobfair stable (graduates proposing): OPTIMAL: 2 of 3 graduates matched")
    assert ", 2 notes;" in summary and len(notes) == 2 and all(note.startswith("  ") for note in notes)
    assert "0 blocking pairs" in err and "seed 5" in err


def test_welfare_and_shortlist_outputs(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path, dict(FILES))
    code, out, err = run("jobfair", "solve", str(folder), "--method", "welfare", "--seed", "1")
    assert code == 0 and len(rows_of(out)) == 3 and "ortools" in err
    code, out, err = run(
        "jobfair", "solve", str(folder), "--method", "shortlist", "--per-graduate", "2", "--seed", "1"
    )
    assert code == 0
    rows = rows_of(out)
    assert {(row["graduate_id"], row["position_id"]) for row in rows} == {("007", "p1"), ("g2", "p1")}
    assert err.startswith("jobfair shortlist: OPTIMAL: 2 recommendations for 2 of 3 graduates")


def test_each_method_takes_its_keep_tolerance(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path, dict(FILES))
    for method in ("welfare", "shortlist"):
        code, _, err = run(
            "jobfair", "solve", str(folder), "--method", method, f"--{method}-keep-tolerance", "0.05"
        )
        assert code == 0 and "OPTIMAL" in err  # no previous run in a folder: nothing to keep


def test_the_help_names_every_methods_options(run: Run, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("jobfair", "solve", "--help")
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    assert "--welfare-keep-tolerance X" in help_text and "--shortlist-keep-tolerance X" in help_text


def test_out_file_and_same_seed_same_result(run: Run, tmp_path: Path) -> None:
    folder = write_dir(tmp_path, dict(FILES))
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    for target in (first, second):
        code, out, _ = run(
            "jobfair", "solve", str(folder), "--method", "stable", "--seed", "9", "--out", str(target)
        )
        assert code == 0 and out == ""
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert first.read_text(encoding="utf-8").startswith(OUTPUT_HEADER + "\n")


def test_a_drawn_seed_is_reported(run: Run, tmp_path: Path) -> None:
    code, _, err = run("jobfair", "solve", str(write_dir(tmp_path, dict(FILES))), "--method", "stable")
    assert code == 0 and "; seed " in err


@pytest.mark.parametrize(
    ("proposing", "solution"),
    [("graduates", "resident_solution.json"), ("positions", "hospital_solution.json")],
)
def test_psaris_hr_south_wales_through_the_files(
    run: Run, tmp_path: Path, proposing: str, solution: str
) -> None:
    market = south_wales()
    files = {
        "graduates.csv": "graduate_id\n" + "".join(f"{r}\n" for r in market.graduate_lists),
        "positions.csv": "position_id,enterprise_id,capacity\n"
        + "".join(f'"{h}","{h}",{c}\n' for h, c in market.capacity.items()),
        "graduate_preferences.csv": "graduate_id,position_id,rank\n"
        + "".join(f'{r},"{h}",{i}\n' for r, hs in market.graduate_lists.items() for i, h in enumerate(hs, 1)),
        "position_preferences.csv": "position_id,graduate_id,rank\n"
        + "".join(f'"{h}",{r},{i}\n' for h, rs in market.position_lists.items() for i, r in enumerate(rs, 1)),
    }
    code, out, _ = run(
        "jobfair", "solve", str(write_dir(tmp_path, files)), "--method", "stable", "--proposing", proposing
    )
    assert code == 0
    matching = {row["graduate_id"]: row["position_id"] for row in rows_of(out)}
    expected = json.loads((DATA / "hr_south_wales" / solution).read_text(encoding="utf-8"))
    assert by_position(matching) == {h: sorted(rs) for h, rs in expected.items()}


def test_excel_style_files_are_read(run: Run, tmp_path: Path) -> None:
    """A byte-order mark, CRLF line ends, a quoted line break, spaces around cells, trailing blank lines."""
    graduates = '\ufeffgraduate_id,university\r\n 007 ,"辽东\r\n学院"\r\ng2,x\r\n\r\n\r\n'
    positions = "position_id,enterprise_id,capacity\r\np1,e1, 2 \r\n"
    files: dict[str, str | bytes | None] = {
        "graduates.csv": graduates.encode("utf-8"),
        "positions.csv": positions,
    }
    code, out, _ = run(
        "jobfair", "solve", str(write_dir(tmp_path, files)), "--method", "stable", "--seed", "1"
    )
    assert code == 0
    assert [(row["graduate_id"], row["position_id"]) for row in rows_of(out)] == [("007", "p1"), ("g2", "p1")]


# ---------------------------------------------------------------- input errors: exit 2, file, row, column
@pytest.mark.parametrize(
    ("file", "edit", "new", "message"),
    ERRORS,
    ids=[m.split(":")[0] + " " + m.split(": ")[-1][:40] for *_, m in ERRORS],
)
def test_every_input_error_names_file_row_and_column(
    run: Run, tmp_path: Path, file: str, edit: str, new: str, message: str
) -> None:
    files: dict[str, str | bytes | None] = dict(edited_files(file, edit, new))
    code, out, err = run(
        "jobfair", "solve", str(write_dir(tmp_path, files)), "--method", "stable", "--seed", "1"
    )
    assert code == 2 and out == ""
    assert err.startswith(f"error: {message}"), err
    assert len(err.strip().splitlines()) == 1


def test_interview_capacity_over_fixed_refuses_a_shortlist(run: Run, tmp_path: Path) -> None:
    positions = POSITIONS.replace(
        "p3,e2,1,外贸专员,,专科,4000,5000,210681,5181", "p3,e2,2,外贸专员,,专科,4000,5000,210681,5181"
    )
    positions = positions.replace("title,", "title,interview_capacity,").replace(
        ",软件工程师,", ",软件工程师,,"
    )
    positions = positions.replace(",测试工程师,", ",测试工程师,,").replace(",外贸专员,", ",外贸专员,1,")
    locks = "graduate_id,position_id,action\ng3,p3,fix\ng2,p3,fix\n"
    files: dict[str, str | bytes | None] = {**FILES, "positions.csv": positions, "locks.csv": locks}
    code, _, err = run("jobfair", "solve", str(write_dir(tmp_path, files)), "--method", "shortlist")
    assert code == 2
    assert err.startswith(
        "error: locks.csv, row 3, column 'position_id': enterprise 'e2' has 2 fixed graduates but room for 1"
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"graduates.csv": None}, "error: graduates.csv: the required file is missing from"),
        ({"positions.csv": None}, "error: positions.csv: the required file is missing from"),
        ({"graduates.csv": ""}, "error: graduates.csv: the file is empty; it needs a header row"),
        ({"positions.csv": "\n\n"}, "error: positions.csv: the file is empty; it needs a header row"),
        (
            {"graduates.csv": "graduate_id,university,graduate_id\n"},
            "error: graduates.csv, row 1, column 'graduate_id': the column appears twice in the header",
        ),
        (
            {"graduates.csv": "graduate_id,,major_code\n"},
            "error: graduates.csv, row 1: header column 2 has no name",
        ),
        (
            {"locks.csv": "graduate_id,position_id,action\ng3,p3\n"},
            "error: locks.csv, row 2, column 'action': unknown action ''",  # a short row is padded
        ),
        (
            {"graduate_preferences.csv": b"graduate_id,position_id,rank\n007,p1,1\n007,p\xff2,2\n"},
            "error: graduate_preferences.csv: is not text in UTF-8 or GB18030 (byte 0xff in line 3)",
        ),
    ],
)
def test_file_level_errors(
    run: Run, tmp_path: Path, files: dict[str, str | bytes | None], message: str
) -> None:
    folder = write_dir(tmp_path, {name: content for name, content in FILES.items() if name not in files})
    write_dir(folder, files)
    code, _, err = run("jobfair", "solve", str(folder), "--method", "stable")
    assert code == 2 and err.startswith(message), err


def test_a_missing_directory(run: Run, tmp_path: Path) -> None:
    code, _, err = run("jobfair", "solve", str(tmp_path / "nowhere"), "--method", "stable")
    assert code == 2 and err.startswith(f"error: {tmp_path / 'nowhere'}: is not a directory")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--method", "welfare", "--proposing", "positions"], "--proposing applies only to --method stable"),
        (["--method", "stable", "--maximise-matches"], "--maximise-matches applies only to --method welfare"),
        (["--method", "lottery"], "invalid Method value: 'lottery'"),
        (["--method", "stable", "--proposing", "enterprises"], "invalid Proposing value: 'enterprises'"),
        (["--method", "shortlist", "--per-graduate", "0"], "must be at least 1, got 0"),
        (
            ["--method", "welfare", "--shortlist-keep-tolerance", "0.1"],
            "--shortlist-keep-tolerance applies only to --method shortlist",
        ),
        (["--method", "welfare", "--welfare-keep-tolerance", "1.5"], "must be at most 1, got 1.5"),
        (["--method", "stable", "--seed", "-3"], "must be 0 or more, got -3"),
        (["--proposing", "graduates"], "the following arguments are required: --method"),
    ],
)
def test_bad_options_exit_2(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    folder = write_dir(tmp_path, dict(FILES))
    with pytest.raises(SystemExit) as exit_info:
        run("jobfair", "solve", str(folder), *options)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
