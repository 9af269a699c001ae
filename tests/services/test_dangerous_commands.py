"""Dangerous commands refuse what they should: `demo reset` and the no-sign-in demo only on a database that
`demo seed` created (on either backend), and `restore` only a backup of this schema at a known revision whose
audit log verifies with this installation's key, keeping a copy of the database it replaces."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from streamlit.testing.v1 import AppTest

from matching.errors import InputError
from matching.services import audit, db
from matching.services.access import Actor, PermissionDenied
from matching.services.backup import backup_sqlite, restore_sqlite
from matching.services.data_io import import_file
from matching.services.demo import is_demo_database, reset_demo, seed_demo
from models import AuditEntry, Park, Role
from models.session import alembic_config, make_engine, migrate
from tests.conftest import Run

ADMIN = Actor.system("admin")
ORGANISER = Actor("organiser", Role.ORGANISER)
APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def add_park(sessions: sessionmaker[Session], folder: Path, code: str = "HZQ") -> None:
    parks = folder / f"parks-{code}.csv"
    parks.write_text(f"code,name,level,county_code\n{code},园区{code},national,210603\n", encoding="utf-8")
    import_file(sessions, "parks", parks, actor=ADMIN)


def count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def shown(url: str) -> str:
    return make_url(db.engine(url).url).render_as_string(hide_password=True)


# ------------------------------------------------------------------------------------------------ demo


def test_demo_reset_refuses_a_database_demo_seed_did_not_create(
    run: Run,
    sessions: sessionmaker[Session],
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_park(sessions, tmp_path)
    entries = count(sessions, AuditEntry)
    monkeypatch.setenv("DATABASE_URL", database_url)
    code, _, err = run("demo", "reset", "--yes")
    assert code == 2
    assert err.splitlines() == [
        f"error: {shown(database_url)}: not a demo database (demo seed did not create it); demo reset refused"
    ]
    assert (count(sessions, Park), count(sessions, AuditEntry)) == (1, entries)  # nothing deleted
    with pytest.raises(InputError) as refused:
        reset_demo(sessions, ADMIN)
    assert refused.value.problems[0].code == "demo.not_demo_database"


def test_demo_reset_refuses_a_database_that_was_never_migrated(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bare = tmp_path / "bare.db"
    sqlite3.connect(bare).close()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{bare}")
    code, _, err = run("demo", "reset", "--yes")
    assert code == 2 and len(err.splitlines()) == 1 and "not a demo database" in err


def test_demo_seed_marks_its_database_which_may_then_be_reset(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    assert not is_demo_database(sessions)
    seed_demo(sessions, ADMIN, seed=3, scale=0.1)
    assert is_demo_database(sessions)
    parks = count(sessions, Park)
    add_park(sessions, tmp_path, "ZZ")
    reset_demo(sessions, ADMIN, seed=3)
    assert count(sessions, Park) == parks  # the added park is gone, the demo is back at its scale
    assert is_demo_database(sessions)  # and still a demo
    with sessions() as session:
        assert audit.verify_chain(session, ADMIN) == []


def test_demo_seed_refuses_a_database_holding_other_data(
    run: Run,
    sessions: sessionmaker[Session],
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_park(sessions, tmp_path)
    with pytest.raises(InputError) as refused:
        seed_demo(sessions, ADMIN, scale=0.1)
    assert refused.value.problems[0].code == "demo.seed_refused"
    assert not seed_demo(sessions, ADMIN, scale=0.1, if_empty=True).seeded
    monkeypatch.setenv("DATABASE_URL", database_url)
    code, _, err = run("demo", "seed", "--scale", "0.1")
    assert code == 2 and err.splitlines()[-1].startswith(f"error: {shown(database_url)}: it holds data")
    assert count(sessions, Park) == 1 and not is_demo_database(sessions)


def test_the_demo_commands_and_backups_are_for_maintainers(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    for call in (
        lambda: seed_demo(sessions, ORGANISER, scale=0.1),
        lambda: reset_demo(sessions, ORGANISER),
        lambda: backup_sqlite(url, tmp_path / "b.db", ORGANISER),
        lambda: restore_sqlite(url, tmp_path / "b.db", ORGANISER),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert count(sessions, Park) == 0 and not list(tmp_path.iterdir())


def the_app() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def has_role_switch(app: AppTest) -> bool:
    return any(box.key == "demo_user.zh" for box in app.selectbox)


def test_demo_mode_only_on_a_demo_database(
    sessions: sessionmaker[Session], database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    add_park(sessions, tmp_path)
    monkeypatch.setenv("MATCHING_DEMO", "1")
    app = the_app()
    assert not has_role_switch(app) and app.title[0].value == "登录"
    assert any("不是 demo seed 建立的" in warning.value for warning in app.warning)
    with sessions() as session, session.begin():
        session.execute(text("DELETE FROM parks"))
    seed_demo(sessions, ADMIN, seed=3, scale=0.1)
    assert has_role_switch(the_app())
    monkeypatch.setenv("MATCHING_DEMO", "0")
    app = the_app()
    assert not has_role_switch(app) and app.title[0].value == "登录" and not app.warning


def test_migration_0006_marks_a_database_seeded_before_it(tmp_path: Path) -> None:
    marked = {}
    for name, actor in (("seeded", "demo-seed"), ("deployed", "cli:ops")):
        url = f"sqlite:///{tmp_path / name}.db"
        engine = make_engine(url)
        migrate(engine, "0005")
        with closing(sqlite3.connect(tmp_path / f"{name}.db")) as connection, connection:
            connection.execute(
                "INSERT INTO audit_log (actor, action, entity, entity_key, details, prev_hash, hash) "
                "VALUES (?, 'seed', 'demo', '2026', '{}', ?, ?)",
                (actor, "0" * 64, name),
            )
        migrate(engine)
        engine.dispose()
        marked[name] = is_demo_database(db.sessions(url))
    assert marked == {"seeded": True, "deployed": False}


# --------------------------------------------------------------------------------------------- restore


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A migrated SQLite database of its own (a restore replaces the file) with two parks and their log."""
    folder = tmp_path / "var"
    folder.mkdir()
    url = f"sqlite:///{folder / 'matching.db'}"
    db.migrate_database(url)
    for code in ("P1", "P2"):
        add_park(db.sessions(url), tmp_path, code)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def backup_of(live: str, path: Path) -> Path:
    backup_sqlite(live, path, ADMIN)
    return path


def untouched(live: str, parks: int = 2) -> None:
    sessions = db.sessions(live)
    assert count(sessions, Park) == parks
    assert not list(Path(make_url(live).database or "").parent.glob("*.before-restore-*"))
    with sessions() as session:
        assert audit.verify_chain(session, ADMIN) == []


def refused_line(run: Run, backup: Path) -> str:
    code, _, err = run("restore", str(backup))
    assert code == 2, err
    [line] = err.splitlines()
    assert line.startswith(f"error: {backup}: ")
    return line.removeprefix(f"error: {backup}: ")


def test_restore_refuses_an_unrelated_sqlite_file(run: Run, live: str, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as connection, connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute("INSERT INTO notes VALUES ('hello')")
    assert refused_line(run, other) == (
        "not a backup of this service's database (no schema revision); not restored"
    )
    untouched(live)


def test_restore_refuses_a_file_that_is_no_database(run: Run, live: str, tmp_path: Path) -> None:
    text_file = tmp_path / "notes.db"
    text_file.write_text("parks: P1, P2\n", encoding="utf-8")
    assert refused_line(run, text_file) == "not an SQLite database; not restored"
    assert refused_line(run, tmp_path / "missing.db") == "no such file; not restored"
    untouched(live)


def test_restore_refuses_an_unknown_revision(run: Run, live: str, tmp_path: Path) -> None:
    backup = backup_of(live, tmp_path / "future.db")
    with closing(sqlite3.connect(backup)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    assert refused_line(run, backup) == "schema revision 9999 is unknown to this version; not restored"
    untouched(live)


def test_restore_refuses_a_different_schema(run: Run, live: str, tmp_path: Path) -> None:
    backup = backup_of(live, tmp_path / "changed.db")
    with closing(sqlite3.connect(backup)) as connection, connection:
        connection.execute("DROP TABLE wishes")
    assert refused_line(run, backup) == (
        "its schema differs from this service's (add_table wishes); not restored"
    )
    untouched(live)


def test_restore_refuses_a_backup_whose_log_was_edited(run: Run, live: str, tmp_path: Path) -> None:
    backup = backup_of(live, tmp_path / "edited.db")
    with closing(sqlite3.connect(backup)) as connection, connection:
        first = connection.execute("SELECT min(id) FROM audit_log").fetchone()[0]
        connection.execute("UPDATE audit_log SET actor = 'nobody' WHERE id = ?", (first,))
    assert refused_line(run, backup) == (
        "its audit log does not verify with this installation's audit key (1 problems, the first: audit entry "
        f"{first}: changed after it was written (does not match its MAC)); not restored"
    )
    untouched(live)


def test_restore_refuses_a_backup_of_another_installation(
    run: Run, live: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere" / "matching.db"
    elsewhere.parent.mkdir()
    url = f"sqlite:///{elsewhere}"
    with monkeypatch.context() as there:
        there.setenv("MATCHING_AUDIT_KEY", "the other installation's own key, long enough")
        there.setenv("MATCHING_AUDIT_KEY_FILE", str(elsewhere.parent / "audit.key"))
        db.migrate_database(url)
        add_park(db.sessions(url), tmp_path, "P9")
        db.engine(url).dispose()
    assert "does not verify with this installation's audit key" in refused_line(run, elsewhere)
    untouched(live)


def test_restore_refuses_a_log_forged_to_look_older_than_the_key(run: Run, live: str, tmp_path: Path) -> None:
    forged = backup_of(live, tmp_path / "forged.db")
    with closing(sqlite3.connect(forged)) as connection, connection:  # re-hashed as if written before the key
        prev = "0" * 64
        rows = connection.execute(
            "SELECT id, actor, action, entity, entity_key, details FROM audit_log ORDER BY id"
        ).fetchall()
        for id_, actor, action, entity, key, details in rows:
            payload = [prev, actor, action, entity, key, json.loads(details)]
            new = hashlib.sha256(
                json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
            ).hexdigest()
            connection.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, new, id_))
            prev = new
    line = refused_line(run, forged)
    assert f"the first: audit entry {rows[0][0]}–{rows[-1][0]}: hash recomputed without the audit key" in line
    untouched(live)


def test_restore_keeps_a_verifiable_copy_of_what_it_replaces(
    run: Run, live: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backup_of(live, tmp_path / "backup.db")
    add_park(db.sessions(live), tmp_path, "P3")  # after the backup: lost by the restore, kept in the copy
    code, _, err = run("restore", str(backup))
    assert code == 0, err
    [line] = err.splitlines()
    assert line.startswith(f"restored from {backup}; the replaced database was kept at ")
    kept = Path(line.split(" was kept at ")[1])
    assert kept.parent == Path(make_url(live).database or "").parent
    assert kept.name.startswith("matching.db.before-restore-")
    assert count(db.sessions(live), Park) == 2
    assert count(db.sessions(f"sqlite:///{kept}"), Park) == 3
    assert run("audit", "verify")[0] == 0  # the restored log, checkpointed afresh
    with db.sessions(live)() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert last.action == "audit.checkpoint_restarted" and last.details["reason"] == "restore"
    assert last.details["kept"] == str(kept)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{kept}")
    assert run("audit", "verify")[0] == 0  # the copy, with the checkpoint it had


def test_restore_brings_an_older_backup_to_the_current_schema(run: Run, live: str, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{old}")
    migrate(engine, "0005")
    with Session(engine) as session, session.begin():
        audit.record(session, "cli:ops", "import", "parks", "old.csv")
    engine.dispose()
    code, _, err = run("restore", str(old))
    assert code == 0, err
    with db.sessions(live)() as session:
        head = ScriptDirectory.from_config(alembic_config(db.engine(live))).get_current_head()
        assert session.scalar(text("SELECT version_num FROM alembic_version")) == head
        assert not is_demo_database(db.sessions(live))
        assert audit.verify_chain(session, ADMIN) == []


def test_postgresql_is_pointed_to_its_own_tools(tmp_path: Path) -> None:
    for call in (backup_sqlite, restore_sqlite):
        with pytest.raises(InputError, match="pg_dump") as refused:
            call("postgresql+psycopg://ops:secret@db.example/matching", tmp_path / "x.db", ADMIN)
        assert "secret" not in str(refused.value)
