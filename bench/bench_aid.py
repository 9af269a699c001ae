"""Aid-pairing benchmark: prints solve figures for the sizes of issue 4, CP-SAT beside scipy's HiGHS.

    .venv/bin/python bench/bench_aid.py                        # everything (about 25 minutes)
    .venv/bin/python bench/bench_aid.py --quick                # gap1–6, type A, the demo, 20 × 200 at 10 s
    .venv/bin/python bench/bench_aid.py --parts orlib --orlib-filter 'chu1997/c*'

Parts:
  orlib  every OR-Library instance in tests/data/orlib-gap (gap1–gap6 both ways, types A–C minimised):
         proved optimal and equal to the known optimum within --orlib-limit (10 s) each?
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching.aid.milp import solve_pairing_milp  # noqa: E402
from matching.aid.orlib import instance_problem, read_orlib  # noqa: E402
from matching.aid.pairing import (  # noqa: E402
    FirstSolution,
    SolveOptions,
    solve_pairing,
)
from matching.aid.parameters import AidParameters  # noqa: E402
from matching.aid.problem import AidProblem, Objective  # noqa: E402
from matching.aid.result import PairingResult, Solver, format_number  # noqa: E402
from matching.aid.run import run_pairing  # noqa: E402
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
        minimum = {row["Path"]: int(row["Optimum"]) for row in csv.DictReader(handle)}
    cases: list[tuple[str, Objective, int]] = []
    for row in small:
        cases.append((row["instance_file"], Objective.MAX, int(row["optimum_max"])))
        cases.append((row["instance_file"], Objective.MIN, int(row["optimum_min"])))
    for path in sorted((ORLIB / "chu1997").iterdir()):
        name = f"chu1997/{path.name}"
        if quick and not path.name.startswith("a"):
            continue
        cases.append((name, Objective.MIN, minimum[name]))
    return [case for case in cases if fnmatch.fnmatch(case[0], pattern)]


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
    parser.add_argument("--parts", default="orlib,demo,large", help="comma-separated: orlib, demo, large")
    parser.add_argument(
        "--quick", action="store_true", help="gap1–6 and type A, 3 demo seeds, 20 × 200 only at 10 s"
    )
    parser.add_argument("--no-milp", action="store_true", help="skip the scipy.optimize.milp comparison")
    parser.add_argument("--orlib-filter", default="*", help="glob on the instance path, e.g. 'chu1997/c*'")
    parser.add_argument("--orlib-limit", type=float, default=10.0)
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
    unknown = set(parts) - {"orlib", "demo", "large"}
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"aid-pairing benchmark: {os.cpu_count()} cores, load average {load}, python {sys.version.split()[0]}"
    )
    started = time.perf_counter()
    if "orlib" in parts:
        part_orlib(args)
    if "demo" in parts:
        part_demo(args)
    if "large" in parts:
        part_large(args)
    print(f"\ntotal {time.perf_counter() - started:.0f} s; peak memory (ru_maxrss) {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
