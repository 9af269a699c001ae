"""Frames with the CSV contract's columns → AidProblem: every validation error names file, row, column."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from matching.aid.parameters import AidParameters
from matching.aid.problem import AidProblem, Distance, LockAction, Objective
from matching.aid.validate import FileLabels, problem_from_frames
from matching.errors import InputError


def frame(**columns: list[object]) -> pd.DataFrame:
    return pd.DataFrame(columns, dtype=object)


ENTERPRISES = frame(enterprise_id=["E1", "E2"], capacity=["100", "50"])
VILLAGES = frame(village_id=["V1", "V2"])
PAIRS = frame(
    enterprise_id=["E1", "E2", "E1"],
    village_id=["V1", "V1", "V2"],
    value=["3", "4", "5"],
    load=["10", "20", "30"],
)


def build(**overrides: object) -> AidProblem:
    arguments: dict[str, object] = {"enterprises": ENTERPRISES, "villages": VILLAGES, "pairs": PAIRS}
    arguments.update(overrides)
    return problem_from_frames(**arguments)  # type: ignore[arg-type]


# ------------------------------------------------------------------ accepted input


def test_pairs_frame_gives_exactly_the_listed_pairs() -> None:
    problem = build()
    assert [(p.enterprise_id, p.village_id, p.value, p.load) for p in problem.pairs] == [
        ("E1", "V1", 3.0, 10.0),
        ("E2", "V1", 4.0, 20.0),
        ("E1", "V2", 5.0, 30.0),
    ]
    assert problem.objective is Objective.MAX


def test_numeric_frames_as_the_service_stores_them_are_accepted() -> None:
    enterprises = pd.DataFrame({"enterprise_id": ["E1"], "capacity": [100.0], "max_villages": [float("nan")]})
    villages = pd.DataFrame(
        {"village_id": ["V1"], "population": [1200], "income": [None], "needs": ["医疗；legal"]}
    )
    problem = problem_from_frames(
        enterprises,
        villages,
        pd.DataFrame({"enterprise_id": ["E1"], "village_id": ["V1"], "value": [2.5], "load": [7]}),
    )
    assert problem.enterprises[0].max_villages is None
    assert problem.villages[0].needs == frozenset({"medical", "legal"})
    assert problem.villages[0].income is None
    assert problem.pairs[0].load == 7.0


def test_township_code_gives_the_county_when_it_is_missing() -> None:
    enterprises = frame(enterprise_id=["E1"], capacity=["1"], township_code=["210681100"])
    problem = problem_from_frames(enterprises, VILLAGES, PAIRS.iloc[:0])
    assert problem.enterprises[0].county_code == "210681"


def test_fixed_lock_on_a_scored_pair_beyond_the_distance_limit_keeps_the_pair() -> None:
    enterprises = frame(
        enterprise_id=["E1"], capacity=["100000"], county_code=["210602"], capabilities=["jobs"]
    )
    villages = frame(village_id=["V1"], county_code=["210681"], needs=["jobs"])
    locks = frame(enterprise_id=["E1"], village_id=["V1"], action=["FIX"])
    parameters = AidParameters(distance_limit=Distance.SAME_COUNTY)
    assert problem_from_frames(enterprises, villages, parameters=parameters).pairs == ()
    problem = problem_from_frames(enterprises, villages, locks=locks, parameters=parameters)
    assert [(p.enterprise_id, p.village_id) for p in problem.pairs] == [("E1", "V1")]
    assert problem.locks[0].action is LockAction.FIX
    assert (
        problem.pairs[0].components is not None and problem.pairs[0].components.distance is Distance.SAME_CITY
    )


def test_the_same_lock_twice_is_harmless() -> None:
    locks = frame(enterprise_id=["E1", "E1"], village_id=["V1", "V1"], action=["forbid", "forbid"])
    assert len(build(locks=locks).locks) == 1


def test_labels_name_the_inputs_in_errors() -> None:
    labels = FileLabels(enterprises="stored enterprises")
    with pytest.raises(InputError, match=r"^stored enterprises, row 2, column 'capacity'"):
        build(enterprises=frame(enterprise_id=["E1"], capacity=["-1"]), labels=labels)


# ------------------------------------------------------------------ enterprises.csv errors

ENTERPRISE_ERRORS = [
    (frame(capacity=["1"]), r"enterprises.csv, column 'enterprise_id': missing required column"),
    (frame(enterprise_id=["E1"]), r"enterprises.csv, column 'capacity': missing required column"),
    (
        frame(enterprise_id=["E1"], capacity=["1"], budget=["1"]),
        r"enterprises.csv, column 'budget': unknown column; the columns are enterprise_id, capacity",
    ),
    (
        frame(enterprise_id=["E1", " "], capacity=["1", "2"]),
        r"enterprises.csv, row 3, column 'enterprise_id': enterprise_id is required",
    ),
    (
        frame(enterprise_id=["E1", "E1"], capacity=["1", "2"]),
        r"enterprises.csv, row 3, column 'enterprise_id': enterprise_id 'E1' is listed twice \(first at row 2\)",
    ),
    (
        frame(enterprise_id=["E1"], capacity=["lots"]),
        r"row 2, column 'capacity': expected a number, found 'lots'",
    ),
    (frame(enterprise_id=["E1"], capacity=["-5"]), r"row 2, column 'capacity': must be ≥ 0, found '-5'"),
    (
        frame(enterprise_id=["E1"], capacity=["inf"]),
        r"row 2, column 'capacity': expected a finite number, found 'inf'",
    ),
    (frame(enterprise_id=["E1"], capacity=[""]), r"row 2, column 'capacity': capacity is required"),
    (
        frame(enterprise_id=["E1"], capacity=["1"], max_villages=["1.5"]),
        r"row 2, column 'max_villages': expected a whole number, found '1.5'",
    ),
    (
        frame(enterprise_id=["E1"], capacity=["1"], max_villages=["-1"]),
        r"row 2, column 'max_villages': must be ≥ 0",
    ),
    (
        frame(enterprise_id=["E1"], capacity=["1"], capabilities=["jobs;cooking"]),
        r"row 2, column 'capabilities': unknown need 'cooking'; use funding, jobs",
    ),
    (
        frame(enterprise_id=["E1"], capacity=["1"], county_code=["2106"]),
        r"row 2, column 'county_code': expected a 6-digit division code, found '2106'",
    ),
    (
        frame(enterprise_id=["E1"], capacity=["1"], township_code=["21068110x"]),
        r"row 2, column 'township_code': expected a 9-digit division code",
    ),
    (
        frame(enterprise_id=["E1"], capacity=["1"], county_code=["210602"], township_code=["210681100"]),
        r"row 2, column 'township_code': township 210681100 is not in county 210602",
    ),
]


@pytest.mark.parametrize(("enterprises", "message"), ENTERPRISE_ERRORS)
def test_enterprise_errors(enterprises: pd.DataFrame, message: str) -> None:
    with pytest.raises(InputError, match=message):
        build(enterprises=enterprises, pairs=PAIRS.iloc[:0])


def test_duplicate_column_is_an_error() -> None:
    enterprises = pd.DataFrame(
        [["E1", "1", "2"]], columns=["enterprise_id", "capacity", "capacity"], dtype=object
    )
    with pytest.raises(InputError, match=r"enterprises.csv, column 'capacity': column appears twice"):
        build(enterprises=enterprises)


def test_every_fault_of_a_frame_is_reported_at_once() -> None:
    enterprises = frame(enterprise_id=["E1", "E2"], capacity=["x", "-1"])
    with pytest.raises(InputError) as caught:
        build(enterprises=enterprises)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "capacity"), (3, "capacity")]
    assert "(and 1 more problem)" in str(caught.value)


# ------------------------------------------------------------------ villages.csv errors

VILLAGE_ERRORS = [
    (frame(name=["a"]), r"villages.csv, column 'village_id': missing required column"),
    (
        frame(village_id=["V1", "V1"]),
        r"villages.csv, row 3, column 'village_id': village_id 'V1' is listed twice",
    ),
    (frame(village_id=[None]), r"villages.csv, row 2, column 'village_id': village_id is required"),
    (
        frame(village_id=["V1"], population=["1.2k"]),
        r"row 2, column 'population': expected a number, found '1.2k'",
    ),
    (frame(village_id=["V1"], population=["-3"]), r"row 2, column 'population': must be ≥ 0"),
    (frame(village_id=["V1"], income=["-1"]), r"row 2, column 'income': must be ≥ 0"),
    (frame(village_id=["V1"], needs=["水"]), r"row 2, column 'needs': unknown need '水'"),
    (
        frame(village_id=["V1"], county_code=["x"]),
        r"row 2, column 'county_code': expected a 6-digit division code",
    ),
]


@pytest.mark.parametrize(("villages", "message"), VILLAGE_ERRORS)
def test_village_errors(villages: pd.DataFrame, message: str) -> None:
    with pytest.raises(InputError, match=message):
        build(villages=villages, pairs=PAIRS.iloc[:0])


# ------------------------------------------------------------------ pairs.csv errors

PAIR_ERRORS = [
    (PAIRS.drop(columns=["load"]), r"pairs.csv, column 'load': missing required column"),
    (
        frame(enterprise_id=["E9"], village_id=["V1"], value=["1"], load=["1"]),
        r"pairs.csv, row 2, column 'enterprise_id': unknown enterprise_id 'E9'",
    ),
    (
        frame(enterprise_id=["E1"], village_id=["V9"], value=["1"], load=["1"]),
        r"pairs.csv, row 2, column 'village_id': unknown village_id 'V9'",
    ),
    (
        frame(enterprise_id=["E1"], village_id=["V1"], value=["high"], load=["1"]),
        r"row 2, column 'value': expected a number",
    ),
    (
        frame(enterprise_id=["E1"], village_id=["V1"], value=[""], load=["1"]),
        r"row 2, column 'value': value is required",
    ),
    (
        frame(enterprise_id=["E1"], village_id=["V1"], value=["1"], load=["-2"]),
        r"row 2, column 'load': must be ≥ 0",
    ),
    (
        frame(enterprise_id=["E1"], village_id=["V1"], value=["1"], load=["nan"]),
        r"row 2, column 'load': expected a finite number",
    ),
    (
        frame(enterprise_id=["E1", "E1"], village_id=["V1", "V1"], value=["1", "2"], load=["1", "1"]),
        r"pairs.csv, row 3, column 'village_id': pair E1–V1 is listed twice \(first at row 2\)",
    ),
]


@pytest.mark.parametrize(("pairs", "message"), PAIR_ERRORS)
def test_pair_errors(pairs: pd.DataFrame, message: str) -> None:
    with pytest.raises(InputError, match=message):
        build(pairs=pairs)


# ------------------------------------------------------------------ locks.csv errors

LOCK_ERRORS = [
    (frame(enterprise_id=["E1"], village_id=["V1"]), r"locks.csv, column 'action': missing required column"),
    (
        frame(enterprise_id=["E1"], village_id=["V1"], action=["pin"]),
        r"locks.csv, row 2, column 'action': unknown action 'pin'; use 'fix' or 'forbid'",
    ),
    (
        frame(enterprise_id=["E1"], village_id=["V1"], action=[""]),
        r"row 2, column 'action': action is required",
    ),
    (
        frame(enterprise_id=["E7"], village_id=["V1"], action=["fix"]),
        r"row 2, column 'enterprise_id': unknown enterprise_id 'E7'",
    ),
    (
        frame(enterprise_id=["E1", "E1"], village_id=["V1", "V1"], action=["fix", "forbid"]),
        r"locks.csv, row 3, column 'action': pair E1–V1 is fixed at row 2; it cannot also be forbidden",
    ),
    (
        frame(enterprise_id=["E1", "E2"], village_id=["V1", "V1"], action=["fix", "fix"]),
        r"locks.csv, row 3, column 'enterprise_id': village V1 is already fixed to E1 at row 2",
    ),
    (
        frame(enterprise_id=["E2"], village_id=["V2"], action=["fix"]),
        r"locks.csv, row 2, column 'village_id': fixed pair E2–V2 is not listed in pairs.csv",
    ),
]


@pytest.mark.parametrize(("locks", "message"), LOCK_ERRORS)
def test_lock_errors(locks: pd.DataFrame, message: str) -> None:
    with pytest.raises(InputError, match=message):
        build(locks=locks)


# ------------------------------------------------------------------ parameters and missing pairs


def test_minimum_for_an_unknown_park_is_an_error() -> None:
    with pytest.raises(
        InputError, match=r"parameters, column 'min_villages_per_park': minimum for park 'P9'"
    ):
        build(parameters=AidParameters(min_villages_per_park={"P9": 1}))


def test_minimum_for_an_unknown_county_is_an_error() -> None:
    with pytest.raises(InputError, match=r"column 'min_villages_per_county': minimum for county '210602'"):
        build(parameters=AidParameters(min_villages_per_county={"210602": 1}))


def test_no_pairs_and_no_profiles_is_an_error() -> None:
    with pytest.raises(
        InputError, match=r"pairs.csv: no pairs given, and the enterprises and villages have no profile"
    ):
        build(pairs=None)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"amount_per_need": -1.0}, "amount_per_need must be a finite number ≥ 0"),
        ({"poverty_reference_income": 0.0}, "poverty_reference_income must be > 0"),
        ({"candidates_per_village": 0}, "candidates_per_village must be ≥ 1 or None"),
        ({"candidates_per_enterprise": -2}, "candidates_per_enterprise must be ≥ 1 or None"),
        ({"min_villages_per_park": {"P1": -1}}, r"min_villages_per_park\['P1'\] must be an integer ≥ 0"),
    ],
)
def test_parameter_errors(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        AidParameters(**arguments)  # type: ignore[arg-type]


def test_weights_must_be_finite_and_not_negative() -> None:
    from matching.aid.parameters import ScoringWeights

    with pytest.raises(ValueError, match="weight fit must be a finite number ≥ 0"):
        ScoringWeights(fit=-1.0)
    with pytest.raises(ValueError, match="weight poverty must be a finite number ≥ 0"):
        ScoringWeights(poverty=math.inf)


def test_objective_and_action_parse_or_fail_loudly() -> None:
    assert Objective.parse(" MIN ") is Objective.MIN
    with pytest.raises(ValueError, match="unknown objective 'best'"):
        Objective.parse("best")
    with pytest.raises(ValueError, match="unknown action 'keep'"):
        LockAction.parse("keep")
