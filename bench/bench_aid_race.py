"""The HiGHS race never outlives a solve: `aid solve DIR` run as a user runs it, exit codes counted.

    .venv/bin/python bench/bench_aid_race.py [--runs 100]

Runs the real command (`python -m matching aid solve DIR`) `--runs` times in a row on a small instance
(OR-Library a10100, where either solver may win) and once on each of nine OR-Library instances, and
prints the exit codes, which solver won, and whether any HiGHS child process outlived its run.
Before the child process, a HiGHS thread still inside C++ at interpreter exit aborted the process
(exit 134) whenever CP-SAT won.
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORLIB = ROOT / "tests" / "data" / "orlib-gap"
NINE = [
    "cattrysse1994/gap4-0",
    "cattrysse1994/gap5-2",
    "cattrysse1994/gap6-4",
    "chu1997/a20200",
    "chu1997/b05200",
    "chu1997/b10100",
    "chu1997/c10100",
    "chu1997/c10200",
    "chu1997/c20100",
]


def command(*words: str) -> list[str]:
    return [sys.executable, "-m", "matching", *words]


def leftover_children() -> int:
    """`aid solve` processes still running after their command returned: a forked HiGHS child carries its
    parent's command line, so an orphan would show here (none may survive its solve)."""
    found = subprocess.run(["pgrep", "-f", "matching aid solve"], capture_output=True, text=True)
    return len(found.stdout.split())


def solve(folder: Path, objective: str, seed: int) -> tuple[int, str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        command("aid", "solve", str(folder), "--objective", objective, "--seed", str(seed)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    solver = done.stderr.split("solver=")[1].split()[0] if "solver=" in done.stderr else "?"
    return done.returncode, solver, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="race-"))
    small = work / "a10100"
    subprocess.run(
        command("aid", "from-orlib", str(ORLIB / "chu1997" / "a10100"), str(small)),
        check=True,
        capture_output=True,
    )
    codes: collections.Counter[int] = collections.Counter()
    winners: collections.Counter[str] = collections.Counter()
    started = time.perf_counter()
    for seed in range(args.runs):
        code, solver, _ = solve(small, "min", seed)
        codes[code] += 1
        winners[solver] += 1
    print(
        f"a10100 (min) × {args.runs}: exit codes {dict(codes)}, won by {dict(winners)}, "
        f"{time.perf_counter() - started:.0f} s, HiGHS processes left: {leftover_children()}"
    )
    for name in NINE:
        folder = work / name.replace("/", "-")
        subprocess.run(
            command("aid", "from-orlib", str(ORLIB / name), str(folder)), check=True, capture_output=True
        )
        objective = "max" if name.startswith("cattrysse") else "min"
        code, solver, seconds = solve(folder, objective, 1)
        print(f"{name:<24} {objective}: exit {code}, won by {solver}, {seconds:5.1f} s")
    print(f"HiGHS processes left after all runs: {leftover_children()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
