"""The CP-SAT model of the fair day, its greedy first timetable, and the decoding of the solver's answer.

Variables: x[i, s] for a free interview i at slot s, built only where both sides are available, the slot
is in the horizon, the booth has an interviewer left and the graduate is not within the walking gap of a
fixed interview (numpy pre-filter, `slots.slot_map`). Constraints:
- each interview at most once (exactly once with `require_all`);
- per booth and slot, at most the interviewers left after fixed interviews;
- per graduate, at most one interview in every window of (gap_slots + 1) consecutive slots (AddAtMostOne
  over sliding windows: two interviews of a graduate start at least one slot plus the gap apart);
- per graduate, at most max_interviews (less their fixed ones);
- per graduate with two or more possible interviews, first ≤ every busy slot ≤ last (for the idle term),
  and last − first ≥ (k − 1)(gap_slots + 1) for k placed interviews (a valid cut: without it CP-SAT could
  not prove even a 10-interview day optimal in 5 s).
The objective is in `weights`.

How it is solved (`solve_timetable`), each step measured on the synthetic fairs of bench/bench_timetable.py:
1. a greedy timetable (best weight first; its kept slot, else the earliest feasible slot), then
   `compact_idle`, a local search that moves or swaps interviews to cut idle time: a valid timetable within
   a second or two at the demo scale, about 3 s at five times that;
2. the LP relaxation of the same rows without the idle term (GLOP): it is (nearly) integral here, so a
   greedy pass guided by it, then `polish` (compact, place what compacting freed, again), usually places
   the most weight; its optimum, plus what the idle term can give back, is an upper bound. CP-SAT's own
   root LP needs tens of seconds on these rows;
3. when that timetable is within `gap_limit` (default 1/10,000) of the LP bound, it is the answer and
   CP-SAT is not started: on the demo fair it is (gap 0.002 %), where ten seconds of CP-SAT found nothing
   better (bench "page"). Otherwise CP-SAT starts from the better of the two as a complete hint, for the
   rest of the time limit (probing and symmetry detection off: they cost seconds of presolve and did not
   pay), and stops at the first timetable within the gap limit. It proves small days optimal (with
   `gap_limit=0`) and polishes large ones;
4. the greedy step adds any interview that still fits and `compact_idle` runs again (both can only raise
   the objective). The first timetable is also the answer when the solver stops without one.
Optional intervals with cumulative booths and no-overlap graduates were measured too (bench "formulations",
20 s each from the same greedy hint): they never improved the hint and their bound stayed 2% away, while
the booleans improved it by up to 0.3% and, once their root LP finished, reached the LP bound (0.35% gap);
so the model uses booleans and AtMostOne windows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

import numpy as np
import scipy.sparse as sp
from ortools.linear_solver.python import model_builder as mb
from ortools.sat.python import cp_model

from matching.jobfair.timetable.plan import NO_SLOT, Plan
from matching.jobfair.timetable.precheck import check_feasibility
from matching.jobfair.timetable.problem import (
    BoolArray,
    FloatArray,
    IntArray,
    InterviewStatus,
    TimetableProblem,
)
from matching.jobfair.timetable.result import TimetableResult, UnscheduledReason
from matching.jobfair.timetable.slots import SlotMap, slot_map
from matching.jobfair.timetable.weights import (
    IDLE_SLOT_PENALTY,
    MOVE_PENALTY,
    interview_weights,
    placement_gain,
)
from matching.options import check_common, option, resolve_seed, worker_count
from matching.results import FindingReport, SolveStatus, Timings

DEFAULT_TIME_LIMIT_SECONDS = 10.0
# The search stops at this relative gap to the best bound (the LP's or CP-SAT's): 1 in 10,000 of the
# objective, about one interview's fit in 100 at the demo scale. Measured on the demo fair (bench
# bench_timetable.py, "page"): the first timetable is already within it, where the 10 s search ended at a
# gap of 0.0014 % for the same scheduled share.
DEFAULT_GAP_LIMIT = 1e-4
LP_SHARE_OF_TIME_LIMIT = 0.3  # the LP relaxation may use this much of the time limit
MIN_SEARCH_SHARE = 0.2  # CP-SAT searches at least this share of the time limit, whatever came before
DECODE_SHARE = 0.05  # the share of the time limit kept for the work after the search (repair, reasons)
POLISH_ROUNDS = 3  # compact, then fill what it freed: rounds of `polish`
COMPACT_PASSES = 5  # local-search passes over the timetable (each pass is one sweep of moves and swaps)
LP_ROUNDING_THRESHOLD = 0.5  # an LP value above it guides the first timetable (at most one per interview)
LP_BOUND_TOLERANCE = 1e-8  # relative numerical slack added to the LP bound
SOLVER_VERSION = f"OR-Tools CP-SAT {version('ortools')}"


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = option(DEFAULT_TIME_LIMIT_SECONDS, label="option.time_limit")
    seed: int | None = option(None, label="option.seed", minimum=0)  # None: drawn, reported in the result
    workers: int | None = option(None, label="option.workers", minimum=1)  # None: one per CPU
    # every interview must be placed, or no timetable (INFEASIBLE)
    require_all: bool = option(False, label="timetable.option.require_all")
    # the search stops once the timetable is within this share of the best bound (0: search to the limit)
    gap_limit: float = option(DEFAULT_GAP_LIMIT, label="timetable.option.gap_limit", minimum=0.0, maximum=1.0)
    log_search: bool = option(False, label="option.log_search", interface=False)

    def __post_init__(self) -> None:
        check_common(self.time_limit, self.workers, self.seed)
        if not 0.0 <= self.gap_limit <= 1.0:
            raise ValueError(f"gap_limit must be between 0 and 1, not {self.gap_limit}")


@dataclass(frozen=True, eq=False)
class Candidates:
    """The (interview, slot) pairs the model may choose, sorted by interview then slot, with their gains."""

    interview: IntArray
    slot: IntArray
    gain: IntArray  # objective gain when chosen, including the bonus for keeping a previous slot

    def __len__(self) -> int:
        return len(self.interview)


def build_candidates(problem: TimetableProblem, plan: Plan, slots: SlotMap) -> Candidates:
    interview, slot = np.nonzero(slots.usable)
    interview = interview.astype(np.int64)
    slot = slot.astype(np.int64)
    weights = interview_weights(problem.interviews.score, problem.interviews.wish_rank)
    gain = placement_gain(weights, problem.fair.gap_slots)[interview]
    gain = gain + MOVE_PENALTY * (slot == plan.preferred_slot[interview])
    return Candidates(interview, slot, gain.astype(np.int64))


def objective_of(problem: TimetableProblem, plan: Plan, candidates: Candidates, slot: IntArray) -> int:
    """The model's objective for a timetable (`slot` per interview): gains of placed free interviews minus
    the idle penalty on every graduate's span, fixed interviews included."""
    placed = slot[candidates.interview] == candidates.slot
    total = int(candidates.gain[placed].sum())
    scheduled = np.flatnonzero(slot != NO_SLOT)
    graduate = problem.interviews.graduate[scheduled]
    count = problem.graduates.count
    first = np.full(count, np.iinfo(np.int64).max)
    last = np.full(count, -1)
    np.minimum.at(first, graduate, slot[scheduled])
    np.maximum.at(last, graduate, slot[scheduled])
    busy = last >= 0
    return total - IDLE_SLOT_PENALTY * int((last[busy] - first[busy]).sum())


def fill_greedily(
    problem: TimetableProblem,
    plan: Plan,
    slots: SlotMap,
    candidates: Candidates,
    slot: IntArray,
    guide: IntArray | None = None,
) -> IntArray:
    """Add free interviews to `slot` (a valid timetable, fixed interviews included) and return a new array.

    Interviews with a `guide` slot (e.g. from the LP relaxation) go first, then the best gain first (fewest
    usable slots break ties); each takes its guide slot, else its kept slot, else its earliest feasible slot.
    """
    slot = slot.copy()
    interviews = problem.interviews
    gap = problem.fair.gap_slots
    slot_count = problem.slot_count
    capacity = slots.booth_capacity.copy()
    room = slots.graduate_room.copy()
    blocked = slots.graduate_blocked.copy()
    placed = np.flatnonzero((slot != NO_SLOT) & plan.free)
    np.add.at(capacity, (interviews.booth[placed], slot[placed]), -1)
    np.add.at(room, interviews.graduate[placed], -1)
    for index in placed.tolist():
        start = int(slot[index])
        blocked[interviews.graduate[index], max(0, start - gap) : start + gap + 1] = True

    waiting = np.flatnonzero(plan.free & (slot == NO_SLOT) & slots.usable.any(axis=1))
    best_gain = np.zeros(interviews.count, dtype=np.int64)
    np.maximum.at(best_gain, candidates.interview, candidates.gain)
    options = slots.usable.sum(axis=1)
    guide = np.full(interviews.count, NO_SLOT, dtype=np.int64) if guide is None else guide
    unguided = (guide[waiting] == NO_SLOT).astype(np.int64)
    order = waiting[np.lexsort((waiting, options[waiting], -best_gain[waiting], unguided))]
    usable = slots.usable
    for index in order.tolist():
        booth = interviews.booth[index]
        graduate = interviews.graduate[index]
        if room[graduate] <= 0:
            continue
        fits = usable[index] & (capacity[booth] > 0) & ~blocked[graduate]
        start = NO_SLOT
        for wanted in (int(guide[index]), int(plan.preferred_slot[index])):
            if wanted != NO_SLOT and fits[wanted]:
                start = wanted
                break
        if start == NO_SLOT:
            found = np.flatnonzero(fits)
            if len(found) == 0:
                continue
            start = int(found[0])
        slot[index] = start
        capacity[booth, start] -= 1
        room[graduate] -= 1
        blocked[graduate, max(0, start - gap) : min(slot_count, start + gap + 1)] = True
    return slot


def compact_idle(
    problem: TimetableProblem,
    plan: Plan,
    slots: SlotMap,
    candidates: Candidates,
    slot: IntArray,
    max_passes: int = COMPACT_PASSES,
) -> IntArray:
    """Local search on a valid timetable: move one interview, or swap two at one booth, whenever that raises
    the objective (less idle time, or back to a kept slot). Returns a new array; the set of placed
    interviews does not change. Only interviews of graduates who wait, or that left their kept slot, are
    tried: nothing else can gain."""
    slot = slot.copy()
    interviews = problem.interviews
    slot_count = problem.slot_count
    spacing = problem.fair.gap_slots + 1
    gain_at = np.full((interviews.count, slot_count), -1, dtype=np.int64)  # −1: not a candidate
    gain_at[candidates.interview, candidates.slot] = candidates.gain
    movable = np.flatnonzero((slot != NO_SLOT) & plan.free)
    used = np.zeros_like(slots.booth_capacity)
    np.add.at(used, (interviews.booth[movable], slot[movable]), 1)
    free_places = slots.booth_capacity - used
    graduate_of = interviews.graduate.tolist()
    booth_of = interviews.booth.tolist()
    preferred = plan.preferred_slot.tolist()
    mine: dict[int, list[int]] = {}
    for index in np.flatnonzero(slot != NO_SLOT).tolist():
        mine.setdefault(graduate_of[index], []).append(index)
    at: list[int] = slot.tolist()

    def idle(graduate: int) -> int:
        taken = [at[m] for m in mine[graduate]]
        return max(taken) - min(taken) - spacing * (len(taken) - 1)

    def span_change(index: int, target: int) -> int | None:
        """Change of the graduate's span if `index` moves to `target`; None when the gap forbids it."""
        rest = [at[m] for m in mine[graduate_of[index]] if m != index]
        if not rest:
            return 0
        for other in rest:
            if -spacing < target - other < spacing:
                return None
        low, high, current = min(rest), max(rest), at[index]
        return (max(high, target) - min(low, target)) - (max(high, current) - min(low, current))

    def worth_trying(index: int) -> bool:
        return (preferred[index] != NO_SLOT and at[index] != preferred[index]) or idle(graduate_of[index]) > 0

    for _ in range(max_passes):
        improved = False
        for index in movable.tolist():
            if not worth_trying(index):
                continue
            current, booth = at[index], booth_of[index]
            best_delta, best_target = 0, NO_SLOT
            for target in np.flatnonzero(gain_at[index] >= 0).tolist():
                if target == current or free_places[booth, target] <= 0:
                    continue
                change = span_change(index, target)
                if change is None:
                    continue
                delta = int(gain_at[index, target] - gain_at[index, current]) - IDLE_SLOT_PENALTY * change
                if delta > best_delta:
                    best_delta, best_target = delta, target
            if best_target != NO_SLOT:
                free_places[booth, current] += 1
                free_places[booth, best_target] -= 1
                at[index] = best_target
                improved = True
        for group in _booth_groups(problem, movable):
            for position, first in enumerate(group):
                first_worth = worth_trying(first)
                for second in group[position + 1 :]:
                    a, b = at[first], at[second]
                    if a == b or graduate_of[first] == graduate_of[second]:
                        continue
                    if not (first_worth or worth_trying(second)):
                        continue
                    if gain_at[first, b] < 0 or gain_at[second, a] < 0:
                        continue
                    change_first = span_change(first, b)
                    change_second = span_change(second, a) if change_first is not None else None
                    if change_first is None or change_second is None:
                        continue
                    delta = int(
                        gain_at[first, b] + gain_at[second, a] - gain_at[first, a] - gain_at[second, b]
                    ) - IDLE_SLOT_PENALTY * (change_first + change_second)
                    if delta > 0:
                        at[first], at[second] = b, a
                        improved = True
                        first_worth = worth_trying(first)
        if not improved:
            break
    result: IntArray = np.array(at, dtype=np.int64)
    return result


def polish(
    problem: TimetableProblem,
    plan: Plan,
    slots: SlotMap,
    candidates: Candidates,
    slot: IntArray,
    rounds: int = POLISH_ROUNDS,
) -> IntArray:
    """`compact_idle`, then `fill_greedily` with what compacting freed, and again, while the objective
    rises (at most `rounds` times). Measured on the demo fair: the second round places what the first
    compaction made room for (+0.1 % objective), a third gains nothing."""
    slot = compact_idle(problem, plan, slots, candidates, slot)
    best = objective_of(problem, plan, candidates, slot)
    for _ in range(rounds - 1):
        again = compact_idle(
            problem, plan, slots, candidates, fill_greedily(problem, plan, slots, candidates, slot)
        )
        value = objective_of(problem, plan, candidates, again)
        if value <= best:
            break
        slot, best = again, value
    return slot


def _booth_groups(problem: TimetableProblem, members: IntArray) -> list[list[int]]:
    return [members[group].tolist() for _, group in _groups(problem.interviews.booth[members])]


def fixed_timetable(plan: Plan) -> IntArray:
    slot: IntArray = np.where(plan.fixed & ~plan.dropped, plan.fixed_slot, NO_SLOT).astype(np.int64)
    return slot


@dataclass(frozen=True, eq=False)
class PlacementRows:
    """The placement constraints as rows over the candidates: Σ x[members] ≤ upper (= upper when exact)."""

    members: list[IntArray]
    upper: list[int]
    exact: list[bool]

    def matrix(self, columns: int) -> sp.csr_matrix:
        lengths = np.array([len(m) for m in self.members], dtype=np.int64)
        indices = np.concatenate(self.members) if self.members else np.zeros(0, dtype=np.int64)
        indptr = np.zeros(len(self.members) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        data = np.ones(len(indices), dtype=np.float64)
        return sp.csr_matrix((data, indices, indptr), shape=(len(self.members), columns))


def placement_rows(
    problem: TimetableProblem, slots: SlotMap, candidates: Candidates, *, require_all: bool
) -> PlacementRows:
    """One slot per interview, booth capacity, the graduates' sliding windows and max interviews."""
    members: list[IntArray] = []
    upper: list[int] = []
    exact: list[bool] = []
    interviews = problem.interviews
    slot_count = problem.slot_count
    cand_interview = candidates.interview
    cand_slot = candidates.slot

    for _, group in _groups(cand_interview):
        if require_all or len(group) > 1:
            members.append(group)
            upper.append(1)
            exact.append(require_all)

    for key, group in _groups(interviews.booth[cand_interview] * slot_count + cand_slot):
        limit = int(slots.booth_capacity.flat[key])
        if len(group) > limit:
            members.append(group)
            upper.append(limit)
            exact.append(False)

    width = problem.fair.gap_slots + 1
    for graduate, group in _groups(interviews.graduate[cand_interview]):
        by_slot: list[list[int]] = [[] for _ in range(slot_count)]
        for member, at in zip(group.tolist(), cand_slot[group].tolist(), strict=True):
            by_slot[at].append(member)
        previous: list[int] = []
        for first_slot in range(max(1, slot_count - width + 1)):
            window = [m for at in range(first_slot, min(slot_count, first_slot + width)) for m in by_slot[at]]
            if len(window) > 1 and window != previous:
                members.append(np.array(window, dtype=np.int64))
                upper.append(1)
                exact.append(False)
            previous = window
        distinct = len(np.unique(cand_interview[group]))
        room = int(slots.graduate_room[graduate])
        if distinct > room:
            members.append(group)
            upper.append(room)
            exact.append(False)
    return PlacementRows(members, upper, exact)


@dataclass(frozen=True, eq=False)
class LpRelaxation:
    values: FloatArray  # per candidate
    bound: float  # an upper bound on the model's objective (see `solve_lp_relaxation`)


def solve_lp_relaxation(
    problem: TimetableProblem,
    plan: Plan,
    rows: PlacementRows,
    candidates: Candidates,
    time_limit_seconds: float,
) -> LpRelaxation | None:
    """The LP relaxation of the placement rows (GLOP), without the idle term; None when it is not solved.

    Its bound: a graduate with k ≥ 1 interviews spans at least (k − 1)(gap + 1) slots, so the objective is at
    most Σ (gain − credit) x + credit × (graduates who can have an interview), credit = the idle credit
    (gap + 1) × IDLE_SLOT_PENALTY per placed interview; the LP maximises the first sum.
    Measured at the demo scale: this LP is solved in under a second and is (nearly) integral, while CP-SAT's
    root LP with cuts needs tens of seconds on the same rows.
    """
    count = len(candidates)
    credit = IDLE_SLOT_PENALTY * (problem.fair.gap_slots + 1)
    model = mb.ModelBuilder()
    upper = np.array(rows.upper, dtype=np.float64)
    lower = np.where(np.array(rows.exact, dtype=bool), upper, -np.inf)
    helper: Any = model.helper  # its stubs misname the numpy types
    helper.fill_model_from_sparse_data(
        np.zeros(count),
        np.ones(count),
        (candidates.gain - credit).astype(np.float64),
        lower,
        upper,
        rows.matrix(count),
    )
    helper.set_maximize(True)
    solver = mb.Solver("GLOP")
    solver.set_time_limit_in_seconds(time_limit_seconds)
    if solver.solve(model) != mb.SolveStatus.OPTIMAL:
        return None
    values = solver.values(model.get_variables()).to_numpy(dtype=np.float64)
    # GLOP works to tolerances of about 1e-8: widen the bound by that much of the coefficients, plus one.
    slack = LP_BOUND_TOLERANCE * float(np.abs(candidates.gain).sum()) + 1.0
    interviews = problem.interviews
    with_interview = np.zeros(problem.graduates.count, dtype=bool)
    with_interview[interviews.graduate[candidates.interview]] = True
    with_interview[interviews.graduate[plan.fixed & ~plan.dropped]] = True
    return LpRelaxation(values, float(solver.objective_value) + credit * int(with_interview.sum()) + slack)


@dataclass
class _Model:
    model: cp_model.CpModel
    x: list[cp_model.IntVar]
    spans: list[tuple[int, cp_model.IntVar, cp_model.IntVar]]  # graduate, first, last


def build_model(
    problem: TimetableProblem, plan: Plan, slots: SlotMap, candidates: Candidates, rows: PlacementRows
) -> _Model:
    model = cp_model.CpModel()
    x = [model.new_bool_var("") for _ in range(len(candidates))]  # indices 0 … n − 1
    for members, upper, exact in zip(rows.members, rows.upper, rows.exact, strict=True):
        literals = [x[m] for m in members.tolist()]
        if upper == 1 and exact:
            model.add_exactly_one(literals)
        elif upper == 1:
            model.add_at_most_one(literals)
        elif exact:
            model.add(cp_model.LinearExpr.sum(literals) == upper)
        else:
            model.add(cp_model.LinearExpr.sum(literals) <= upper)

    # The span of each graduate who may have two or more interviews, for the idle term.
    interviews = problem.interviews
    slot_count = problem.slot_count
    fixed = np.flatnonzero(plan.fixed & ~plan.dropped)
    fixed_first = np.full(problem.graduates.count, slot_count, dtype=np.int64)
    fixed_last = np.full(problem.graduates.count, -1, dtype=np.int64)
    np.minimum.at(fixed_first, interviews.graduate[fixed], plan.fixed_slot[fixed])
    np.maximum.at(fixed_last, interviews.graduate[fixed], plan.fixed_slot[fixed])
    spans: list[tuple[int, cp_model.IntVar, cp_model.IntVar]] = []
    objective_constant = 0
    graduates_with_candidates = set()
    for graduate, group in _groups(interviews.graduate[candidates.interview]):
        graduates_with_candidates.add(graduate)
        distinct = len(np.unique(candidates.interview[group]))
        possible = min(distinct, int(slots.graduate_room[graduate])) + int(slots.fixed_per_graduate[graduate])
        if possible < 2 or not IDLE_SLOT_PENALTY:
            continue
        has_fixed = fixed_last[graduate] >= 0
        first = model.new_int_var(0, int(fixed_first[graduate]) if has_fixed else slot_count - 1, "")
        last = model.new_int_var(int(fixed_last[graduate]) if has_fixed else 0, slot_count - 1, "")
        model.add(last >= first)
        # Valid cut: k interviews span at least (k − 1) × (gap + 1) slots; it makes the LP see the mandatory span.
        placed = cp_model.LinearExpr.sum([x[m] for m in group.tolist()])
        width = problem.fair.gap_slots + 1
        model.add(last - first >= width * (placed + int(slots.fixed_per_graduate[graduate]) - 1))
        by_slot: list[list[int]] = [[] for _ in range(slot_count)]
        for member, at in zip(group.tolist(), candidates.slot[group].tolist(), strict=True):
            by_slot[at].append(member)
        for at, at_slot in enumerate(by_slot):
            if at_slot:
                busy = cp_model.LinearExpr.sum([x[m] for m in at_slot])
                model.add(last >= at * busy)
                model.add(first + (slot_count - 1) * busy <= at + slot_count - 1)
        spans.append((graduate, first, last))
    for graduate in np.flatnonzero(fixed_last >= 0).tolist():
        if graduate not in graduates_with_candidates:  # a span fixed already
            objective_constant -= IDLE_SLOT_PENALTY * int(fixed_last[graduate] - fixed_first[graduate])

    # maximise Σ gain·x − IDLE·Σ (last − first) + constant, written straight into the proto: CP-SAT minimises
    # scaling_factor⁻¹-scaled terms, so a maximisation is the negated sum with scaling factor −1. Measured:
    # 40 times faster than the expression layer for 80,000 terms.
    variables = list(range(len(x)))
    coefficients = candidates.gain.tolist()
    for _, first, last in spans:
        variables += [first.index, last.index]
        coefficients += [IDLE_SLOT_PENALTY, -IDLE_SLOT_PENALTY]
    objective = model.proto.objective
    objective.vars.extend(variables)
    objective.coeffs.extend([-c for c in coefficients])
    objective.offset = -objective_constant
    objective.scaling_factor = -1
    return _Model(model, x, spans)


def _groups(keys: IntArray) -> list[tuple[int, IntArray]]:
    """(key, positions) for every distinct key, keys ascending, positions in their original order."""
    if len(keys) == 0:
        return []
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    bounds = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1], True])
    return [(int(sorted_keys[bounds[k]]), order[bounds[k] : bounds[k + 1]]) for k in range(len(bounds) - 1)]


def _add_hint(built: _Model, problem: TimetableProblem, candidates: Candidates, slot: IntArray) -> None:
    """The timetable `slot` as a complete hint (written into the proto, like the objective)."""
    chosen = (slot[candidates.interview] == candidates.slot).astype(np.int64)
    variables = list(range(len(built.x)))
    values = chosen.tolist()
    graduate_of = problem.interviews.graduate
    scheduled = np.flatnonzero(slot != NO_SLOT)
    first = np.full(problem.graduates.count, problem.slot_count - 1, dtype=np.int64)
    last = np.zeros(problem.graduates.count, dtype=np.int64)
    np.minimum.at(first, graduate_of[scheduled], slot[scheduled])
    np.maximum.at(last, graduate_of[scheduled], slot[scheduled])
    for graduate, first_var, last_var in built.spans:
        low, high = int(first[graduate]), int(last[graduate])
        if high < low:  # nothing scheduled: an empty span
            low = high = 0
        variables += [first_var.index, last_var.index]
        values += [low, high]
    hint = built.model.proto.solution_hint
    hint.vars.extend(variables)
    hint.values.extend(values)


class _FirstSolution(cp_model.CpSolverSolutionCallback):
    """Records when the solver reports its first timetable, in seconds after `started`, and stops the
    search once a timetable reaches `good_enough` (the objective within the gap limit of the bound)."""

    def __init__(self, started: float, good_enough: float | None = None) -> None:
        super().__init__()
        self.started = started
        self.good_enough = good_enough
        self.seconds: float | None = None
        self.stopped_early = False

    def on_solution_callback(self) -> None:
        if self.seconds is None:
            self.seconds = time.perf_counter() - self.started
        if self.good_enough is not None and self.objective_value >= self.good_enough:
            self.stopped_early = True
            self.stop_search()


def good_enough(bound: float, gap_limit: float) -> float:
    """The objective at which a timetable is within `gap_limit` of `bound` (as `TimetableResult.gap`)."""
    return bound - gap_limit * max(abs(bound), 1.0)


def solve_timetable(
    problem: TimetableProblem, plan: Plan, options: SolveOptions | None = None
) -> TimetableResult:
    """Pre-check, first timetable (greedy, and LP-guided), then CP-SAT from it; never raises for a bad day."""
    options = options or SolveOptions()
    seed = resolve_seed(options.seed)  # drawn once when not given, reported in the result
    timings = Timings()
    started = time.perf_counter()
    precheck = check_feasibility(problem, plan, require_all=options.require_all)
    timings.add("check", time.perf_counter() - started)
    if not precheck.feasible:
        count = len(precheck.blocking)
        message = f"no timetable exists: the pre-check found {count} problem{'s' if count > 1 else ''}"
        return _without_timetable(problem, plan, seed, precheck, timings, SolveStatus.INFEASIBLE, message)

    clock = time.perf_counter()
    slots = slot_map(problem, plan)
    candidates = build_candidates(problem, plan, slots)
    rows = placement_rows(problem, slots, candidates, require_all=options.require_all)
    fixed = fixed_timetable(plan)
    hint = fill_greedily(problem, plan, slots, candidates, fixed)
    timings.add("build", time.perf_counter() - clock)
    clock = time.perf_counter()
    hint = polish(problem, plan, slots, candidates, hint, rounds=1)  # more below unless the LP's wins
    timings.add("compact", time.perf_counter() - clock)
    hint_complete = not options.require_all or bool((hint[plan.free] != NO_SLOT).all())
    first_timetable = time.perf_counter() - started if hint_complete else None

    clock = time.perf_counter()
    lp = solve_lp_relaxation(problem, plan, rows, candidates, options.time_limit * LP_SHARE_OF_TIME_LIMIT)
    timings.add("relax", time.perf_counter() - clock)
    if lp is not None:
        clock = time.perf_counter()
        guide = np.full(problem.interviews.count, NO_SLOT, dtype=np.int64)
        chosen = lp.values > LP_ROUNDING_THRESHOLD
        guide[candidates.interview[chosen]] = candidates.slot[chosen]
        guided = polish(
            problem, plan, slots, candidates, fill_greedily(problem, plan, slots, candidates, fixed, guide)
        )
        if objective_of(problem, plan, candidates, guided) > objective_of(problem, plan, candidates, hint):
            hint = guided
            if first_timetable is None and (not options.require_all or (hint[plan.free] != NO_SLOT).all()):
                first_timetable = time.perf_counter() - started
        else:
            hint = polish(
                problem, plan, slots, candidates, fill_greedily(problem, plan, slots, candidates, hint)
            )
        hint_complete = not options.require_all or bool((hint[plan.free] != NO_SLOT).all())
        timings.add("compact", time.perf_counter() - clock)
    else:
        clock = time.perf_counter()
        hint = polish(problem, plan, slots, candidates, fill_greedily(problem, plan, slots, candidates, hint))
        hint_complete = not options.require_all or bool((hint[plan.free] != NO_SLOT).all())
        timings.add("compact", time.perf_counter() - clock)

    lp_bound = None if lp is None else int(np.floor(lp.bound))
    target = None if lp_bound is None else good_enough(lp_bound, options.gap_limit)
    hinted = objective_of(problem, plan, candidates, hint)
    if target is not None and lp_bound is not None and hint_complete and hinted >= target:
        # The first timetable is within the gap limit of the LP bound already: no search can pay.
        clock = time.perf_counter()
        proven = hinted >= lp_bound
        return _finish(
            problem,
            plan,
            slots,
            candidates,
            hint,
            SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE,
            "proven optimal" if proven else "within the gap limit of the bound",
            seed,
            precheck,
            timings,
            lp_bound,
            first_timetable,
            clock,
        )

    clock = time.perf_counter()
    built = build_model(problem, plan, slots, candidates, rows)
    _add_hint(built, problem, candidates, hint)
    timings.add("build", time.perf_counter() - clock)

    clock = time.perf_counter()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(
        (1 - DECODE_SHARE) * options.time_limit - (clock - started),
        MIN_SEARCH_SHARE * options.time_limit,
    )
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = worker_count(options.workers)
    solver.parameters.log_search_progress = options.log_search
    # Measured at the demo scale: probing and symmetry detection take seconds of presolve and do not pay.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    callback = _FirstSolution(started, target)
    code = solver.solve(built.model, callback)
    status = SolveStatus.from_cp_sat(code)
    timings.add("solve", time.perf_counter() - clock)

    clock = time.perf_counter()
    bound: int | None = None  # the solver's bound means nothing unless it found a timetable
    if status.has_solution and np.isfinite(solver.best_objective_bound):
        bound = int(np.floor(solver.best_objective_bound + 1e-6))
    if lp is not None:
        lp_bound = int(np.floor(lp.bound))
        bound = lp_bound if bound is None else min(bound, lp_bound)
    if status.has_solution:
        values = np.asarray(solver.response_proto.solution, dtype=np.int64)[: len(candidates)]
        slot = fixed.copy()
        picked = np.flatnonzero(values == 1)
        slot[candidates.interview[picked]] = candidates.slot[picked]
        message = (
            "proven optimal"
            if status is SolveStatus.OPTIMAL
            else "within the gap limit of the bound"
            if callback.stopped_early
            else "stopped at the time limit"
        )
    elif status is SolveStatus.UNKNOWN and hint_complete:
        slot = hint
        status = SolveStatus.FEASIBLE
        message = "the solver found nothing better in the time limit; the first timetable is returned"
    else:
        message = (
            "no timetable places every interview (the pre-check found no single cause): run without "
            "--require-all to see which interviews are left out"
            if status is SolveStatus.INFEASIBLE
            else f"the solver stopped without a timetable ({solver.status_name(code)}); raise the time limit"
        )
        return _without_timetable(problem, plan, seed, precheck, timings, status, message)

    return _finish(
        problem,
        plan,
        slots,
        candidates,
        slot,
        status,
        message,
        seed,
        precheck,
        timings,
        bound,
        first_timetable if first_timetable is not None else callback.seconds,
        clock,
    )


def _finish(
    problem: TimetableProblem,
    plan: Plan,
    slots: SlotMap,
    candidates: Candidates,
    slot: IntArray,
    status: SolveStatus,
    message: str,
    seed: int,
    precheck: FindingReport,
    timings: Timings,
    bound: int | None,
    first_seconds: float | None,
    clock: float,
) -> TimetableResult:
    """The timetable `slot` made final: what still fits added, idle time compacted, interviewers numbered
    and every interview left out given its reason (timed as "decode" from `clock`)."""
    slot = fill_greedily(problem, plan, slots, candidates, slot)  # adds what still fits after a time limit
    if status is not SolveStatus.OPTIMAL:
        slot = compact_idle(problem, plan, slots, candidates, slot)
    objective = objective_of(problem, plan, candidates, slot)
    if bound is not None:
        bound = max(bound, objective)
    interviewer = number_interviewers(problem, plan, slot)
    reason = unscheduled_reasons(problem, plan, slots, slot)
    timings.add("decode", time.perf_counter() - clock)
    return TimetableResult(
        problem=problem,
        plan=plan,
        status=status,
        message=message,
        seed=seed,
        solver_version=SOLVER_VERSION,
        precheck=precheck,
        timings=timings,
        slot=slot,
        interviewer=interviewer,
        reason=reason,
        objective=objective,
        bound=bound,
        first_solution_seconds=first_seconds,
    )


def _without_timetable(
    problem: TimetableProblem,
    plan: Plan,
    seed: int,
    precheck: FindingReport,
    timings: Timings,
    status: SolveStatus,
    message: str,
) -> TimetableResult:
    count = problem.interviews.count
    reason = tuple(
        _dropped_reason(status_) or UnscheduledReason.NO_TIMETABLE for status_ in problem.interviews.status
    )
    return TimetableResult(
        problem=problem,
        plan=plan,
        status=status,
        message=message,
        seed=seed,
        solver_version=SOLVER_VERSION,
        precheck=precheck,
        timings=timings,
        slot=np.full(count, NO_SLOT, dtype=np.int64),
        interviewer=np.zeros(count, dtype=np.int64),
        reason=reason,
        objective=None,
        bound=None,
    )


def _dropped_reason(status: InterviewStatus) -> UnscheduledReason | None:
    if status is InterviewStatus.NO_SHOW:
        return UnscheduledReason.NO_SHOW
    if status is InterviewStatus.CANCELLED:
        return UnscheduledReason.CANCELLED
    return None


def number_interviewers(problem: TimetableProblem, plan: Plan, slot: IntArray) -> IntArray:
    """Interviewer 1 … n per booth and slot; an interview that keeps its slot keeps its previous number."""
    interviews = problem.interviews
    interviewer = np.zeros(interviews.count, dtype=np.int64)
    scheduled = np.flatnonzero(slot != NO_SLOT)
    keys = interviews.booth[scheduled] * problem.slot_count + slot[scheduled]
    for _, positions in _groups(keys):
        members = scheduled[positions].tolist()
        taken: set[int] = set()
        limit = int(problem.booths.interviewers[interviews.booth[members[0]]])
        kept = [
            m
            for m in members
            if plan.previous_interviewer[m] > 0
            and (slot[m] == plan.fixed_slot[m] or slot[m] == plan.preferred_slot[m])
        ]
        for member in kept:
            number = int(plan.previous_interviewer[member])
            past = slot[member] < plan.plan_from_slot
            if number not in taken and (number <= limit or past):
                interviewer[member] = number
                taken.add(number)
        next_number = 1
        for member in members:
            if interviewer[member]:
                continue
            while next_number in taken:
                next_number += 1
            interviewer[member] = next_number
            taken.add(next_number)
    return interviewer


def unscheduled_reasons(
    problem: TimetableProblem, plan: Plan, slots: SlotMap, slot: IntArray
) -> tuple[UnscheduledReason | None, ...]:
    interviews = problem.interviews
    gap = problem.fair.gap_slots
    scheduled = np.flatnonzero(slot != NO_SLOT)
    used = np.zeros_like(slots.booth_capacity)
    free_scheduled = scheduled[plan.free[scheduled]]
    np.add.at(used, (interviews.booth[free_scheduled], slot[free_scheduled]), 1)
    capacity_left = slots.booth_capacity - used
    busy: BoolArray = slots.graduate_blocked.copy()
    for index in free_scheduled.tolist():
        start = int(slot[index])
        busy[interviews.graduate[index], max(0, start - gap) : start + gap + 1] = True
    room_left = slots.graduate_room - np.bincount(
        interviews.graduate[free_scheduled], minlength=problem.graduates.count
    )
    reasons: list[UnscheduledReason | None] = []
    for index in range(interviews.count):
        dropped = _dropped_reason(interviews.status[index])
        if slot[index] != NO_SLOT:
            reasons.append(None)
        elif dropped is not None:
            reasons.append(dropped)
        else:
            reasons.append(_why_not(index, slots, capacity_left, busy, room_left, problem))
    return tuple(reasons)


def _why_not(
    index: int,
    slots: SlotMap,
    capacity_left: IntArray,
    busy: BoolArray,
    room_left: IntArray,
    problem: TimetableProblem,
) -> UnscheduledReason:
    window = slots.window[index]
    booth = problem.interviews.booth[index]
    graduate = problem.interviews.graduate[index]
    if not window.any():
        return UnscheduledReason.NO_COMMON_SLOT
    if room_left[graduate] <= 0:
        return UnscheduledReason.GRADUATE_LIMIT
    booth_free = window & (capacity_left[booth] > 0)
    graduate_free = window & ~busy[graduate]
    if not booth_free.any():
        return UnscheduledReason.BOOTH_FULL
    if not graduate_free.any():
        return UnscheduledReason.GRADUATE_BUSY
    return UnscheduledReason.BOOTH_AND_GRADUATE_BUSY
