"""The aid-pairing problem as plain typed data: enterprises, villages, acceptable pairs and locks.

Nothing here reads files or solves anything. `validate.py` builds an `AidProblem` from frames with
precise input errors; `pairing.py` solves it; `audit.py` checks an answer against it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np


class Objective(enum.StrEnum):
    """Whether pair values are gains (maximise, the aid programme's scores) or costs (minimise)."""

    MAX = "max"
    MIN = "min"

    @classmethod
    def parse(cls, text: str) -> Objective:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(f"unknown objective {text!r}; use 'max' or 'min'") from None


class LockAction(enum.StrEnum):
    """A decision an official took on one pair: keep it in every run, or never propose it."""

    FIX = "fix"
    FORBID = "forbid"

    @classmethod
    def parse(cls, text: str) -> LockAction:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(f"unknown action {text!r}; use 'fix' or 'forbid'") from None


class Distance(enum.IntEnum):
    """How far apart an enterprise and a village are, by administrative area (nearest first)."""

    SAME_TOWNSHIP = 0
    SAME_COUNTY = 1
    SAME_CITY = 2
    OTHER_CITY = 3

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", " ")


@dataclass(frozen=True, slots=True)
class Enterprise:
    enterprise_id: str
    capacity: float  # annual aid budget (yuan), or the OR-Library agent capacity
    max_villages: int | None = None  # None: no limit on the count
    name: str = ""
    capabilities: frozenset[str] = frozenset()  # keys of matching.reference.AID_NEEDS
    county_code: str | None = None  # 6 digits
    township_code: str | None = None  # 9 digits
    park_id: str | None = None


@dataclass(frozen=True, slots=True)
class Village:
    village_id: str
    name: str = ""
    county_code: str | None = None
    township_code: str | None = None
    population: int | None = None
    income: float | None = None  # yuan per person per year
    needs: frozenset[str] = frozenset()
    previous_enterprise_id: str | None = None  # last year's working lead enterprise


@dataclass(frozen=True, slots=True)
class ValueComponents:
    """The named parts of a scored pair's value, in points, so an official can read why it scores."""

    fit: float  # share of the village's needs the enterprise can meet, weighted
    nearness: float
    continuity: float  # last year's working pair
    poverty: float  # poorer villages get more from a good fit
    distance: Distance | None  # None when a location is unknown

    def explain(self) -> str:
        where = self.distance.label if self.distance is not None else "location unknown"
        return (
            f"fit {self.fit:.1f} + nearness {self.nearness:.1f} ({where}) + "
            f"continuity {self.continuity:.1f} + poverty priority {self.poverty:.1f}"
        )


@dataclass(frozen=True, slots=True)
class Pair:
    """An acceptable enterprise–village pair with its value (or cost) and the budget it uses."""

    enterprise_id: str
    village_id: str
    value: float
    load: float
    components: ValueComponents | None = None  # None when the pair came from pairs.csv


@dataclass(frozen=True, slots=True)
class Lock:
    enterprise_id: str
    village_id: str
    action: LockAction


@dataclass(frozen=True)
class PairArrays:
    """The usable pairs as parallel arrays (index into `AidProblem.pairs`), what every solver builds on."""

    pair_index: np.ndarray  # int64, index into AidProblem.pairs
    enterprise: np.ndarray  # int64, index into AidProblem.enterprises
    village: np.ndarray  # int64, index into AidProblem.villages
    value: np.ndarray  # float64
    load: np.ndarray  # float64

    def __len__(self) -> int:
        return len(self.pair_index)


@dataclass(frozen=True)
class AidProblem:
    """A validated pairing problem. Construct through `validate.problem_from_frames` for user data.

    `pairs` lists every acceptable pair; a pair not listed cannot be chosen. Locks: a fixed pair is
    the village's only option, a forbidden pair is never chosen. Minimums count the villages led by
    the enterprises of a park (`park_id`) or located in a county (`county_code`).
    """

    enterprises: tuple[Enterprise, ...]
    villages: tuple[Village, ...]
    pairs: tuple[Pair, ...]
    locks: tuple[Lock, ...] = ()
    objective: Objective = Objective.MAX
    min_villages_per_park: Mapping[str, int] = field(default_factory=dict)
    min_villages_per_county: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Programming errors only: user input is checked, with rows and columns, in validate.py.
        if len(self.enterprise_index) != len(self.enterprises):
            raise ValueError("duplicate enterprise_id in AidProblem")
        if len(self.village_index) != len(self.villages):
            raise ValueError("duplicate village_id in AidProblem")
        for pair in self.pairs:
            if pair.enterprise_id not in self.enterprise_index or pair.village_id not in self.village_index:
                raise ValueError(f"pair {pair.enterprise_id}–{pair.village_id} names an unknown id")
        if len(self.pair_index) != len(self.pairs):
            raise ValueError("duplicate pair in AidProblem")
        for lock in self.locks:
            if lock.enterprise_id not in self.enterprise_index or lock.village_id not in self.village_index:
                raise ValueError(f"lock {lock.enterprise_id}–{lock.village_id} names an unknown id")
        fixed_villages = [lock.village_id for lock in self.locks if lock.action is LockAction.FIX]
        if len(set(fixed_villages)) != len(fixed_villages):
            raise ValueError("a village is fixed to two enterprises in AidProblem")
        for village_id, enterprise_id in self.fixed.items():
            if (enterprise_id, village_id) not in self.pair_index:
                raise ValueError(f"fixed pair {enterprise_id}–{village_id} is not an acceptable pair")
            if (enterprise_id, village_id) in self.forbidden:
                raise ValueError(f"pair {enterprise_id}–{village_id} is both fixed and forbidden")

    @cached_property
    def enterprise_index(self) -> dict[str, int]:
        return {e.enterprise_id: i for i, e in enumerate(self.enterprises)}

    @cached_property
    def village_index(self) -> dict[str, int]:
        return {v.village_id: i for i, v in enumerate(self.villages)}

    @cached_property
    def pair_index(self) -> dict[tuple[str, str], int]:
        """(enterprise_id, village_id) → index into `pairs`."""
        return {(p.enterprise_id, p.village_id): i for i, p in enumerate(self.pairs)}

    @cached_property
    def fixed(self) -> dict[str, str]:
        """village_id → the enterprise it is fixed to."""
        return {lock.village_id: lock.enterprise_id for lock in self.locks if lock.action is LockAction.FIX}

    @cached_property
    def forbidden(self) -> frozenset[tuple[str, str]]:
        """(enterprise_id, village_id) pairs that must not be chosen."""
        return frozenset(
            (lock.enterprise_id, lock.village_id) for lock in self.locks if lock.action is LockAction.FORBID
        )

    def is_usable(self, pair: Pair) -> bool:
        """Acceptable, not forbidden, and the village's fixed pair if it has one."""
        if (pair.enterprise_id, pair.village_id) in self.forbidden:
            return False
        fixed_to = self.fixed.get(pair.village_id)
        return fixed_to is None or fixed_to == pair.enterprise_id

    @cached_property
    def usable(self) -> PairArrays:
        """The pairs a solver may choose, as arrays; the single definition every solver shares."""
        chosen = [i for i, pair in enumerate(self.pairs) if self.is_usable(pair)]
        return PairArrays(
            pair_index=np.array(chosen, dtype=np.int64),
            enterprise=np.array(
                [self.enterprise_index[self.pairs[i].enterprise_id] for i in chosen], dtype=np.int64
            ),
            village=np.array([self.village_index[self.pairs[i].village_id] for i in chosen], dtype=np.int64),
            value=np.array([self.pairs[i].value for i in chosen], dtype=np.float64),
            load=np.array([self.pairs[i].load for i in chosen], dtype=np.float64),
        )

    @cached_property
    def capacities(self) -> np.ndarray:
        return np.array([e.capacity for e in self.enterprises], dtype=np.float64)

    @cached_property
    def park_members(self) -> dict[str, list[int]]:
        """park_id → indices of its enterprises, for the parks that have a minimum."""
        return {
            park: [i for i, e in enumerate(self.enterprises) if e.park_id == park]
            for park in self.min_villages_per_park
        }

    @cached_property
    def county_members(self) -> dict[str, list[int]]:
        """county_code → indices of the enterprises located there, for counties that have a minimum."""
        return {
            county: [i for i, e in enumerate(self.enterprises) if e.county_code == county]
            for county in self.min_villages_per_county
        }

    def pair(self, enterprise_id: str, village_id: str) -> Pair | None:
        index = self.pair_index.get((enterprise_id, village_id))
        return None if index is None else self.pairs[index]

    def better(self, a: float, b: float) -> bool:
        """True when value `a` is strictly better than `b` under this problem's objective."""
        return a > b if self.objective is Objective.MAX else a < b
