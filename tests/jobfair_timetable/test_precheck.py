"""The pre-check: what cannot work, what to change, and when no timetable exists."""

from __future__ import annotations

import re

import pytest

from matching.jobfair.timetable import (
    FindingKind,
    SolveOptions,
    build_problem,
    check_feasibility,
    plan_schedule,
)
from matching.messages import Message, render
from matching.results import FindingReport, SolveStatus

from .factories import booths, fair, graduates, interviews, schedule

REQUIRE_ALL = SolveOptions(time_limit=5.0, workers=1, require_all=True)


def codes(report: FindingReport) -> list[str]:
    return [finding.code for finding in report.findings]


def booth(label: str, enterprise: str | None = None) -> Message:
    return Message("timetable.booth", {"booth": label, "enterprise": enterprise or label})


def interviewers(count: int) -> Message:
    return Message(
        "timetable.interviewers.one" if count == 1 else "timetable.interviewers.many", {"count": count}
    )


def precheck(interview_frame, booth_frame, fair_frame=None, graduate_frame=None, *, require_all=False):  # type: ignore[no-untyped-def]
    problem = build_problem(
        fair_frame if fair_frame is not None else fair(), interview_frame, booth_frame, graduate_frame
    )
    return check_feasibility(problem, plan_schedule(problem), require_all=require_all)


def test_a_day_that_fits_has_no_findings() -> None:
    report = precheck(
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1"}, {"graduate_id": "G2", "enterprise_id": "E1"}
        ),
        booths({"enterprise_id": "E1", "interviewers": "1"}),
    )
    assert report.findings == ()
    assert report.feasible


def test_known_answer_booth_with_more_interviews_than_slots_times_interviewers() -> None:
    # 5 interviews, 4 slots × 1 interviewer less a break of one slot = 3 places: 2 cannot be placed, 2 interviewers needed.
    report = precheck(
        interviews(*({"graduate_id": f"G{g}", "enterprise_id": "E1"} for g in range(5))),
        booths({"enterprise_id": "E1", "interviewers": "1", "breaks": "10:00-10:30"}),
    )
    assert codes(report) == [FindingKind.BOOTH_OVERLOADED]
    finding = report.findings[0]
    assert not finding.blocking  # the solver leaves two out and says why
    assert finding.params == {
        "booth": booth("E1"),
        "wanted": 5,
        "room": 3,
        "opened": 3,
        "interviewers": interviewers(1),
        "unplaced": 2,
        "needed": 2,
    }
    assert finding.refs == {"interviews": (0, 1, 2, 3, 4)}
    assert render(finding.code, finding.params) == (
        "booth 'E1' (enterprise 'E1') has 5 interviews to place but 3 places (3 open slots × 1 interviewer): 2 "
        "cannot be placed; raise interviewers to 2, extend its hours or shorten its breaks, or drop interviews"
    )
    assert (finding.location.file, finding.location.row, finding.location.column) == (
        "booths.csv",
        2,
        "interviewers",
    )


def test_known_answer_graduate_with_more_interviews_than_fit_with_the_gap() -> None:
    # 4 slots and a 30-minute gap: starts 09:00 and 10:00 at most, so 1 of 3 interviews cannot be placed.
    report = precheck(
        interviews(*({"graduate_id": "G1", "enterprise_id": f"E{b}"} for b in range(3))),
        booths(*({"enterprise_id": f"E{b}", "interviewers": "1"} for b in range(3))),
        fair(gap=30),
        graduates({"graduate_id": "G1", "name": "张三"}),
    )
    assert codes(report) == [FindingKind.GRADUATE_OVERBOOKED]
    finding = report.findings[0]
    assert finding.params == {
        "graduate": "G1",
        "wanted": 3,
        "fitting": 2,
        "gap": 30,
        "unplaced": 1,
        "file": "fair.csv",
    }
    assert "graduate 'G1' has 3 interviews to place but only 2 fit" in str(finding)
    assert (finding.location.file, finding.location.row) == ("graduates.csv", 2)


def test_graduate_over_max_interviews_is_located_in_graduates_csv() -> None:
    report = precheck(
        interviews(*({"graduate_id": "G1", "enterprise_id": f"E{b}"} for b in range(3))),
        booths(*({"enterprise_id": f"E{b}", "interviewers": "1"} for b in range(3))),
        graduate_frame=graduates({"graduate_id": "G1", "max_interviews": "2"}),
    )
    assert codes(report) == [FindingKind.GRADUATE_OVER_LIMIT]
    assert report.findings[0].params == {"graduate": "G1", "wanted": 3, "limit": 2, "unplaced": 1}
    assert report.findings[0].location.column == "max_interviews"


def test_an_unlisted_graduate_is_located_at_their_last_interview() -> None:
    report = precheck(
        interviews(*({"graduate_id": "G1", "enterprise_id": f"E{b}"} for b in range(2))),
        booths(*({"enterprise_id": f"E{b}", "interviewers": "1"} for b in range(2))),
        fair(closes="09:30"),
    )
    assert codes(report) == [FindingKind.GRADUATE_OVERBOOKED]
    location = report.findings[0].location
    assert (location.file, location.row, location.column) == ("interviews.csv", 3, "graduate_id")


def test_no_common_slot_names_the_interview_row() -> None:
    report = precheck(
        interviews({"graduate_id": "G1", "enterprise_id": "E1"}),
        booths({"enterprise_id": "E1", "interviewers": "1", "leaves": "10:00"}),
        graduate_frame=graduates({"graduate_id": "G1", "unavailable": "08:00-10:00"}),
    )
    assert codes(report) == [FindingKind.NO_COMMON_SLOT]
    [finding] = report.findings
    assert finding.params == {"graduate": "G1", "booth": booth("E1")}
    assert finding.refs == {"interviews": (0,)}
    assert str(finding) == (
        "interviews.csv, row 2, column 'enterprise_id': graduate 'G1' and booth 'E1' (enterprise 'E1') are never "
        "free at the same time: change the booth's hours or breaks, or the graduate's unavailable times"
    )
    chinese = finding.text("zh")
    assert chinese.startswith("interviews.csv，第 2 行，“enterprise_id”列")
    assert chinese.endswith(
        "毕业生“G1”与展位“E1”（企业“E1”）没有共同的空闲时段：请调整该展位的值守时间或休息时间，或该毕业生的不可参加时段"
    )


@pytest.mark.parametrize(
    ("rows", "booth", "kind", "pattern"),
    [
        (
            [{"status": "held", "start": "09:00"}, {"status": "started", "start": "09:00"}],
            {"interviewers": "1"},
            FindingKind.FIXED_OVER_CAPACITY,
            r"has 2 fixed interviews at 09:00 but 1 interviewer: raise interviewers to 2 or change the start of 1",
        ),
        (
            [{"status": "held", "start": "09:00"}],
            {"interviewers": "1", "arrives": "09:30"},
            FindingKind.FIXED_OUTSIDE_HOURS,
            r"the fixed interview at 09:00 falls when booth 'E1' \(enterprise 'E1'\) is not staffed",
        ),
    ],
)
def test_fixed_interviews_that_clash_block_every_timetable(
    rows: list[dict[str, str]], booth: dict[str, str], kind: FindingKind, pattern: str
) -> None:
    interview_frame = interviews(
        *({"graduate_id": f"G{i}", "enterprise_id": "E1", **row} for i, row in enumerate(rows))
    )
    result = schedule(interview_frame, booths({"enterprise_id": "E1", **booth}))
    assert result.status is SolveStatus.INFEASIBLE
    assert not result.has_timetable
    assert [finding.code for finding in result.precheck.blocking] == [kind]
    assert result.precheck.blocking[0].location.column == "start"
    assert re.search(pattern, result.precheck.explanation())
    assert result.reason[0].value == "no_timetable"


def test_fixed_interviews_of_one_graduate_within_the_gap_block() -> None:
    report = precheck(
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1", "status": "held", "start": "09:00"},
            {"graduate_id": "G1", "enterprise_id": "E2", "status": "held", "start": "09:30"},
        ),
        booths({"enterprise_id": "E1", "interviewers": "1"}, {"enterprise_id": "E2", "interviewers": "1"}),
        fair(gap=15),
    )
    assert codes(report) == [FindingKind.FIXED_TOO_CLOSE]
    finding = report.blocking[0]
    assert finding.params == {"graduate": "G1", "first": "09:00", "second": "09:30", "gap": 15}
    assert finding.refs == {"interviews": (0, 1)}
    assert finding.location is not None and finding.location.row == 3


def test_fixed_interviews_over_max_interviews_block() -> None:
    report = precheck(
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1", "status": "held", "start": "09:00"},
            {"graduate_id": "G1", "enterprise_id": "E2", "status": "held", "start": "10:00"},
        ),
        booths({"enterprise_id": "E1", "interviewers": "1"}, {"enterprise_id": "E2", "interviewers": "1"}),
        graduate_frame=graduates({"graduate_id": "G1", "max_interviews": "1"}),
    )
    assert codes(report) == [FindingKind.FIXED_OVER_LIMIT]
    assert report.blocking[0].params == {"graduate": "G1", "count": 2, "limit": 1}
    assert str(report.blocking[0]).endswith(
        "has 2 fixed interviews but max_interviews 1: raise max_interviews to 2"
    )


def test_require_all_turns_notes_into_an_explained_infeasibility() -> None:
    interview_frame = interviews(*({"graduate_id": f"G{g}", "enterprise_id": "E1"} for g in range(5)))
    booth_frame = booths({"enterprise_id": "E1", "interviewers": "1"})
    relaxed = schedule(interview_frame, booth_frame)
    assert relaxed.status is SolveStatus.OPTIMAL and relaxed.scheduled_count == 4
    strict = schedule(interview_frame, booth_frame, options=REQUIRE_ALL)
    assert strict.status is SolveStatus.INFEASIBLE
    assert strict.message == "no timetable exists: the pre-check found 1 problem"
    assert strict.precheck.explanation().startswith("booths.csv, row 2, column 'interviewers': booth 'E1'")
    assert strict.summary().startswith("status=INFEASIBLE scheduled=0/5 objective= bound= gap= ")


def test_require_all_infeasible_without_a_single_cause_is_reported_by_the_solver() -> None:
    # Two slots; G2 and G3 can only come at 09:00 and take E1 and E2 then, so G1 would need both at 09:30.
    # Every booth and every graduate fits alone, so the pre-check passes and the solver proves it.
    interview_frame = interviews(
        {"graduate_id": "G1", "enterprise_id": "E1"},
        {"graduate_id": "G1", "enterprise_id": "E2"},
        {"graduate_id": "G2", "enterprise_id": "E1"},
        {"graduate_id": "G3", "enterprise_id": "E2"},
    )
    booth_frame = booths(
        {"enterprise_id": "E1", "interviewers": "1"}, {"enterprise_id": "E2", "interviewers": "1"}
    )
    graduate_frame = graduates(*({"graduate_id": g, "unavailable": "09:30-10:00"} for g in ("G2", "G3")))
    strict = schedule(interview_frame, booth_frame, fair(closes="10:00"), graduate_frame, options=REQUIRE_ALL)
    assert strict.precheck.feasible
    assert strict.status is SolveStatus.INFEASIBLE
    assert "no timetable places every interview" in strict.message
    relaxed = schedule(interview_frame, booth_frame, fair(closes="10:00"), graduate_frame)
    assert relaxed.scheduled_count == 3


def test_booth_overload_counts_its_fixed_interviews() -> None:
    report = precheck(
        interviews(
            {"graduate_id": "G0", "enterprise_id": "E1", "status": "held", "start": "09:00"},
            {"graduate_id": "G1", "enterprise_id": "E1"},
            {"graduate_id": "G2", "enterprise_id": "E1"},
        ),
        booths({"enterprise_id": "E1", "interviewers": "1"}),
        fair(closes="10:00"),
    )
    [finding] = report.findings
    assert finding.code == "timetable.booth_overloaded.with_fixed"
    assert finding.params == {
        "booth": booth("E1"),
        "wanted": 2,
        "room": 1,
        "opened": 2,
        "interviewers": interviewers(1),
        "unplaced": 1,
        "fixed": 1,
        "needed": 2,
    }
    assert (
        "has 2 interviews to place but 1 places (2 open slots × 1 interviewer, less 1 fixed): 1 cannot be "
        "placed; raise interviewers to 2" in str(finding)
    )
    assert finding.refs == {"interviews": (1, 2)}
