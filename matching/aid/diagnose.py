"""Why no full pairing exists, and the best pairing that leaves the fewest villages uncovered.

`precheck` runs before solving: cheap necessary conditions, each a proof that no full pairing
exists, phrased as what to change. `diagnose` runs when the solver proves infeasibility: it finds
the pairing with the fewest uncovered villages (then the fewest missing villages on park or county
minimums, then the best value) and says, for each uncovered village, why each of its acceptable
enterprises could not take it, which names the binding budgets and counts.
"""

from __future__ import annotations

import enum
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from matching.aid.pairing import PairingModel, SolveOptions, greedy_pairing
from matching.aid.problem import AidProblem
from matching.aid.result import PairingResult, Solver, assignment_value, format_number, no_solution
from matching.aid.scaling import unscaled_value
from matching.results import SolveStatus, Timings


class FindingKind(enum.StrEnum):
    NO_ACCEPTABLE_ENTERPRISE = "no_acceptable_enterprise"
    ALL_PAIRS_FORBIDDEN = "all_pairs_forbidden"
    NO_AFFORDABLE_ENTERPRISE = "no_affordable_enterprise"
    FIXED_OVER_BUDGET = "fixed_over_budget"
    FIXED_OVER_COUNT = "fixed_over_count"
    TOO_FEW_PLACES = "too_few_places"
    BUDGET_SHORT = "budget_short"
    MINIMUM_UNREACHABLE = "minimum_unreachable"
    MINIMUMS_EXCEED_VILLAGES = "minimums_exceed_villages"
    BUDGET_BINDING = "budget_binding"
    COUNT_BINDING = "count_binding"
    MINIMUM_SHORT = "minimum_short"


@dataclass(frozen=True)
class Finding:
    """One reason the pairing cannot be complete, with what to change."""

    kind: FindingKind
    message: str
    village_ids: tuple[str, ...] = ()
    enterprise_ids: tuple[str, ...] = ()


def _money(amount: float) -> str:
    return format_number(round(amount, 2), digits=2)


def _limit(enterprise_max: int | None, reachable: int) -> int:
    return reachable if enterprise_max is None else min(enterprise_max, reachable)


def precheck(problem: AidProblem) -> list[Finding]:
    """Necessary conditions for a full pairing; an empty list means none is violated (the solver may
    still prove infeasibility, for combinations these checks cannot see)."""
    findings: list[Finding] = []
    capacities = problem.capacities
    acceptable_count: dict[str, int] = defaultdict(int)
    for pair in problem.pairs:
        acceptable_count[pair.village_id] += 1

    # Pairs a solver may choose and that fit in an empty enterprise.
    affordable: dict[str, list[tuple[int, float]]] = defaultdict(list)
    usable_count: dict[str, int] = defaultdict(int)
    for pair in problem.pairs:
        if not problem.is_usable(pair):
            continue
        usable_count[pair.village_id] += 1
        e = problem.enterprise_index[pair.enterprise_id]
        enterprise = problem.enterprises[e]
        if pair.load <= capacities[e] + 1e-9 and enterprise.max_villages != 0:
            affordable[pair.village_id].append((e, pair.load))

    for village in problem.villages:
        vid = village.village_id
        if acceptable_count[vid] == 0:
            findings.append(
                Finding(
                    FindingKind.NO_ACCEPTABLE_ENTERPRISE,
                    f"village {vid} has no acceptable enterprise: list a pair for it, or add an enterprise "
                    "that offers one of its needs within the distance limit (or widen the limit)",
                    village_ids=(vid,),
                )
            )
        elif usable_count[vid] == 0:
            findings.append(
                Finding(
                    FindingKind.ALL_PAIRS_FORBIDDEN,
                    f"village {vid}: all {acceptable_count[vid]} of its acceptable pairs are forbidden; "
                    "lift one of the forbid locks",
                    village_ids=(vid,),
                )
            )
        elif not affordable[vid]:
            findings.append(
                Finding(
                    FindingKind.NO_AFFORDABLE_ENTERPRISE,
                    f"village {vid}: each of its {usable_count[vid]} acceptable enterprises has a budget "
                    "smaller than the pair's load or takes no villages; raise a budget",
                    village_ids=(vid,),
                )
            )

    fixed_load: dict[int, float] = defaultdict(float)
    fixed_count: dict[int, int] = defaultdict(int)
    for village_id, enterprise_id in problem.fixed.items():
        fixed_pair = problem.pair(enterprise_id, village_id)
        e = problem.enterprise_index[enterprise_id]
        fixed_load[e] += 0.0 if fixed_pair is None else fixed_pair.load
        fixed_count[e] += 1
    for e, load in fixed_load.items():
        enterprise = problem.enterprises[e]
        fixed_villages = tuple(v for v, eid in problem.fixed.items() if eid == enterprise.enterprise_id)
        if load > capacities[e] + 1e-9:
            findings.append(
                Finding(
                    FindingKind.FIXED_OVER_BUDGET,
                    f"enterprise {enterprise.enterprise_id}: its fixed pairs use {_money(load)} of a "
                    f"budget of {_money(capacities[e])}; release a fixed pair or raise the budget",
                    village_ids=fixed_villages,
                    enterprise_ids=(enterprise.enterprise_id,),
                )
            )
        if enterprise.max_villages is not None and fixed_count[e] > enterprise.max_villages:
            findings.append(
                Finding(
                    FindingKind.FIXED_OVER_COUNT,
                    f"enterprise {enterprise.enterprise_id}: {fixed_count[e]} fixed villages but it takes at "
                    f"most {enterprise.max_villages}; release a fixed pair or raise max_villages",
                    village_ids=fixed_villages,
                    enterprise_ids=(enterprise.enterprise_id,),
                )
            )

    reachable: dict[int, int] = defaultdict(int)
    for options in affordable.values():
        for e, _load in options:
            reachable[e] += 1
    places = sum(_limit(problem.enterprises[e].max_villages, count) for e, count in reachable.items())
    # Villages without an affordable enterprise are reported above; count only the others here.
    placeable = sum(1 for v in problem.villages if affordable[v.village_id])
    if places < placeable:
        findings.append(
            Finding(
                FindingKind.TOO_FEW_PLACES,
                f"the enterprises can lead at most {places} villages together, but {placeable} "
                "need a lead; raise max_villages, add enterprises or widen the acceptable pairs",
            )
        )
    if all(affordable[v.village_id] for v in problem.villages):
        least_needed = sum(min(load for _e, load in affordable[v.village_id]) for v in problem.villages)
        if least_needed > capacities.sum() + 1e-9:
            findings.append(
                Finding(
                    FindingKind.BUDGET_SHORT,
                    f"the villages need at least {_money(least_needed)} together, but the budgets add up to "
                    f"{_money(capacities.sum())}; raise budgets or add enterprises",
                )
            )

    for label, members, minimums in (
        ("park", problem.park_members, problem.min_villages_per_park),
        ("county", problem.county_members, problem.min_villages_per_county),
    ):
        for key, minimum in minimums.items():
            most = sum(_limit(problem.enterprises[e].max_villages, reachable.get(e, 0)) for e in members[key])
            if most < minimum:
                findings.append(
                    Finding(
                        FindingKind.MINIMUM_UNREACHABLE,
                        f"{label} {key}: its enterprises can lead at most {most} villages, the minimum is "
                        f"{minimum}; lower the minimum or raise their max_villages or acceptable pairs",
                        enterprise_ids=tuple(problem.enterprises[e].enterprise_id for e in members[key]),
                    )
                )
        if sum(minimums.values()) > len(problem.villages):
            findings.append(
                Finding(
                    FindingKind.MINIMUMS_EXCEED_VILLAGES,
                    f"the {label} minimums add up to {sum(minimums.values())}, more than the "
                    f"{len(problem.villages)} villages; lower them",
                )
            )
    return findings


def best_partial_pairing(problem: AidProblem, options: SolveOptions | None = None) -> PairingResult:
    """The pairing with the fewest uncovered villages, then the smallest shortfall on minimums, then
    the best value. Fixed pairs stay fixed; each phase gets half the time limit."""
    options = options or SolveOptions()
    timings = Timings()
    started = time.perf_counter()
    model = PairingModel(problem, allow_uncovered=True, soft_minimums=True)
    # Covering one more village outweighs any shortfall on minimums.
    weight = sum(problem.min_villages_per_park.values()) + sum(problem.min_villages_per_county.values()) + 1
    coverage = weight * model.covered_total - model.shortfall_total
    model.model.maximize(coverage)
    hint = greedy_pairing(problem)
    if hint:
        model.hint(hint)
    timings.add("build", time.perf_counter() - started)

    started = time.perf_counter()
    status, solver = model.solve(options, options.time_limit / 2)
    timings.add("solve_coverage", time.perf_counter() - started)
    if not status.has_solution:
        message = (
            "even a partial pairing is impossible: the fixed pairs alone break a budget or count"
            if status is SolveStatus.INFEASIBLE
            else "no partial pairing found within the time limit"
        )
        return no_solution(problem, status, Solver.CP_SAT, message, timings)
    first_status = status
    model.model.add(coverage >= round(solver.objective_value))
    model.set_value_objective()
    chosen = model.chosen(solver)
    model.hint(chosen)
    started = time.perf_counter()
    status, second = model.solve(options, options.time_limit / 2)
    timings.add("solve_value", time.perf_counter() - started)
    bound: float | None = None
    assignment = model.assignment(chosen)
    if status.has_solution:
        chosen = model.chosen(second)
        assignment = model.assignment(chosen)
        # Shifted by the rounding difference of the incumbent, as in solve_pairing.
        rounding = assignment_value(problem, assignment) - unscaled_value(second.objective_value)
        bound = unscaled_value(second.best_objective_bound) + rounding
    both_optimal = first_status is SolveStatus.OPTIMAL and status is SolveStatus.OPTIMAL
    uncovered = sum(1 for e in assignment.values() if e is None)
    return PairingResult(
        status=SolveStatus.OPTIMAL if both_optimal else SolveStatus.FEASIBLE,
        assignment=assignment,
        objective=assignment_value(problem, assignment),
        best_bound=bound,
        solver=Solver.CP_SAT,
        timings=timings,
        message=f"partial pairing: {uncovered} of {len(problem.villages)} villages uncovered",
    )


@dataclass(frozen=True)
class UncoveredVillage:
    village_id: str
    reasons: tuple[str, ...]  # one per acceptable enterprise, or why it has none


@dataclass(frozen=True)
class Diagnosis:
    """Why no full pairing exists: pre-check findings, binding budgets and counts, minimum shortfalls,
    and the best partial pairing with each uncovered village and its reasons."""

    findings: tuple[Finding, ...]
    partial: PairingResult
    uncovered: tuple[UncoveredVillage, ...]

    def lines(self, reasons_per_village: int = 5) -> list[str]:
        lines = [f"- {finding.message}" for finding in self.findings]
        if self.partial.has_solution:
            lines.append(
                f"best partial pairing: {len(self.uncovered)} of {len(self.partial.assignment)} villages "
                f"uncovered, value {format_number(self.partial.objective)}"
            )
        else:
            lines.append(f"no partial pairing: {self.partial.message}")
        for village in self.uncovered:
            shown = list(village.reasons[:reasons_per_village])
            hidden = len(village.reasons) - len(shown)
            if hidden > 0:
                shown.append(f"and {hidden} more")
            lines.append(f"uncovered village {village.village_id}: " + "; ".join(shown))
        return lines


def _uncovered_reasons(
    problem: AidProblem, assignment: dict[str, str | None] | dict[str, str]
) -> tuple[list[UncoveredVillage], list[Finding]]:
    used_load = np.zeros(len(problem.enterprises))
    used_count = np.zeros(len(problem.enterprises), dtype=np.int64)
    for village_id, enterprise_id in assignment.items():
        if enterprise_id is None:
            continue
        pair = problem.pair(enterprise_id, village_id)
        e = problem.enterprise_index[enterprise_id]
        used_load[e] += 0.0 if pair is None else pair.load
        used_count[e] += 1
    pairs_of: dict[str, list[int]] = defaultdict(list)
    for index, pair in enumerate(problem.pairs):
        pairs_of[pair.village_id].append(index)

    uncovered: list[UncoveredVillage] = []
    budget_blocks: dict[int, list[float]] = defaultdict(list)  # extra budget each blocked village needs
    count_blocks: dict[int, int] = defaultdict(int)
    for village_id, enterprise_id in assignment.items():
        if enterprise_id is not None:
            continue
        reasons: list[str] = []
        if not pairs_of[village_id]:
            reasons.append("no acceptable enterprise")
        for index in pairs_of[village_id]:
            pair = problem.pairs[index]
            e = problem.enterprise_index[pair.enterprise_id]
            enterprise = problem.enterprises[e]
            name = enterprise.enterprise_id
            if not problem.is_usable(pair):
                reasons.append(f"{name}: the pair is forbidden")
            elif pair.load > enterprise.capacity + 1e-9:
                reasons.append(
                    f"{name}: the pair needs {_money(pair.load)}, more than its whole budget "
                    f"{_money(enterprise.capacity)}"
                )
                budget_blocks[e].append(pair.load - enterprise.capacity)
            elif enterprise.max_villages is not None and used_count[e] >= enterprise.max_villages:
                reasons.append(
                    f"{name}: already leads {used_count[e]} of at most {enterprise.max_villages} villages"
                )
                count_blocks[e] += 1
            elif used_load[e] + pair.load > enterprise.capacity + 1e-9:
                reasons.append(
                    f"{name}: {_money(enterprise.capacity - used_load[e])} of its budget "
                    f"{_money(enterprise.capacity)} left, the pair needs {_money(pair.load)}"
                )
                budget_blocks[e].append(used_load[e] + pair.load - enterprise.capacity)
            else:
                reasons.append(
                    f"{name}: has room, but taking this village would uncover another or miss a minimum"
                )
        uncovered.append(UncoveredVillage(village_id, tuple(reasons)))

    binding: list[Finding] = []
    for e, extras in sorted(budget_blocks.items(), key=lambda item: -len(item[1])):
        enterprise = problem.enterprises[e]
        binding.append(
            Finding(
                FindingKind.BUDGET_BINDING,
                f"enterprise {enterprise.enterprise_id}: budget {_money(enterprise.capacity)} is binding for "
                f"{len(extras)} uncovered village(s); {_money(min(extras))} more would let it take one",
                enterprise_ids=(enterprise.enterprise_id,),
            )
        )
    for e, blocked in sorted(count_blocks.items(), key=lambda item: -item[1]):
        enterprise = problem.enterprises[e]
        binding.append(
            Finding(
                FindingKind.COUNT_BINDING,
                f"enterprise {enterprise.enterprise_id}: max_villages {enterprise.max_villages} is binding "
                f"for {blocked} uncovered village(s)",
                enterprise_ids=(enterprise.enterprise_id,),
            )
        )
    return uncovered, binding


def _minimum_shortfalls(problem: AidProblem, assignment: dict[str, str | None]) -> list[Finding]:
    led: dict[int, int] = defaultdict(int)
    for enterprise_id in assignment.values():
        if enterprise_id is not None:
            led[problem.enterprise_index[enterprise_id]] += 1
    findings = []
    for label, members, minimums in (
        ("park", problem.park_members, problem.min_villages_per_park),
        ("county", problem.county_members, problem.min_villages_per_county),
    ):
        for key, minimum in minimums.items():
            count = sum(led[e] for e in members[key])
            if count < minimum:
                findings.append(
                    Finding(
                        FindingKind.MINIMUM_SHORT,
                        f"{label} {key}: its enterprises lead {count} villages in the best partial pairing, "
                        f"the minimum is {minimum}",
                    )
                )
    return findings


def diagnose(
    problem: AidProblem, options: SolveOptions | None = None, findings: list[Finding] | None = None
) -> Diagnosis:
    """The diagnosis of an infeasible problem; `findings` from `precheck` when already computed."""
    found = list(precheck(problem) if findings is None else findings)
    partial = best_partial_pairing(problem, options)
    uncovered: list[UncoveredVillage] = []
    if partial.has_solution:
        assignment = dict(partial.assignment)
        uncovered, binding = _uncovered_reasons(problem, assignment)
        found.extend(binding)
        found.extend(_minimum_shortfalls(problem, assignment))
    if not found and not uncovered and partial.has_solution:
        found.append(
            Finding(
                FindingKind.MINIMUM_SHORT,
                "every village can be covered, but not together with all the park and county minimums",
            )
        )
    return Diagnosis(tuple(found), partial, tuple(uncovered))
