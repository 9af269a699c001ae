"""Two overlapping imports at once, as users run them: do both files land?

    .venv/bin/python bench/bench_import_concurrency.py [--rounds 50] [--rows 20000] [--url DATABASE_URL]

Each round empties the graduates, stores the first tenth of them again, then starts two real commands at
the same moment (`python -m matching data import graduates a.csv` and `… b.csv`). File A holds keys
0…rows-1, file B keys rows/2…3·rows/2-1: half of each file is new in both, and the keys they share carry
different salaries, so the stored result must be exactly one of the two serial orders (A then B, or B then
A). Prints, per round and in total: commands refused, rows missing, rounds that match neither serial order
(a torn or lost import), and the time a round took. `--url` is a scratch database (migrated, and its
graduates emptied every round); by default a new SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

ROOT = Path(__file__).resolve().parents[1]
HEADER = "code,name,university,major_code,degree,graduation_year,home_county_code,expected_salary\n"


def graduates_csv(path: Path, keys: range, salary: int) -> Path:
    rows = (f"G{k:07d},毕业生{k},辽东学院,080901,本科,2026,210603,{salary + k}\n" for k in keys)
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--rows", type=int, default=20000, help="rows per file")
    parser.add_argument("--url", help="a scratch database (default: a new SQLite file)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="imports-"))
    url = args.url or f"sqlite:///{work / 'bench.db'}"
    env = {**os.environ, "DATABASE_URL": url, "MATCHING_AUDIT_KEY_FILE": str(work / "audit.key")}
    os.environ.update(env)  # this process's own imports (the reset) use the same database and key

    from matching.services import db
    from matching.services.access import Actor
    from matching.services.data_io import import_file
    from models import Graduate

    db.migrate_database(url)
    sessions = db.sessions(url)
    admin = Actor.system("bench")
    universities = work / "universities.csv"
    universities.write_text(
        "name,province,city,tags,national_rank\n辽东学院,辽宁,丹东,,500+\n", encoding="utf-8"
    )
    import_file(sessions, "universities", universities, actor=admin)
    half = args.rows // 2
    base = graduates_csv(work / "base.csv", range(0, args.rows // 10), 1000)
    file_a = graduates_csv(work / "a.csv", range(0, args.rows), 5000)
    file_b = graduates_csv(work / "b.csv", range(half, half + args.rows), 8000)

    def reset() -> None:
        with sessions() as session, session.begin():
            session.execute(delete(Graduate))
        import_file(sessions, "graduates", base, actor=admin)

    def stored() -> list[Any]:
        with sessions() as session:
            return list(
                session.execute(select(Graduate.code, Graduate.expected_salary).order_by(Graduate.code))
            )

    serial = []
    for first, second in ((file_a, file_b), (file_b, file_a)):
        reset()
        import_file(sessions, "graduates", first, actor=admin)
        import_file(sessions, "graduates", second, actor=admin)
        serial.append(stored())
    expected_rows = len(serial[0])

    refused = missing = torn = 0
    seconds = []
    print(
        f"{db.engine(url).dialect.name}: {args.rounds} rounds, two files of {args.rows} rows, {half} shared"
    )
    for number in range(1, args.rounds + 1):
        reset()
        started = time.perf_counter()
        commands = [
            subprocess.Popen(
                [sys.executable, "-m", "matching", "data", "import", "graduates", str(path)],
                cwd=ROOT,
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
            for path in (file_a, file_b)
        ]
        errors = []
        for command in commands:
            _, err = command.communicate(timeout=600)
            if command.returncode != 0:
                errors.append(err.strip())
        seconds.append(time.perf_counter() - started)
        rows = stored()
        refused += len(errors)
        missing += expected_rows - len(rows)
        torn += rows not in serial
        if errors or rows not in serial:
            print(
                f"  round {number}: {len(errors)} refused, {expected_rows - len(rows)} rows missing; {errors}"
            )
    print(
        f"  refused {refused}, rows missing {missing}, rounds matching no serial order {torn}; "
        f"a round (two commands) took {statistics.median(seconds):.1f} s median, {max(seconds):.1f} s at most"
    )
    return 1 if refused or missing or torn else 0


if __name__ == "__main__":
    sys.exit(main())
