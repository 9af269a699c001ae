"""Helper enterprises after the lead pairing."""

from __future__ import annotations

import pytest

from matching.aid.audit import find_helper_violations
from matching.aid.helpers import HelperOptions, assign_helpers
from matching.aid.pairing import FirstSolution, SolveOptions
from matching.aid.problem import Objective
from matching.aid.run import AidOptions, pair_villages
from matching.aid.synthetic import ProfileShape, profile_frames
from matching.results import SolveStatus
from tests.aid.helpers import make_problem


def test_helpers_on_a_profile_instance_keep_every_rule() -> None:
    enterprises, villages = profile_frames(ProfileShape(enterprises=15, villages=12), seed=4)
    solver = SolveOptions(time_limit=5, first_solution=FirstSolution.GREEDY)
    outcome = pair_villages(enterprises, villages, options=AidOptions(solve=solver))
    assert outcome.has_full_pairing
    options = HelperOptions(helpers_per_village=2, load_share=0.5, max_helped_per_enterprise=2)
    helpers = assign_helpers(outcome.problem, outcome.result.assignment, options)
    assert helpers.status is SolveStatus.OPTIMAL
    assert helpers.helpers  # budgets have room left at this size
    faults = find_helper_violations(
        outcome.problem,
        outcome.result.assignment,
        helpers.helpers,
        load_share=0.5,
        helpers_per_village=2,
        max_helped_per_enterprise=2,
    )
    assert faults == []
    chosen = [outcome.problem.pair(e, v) for v, ids in helpers.helpers.items() for e in ids]
    assert helpers.value == pytest.approx(sum(pair.value for pair in chosen if pair is not None))


def test_best_helper_is_chosen_within_the_remaining_budget() -> None:
    # E0 leads V0 (load 6 of 10); as helper of V1 it would need 0.5 × 10 = 5 > 4 left; E2 fits.
    pairs = [(0, 0, 9, 6), (1, 1, 9, 1), (0, 1, 8, 10), (2, 1, 3, 2)]
    problem = make_problem([10, 10, 10], pairs, 2)
    result = assign_helpers(problem, {"V0": "E0", "V1": "E1"})
    assert result.helpers == {"V1": ("E2",)}
    assert result.value == 3


def test_no_helpers_asked() -> None:
    problem = make_problem([10, 10], [(0, 0, 9, 1), (1, 0, 9, 1)], 1)
    result = assign_helpers(problem, {"V0": "E0"}, HelperOptions(helpers_per_village=0))
    assert result.helpers == {} and result.value == 0


def test_helpers_need_a_max_objective() -> None:
    problem = make_problem([10], [(0, 0, 1, 1)], 1, objective=Objective.MIN)
    with pytest.raises(
        ValueError, match="helpers add value, so they need a problem whose objective is 'max'"
    ):
        assign_helpers(problem, {"V0": "E0"})


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"helpers_per_village": -1}, "helpers_per_village and max_helped_per_enterprise must be ≥ 0"),
        ({"load_share": 1.5}, r"load_share must be in \[0, 1\]"),
        ({"time_limit": 0}, "time_limit must be a positive number"),
    ],
)
def test_helper_option_errors(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        HelperOptions(**arguments)  # type: ignore[arg-type]
