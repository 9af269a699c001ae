"""Fit scores: a weighted sum of named components that a person can read, vectorised.

    score(g, p) = Σ_c w_c · c(g, p) / Σ_c w_c · [c applies to (g, p)]        in [0, 1]

A component applies to a pair when both sides gave the data it needs; an unknown value never lowers a
score, it only leaves its component out. Scores are rounded to SCORE_DECIMALS decimals, so equal-looking
scores are equal and their order is settled by the recorded lottery. Every component lies in [0, 1]:

- major: the position lists accepted codes (`accepted_majors`). The graduate's major listed itself gives
  1.0, a listed major class (专业类, 4 digits) containing it 0.8, a listed discipline (学科门类, 2 digits)
  0.6. No listed code covering the major is a hard filter (below). An empty list accepts any major and the
  component does not apply.
- degree: 1.0 at the position's minimum, 0.25 less per level above it (over-qualified graduates tend to
  leave); below the minimum is a hard filter.
- place: the work county in the graduate's preferred places gives 1.0 for a listed county, 0.8 for a
  listed city, 0.6 for a listed province; otherwise the graduate's home county gives 0.7, the home city
  0.4; else 0.
- industry: the enterprise's GB/T 4754 code under a preferred code gives 1.0, in the same section (门类)
  as a preferred code 0.4; else 0.
- salary: 1.0 when the offered minimum meets the expectation, falling linearly to 0.5 where only the
  offered maximum does, then to 0 where the maximum is half the expectation or less.
- wish: the graduate's own rank r of the position among ranks 1…R: 1 − (r − 1)/R; a position outside a
  graduate's wish list scores 0 (it only becomes a candidate as a fixed pair).

Hard filters (degree below the minimum; majors listed and none covering the graduate's) make a pair
unacceptable unless the position gives its own ranked list, which replaces them. Graduates' majors are
compared without the T/K suffix, which marks a special major and is not part of its identity.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd
import scipy.sparse as sp

from matching import reference
from matching.jobfair.arrays import BoolArray, Float32Array, FloatArray, IntArray, ObjectArray
from matching.jobfair.problem import UNKNOWN_DEGREE, JobFairProblem
from matching.options import option_error

SCORE_DECIMALS = 6


class Component(enum.StrEnum):
    MAJOR = "major"
    DEGREE = "degree"
    PLACE = "place"
    INDUSTRY = "industry"
    SALARY = "salary"
    WISH = "wish"


@dataclass(frozen=True)
class FitWeights:
    """Weight of each component; they need not sum to 1 (scores are normalised by the applicable ones)."""

    major: float = 0.35
    degree: float = 0.10
    place: float = 0.20
    industry: float = 0.10
    salary: float = 0.15
    wish: float = 0.10

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                raise option_error("option_error.weight", name=field.name, value=value)
        if sum(self.of(component) for component in Component) <= 0:
            raise option_error("option_error.no_positive_weight")

    def of(self, component: Component) -> float:
        weight: float = getattr(self, component.value)
        return weight


MAJOR_FIT_BY_CODE_LENGTH = {6: 1.0, 4: 0.8, 2: 0.6}  # listed major, class, discipline
DEGREE_FIT_STEP = 0.25  # lost per degree level above the position's minimum
PREFERRED_PLACE_FIT_BY_CODE_LENGTH = {6: 1.0, 4: 0.8, 2: 0.6}  # listed county, city, province
HOME_COUNTY_FIT = 0.7
HOME_CITY_FIT = 0.4
PREFERRED_INDUSTRY_FIT = 1.0
SAME_SECTION_FIT = 0.4
SALARY_FIT_AT_MAXIMUM = 0.5

MAX_MAJOR_TABLE = 50_000_000  # distinct majors × positions kept as a table (200 MB of float32)
MAJOR_TABLE_CHUNK = 2_000  # positions expanded at once while building it
MAX_DENSE_SALARY_TABLE = 20_000_000  # distinct expectations × positions kept as a table


def salary_fit(expected: FloatArray, offered_min: FloatArray, offered_max: FloatArray) -> FloatArray:
    """The salary component (arrays broadcast); NaN when the expectation or both offer bounds are unknown."""
    low = np.where(np.isnan(offered_min), offered_max, offered_min)
    high = np.where(np.isnan(offered_max), offered_min, offered_max)
    with np.errstate(invalid="ignore", divide="ignore"):
        within = 1.0 - (1.0 - SALARY_FIT_AT_MAXIMUM) * (expected - low) / (high - low)
        above = SALARY_FIT_AT_MAXIMUM * np.clip(1.0 - 2.0 * (expected - high) / expected, 0.0, 1.0)
        fit = np.where(expected <= low, 1.0, np.where(expected <= high, within, above))
    return np.where(np.isnan(expected) | np.isnan(low), np.nan, fit)


def wish_fit(rank: IntArray, highest_rank: IntArray) -> FloatArray:
    """1 for the first wish down to 1/R for rank R; 0 outside the list (rank 0); NaN without any list."""
    with np.errstate(invalid="ignore", divide="ignore"):
        fit = np.where(rank > 0, 1.0 - (rank - 1) / highest_rank, 0.0)
    return np.where(highest_rank > 0, fit, np.nan)


def degree_tables() -> tuple[Float32Array, BoolArray]:
    """Component value and acceptability by [graduate level + 1, minimum level + 1] (row/column 0 = unknown)."""
    levels = len(reference.DEGREES)
    value = np.full((levels + 1, levels + 1), np.nan, dtype=np.float32)
    ok = np.ones((levels + 1, levels + 1), dtype=bool)
    for graduate in range(levels):
        for minimum in range(levels):
            above = graduate - minimum
            value[graduate + 1, minimum + 1] = max(0.0, 1.0 - DEGREE_FIT_STEP * above) if above >= 0 else 0.0
            ok[graduate + 1, minimum + 1] = above >= 0
    return value, ok


@dataclass(frozen=True, eq=False)
class Ladder:
    """Best fit between one side's coded wishes and a value's ancestry on the other side.

    `owner_keys[o, k]` is the fit when key k is among the keys of a value; `rungs[v]` lists value v's keys,
    padded with the always-zero last column. fit(o, v) = max over v's keys (0 when none matches).
    """

    owner_keys: sp.csr_array
    rungs: IntArray
    owner_has_keys: BoolArray

    @staticmethod
    def build(
        owner_count: int, owner: IntArray, key_text: list[str], fit: list[float], value_keys: list[list[str]]
    ) -> Ladder:
        key_id, distinct_keys = pd.factorize(pd.Series(key_text, dtype=object))
        key_id = key_id.astype(np.int64)
        width = len(distinct_keys) + 1  # the last column stays zero: it pads short rungs
        key_index = pd.Index(distinct_keys)
        if len(owner):  # an owner listing a key twice keeps the best fit
            frame = pd.DataFrame({"owner": owner, "key": key_id, "fit": np.asarray(fit, dtype=np.float32)})
            best = frame.groupby(["owner", "key"], sort=True)["fit"].max().reset_index()
            matrix = sp.csr_array(
                (best["fit"].to_numpy(np.float32), (best["owner"].to_numpy(), best["key"].to_numpy())),
                shape=(owner_count, width),
            )
        else:
            matrix = sp.csr_array((owner_count, width), dtype=np.float32)
        depth = max((len(k) for k in value_keys), default=1) or 1
        rungs = np.full((max(len(value_keys), 1), depth), width - 1, dtype=np.int64)
        flat = [text for texts in value_keys for text in texts]
        if flat:
            found = key_index.get_indexer(pd.Index(flat, dtype=object)).astype(np.int64)
            value_of = np.repeat(np.arange(len(value_keys)), [len(texts) for texts in value_keys])
            slot = np.concatenate([np.arange(len(texts)) for texts in value_keys if texts])
            rungs[value_of, slot] = np.where(found >= 0, found, width - 1)
        has_keys = np.zeros(owner_count, dtype=bool)
        has_keys[owner] = True
        return Ladder(matrix, rungs, has_keys)

    def pairs(self, owner: IntArray, value: IntArray) -> Float32Array:
        """fit(owner[i], value[i]); NaN where the owner has no keys or the value is unknown (−1)."""
        result = np.full(len(owner), np.nan, dtype=np.float32)
        known = np.flatnonzero(self.owner_has_keys[owner] & (value >= 0))
        if len(known):
            owner, value = owner[known], value[known]
            best = np.zeros(len(known), dtype=np.float32)
            for depth in range(self.rungs.shape[1]):  # a pad rung looks up the always-zero column
                np.maximum(best, self.owner_keys[owner, self.rungs[value, depth]], out=best)
            result[known] = best
        return result

    def dense(self, owners: IntArray) -> Float32Array:
        """fit for every listed owner × every value (0 where nothing matches)."""
        block = self.owner_keys[owners].toarray()
        result: Float32Array = block[:, self.rungs].max(axis=2)
        return result


def _major_key(code: str) -> str:
    return code[:6]


def _major_ladder(problem: JobFairProblem) -> tuple[Ladder, IntArray]:
    """Owners are positions (their accepted codes); values are the distinct majors of graduates."""
    accepted = problem.positions.accepted_majors
    key_text = [f"{len(_major_key(code))}:{_major_key(code)}" for code in accepted.code]
    fit = [MAJOR_FIT_BY_CODE_LENGTH[len(_major_key(code))] for code in accepted.code]
    majors = problem.graduates.major_code
    major_type, distinct = pd.factorize(pd.Series([_major_key(m) if m else "" for m in majors]))
    value_keys = [[f"6:{m}", f"4:{m[:4]}", f"2:{m[:2]}"] if m else [] for m in distinct]
    ladder = Ladder.build(problem.position_count, accepted.owner, key_text, fit, value_keys)
    major_type = major_type.astype(np.int64)
    major_type[majors == ""] = -1
    return ladder, major_type


def _place_ladder(problem: JobFairProblem) -> tuple[Ladder, IntArray]:
    """Owners are graduates (preferred places and home); values are the distinct work counties."""
    graduates = problem.graduates
    places = graduates.preferred_places
    codes = places.code.tolist()
    at_home = np.flatnonzero(graduates.home_county != "")
    homes = graduates.home_county[at_home].tolist()
    key_text = [f"P:{code}" for code in codes] + [f"H:{c}" for c in homes] + [f"HC:{c[:4]}" for c in homes]
    fit = [PREFERRED_PLACE_FIT_BY_CODE_LENGTH[len(code)] for code in codes]
    fit += [HOME_COUNTY_FIT] * len(homes) + [HOME_CITY_FIT] * len(homes)
    owner = np.concatenate([places.owner, at_home, at_home])
    county_type, distinct = _factorize_known(problem.positions.work_county)
    value_keys = [[f"P:{c}", f"P:{c[:4]}", f"P:{c[:2]}", f"H:{c}", f"HC:{c[:4]}"] for c in distinct]
    ladder = Ladder.build(graduates.count, owner, key_text, fit, value_keys)
    return ladder, county_type


def _industry_ancestry(code: str) -> list[str]:
    section = reference.industry_section(code) or code
    ancestry = [section] + [
        code[:length] for length in (2, 3, 4) if not code.isalpha() and len(code) >= length
    ]
    return [f"I:{item}" for item in ancestry] + [f"S:{section}"]


def _industry_ladder(problem: JobFairProblem) -> tuple[Ladder, IntArray]:
    """Owners are graduates (preferred industries); values are the distinct enterprise industry codes."""
    preferred = problem.graduates.preferred_industries
    codes = preferred.code.tolist()
    section_of = {code: reference.industry_section(code) or code for code in set(codes)}
    key_text = [f"I:{code}" for code in codes] + [f"S:{section_of[code]}" for code in codes]
    fit = [PREFERRED_INDUSTRY_FIT] * len(codes) + [SAME_SECTION_FIT] * len(codes)
    owner = np.concatenate([preferred.owner, preferred.owner])
    industry_type, distinct = _factorize_known(problem.positions.industry_code)
    value_keys = [_industry_ancestry(code) for code in distinct]
    ladder = Ladder.build(problem.graduate_count, owner, key_text, fit, value_keys)
    return ladder, industry_type


def _factorize_known(values: ObjectArray) -> tuple[IntArray, list[str]]:
    """Codes of the non-empty values (−1 for empty) and the distinct non-empty values."""
    codes, distinct = pd.factorize(pd.Series(values))
    codes = codes.astype(np.int64)
    known = [str(v) for v in distinct]
    if "" in known:
        empty = known.index("")
        codes = np.where(codes == empty, -1, np.where(codes > empty, codes - 1, codes))
        known.pop(empty)
    return codes, known


class FitScorer:
    """Scores pairs of one problem; built once, then asked for pairs or for dense blocks of graduates."""

    def __init__(self, problem: JobFairProblem, weights: FitWeights) -> None:
        self.problem = problem
        self.weights = weights
        graduates, positions = problem.graduates, problem.positions
        self._major_ladder, self._major_type = _major_ladder(problem)
        self._position_lists_majors = np.zeros(positions.count, dtype=bool)
        self._position_lists_majors[positions.accepted_majors.owner] = True
        self._degree_value, self._degree_ok = degree_tables()
        self._place_ladder, self._county_type = _place_ladder(problem)
        self._industry_ladder, self._industry_type = _industry_ladder(problem)
        self.position_has_list = np.zeros(positions.count, dtype=bool)
        self.highest_wish = np.zeros(graduates.count, dtype=np.int64)
        if problem.position_preferences is not None:
            self.position_has_list[problem.position_preferences.chooser] = True
        if problem.graduate_preferences is not None:
            np.maximum.at(
                self.highest_wish, problem.graduate_preferences.chooser, problem.graduate_preferences.rank
            )
        self._graduate_applies = self._graduate_applicability()
        self._position_applies = self._position_applicability()
        self._major_row, self._major_table = self._major_values()

    def _major_values(self) -> tuple[IntArray, Float32Array | None]:
        """The major component by [graduate's distinct major (last row: unknown), position], when small."""
        position_count = self.problem.position_count
        majors = len(self._major_ladder.rungs)
        row = np.where(self._major_type >= 0, self._major_type, majors)
        if (majors + 1) * position_count > MAX_MAJOR_TABLE:
            return row, None
        table = np.full((majors + 1, position_count), np.nan, dtype=np.float32)
        listed = self._position_lists_majors
        for start in range(0, position_count, MAJOR_TABLE_CHUNK):
            chunk = np.arange(start, min(start + MAJOR_TABLE_CHUNK, position_count))
            table[:majors, chunk] = self._major_ladder.dense(chunk).T
        table[:majors, ~listed] = np.nan  # an empty list accepts any major: the component does not apply
        return row, table

    # ----------------------------------------------------------------- pairs
    def components(
        self, graduate: IntArray, position: IntArray, wish_rank: IntArray
    ) -> dict[Component, Float32Array]:
        """Every component for the pairs (NaN where it does not apply); `wish_rank` 0 = not wished."""
        graduates, positions = self.problem.graduates, self.problem.positions
        major = self._major_pairs(graduate, position)
        degree = self._degree_value[
            graduates.degree_level[graduate] + 1, positions.min_degree_level[position] + 1
        ]
        place = self._place_ladder.pairs(graduate, self._county_type[position])
        industry = self._industry_ladder.pairs(graduate, self._industry_type[position])
        salary = salary_fit(
            graduates.expected_salary[graduate],
            positions.salary_min[position],
            positions.salary_max[position],
        )
        wish = wish_fit(wish_rank, self.highest_wish[graduate])
        return {
            Component.MAJOR: major.astype(np.float32),
            Component.DEGREE: degree.astype(np.float32),
            Component.PLACE: place,
            Component.INDUSTRY: industry,
            Component.SALARY: salary.astype(np.float32),
            Component.WISH: wish.astype(np.float32),
        }

    def scores(self, components: dict[Component, Float32Array]) -> FloatArray:
        """The fit score of each pair, rounded to SCORE_DECIMALS."""
        first = next(iter(components.values()))
        numerator = np.zeros(len(first))
        denominator = np.zeros(len(first))
        for component, values in components.items():
            weight = self.weights.of(component)
            applies = ~np.isnan(values)
            numerator += weight * np.where(applies, values, 0.0)
            denominator += weight * applies
        with np.errstate(invalid="ignore", divide="ignore"):
            score: FloatArray = np.where(denominator > 0, numerator / denominator, 0.0)
        return np.round(score, SCORE_DECIMALS)

    def passes_filters(
        self, graduate: IntArray, position: IntArray, components: dict[Component, Float32Array] | None = None
    ) -> BoolArray:
        """The position's hard filters (degree, majors); its own ranked list replaces them. Pass the pairs'
        `components` when they are computed already."""
        levels = self.problem.graduates.degree_level[graduate] + 1
        minimum = self.problem.positions.min_degree_level[position] + 1
        major = (
            components[Component.MAJOR] if components is not None else self._major_pairs(graduate, position)
        )
        result: BoolArray = self._degree_ok[levels, minimum] & ~(major == 0)
        return result

    def _major_pairs(self, graduate: IntArray, position: IntArray) -> Float32Array:
        """NaN without a list or an unknown major; 0 when no listed code covers the major (filtered)."""
        if self._major_table is not None:
            values: Float32Array = self._major_table[self._major_row[graduate], position]
            return values
        return self._major_ladder.pairs(position, self._major_type[graduate])

    # ----------------------------------------------------------------- dense blocks
    def dense_blocks(self) -> DenseScorer:
        return DenseScorer(self)

    def _graduate_applicability(self) -> dict[Component, BoolArray]:
        graduates = self.problem.graduates
        return {
            Component.MAJOR: self._major_type >= 0,
            Component.DEGREE: graduates.degree_level != UNKNOWN_DEGREE,
            Component.PLACE: self._place_ladder.owner_has_keys,
            Component.INDUSTRY: self._industry_ladder.owner_has_keys,
            Component.SALARY: ~np.isnan(graduates.expected_salary),
            Component.WISH: self.highest_wish > 0,
        }

    def _position_applicability(self) -> dict[Component, BoolArray]:
        positions = self.problem.positions
        return {
            Component.MAJOR: self._position_lists_majors,
            Component.DEGREE: positions.min_degree_level != UNKNOWN_DEGREE,
            Component.PLACE: self._county_type >= 0,
            Component.INDUSTRY: self._industry_type >= 0,
            Component.SALARY: ~(np.isnan(positions.salary_min) & np.isnan(positions.salary_max)),
            Component.WISH: np.ones(positions.count, dtype=bool),
        }


UNACCEPTABLE = -1e9  # dense score of a pair the dense path cannot accept: far below any real score, finite
MAX_FIT_TABLE = 50_000_000  # (major, degree) combinations × positions kept as one table


class DenseScorer:
    """Approximate (float32) scores of graduates × all positions, block by block, for choosing the top K.

    Pairs the dense path cannot accept score UNACCEPTABLE: filtered pairs, and every position that gives
    its own list (its listed pairs are scored by the pair path). Chosen pairs are re-scored exactly by the
    pair path. Blocks are cheapest when their graduates come in `processing_order`.
    """

    def __init__(self, scorer: FitScorer) -> None:
        self.scorer = scorer
        problem, weights = scorer.problem, scorer.weights
        positions = problem.positions
        position_count = positions.count
        major_value = scorer._major_table
        if major_value is None:
            raise ValueError("too many distinct majors × positions to score every pair")
        # major and degree in one table: a row per (major row, degree level + 1) among the graduates
        degree_rows = len(scorer._degree_value)
        combination = scorer._major_row * degree_rows + problem.graduates.degree_level + 1
        combination_row, combinations = pd.factorize(pd.Series(combination))
        self._combination_row = combination_row.astype(np.int64)
        combinations = np.asarray(combinations, dtype=np.int64)
        if len(combinations) * position_count > MAX_FIT_TABLE:
            raise ValueError("too many distinct (major, degree) combinations × positions to score every pair")
        minimum = positions.min_degree_level + 1
        major = major_value[combinations // degree_rows]
        degree_level = combinations % degree_rows
        degree = scorer._degree_value[degree_level][:, minimum]
        acceptable = (major != 0) & scorer._degree_ok[degree_level][:, minimum] & ~scorer.position_has_list
        fit = weights.major * np.nan_to_num(major, nan=0.0) + weights.degree * np.nan_to_num(degree, nan=0.0)
        self._fit_table = np.where(acceptable, fit, UNACCEPTABLE).astype(np.float32)
        # salary: a table by distinct expectation when small enough
        expected = problem.graduates.expected_salary
        salary_type, distinct_salaries = pd.factorize(pd.Series(expected), use_na_sentinel=True)
        self._salary_table: Float32Array | None = None
        if (len(distinct_salaries) + 1) * position_count <= MAX_DENSE_SALARY_TABLE:
            values = salary_fit(
                np.append(np.asarray(distinct_salaries, dtype=np.float64), np.nan)[:, None],
                positions.salary_min[None, :],
                positions.salary_max[None, :],
            )
            self._salary_table = (weights.salary * np.nan_to_num(values, nan=0.0)).astype(np.float32)
            self._salary_row = np.where(salary_type >= 0, salary_type, len(distinct_salaries))
        # place and industry: columns of a (graduates × distinct values) block, plus a zero column
        self._county_column = np.where(
            scorer._county_type >= 0, scorer._county_type, len(scorer._place_ladder.rungs)
        )
        self._industry_column = np.where(
            scorer._industry_type >= 0, scorer._industry_type, len(scorer._industry_ladder.rungs)
        )
        # 1 / Σ applicable weights, by the graduate's applicability pattern
        pattern = np.zeros(problem.graduate_count, dtype=np.int64)
        for bit, component in enumerate(Component):
            pattern |= scorer._graduate_applies[component].astype(np.int64) << bit
        pattern_row, patterns = pd.factorize(pd.Series(pattern))
        self._pattern_row = pattern_row.astype(np.int64)
        denominator = np.zeros((len(patterns), position_count))
        for bit, component in enumerate(Component):
            has = ((np.asarray(patterns, dtype=np.int64) >> bit) & 1).astype(bool)
            denominator += weights.of(component) * np.outer(has, scorer._position_applies[component])
        safe = np.where(denominator > 0, denominator, 1.0)
        self._inverse_denominator = np.where(denominator > 0, 1.0 / safe, 1.0).astype(np.float32)

    def processing_order(self, graduates: IntArray) -> IntArray:
        """The graduates grouped by applicability pattern, so a block normalises whole runs of rows."""
        return graduates[np.argsort(self._pattern_row[graduates], kind="stable")]

    def block(self, graduates: IntArray) -> Float32Array:
        """Scores (float32) of these graduates × every position; UNACCEPTABLE where the dense path cannot
        accept."""
        scorer, weights, problem = self.scorer, self.scorer.weights, self.scorer.problem
        result = self._fit_table[self._combination_row[graduates]]
        if self._salary_table is not None:
            result += self._salary_table[self._salary_row[graduates]]
        else:
            positions = problem.positions
            salary = salary_fit(
                problem.graduates.expected_salary[graduates][:, None],
                positions.salary_min[None, :],
                positions.salary_max[None, :],
            )
            result += (weights.salary * np.nan_to_num(salary, nan=0.0)).astype(np.float32)
        if weights.place > 0:
            place = _with_zero_column(weights.place * scorer._place_ladder.dense(graduates))
            result += place[:, self._county_column]
        if weights.industry > 0:
            industry = _with_zero_column(weights.industry * scorer._industry_ladder.dense(graduates))
            result += industry[:, self._industry_column]
        pattern = self._pattern_row[graduates]
        run_start = np.flatnonzero(np.r_[True, pattern[1:] != pattern[:-1]])
        for start, end in zip(run_start.tolist(), [*run_start[1:].tolist(), len(graduates)], strict=True):
            result[start:end] *= self._inverse_denominator[pattern[start]]
        return result


def _with_zero_column(block: Float32Array) -> Float32Array:
    return np.concatenate([block, np.zeros((len(block), 1), dtype=block.dtype)], axis=1).astype(np.float32)
