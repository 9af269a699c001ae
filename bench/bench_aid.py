"""Aid-pairing benchmark: prints solve figures for the sizes of issue 4, CP-SAT beside scipy's HiGHS.

    .venv/bin/python bench/bench_aid.py                        # orlib, demo, large (about 30 minutes)
    .venv/bin/python bench/bench_aid.py --quick                # gap1–6, type A, the demo, 20 × 200 at 10 s
    .venv/bin/python bench/bench_aid.py --parts orlib --orlib-filter 'chu1997/c*'
    .venv/bin/python bench/bench_aid.py --parts bars             # issue 13's bars (about 15 minutes)

Parts:
  orlib  every OR-Library instance in tests/data/orlib-gap (gap1–gap12 both ways, types A–E minimised):
         proved optimal and equal to the known optimum within --orlib-limit (10 s) each?
  bars   the quality bars of issue 13 at the default time limit and at 20 s (--bar-limits): gap7–gap12
         maximised proved optimal; types D and E, 10 × 100 and 20 × 100, minimised within 1 % of the
         best known value at 20 s. Per instance and limit: this project (`solve_pairing`, defaults),
         plain CP-SAT (the same model, CP-SAT's default parameters, no hint, no race), plain HiGHS
         (scipy.optimize.milp), the best known value and each one's gap to it; then how many bars each
         meets. All three run one after the other in this process, on the same machine.
  demo   the demo data (fixtures.demo, 96 enterprises × 101 villages, scored from profiles) and
         generated instances of the same shape: proved optimal within --demo-limit (5 s)?
  large  20 enterprises × 200 villages with tight budgets, and 500 × 5,000 (sparse: each village's 10
         best and each enterprise's 20 best pairs): gap to the best bound at --large-limit (60 s).
Each instance is also solved by the same model through scipy.optimize.milp (HiGHS) with the same time
limit (--no-milp skips it): time to optimal, or its gap at the limit. Peak memory is the process's
resident size (ru_maxrss) after each part; the machine's load average is printed first, as other
processes on the machine slow every timing down.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import os
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from ortools.sat.python import cp_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching.aid.audit import check_pairing  # noqa: E402
from matching.aid.milp import solve_pairing_milp  # noqa: E402
from matching.aid.orlib import instance_problem, read_orlib  # noqa: E402
from matching.aid.pairing import (  # noqa: E402
    FirstSolution,
    PairingModel,
    SolveOptions,
    solve_pairing,
)
from matching.aid.parameters import AidParameters  # noqa: E402
from matching.aid.problem import AidProblem, Objective  # noqa: E402
from matching.aid.result import PairingResult, Solver, assignment_value, format_number  # noqa: E402
from matching.aid.run import run_pairing  # noqa: E402
from matching.aid.scaling import unscaled_value  # noqa: E402
from matching.aid.synthetic import ProfileShape, profile_frames  # noqa: E402
from matching.aid.validate import problem_from_frames  # noqa: E402
from matching.results import SolveStatus  # noqa: E402

ORLIB = ROOT / "tests" / "data" / "orlib-gap"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Row:
    name: str
    objective: Objective
    known: float | None
    cp_sat: PairingResult
    seconds: float
    highs: PairingResult | None
    highs_seconds: float | None

    @property
    def proved(self) -> bool:
        return self.cp_sat.status is SolveStatus.OPTIMAL

    @property
    def matches(self) -> bool:
        return self.known is None or (
            self.cp_sat.objective is not None and abs(self.cp_sat.objective - self.known) < 1e-6
        )


def describe(result: PairingResult, seconds: float) -> str:
    gap = "" if result.gap is None else f" gap {result.gap:.3%}"
    return (
        f"{result.status.value:<10} {format_number(result.objective):>12} bound {format_number(result.best_bound):>12}"
        f"{gap:<13} {seconds:6.2f}s"
    )


def solve_both(
    name: str, problem: AidProblem, known: float | None, options: SolveOptions, with_milp: bool
) -> Row:
    started = time.perf_counter()
    result = solve_pairing(problem, options)
    seconds = time.perf_counter() - started
    highs: PairingResult | None = None
    highs_seconds: float | None = None
    if with_milp:
        started = time.perf_counter()
        highs = solve_pairing_milp(problem, time_limit=options.time_limit)
        highs_seconds = time.perf_counter() - started
    row = Row(name, problem.objective, known, result, seconds, highs, highs_seconds)
    mark = "" if known is None else ("  = known" if row.matches else f"  ≠ known {format_number(known)}")
    line = (
        f"{name:<28} {problem.objective.value:<3} {result.solver.value:<6} {describe(result, seconds)}{mark}"
    )
    if highs is not None and highs_seconds is not None:
        line += f" | highs {describe(highs, highs_seconds)}"
    print(line, flush=True)
    return row


def summarise(label: str, rows: list[Row], limit: float) -> None:
    proved = [r for r in rows if r.proved and r.matches and r.seconds <= limit]
    slowest = max(rows, key=lambda r: r.seconds)
    print(
        f"{label}: solve_pairing proved {len(proved)}/{len(rows)} optimal (and equal to the known value) within {limit:g} s"
        f" ({sum(1 for r in proved if r.cp_sat.solver is Solver.HIGHS)} won by HiGHS racing beside CP-SAT);"
        f" slowest {slowest.seconds:.2f} s ({slowest.name}); peak memory {peak_mb():.0f} MB"
    )
    missed = [r for r in rows if r not in proved]
    for r in missed:
        print(
            f"  missed: {r.name} {r.objective.value}: {r.cp_sat.status.value} gap {format_number(r.cp_sat.gap, 6)} in {r.seconds:.2f} s"
        )
    highs_rows = [r for r in rows if r.highs is not None]
    if highs_rows:
        highs_proved = [
            r for r in highs_rows if r.highs is not None and r.highs.status is SolveStatus.OPTIMAL
        ]
        print(
            f"{label}: HiGHS proved {len(highs_proved)}/{len(highs_rows)} optimal within {limit:g} s; "
            f"total time CP-SAT {sum(r.seconds for r in highs_rows):.1f} s, HiGHS "
            f"{sum(r.highs_seconds or 0 for r in highs_rows):.1f} s"
        )


def orlib_instances(pattern: str, quick: bool) -> list[tuple[str, Objective, int]]:
    with (ORLIB / "orlib_gap1-12_optima.csv").open(encoding="utf-8") as handle:
        small = list(csv.DictReader(handle))
    with (ORLIB / "data.csv").open(encoding="utf-8") as handle:
        # the optimum where one is proven, else (d20200) the best known value
        minimum = {row["Path"]: int(row["Best known solution value"]) for row in csv.DictReader(handle)}
    cases: list[tuple[str, Objective, int]] = []
    for row in small:
        if quick and int(row["file"].removeprefix("gap")) > 6:
            continue
        cases.append((row["instance_file"], Objective.MAX, int(row["optimum_max"])))
        cases.append((row["instance_file"], Objective.MIN, int(row["optimum_min"])))
    for path in sorted([*(ORLIB / "chu1997").iterdir(), *(ORLIB / "yagiura2004").iterdir()]):
        name = f"{path.parent.name}/{path.name}"
        if quick and not path.name.startswith("a"):
            continue
        cases.append((name, Objective.MIN, minimum[name]))
    return [case for case in cases if fnmatch.fnmatch(case[0], pattern)]


# Issue 13's bars: the instances, and the limit at which the "within 1 %" bar applies.
BAR_PROVED = [f"cattrysse1994/gap{k}-{i}" for k in range(7, 13) for i in range(5)]
BAR_CLOSE = ["chu1997/d10100", "chu1997/d20100", "yagiura2004/e10100", "yagiura2004/e20100"]
BAR_CLOSE_LIMIT = 20.0
BAR_CLOSE_GAP = 0.01


def plain_cp_sat(problem: AidProblem, time_limit: float, seed: int) -> PairingResult:
    """The pairing model in CP-SAT with CP-SAT's default parameters: no hint, no race, every core."""
    model = PairingModel(problem)
    model.set_value_objective()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = os.cpu_count() or 1
    status = SolveStatus.from_cp_sat(solver.solve(model.model))
    if not status.has_solution:
        return PairingResult(status, {}, None, None, Solver.CP_SAT)
    assignment = model.assignment(model.chosen(solver))
    objective = assignment_value(problem, assignment)
    bound = unscaled_value(solver.best_objective_bound) + objective - unscaled_value(solver.objective_value)
    return PairingResult(status, assignment, objective, bound, Solver.CP_SAT)


def known_gap(result: PairingResult, known: float, objective: Objective) -> float | None:
    """How far the pairing's value is from the best known one, as a share of it (0: equal)."""
    if result.objective is None:
        return None
    worse = known - result.objective if objective is Objective.MAX else result.objective - known
    return worse / abs(known)


@dataclass
class BarCell:
    result: PairingResult
    seconds: float

    def text(self, known: float, objective: Objective) -> str:
        gap = known_gap(self.result, known, objective)
        figure = "—" if gap is None else f"{gap:+.2%}"
        status = {SolveStatus.OPTIMAL: "opt", SolveStatus.FEASIBLE: "feas"}.get(
            self.result.status, self.result.status.value.lower()
        )
        return f"{format_number(self.result.objective):>6} {status:<4} {figure:>7} {self.seconds:5.1f}s"


def bar_met(name: str, limit: float, cell: BarCell, known: float, objective: Objective) -> bool | None:
    """The issue's bar for this instance at this limit; None where none applies."""
    if name in BAR_PROVED:
        return cell.result.status is SolveStatus.OPTIMAL and cell.result.objective == known
    if limit != BAR_CLOSE_LIMIT:
        return None
    gap = known_gap(cell.result, known, objective)
    return gap is not None and gap <= BAR_CLOSE_GAP


def part_bars(args: argparse.Namespace) -> None:
    limits = [float(x) for x in args.bar_limits.split(",")]
    cases = [
        case
        for case in orlib_instances("*", quick=False)
        if (case[0] in BAR_PROVED and case[1] is Objective.MAX) or case[0] in BAR_CLOSE
    ]
    cases = [case for case in cases if fnmatch.fnmatch(case[0], args.orlib_filter)]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"\n== issue 13 bars: limits {', '.join(f'{x:g}' for x in limits)} s, {os.cpu_count()} cores, "
        f"load average {load} ==\n"
        "   columns per solver: value, status, gap to the best known value, wall time"
    )
    solvers = ("this project", "plain CP-SAT", "plain HiGHS")
    header = f"{'instance':<22} {'obj':<3} {'limit':>5} {'best':>6} | " + " | ".join(
        f"{label:<26}" for label in solvers
    )
    print(header)
    met: dict[str, list[bool]] = {label: [] for label in solvers}
    for limit in limits:
        for name, objective, known in cases:
            problem = instance_problem(read_orlib(ORLIB / name)[0], objective)
            cells: list[BarCell] = []
            for label in solvers:
                started = time.perf_counter()
                if label == "this project":
                    result = solve_pairing(problem, SolveOptions(time_limit=limit, seed=args.seed))
                    check_pairing(problem, result.assignment)
                elif label == "plain CP-SAT":
                    result = plain_cp_sat(problem, limit, args.seed)
                else:
                    result = solve_pairing_milp(problem, time_limit=limit)
                cells.append(BarCell(result, time.perf_counter() - started))
            marks = []
            for label, cell in zip(solvers, cells, strict=True):
                verdict = bar_met(name, limit, cell, known, objective)
                if verdict is not None:
                    met[label].append(verdict)
                marks.append(cell.text(known, objective) + {None: "  ", True: " ✓", False: " ✗"}[verdict])
            winner = f" ({cells[0].result.solver.value})"
            print(
                f"{name:<22} {objective.value:<3} {limit:>4g}s {known:>6} | "
                + " | ".join(f"{mark:<26}" for mark in marks)
                + winner,
                flush=True,
            )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        "bars: gap7–gap12 max proved optimal at each limit, D and E 10×100 and 20×100 min within "
        f"{BAR_CLOSE_GAP:.0%} of the best known value at {BAR_CLOSE_LIMIT:g} s; load average now {load}"
    )
    for label in solvers:
        print(f"  {label:<13} meets {sum(met[label])}/{len(met[label])} bars")


def part_orlib(args: argparse.Namespace) -> None:
    options = SolveOptions(time_limit=args.orlib_limit, seed=args.seed, first_solution=args.first_solution)
    print(
        f"\n== OR-Library GAP: limit {args.orlib_limit:g} s, first solution {args.first_solution.value}, {options.worker_count} workers =="
    )
    rows = []
    for name, objective, known in orlib_instances(args.orlib_filter, args.quick):
        problem = instance_problem(read_orlib(ORLIB / name)[0], objective)
        rows.append(solve_both(name, problem, known, options, not args.no_milp))
    summarise("OR-Library", rows, args.orlib_limit)


def demo_frames() -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The demo data set (fixtures.demo) in the aid CSV contract, or None when it cannot be built."""
    try:
        from fixtures import demo
    except ImportError as error:  # the demo generator is optional for this benchmark
        print(f"(fixtures.demo not available: {error})")
        return None
    data = demo.generate()
    offers = data.frames["aid_offers"]
    offers = offers[offers["year"] == str(demo.YEAR)]
    places = data.frames["enterprises"].set_index("credit_code")
    enterprises = pd.DataFrame(
        {
            "enterprise_id": offers["enterprise_credit_code"].to_numpy(),
            "capacity": offers["annual_budget"].to_numpy(),
            "max_villages": offers["max_villages"].to_numpy(),
            "capabilities": offers["capabilities"].to_numpy(),
            "county_code": places.loc[offers["enterprise_credit_code"], "county_code"].to_numpy(),
            "township_code": places.loc[offers["enterprise_credit_code"], "township_code"].to_numpy(),
            "park_id": places.loc[offers["enterprise_credit_code"], "park_code"].to_numpy(),
        },
        dtype=object,
    )
    village_frame = data.frames["villages"]
    previous = dict(
        zip(data.past_aid_pairs["village_code"], data.past_aid_pairs["enterprise_credit_code"], strict=True)
    )
    villages = pd.DataFrame(
        {
            "village_id": village_frame["division_code"].to_numpy(),
            "name": village_frame["name"].to_numpy(),
            "county_code": village_frame["county_code"].to_numpy(),
            "township_code": village_frame["township_code"].to_numpy(),
            "population": village_frame["population"].to_numpy(),
            "income": village_frame["income_per_capita"].to_numpy(),
            "needs": village_frame["needs"].to_numpy(),
            "previous_enterprise_id": [previous.get(code, "") for code in village_frame["division_code"]],
        },
        dtype=object,
    )
    return enterprises, villages


def part_demo(args: argparse.Namespace) -> None:
    options = SolveOptions(time_limit=args.demo_limit, seed=args.seed, first_solution=args.first_solution)
    print(f"\n== demo scale (96 × 101): limit {args.demo_limit:g} s ==")
    rows = []
    frames = demo_frames()
    instances: list[tuple[str, pd.DataFrame, pd.DataFrame]] = []
    if frames is not None:
        instances.append(("fixtures.demo (seed 2026)", *frames))
    for seed in range(3 if args.quick else 10):
        instances.append((f"generated 96×101 seed {seed}", *profile_frames(ProfileShape(), seed)))
    for name, enterprises, villages in instances:
        started = time.perf_counter()
        problem = problem_from_frames(enterprises, villages)
        scored = time.perf_counter() - started
        print(f"  {name}: {len(problem.pairs)} acceptable pairs, validated and scored in {scored:.2f} s")
        rows.append(solve_both(name, problem, None, options, not args.no_milp))
    frames_outcome = run_pairing(problem_from_frames(*instances[0][1:]), options)
    print(
        f"  whole run_pairing (pre-check, solve, check) on {instances[0][0]}: "
        f"{frames_outcome.timings.total:.2f} s, {frames_outcome.result.summary_line()}"
    )
    summarise("demo", rows, args.demo_limit)


def part_large(args: argparse.Namespace) -> None:
    options = SolveOptions(time_limit=args.large_limit, seed=args.seed, first_solution=args.first_solution)
    print(
        f"\n== larger generated instances: limit {args.large_limit:g} s (target: within 1 % of the best bound) =="
    )
    shapes = [
        (
            "20×200 tight budgets",
            ProfileShape(
                enterprises=20, villages=200, villages_per_enterprise=(10, 14), budget_per_village=15_000
            ),
            AidParameters(),
        ),
    ]
    if not args.quick:
        shapes.append(
            (
                "500×5000 sparse",
                ProfileShape(enterprises=500, villages=5000, villages_per_enterprise=(10, 20)),
                AidParameters(candidates_per_village=10, candidates_per_enterprise=20),
            )
        )
    for name, shape, parameters in shapes:
        started = time.perf_counter()
        enterprises, villages = profile_frames(shape, args.seed)
        problem = problem_from_frames(enterprises, villages, parameters=parameters)
        print(
            f"  {name}: {len(problem.pairs)} acceptable pairs, generated, validated and scored in {time.perf_counter() - started:.2f} s"
        )
        row = solve_both(name, problem, None, options, not args.no_milp)
        within = row.cp_sat.gap is not None and row.cp_sat.gap <= 0.01
        print(
            f"  {name}: CP-SAT {'within' if within else 'NOT within'} 1 % of the best bound at {args.large_limit:g} s; peak memory {peak_mb():.0f} MB"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--parts", default="orlib,demo,large", help="comma-separated: orlib, bars, demo, large"
    )
    parser.add_argument(
        "--quick", action="store_true", help="gap1–6 and type A, 3 demo seeds, 20 × 200 only at 10 s"
    )
    parser.add_argument("--no-milp", action="store_true", help="skip the scipy.optimize.milp comparison")
    parser.add_argument("--orlib-filter", default="*", help="glob on the instance path, e.g. 'chu1997/c*'")
    parser.add_argument("--orlib-limit", type=float, default=10.0)
    parser.add_argument(
        "--bar-limits",
        default=f"{SolveOptions().time_limit:g},{BAR_CLOSE_LIMIT:g}",
        help="comma-separated time limits for --parts bars",
    )
    parser.add_argument("--demo-limit", type=float, default=5.0)
    parser.add_argument("--large-limit", type=float, default=60.0)
    parser.add_argument(
        "--first-solution",
        type=FirstSolution,
        default=SolveOptions().first_solution,
        choices=list(FirstSolution),
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.quick and args.large_limit == 60.0:
        args.large_limit = 10.0
    parts = [part.strip() for part in args.parts.split(",") if part.strip()]
    unknown = set(parts) - {"orlib", "bars", "demo", "large"}
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"aid-pairing benchmark: {os.cpu_count()} cores, load average {load}, python {sys.version.split()[0]}"
    )
    started = time.perf_counter()
    if "orlib" in parts:
        part_orlib(args)
    if "bars" in parts:
        part_bars(args)
    if "demo" in parts:
        part_demo(args)
    if "large" in parts:
        part_large(args)
    print(f"\ntotal {time.perf_counter() - started:.0f} s; peak memory (ru_maxrss) {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
