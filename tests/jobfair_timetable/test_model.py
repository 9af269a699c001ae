"""Known answers on small days (worked out by hand), the weights, the first timetable and the reasons."""

from __future__ import annotations

import numpy as np
import pytest

from matching.jobfair.timetable import (
    NO_SLOT,
    SolveOptions,
    UnscheduledReason,
    build_problem,
    interview_weights,
    plan_schedule,
)
from matching.jobfair.timetable.model import (
    build_candidates,
    compact_idle,
    fill_greedily,
    fixed_timetable,
    number_interviewers,
    objective_of,
    solve_timetable,
)
from matching.jobfair.timetable.slots import max_spaced_slots, slot_map
from matching.jobfair.timetable.weights import MAX_WEIGHT, MOVE_PENALTY, WEIGHT_SCALE
from matching.results import SolveStatus

from .factories import booths, fair, graduates, interviews, schedule, starts


def test_weights_by_hand() -> None:
    # score / highest: 0.5 and 1.0; wish 1/rank: 1 and 1/2 and none
    weights = interview_weights(np.array([1.0, 2.0, np.nan, 2.0]), np.array([1, 2, -1, -1]))
    assert weights.tolist() == [2500, 2500, 1000, 2000]
    assert weights.max() <= MAX_WEIGHT and weights.min() >= WEIGHT_SCALE
    assert MOVE_PENALTY > 3 * MAX_WEIGHT


def test_weights_do_not_depend_on_the_score_scale() -> None:
    ranks = np.array([1, -1, 3])
    assert (
        interview_weights(np.array([0.2, 0.5, 1.0]), ranks).tolist()
        == interview_weights(np.array([20.0, 50.0, 100.0]), ranks).tolist()
    )


def test_hand_example_first_choice_and_best_fit_win_a_full_booth() -> None:
    # One interviewer, two slots (09:00–10:00), three graduates: G1 wished it first, G2 fits best, G3 neither.
    result = schedule(
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1", "score": "0.2", "wish_rank": "1"},
            {"graduate_id": "G2", "enterprise_id": "E1", "score": "1.0", "wish_rank": ""},
            {"graduate_id": "G3", "enterprise_id": "E1", "score": "0.5", "wish_rank": ""},
        ),
        booths({"enterprise_id": "E1", "interviewers": "1"}),
        fair(closes="10:00"),
    )
    assert result.status is SolveStatus.OPTIMAL
    placed = starts(result)
    assert placed[("G3", "E1")] == ""
    assert sorted([placed[("G1", "E1")], placed[("G2", "E1")]]) == ["09:00", "09:30"]
    assert result.reason[2] is UnscheduledReason.BOOTH_FULL
    assert result.summary().startswith("status=OPTIMAL scheduled=2/3 ")


def test_hand_example_walking_gap_keeps_one_slot_free_and_no_idle_beyond_it() -> None:
    # Four slots, a 10-minute gap rounds up to one free slot: at most two of three interviews fit (0+2 or 1+3).
    result = schedule(
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1", "score": "1"},
            {"graduate_id": "G1", "enterprise_id": "E2", "score": "0.9"},
            {"graduate_id": "G1", "enterprise_id": "E3", "score": "0.1"},
        ),
        booths(*({"enterprise_id": e, "interviewers": "1"} for e in ("E1", "E2", "E3"))),
        fair(gap=10),
    )
    placed = starts(result)
    assert placed[("G1", "E3")] == ""
    assert result.reason[2] is UnscheduledReason.GRADUATE_BUSY
    times = sorted([placed[("G1", "E1")], placed[("G1", "E2")]])
    assert times in (["09:00", "10:00"], ["09:30", "10:30"])
    assert result.idle_slots() == 0


def test_hand_example_idle_time_is_avoided() -> None:
    # E2 is staffed only from 10:30, so E1 should be at 10:00, right before, not earlier.
    result = schedule(
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1"}, {"graduate_id": "G1", "enterprise_id": "E2"}
        ),
        booths(
            {"enterprise_id": "E1", "interviewers": "1"},
            {"enterprise_id": "E2", "interviewers": "1", "arrives": "10:30"},
        ),
    )
    assert result.status is SolveStatus.OPTIMAL
    assert starts(result) == {("G1", "E1"): "10:00", ("G1", "E2"): "10:30"}
    assert result.timetable_frame()["end"].tolist() == ["10:30", "11:00"]


def test_max_interviews_keeps_the_heavier_interview() -> None:
    result = schedule(
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1", "wish_rank": "2"},
            {"graduate_id": "G1", "enterprise_id": "E2", "wish_rank": "1"},
        ),
        booths({"enterprise_id": "E1", "interviewers": "1"}, {"enterprise_id": "E2", "interviewers": "1"}),
        graduate_frame=graduates({"graduate_id": "G1", "max_interviews": "1"}),
    )
    assert starts(result)[("G1", "E1")] == ""
    assert starts(result)[("G1", "E2")] != ""
    assert result.reason[0] is UnscheduledReason.GRADUATE_LIMIT


def test_no_common_slot_is_the_reason_when_the_two_never_meet() -> None:
    result = schedule(
        interviews({"graduate_id": "G1", "enterprise_id": "E1"}),
        booths({"enterprise_id": "E1", "interviewers": "1", "arrives": "10:30"}),
        graduate_frame=graduates({"graduate_id": "G1", "unavailable": "10:15-11:00"}),
    )
    assert result.status is SolveStatus.OPTIMAL
    assert result.reason == (UnscheduledReason.NO_COMMON_SLOT,)
    assert result.timetable_frame().loc[0, "reason"] == "no_common_slot"


def test_a_closed_booth_leaves_its_interviews_unscheduled_with_a_reason() -> None:
    result = schedule(  # the booth's interviewers left: 0 in parallel; the other booth goes on
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1"}, {"graduate_id": "G1", "enterprise_id": "E2"}
        ),
        booths({"enterprise_id": "E1", "interviewers": "0"}, {"enterprise_id": "E2", "interviewers": "1"}),
    )
    assert result.has_solution
    frame = result.timetable_frame().set_index("enterprise_id")
    assert frame.loc["E2", "start"] and not frame.loc["E1", "start"]
    assert frame.loc["E1", "reason"] != ""


def test_held_interviews_keep_their_start_and_use_the_booth() -> None:
    result = schedule(
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1", "status": "held", "start": "09:30"},
            {"graduate_id": "G2", "enterprise_id": "E1", "status": "cancelled"},
            {"graduate_id": "G3", "enterprise_id": "E1"},
        ),
        booths({"enterprise_id": "E1", "interviewers": "1"}),
        fair(closes="10:00"),
    )
    assert starts(result) == {("G1", "E1"): "09:30", ("G2", "E1"): "", ("G3", "E1"): "09:00"}
    assert result.reason == (None, UnscheduledReason.CANCELLED, None)
    assert result.requested_count == 2


def test_a_pending_start_is_kept_when_possible_and_counted_as_moved_when_not() -> None:
    result = schedule(
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1", "start": "10:30", "wish_rank": "1"},
            {"graduate_id": "G2", "enterprise_id": "E2", "start": "09:00"},
        ),
        booths(
            {"enterprise_id": "E1", "interviewers": "1"},
            {"enterprise_id": "E2", "interviewers": "1", "arrives": "09:30"},
        ),
    )
    assert starts(result)[("G1", "E1")] == "10:30"
    assert starts(result)[("G2", "E2")] != "09:00"
    assert result.timetable_frame()["moved"].tolist() == ["false", "true"]
    assert result.moved_count == 1


def test_interviewers_are_numbered_per_booth_and_slot() -> None:
    problem = build_problem(
        fair(),
        interviews(*({"graduate_id": f"G{g}", "enterprise_id": "E1"} for g in range(3))),
        booths({"enterprise_id": "E1", "interviewers": "2"}),
    )
    plan = plan_schedule(problem)
    numbers = number_interviewers(problem, plan, np.array([0, 0, 1]))
    assert sorted(numbers[:2].tolist()) == [1, 2]
    assert numbers[2] == 1


def test_greedy_and_compaction_give_valid_timetables_and_the_objective_matches_the_solver() -> None:
    problem = build_problem(
        fair(closes="12:00"),
        interviews(
            *({"graduate_id": f"G{g % 4}", "enterprise_id": f"E{g % 3}", "score": str(g)} for g in range(10))
        ),
        booths(*({"enterprise_id": f"E{b}", "interviewers": "1"} for b in range(3))),
    )
    plan = plan_schedule(problem)
    slots = slot_map(problem, plan)
    candidates = build_candidates(problem, plan, slots)
    greedy = fill_greedily(problem, plan, slots, candidates, fixed_timetable(plan))
    compact = compact_idle(problem, plan, slots, candidates, greedy)
    assert (compact != NO_SLOT).sum() == (greedy != NO_SLOT).sum()
    assert objective_of(problem, plan, candidates, compact) >= objective_of(problem, plan, candidates, greedy)
    result = solve_timetable(problem, plan, SolveOptions(time_limit=5, workers=1, gap_limit=0.0))
    assert result.status is SolveStatus.OPTIMAL
    assert result.objective == result.bound
    assert result.objective >= objective_of(problem, plan, candidates, compact)
    assert result.gap == 0.0


def test_the_search_stops_within_the_gap_limit_and_says_so() -> None:
    problem = build_problem(
        fair(closes="12:00"),
        interviews(
            *({"graduate_id": f"G{g % 4}", "enterprise_id": f"E{g % 3}", "score": str(g)} for g in range(10))
        ),
        booths(*({"enterprise_id": f"E{b}", "interviewers": "1"} for b in range(3))),
    )
    plan = plan_schedule(problem)
    proven = solve_timetable(problem, plan, SolveOptions(time_limit=5, workers=1, gap_limit=0.0))
    assert proven.status is SolveStatus.OPTIMAL and proven.gap == 0.0
    # the LP bound is one above the optimum here (its safety margin): a gap of 1/15,005
    stopped = solve_timetable(problem, plan, SolveOptions(time_limit=5, workers=1, gap_limit=1e-3))
    assert stopped.status is SolveStatus.FEASIBLE
    assert stopped.message == "within the gap limit of the bound"
    assert 0 < stopped.gap <= 1e-3
    assert stopped.objective == proven.objective  # nothing was lost here
    assert "solve" not in stopped.timings.seconds  # CP-SAT never ran: the first timetable was good enough
    with pytest.raises(ValueError, match="gap_limit must be between 0 and 1"):
        SolveOptions(gap_limit=1.5)


def test_max_spaced_slots_by_hand() -> None:
    available = np.array([True, True, False, True, True, True])
    assert max_spaced_slots(available, 1) == 5
    assert max_spaced_slots(available, 2) == 3  # 0, 3, 5
    assert max_spaced_slots(available, 3) == 2


def test_an_empty_day_is_trivially_optimal() -> None:
    result = schedule(
        interviews({"graduate_id": "G1", "enterprise_id": "E1", "status": "no_show"}),
        booths({"enterprise_id": "E1", "interviewers": "1"}),
    )
    assert result.status is SolveStatus.OPTIMAL
    assert result.summary().startswith(
        "status=OPTIMAL scheduled=0/0 objective=0 bound=0 gap=0.000000 moved=0"
    )


def test_a_day_without_interviews_is_an_empty_timetable() -> None:
    result = schedule(
        interviews(columns=["graduate_id", "enterprise_id"]),
        booths(columns=["enterprise_id", "interviewers"]),
    )
    assert result.status is SolveStatus.OPTIMAL
    assert result.timetable_frame().empty
    assert result.itineraries_frame().empty and result.booth_lists_frame().empty


def test_solve_options_are_checked() -> None:
    for bad in ({"time_limit": 0}, {"seed": -1}, {"workers": 0}):
        with pytest.raises(ValueError, match=r"must be"):
            SolveOptions(**bad)  # type: ignore[arg-type]
