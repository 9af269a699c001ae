"""The cores' own folder checks speak the reader's language (issue 15): every fault `aid solve DIR` and
`jobfair solve DIR` find in a file is a coded message, said in Chinese with `--lang zh` (no English sentence,
the same file, row and column) and in English, unchanged, by default; and the cores' functions carry the
same codes, so a page can say them too. Bad option values are coded the same way."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest

from matching.aid.pairing import SolveOptions as AidSolveOptions
from matching.aid.parameters import AidParameters, ScoringWeights
from matching.aid.validate import problem_from_frames
from matching.errors import InputError
from matching.jobfair.problem import build_problem
from tests.aid.test_cli import GOOD, SOLVE_ERRORS
from tests.aid.test_cli import write_dir as write_aid_dir
from tests.conftest import Run
from tests.jobfair.contract_cases import ERRORS, edited_files
from tests.jobfair.test_cli import write_dir as write_jobfair_dir
from tests.jobfair.test_problem import INPUT_ERRORS, frames_of

CJK = re.compile(r"[\u4e00-\u9fff]")
# two English words side by side: a sentence, not a column name, a code or a list of them
ENGLISH_WORDS = re.compile(r"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")
FORMAT_NAMES = ("CSV UTF-8",)  # what Excel calls the format to save as, said as Excel says it
ROW = re.compile(r", row (\d+)")
COLUMN = re.compile(r"column '([^']+)'")


def said_in_chinese(text: str) -> None:
    """Chinese, with no English sentence in it."""
    assert CJK.search(text), text
    for name in FORMAT_NAMES:
        text = text.replace(name, "")
    assert not ENGLISH_WORDS.search(text), text


def same_place(english: str, chinese: str) -> None:
    """The Chinese line names the row and column the English one names."""
    row = ROW.search(english)
    if row:
        assert f"第 {row.group(1)} 行" in chinese, chinese
    column = COLUMN.search(english.split(": ")[0])
    if column:
        assert f"“{column.group(1)}”列" in chinese, chinese


def error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# ---------------------------------------------------------------- aid solve DIR


@pytest.mark.parametrize(
    ("case", "files", "expected"), SOLVE_ERRORS, ids=[case for case, _f, _e in SOLVE_ERRORS]
)
def test_every_aid_file_fault_in_chinese_and_in_english(
    run: Run, tmp_path: Path, case: str, files: dict[str, str | bytes | None], expected: str
) -> None:
    folder = write_aid_dir(tmp_path / "in", files)
    code, _out, err = run("aid", "solve", str(folder))
    english = error_line(err)
    assert code == 2 and english.startswith("error: " + expected.format(dir=folder)), err

    code, out, err = run("--lang", "zh", "aid", "solve", str(folder))
    chinese = error_line(err)
    assert code == 2 and out == ""
    file = re.split(r"[,:]", expected.format(dir=folder))[0]
    assert chinese.startswith(f"错误：{file}"), chinese  # names the file
    said_in_chinese(chinese.replace(str(folder), ""))
    same_place(english, chinese)


def test_a_bad_cell_of_enterprises_csv_through_the_cli(run: Run, tmp_path: Path) -> None:
    enterprises = "enterprise_id,capacity,max_villages\nE1,lots,2\nE2,10,\n"
    folder = write_aid_dir(tmp_path / "in", {**GOOD, "enterprises.csv": enterprises})
    code, _out, err = run("aid", "solve", str(folder))
    assert (code, err.strip()) == (
        2,
        f"error: {folder}/enterprises.csv, row 2, column 'capacity': expected a number, found 'lots'",
    )
    code, _out, err = run("--lang", "zh", "aid", "solve", str(folder))
    assert code == 2
    assert err.strip() == f"错误：{folder}/enterprises.csv，第 2 行，“capacity”列: 应为数字，但填写的是“lots”"


def test_a_missing_aid_folder_in_chinese(run: Run, tmp_path: Path) -> None:
    code, _out, err = run("--lang", "zh", "aid", "solve", str(tmp_path / "nowhere"))
    assert (code, err.strip()) == (2, f"错误：{tmp_path / 'nowhere'}: 找不到文件夹")


def test_a_minimum_for_an_unknown_park_in_chinese(run: Run, tmp_path: Path) -> None:
    enterprises = "enterprise_id,capacity,park_id\nE1,10,P1\nE2,10,P1\n"
    folder = write_aid_dir(tmp_path / "in", {**GOOD, "enterprises.csv": enterprises})
    flags = ["aid", "solve", str(folder), "--min-villages-per-park", "P9=1"]
    code, _out, err = run(*flags)
    assert code == 2 and "minimum for park 'P9', but no enterprise has that park_id" in err
    code, _out, err = run("--lang", "zh", *flags)
    assert code == 2 and "“min_villages_per_park”列: 为园区“P9”设了最低村数" in err, err
    said_in_chinese(error_line(err).split(": ", 1)[1])


AID_FRAMES = {
    "enterprises": "enterprise_id,capacity\nE1,10\nE2,10\n",
    "villages": "village_id\nV1\nV2\n",
    "pairs": "enterprise_id,village_id,value,load\nE1,V1,5,4\nE2,V2,3,4\n",
}


def aid_frames(**changed: str) -> dict[str, pd.DataFrame]:
    texts = {**AID_FRAMES, **changed}
    return {
        name: pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False) for name, text in texts.items()
    }


@pytest.mark.parametrize(
    ("changed", "english", "place"),
    [
        (
            {"enterprises": "enterprise_id,capacity,budget\nE1,10,1\n"},
            "unknown column; the columns are enterprise_id, capacity, max_villages, name, capabilities, "
            "county_code, township_code, park_id",
            (None, "budget"),
        ),
        (
            {"enterprises": "enterprise_id,capacity\nE1,-5\n"},
            "must be ≥ 0, found '-5'",
            (2, "capacity"),
        ),
        (
            {"villages": "village_id\nV1\nV1\n"},
            "village_id 'V1' is listed twice (first at row 2)",
            (3, "village_id"),
        ),
        (
            {"pairs": "enterprise_id,village_id,value,load\nE9,V1,5,4\n"},
            "unknown enterprise_id 'E9' (not in the enterprises)",
            (2, "enterprise_id"),
        ),
        (
            {"locks": "enterprise_id,village_id,action\nE1,V1,fix\nE1,V1,forbid\n"},
            "pair E1–V1 is fixed at row 2; it cannot also be forbidden",
            (3, "action"),
        ),
        (
            {"locks": "enterprise_id,village_id,action\nE1,V1,pin\n"},
            "unknown action 'pin'; use 'fix' or 'forbid'",
            (2, "action"),
        ),
        (
            {"locks": "enterprise_id,village_id,action\nE2,V1,fix\n"},
            "fixed pair E2–V1 is not listed in pairs.csv, so it is not acceptable",
            (2, "village_id"),
        ),
    ],
)
def test_the_aid_core_carries_the_code(
    changed: dict[str, str], english: str, place: tuple[int | None, str]
) -> None:
    with pytest.raises(InputError) as caught:
        problem_from_frames(**aid_frames(**changed))  # type: ignore[arg-type]
    problem = caught.value.problems[0]
    assert problem.code and problem.said("en") == problem.message == english
    assert (problem.row, problem.column) == place
    said_in_chinese(problem.said("zh"))
    assert problem.text("zh").startswith(problem.file)  # the file is named first


# ---------------------------------------------------------------- jobfair solve DIR


@pytest.mark.parametrize(
    ("file", "edit", "new", "message"),
    ERRORS,
    ids=[m.split(":")[0] + " " + m.split(": ")[-1][:40] for *_, m in ERRORS],
)
def test_every_jobfair_file_fault_in_chinese_and_in_english(
    run: Run, tmp_path: Path, file: str, edit: str, new: str, message: str
) -> None:
    folder = write_jobfair_dir(tmp_path, dict(edited_files(file, edit, new)))
    code, _out, err = run("jobfair", "solve", str(folder), "--method", "stable", "--seed", "1")
    english = error_line(err)
    assert code == 2 and english.startswith(f"error: {message}"), err

    code, out, err = run("--lang", "zh", "jobfair", "solve", str(folder), "--method", "stable", "--seed", "1")
    chinese = error_line(err)
    assert code == 2 and out == ""
    assert chinese.startswith(f"错误：{file}"), chinese  # names the file
    said_in_chinese(chinese)
    same_place(english, chinese)


def test_a_missing_jobfair_file_and_folder_in_chinese(run: Run, tmp_path: Path) -> None:
    code, _out, err = run("--lang", "zh", "jobfair", "solve", str(tmp_path / "nowhere"), "--method", "stable")
    assert (code, err.strip()) == (2, f"错误：{tmp_path / 'nowhere'}: 不是文件夹")
    folder = write_jobfair_dir(tmp_path, {"graduates.csv": "graduate_id\ng1\n"})
    code, _out, err = run("--lang", "zh", "jobfair", "solve", str(folder), "--method", "stable")
    assert (code, err.strip()) == (2, f"错误：positions.csv: 文件夹 {folder} 中缺少这个必需的文件")


@pytest.mark.parametrize(("file", "edit", "new", "message"), INPUT_ERRORS)
def test_the_jobfair_core_carries_the_code(file: str, edit: str, new: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        build_problem(**frames_of(edited_files(file, edit, new)))
    problem = caught.value.problems[0]
    assert problem.code, problem
    assert str(problem).startswith(message) and problem.said("en") == problem.message
    said_in_chinese(problem.said("zh"))
    assert problem.text("zh").startswith(file)


def test_many_faults_in_one_column_end_with_a_count_in_chinese() -> None:
    graduates = "graduate_id,expected_salary\n" + "".join(f"g{i},lots\n" for i in range(25))
    positions = "position_id,enterprise_id,capacity\np1,e1,1\n"
    with pytest.raises(InputError) as caught:
        build_problem(**frames_of({"graduates.csv": graduates, "positions.csv": positions}))
    last = caught.value.problems[-1]
    assert last.said("en") == "… and 5 more rows with the same kind of fault"
    assert last.said("zh") == "……另有 5 行有同类问题"


# ---------------------------------------------------------------- option values


@pytest.mark.parametrize(
    ("make", "english"),
    [
        (lambda: AidSolveOptions(time_limit=0), "time_limit must be a positive number of seconds, got 0"),
        (lambda: AidSolveOptions(workers=0), "workers must be at least 1, got 0"),
        (lambda: AidSolveOptions(seed=-1), "seed must be 0 or more and below 2147483648, got -1"),
        (lambda: ScoringWeights(fit=-1.0), "weight fit must be a finite number ≥ 0, got -1.0"),
        (
            lambda: AidParameters(poverty_reference_income=0.0),
            "poverty_reference_income must be > 0, got 0.0",
        ),
        (
            lambda: AidParameters(min_villages_per_county={"210602": -1}),
            "min_villages_per_county['210602'] must be an integer ≥ 0, got -1",
        ),
    ],
)
def test_a_bad_option_value_is_a_coded_error(make: object, english: str) -> None:
    with pytest.raises(InputError) as caught:
        make()  # type: ignore[operator]
    assert str(caught.value) == english
    said_in_chinese(caught.value.summary(lang="zh"))
