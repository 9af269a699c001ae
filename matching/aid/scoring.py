"""Values and loads of enterprise–village pairs from their profiles (used when pairs.csv is absent).

value = fit + nearness + continuity + poverty priority, each a share of its weight in points
(see `ScoringWeights`); load = the budget the pair uses (see `AidParameters`). A pair is acceptable
when the enterprise meets at least one of the village's needs (any enterprise, when the village
lists none) and is within the distance limit (always, when either location is unknown).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.aid.parameters import NEARNESS_SHARE, AidParameters
from matching.aid.problem import Distance, Enterprise, Pair, ValueComponents, Village
from matching.reference import AID_NEEDS

_NEED_BIT = {need: 1 << i for i, need in enumerate(AID_NEEDS)}
_POPCOUNT = np.array([bin(mask).count("1") for mask in range(1 << len(AID_NEEDS))], dtype=np.int64)
_UNKNOWN_DISTANCE = -1


def needs_mask(needs: frozenset[str]) -> int:
    return sum(_NEED_BIT[need] for need in needs)


def distance_between(enterprise: Enterprise, village: Village) -> Distance | None:
    """By administrative codes; None when either county is unknown."""
    if enterprise.county_code is None or village.county_code is None:
        return None
    if enterprise.township_code is not None and enterprise.township_code == village.township_code:
        return Distance.SAME_TOWNSHIP
    if enterprise.county_code == village.county_code:
        return Distance.SAME_COUNTY
    # County codes are 6 digits; the first 4 are the city (all of Dandong is 2106).
    if enterprise.county_code[:4] == village.county_code[:4]:
        return Distance.SAME_CITY
    return Distance.OTHER_CITY


def poverty_priority(village: Village, parameters: AidParameters) -> float:
    """1 for no income, falling linearly to 0 at the reference income; 0 when income is unknown."""
    if village.income is None:
        return 0.0
    return float(min(1.0, max(0.0, 1.0 - village.income / parameters.poverty_reference_income)))


@dataclass(frozen=True)
class ScoredPair:
    pair: Pair
    acceptable: bool
    reason: str  # why not acceptable; empty when it is


def score_pair(enterprise: Enterprise, village: Village, parameters: AidParameters) -> ScoredPair:
    """One pair, with the reason when it is not acceptable (used for explanations and fixed locks)."""
    weights = parameters.weights
    covered = len(village.needs & enterprise.capabilities)
    fit_share = 1.0 if not village.needs else covered / len(village.needs)
    distance = distance_between(enterprise, village)
    nearness_share = 0.0 if distance is None else NEARNESS_SHARE[distance]
    continuity = weights.continuity if village.previous_enterprise_id == enterprise.enterprise_id else 0.0
    components = ValueComponents(
        fit=weights.fit * fit_share,
        nearness=weights.nearness * nearness_share,
        continuity=continuity,
        poverty=weights.poverty * poverty_priority(village, parameters) * fit_share,
        distance=distance,
    )
    value = components.fit + components.nearness + components.continuity + components.poverty
    population = village.population or 0
    load = max(1, covered) * (parameters.amount_per_need + parameters.amount_per_person * population)
    reason = ""
    if village.needs and covered == 0:
        reason = "the enterprise offers none of the village's needs"
    elif distance is not None and distance > parameters.distance_limit:
        reason = f"{distance.label} is beyond the distance limit ({parameters.distance_limit.label})"
    pair = Pair(enterprise.enterprise_id, village.village_id, value, load, components)
    return ScoredPair(pair, acceptable=not reason, reason=reason)


@dataclass(frozen=True)
class _EnterpriseArrays:
    capability_mask: np.ndarray
    county: np.ndarray  # code id, -1 unknown
    township: np.ndarray
    city: np.ndarray


def _code_ids(codes: Sequence[str | None], ids: dict[str, int]) -> np.ndarray:
    return np.array(
        [_UNKNOWN_DISTANCE if code is None else ids.setdefault(code, len(ids)) for code in codes],
        dtype=np.int64,
    )


def _ranks(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Rank of each entry within its group, best value first (ties: earlier entry first)."""
    order = np.lexsort((np.arange(len(values)), -values, groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    ranks = np.empty(len(values), dtype=np.int64)
    ranks[order] = np.arange(len(order)) - group_start
    return ranks


def candidate_mask(
    village: np.ndarray, enterprise: np.ndarray, value: np.ndarray, parameters: AidParameters
) -> np.ndarray:
    """Which acceptable pairs to keep: all, or those among the village's best
    `candidates_per_village` or the enterprise's best `candidates_per_enterprise` (either side)."""
    per_village, per_enterprise = parameters.candidates_per_village, parameters.candidates_per_enterprise
    if per_village is None and per_enterprise is None:
        return np.ones(len(value), dtype=bool)
    keep = np.zeros(len(value), dtype=bool)
    if len(value) == 0:
        return keep
    if per_village is not None:
        keep |= _ranks(village, value) < per_village
    if per_enterprise is not None:
        keep |= _ranks(enterprise, value) < per_enterprise
    return keep


def score_pairs(
    enterprises: Sequence[Enterprise], villages: Sequence[Village], parameters: AidParameters
) -> list[Pair]:
    """Every acceptable pair (or only the candidates, see `candidate_mask`), village by village in
    input order. Vectorised over enterprises; agrees with `score_pair` pair by pair."""
    if not enterprises or not villages:
        return []
    weights = parameters.weights
    codes: dict[str, int] = {}
    arrays = _EnterpriseArrays(
        capability_mask=np.array([needs_mask(e.capabilities) for e in enterprises], dtype=np.int64),
        county=_code_ids([e.county_code for e in enterprises], codes),
        township=_code_ids([e.township_code for e in enterprises], codes),
        city=_code_ids([None if e.county_code is None else e.county_code[:4] for e in enterprises], codes),
    )
    enterprise_ids = [e.enterprise_id for e in enterprises]
    position = {enterprise_id: i for i, enterprise_id in enumerate(enterprise_ids)}
    nearness_by_distance = np.array([NEARNESS_SHARE[d] for d in Distance], dtype=np.float64)
    # First pass: the acceptable pairs of each village, as arrays.
    parts: dict[str, list[np.ndarray]] = {
        name: []
        for name in (
            "village",
            "enterprise",
            "value",
            "load",
            "fit",
            "nearness",
            "continuity",
            "poverty",
            "distance",
        )
    }
    for v, village in enumerate(villages):
        mask = needs_mask(village.needs)
        covered = _POPCOUNT[arrays.capability_mask & mask]
        need_count = int(_POPCOUNT[mask])
        fit_share = np.ones(len(enterprises)) if need_count == 0 else covered / need_count
        acceptable = np.ones(len(enterprises), dtype=bool) if need_count == 0 else covered > 0

        distance = np.full(len(enterprises), _UNKNOWN_DISTANCE, dtype=np.int64)
        if village.county_code is not None:
            county = codes.get(village.county_code, -2)
            township = -2 if village.township_code is None else codes.get(village.township_code, -2)
            city = codes.get(village.county_code[:4], -2)
            known = arrays.county != _UNKNOWN_DISTANCE
            distance = np.where(known, Distance.OTHER_CITY, _UNKNOWN_DISTANCE)
            distance = np.where(known & (arrays.city == city), Distance.SAME_CITY, distance)
            distance = np.where(known & (arrays.county == county), Distance.SAME_COUNTY, distance)
            distance = np.where(known & (arrays.township == township), Distance.SAME_TOWNSHIP, distance)
            acceptable &= (distance == _UNKNOWN_DISTANCE) | (distance <= parameters.distance_limit)
        nearness_share = np.where(distance == _UNKNOWN_DISTANCE, 0.0, nearness_by_distance[distance])

        fit = weights.fit * fit_share
        nearness = weights.nearness * nearness_share
        poverty = weights.poverty * poverty_priority(village, parameters) * fit_share
        continuity = np.zeros(len(enterprises))
        continuity_index = position.get(village.previous_enterprise_id or "", -1)
        if continuity_index >= 0:
            continuity[continuity_index] = weights.continuity
        value = fit + nearness + continuity + poverty  # the same order of sums as score_pair
        per_need = parameters.amount_per_need + parameters.amount_per_person * (village.population or 0)
        load = np.maximum(1, covered) * per_need

        chosen = np.flatnonzero(acceptable)
        parts["village"].append(np.full(len(chosen), v, dtype=np.int64))
        parts["enterprise"].append(chosen)
        for name, column in (
            ("value", value),
            ("load", load),
            ("fit", fit),
            ("nearness", nearness),
            ("continuity", continuity),
            ("poverty", poverty),
            ("distance", distance),
        ):
            parts[name].append(column[chosen])
    flat = {name: np.concatenate(columns) for name, columns in parts.items()}
    # Second pass: keep the candidates.
    keep = np.flatnonzero(candidate_mask(flat["village"], flat["enterprise"], flat["value"], parameters))
    distances = list(Distance)
    return [
        Pair(
            enterprise_ids[flat["enterprise"][k]],
            villages[flat["village"][k]].village_id,
            float(flat["value"][k]),
            float(flat["load"][k]),
            ValueComponents(
                fit=float(flat["fit"][k]),
                nearness=float(flat["nearness"][k]),
                continuity=float(flat["continuity"][k]),
                poverty=float(flat["poverty"][k]),
                distance=None
                if flat["distance"][k] == _UNKNOWN_DISTANCE
                else distances[int(flat["distance"][k])],
            ),
        )
        for k in keep
    ]
