"""The candidate set: every pair a solver may use, with its fit score, components and both sides' orders.

Which pairs are acceptable:
- a graduate who gave a wish list accepts exactly the positions on it; a graduate without one accepts the
  top K positions by fit score among those that accept them (`candidates_per_graduate`);
- a position that gave its own ranked list accepts exactly the graduates on it; a position without one
  accepts every graduate who passes its hard filters (degree, accepted majors; see `scoring`);
- a pair is a candidate when both sides accept it (so when both preference files are given, only pairs in
  both are), minus forbidden pairs; fixed pairs are always candidates.

Each side orders its candidates by its own list when it gave one, else by fit score (best first). Ties are
broken by a lottery drawn from the recorded seed: one random number per graduate and one per position, so
a position facing equal graduates prefers the one with the better lottery number, and vice versa.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from matching.jobfair.arrays import (
    BoolArray,
    Float32Array,
    FloatArray,
    IntArray,
    bits_needed,
    is_identity,
    offsets_from_counts,
    ordinal_within_groups,
    sort_by_keys,
)
from matching.jobfair.problem import JobFairProblem
from matching.jobfair.scoring import SCORE_DECIMALS, UNACCEPTABLE, Component, FitScorer, FitWeights

DEFAULT_CANDIDATES_PER_GRADUATE = 20
DENSE_BLOCK_ELEMENTS = 1_000_000  # graduates × positions scored at once: 4 MB of float32 stays in cache
DENSE_THREADS = 2  # blocks scored at once (the service runs on two cores)
NOT_RANKED = 0  # a side's rank of a pair it did not list (a fixed pair outside its list)


@dataclass(frozen=True, eq=False)
class CandidateSet:
    """Candidate pairs sorted by (graduate, graduate's order); each side's order is strict (0 = best)."""

    problem: JobFairProblem
    weights: FitWeights
    seed: int
    candidates_per_graduate: int
    graduate: IntArray
    position: IntArray
    score: FloatArray
    components: dict[Component, Float32Array]
    graduate_rank: IntArray  # the graduate's stated wish rank, or 1 + order by score; NOT_RANKED
    position_rank: IntArray  # the position's stated rank, or 1 + order by score; NOT_RANKED
    graduate_order: IntArray
    position_order: IntArray
    fixed: BoolArray
    graduate_start: IntArray  # graduate g's pairs are graduate_start[g] … graduate_start[g + 1] − 1
    by_position: IntArray  # pair indices sorted by (position, position's order)
    position_start: IntArray  # offsets into by_position
    graduate_has_list: BoolArray
    position_has_list: BoolArray
    forbidden_acceptable: IntArray  # per graduate: otherwise acceptable pairs removed by forbid locks
    graduate_lottery: IntArray  # the seed's draw: a permutation, lower numbers win ties
    position_lottery: IntArray

    @property
    def pair_count(self) -> int:
        return len(self.graduate)

    @property
    def graduate_count(self) -> int:
        return self.problem.graduate_count

    @property
    def position_count(self) -> int:
        return self.problem.position_count

    @property
    def capacity(self) -> IntArray:
        return self.problem.positions.capacity

    @cached_property
    def fixed_count(self) -> IntArray:
        """Fixed pairs per position."""
        return np.bincount(self.position[self.fixed], minlength=self.position_count).astype(np.int64)

    @cached_property
    def residual_capacity(self) -> IntArray:
        """Headcount left after fixed pairs (never below 0; over-fixing is refused by the feasibility check)."""
        return np.maximum(self.capacity - self.fixed_count, 0)

    @cached_property
    def fixed_graduate(self) -> BoolArray:
        result = np.zeros(self.graduate_count, dtype=bool)
        result[self.graduate[self.fixed]] = True
        return result

    @cached_property
    def _sorted_keys(self) -> tuple[IntArray, IntArray]:
        keys = self.graduate * max(self.position_count, 1) + self.position
        order = np.argsort(keys)
        return keys[order], order

    def pair_index(self, graduate: IntArray, position: IntArray) -> IntArray:
        """The candidate index of each (graduate, position) pair, −1 when it is not a candidate."""
        sorted_keys, order = self._sorted_keys
        keys = np.asarray(graduate, dtype=np.int64) * max(self.position_count, 1) + position
        found = np.searchsorted(sorted_keys, keys)
        found = np.minimum(found, max(len(sorted_keys) - 1, 0))
        if len(sorted_keys) == 0:
            return np.full(len(keys), -1, dtype=np.int64)
        hit = sorted_keys[found] == keys
        return np.where(hit, order[found], -1).astype(np.int64)


def draw_lotteries(seed: int, graduate_count: int, position_count: int) -> tuple[IntArray, IntArray]:
    """One lottery number per graduate and per position (permutations: no two equal)."""
    rng = np.random.default_rng(seed)
    return rng.permutation(graduate_count).astype(np.int64), rng.permutation(position_count).astype(np.int64)


@dataclass(frozen=True, eq=False)
class _Pairs:
    """A batch of pairs on their way into the candidate set, with their components."""

    graduate: IntArray
    position: IntArray
    wish_rank: IntArray  # NOT_RANKED when the graduate did not list the position
    position_rank: IntArray  # NOT_RANKED when the position did not list the graduate
    fixed: BoolArray
    components: dict[Component, Float32Array]

    @staticmethod
    def scored(
        scorer: FitScorer,
        graduate: IntArray,
        position: IntArray,
        wish_rank: IntArray,
        position_rank: IntArray,
    ) -> _Pairs:
        components = scorer.components(graduate, position, wish_rank)
        return _Pairs(
            graduate, position, wish_rank, position_rank, np.zeros(len(graduate), dtype=bool), components
        )

    def subset(self, rows: IntArray | BoolArray) -> _Pairs:
        if rows.dtype == np.bool_ and rows.all():
            return self
        return _Pairs(
            self.graduate[rows],
            self.position[rows],
            self.wish_rank[rows],
            self.position_rank[rows],
            self.fixed[rows],
            {name: values[rows] for name, values in self.components.items()},
        )

    @staticmethod
    def concatenate(batches: list[_Pairs]) -> _Pairs:
        if len(batches) == 1:
            return batches[0]
        return _Pairs(
            np.concatenate([b.graduate for b in batches]),
            np.concatenate([b.position for b in batches]),
            np.concatenate([b.wish_rank for b in batches]),
            np.concatenate([b.position_rank for b in batches]),
            np.concatenate([b.fixed for b in batches]),
            {name: np.concatenate([b.components[name] for b in batches]) for name in Component},
        )


def build_candidates(
    problem: JobFairProblem,
    weights: FitWeights | None = None,
    *,
    seed: int,
    candidates_per_graduate: int = DEFAULT_CANDIDATES_PER_GRADUATE,
) -> CandidateSet:
    if candidates_per_graduate < 1:
        raise ValueError(f"candidates_per_graduate must be at least 1, got {candidates_per_graduate}")
    weights = weights or FitWeights()
    graduate_count, position_count = problem.graduate_count, problem.position_count
    graduate_lottery, position_lottery = draw_lotteries(seed, graduate_count, position_count)
    scorer = FitScorer(problem, weights)
    wished = scorer.highest_wish > 0
    listed = scorer.position_has_list
    position_lists = _PairRanks.of_position_lists(problem)
    wishes = _PairRanks.of_wishes(problem) if len(problem.locks) else _PairRanks.none(position_count)
    forbidden = _PairRanks.of_forbidden(problem)
    batches = []

    # graduates with a wish list: their wishes that the position accepts too, unless forbidden
    graduate, position, wish_rank = _wish_pairs(problem)
    wished_pairs = _Pairs.scored(
        scorer, graduate, position, wish_rank, position_lists.lookup(graduate, position)
    )
    accepted = np.where(
        listed[position],
        wished_pairs.position_rank > 0,
        scorer.passes_filters(graduate, position, wished_pairs.components),
    )
    batches.append(wished_pairs.subset(accepted & (forbidden.lookup(graduate, position) == 0)))
    forbidden_acceptable = _forbidden_acceptable(problem, scorer, position_lists, wishes, wished, listed)

    # graduates without one: the top K by score among the positions that accept them
    unwished = np.flatnonzero(~wished)
    if len(unwished) and position_count:
        graduate, position = _dense_top(
            scorer, unwished, candidates_per_graduate, position_lottery, position_lists, forbidden
        )
        no_wish = np.full(len(graduate), NOT_RANKED, dtype=np.int64)
        batches.append(
            _Pairs.scored(scorer, graduate, position, no_wish, position_lists.lookup(graduate, position))
        )

    # fixed pairs are always candidates
    pairs = _Pairs.concatenate(batches)
    locks = problem.locks
    if locks.fixed.any():
        graduate, position = locks.graduate[locks.fixed], locks.position[locks.fixed]
        present = _PairRanks(
            pairs.graduate, pairs.position, np.arange(1, len(pairs.graduate) + 1), position_count
        )
        where = present.lookup(graduate, position) - 1
        pairs.fixed[where[where >= 0]] = True
        missing = where < 0
        graduate, position = graduate[missing], position[missing]
        extra = _Pairs.scored(
            scorer,
            graduate,
            position,
            wishes.lookup(graduate, position),
            position_lists.lookup(graduate, position),
        )
        pairs = _Pairs.concatenate([pairs, replace(extra, fixed=np.ones(len(graduate), dtype=bool))])

    score = scorer.scores(pairs.components)
    return _ordered(
        problem,
        weights,
        seed,
        candidates_per_graduate,
        pairs,
        score,
        graduate_lottery,
        position_lottery,
        wished,
        listed,
        forbidden_acceptable,
    )


def _ordered(
    problem: JobFairProblem,
    weights: FitWeights,
    seed: int,
    candidates_per_graduate: int,
    pairs: _Pairs,
    score: FloatArray,
    graduate_lottery: IntArray,
    position_lottery: IntArray,
    wished: BoolArray,
    listed: BoolArray,
    forbidden_acceptable: IntArray,
) -> CandidateSet:
    """The candidate set sorted by graduate and order, with both sides' strict orders: its own list first
    (unlisted fixed pairs last), else by score; the lottery breaks ties."""
    graduate_count, position_count = problem.graduate_count, problem.position_count
    score_code = np.rint((1.0 - score) * 10**SCORE_DECIMALS).astype(np.int64)  # 0 = the best score
    highest_rank = int(max(pairs.wish_rank.max(initial=0), pairs.position_rank.max(initial=0))) + 1
    primary_upper = max(10**SCORE_DECIMALS, highest_rank)
    wish_or_last = np.where(pairs.wish_rank > 0, pairs.wish_rank, highest_rank)
    graduate_primary = np.where(wished[pairs.graduate], wish_or_last, score_code)
    order = sort_by_keys(
        [
            (pairs.graduate, graduate_count),
            (graduate_primary, primary_upper),
            (position_lottery[pairs.position], position_count),
        ]
    )
    if not is_identity(order):
        pairs = pairs.subset(order)
        score, score_code = score[order], score_code[order]
    graduate, position = pairs.graduate, pairs.position
    graduate_order = ordinal_within_groups(graduate)
    rank_or_last = np.where(pairs.position_rank > 0, pairs.position_rank, highest_rank)
    position_primary = np.where(listed[position], rank_or_last, score_code)
    by_position = sort_by_keys(
        [
            (position, position_count),
            (position_primary, primary_upper),
            (graduate_lottery[graduate], graduate_count),
        ]
    )
    position_order = np.empty(len(position), dtype=np.int64)
    position_order[by_position] = ordinal_within_groups(position[by_position])
    return CandidateSet(
        problem=problem,
        weights=weights,
        seed=seed,
        candidates_per_graduate=candidates_per_graduate,
        graduate=graduate,
        position=position,
        score=score,
        components=pairs.components,
        graduate_rank=np.where(wished[graduate], pairs.wish_rank, graduate_order + 1),
        position_rank=np.where(listed[position], pairs.position_rank, position_order + 1),
        graduate_order=graduate_order,
        position_order=position_order,
        fixed=pairs.fixed,
        graduate_start=offsets_from_counts(np.bincount(graduate, minlength=graduate_count)),
        by_position=by_position,
        position_start=offsets_from_counts(np.bincount(position, minlength=position_count)),
        graduate_has_list=wished,
        position_has_list=listed,
        forbidden_acceptable=forbidden_acceptable,
        graduate_lottery=graduate_lottery,
        position_lottery=position_lottery,
    )


class _PairRanks:
    """A lookup from (graduate, position) to a positive integer (a rank), 0 when absent."""

    def __init__(self, graduate: IntArray, position: IntArray, rank: IntArray, position_count: int) -> None:
        self._width = max(position_count, 1)
        keys = graduate * self._width + position
        order = np.argsort(keys)
        self._keys = keys[order]
        self._ranks = np.asarray(rank, dtype=np.int64)[order]

    @staticmethod
    def none(position_count: int) -> _PairRanks:
        return _PairRanks(*(np.zeros(0, dtype=np.int64),) * 3, position_count)

    @staticmethod
    def of_position_lists(problem: JobFairProblem) -> _PairRanks:
        lists = problem.position_preferences
        if lists is None:
            return _PairRanks(*(np.zeros(0, dtype=np.int64),) * 3, problem.position_count)
        return _PairRanks(lists.chosen, lists.chooser, lists.rank, problem.position_count)

    @staticmethod
    def of_wishes(problem: JobFairProblem) -> _PairRanks:
        wishes = problem.graduate_preferences
        if wishes is None:
            return _PairRanks(*(np.zeros(0, dtype=np.int64),) * 3, problem.position_count)
        return _PairRanks(wishes.chooser, wishes.chosen, wishes.rank, problem.position_count)

    @staticmethod
    def of_forbidden(problem: JobFairProblem) -> _PairRanks:
        locks = problem.locks
        forbid = ~locks.fixed
        return _PairRanks(
            locks.graduate[forbid],
            locks.position[forbid],
            np.ones(int(forbid.sum()), dtype=np.int64),
            problem.position_count,
        )

    def __len__(self) -> int:
        return len(self._keys)

    def lookup(self, graduate: IntArray, position: IntArray) -> IntArray:
        if len(self._keys) == 0 or len(graduate) == 0:
            return np.zeros(len(graduate), dtype=np.int64)
        keys = graduate * self._width + position
        found = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
        return np.where(self._keys[found] == keys, self._ranks[found], 0)

    def pairs(self) -> tuple[IntArray, IntArray, IntArray]:
        """(graduate, position, rank) sorted by graduate."""
        return self._keys // self._width, self._keys % self._width, self._ranks


def _wish_pairs(problem: JobFairProblem) -> tuple[IntArray, IntArray, IntArray]:
    wishes = problem.graduate_preferences
    if wishes is None:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), empty.copy()
    return wishes.chooser, wishes.chosen, wishes.rank


def _forbidden_acceptable(
    problem: JobFairProblem,
    scorer: FitScorer,
    position_lists: _PairRanks,
    wishes: _PairRanks,
    wished: BoolArray,
    listed: BoolArray,
) -> IntArray:
    """Per graduate, the forbidden pairs both sides would otherwise accept (for the unmatched reason)."""
    locks = problem.locks
    forbid = ~locks.fixed
    graduate, position = locks.graduate[forbid], locks.position[forbid]
    by_position = np.where(
        listed[position],
        position_lists.lookup(graduate, position) > 0,
        scorer.passes_filters(graduate, position),
    )
    by_graduate = ~wished[graduate] | (wishes.lookup(graduate, position) > 0)
    accepted = by_position & by_graduate
    return np.bincount(graduate[accepted], minlength=problem.graduate_count).astype(np.int64)


def _dense_top(
    scorer: FitScorer,
    graduates: IntArray,
    k: int,
    position_lottery: IntArray,
    position_lists: _PairRanks,
    forbidden: _PairRanks,
) -> tuple[IntArray, IntArray]:
    """The top K positions by fit score for each of `graduates`, scored block by block on every core."""
    problem = scorer.problem
    dense = scorer.dense_blocks()
    order = dense.processing_order(graduates)
    rows_per_block = max(1, DENSE_BLOCK_ELEMENTS // max(problem.position_count, 1))
    block_of = np.full(problem.graduate_count, -1, dtype=np.int64)
    block_of[order] = np.arange(len(order)) // rows_per_block
    local_row = np.full(problem.graduate_count, -1, dtype=np.int64)
    local_row[order] = np.arange(len(order)) % rows_per_block
    # positions with their own list accept only listed graduates: score those pairs exactly, insert them
    listed_graduate, listed_position, _ = position_lists.pairs()
    keep = block_of[listed_graduate] >= 0
    listed_graduate, listed_position = listed_graduate[keep], listed_position[keep]
    no_wish = np.full(len(listed_graduate), NOT_RANKED, dtype=np.int64)
    listed_score = scorer.scores(scorer.components(listed_graduate, listed_position, no_wish))
    listed = _by_block(block_of, listed_graduate, listed_position, listed_score.astype(np.float32))
    forbidden_graduate, forbidden_position, _ = forbidden.pairs()
    keep = block_of[forbidden_graduate] >= 0
    banned = _by_block(
        block_of,
        forbidden_graduate[keep],
        forbidden_position[keep],
        np.full(int(keep.sum()), UNACCEPTABLE, dtype=np.float32),
    )

    def top_of_block(number: int) -> tuple[IntArray, IntArray]:
        rows = order[number * rows_per_block : (number + 1) * rows_per_block]
        block = dense.block(rows)
        for graduate, position, value in (listed(number), banned(number)):
            block[local_row[graduate], position] = value
        row, column = top_k_per_row(block, k, position_lottery)
        return rows[row], column

    block_count = -(-len(order) // rows_per_block)
    with ThreadPoolExecutor(max_workers=DENSE_THREADS) as pool:  # numpy releases the GIL in the heavy steps
        chosen = list(pool.map(top_of_block, range(block_count)))
    if not chosen:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate([g for g, _ in chosen]), np.concatenate([p for _, p in chosen])


def _by_block(
    block_of: IntArray, graduate: IntArray, position: IntArray, value: Float32Array
) -> Callable[[int], tuple[IntArray, IntArray, Float32Array]]:
    """Pairs bucketed by the block of their graduate: block number → (graduate, position, value)."""
    order = np.argsort(block_of[graduate], kind="stable")
    graduate, position, value = graduate[order], position[order], value[order]
    bounds = np.searchsorted(block_of[graduate], [np.arange(block_of.max(initial=0) + 2)])[0]

    def pairs_of(number: int) -> tuple[IntArray, IntArray, Float32Array]:
        low, high = bounds[number], bounds[number + 1]
        return graduate[low:high], position[low:high], value[low:high]

    return pairs_of


def top_k_per_row(block: Float32Array, k: int, column_lottery: IntArray) -> tuple[IntArray, IntArray]:
    """(row, column) of the k best acceptable entries (score ≥ 0) of each row of dense scores.

    Scores are compared at SCORE_DECIMALS; equal scores go to the column with the lower lottery number.
    Each entry becomes one unique integer key (score, then lottery), so one partition per row settles the
    cut with no ties left over. The block is overwritten.
    """
    columns = block.shape[1]
    np.maximum(block, -1.0, out=block)  # UNACCEPTABLE × 10**6, shifted, would overflow int64 and wrap around
    np.multiply(block, 10**SCORE_DECIMALS, out=block)
    np.rint(block, out=block)
    keys = block.astype(np.int64)
    keys <<= bits_needed(columns)
    keys |= columns - column_lottery  # the lower the lottery number, the larger the key
    floor = np.zeros(len(keys), dtype=np.int64)
    if k < columns:
        floor = np.maximum(np.partition(keys, columns - k, axis=1)[:, columns - k], 0)
    found = np.nonzero(keys >= floor[:, None])
    return found[0].astype(np.int64), found[1].astype(np.int64)
