"""Two imports at the same moment both land: overlapping files imported by separate processes end as one of
the two serial orders, every row stored, no error; a conflict that does remain is one line naming no
constraint and no SQL, and writes nothing."""

from __future__ import annotations

import multiprocessing
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import InputError
from matching.services.access import Actor
from matching.services.data_io import IMPORT_LOCK_KEY, import_file, import_frame
from models import Graduate, Park
from tests.conftest import Run

ADMIN = Actor.system("test")
ROUNDS = 20
HEADER = "code,name,university,major_code,degree,graduation_year,home_county_code,expected_salary\n"
UNIVERSITIES = "name,province,city,tags,national_rank\n辽东学院,辽宁,丹东,,500+\n"
PARKS = (
    "code,name,level,county_code\n"
    "HZQ,丹东边境经济合作区,national,210603\n"
    "QY,丹东前阳经济开发区,provincial,210681\n"
)
# Stored before every round: keys 0-39, which both files update.
STORED = range(0, 40)
# File A holds keys 0-199 and file B keys 100-299: 100 keys are new in both (they race to insert), 40 are
# stored already, and A and B give the keys they share different salaries, so the result shows which
# file was applied last, and a mix of the two (a torn import) would show too.
FILE_A = range(0, 200)
FILE_B = range(100, 300)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def graduates_csv(keys: range, salary: int) -> str:
    rows = (f"G{k:05d},毕业生{k},辽东学院,080901,本科,2026,210603,{salary + k}\n" for k in keys)
    return HEADER + "".join(rows)


def stored(sessions: sessionmaker[Session]) -> list[tuple[Any, ...]]:
    with sessions() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(Graduate.code, Graduate.name, Graduate.expected_salary).order_by(Graduate.code)
            )
        ]


def reset(sessions: sessionmaker[Session], base: Path) -> None:
    with sessions() as session, session.begin():
        session.execute(delete(Graduate))
    import_file(sessions, "graduates", base, actor=ADMIN)


def importer(url: str, path: str, start: Barrier, results: Any, rounds: int) -> None:
    """One process: a fresh engine, and one import of `path` each time the parent releases the barrier."""
    from models.session import make_engine, session_factory

    engine = make_engine(url)
    sessions = session_factory(engine)
    for _ in range(rounds):
        start.wait(timeout=120)
        try:
            report = import_file(sessions, "graduates", path, actor=Actor.system("child"))
            results.put(("ok", path, (report.inserted, report.updated, report.unchanged)))
        except Exception as error:  # reported to the parent, which fails the round
            results.put(("error", path, f"{type(error).__name__}: {error}"))
        start.wait(timeout=120)
    engine.dispose()


@contextmanager
def importers(url: str, paths: list[Path], rounds: int) -> Iterator[tuple[Barrier, Any]]:
    """One process per path, started fresh (spawn: nothing shared with this one); the barrier releases
    them together, the queue brings their answers."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(paths) + 1)
    results = context.Queue()
    children = [
        context.Process(target=importer, args=(url, str(path), start, results, rounds)) for path in paths
    ]
    for child in children:
        child.start()
    try:
        yield start, results
    finally:
        for child in children:
            child.join(timeout=60)
            if child.is_alive():
                child.kill()


@pytest.mark.slow
def test_overlapping_imports_in_two_processes_both_land(
    sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    import_file(sessions, "universities", _write(tmp_path, "universities.csv", UNIVERSITIES), actor=ADMIN)
    base = _write(tmp_path, "base.csv", graduates_csv(STORED, 1000))
    file_a = _write(tmp_path, "a.csv", graduates_csv(FILE_A, 5000))
    file_b = _write(tmp_path, "b.csv", graduates_csv(FILE_B, 8000))
    # What the two serial orders store.
    serial = []
    for first, second in ((file_a, file_b), (file_b, file_a)):
        reset(sessions, base)
        import_file(sessions, "graduates", first, actor=ADMIN)
        import_file(sessions, "graduates", second, actor=ADMIN)
        serial.append(stored(sessions))
    assert serial[0] != serial[1] and len(serial[0]) == 300

    outcomes = []
    with importers(database_url, [file_a, file_b], ROUNDS) as (start, results):
        for _ in range(ROUNDS):
            reset(sessions, base)
            start.wait(timeout=120)  # both children import now
            start.wait(timeout=300)  # both are done
            answers = sorted(results.get(timeout=10) for _ in range(2))
            outcomes.append((answers, stored(sessions)))
    errors = [answer for answers, _ in outcomes for answer in answers if answer[0] == "error"]
    assert errors == []
    assert all(
        [(path, sum(counts)) for _, path, counts in answers] == [(str(file_a), 200), (str(file_b), 200)]
        for answers, _ in outcomes
    )
    lost_or_torn = [n for n, (_, rows) in enumerate(outcomes) if rows not in serial]
    assert lost_or_torn == []


def test_a_conflict_that_remains_is_one_line_without_constraint_names_and_writes_nothing(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """A new park whose name another park already has: the database refuses it (park names are unique)."""
    import_file(sessions, "parks", _write(tmp_path, "parks.csv", PARKS), actor=ADMIN)
    clash = "code,name,level,county_code\nNEW1,丹东新区,municipal,210602\nNEW2,丹东边境经济合作区,municipal,210602\n"
    with pytest.raises(InputError) as caught:
        import_file(sessions, "parks", _write(tmp_path, "clash.csv", clash), actor=ADMIN)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Park)) == 2  # NEW1 was not written either
    refused_by = str(caught.value.__cause__)  # what the database said, constraint and SQL included
    assert "uq_parks_name" in refused_by or "parks.name" in refused_by
    for lang in ("en", "zh"):
        line = caught.value.summary(lang=lang)
        assert "\n" not in line and line.startswith("clash.csv: ")
        assert not re.search(r"uq_|parks\.|constraint|UNIQUE|INSERT|SQL|\[|\(sqlite3|psycopg", line)
    assert "conflicts with the stored records" in caught.value.summary(lang="en")
    assert "冲突" in caught.value.summary(lang="zh")


def test_the_same_file_imported_twice_at_once_changes_nothing_the_second_time(
    sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    """Both processes import one file; whichever comes second finds every row stored and unchanged."""
    import_file(sessions, "universities", _write(tmp_path, "universities.csv", UNIVERSITIES), actor=ADMIN)
    path = _write(tmp_path, "a.csv", graduates_csv(FILE_A, 5000))
    with importers(database_url, [path, path], 1) as (start, results):
        start.wait(timeout=120)
        start.wait(timeout=300)
        answers = [results.get(timeout=10) for _ in range(2)]
    assert sorted(answers) == [("ok", str(path), (0, 0, 200)), ("ok", str(path), (200, 0, 0))]
    assert len(stored(sessions)) == 200


@pytest.mark.slow
def test_an_import_waits_for_a_writer_holding_the_lock_and_then_lands(
    engine: Engine, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """SQLite: another connection holds the write lock for longer than busy_timeout, so the import's first
    try is turned down and the next one lands. PostgreSQL: another transaction holds the import lock."""
    holding, released = threading.Event(), threading.Event()
    hold_seconds = 11.0 if engine.dialect.name == "sqlite" else 2.0  # busy_timeout is 10 s

    def hold() -> None:
        if engine.dialect.name == "sqlite":
            raw = sqlite3.connect(str(engine.url.database), isolation_level=None)
            raw.execute("BEGIN IMMEDIATE")
            holding.set()
            time.sleep(hold_seconds)
            released.set()
            raw.execute("COMMIT")
            raw.close()
        else:
            with engine.begin() as connection:
                connection.execute(select(func.pg_advisory_xact_lock(IMPORT_LOCK_KEY)))
                holding.set()
                time.sleep(hold_seconds)
                released.set()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(timeout=30)
        import_file(sessions, "parks", _write(tmp_path, "parks.csv", PARKS), actor=ADMIN)
        assert released.is_set()  # it did not write while the other held the lock
    finally:
        holder.join()
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Park)) == 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_command_line_refuses_a_remaining_conflict_in_one_line(
    sessions: sessionmaker[Session],
    database_url: str,
    tmp_path: Path,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    import_file(sessions, "parks", _write(tmp_path, "parks.csv", PARKS), actor=ADMIN)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("MATCHING_LANG", lang)
    clash = _write(
        tmp_path, "clash.csv", "code,name,level,county_code\nNEW,丹东前阳经济开发区,municipal,210602\n"
    )
    code, _, err = run("data", "import", "parks", str(clash))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    said = {"en": "clash.csv: conflicts with the stored records", "zh": "clash.csv: 与已存储的记录冲突"}[lang]
    assert said in err
    assert not re.search(r"uq_|parks\.|constraint|UNIQUE|INSERT|SQL|Traceback", err)


def test_in_the_callers_transaction_a_remaining_conflict_is_refused_alike(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """import_frame (the edit grid's save) runs in the caller's transaction, so it refuses without trying
    again; the caller's transaction rolls back and nothing is written."""
    import_file(sessions, "parks", _write(tmp_path, "parks.csv", PARKS), actor=ADMIN)
    frame = pd.DataFrame(
        {"code": ["NEW1", "NEW2"], "name": ["丹东新区", "丹东前阳经济开发区"], "level": ["municipal"] * 2}
        | {"county_code": ["210602"] * 2}
    )
    with pytest.raises(InputError) as caught, sessions() as session, session.begin():
        import_frame(session, "parks", frame, "grid", actor=ADMIN)
    assert [problem.code for problem in caught.value.problems] == ["import.conflict"]
    assert caught.value.summary().startswith("grid: conflicts with the stored records")
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Park)) == 2
