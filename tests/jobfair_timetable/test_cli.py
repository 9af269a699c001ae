"""`jobfair schedule` and `jobfair reschedule` on DIR: outputs, the summary line, exit codes, located errors."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from matching.jobfair.timetable.files import read_csv_file
from matching.jobfair.timetable.result import OUTPUT_COLUMNS

from .factories import booths, fair, graduates, interviews, run_cli, write_dir

SUMMARY = re.compile(
    r"^status=(OPTIMAL|FEASIBLE) scheduled=(\d+)/(\d+) objective=-?\d+ bound=-?\d+ gap=[0-9.]+ moved=(\d+) "
    r"idle_slots=\d+ time=[0-9.]+s seed=\d+$"
)


def small_day(folder: Path) -> Path:
    return write_dir(
        folder,
        interviews(
            {
                "graduate_id": "G1",
                "enterprise_id": "E1",
                "position_id": "P1",
                "score": "0.9",
                "wish_rank": "1",
            },
            {
                "graduate_id": "G1",
                "enterprise_id": "E2",
                "position_id": "P2",
                "score": "0.4",
                "wish_rank": "2",
            },
            {
                "graduate_id": "G2",
                "enterprise_id": "E1",
                "position_id": "P1",
                "score": "0.7",
                "wish_rank": "",
            },
            {"graduate_id": "G3", "enterprise_id": "E2", "position_id": "P2", "score": "", "wish_rank": ""},
        ),
        booths(
            {"enterprise_id": "E1", "interviewers": "1", "booth": "A-01", "enterprise_name": "丹东企业甲"},
            {"enterprise_id": "E2", "interviewers": "1", "arrives": "09:30"},
        ),
        fair(),
        graduates({"graduate_id": "G1", "name": "张三", "max_interviews": "3"}),
    )


def test_schedule_writes_the_contract_csv_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_cli(["schedule", str(small_day(tmp_path / "day")), "--time-limit", "5", "--seed", "3"])
    out, err = capsys.readouterr()
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == ",".join(OUTPUT_COLUMNS)
    assert len(lines) == 5
    match = SUMMARY.match(err.strip())
    assert match, err
    assert match.group(2, 3) == ("4", "4")
    assert err.strip().endswith("seed=3")


def test_schedule_writes_csv_xlsx_and_html_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_day(tmp_path / "day")
    csv_path, xlsx_path, html_path = tmp_path / "t.csv", tmp_path / "t.xlsx", tmp_path / "t.html"
    assert run_cli(["schedule", str(folder), "--out", str(csv_path), "--html", str(html_path)]) == 0
    assert run_cli(["schedule", str(folder), "--out", str(xlsx_path), "--require-all", "--workers", "1"]) == 0
    assert capsys.readouterr().out == ""
    frame = read_csv_file(csv_path)
    assert list(frame.columns) == list(OUTPUT_COLUMNS)
    assert (frame["start"] != "").all()
    sheets = pd.read_excel(xlsx_path, sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == ["Schedule", "Itineraries", "Booth lists", "timetable"]  # English by default
    assert list(sheets["timetable"].columns) == list(OUTPUT_COLUMNS)  # the codes, for reschedule --previous
    assert "张三" in html_path.read_text(encoding="utf-8")


def test_files_for_people_follow_matching_lang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_dir(
        tmp_path / "day",
        interviews(*({"graduate_id": f"G{g}", "enterprise_id": "E1"} for g in range(6))),
        booths({"enterprise_id": "E1", "interviewers": "1", "enterprise_name": "丹东企业甲"}),
        fair(closes="10:00"),
    )
    xlsx_path, html_path = tmp_path / "t.xlsx", tmp_path / "t.html"
    monkeypatch.setenv("MATCHING_LANG", "zh")
    assert run_cli(["schedule", str(folder), "--out", str(xlsx_path), "--html", str(html_path)]) == 0
    err = capsys.readouterr().err
    assert "已安排 2 场" in err and "未安排的原因：展位已排满 4 场" in err
    sheets = pd.read_excel(xlsx_path, sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == ["面试日程", "毕业生行程", "展位名单", "timetable"]
    people = sheets["面试日程"]
    assert {"毕业生编号", "企业", "开始", "已调整", "未安排原因"} <= set(people.columns)
    assert set(people["已调整"]) == {"否"}  # not `false`
    assert people["未安排原因"].str.contains("展位的面试官都已排满").sum() == 4  # not `booth_full`
    assert set(sheets["timetable"]["reason"]) == {"", "booth_full"}  # the codes stay in their own sheet
    page = html_path.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and "面试行程" in page
    monkeypatch.setenv("MATCHING_LANG", "en")
    assert run_cli(["schedule", str(folder), "--html", str(html_path), "--out", str(xlsx_path)]) == 0
    assert "not scheduled: 4 booth full" in capsys.readouterr().err
    page = html_path.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Interview itinerary" in page and "面试行程" not in page


def test_itineraries_for_one_booth_or_one_graduate(tmp_path: Path) -> None:
    folder = small_day(tmp_path / "day")
    html_path = tmp_path / "t.html"
    assert run_cli(["schedule", str(folder), "--html", str(html_path), "--for", "booth:A-01"]) == 0
    page = html_path.read_text(encoding="utf-8")
    assert page.count('<section class="page') == 1 and 'class="page booth"' in page and "丹东企业甲" in page
    assert run_cli(["schedule", str(folder), "--html", str(html_path), "--for", "graduate:G1"]) == 0
    page = html_path.read_text(encoding="utf-8")
    assert page.count('<section class="page') == 1 and "张三（G1）" in page and "G2" not in page
    assert run_cli(["schedule", str(folder), "--html", str(html_path), "--for", "booth"]) == 0
    assert html_path.read_text(encoding="utf-8").count('<section class="page booth">') == 2


@pytest.mark.parametrize(
    ("flags", "error"),
    [
        (["--for", "booth:E1"], "--for chooses the itineraries of --html FILE"),
        (["--for", "university:X", "--html", "t.html"], "--for university needs --event"),
    ],
)
def test_for_is_checked_before_the_solve(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], error: str
) -> None:
    folder = small_day(tmp_path / "day")
    assert run_cli(["schedule", str(folder), *flags]) == 2
    err = capsys.readouterr().err
    assert error in err and "status=" not in err


def test_for_refuses_an_audience_it_does_not_know(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run_cli(["schedule", str(small_day(tmp_path / "day")), "--for", "village:V1", "--html", "t.html"])
    assert exit_.value.code == 2
    assert "'village:V1' is not one of all, booth, graduate, university" in capsys.readouterr().err


def test_no_timetable_exits_3_with_the_explanation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_dir(
        tmp_path / "day",
        interviews(*({"graduate_id": f"G{g}", "enterprise_id": "E1"} for g in range(6))),
        booths({"enterprise_id": "E1", "interviewers": "1"}),
    )
    out_path = tmp_path / "t.csv"
    assert run_cli(["schedule", str(folder), "--require-all", "--out", str(out_path)]) == 3
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("status=INFEASIBLE scheduled=0/6 ")
    assert err[1] == "no timetable exists: the pre-check found 1 problem"
    assert err[2].startswith(
        "booths.csv, row 2, column 'interviewers': booth 'E1' (enterprise 'E1') has 6 interviews"
    )
    assert not out_path.exists()
    assert (
        run_cli(["schedule", str(folder)]) == 0
    )  # without --require-all four are placed and two get a reason
    assert "scheduled=4/6" in capsys.readouterr().err


def test_reschedule_from_a_written_timetable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_day(tmp_path / "day")
    first = tmp_path / "first.xlsx"
    assert run_cli(["schedule", str(folder), "--out", str(first)]) == 0
    frame = pd.read_excel(first, sheet_name="timetable", dtype=str, keep_default_na=False)
    statuses = ["held" if start == "09:00" else "pending" for start in frame["start"]]
    rows = read_csv_file(folder / "interviews.csv").assign(status=statuses)
    rows.loc[len(rows)] = {
        "graduate_id": "G4",
        "enterprise_id": "E1",
        "position_id": "P1",
        "score": "",
        "wish_rank": "",
        "status": "pending",
    }
    rows.to_csv(folder / "interviews.csv", index=False)
    second = tmp_path / "second.csv"
    capsys.readouterr()
    assert (
        run_cli(["reschedule", str(folder), "--previous", str(first), "--now", "09:30", "--out", str(second)])
        == 0
    )
    match = SUMMARY.match(capsys.readouterr().err.strip())
    assert match and match.group(4) == "0"
    again = read_csv_file(second)
    kept = again.iloc[: len(frame)]
    assert kept["start"].tolist() == frame["start"].tolist()
    assert again["graduate_id"].tolist()[-1] == "G4"
    assert run_cli(["reschedule", str(folder), "--previous", str(second), "--now", "10:00"]) == 0


ERRORS = [
    # (file to write or remove, its text or None to remove, expected one-line error)
    ("fair.csv", None, r"^error: fair.csv: the required file is missing from "),
    (
        "booths.csv",
        b"enterprise_id,interviewers\nE1,\xff\n",
        r"^error: booths.csv: is not text in UTF-8 or GB18030 \(byte 0xff in line 2\); save the file as CSV UTF-8$",
    ),
    ("booths.csv", b"", r"^error: booths.csv: the file is empty; it needs a header row$"),
    (
        "booths.csv",
        b"enterprise_id,enterprise_id\nE1,E1\n",
        r"^error: booths.csv, row 1, column 'enterprise_id': the column appears twice in the header",
    ),
    (
        "booths.csv",
        b"enterprise_id,,interviewers\nE1,,1\n",
        r"^error: booths.csv, row 1: header column 2 has no name$",
    ),
    (
        "booths.csv",
        b"enterprise_id,interviewers\nE1,1,x\n",
        r"^error: booths.csv, row 2: the row has 3 fields but the header has 2$",
    ),
    (
        "booths.csv",
        b"enterprise_id,interviewers\nE1,-1\n",
        r"^error: booths.csv, row 2, column 'interviewers': -1 is below the minimum 0",
    ),
    (
        "booths.csv",
        "\ufeffenterprise_id,interviewers,breaks\nE1,1,午休\n".encode(),
        r"^error: booths.csv, row 2, column 'breaks': '午休' is not a time range HH:MM-HH:MM",
    ),
    (
        "fair.csv",
        b"opens,closes,slot_minutes\n09:00,11:00,25\n",
        r"^error: fair.csv, row 2, column 'closes': 120 minutes from opening to closing is not a whole number of 25-minute slots",
    ),
    (
        "interviews.csv",
        b"graduate_id,enterprise_id\nG1,E9\n",
        r"^error: interviews.csv, row 2, column 'enterprise_id': enterprise 'E9' has no row in booths.csv$",
    ),
    (
        "interviews.csv",
        b"graduate_id,enterprise_id,status,start\nG1,E1,held,\n",
        r"^error: interviews.csv, row 2, column 'start': a held interview needs its start time$",
    ),
    (
        "graduates.csv",
        b"graduate_id,max_interviews\nG1,many\n",
        r"^error: graduates.csv, row 2, column 'max_interviews': 'many' is not a whole number$",
    ),
    (
        "graduates.csv",
        b"graduate,max_interviews\nG1,1\n",
        r"^error: graduates.csv, row 1, column 'graduate': unknown column; the columns are graduate_id, name, max_interviews, unavailable",
    ),
]


@pytest.mark.parametrize(("name", "content", "pattern"), ERRORS)
def test_bad_files_exit_2_naming_file_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, pattern: str
) -> None:
    folder = small_day(tmp_path / "day")
    if content is None:
        (folder / name).unlink()
    else:
        (folder / name).write_bytes(content)
    assert run_cli(["schedule", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert re.search(pattern, err.strip()), err


@pytest.mark.parametrize(
    ("extra", "pattern"),
    [
        (["--out", "timetable.txt"], r"^error: timetable.txt: the output file must end in .csv or .xlsx$"),
        (["--html", "page.pdf"], r"^error: page.pdf: the output file must end in .html or .htm$"),
        (["--out", "missing/t.csv"], r"^error: missing/t.csv: the folder missing does not exist$"),
    ],
)
def test_bad_output_paths_exit_2_before_solving(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    pattern: str,
) -> None:
    folder = small_day(tmp_path / "day")
    monkeypatch.chdir(tmp_path)
    assert run_cli(["schedule", str(folder), *extra]) == 2
    assert re.search(pattern, capsys.readouterr().err.strip())


def test_a_missing_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["schedule", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.strip().endswith("nowhere: is not a directory")


@pytest.mark.parametrize(
    ("previous", "now", "pattern"),
    [
        (None, "09:30", r"^error: .*gone.csv: the previous timetable file does not exist$"),
        (
            "graduate_id,enterprise_id,position_id,start\nG7,E1,P1,09:00\n",
            "09:30",
            r"^error: previous.csv, row 2, column 'graduate_id': graduate 'G7' at enterprise 'E1' for position 'P1' is not in interviews.csv",
        ),
        (
            "graduate_id,enterprise_id,position_id,start\nG1,E1,P1,09:00\n",
            "25:00",
            r"^error: --now: '25:00' is not a time of day HH:MM$",
        ),
        (
            "graduate_id,enterprise_id,start\nG1,E1,09:00\n",
            "09:30",
            r"^error: previous.csv, row 1, column 'position_id': the required column is missing from the header$",
        ),
    ],
)
def test_bad_reschedule_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], previous: str | None, now: str, pattern: str
) -> None:
    folder = small_day(tmp_path / "day")
    path = tmp_path / ("previous.csv" if previous is not None else "gone.csv")
    if previous is not None:
        path.write_text(previous, encoding="utf-8")
    assert run_cli(["reschedule", str(folder), "--previous", str(path), "--now", now]) == 2
    assert re.search(pattern, capsys.readouterr().err.strip())


def test_a_previous_workbook_without_the_timetable_sheet_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = small_day(tmp_path / "day")
    path = tmp_path / "other.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(path, sheet_name="data", index=False)
    assert run_cli(["reschedule", str(folder), "--previous", str(path), "--now", "09:30"]) == 2
    assert "other.xlsx: has no sheet 'timetable'" in capsys.readouterr().err


def test_argument_errors_are_argparse_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli(["schedule", str(tmp_path), "--time-limit", "0"])
    assert exit_info.value.code == 2
    assert "must be a positive number of seconds" in capsys.readouterr().err
