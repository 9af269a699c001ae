"""The command line's language: English by default, Chinese with `MATCHING_LANG=zh` or the global `--lang zh`
(which wins over the variable); summaries, notes, diagnoses and errors all follow it, on a folder and on
stored data, where findings name the kind of record instead of a file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from matching.results import stored_summary
from matching.services import db
from models import JobFairEvent
from tests.aid.test_cli import GOOD, VILLAGES
from tests.aid.test_cli import write_dir as write_aid_dir
from tests.cli.conftest import latest_run
from tests.conftest import Run
from tests.jobfair.contract_cases import FILES
from tests.jobfair.test_cli import write_dir as write_jobfair_dir

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_RUN = re.compile(r"\b[A-Za-z]+(?:[ ,']+[A-Za-z]+){2,}\b")  # three English words in a row


def first_event(url: str) -> str:
    with db.sessions(url)() as session:
        return str(session.scalars(select(JobFairEvent.code).order_by(JobFairEvent.code).limit(1)).one())


def chinese_lines(err: str) -> list[str]:
    lines = [line for line in err.splitlines() if line.strip()]
    for line in lines:
        assert CJK.search(line) and not ENGLISH_RUN.search(line), line
    return lines


def jobfair_dir(tmp_path: Path) -> Path:
    return write_jobfair_dir(tmp_path, dict(FILES))


def test_english_by_default(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MATCHING_LANG", raising=False)
    code, _out, err = run("jobfair", "solve", str(jobfair_dir(tmp_path)), "--method", "stable", "--seed", "5")
    assert code == 0 and err.startswith("jobfair stable (graduates proposing): OPTIMAL: 2 of 3 graduates")


@pytest.mark.parametrize("how", ["--lang", "--lang=", "MATCHING_LANG"])
def test_a_folder_solve_speaks_chinese(
    how: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MATCHING_LANG", raising=False)
    words = ["jobfair", "solve", str(jobfair_dir(tmp_path)), "--method", "stable", "--seed", "5"]
    if how == "MATCHING_LANG":
        monkeypatch.setenv("MATCHING_LANG", "zh")
    else:
        words = (["--lang", "zh"] if how == "--lang" else ["--lang=zh"]) + words
    code, out, err = run(*words)
    assert code == 0 and out.startswith("graduate_id,position_id")  # the file itself keeps its contract
    summary, *notes = chinese_lines(err)
    assert summary.startswith("招聘会稳定匹配（提出方：毕业生）：已证明最优：3 名毕业生中 2 人匹配成功")
    assert "求解器 延迟接受算法" in summary and len(notes) == 2
    assert os.environ.get("MATCHING_LANG") == ("zh" if how == "MATCHING_LANG" else None)  # --lang: restored


def test_lang_wins_over_the_variable_and_a_bad_one_is_refused(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHING_LANG", "zh")
    folder = str(jobfair_dir(tmp_path))
    code, _out, err = run("--lang", "en", "jobfair", "solve", folder, "--method", "welfare", "--seed", "1")
    assert code == 0 and err.startswith("jobfair welfare: OPTIMAL: ")
    assert os.environ["MATCHING_LANG"] == "zh"
    with pytest.raises(SystemExit) as refused:
        run("--lang", "fr", "jobfair", "solve", folder)
    assert refused.value.code == 2


def test_an_aid_diagnosis_and_an_error_in_chinese(run: Run, tmp_path: Path) -> None:
    folder = write_aid_dir(tmp_path / "in", {**GOOD, "villages.csv": VILLAGES + "V4\n"})
    code, _out, err = run("--lang", "zh", "aid", "solve", str(folder))
    assert code == 3
    lines = chinese_lines(err)
    assert lines[0].startswith("无解：没有能让每个村都有牵头企业的结对（目标值 无，上界 无，差距 无）")
    assert "求解器 CP-SAT 约束规划求解器" in lines[0]
    assert lines[1] == "没有一种结对能让每个村都有牵头企业："
    assert "无牵头企业的村 V4：没有可接受的企业" in lines
    code, _out, err = run("--lang", "zh", "aid", "solve")
    assert code == 2 and re.fullmatch(
        r"错误：命令行[:：] ?请给出 DIR 或 --year YEAR 两者之一", err.strip()
    ), err


def test_on_stored_data_findings_name_the_records_and_stored_runs_are_said_again_in_chinese(
    run: Run, on_stored: str
) -> None:
    code, _out, err = run(
        "--lang",
        "zh",
        "jobfair",
        "solve",
        "--event",
        first_event(on_stored),
        "--method",
        "stable",
        "--seed",
        "3",
    )
    assert code == 0
    assert (
        "positions.csv" not in err and "本场招聘会各岗位的招聘人数合计只有" in err
    )  # the demo has fewer places
    run_row = latest_run(on_stored)
    said = stored_summary(run_row.summary, run_row.message, "zh")
    assert said == err.splitlines()[0]  # the stored run, said again, is the line the command printed
    assert stored_summary(run_row.summary, run_row.message, "en") == run_row.message
    code, _out, err = run("--lang", "zh", "aid", "solve", "--year", "2026", "--seed", "2")
    aid_run = latest_run(on_stored)
    assert stored_summary(aid_run.summary, aid_run.message, "en") == aid_run.message
    chinese = stored_summary(aid_run.summary, aid_run.message, "zh")
    assert chinese.splitlines()[0] == err.splitlines()[0] and CJK.search(chinese)
    assert code == 0 and chinese == chinese_lines(err)[0]  # a full pairing: the summary alone
