"""Weights and parameters of the aid pairing, with defaults a park official can start from."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from matching.aid.problem import Distance
from matching.options import option, option_error


@dataclass(frozen=True)
class ScoringWeights:
    """Points each component can add to a pair's value; the defaults add up to 100.

    fit: share of the village's needs the enterprise can meet. nearness: same township > same county
    > same city > elsewhere. continuity: the village's working lead enterprise of last year.
    poverty: the village's poverty priority times its fit, so poorer villages get the better fits.
    """

    fit: float = 40.0
    nearness: float = 25.0
    continuity: float = 20.0
    poverty: float = 15.0

    def __post_init__(self) -> None:
        for name in ("fit", "nearness", "continuity", "poverty"):
            weight = getattr(self, name)
            if not math.isfinite(weight) or weight < 0:
                raise option_error("option_error.weight", name=name, value=weight)


# Share of the nearness points for each distance; a pair beyond the distance limit is not acceptable.
NEARNESS_SHARE: dict[Distance, float] = {
    Distance.SAME_TOWNSHIP: 1.0,
    Distance.SAME_COUNTY: 0.6,
    Distance.SAME_CITY: 0.25,
    Distance.OTHER_CITY: 0.0,
}


@dataclass(frozen=True)
class AidParameters:
    """Everything besides the data that shapes a pairing.

    Load (budget a pair uses, yuan per year) = covered needs × (amount_per_need + amount_per_person ×
    population): a village of 1,500 people with two needs the enterprise covers uses 2 × (5,000 +
    3 × 1,500) = 19,000 yuan. With the demo's 96 enterprises (about 4.2 million yuan in all) and 101
    villages, that leaves room for the 1–3 villages each enterprise takes.
    `poverty_reference_income`: villages at or above it get no poverty priority; a village with no
    income gets full priority (2023 rural income per person in Liaoning was about 21,000 yuan).
    Sparse models for thousands of villages: `candidates_per_village` keeps each village's best-valued
    acceptable pairs, `candidates_per_enterprise` each enterprise's; with both, a pair stays when it
    is among the best of either side (so popular enterprises cannot leave other enterprises idle).
    None keeps every acceptable pair.
    Minimums: villages the enterprises of a park (or located in a county) must lead at least.
    """

    weights: ScoringWeights = option(
        label="aid.option.weights", default_factory=ScoringWeights, interface=False
    )
    distance_limit: Distance = option(Distance.SAME_CITY, label="aid.option.distance_limit")
    amount_per_need: float = option(5_000.0, label="aid.option.amount_per_need", interface=False)
    amount_per_person: float = option(3.0, label="aid.option.amount_per_person", interface=False)
    poverty_reference_income: float = option(
        25_000.0, label="aid.option.poverty_reference_income", interface=False
    )
    candidates_per_village: int | None = option(
        None, label="aid.option.candidates_per_village", interface=False
    )
    candidates_per_enterprise: int | None = option(
        None, label="aid.option.candidates_per_enterprise", interface=False
    )
    min_villages_per_park: Mapping[str, int] = option(
        label="aid.option.min_villages_per_park", default_factory=dict
    )
    min_villages_per_county: Mapping[str, int] = option(
        label="aid.option.min_villages_per_county", default_factory=dict
    )

    def __post_init__(self) -> None:
        for name in ("amount_per_need", "amount_per_person"):
            amount = getattr(self, name)
            if not math.isfinite(amount) or amount < 0:
                raise option_error("option_error.amount", name=name, value=amount)
        if not math.isfinite(self.poverty_reference_income) or self.poverty_reference_income <= 0:
            raise option_error("option_error.poverty_reference_income", value=self.poverty_reference_income)
        for name in ("candidates_per_village", "candidates_per_enterprise"):
            limit = getattr(self, name)
            if limit is not None and limit < 1:
                raise option_error("option_error.candidates", name=name, value=limit)
        for label, minimums in (
            ("min_villages_per_park", self.min_villages_per_park),
            ("min_villages_per_county", self.min_villages_per_county),
        ):
            for key, minimum in minimums.items():
                if not isinstance(minimum, int) or minimum < 0:
                    raise option_error(f"option_error.{label}", key=repr(key), value=minimum)
