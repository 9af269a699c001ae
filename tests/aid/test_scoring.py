"""Pair values and loads from profiles: hand-computed values, acceptability, and the vectorised scorer
agreeing with the one-pair scorer on random profiles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.aid.parameters import AidParameters, ScoringWeights
from matching.aid.problem import Distance, Enterprise, Village
from matching.aid.scoring import distance_between, poverty_priority, score_pair, score_pairs
from matching.reference import AID_NEEDS

ENTERPRISE = Enterprise(
    "E1", 100_000.0, capabilities=frozenset({"jobs"}), county_code="210681", township_code="210681100"
)
VILLAGE = Village(
    "V1",
    county_code="210681",
    township_code="210681101",
    population=1000,
    income=10_000.0,
    needs=frozenset({"jobs", "medical"}),
    previous_enterprise_id="E1",
)


def test_hand_computed_value_and_load_with_default_weights() -> None:
    scored = score_pair(ENTERPRISE, VILLAGE, AidParameters())
    components = scored.pair.components
    assert scored.acceptable and scored.reason == ""
    assert components is not None
    assert components.fit == pytest.approx(40 * 0.5)  # one of two needs
    assert components.nearness == pytest.approx(25 * 0.6)  # same county, other township
    assert components.continuity == 20
    assert components.poverty == pytest.approx(15 * (1 - 10_000 / 25_000) * 0.5)
    assert scored.pair.value == pytest.approx(20 + 15 + 20 + 4.5)
    assert scored.pair.load == 1 * (5_000 + 3 * 1000)
    assert components.distance is Distance.SAME_COUNTY
    assert components.explain() == (
        "fit 20.0 + nearness 15.0 (same county) + continuity 20.0 + poverty priority 4.5"
    )


def test_load_grows_with_the_needs_the_enterprise_covers() -> None:
    both = Enterprise("E2", 1.0, capabilities=frozenset({"jobs", "medical", "legal"}), county_code="210681")
    assert score_pair(both, VILLAGE, AidParameters()).pair.load == 2 * (5_000 + 3 * 1000)


def test_no_fitting_capability_is_not_acceptable() -> None:
    other = Enterprise("E3", 1.0, capabilities=frozenset({"legal"}), county_code="210681")
    scored = score_pair(other, VILLAGE, AidParameters())
    assert not scored.acceptable
    assert scored.reason == "the enterprise offers none of the village's needs"
    assert score_pairs([other], [VILLAGE], AidParameters()) == []


def test_beyond_the_distance_limit_is_not_acceptable() -> None:
    far = Enterprise("E4", 1.0, capabilities=frozenset({"jobs"}), county_code="210602")
    parameters = AidParameters(distance_limit=Distance.SAME_COUNTY)
    scored = score_pair(far, VILLAGE, parameters)
    assert scored.reason == "same city is beyond the distance limit (same county)"
    assert score_pairs([far], [VILLAGE], parameters) == []
    assert score_pair(far, VILLAGE, AidParameters()).acceptable  # the default limit is the city


def test_distances_by_division_codes() -> None:
    def enterprise(county: str | None, township: str | None = None) -> Enterprise:
        return Enterprise("E", 1.0, county_code=county, township_code=township)

    village = Village("V", county_code="210681", township_code="210681101")
    assert distance_between(enterprise("210681", "210681101"), village) is Distance.SAME_TOWNSHIP
    assert distance_between(enterprise("210681", "210681100"), village) is Distance.SAME_COUNTY
    assert distance_between(enterprise("210602"), village) is Distance.SAME_CITY
    assert distance_between(enterprise("210102"), village) is Distance.OTHER_CITY
    assert distance_between(enterprise(None), village) is None


def test_unknown_location_is_acceptable_without_nearness_points() -> None:
    nowhere = Enterprise("E5", 1.0, capabilities=frozenset({"jobs"}))
    scored = score_pair(nowhere, VILLAGE, AidParameters(distance_limit=Distance.SAME_TOWNSHIP))
    assert scored.acceptable
    assert scored.pair.components is not None and scored.pair.components.nearness == 0


def test_a_village_without_needs_fits_every_enterprise() -> None:
    plain = Village("V2", population=500)
    scored = score_pair(Enterprise("E6", 1.0), plain, AidParameters())
    assert scored.acceptable
    assert scored.pair.components is not None and scored.pair.components.fit == 40
    assert scored.pair.load == 5_000 + 3 * 500


def test_poverty_priority_falls_to_zero_at_the_reference_income() -> None:
    parameters = AidParameters()
    assert poverty_priority(Village("a", income=0.0), parameters) == 1
    assert poverty_priority(Village("b", income=25_000.0), parameters) == 0
    assert poverty_priority(Village("c", income=40_000.0), parameters) == 0
    assert poverty_priority(Village("d"), parameters) == 0


def test_candidates_keep_the_best_of_each_village_and_of_each_enterprise() -> None:
    jobs = frozenset({"jobs"})
    enterprises = [
        Enterprise("far", 1.0, capabilities=jobs, county_code="210602"),
        Enterprise("near", 1.0, capabilities=jobs, county_code="210681", township_code="210681101"),
        Enterprise("county", 1.0, capabilities=jobs, county_code="210681"),
    ]
    villages = [
        Village("V", county_code="210681", township_code="210681101", needs=jobs),
        Village(
            "W", county_code="210681", township_code="210681100", needs=jobs, previous_enterprise_id="far"
        ),
    ]

    def kept(**limits: int) -> list[tuple[str, str]]:
        pairs = score_pairs(enterprises, villages, AidParameters(**limits))  # type: ignore[arg-type]
        return [(p.village_id, p.enterprise_id) for p in pairs]

    assert len(kept()) == 6
    # V: near 65 > county 55 > far 46.25; W: far 66.25 (continuity) > near = county 55 (input order breaks the tie)
    assert kept(candidates_per_village=1) == [("V", "near"), ("W", "far")]
    assert kept(candidates_per_village=2) == [("V", "near"), ("V", "county"), ("W", "far"), ("W", "near")]
    # Each enterprise's best village: far → W, near → V, county → V.
    assert kept(candidates_per_enterprise=1) == [("V", "near"), ("V", "county"), ("W", "far")]
    assert kept(candidates_per_village=1, candidates_per_enterprise=1) == [
        ("V", "near"),
        ("V", "county"),
        ("W", "far"),
    ]


def test_zero_weights_give_zero_values() -> None:
    parameters = AidParameters(weights=ScoringWeights(fit=0, nearness=0, continuity=0, poverty=0))
    assert score_pair(ENTERPRISE, VILLAGE, parameters).pair.value == 0


COUNTIES = ["210602", "210681", "210102"]
TOWNSHIPS = {
    "210602": ["210602001", "210602002"],
    "210681": ["210681100", "210681101"],
    "210102": ["210102001"],
}
needs = st.frozensets(st.sampled_from(AID_NEEDS), max_size=3)


@st.composite
def places(draw: st.DrawFn) -> tuple[str | None, str | None]:
    county = draw(st.one_of(st.none(), st.sampled_from(COUNTIES)))
    if county is None:
        return None, None
    return county, draw(st.one_of(st.none(), st.sampled_from(TOWNSHIPS[county])))


@st.composite
def enterprises_and_villages(draw: st.DrawFn) -> tuple[list[Enterprise], list[Village]]:
    enterprises = []
    for i in range(draw(st.integers(1, 5))):
        county, township = draw(places())
        enterprises.append(
            Enterprise(f"E{i}", 1.0, capabilities=draw(needs), county_code=county, township_code=township)
        )
    villages = []
    for j in range(draw(st.integers(1, 5))):
        county, township = draw(places())
        villages.append(
            Village(
                f"V{j}",
                county_code=county,
                township_code=township,
                population=draw(st.one_of(st.none(), st.integers(0, 5000))),
                income=draw(st.one_of(st.none(), st.floats(0, 50_000))),
                needs=draw(needs),
                previous_enterprise_id=draw(
                    st.one_of(st.none(), st.sampled_from([e.enterprise_id for e in enterprises] + ["gone"]))
                ),
            )
        )
    return enterprises, villages


@settings(max_examples=150, deadline=None)
@given(enterprises_and_villages(), st.sampled_from(list(Distance)))
def test_vectorised_scores_agree_with_the_one_pair_scorer(
    data: tuple[list[Enterprise], list[Village]], limit: Distance
) -> None:
    enterprises, villages = data
    parameters = AidParameters(distance_limit=limit)
    fast = {(p.enterprise_id, p.village_id): p for p in score_pairs(enterprises, villages, parameters)}
    for village in villages:
        for enterprise in enterprises:
            one = score_pair(enterprise, village, parameters)
            key = (enterprise.enterprise_id, village.village_id)
            assert (key in fast) == one.acceptable
            if one.acceptable:
                assert fast[key].value == pytest.approx(one.pair.value, abs=1e-9)
                assert fast[key].load == pytest.approx(one.pair.load)
                fast_parts, one_parts = fast[key].components, one.pair.components
                assert fast_parts is not None and one_parts is not None
                assert fast_parts.distance == one_parts.distance
                for name in ("fit", "nearness", "continuity", "poverty"):
                    assert getattr(fast_parts, name) == pytest.approx(getattr(one_parts, name), abs=1e-9)
