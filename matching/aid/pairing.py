"""Lead-enterprise pairing as a generalized assignment problem, solved with OR-Tools CP-SAT.

Model (over `AidProblem.usable`, so locks are already applied): one Boolean per usable pair; every
village exactly one lead (at most one in a partial pairing); each enterprise's loads within its
budget and its count within `max_villages`; park and county minimums; maximise total value (or
minimise total cost).

How a solve spends its time on 2 cores (the default): HiGHS (`HighsRace`) on one core for the whole time
limit, CP-SAT on the other for `lns_after` of it, then the large-neighbourhood search
(matching.aid.lns) from CP-SAT's pairing; the first proof ends it all, else the better of the search's and HiGHS's pairings
is returned with the tightest bound either proved (bench/bench_aid.py `--parts bars` measures it).

A previous pairing (the last run's proposals) is kept as far as it can be, lexicographically: first
the best value, then, among pairings within `keep_tolerance` of that value, the one keeping the most
previous pairs. Lexicographic rather than a keep bonus, so the weights keep their meaning and the
official can read the trade as "at most 1 % of value for stability".
"""

from __future__ import annotations

import enum
import math
import multiprocessing
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection

import numpy as np
from ortools.sat.python import cp_model

from matching.aid.audit import find_violations
from matching.aid.problem import AidProblem, Objective
from matching.aid.result import PairingResult, Solver, assignment_value, format_number, no_solution
from matching.aid.scaling import scaled_capacities, scaled_loads, scaled_values, unscaled_value
from matching.messages import Message
from matching.options import check_common, option, worker_count
from matching.results import SolveStatus, Timings


class FirstSolution(enum.StrEnum):
    """Where CP-SAT's starting point (hint) comes from."""

    AUTO = "auto"  # HIGHS up to HIGHS_MAX_PAIRS usable pairs (LP while HiGHS races beside), LP above
    NONE = "none"
    GREEDY = "greedy"  # most constrained village first, best pair that still fits
    LP = "lp"  # the pairs the LP relaxation takes whole, then greedy for the split villages
    HIGHS = "highs"  # a short scipy.optimize.milp run (falls back to greedy)


# Measured with bench/bench_aid.py on 2 cores: a short HiGHS run gives the best start on the tight
# OR-Library instances (2,000–4,000 pairs); on 500 × 5,000 (54,000 pairs) HiGHS's start after 15 s
# left CP-SAT at a 3.5 % gap at 60 s, greedy at 0.6–2.7 %, LP rounding (1.2 s) at 0.3 %.
HIGHS_MAX_PAIRS = 20_000


@dataclass(frozen=True)
class SolveOptions:
    # seconds for the whole solve (each of the two phases with a previous pairing)
    time_limit: float = option(10.0, label="option.time_limit")
    seed: int | None = option(None, label="option.seed", minimum=0)  # None: drawn, reported in the result
    workers: int | None = option(None, label="option.workers", minimum=1)  # None: every core
    first_solution: FirstSolution = option(
        FirstSolution.AUTO, label="aid.option.first_solution", interface=False
    )
    # share of the time limit the HiGHS first solution may use
    first_solution_share: float = option(0.25, label="aid.option.first_solution_share", interface=False)
    # with a previous pairing: value given up at most, as a share
    keep_tolerance: float = option(0.01, label="aid.option.keep_tolerance", interface=False)
    # CP-SAT's default is 1; 2 adds more LP cuts
    linearization_level: int = option(1, label="aid.option.linearization_level", interface=False)
    # HiGHS on one core beside CP-SAT on the others, the first proof wins. None: with 2 or more
    # workers and up to HIGHS_MAX_PAIRS usable pairs.
    race_highs: bool | None = option(None, label="aid.option.race_highs", interface=False)
    # The large-neighbourhood search (matching.aid.lns) after CP-SAT's share of the time, when CP-SAT has
    # not proved optimality. None: when CP-SAT runs on one worker (it has no search of its own then).
    lns: bool | None = option(None, label="aid.option.lns", interface=False)
    # with the search: the share of the time limit CP-SAT works on the whole model before the search
    # takes over (measured: 0.1 left OR-Library d20100 at 6,226–6,264 at 20 s, 0.2 at 6,252–6,292; a
    # hand-over when CP-SAT stopped improving came too late there and no earlier on type E)
    lns_after: float = option(0.1, label="aid.option.lns_after", interface=False)
    log_search: bool = option(False, label="option.log_search", interface=False)

    def __post_init__(self) -> None:
        check_common(self.time_limit, self.workers, self.seed)
        if not 0 <= self.first_solution_share < 1:
            raise ValueError(f"first_solution_share must be in [0, 1), got {self.first_solution_share!r}")
        if not (math.isfinite(self.keep_tolerance) and self.keep_tolerance >= 0):
            raise ValueError(f"keep_tolerance must be ≥ 0, got {self.keep_tolerance!r}")
        if not 0 < self.lns_after <= 1:
            raise ValueError(f"lns_after must be in (0, 1], got {self.lns_after!r}")
        if self.linearization_level not in (0, 1, 2):
            raise ValueError(f"linearization_level must be 0, 1 or 2, got {self.linearization_level!r}")

    @property
    def worker_count(self) -> int:
        return worker_count(self.workers)

    @property
    def solver_seed(self) -> int:
        """The seed given, or 0 for a caller that did not resolve it (`run_pairing` draws one first)."""
        return 0 if self.seed is None else self.seed

    def runs_lns(self, cp_sat_workers: int) -> bool:
        return cp_sat_workers == 1 if self.lns is None else self.lns

    def runs_highs_race(self, problem: AidProblem) -> bool:
        if self.worker_count < 2:
            return False
        if self.race_highs is None:
            return len(problem.usable) <= HIGHS_MAX_PAIRS
        return self.race_highs


def desirability(problem: AidProblem, values: np.ndarray) -> np.ndarray:
    """Values turned so that larger is better under the problem's objective."""
    return values if problem.objective is Objective.MAX else -values


def greedy_pairing(problem: AidProblem, start: Mapping[int, int] | None = None) -> dict[int, int]:
    """village index → position in `problem.usable`; villages it cannot place are left out.

    Villages with the fewest options go first, each to its most desirable pair that still fits (ties:
    the smaller load). `start` (village → position) is placed first when it fits, e.g. a previous
    pairing.
    """
    arrays = problem.usable
    remaining_budget = problem.capacities.copy()
    remaining_count = np.array(
        [math.inf if e.max_villages is None else e.max_villages for e in problem.enterprises],
        dtype=np.float64,
    )
    by_village: list[list[int]] = [[] for _ in problem.villages]
    for position, village in enumerate(arrays.village):
        by_village[village].append(position)
    score = desirability(problem, arrays.value)
    chosen: dict[int, int] = {}

    def place(village: int, position: int) -> bool:
        enterprise = arrays.enterprise[position]
        if arrays.load[position] > remaining_budget[enterprise] + 1e-9 or remaining_count[enterprise] < 1:
            return False
        remaining_budget[enterprise] -= arrays.load[position]
        remaining_count[enterprise] -= 1
        chosen[village] = position
        return True

    for village, position in (start or {}).items():
        place(village, position)
    order = sorted(
        (v for v in range(len(problem.villages)) if v not in chosen), key=lambda v: len(by_village[v])
    )
    for village in order:
        options = sorted(by_village[village], key=lambda k: (-score[k], arrays.load[k]))
        for position in options:
            if place(village, position):
                break
    return chosen


class PairingModel:
    """The CP-SAT model over `problem.usable`; shared by the full solve and the partial diagnosis."""

    def __init__(self, problem: AidProblem, *, allow_uncovered: bool = False, soft_minimums: bool = False):
        self.problem = problem
        arrays = problem.usable
        self.arrays = arrays
        model = cp_model.CpModel()
        self.model = model
        self.x = [model.new_bool_var(f"x{k}") for k in range(len(arrays))]
        self.values = scaled_values(arrays.value)
        loads = scaled_loads(arrays.load)
        capacities = scaled_capacities(problem.capacities)

        by_village: list[list[int]] = [[] for _ in problem.villages]
        by_enterprise: list[list[int]] = [[] for _ in problem.enterprises]
        for k in range(len(arrays)):
            by_village[arrays.village[k]].append(k)
            by_enterprise[arrays.enterprise[k]].append(k)
        for village, positions in enumerate(by_village):
            literals = [self.x[k] for k in positions]
            # A fixed pair stays even in a partial pairing: it is an official's decision.
            if allow_uncovered and problem.villages[village].village_id not in problem.fixed:
                model.add_at_most_one(literals)
            else:
                model.add_exactly_one(literals)  # no literals: the model is infeasible, as it should be
        for e, enterprise in enumerate(problem.enterprises):
            positions = by_enterprise[e]
            if not positions:
                continue
            if int(loads[positions].sum()) > capacities[e]:
                model.add(
                    cp_model.LinearExpr.weighted_sum(
                        [self.x[k] for k in positions], loads[positions].tolist()
                    )
                    <= int(capacities[e])
                )
            if enterprise.max_villages is not None and len(positions) > enterprise.max_villages:
                model.add(sum(self.x[k] for k in positions) <= enterprise.max_villages)

        shortfalls: list[cp_model.IntVar] = []
        for members, minimums in (
            (problem.park_members, problem.min_villages_per_park),
            (problem.county_members, problem.min_villages_per_county),
        ):
            for key, minimum in minimums.items():
                literals = [self.x[k] for e in members[key] for k in by_enterprise[e]]
                if soft_minimums:
                    shortfall = model.new_int_var(0, minimum, f"short_{key}")
                    shortfalls.append(shortfall)
                    model.add(sum(literals) + shortfall >= minimum)
                else:
                    model.add(sum(literals) >= minimum)
        self.shortfall_total = sum(shortfalls) if shortfalls else 0
        self.covered_total = sum(self.x)
        self.value_expr = cp_model.LinearExpr.weighted_sum(self.x, self.values.tolist())

    def set_value_objective(self) -> None:
        if self.problem.objective is Objective.MAX:
            self.model.maximize(self.value_expr)
        else:
            self.model.minimize(self.value_expr)

    def hint(self, chosen: Mapping[int, int]) -> None:
        """A complete hint: the chosen positions true, all others false."""
        self.model.clear_hints()
        picked = set(chosen.values())
        for k, literal in enumerate(self.x):
            self.model.add_hint(literal, k in picked)

    def solve(
        self, options: SolveOptions, time_limit: float, solver: cp_model.CpSolver | None = None
    ) -> tuple[SolveStatus, cp_model.CpSolver]:
        solver = solver or cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, time_limit)
        solver.parameters.random_seed = options.solver_seed
        solver.parameters.num_workers = options.worker_count
        solver.parameters.linearization_level = options.linearization_level
        solver.parameters.log_search_progress = options.log_search
        # Presolve's inclusion step rewrites the budget and count rows so that the LP loses their cuts:
        # the 96 × 101 demo went from a 0.8 % gap after 20 s to proven optimal in about 1 s without it.
        solver.parameters.presolve_inclusion_work_limit = 0
        status = SolveStatus.from_cp_sat(solver.solve(self.model))
        return status, solver

    def chosen(self, solver: cp_model.CpSolver) -> dict[int, int]:
        """village index → position, from the solver's current solution."""
        return {
            int(self.arrays.village[k]): k
            for k, literal in enumerate(self.x)
            if solver.boolean_value(literal)
        }

    def assignment(self, chosen: Mapping[int, int]) -> dict[str, str | None]:
        problem, arrays = self.problem, self.arrays
        result: dict[str, str | None] = {v.village_id: None for v in problem.villages}
        for village, position in chosen.items():
            result[problem.villages[village].village_id] = problem.enterprises[
                arrays.enterprise[position]
            ].enterprise_id
        return result


def first_solution(
    problem: AidProblem, options: SolveOptions, start: Mapping[int, int] | None = None
) -> dict[int, int]:
    """A starting pairing for CP-SAT (see FirstSolution); HiGHS and the LP get a share of the time limit."""
    kind = options.first_solution
    if kind is FirstSolution.AUTO:
        kind = FirstSolution.HIGHS if len(problem.usable) <= HIGHS_MAX_PAIRS else FirstSolution.LP
    if kind is FirstSolution.HIGHS and options.first_solution_share > 0:
        from matching.aid.milp import solve_pairing_milp  # scipy is imported only when used

        found = solve_pairing_milp(problem, time_limit=options.time_limit * options.first_solution_share)
        if found.has_solution:
            return chosen_from_assignment(problem, found.assignment)
    if kind is FirstSolution.NONE:
        return dict(start or {})
    if kind is FirstSolution.LP:
        from matching.aid.milp import lp_rounding_start

        rounded = lp_rounding_start(
            problem, time_limit=options.time_limit * max(options.first_solution_share, 0.1)
        )
        return greedy_pairing(problem, rounded or start)
    return greedy_pairing(problem, start)


def moved_villages(previous: Mapping[str, str], assignment: Mapping[str, str | None]) -> tuple[str, ...]:
    """Villages of the previous pairing (still in the problem) whose lead enterprise changed."""
    return tuple(
        village_id
        for village_id, enterprise_id in previous.items()
        if village_id in assignment and assignment[village_id] != enterprise_id
    )


# The HiGHS child stops this long before the solve's deadline so that its answer (a proof, or its best
# pairing and bound) is back in time; the parent waits for it at most GRACE_SECONDS past the deadline.
ANSWER_MARGIN_SECONDS = 0.25
GRACE_SECONDS = 0.5


def _highs_in_child(problem: AidProblem, deadline: float, send: Connection) -> None:
    """The child's work: the same model through scipy.optimize.milp (HiGHS), its result sent back before
    `deadline` (time.perf_counter(): the monotonic clock, the same in a forked child)."""
    from matching.aid.milp import solve_pairing_milp  # scipy is imported only when used

    try:
        # the import above takes a few tenths of a second, so the time left is measured after it
        time_limit = deadline - time.perf_counter() - ANSWER_MARGIN_SECONDS
        send.send(solve_pairing_milp(problem, time_limit=time_limit))
    finally:
        send.close()


class HighsRace:
    """HiGHS (scipy.optimize.milp) in a child process beside CP-SAT; the first proof wins.

    Measured on 2 cores (bench/bench_aid.py): HiGHS proves OR-Library c10200 and c20200 within
    10 s where CP-SAT does not, and CP-SAT proves b10200 and most others first. A HiGHS proof stops
    CP-SAT (`stop_search`); when CP-SAT ends first, `stop` kills the child at once. scipy's milp
    cannot be interrupted, and a thread still inside HiGHS's C++ when Python exits aborts the process
    (SIGABRT): in a child process nothing of the losing run outlives the solve. The child is forked, so
    the problem is not copied through a pipe; only the result comes back. Without a proof the child
    still answers just before the deadline with its best pairing and bound (`wait_for_answer`): on the
    OR-Library type E instances HiGHS's pairing is the better one (e20100: 8,445 against CP-SAT's 8,580).
    """

    def __init__(self, problem: AidProblem, deadline: float):
        self.result: PairingResult | None = None
        self._solver: cp_model.CpSolver | None = None
        self._lock = threading.Lock()
        context = multiprocessing.get_context("fork")
        self._results, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_highs_in_child, args=(problem, deadline, send), name="highs-race", daemon=True
        )
        self._process.start()
        send.close()  # the child holds the only sending end: its exit ends the watcher's wait
        self._thread = threading.Thread(target=self._watch_child, name="highs-race-watch", daemon=True)
        self._thread.start()

    def _watch_child(self) -> None:
        try:
            result: PairingResult = self._results.recv()
        except (EOFError, OSError):  # killed, or died without an answer
            return
        with self._lock:
            self.result = result
            if result.status is SolveStatus.OPTIMAL and self._solver is not None:
                self._solver.stop_search()

    def wait(self) -> None:
        """Until the child has answered or ended (tests; a solve calls `stop`)."""
        self._thread.join()

    def wait_for_answer(self, deadline: float) -> None:
        """Until the child has answered or ended, or `deadline` (time.perf_counter()) has passed."""
        self._thread.join(timeout=max(0.0, deadline - time.perf_counter()))

    def stop(self) -> None:
        """Kill the child if it is still solving and reap it: no process or core is left behind."""
        if self._process.is_alive():
            self._process.kill()  # SIGKILL: a parent's SIGTERM handler, inherited by the fork, must not run
        self._process.join()
        self._thread.join()
        self._results.close()

    def watch(self, solver: cp_model.CpSolver) -> bool:
        """Let a HiGHS proof stop `solver`; False when HiGHS has proved optimality already."""
        with self._lock:
            self._solver = solver
            return not self.proved()

    def proved(self) -> bool:
        result = self.result
        return result is not None and result.status is SolveStatus.OPTIMAL

    def answer(self, problem: AidProblem) -> PairingResult | None:
        """HiGHS's result when it has a pairing that passes the independent check."""
        with self._lock:
            result = self.result
        if result is None or not result.has_solution or find_violations(problem, result.assignment):
            return None
        return result

    def proof(self, problem: AidProblem) -> dict[str, str | None] | None:
        """HiGHS's pairing when it has proved it optimal (and it passes the independent check)."""
        answer = self.answer(problem)
        return (
            dict(answer.assignment) if answer is not None and answer.status is SolveStatus.OPTIMAL else None
        )


def _scaled_total(model: PairingModel, chosen: Mapping[int, int]) -> int:
    return int(sum(int(model.values[k]) for k in chosen.values()))


def solve_pairing(
    problem: AidProblem,
    options: SolveOptions | None = None,
    previous: Mapping[str, str] | None = None,
) -> PairingResult:
    """Every village one lead enterprise, best total value; see the module docstring for `previous`.

    On one CP-SAT worker (the default on 2 cores, HiGHS racing on the other): CP-SAT works on the whole
    model for `lns_after` of the time limit, then, unless it or HiGHS has proved optimality, the
    large-neighbourhood search (matching.aid.lns) improves CP-SAT's pairing until the deadline. The
    returned pairing is the best of that and HiGHS's; OPTIMAL only when it is proved: by the solver that
    found it, or because its value meets the best bound either solver proved."""
    options = options or SolveOptions()
    timings = Timings()
    started = time.perf_counter()
    deadline = started + options.time_limit
    model = PairingModel(problem)
    model.set_value_objective()
    timings.add("build", time.perf_counter() - started)

    started = time.perf_counter()
    race = HighsRace(problem, deadline) if options.runs_highs_race(problem) else None
    notes: list[Message] = []
    try:
        cp_options = options
        if race is not None:
            # HiGHS has a core of its own, so the start comes from the LP instead of a HiGHS run.
            first = (
                FirstSolution.LP if options.first_solution is FirstSolution.AUTO else options.first_solution
            )
            cp_options = replace(options, workers=options.worker_count - 1, first_solution=first)
        previous_positions = chosen_from_assignment(problem, previous or {})
        hint = first_solution(problem, cp_options, previous_positions)
        if hint:
            model.hint(hint)
        timings.add("first_solution", time.perf_counter() - started)

        started = time.perf_counter()
        searching = cp_options.runs_lns(cp_options.worker_count)
        left = deadline - started
        solver = cp_model.CpSolver()
        if race is None or race.watch(solver):
            status, solver = model.solve(cp_options, left * options.lns_after if searching else left, solver)
            if status is SolveStatus.UNKNOWN and searching and deadline - time.perf_counter() > 0.1:
                # no pairing yet for the search to start from: CP-SAT keeps the rest of the time
                status, solver = model.solve(cp_options, deadline - time.perf_counter(), solver)
        else:
            status = SolveStatus.UNKNOWN
        timings.add("solve", time.perf_counter() - started)
        chosen = model.chosen(solver) if status.has_solution else {}
        cp_bound = solver.best_objective_bound if status.has_solution else None
        if (
            status is SolveStatus.FEASIBLE
            and searching
            and time.perf_counter() < deadline - 0.1
            and not (race is not None and race.proved())
        ):
            started = time.perf_counter()
            chosen, note = _search(problem, model, options, chosen, deadline, race)
            notes.append(note)
            timings.add("lns", time.perf_counter() - started)
        if race is not None and status is not SolveStatus.OPTIMAL:
            started = time.perf_counter()
            race.wait_for_answer(deadline + GRACE_SECONDS)  # HiGHS answers just before the deadline
            timings.add("highs_answer", time.perf_counter() - started)
    finally:
        if race is not None:
            race.stop()  # a HiGHS run that lost is killed now: nothing outlives the solve

    highs = race.answer(problem) if race is not None and status is not SolveStatus.OPTIMAL else None
    if highs is not None and highs.status is SolveStatus.OPTIMAL:
        chosen = chosen_from_assignment(problem, highs.assignment)
        objective = assignment_value(problem, highs.assignment)
        return _finish(
            problem,
            model,
            options,
            SolveStatus.OPTIMAL,
            chosen,
            objective,
            Solver.HIGHS,
            previous,
            previous_positions,
            timings,
        )
    if not chosen and highs is None:
        if status.has_solution:  # only a problem without villages has an empty pairing
            return _finish(
                problem, model, options, status, {}, 0.0, Solver.CP_SAT, previous, previous_positions, timings
            )
        message = {
            SolveStatus.INFEASIBLE: Message("aid.pairing.infeasible"),
            SolveStatus.UNKNOWN: Message("aid.pairing.time_limit"),
        }.get(status, Message("aid.pairing.failed"))
        return no_solution(problem, status, Solver.CP_SAT, message, timings)

    found_by = Solver.CP_SAT
    if highs is not None:
        highs_chosen = chosen_from_assignment(problem, highs.assignment)
        if not chosen or problem.better(
            assignment_value(problem, highs.assignment), assignment_value(problem, model.assignment(chosen))
        ):
            notes.append(
                Message(
                    "aid.pairing.better_of_race", {"solver": "HiGHS", "value": format_number(highs.objective)}
                )
            )
            chosen, found_by = highs_chosen, Solver.HIGHS
    objective = assignment_value(problem, model.assignment(chosen))
    bound = _best_bound(problem, model, chosen, objective, cp_bound, highs)
    # A pairing found by one solver is proved by the other's bound when its value meets it.
    proved_by = {
        "CP-SAT": cp_bound is not None and _scaled_total(model, chosen) == round(cp_bound),
        "HiGHS": highs is not None
        and highs.best_bound is not None
        and abs(objective - highs.best_bound) <= 1e-6 * max(1.0, abs(objective)),
    }
    proved = status is SolveStatus.OPTIMAL or any(proved_by.values())
    if proved and status is not SolveStatus.OPTIMAL:
        notes.append(Message("aid.pairing.proved_by", {"solver": next(k for k, v in proved_by.items() if v)}))
    result_status = SolveStatus.OPTIMAL if proved else SolveStatus.FEASIBLE
    if proved:
        bound = objective
    outcome = _finish(
        problem, model, options, result_status, chosen, bound, found_by, previous, previous_positions, timings
    )
    if notes:
        outcome = replace(outcome, message="", notes=(*notes, *outcome.notes))
    return outcome


def _search(
    problem: AidProblem,
    model: PairingModel,
    options: SolveOptions,
    chosen: dict[int, int],
    deadline: float,
    race: HighsRace | None,
) -> tuple[dict[int, int], Message]:
    """The large-neighbourhood search from CP-SAT's pairing until the deadline (or a HiGHS proof)."""
    from matching.aid.lns import NeighbourhoodSearch
    from matching.aid.milp import lp_guidance

    before = assignment_value(problem, model.assignment(chosen))
    search = NeighbourhoodSearch(problem, chosen, options.solver_seed, lp_guidance(problem))
    stop = race.proved if race is not None else None
    report = search.run(deadline - (ANSWER_MARGIN_SECONDS if race is not None else 0.0), stop)
    improved = search.chosen()
    after = assignment_value(problem, model.assignment(improved))
    return improved, Message(
        "aid.pairing.neighbourhood",
        {"before": format_number(before), "after": format_number(after), "steps": report.steps},
    )


def _best_bound(
    problem: AidProblem,
    model: PairingModel,
    chosen: Mapping[int, int],
    objective: float,
    cp_bound: float | None,
    highs: PairingResult | None,
) -> float | None:
    """The tightest proven bound on the value, in real units, never past the returned pairing's value.

    CP-SAT's bound is on the rounded values; it is shifted by the returned pairing's rounding difference,
    so that bound − objective is the gap in the solver's own units."""
    bounds = []
    if cp_bound is not None:
        bounds.append(unscaled_value(cp_bound) + objective - unscaled_value(_scaled_total(model, chosen)))
    if highs is not None and highs.best_bound is not None:
        bounds.append(highs.best_bound)
    if not bounds:
        return None
    if problem.objective is Objective.MAX:
        return max(min(bounds), objective)
    return min(max(bounds), objective)


def _finish(
    problem: AidProblem,
    model: PairingModel,
    options: SolveOptions,
    status: SolveStatus,
    chosen: dict[int, int],
    bound: float | None,
    solver: Solver,
    previous: Mapping[str, str] | None,
    previous_positions: Mapping[int, int],
    timings: Timings,
) -> PairingResult:
    """The best-value pairing `chosen`, then (with a previous pairing) the stability phase.

    OPTIMAL means the returned pairing itself is proved best: a stability phase that gives up value to
    keep last year's pairs returns FEASIBLE, its gap to the proven bound, and says how much it gave up."""
    moved: tuple[str, ...] | None = None
    kept: int | None = None
    notes: list[Message] = []
    if previous:
        best_value = assignment_value(problem, model.assignment(chosen))
        started = time.perf_counter()
        status, chosen, kept, note = _keep_previous(model, options, chosen, status, previous_positions)
        notes.append(note)
        timings.add("keep_previous", time.perf_counter() - started)
        given_up = abs(best_value - assignment_value(problem, model.assignment(chosen)))
        if given_up > 1e-9:
            status = SolveStatus.FEASIBLE if status is SolveStatus.OPTIMAL else status
            notes.append(
                Message(
                    "aid.pairing.gave_up",
                    {
                        "given_up": f"{given_up:g}",
                        "best": f"{best_value:g}",
                        "tolerance": options.keep_tolerance,
                        "kept": kept,
                    },
                )
            )
    assignment = model.assignment(chosen)
    if previous:
        moved = moved_villages(previous, assignment)
        notes.append(Message("aid.pairing.moved", {"moved": len(moved), "previous": len(previous)}))
    return PairingResult(
        status=status,
        assignment=assignment,
        objective=assignment_value(problem, assignment),
        best_bound=bound,
        solver=solver,
        timings=timings,
        notes=tuple(notes),
        moved_villages=moved,
        kept_pairs=kept,
    )


def _keep_previous(
    model: PairingModel,
    options: SolveOptions,
    chosen: dict[int, int],
    status: SolveStatus,
    previous_positions: Mapping[int, int],
) -> tuple[SolveStatus, dict[int, int], int, Message]:
    """Second phase: within `keep_tolerance` of the first phase's value, keep most previous pairs."""
    level = int(sum(int(model.values[k]) for k in chosen.values()))
    allowed = math.floor(options.keep_tolerance * abs(level))
    if model.problem.objective is Objective.MAX:
        model.model.add(model.value_expr >= level - allowed)
    else:
        model.model.add(model.value_expr <= level + allowed)
    keep_literals = [model.x[k] for k in previous_positions.values()]
    model.model.maximize(sum(keep_literals))
    model.hint(chosen)  # the phase-one solution meets the new constraint
    second_status, second = model.solve(options, options.time_limit)
    if not second_status.has_solution:
        kept = sum(1 for v, k in previous_positions.items() if chosen.get(v) == k)
        return status, chosen, kept, Message("aid.pairing.kept_best")
    new_chosen = model.chosen(second)
    kept = round(second.objective_value)
    both_optimal = status is SolveStatus.OPTIMAL and second_status is SolveStatus.OPTIMAL
    note = Message("aid.pairing.within_tolerance", {"tolerance": options.keep_tolerance, "kept": kept})
    return (SolveStatus.OPTIMAL if both_optimal else SolveStatus.FEASIBLE), new_chosen, kept, note


def position_lookup(problem: AidProblem) -> dict[tuple[int, int], int]:
    """(enterprise index, village index) → position in `problem.usable`."""
    arrays = problem.usable
    return {
        (int(e), int(v)): k for k, (e, v) in enumerate(zip(arrays.enterprise, arrays.village, strict=True))
    }


def chosen_from_assignment(problem: AidProblem, assignment: Mapping[str, str | None]) -> dict[int, int]:
    """village index → usable position, for the pairs of `assignment` that are usable."""
    lookup = position_lookup(problem)
    result: dict[int, int] = {}
    for village_id, enterprise_id in assignment.items():
        if enterprise_id is None:
            continue
        key = (problem.enterprise_index.get(enterprise_id, -1), problem.village_index.get(village_id, -1))
        if key in lookup:
            result[key[1]] = lookup[key]
    return result
