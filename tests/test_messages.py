"""The translation table: every message in both languages, every code the cores give in it, and real
findings rendered in Chinese without English left in them."""

from __future__ import annotations

import dataclasses
import json
import re
import string
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import matching.aid.diagnose as aid_diagnose
import matching.jobfair.feasibility as jobfair_feasibility
import matching.jobfair.timetable.precheck as timetable_precheck
from matching.aid.diagnose import diagnose, precheck
from matching.aid.helpers import HelperOptions
from matching.aid.pairing import FirstSolution
from matching.aid.pairing import SolveOptions as AidSolveOptions
from matching.aid.run import run_pairing
from matching.jobfair.feasibility import candidate_notes, check_feasibility
from matching.jobfair.moves import PreviousRun
from matching.jobfair.pipeline import SolveOptions, solve_frames
from matching.jobfair.problem import build_problem as build_jobfair
from matching.jobfair.result import Method
from matching.jobfair.timetable import build_problem as build_timetable
from matching.jobfair.timetable import check_feasibility as check_timetable
from matching.jobfair.timetable import plan_schedule
from matching.messages import MESSAGES, Message, render
from matching.results import Finding, SolveStatus, status_message, stored_solver, stored_summary
from tests.aid.helpers import make_problem

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_RUN = re.compile(r"\b[A-Za-z]+(?:[ ,']+[A-Za-z]+){2,}\b")  # three English words in a row
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
CODE_LITERAL = re.compile(r"""["']((?:jobfair|aid|timetable)\.[a-z_.]+)["']""")
CORES = (aid_diagnose, jobfair_feasibility, timetable_precheck)


def placeholders(template: str) -> set[str]:
    return {
        re.split(r"[.\[]", field)[0]
        for _text, field, _spec, _conversion in string.Formatter().parse(template)
        if field is not None
    }


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(code: str) -> None:
    chinese, english = MESSAGES[code]
    assert chinese.strip() and english.strip()
    assert CJK.search(chinese), f"{code}: the Chinese text has no Chinese in it"
    assert placeholders(chinese) == placeholders(english)


def source_codes(module: object) -> set[str]:
    return set(CODE_LITERAL.findall(Path(str(module.__file__)).read_text(encoding="utf-8")))  # type: ignore[attr-defined]


def test_every_code_the_cores_give_is_in_the_table() -> None:
    kinds = {str(kind) for kind in (*aid_diagnose.FindingKind, *timetable_precheck.FindingKind)}
    assert all(kind.startswith(("aid.", "timetable.")) for kind in kinds)
    jobfair = source_codes(jobfair_feasibility)
    assert {"jobfair.position_over_fixed", "jobfair.headcount_short"} <= jobfair
    produced = kinds | jobfair | source_codes(aid_diagnose) | source_codes(timetable_precheck)
    assert sorted(code for code in produced if code not in MESSAGES) == []


# --- real findings, in Chinese ---

FAST = AidSolveOptions(time_limit=5.0, first_solution=FirstSolution.GREEDY, seed=3)


def aid_texts() -> Iterator[tuple[str, str]]:
    """(code, Chinese text) of every finding, reason and diagnosis line of a few infeasible pairings."""
    problems = [
        make_problem([10], [(0, 0, 1, 1)], 2),  # a village without any enterprise
        make_problem([10, 10], [(0, 0, 1, 1), (1, 0, 1, 1)], 1, locks=[(0, 0, "forbid"), (1, 0, "forbid")]),
        make_problem([5, 3], [(0, 0, 1, 8), (1, 0, 1, 9)], 1),  # no budget is large enough
        make_problem(
            [10, 10],
            [(0, 0, 1, 6), (0, 1, 1, 6), (1, 0, 1, 1), (1, 1, 1, 1)],
            2,
            max_villages=[1, None],
            locks=[(0, 0, "fix"), (0, 1, "fix")],
        ),
        make_problem([100], [(0, v, 1, 1) for v in range(3)], 3, max_villages=[2]),
        make_problem([5, 5], [(e, v, 1, 4) for e in range(2) for v in range(3)], 3),
        make_problem([10, 10], [(e, v, 1, 6) for e in range(2) for v in range(3)], 3),
        make_problem(
            [10, 10],
            [(0, 0, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)],
            2,
            max_villages=[1, None],
            parks=["P1", "P2"],
            min_per_park={"P1": 2, "P2": 1},
        ),
        make_problem(
            [9, 9, 9],
            [(0, 1, 5, 1), (1, 0, 1, 1), (2, 0, 1, 1)],
            2,
            parks=[None, "P1", "P2"],
            min_per_park={"P1": 1, "P2": 1},
        ),
    ]
    for problem in problems:
        diagnosis = diagnose(problem, FAST, precheck(problem))
        for finding in diagnosis.findings:
            yield finding.code, finding.text("zh")
        for village in diagnosis.uncovered:
            for reason in village.reasons:
                yield reason.code, reason.text("zh")
            yield "aid.reason.more", " ".join(village.reason_texts("zh", limit=0))
        for line in diagnosis.lines(lang="zh"):
            yield "aid.diagnosis", line


def frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    columns = list(dict.fromkeys(name for row in rows for name in row))
    return pd.DataFrame([[row.get(c, "") for c in columns] for row in rows], columns=columns)


def fair(closes: str = "11:00", gap: int = 0) -> pd.DataFrame:
    return frame([{"opens": "09:00", "closes": closes, "slot_minutes": "30", "min_gap_minutes": str(gap)}])


def timetable_findings() -> Iterator[Finding]:
    days = [
        # a booth with more interviews than places, with and without fixed ones; two interviewers
        (
            fair(),
            [{"graduate_id": f"G{g}", "enterprise_id": "E1"} for g in range(9)],
            [("E1", "2", {})],
            None,
        ),
        (
            fair(closes="10:00"),
            [
                {"graduate_id": "G0", "enterprise_id": "E1", "status": "held", "start": "09:00"},
                {"graduate_id": "G1", "enterprise_id": "E1"},
                {"graduate_id": "G2", "enterprise_id": "E1"},
            ],
            [("E1", "1", {})],
            None,
        ),
        # a booth that is never staffed, and a graduate who is never free with it
        (
            fair(),
            [{"graduate_id": "G1", "enterprise_id": "E1"}, {"graduate_id": "G2", "enterprise_id": "E1"}],
            [("E1", "1", {"breaks": "09:00-11:00"})],
            None,
        ),
        # graduates over their limit (with a fixed interview) and overbooked with the gap
        (
            fair(gap=30),
            [
                {"graduate_id": "G1", "enterprise_id": "E0", "status": "held", "start": "09:00"},
                *({"graduate_id": "G1", "enterprise_id": f"E{b}"} for b in (1, 2)),
                *({"graduate_id": "G2", "enterprise_id": f"E{b}"} for b in range(3)),
            ],
            [(f"E{b}", "1", {}) for b in range(3)],
            frame(
                [{"graduate_id": "G1", "max_interviews": "2"}, {"graduate_id": "G2", "max_interviews": ""}]
            ),
        ),
        # fixed interviews that clash: over the interviewers, outside the hours, too close, over the limit
        (
            fair(gap=15),
            [
                {"graduate_id": "G1", "enterprise_id": "E1", "status": "held", "start": "09:00"},
                {"graduate_id": "G2", "enterprise_id": "E1", "status": "held", "start": "09:00"},
                {"graduate_id": "G3", "enterprise_id": "E2", "status": "held", "start": "09:00"},
                {"graduate_id": "G3", "enterprise_id": "E1", "status": "held", "start": "09:30"},
                {"graduate_id": "G4", "enterprise_id": "E1", "status": "held", "start": "10:30"},
            ],
            [("E1", "1", {}), ("E2", "1", {"arrives": "10:00"})],
            frame(
                [
                    {"graduate_id": "G3", "max_interviews": "1"},
                    {"graduate_id": "G4", "unavailable": "10:30-11:00"},
                ]
            ),
        ),
    ]
    for fair_frame, interview_rows, booth_rows, graduate_frame in days:
        booth_frame = frame(
            [{"enterprise_id": e, "interviewers": staff, **more} for e, staff, more in booth_rows]
        )
        problem = build_timetable(fair_frame, frame(interview_rows), booth_frame, graduate_frame)
        plan = plan_schedule(problem)
        yield from check_timetable(problem, plan, require_all=True).findings
        later = dataclasses.replace(plan, plan_from_slot=1)
        yield from check_timetable(problem, later, require_all=True).findings


def jobfair_findings() -> Iterator[Finding]:
    graduates = frame([{"graduate_id": g} for g in ("g1", "g2", "g3")])
    positions = frame([{"position_id": p, "enterprise_id": "e1", "capacity": "1"} for p in ("p1", "p2")])
    locks = frame([{"graduate_id": g, "position_id": "p1", "action": "fix"} for g in ("g1", "g2")])
    problem = build_jobfair(graduates, positions, locks=locks)
    yield from check_feasibility(problem, shortlist=False).findings
    yield from check_feasibility(problem, shortlist=True, interview_capacity=np.array([1])).findings
    yield from candidate_notes(
        np.array(["g1", "g2", "g3"], dtype=object),
        np.array(["p1", "p2"], dtype=object),
        np.array([0, 0, 1]),
        np.array([1, 0]),
        np.array([1, 1]),
    )


def findings_in_chinese() -> list[tuple[str, str]]:
    found = [(f.code, f.text("zh")) for f in (*jobfair_findings(), *timetable_findings())]
    return found + list(aid_texts())


def test_real_findings_read_in_chinese_without_english_or_placeholders() -> None:
    found = findings_in_chinese()
    for code, text in found:
        assert CJK.search(text), (code, text)
        assert not ENGLISH_RUN.search(text), (code, text)
        assert not PLACEHOLDER.search(text), (code, text)
    codes = {code for code, _text in found}
    expected = {
        "jobfair.position_over_fixed",
        "jobfair.enterprise_over_fixed",
        "jobfair.headcount_short",
        "jobfair.graduates_without_position",
        "jobfair.positions_without_graduate",
        "timetable.booth_overloaded",
        "timetable.booth_overloaded.with_fixed",
        "timetable.booth_overloaded.no_open_slot",
        "timetable.fixed_over_capacity",
        "timetable.fixed_outside_hours",
        "timetable.fixed_outside_hours.graduate",
        "timetable.fixed_too_close",
        "timetable.fixed_over_limit",
        "timetable.no_common_slot",
        "timetable.no_common_slot.after_now",
        "timetable.graduate_over_limit.with_fixed",
        "timetable.graduate_overbooked",
        *(str(kind) for kind in aid_diagnose.FindingKind),
        "aid.reason.no_acceptable_enterprise",
        "aid.reason.forbidden",
        "aid.reason.over_whole_budget",
        "aid.reason.count_full",
        "aid.reason.budget_left",
    }  # not here: aid.minimum_short.together and aid.reason.displaces, which need a solver cut short
    assert sorted(expected - codes) == []


def test_the_english_of_a_finding_is_the_command_line_sentence() -> None:
    [finding] = [f for f in jobfair_findings() if f.code == "jobfair.headcount_short"]
    assert finding.params == {"graduates": 3, "headcount": 2, "file": "positions.csv"}
    assert str(finding) == (
        "3 graduates but only 2 headcount in positions.csv: at most 2 can be placed; add headcount to place "
        "everyone"
    )
    assert finding.text("zh") == (
        "共有 3 名毕业生，但 positions.csv 中的招聘人数合计只有 2 人：最多可安置 2 人；如需全部安置，请增加招聘人数"
    )


def test_a_nested_message_is_said_in_the_same_language() -> None:
    booth = Message("timetable.booth", {"booth": "A3", "enterprise": "E1"})
    params = {"graduate": "G1", "booth": booth}
    assert render("timetable.no_common_slot", params, "zh").startswith("毕业生“G1”与展位“A3”（企业“E1”）没有")
    assert render("timetable.no_common_slot", params).startswith(
        "graduate 'G1' and booth 'A3' (enterprise 'E1')"
    )
    big = render("jobfair.graduates_without_position", {"count": 12345, "examples": "a, b"}, "zh")
    assert big.startswith("12,345 名毕业生没有可接受的岗位（如 a, b）")


# --- summaries, statuses and solver names, in both languages ---


def jobfair_summaries() -> Iterator[tuple[str, Message]]:
    """(what, summary) of every wording of a job-fair summary: each method, a re-run, a refusal."""
    graduates = frame([{"graduate_id": g, "degree": "本科"} for g in ("g1", "g2", "g3")])
    positions = frame([{"position_id": p, "enterprise_id": "e1", "capacity": "1"} for p in ("p1", "p2")])
    wishes = frame(
        [
            {"graduate_id": g, "position_id": p, "rank": str(rank)}
            for g, p, rank in (("g1", "p1", 1), ("g1", "p2", 2), ("g2", "p2", 1), ("g3", "p1", 1))
        ]
    )
    for method in Method:
        result = solve_frames(graduates, positions, wishes, options=SolveOptions.for_method(method, seed=1))
        yield method.value, result.summary_message()
        again = solve_frames(
            graduates,
            positions,
            wishes,
            options=SolveOptions.for_method(method, seed=2),
            previous=PreviousRun(result.output_frame()[["graduate_id", "position_id"]], 1),
        )
        yield f"{method.value} again", again.summary_message()
    locks = frame([{"graduate_id": g, "position_id": "p1", "action": "fix"} for g in ("g1", "g2")])
    refused = solve_frames(graduates, positions, locks=locks, options=SolveOptions.for_method("welfare"))
    yield "refused", refused.summary_message()


def aid_summaries() -> Iterator[tuple[str, Message]]:
    full = run_pairing(make_problem([10, 10], [(0, 0, 3, 1), (1, 1, 2, 1)], 2), FAST)
    helped = run_pairing(
        make_problem([10, 10], [(0, 0, 3, 1), (1, 0, 2, 1), (1, 1, 2, 1)], 2),
        FAST,
        helpers=HelperOptions(helpers_per_village=1),
    )
    partial = run_pairing(make_problem([10], [(0, 0, 1, 1)], 2), FAST)
    assert full.has_solution and helped.helpers is not None and not partial.has_solution
    yield from (("full", full.summary_message()), ("helpers", helped.summary_message()))
    yield "partial", partial.summary_message()


def test_every_summary_reads_in_chinese_and_in_english() -> None:
    summaries = [*jobfair_summaries(), *aid_summaries()]
    for what, message in summaries:
        chinese, english = message.text("zh"), message.text("en")
        assert CJK.search(chinese) and not ENGLISH_RUN.search(chinese), (what, chinese)
        assert not PLACEHOLDER.search(chinese) and not PLACEHOLDER.search(english), what
        assert not CJK.search(english), (what, english)
        # statuses and solver names are said, not shown raw
        assert not re.search(r"OPTIMAL|FEASIBLE|INFEASIBLE|cp-sat|deferred|min-cost|nan", chinese), chinese
    said = dict((what, message.text("zh")) for what, message in summaries)
    assert said["stable"].startswith(
        "招聘会稳定匹配（提出方：毕业生）：已证明最优：3 名毕业生中 2 人匹配成功"
    )
    assert "求解器 延迟接受算法（版本 " in said["stable"] and "求解器 最小费用流算法" in said["welfare"]
    assert "保留上次 2 个配对中的" in said["welfare again"]
    assert said["refused"].startswith("招聘会总匹配度最大：无解：岗位“p1”已固定 2 名毕业生")
    assert (
        said["full"].startswith("已证明最优：2 个村中 2 个已有牵头企业")
        and "CP-SAT 约束规划求解器" in said["full"]
    )
    assert "目标值 无，上界 无，差距 无" in said["partial"] and "，协助结对 1 个" in said["helpers"]


def test_the_english_summaries_are_the_command_line_lines() -> None:
    summaries = dict((what, message.text()) for what, message in [*jobfair_summaries(), *aid_summaries()])
    assert summaries["stable"].startswith("jobfair stable (graduates proposing): OPTIMAL: 2 of 3 graduates")
    assert "; seed 1; deferred acceptance (1); " in summaries["stable"]
    assert "; min-cost flow (ortools " in summaries["shortlist"]
    assert re.fullmatch(
        r"status=OPTIMAL objective=5 bound=5 gap=0 solver=(cp-sat|highs) seed=\d+ paired=2/2",
        summaries["full"],
    )
    assert re.fullmatch(
        r"status=INFEASIBLE objective=nan bound=nan gap=nan solver=cp-sat seed=\d+ best_partial=1/2",
        summaries["partial"],
    )


def test_a_stored_summary_is_said_again_in_either_language_and_old_runs_keep_their_text() -> None:
    problem = make_problem([10], [(0, 0, 1, 1)], 2)
    outcome = run_pairing(problem, FAST)
    assert outcome.diagnosis is not None
    stored = json.loads(
        json.dumps({**outcome.summary_message().to_json(), "lines": outcome.diagnosis.lines_json()})
    )
    chinese = stored_summary(stored, "ignored", "zh").splitlines()
    assert chinese[0] == outcome.summary("zh") and chinese[1:] == outcome.diagnosis.lines(lang="zh")
    assert stored_summary(stored, "ignored", "en").splitlines()[1:] == outcome.diagnosis.lines()
    assert "无牵头企业的村 V1：没有可接受的企业" in chinese
    assert stored_summary(stored, None, "zh", lines=False) == outcome.summary("zh")
    old = "aid 2025: 9 of 10 villages paired; status=OPTIMAL objective=12"
    assert stored_summary(None, old, "zh") == stored_summary({}, old, "zh") == old


def test_statuses_and_stored_solver_names_are_said_in_the_reader_s_language() -> None:
    assert [status_message(status).text("zh") for status in SolveStatus] == [
        "已证明最优",
        "可行（未证明最优）",
        "无解",
        "未找到解",
        "求解出错",
    ]
    assert status_message("FEASIBLE").text() == "FEASIBLE"
    assert (
        stored_solver("cp-sat OR-Tools CP-SAT 9.15", "zh")
        == "CP-SAT 约束规划求解器（版本 OR-Tools CP-SAT 9.15）"
    )
    assert stored_solver("min-cost-flow ortools 9.15 SimpleMinCostFlow") == (
        "min-cost flow (ortools 9.15 SimpleMinCostFlow)"
    )
    assert stored_solver("recorded", "zh") == "历史记录（未经求解）"
    assert stored_solver("something else 1", "zh") == "something else 1"  # not ours: as stored


# --- a stored fair has no files: its findings name the records and the decisions ---


def test_findings_on_a_stored_fair_name_the_kind_of_record_not_a_file() -> None:
    graduates = frame([{"graduate_id": g} for g in ("g1", "g2", "g3")])
    positions = frame([{"position_id": p, "enterprise_id": "e1", "capacity": "1"} for p in ("p1", "p2")])
    locks = frame([{"graduate_id": g, "position_id": "p1", "action": "fix"} for g in ("g1", "g2")])
    twice = frame([{"graduate_id": "g1", "position_id": p, "action": "fix"} for p in ("p1", "p2")])
    stored = [
        *check_feasibility(
            build_jobfair(graduates, positions, locks=locks, stored=True), shortlist=False
        ).findings,
        *check_feasibility(
            build_jobfair(graduates, positions, locks=twice, stored=True), shortlist=False
        ).findings,
        *check_feasibility(
            build_jobfair(graduates, positions, locks=locks, stored=True),
            shortlist=True,
            interview_capacity=np.array([1]),
        ).findings,
    ]
    assert sorted({f.code for f in stored}) == [
        "jobfair.enterprise_over_fixed.stored",
        "jobfair.graduate_fixed_twice.stored",
        "jobfair.headcount_short.stored",
        "jobfair.position_over_fixed.stored",
    ]
    for finding in stored:
        for lang in ("zh", "en"):
            text = finding.text(lang)
            assert ".csv" not in text and "row" not in text and "行" not in text, text
        assert finding.location is None and CJK.search(finding.text("zh"))
        assert not ENGLISH_RUN.search(finding.text("zh"))
    short = next(f for f in stored if f.code == "jobfair.headcount_short.stored")
    assert short.text("zh") == (
        "共有 3 名毕业生，但本场招聘会各岗位的招聘人数合计只有 2 人：最多可安置 2 人；如需全部安置，请增加岗位的招聘人数"
    )
    assert str(short) == (
        "3 graduates but only 2 headcount in the fair's positions: at most 2 can be placed; add headcount to "
        "place everyone"
    )
