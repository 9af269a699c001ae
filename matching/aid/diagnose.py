"""Why no full pairing exists, and the best pairing that leaves the fewest villages uncovered.

`precheck` runs before solving: cheap necessary conditions, each a proof that no full pairing
exists, phrased as what to change. `diagnose` runs when the solver proves infeasibility: it finds
the pairing with the fewest uncovered villages (then the fewest missing villages on park or county
minimums, then the best value) and says, for each uncovered village, why each of its acceptable
enterprises could not take it, which names the binding budgets and counts.

Findings are `matching.results.Finding`s with `aid.…` codes (worded in `matching.messages.findings`);
`refs` names the villages and enterprises concerned. The reasons of an uncovered village are messages too.
"""

from __future__ import annotations

import enum
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from matching.aid.pairing import PairingModel, SolveOptions, greedy_pairing
from matching.aid.problem import AidProblem
from matching.aid.result import PairingResult, Solver, assignment_value, format_number, no_solution
from matching.aid.scaling import unscaled_value
from matching.messages import DEFAULT_LANGUAGE, Message, render
from matching.results import Finding, SolveStatus, Timings, say_json


class FindingKind(enum.StrEnum):
    NO_ACCEPTABLE_ENTERPRISE = "aid.no_acceptable_enterprise"
    ALL_PAIRS_FORBIDDEN = "aid.all_pairs_forbidden"
    NO_AFFORDABLE_ENTERPRISE = "aid.no_affordable_enterprise"
    FIXED_OVER_BUDGET = "aid.fixed_over_budget"
    FIXED_OVER_COUNT = "aid.fixed_over_count"
    TOO_FEW_PLACES = "aid.too_few_places"
    BUDGET_SHORT = "aid.budget_short"
    MINIMUM_UNREACHABLE = "aid.minimum_unreachable"
    MINIMUMS_EXCEED_VILLAGES = "aid.minimums_exceed_villages"
    BUDGET_BINDING = "aid.budget_binding"
    COUNT_BINDING = "aid.count_binding"
    MINIMUM_SHORT = "aid.minimum_short"


SCOPES = {"park": Message("aid.scope.park"), "county": Message("aid.scope.county")}
_SCOPE_REFS = {"park": "parks", "county": "counties"}


def _finding(
    kind: FindingKind | str,
    params: dict[str, Any] | None = None,
    *,
    blocking: bool = True,
    villages: tuple[str, ...] = (),
    enterprises: tuple[str, ...] = (),
    scope: tuple[str, str] | None = None,
) -> Finding:
    """A finding; `refs` holds the villages and enterprises concerned, and the park or county (`scope`:
    the label and its key)."""
    named = {"villages": villages, "enterprises": enterprises}
    if scope is not None:
        named[_SCOPE_REFS[scope[0]]] = (scope[1],)
    return Finding(
        str(kind), params or {}, blocking=blocking, refs={key: ids for key, ids in named.items() if ids}
    )


def _money(amount: float) -> str:
    return format_number(round(amount, 2), digits=2)


def _limit(enterprise_max: int | None, reachable: int) -> int:
    return reachable if enterprise_max is None else min(enterprise_max, reachable)


def precheck(problem: AidProblem) -> list[Finding]:
    """Necessary conditions for a full pairing; an empty list means none is violated (the solver may
    still prove infeasibility, for combinations these checks cannot see). Every finding is blocking."""
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
            findings.append(_finding(FindingKind.NO_ACCEPTABLE_ENTERPRISE, {"village": vid}, villages=(vid,)))
        elif usable_count[vid] == 0:
            findings.append(
                _finding(
                    FindingKind.ALL_PAIRS_FORBIDDEN,
                    {"village": vid, "count": acceptable_count[vid]},
                    villages=(vid,),
                )
            )
        elif not affordable[vid]:
            findings.append(
                _finding(
                    FindingKind.NO_AFFORDABLE_ENTERPRISE,
                    {"village": vid, "count": usable_count[vid]},
                    villages=(vid,),
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
        name = enterprise.enterprise_id
        fixed_villages = tuple(v for v, eid in problem.fixed.items() if eid == name)
        if load > capacities[e] + 1e-9:
            findings.append(
                _finding(
                    FindingKind.FIXED_OVER_BUDGET,
                    {"enterprise": name, "load": _money(load), "budget": _money(capacities[e])},
                    villages=fixed_villages,
                    enterprises=(name,),
                )
            )
        if enterprise.max_villages is not None and fixed_count[e] > enterprise.max_villages:
            findings.append(
                _finding(
                    FindingKind.FIXED_OVER_COUNT,
                    {"enterprise": name, "count": fixed_count[e], "limit": enterprise.max_villages},
                    villages=fixed_villages,
                    enterprises=(name,),
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
        findings.append(_finding(FindingKind.TOO_FEW_PLACES, {"places": places, "villages": placeable}))
    if all(affordable[v.village_id] for v in problem.villages):
        least_needed = sum(min(load for _e, load in affordable[v.village_id]) for v in problem.villages)
        if least_needed > capacities.sum() + 1e-9:
            findings.append(
                _finding(
                    FindingKind.BUDGET_SHORT,
                    {"needed": _money(least_needed), "budget": _money(capacities.sum())},
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
                    _finding(
                        FindingKind.MINIMUM_UNREACHABLE,
                        {"scope": SCOPES[label], "key": key, "most": most, "minimum": minimum},
                        enterprises=tuple(problem.enterprises[e].enterprise_id for e in members[key]),
                        scope=(label, key),
                    )
                )
        if sum(minimums.values()) > len(problem.villages):
            findings.append(
                _finding(
                    FindingKind.MINIMUMS_EXCEED_VILLAGES,
                    {
                        "scope": SCOPES[label],
                        "total": sum(minimums.values()),
                        "villages": len(problem.villages),
                    },
                )
            )
    return findings


def _no_partial_reason(status: SolveStatus) -> Message:
    """Why there is no partial pairing, from the status of the coverage solve."""
    if status is SolveStatus.INFEASIBLE:
        return Message("aid.partial.impossible")
    return Message("aid.partial.not_found")


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
        return no_solution(problem, status, Solver.CP_SAT, _no_partial_reason(status), timings)
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
        notes=(Message("aid.partial.summary", {"uncovered": uncovered, "villages": len(problem.villages)}),),
    )


@dataclass(frozen=True)
class UncoveredVillage:
    village_id: str
    reasons: tuple[Message, ...]  # one per acceptable enterprise, or why it has none

    def reason_texts(self, lang: str = DEFAULT_LANGUAGE, limit: int | None = None) -> list[str]:
        """The reasons in `lang`; with `limit`, the first `limit` and how many more there are."""
        shown = [reason.text(lang) for reason in self.reasons[:limit]]
        hidden = len(self.reasons) - len(shown)
        if hidden > 0:
            shown.append(render("aid.reason.more", {"count": hidden}, lang))
        return shown


@dataclass(frozen=True)
class Diagnosis:
    """Why no full pairing exists: pre-check findings, binding budgets and counts, minimum shortfalls,
    and the best partial pairing with each uncovered village and its reasons."""

    findings: tuple[Finding, ...]
    partial: PairingResult
    uncovered: tuple[UncoveredVillage, ...]

    def lines(self, reasons_per_village: int = 5, lang: str = DEFAULT_LANGUAGE) -> list[str]:
        """The diagnosis in `lang`, one line each: the findings (`- …`), the best partial pairing, and
        each uncovered village with its first reasons."""
        return [say_json(line, lang) for line in self.lines_json(reasons_per_village)]

    def lines_json(self, reasons_per_village: int = 5) -> list[dict[str, Any]]:
        """The same lines as message JSON (`matching.results.say_json` says them), for a stored run."""
        lines: list[dict[str, Any]] = [{"item": finding.message.to_json()} for finding in self.findings]
        if self.partial.has_solution:
            partial = Message(
                "aid.diagnosis.partial",
                {
                    "uncovered": len(self.uncovered),
                    "villages": len(self.partial.assignment),
                    "value": format_number(self.partial.objective),
                },
            )
        else:
            partial = Message("aid.diagnosis.no_partial", {"reason": _no_partial_reason(self.partial.status)})
        lines.append(partial.to_json())
        for village in self.uncovered:
            shown = [reason.to_json() for reason in village.reasons[:reasons_per_village]]
            hidden = len(village.reasons) - len(shown)
            if hidden > 0:
                shown.append(Message("aid.reason.more", {"count": hidden}).to_json())
            line = Message("aid.diagnosis.uncovered_village", {"village": village.village_id}).to_json()
            line["params"]["reasons"] = {"join": shown}
            lines.append(line)
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
    budget_villages: dict[int, list[str]] = defaultdict(list)
    count_blocks: dict[int, list[str]] = defaultdict(list)
    for village_id, enterprise_id in assignment.items():
        if enterprise_id is not None:
            continue
        reasons: list[Message] = []
        if not pairs_of[village_id]:
            reasons.append(Message("aid.reason.no_acceptable_enterprise"))
        for index in pairs_of[village_id]:
            pair = problem.pairs[index]
            e = problem.enterprise_index[pair.enterprise_id]
            enterprise = problem.enterprises[e]
            name = enterprise.enterprise_id
            if not problem.is_usable(pair):
                reasons.append(Message("aid.reason.forbidden", {"enterprise": name}))
            elif pair.load > enterprise.capacity + 1e-9:
                reasons.append(
                    Message(
                        "aid.reason.over_whole_budget",
                        {
                            "enterprise": name,
                            "load": _money(pair.load),
                            "budget": _money(enterprise.capacity),
                        },
                    )
                )
                budget_blocks[e].append(pair.load - enterprise.capacity)
                budget_villages[e].append(village_id)
            elif enterprise.max_villages is not None and used_count[e] >= enterprise.max_villages:
                reasons.append(
                    Message(
                        "aid.reason.count_full",
                        {"enterprise": name, "count": int(used_count[e]), "limit": enterprise.max_villages},
                    )
                )
                count_blocks[e].append(village_id)
            elif used_load[e] + pair.load > enterprise.capacity + 1e-9:
                reasons.append(
                    Message(
                        "aid.reason.budget_left",
                        {
                            "enterprise": name,
                            "left": _money(enterprise.capacity - used_load[e]),
                            "budget": _money(enterprise.capacity),
                            "load": _money(pair.load),
                        },
                    )
                )
                budget_blocks[e].append(used_load[e] + pair.load - enterprise.capacity)
                budget_villages[e].append(village_id)
            else:
                reasons.append(Message("aid.reason.displaces", {"enterprise": name}))
        uncovered.append(UncoveredVillage(village_id, tuple(reasons)))

    binding: list[Finding] = []
    for e, extras in sorted(budget_blocks.items(), key=lambda item: -len(item[1])):
        enterprise = problem.enterprises[e]
        binding.append(
            _finding(
                FindingKind.BUDGET_BINDING,
                {
                    "enterprise": enterprise.enterprise_id,
                    "budget": _money(enterprise.capacity),
                    "count": len(extras),
                    "extra": _money(min(extras)),
                },
                blocking=False,
                villages=tuple(budget_villages[e]),
                enterprises=(enterprise.enterprise_id,),
            )
        )
    for e, blocked in sorted(count_blocks.items(), key=lambda item: -len(item[1])):
        enterprise = problem.enterprises[e]
        binding.append(
            _finding(
                FindingKind.COUNT_BINDING,
                {
                    "enterprise": enterprise.enterprise_id,
                    "limit": enterprise.max_villages,
                    "count": len(blocked),
                },
                blocking=False,
                villages=tuple(blocked),
                enterprises=(enterprise.enterprise_id,),
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
                    _finding(
                        FindingKind.MINIMUM_SHORT,
                        {"scope": SCOPES[label], "key": key, "count": count, "minimum": minimum},
                        blocking=False,
                        enterprises=tuple(problem.enterprises[e].enterprise_id for e in members[key]),
                        scope=(label, key),
                    )
                )
    return findings


def diagnose(
    problem: AidProblem, options: SolveOptions | None = None, findings: list[Finding] | None = None
) -> Diagnosis:
    """The diagnosis of an infeasible problem; `findings` from `precheck` when already computed.

    The pre-check findings are blocking (each proves there is no full pairing); those the diagnosis adds
    (binding budgets and counts, minimum shortfalls) are notes that explain the solver's proof."""
    found = list(precheck(problem) if findings is None else findings)
    partial = best_partial_pairing(problem, options)
    uncovered: list[UncoveredVillage] = []
    if partial.has_solution:
        assignment = dict(partial.assignment)
        uncovered, binding = _uncovered_reasons(problem, assignment)
        found.extend(binding)
        found.extend(_minimum_shortfalls(problem, assignment))
    if not found and not uncovered and partial.has_solution:
        found.append(_finding("aid.minimum_short.together", blocking=False))
    return Diagnosis(tuple(found), partial, tuple(uncovered))
