"""Fair-day timetable benchmark: prints time, quality (objective, bound, gap) and peak memory.

    .venv/bin/python bench/bench_timetable.py                    # every scenario (about 4 minutes)
    .venv/bin/python bench/bench_timetable.py --only demo-10s    # one scenario

Scenarios (synthetic fairs from `matching.jobfair.timetable.synthetic`, seeded):
- demo-10s, demo-60s: the demo scale of issue 5 (143 booths with 1–3 interviewers, 2,000 graduates with up
  to 3 interviews each, about 5,000 interviews, 16 slots of 30 minutes) with a 10 s and a 60 s limit.
  Targets: a feasible timetable in ≤ 10 s; the gap after 60 s is printed.
- demo-gap: the same fair with a 30-minute walking gap (one free slot between two interviews), 10 s.
- large-60s: a fair five times larger (715 booths, 10,000 graduates, about 25,000 interviews), 60 s.
- reschedule: the demo-10s timetable, then 10% of its interviews are no-shows at 11:00, a booth arrives late
  and 20 walk-ins come; re-planned with the CLI's default limit for re-plans (4 s). Target: ≤ 5 s.
- export: XLSX and printable HTML of the demo timetable.
- page: the demo fair's first timetable as the timetable page makes it (issue 14, item 6; target ≤ 10 s with
  the page's default 10 s limit): on a fresh SQLite database seeded with the demo data (`demo seed`), a
  shortlist run, then `schedule_event` (the service call behind the page's button) split into its parts
  (load, the core's phases, store, commit), then what the page does after it (the timetable page run in
  Streamlit's AppTest: its queries and rendering), against the 10 s target, with the scheduled share.
  The shortlist is seeded (BENCH_SHORTLIST_SEED, default 1) so that the figures repeat.
- formulations: the placement model (no idle term) as booleans with AtMostOne windows (what the package
  uses) against optional intervals with cumulative booths and no-overlap graduates, 20 s each from the
  same hint, without and with the 30-minute gap.

Each scenario runs in its own process, so "peak RSS" (ru_maxrss) is that scenario's own peak memory
(numpy, pandas, OR-Tools and all); "peak traced" is tracemalloc's peak of Python allocations during the
build, which excludes the C++ solver.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ortools.sat.python import cp_model  # noqa: E402

from matching.jobfair.timetable import (  # noqa: E402
    SolveOptions,
    TimetableResult,
    build_problem,
    plan_schedule,
    render_html,
    reschedule_frames,
    schedule_frames,
    write_xlsx,
)
from matching.jobfair.timetable.export import Audience, Selection  # noqa: E402
from matching.jobfair.timetable.model import (  # noqa: E402
    build_candidates,
    compact_idle,
    fill_greedily,
    fixed_timetable,
    placement_rows,
)
from matching.jobfair.timetable.reschedule import DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS  # noqa: E402
from matching.jobfair.timetable.slots import slot_map  # noqa: E402
from matching.jobfair.timetable.synthetic import SyntheticFair, synthetic_fair  # noqa: E402

MB = 1024 * 1024
SEED = 2026
SHORTLIST_SEED = int(os.environ.get("BENCH_SHORTLIST_SEED", "1"))  # the "page" scenario's shortlist


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def describe(result: TimetableResult) -> str:
    gap = f"{result.gap:.6f}" if result.bound is not None else "-"
    first = f"{result.first_solution_seconds:.2f}" if result.first_solution_seconds is not None else "-"
    objective = f"{result.objective:,}" if result.objective is not None else "-"
    bound = f"{result.bound:,}" if result.bound is not None else "-"
    return (
        f"status {result.status.value}; scheduled {result.scheduled_count:,}/{result.requested_count:,}; "
        f"objective {objective}; bound {bound}; gap {gap}; moved {result.moved_count}; "
        f"idle slots {result.idle_slots():,}; first timetable after {first} s"
    )


def timed_schedule(fair: SyntheticFair, limit: float) -> tuple[TimetableResult, float]:
    started = time.perf_counter()
    result = schedule_frames(
        fair.fair,
        fair.interviews,
        fair.booths,
        fair.graduates,
        SolveOptions(time_limit=limit, seed=0),
    )
    return result, time.perf_counter() - started


def phases(result: TimetableResult) -> str:
    return ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.timings.seconds.items())


def scenario_demo(limit: float, gap_minutes: int = 0) -> None:
    fair = synthetic_fair(seed=SEED, min_gap_minutes=gap_minutes)
    print(
        f"  {len(fair.booths)} booths, {len(fair.graduates):,} graduates, {len(fair.interviews):,} interviews"
    )
    tracemalloc.start()
    problem = build_problem(fair.fair, fair.interviews, fair.booths, fair.graduates)
    plan = plan_schedule(problem)
    slots = slot_map(problem, plan)
    candidates = build_candidates(problem, plan, slots)
    rows = placement_rows(problem, slots, candidates, require_all=False)
    traced = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    print(
        f"  model: {len(candidates):,} booleans x[i, s], {len(rows.members):,} placement rows; peak traced {traced:.0f} MB"
    )
    result, seconds = timed_schedule(fair, limit)
    print(f"  {describe(result)}")
    print(f"  wall {seconds:.2f} s (limit {limit:g} s); phases: {phases(result)}")


def scenario_large() -> None:
    fair = synthetic_fair(143 * 5, 2_000 * 5, seed=SEED)
    print(
        f"  {len(fair.booths)} booths, {len(fair.graduates):,} graduates, {len(fair.interviews):,} interviews"
    )
    result, seconds = timed_schedule(fair, 60.0)
    print(f"  {describe(result)}")
    print(f"  wall {seconds:.2f} s (limit 60 s); phases: {phases(result)}")


def scenario_reschedule() -> None:
    fair = synthetic_fair(seed=SEED)
    first, _ = timed_schedule(fair, 10.0)
    previous = first.timetable_frame()
    rng = np.random.default_rng(SEED)
    interviews = fair.interviews.copy()
    interviews["status"] = "pending"
    scheduled = np.flatnonzero(previous["start"].to_numpy() != "")
    no_shows = rng.choice(scheduled, size=len(scheduled) // 10, replace=False)
    interviews.loc[no_shows, "status"] = "no_show"
    booths = fair.booths.copy()
    late = booths.index[booths["arrives"] == ""][0]
    booths.loc[late, "arrives"] = "12:00"
    walk_ins = fair.interviews.sample(20, random_state=SEED).assign(
        graduate_id=[f"W{k:03d}" for k in range(20)], status="pending"
    )
    interviews = pd.concat([interviews, walk_ins[interviews.columns]], ignore_index=True)
    print(
        f"  {len(no_shows):,} no-shows (10% of {len(scheduled):,} scheduled) at 11:00, booth "
        f"{booths.loc[late, 'enterprise_id']} arrives at 12:00 instead, 20 walk-ins"
    )
    started = time.perf_counter()
    result = reschedule_frames(
        fair.fair,
        interviews,
        booths,
        fair.graduates,
        previous,
        "11:00",
        SolveOptions(time_limit=DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS),
    )
    seconds = time.perf_counter() - started
    print(f"  {describe(result)}")
    print(
        f"  wall {seconds:.2f} s (limit {DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS:g} s, the CLI default; target ≤ 5 s); "
        f"phases: {phases(result)}"
    )


def scenario_export() -> None:
    fair = synthetic_fair(seed=SEED)
    result, _ = timed_schedule(fair, 10.0)
    started = time.perf_counter()
    buffer = io.BytesIO()
    write_xlsx(result, buffer)
    xlsx_seconds = time.perf_counter() - started
    started = time.perf_counter()
    page = render_html(result)
    html_seconds = time.perf_counter() - started
    print(f"  XLSX {xlsx_seconds:.2f} s, {len(buffer.getvalue()) / MB:.1f} MB (3 sheets)")
    print(
        f"  HTML {html_seconds:.2f} s, {len(page.encode()) / MB:.1f} MB, {page.count('<section'):,} printed pages"
    )
    started = time.perf_counter()
    booth = render_html(
        result, selection=Selection(Audience.BOOTH, str(fair.booths["enterprise_id"].iloc[0]))
    )
    print(f"  HTML for one booth {time.perf_counter() - started:.2f} s, {booth.count('<section'):,} page")


def scenario_formulations() -> None:
    for gap_minutes in (0, 30):
        fair = synthetic_fair(seed=SEED, min_gap_minutes=gap_minutes)
        problem = build_problem(fair.fair, fair.interviews, fair.booths, fair.graduates)
        plan = plan_schedule(problem)
        slots = slot_map(problem, plan)
        candidates = build_candidates(problem, plan, slots)
        hint = compact_idle(
            problem,
            plan,
            slots,
            candidates,
            fill_greedily(problem, plan, slots, candidates, fixed_timetable(plan)),
        )
        weights = np.zeros(problem.interviews.count, dtype=np.int64)
        np.maximum.at(weights, candidates.interview, candidates.gain)
        hinted = int(weights[hint >= 0].sum())
        for name, build in (
            ("booleans + AtMostOne windows", _boolean_model),
            ("intervals + cumulative", _interval_model),
        ):
            started = time.perf_counter()
            model = build(problem, plan, slots, candidates, weights, hint)
            built = time.perf_counter() - started
            solver = cp_model.CpSolver()
            solver.parameters.max_time_in_seconds = 20.0
            solver.parameters.num_workers = os.cpu_count() or 1
            solver.parameters.random_seed = 0
            solver.parameters.cp_model_probing_level = 0  # as in the package
            solver.parameters.symmetry_level = 0
            code = solver.solve(model)
            gap = (solver.best_objective_bound - solver.objective_value) / max(
                abs(solver.best_objective_bound), 1
            )
            print(
                f"  gap {gap_minutes:2d} min, {name:29s}: build {built:.2f} s, {solver.status_name(code)}, objective "
                f"{solver.objective_value:,.0f} (hint {hinted:,}), bound {solver.best_objective_bound:,.0f}, gap {gap:.4f}"
            )


def _boolean_model(problem, plan, slots, candidates, weights, hint) -> cp_model.CpModel:  # type: ignore[no-untyped-def]
    rows = placement_rows(problem, slots, candidates, require_all=False)
    model = cp_model.CpModel()
    x = [model.new_bool_var("") for _ in range(len(candidates))]
    for members, upper in zip(rows.members, rows.upper, strict=True):
        literals = [x[m] for m in members.tolist()]
        if upper == 1:
            model.add_at_most_one(literals)
        else:
            model.add(cp_model.LinearExpr.sum(literals) <= upper)
    model.maximize(cp_model.LinearExpr.weighted_sum(x, weights[candidates.interview].tolist()))
    chosen = hint[candidates.interview] == candidates.slot
    for literal, value in zip(x, chosen.tolist(), strict=True):
        model.add_hint(literal, value)
    return model


def _interval_model(problem, plan, slots, candidates, weights, hint) -> cp_model.CpModel:  # type: ignore[no-untyped-def]
    interviews = problem.interviews
    width = problem.fair.gap_slots + 1
    model = cp_model.CpModel()
    present: dict[int, cp_model.IntVar] = {}
    booth_intervals: dict[int, list[cp_model.IntervalVar]] = {}
    graduate_intervals: dict[int, list[cp_model.IntervalVar]] = {}
    for index in np.unique(candidates.interview).tolist():
        allowed = candidates.slot[candidates.interview == index].tolist()
        start = model.new_int_var_from_domain(cp_model.Domain.from_values(allowed), "")
        is_present = model.new_bool_var("")
        present[index] = is_present
        booth_intervals.setdefault(int(interviews.booth[index]), []).append(
            model.new_optional_fixed_size_interval_var(start, 1, is_present, "")
        )
        graduate_intervals.setdefault(int(interviews.graduate[index]), []).append(
            model.new_optional_fixed_size_interval_var(start, width, is_present, "")
        )
        if hint[index] >= 0:
            model.add_hint(start, int(hint[index]))
        else:
            model.add_hint(start, allowed[0])
        model.add_hint(is_present, bool(hint[index] >= 0))
    for booth, intervals in booth_intervals.items():
        model.add_cumulative(intervals, [1] * len(intervals), int(problem.booths.interviewers[booth]))
    for graduate, intervals in graduate_intervals.items():
        if len(intervals) > 1:
            model.add_no_overlap(intervals)
        room = int(slots.graduate_room[graduate])
        if room < len(intervals):
            members = [present[i] for i in present if interviews.graduate[i] == graduate]
            model.add(cp_model.LinearExpr.sum(members) <= room)
    indices = list(present)
    model.maximize(cp_model.LinearExpr.weighted_sum([present[i] for i in indices], weights[indices].tolist()))
    return model


def scenario_page() -> None:
    import tempfile

    from sqlalchemy import select
    from streamlit.testing.v1 import AppTest

    from fixtures.demo import EVENT_CODE
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.demo import seed_demo
    from matching.services.jobfair import SolveOptions as JobFairOptions
    from matching.services.jobfair import run_event
    from matching.services.timetable import SolveOptions as PageOptions
    from matching.services.timetable import schedule_event
    from models import JobFairEvent

    target, limit = 10.0, 10.0  # the page's slider starts at 10 s
    admin = Actor.system("bench")
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("MATCHING_AUDIT_KEY", "bench-" + "0" * 40)
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        os.environ["DATABASE_URL"] = url
        db.migrate_database(url)
        sessions = db.sessions(url)
        seed_demo(sessions, admin)
        with sessions() as session:
            event = session.scalars(select(JobFairEvent.code).where(JobFairEvent.code == EVENT_CODE)).one()
        # a seeded shortlist, so that the figures repeat (`--shortlist-seed`; the page's first run draws one)
        shortlist = JobFairOptions.for_method("shortlist", seed=SHORTLIST_SEED)
        run_event(sessions, event, shortlist, actor=admin)
        started = time.perf_counter()
        summary, result = schedule_event(sessions, event, PageOptions(time_limit=limit), actor=admin)
        service_seconds = time.perf_counter() - started
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
        app.run()
        started = time.perf_counter()
        app.switch_page("matching/ui/pages/timetable.py").run()
        page_seconds = time.perf_counter() - started
        assert not app.exception, app.exception
        db.engine(url).dispose()
    parts = summary.seconds
    core = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.timings.seconds.items())
    total = service_seconds + page_seconds
    print(f"  {summary.requested:,} interviews from {summary.source}")
    print(f"  {describe(result)}")
    print(f"  scheduled share {summary.scheduled / max(summary.requested, 1):.2%} ({result.message})")
    print(
        f"  schedule_event {service_seconds:.2f} s: load {parts['load']:.2f}, solve {parts['solve']:.2f} "
        f"(core: {core}), store {parts['store']:.2f}, commit {parts['commit']:.2f}"
    )
    print(f"  the page after it (AppTest run of the timetable page) {page_seconds:.2f} s")
    verdict = "met" if total <= target else "MISSED"
    print(f"  page path {total:.2f} s against the {target:g} s target ({limit:g} s solver limit): {verdict}")


SCENARIOS: dict[str, tuple[str, Callable[[], None]]] = {
    "demo-10s": ("demo scale, 10 s limit", lambda: scenario_demo(10.0)),
    "demo-60s": ("demo scale, 60 s limit", lambda: scenario_demo(60.0)),
    "demo-gap": ("demo scale with a 30-minute walking gap, 10 s limit", lambda: scenario_demo(10.0, 30)),
    "large-60s": ("five times the demo scale, 60 s limit", scenario_large),
    "reschedule": ("re-schedule the demo day after 10% no-shows", scenario_reschedule),
    "export": ("XLSX and HTML of the demo timetable", scenario_export),
    "page": ("the demo fair's first timetable on the page (service call + page run)", scenario_page),
    "formulations": ("placement model: booleans vs intervals (20 s each)", scenario_formulations),
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=list(SCENARIOS), help="run one scenario in this process")
    args = parser.parse_args()
    if args.only:
        title, run = SCENARIOS[args.only]
        print(f"[{args.only}] {title}")
        run()
        print(f"  peak RSS {peak_rss_mb():.0f} MB")
        return
    print(f"{os.cpu_count()} CPUs; OR-Tools workers = CPUs")
    for name in SCENARIOS:
        subprocess.run([sys.executable, __file__, "--only", name], check=True)


if __name__ == "__main__":
    main()
