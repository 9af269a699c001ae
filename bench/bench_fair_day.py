"""The demo fair's day, end to end through the services: does the shortlist fit the timetable, does
everyone get a recommendation, and do re-runs move nobody when nothing changed?

    .venv/bin/python bench/bench_fair_day.py                 # the demo fair (2,000 graduates, 143 booths)
    .venv/bin/python bench/bench_fair_day.py --scale 0.5     # a smaller fair

On a fresh SQLite database seeded with the demo data (`demo seed`), it prints:
1. the shortlist run (no seed given): recommendations, graduates with at least one, and the graduates
   left with none while an acceptable booth still had interview capacity (target 0), checked here from
   the candidate set, not from the solver's own accounting; graduates over their registered
   `max_interviews` (target 0);
2. a re-run of every method without a seed, nothing changed: graduates moved (target 0);
3. a re-run of every method after an official's decision (one rejection): who moved and why, and what
   keeping cost;
4. every proposal of the latest shortlist approved through the service, then `schedule_event` (the
   service behind `jobfair schedule --event`, 10 s solver limit): the share of the approved shortlist
   scheduled (target ≥ 99 %), the unscheduled interviews by reason; then a shortlist re-run with every
   recommendation approved (they stay fixed: 0 moved).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixtures.demo import EVENT_CODE  # noqa: E402
from matching.jobfair.result import JobFairResult  # noqa: E402
from matching.jobfair.shortlist import interview_capacity, recommendation_limit  # noqa: E402
from matching.services import db  # noqa: E402
from matching.services.access import Actor  # noqa: E402
from matching.services.decisions import decide_many  # noqa: E402
from matching.services.demo import seed_demo  # noqa: E402
from matching.services.jobfair import RunSummary, SolveOptions, run_event  # noqa: E402
from matching.services.timetable import SolveOptions as TimetableOptions  # noqa: E402
from matching.services.timetable import schedule_event  # noqa: E402
from models import DecisionAction, Graduate, JobFairEvent, Proposal, Registration  # noqa: E402

ADMIN = Actor.system("bench")
METHODS = ("stable", "welfare", "shortlist")


def line(label: str, value: object = "", extra: str = "") -> None:
    print(f"  {label:<62}{value!s:>12}   {extra}".rstrip(), flush=True)


def without_recommendation(result: JobFairResult) -> tuple[int, int]:
    """Graduates with no recommendation though one of their candidate booths had interview capacity left
    and they had a place left; and graduates over their registered limit. Counted from the candidate set."""
    candidates = result.candidates
    assert candidates is not None
    problem = candidates.problem
    per_graduate = result.method_options.per_graduate
    enterprise = problem.positions.enterprise_index[candidates.position]
    chosen = result.pairs
    load = np.bincount(enterprise[chosen], minlength=len(problem.positions.enterprise_ids))
    room = interview_capacity(problem) - load
    count = np.bincount(candidates.graduate[chosen], minlength=problem.graduate_count)
    limit = recommendation_limit(problem, per_graduate)
    open_pair = (room[enterprise] > 0) & (candidates.residual_capacity[candidates.position] > 0)
    reachable = np.bincount(candidates.graduate[open_pair], minlength=problem.graduate_count) > 0
    left_out = int(((count == 0) & (limit > 0) & reachable).sum())
    return left_out, int((count > limit).sum())


def shortlist_figures(summary: RunSummary, result: JobFairResult, registered: dict[str, int]) -> None:
    candidates = result.candidates
    assert candidates is not None
    left_out, over = without_recommendation(result)
    ids = candidates.problem.graduates.ids
    per_graduate = Counter(ids[candidates.graduate[result.pairs]].tolist())
    over_registered = sum(1 for g, n in per_graduate.items() if n > registered.get(g, n))
    problem = candidates.problem
    day = int(interview_capacity(problem).sum())
    line("recommendations", len(result.pairs), f"the booths' day holds {day:,} interviews")
    line("graduates with at least one", f"{len(per_graduate)}/{summary.graduates}")
    line("graduates with none while an acceptable booth had room (target 0)", left_out)
    line("graduates over their registered max_interviews (target 0)", over_registered + over)
    line("recommendations per graduate", "", str(sorted(Counter(per_graduate.values()).items())))


def moves_line(label: str, summary: RunSummary) -> None:
    reasons = Counter(move.reason.value for move in summary.moves)
    extra = f"seed {summary.seed} (from run {summary.seed_from_run})" if summary.seed_from_run else ""
    line(label, summary.moved, (extra + " " + str(dict(reasons))).strip() if reasons else extra)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="demo scale (1 = 2,000 graduates)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="timetable solver limit, seconds")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("MATCHING_AUDIT_KEY", "bench-" + "0" * 40)
        url = f"sqlite:///{Path(folder) / 'fair.db'}"
        db.migrate_database(url)
        sessions = db.sessions(url)
        started = time.perf_counter()
        seed_demo(sessions, ADMIN, scale=args.scale)
        with sessions() as session:
            event = session.scalars(select(JobFairEvent.code).where(JobFairEvent.code == EVENT_CODE)).one()
            registered = {
                code: limit
                for code, limit in session.execute(
                    select(Registration.graduate_id, Registration.max_interviews)
                ).all()
            }
            codes = dict(session.execute(select(Graduate.id, Graduate.code)).all())
        registered_by_code = {codes[g]: limit for g, limit in registered.items() if limit is not None}
        print(f"demo fair {event}, scale {args.scale} (seeded in {time.perf_counter() - started:.1f} s)")

        print("\n1. shortlist (no seed given)")
        started = time.perf_counter()
        shortlist, result = run_event(sessions, event, SolveOptions.for_method("shortlist"), actor=ADMIN)
        line("run (service, end to end)", f"{time.perf_counter() - started:.2f} s", shortlist.summary)
        shortlist_figures(shortlist, result, registered_by_code)

        print("\n2. re-runs without a seed, nothing changed (target 0 moved)")
        for method in METHODS:
            if method != "shortlist":
                run_event(sessions, event, SolveOptions.for_method(method), actor=ADMIN)
            again, _ = run_event(sessions, event, SolveOptions.for_method(method), actor=ADMIN)
            moves_line(f"{method}: graduates moved", again)

        print(
            "\n3. re-runs after one rejection (stable as stability allows; welfare and shortlist keep within"
        )
        print("   1 % of the best total fit)")
        for method in METHODS:
            latest, _ = run_event(sessions, event, SolveOptions.for_method(method), actor=ADMIN)
            with sessions() as session:
                proposal = session.scalars(
                    select(Proposal)
                    .where(Proposal.run_id == latest.run_id, Proposal.position_id.is_not(None))
                    .order_by(Proposal.id)
                    .limit(1)
                ).one()
            decide_many(sessions, [(proposal.id, DecisionAction.REJECT, "bench", proposal.version)], ADMIN)
            after, after_result = run_event(sessions, event, SolveOptions.for_method(method), actor=ADMIN)
            moves_line(f"{method}: graduates moved", after)
            line("", "", after_result.summary())
            for move in after.moves[:3]:
                line("", "", move.message().text())
            if method == "shortlist":
                shortlist = after

        print("\n4. the whole shortlist approved, then the timetable (`jobfair schedule --event`)")
        with sessions() as session:
            proposals = session.execute(
                select(Proposal.id, Proposal.version).where(
                    Proposal.run_id == shortlist.run_id, Proposal.position_id.is_not(None)
                )
            ).all()
        decide_many(sessions, [(pid, DecisionAction.APPROVE, None, v) for pid, v in proposals], ADMIN)
        line("approved recommendations", len(proposals))
        started = time.perf_counter()
        timetable, table = schedule_event(
            sessions, event, TimetableOptions(time_limit=args.time_limit), actor=ADMIN
        )
        seconds = time.perf_counter() - started
        share = timetable.scheduled / max(timetable.requested, 1)
        line("scheduled (target ≥ 99 %)", f"{share:.2%}", f"{timetable.scheduled}/{timetable.requested}")
        reasons = Counter(table.timetable_frame()["reason"].tolist())
        reasons.pop("", None)
        line("unscheduled by reason", "", str(dict(reasons)))
        line("schedule (service, end to end)", f"{seconds:.2f} s", timetable.summary)
        parts = ", ".join(f"{name} {value:.2f}" for name, value in timetable.seconds.items())
        line("", "", f"{parts}; {table.message}")
        line("re-run of the approved shortlist", "", "")
        again, _ = run_event(sessions, event, SolveOptions.for_method("shortlist"), actor=ADMIN)
        moves_line("shortlist after approval: graduates moved", again)
        line("", "", again.summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
