"""Import, export and templates for every kind in `kinds.py`: one implementation for the CLI and the app.

An import is validated whole before anything is written (every problem named by file, row and column),
then applied in one transaction: new keys are inserted, changed rows updated, identical rows left alone,
so importing the same file twice changes nothing.

Imports that write run one at a time: each takes the import lock (PostgreSQL: a transaction-level advisory
lock; SQLite: the database's write lock) before it reads any stored record, so two overlapping files
imported at once are applied one after the other and both are stored. A transaction the database still
turns down (a writer that is not an import, a deadlock, a lock wait that ran out) is tried again whole;
what still fails is refused in one line that names no constraint and no SQL.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import false, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import InputError, InputProblem
from matching.messages import DEFAULT_LANGUAGE, Message, render
from matching.services import audit
from matching.services.access import Action, Actor, require
from matching.services.aid_terms import _pairs_not_standing
from matching.services.disclosure import PurposeRequired
from matching.services.kinds import Column, Kind, kind_named
from matching.services.parsers import CellError
from matching.services.privacy import may_be_processed
from matching.services.tabular import (
    FIRST_DATA_ROW,
    read_table,
    restore_neutralised,
    tables_bytes,
    write_table,
    write_tables,
    xlsx_bytes,
)
from models import Graduate

CHUNK = 2000  # keys per IN (...) query: well under SQLite's and PostgreSQL's parameter limits
MAX_PROBLEMS = 500  # beyond this a file is hopeless; stop collecting
IMPORT_LOCK_KEY = 20261128  # the PostgreSQL advisory lock of writing imports (not the audit log's key)
# A transaction the database turned down is tried again whole: after a conflict once more (under the
# import lock only a writer that is no import can cause one, so a second is the file's own), after lock
# contention until this many seconds have passed (SQLite gives up a wait after busy_timeout, 10 s, and the
# largest file holds the lock for about 20 s).
CONFLICT_ATTEMPTS = 2
WAIT_SECONDS = 120
# serialization_failure, deadlock_detected, lock_not_available: the transaction may pass if tried again
_TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


@dataclass
class ImportReport:
    kind: str
    file: str
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    # (row, action, key, changed columns) for a preview; actions: insert / update
    changes: list[tuple[int, str, str, list[str]]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.unchanged

    @property
    def message(self) -> Message:
        """What the import did (or would do), as a message for the reader's language."""
        return Message(
            "import.summary_dry_run" if self.dry_run else "import.summary",
            {
                "file": self.file,
                "kind": Message(f"kind.{self.kind}"),
                "total": self.total,
                "inserted": self.inserted,
                "updated": self.updated,
                "unchanged": self.unchanged,
            },
        )

    def summary(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.message.text(lang)


@dataclass(frozen=True)
class _CheckedRow:
    row: int
    values: dict[str, Any]  # column name → parsed value; references still by natural key
    key_text: str


@dataclass
class _ParsedRow:
    row: int
    values: dict[str, Any]  # model attribute → value (references resolved to ids)
    key: tuple[Any, ...]
    key_text: str


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _file_headers(kind: Kind, frame: pd.DataFrame) -> dict[str, str]:
    """Column name → the file's header, for the columns a file names by their Chinese header (园区代码, as a
    Chinese export writes them)."""
    by_header = kind.names_by_header
    return {by_header[name]: name for name in frame.columns if name in by_header}


def _named_columns(kind: Kind, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with Chinese headers renamed to the column names; a header that is neither stays as it
    is, to be refused as unknown."""
    by_header = kind.names_by_header
    if not any(name in by_header for name in frame.columns):
        return frame
    renamed = frame.set_axis([by_header.get(name, name) for name in frame.columns], axis=1)
    renamed.attrs = dict(frame.attrs)
    return renamed


@contextmanager
def _columns_as_in_file(headers: Mapping[str, str]) -> Iterator[None]:
    """Problems name a column as the file does: a file with Chinese headers hears of 园区级别, not level."""
    try:
        yield
    except InputError as error:
        if not headers or not any(p.column in headers for p in error.problems):
            raise
        problems = [
            replace(p, column=headers.get(p.column, p.column)) if p.column else p for p in error.problems
        ]
        raise InputError(problems) from error


def _check_header(kind: Kind, frame: pd.DataFrame, file_name: str) -> list[InputProblem]:
    problems = []
    present = list(frame.columns)
    known = set(kind.column_names)
    for column in kind.columns:
        if column.required and column.name not in present:
            problems.append(InputProblem.of(file_name, "header.missing_required", 1, column.name))
    for name in present:
        if name not in known:
            problems.append(
                InputProblem.of(
                    file_name, "header.unknown_column", 1, name, expected=", ".join(kind.column_names)
                )
            )
    seen: set[str] = set()
    for name in present:
        if name in seen:
            problems.append(InputProblem.of(file_name, "header.column_twice", 1, name))
        seen.add(name)
    return problems


def _parse_cell(column: Column, raw: str) -> Any:
    text = restore_neutralised(raw.strip())
    if not text:
        if column.required:
            raise CellError("cell.required_empty")
        return [] if column.many else None
    return column.parse(text)


def _parse(kind: Kind, frame: pd.DataFrame, file_name: str) -> list[_CheckedRow]:
    """Parse and check every row, without the database (so outside the import lock); raise InputError
    listing all problems."""
    frame = _named_columns(kind, frame)
    problems = _check_header(kind, frame, file_name)
    if problems:
        raise InputError(problems)
    columns = [c for c in kind.columns if c.name in frame.columns]
    parsed: list[tuple[int, dict[str, Any]]] = []
    key_texts: list[str] = []
    key_positions = [i for i, c in enumerate(columns) if c.name in kind.key]
    records = frame[[c.name for c in columns]].itertuples(index=False, name=None)
    # the reader skips blank rows and then says which spreadsheet row each record came from
    rows = frame.attrs.get("rows") or range(FIRST_DATA_ROW, FIRST_DATA_ROW + len(frame))
    for row, cells in zip(rows, records, strict=True):
        values: dict[str, Any] = {}
        for column, raw in zip(columns, cells, strict=True):
            try:
                values[column.name] = _parse_cell(column, str(raw))
            except CellError as error:
                problems.append(InputProblem.of(file_name, error.code, row, column.name, **error.params))
            except ValueError as error:  # a parser without a message code: its English sentence
                problems.append(InputProblem(file_name, str(error), row, column.name))
        for check in kind.checks:
            problems.extend(
                InputProblem.of(file_name, message.code, row, col, **message.params)
                for col, message in check(values)
            )
        parsed.append((row, values))
        key_texts.append("/".join(str(cells[i]).strip() for i in key_positions))
        if len(problems) >= MAX_PROBLEMS:
            raise InputError(problems)
    problems.extend(_duplicate_keys(kind, parsed, file_name))
    problems.extend(_kind_specific(kind, parsed, file_name))
    if problems:
        raise InputError(problems)
    return [_CheckedRow(row, values, text) for (row, values), text in zip(parsed, key_texts, strict=True)]


def _resolve(session: Session, kind: Kind, checked: list[_CheckedRow], file_name: str) -> list[_ParsedRow]:
    """The rows with their references turned into stored ids; InputError naming every unknown reference.
    The checked rows stay as they are, so that a transaction tried again resolves them afresh."""
    problems = []
    rows = [(c.row, dict(c.values)) for c in checked]
    for ref in kind.references:
        wanted = sorted({values[ref.column] for _, values in rows if values.get(ref.column) is not None})
        key_column = getattr(ref.model, ref.key_attr)
        found: dict[Any, int] = {}
        for chunk in _chunks(wanted):
            found.update(session.execute(select(key_column, ref.model.id).where(key_column.in_(chunk))).all())
        code = f"reference.unknown.{ref.model.__tablename__}"
        for row, values in rows:
            value = values.get(ref.column)
            if value is None:
                continue
            if value in found:
                values[ref.column] = found[value]
            else:
                problems.append(InputProblem.of(file_name, code, row, ref.column, value=value))
    if problems:
        raise InputError(problems)
    by_name = {c.name: c for c in kind.columns}
    result = []
    for (row, values), original in zip(rows, checked, strict=True):
        key = tuple(values[name] for name in kind.key)
        attrs = {by_name[name].model_attr: value for name, value in values.items()}
        result.append(_ParsedRow(row, attrs, key, original.key_text))
    return result


def _duplicate_keys(kind: Kind, rows: list[tuple[int, dict[str, Any]]], file_name: str) -> list[InputProblem]:
    problems = []
    first_row: dict[tuple[Any, ...], int] = {}
    for row, values in rows:
        key = tuple(values.get(name) for name in kind.key)
        if any(part is None for part in key):
            continue
        if key in first_row:
            problems.append(
                InputProblem.of(file_name, "key.duplicate", row, kind.key[-1], first_row=first_row[key])
            )
        else:
            first_row[key] = row
    return problems


def _kind_specific(kind: Kind, rows: list[tuple[int, dict[str, Any]]], file_name: str) -> list[InputProblem]:
    """A graduate's wish ranks must not repeat at an event."""
    if kind.name != "wishes":
        return []
    problems = []
    seen: dict[tuple[Any, ...], int] = {}
    for row, values in rows:
        key = (values.get("event_code"), values.get("graduate_code"), values.get("rank"))
        if key in seen:
            problems.append(InputProblem.of(file_name, "wish.rank_repeats", row, "rank", first_row=seen[key]))
        else:
            seen[key] = row
    return problems


def _existing(session: Session, kind: Kind, rows: list[_ParsedRow]) -> dict[tuple[Any, ...], Any]:
    """Stored records with the rows' keys, by key."""
    model = kind.model
    key_attrs = [next(c.model_attr for c in kind.columns if c.name == name) for name in kind.key]
    first_values = sorted({r.key[0] for r in rows}, key=str)
    found: dict[tuple[Any, ...], Any] = {}
    for chunk in _chunks(first_values):
        statement = select(model).where(getattr(model, key_attrs[0]).in_(chunk))
        for record in session.scalars(statement):
            found[tuple(getattr(record, attr) for attr in key_attrs)] = record
    return found


def _apply_rows(session: Session, kind: Kind, rows: list[_ParsedRow], report: ImportReport) -> None:
    existing = _existing(session, kind, rows)
    new_rows = []
    for parsed in rows:
        record = existing.get(parsed.key)
        if record is None:
            new_rows.append(parsed.values)
            report.inserted += 1
            report.changes.append((parsed.row, "insert", parsed.key_text, []))
            continue
        changed = [attr for attr, value in parsed.values.items() if getattr(record, attr) != value]
        if changed:
            report.updated += 1
            report.changes.append((parsed.row, "update", parsed.key_text, changed))
            if not report.dry_run:
                for attr in changed:
                    setattr(record, attr, parsed.values[attr])
        else:
            report.unchanged += 1
    if new_rows and not report.dry_run:
        for chunk in _chunks(new_rows):
            session.execute(insert(kind.model), chunk)
    session.flush()


def _lock_imports(session: Session, kind: Kind) -> None:
    """Wait until no other writing import is under way, and keep the next one waiting until this
    transaction ends. Taken before the first read of stored records, so that this import sees everything
    the imports before it committed and no other import writes the same keys meanwhile."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(IMPORT_LOCK_KEY)))
    else:
        # Python's sqlite3 begins the transaction only at the first write; a write that changes nothing
        # takes SQLite's write lock now (waiting up to busy_timeout), like BEGIN IMMEDIATE.
        connection.execute(update(kind.model).where(false()).values(id=kind.model.id))


def _refuse_unpaired_outcomes(session: Session, rows: list[_ParsedRow], file_name: str) -> None:
    """An aid outcome belongs to a pair that stood in its year (the rule of outcomes.record_aid_outcome)."""

    def triple(row: _ParsedRow) -> tuple[int, int, int]:
        return (row.values["enterprise_id"], row.values["village_id"], row.values["occurred_on"].year)

    missing = _pairs_not_standing(session, [triple(row) for row in rows])
    code = "aid.outcome.not_paired.import"
    problems = [
        InputProblem.of(file_name, code, row.row, "village_code", year=triple(row)[2])
        for row in rows
        if triple(row) in missing
    ]
    if problems:
        raise InputError(problems)


def _import(
    session: Session, kind: Kind, checked: list[_CheckedRow], file_name: str, actor: Actor, dry_run: bool
) -> ImportReport:
    """Resolve and apply checked rows in the session's transaction, under the import lock unless a dry run
    (which writes nothing, so need not wait for anyone)."""
    if not dry_run:
        _lock_imports(session, kind)
    rows = _resolve(session, kind, checked, file_name)
    if kind.name == "aid_outcomes":
        _refuse_unpaired_outcomes(session, rows, file_name)
    report = ImportReport(kind.name, file_name, dry_run=dry_run)
    _apply_rows(session, kind, rows, report)
    if not dry_run and (report.inserted or report.updated):
        audit.record(
            session,
            actor.username,
            "import",
            kind.name,
            file_name,
            {"inserted": report.inserted, "updated": report.updated, "unchanged": report.unchanged},
        )
    return report


def _refusal(error: DBAPIError, file_name: str) -> InputError | None:
    """The one-line refusal for a write the database turned down, in the user's language: because another
    writer got there first or held the lock too long, or a value it holds unique that the checks above do
    not cover. None for any other database error, which is a bug and stays an internal error."""
    if isinstance(error, IntegrityError):
        code = "import.conflict"
    elif getattr(error.orig, "sqlstate", None) in _TRANSIENT_SQLSTATES or (
        isinstance(error.orig, sqlite3.OperationalError)
        and error.orig.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    ):
        code = "import.concurrent_change"
    else:
        return None
    return InputError(InputProblem.of(file_name, code))


def import_frame(
    session: Session,
    kind_name: str,
    frame: pd.DataFrame,
    file_name: str,
    actor: Actor,
    dry_run: bool = False,
) -> ImportReport:
    """Validate and apply in the caller's transaction; the caller commits (or rolls back a dry run). When
    the database turns the write down this raises InputError, and the caller's transaction must roll back."""
    require(actor, Action.IMPORT_DATA)
    kind = kind_named(kind_name)
    with _columns_as_in_file(_file_headers(kind, frame)):
        checked = _parse(kind, frame, file_name)
        try:
            return _import(session, kind, checked, file_name, actor, dry_run)
        except DBAPIError as error:
            refusal = _refusal(error, file_name)
            if refusal is None:
                raise
            raise refusal from error


def import_file(
    sessions: sessionmaker[Session],
    kind_name: str,
    path: Path | str,
    data: bytes | None = None,
    file_name: str | None = None,
    *,
    actor: Actor,
    dry_run: bool = False,
) -> ImportReport:
    """Read, validate and apply one file in one transaction, tried again whole when the database turns it
    down (see CONFLICT_ATTEMPTS). Nothing is written when it raises."""
    require(actor, Action.IMPORT_DATA)
    kind = kind_named(kind_name)  # unknown kinds fail before the file is read
    frame = read_table(path, data=data, file_name=file_name)
    name = file_name or Path(path).name
    with _columns_as_in_file(_file_headers(kind, frame)):
        return _import_checked(sessions, kind, _parse(kind, frame, name), name, actor, dry_run)


def _import_checked(
    sessions: sessionmaker[Session],
    kind: Kind,
    checked: list[_CheckedRow],
    name: str,
    actor: Actor,
    dry_run: bool,
) -> ImportReport:
    """Apply checked rows in a transaction of their own, tried again whole when the database turns it down."""
    conflicts = 0
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            with sessions() as session, session.begin():
                report = _import(session, kind, checked, name, actor, dry_run)
                if dry_run:
                    session.rollback()
            return report
        except DBAPIError as error:
            refusal = _refusal(error, name)
            if refusal is None:
                raise
            conflicts += isinstance(error, IntegrityError)
            if conflicts == CONFLICT_ATTEMPTS or time.monotonic() > deadline:
                raise refusal from error
        # a random pause, so that two imports turned down together do not meet again at once
        time.sleep(random.uniform(0.05, 0.25))


# -------------------------------------------------------------------------------------------- export


def _format_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    return value


def _export_frame(session: Session, kind: Kind) -> pd.DataFrame:
    """Every stored record of a kind, in the import format (references shown by natural key)."""
    model = kind.model
    lookups: dict[str, dict[int, Any]] = {}
    for ref in kind.references:
        key_column = getattr(ref.model, ref.key_attr)
        lookups[ref.column] = dict(session.execute(select(ref.model.id, key_column)).all())
    statement = select(model).order_by(model.id)
    # Graduates who withdrew consent (or were anonymised) leave every export that names them.
    if model is Graduate:
        statement = statement.where(may_be_processed())
    elif hasattr(model, "graduate_id"):
        statement = statement.join(Graduate, Graduate.id == model.graduate_id).where(may_be_processed())
    records = []
    for record in session.scalars(statement):
        row = {}
        for column in kind.columns:
            value = getattr(record, column.model_attr)
            if column.name in lookups:
                value = lookups[column.name].get(value) if value is not None else None
            row[column.name] = _format_cell(value)
        records.append(row)
    return pd.DataFrame(records, columns=kind.column_names)


def editable_frame(session: Session, kind_name: str, *, actor: Actor) -> pd.DataFrame:
    """The stored records of a kind for the edit grid, whose saves are imports: every column but the
    personal ones, which change by the import of a file alone and are never shown unmasked there."""
    require(actor, Action.IMPORT_DATA)
    kind = kind_named(kind_name)
    return _export_frame(session, kind).drop(columns=list(kind.personal))


def check_export(actor: Actor, kind: Kind, purpose: str | None) -> None:
    """Personal data leaves the service only with the permission and a stated purpose."""
    if kind.personal:
        require(actor, Action.EXPORT_PERSONAL)
        if not (purpose and purpose.strip()):
            raise PurposeRequired(
                InputProblem.of(
                    "", "export.purpose_required", kind=kind.name, columns=", ".join(kind.personal)
                )
            )
    else:
        require(actor, Action.EXPORT_DATA)


# Sheets of an exported workbook. In Chinese the first sheet is for people (Chinese headers, the Chinese
# names of named values) and the second holds the same rows as codes under the column names, for scripts;
# the importer reads the first sheet, and reads either form.
DATA_SHEET = "data"
DATA_SHEET_ZH = "数据"
CODES_SHEET = "代码"


def localised_frame(kind_name: str, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A kind's frame in the import format (`_export_frame`) as people reading `lang` get it: in Chinese
    the headers are Chinese (园区代码) and named values their Chinese names (国家级, 本科, 资金;就业); codes,
    numbers and ISO dates stay as they are. In English the frame itself. Either imports back."""
    if lang != "zh":
        return frame
    kind = kind_named(kind_name)
    shown = localised_values(kind_name, frame, lang)
    return shown.rename(columns={c.name: kind.header(c.name, "zh") for c in kind.columns})


def localised_values(kind_name: str, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame with named values in the reader's language (in Chinese 国家级 for national), the column
    names kept: for the edit grid, whose saves import them back."""
    if lang != "zh":
        return frame
    shown = frame.copy()
    for column in kind_named(kind_name).columns:
        names = column.parse.names
        if names and column.name in shown.columns:
            shown[column.name] = [_named(value, names, column.many) for value in shown[column.name]]
    return shown


def _named(value: Any, names: Mapping[str, str], many: bool) -> Any:
    if not isinstance(value, str) or not value:
        return value
    if many:
        return ";".join(names.get(part, part) for part in value.split(";"))
    return names.get(value, value)


def export_sheets(
    kind_name: str, frame: pd.DataFrame, lang: str, codes: bool = False
) -> dict[str, pd.DataFrame]:
    """The sheets of an export: in Chinese (unless `codes`) the Chinese sheet, then the codes sheet; else
    the codes alone. A CSV file is the first sheet."""
    if lang != "zh" or codes:
        return {DATA_SHEET: frame}
    return {DATA_SHEET_ZH: localised_frame(kind_name, frame, lang), CODES_SHEET: frame}


def export_file(
    sessions: sessionmaker[Session],
    kind_name: str,
    path: Path | str,
    *,
    actor: Actor,
    purpose: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
    codes: bool = False,
) -> int:
    """Write a kind to CSV or XLSX (by suffix); returns the number of rows. Logged with the row count.

    In Chinese (`lang="zh"`) a CSV file has Chinese headers and values, or the codes with `codes`; an
    XLSX workbook has the Chinese sheet and a second sheet of codes (only the codes with `codes`)."""
    kind = kind_named(kind_name)
    check_export(actor, kind, purpose)
    with sessions() as session, session.begin():
        frame = _export_frame(session, kind)
        write_tables(export_sheets(kind.name, frame, lang, codes), path)  # formulas etc. made safe there
        audit.record(
            session,
            actor.username,
            "export",
            kind.name,
            Path(path).name,
            {"rows": len(frame), "purpose": purpose, "personal": bool(kind.personal)},
        )
    return len(frame)


def export_bytes_for(
    sessions: sessionmaker[Session],
    kind_name: str,
    file_format: str,
    *,
    actor: Actor,
    purpose: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
    codes: bool = False,
) -> bytes:
    """The same export as bytes ("csv" or "xlsx"), for a download button; checked and logged alike."""
    kind = kind_named(kind_name)
    check_export(actor, kind, purpose)
    with sessions() as session, session.begin():
        frame = _export_frame(session, kind)
        audit.record(
            session,
            actor.username,
            "export",
            kind.name,
            f"download.{file_format}",
            {"rows": len(frame), "purpose": purpose, "personal": bool(kind.personal)},
        )
    return tables_bytes(export_sheets(kind.name, frame, lang, codes), file_format)  # made safe


def template_frame(kind_name: str) -> pd.DataFrame:
    return pd.DataFrame(columns=kind_named(kind_name).column_names)


def write_template(kind_name: str, path: Path | str) -> None:
    """An empty file with the kind's header; XLSX templates add a sheet explaining every column."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        write_tables(template_sheets(kind_name), path)
    else:
        write_table(template_frame(kind_name), path)


GUIDE_SHEET = "说明"
# The guide's headers: Chinese first, then English; the example and the column name serve both.
GUIDE_HEADERS = (
    ("guide.column", "both"),
    ("guide.header_zh", "both"),
    ("guide.required", "both"),
    ("guide.meaning", "zh"),
    ("guide.format", "zh"),
    ("guide.allowed", "zh"),
    ("guide.example", "both"),
    ("guide.meaning", "en"),
    ("guide.format", "en"),
    ("guide.allowed", "en"),
)


def template_guide(kind_name: str) -> pd.DataFrame:
    """One row per column: its name, Chinese header, whether required, meaning, format and allowed values
    in Chinese, an example, then the meaning, format and allowed values in English."""
    kind = kind_named(kind_name)
    rows = []
    for column in kind.columns:
        parser = column.parse
        rows.append(
            [
                column.name,
                kind.header(column.name, "zh"),
                render("guide.yes" if column.required else "guide.no", lang="zh")
                + " / "
                + render("guide.yes" if column.required else "guide.no", lang="en"),
                kind.meaning(column.name, "zh"),
                parser.format.text("zh"),
                parser.allowed("zh"),
                kind.example(column),
                kind.meaning(column.name, "en"),
                parser.format.text("en"),
                parser.allowed("en"),
            ]
        )
    headers = [
        f"{render(code, lang='zh')} {render(code, lang='en')}" if lang == "both" else render(code, lang=lang)
        for code, lang in GUIDE_HEADERS
    ]
    return pd.DataFrame(rows, columns=headers)


def template_sheets(kind_name: str) -> dict[str, pd.DataFrame]:
    return {DATA_SHEET: template_frame(kind_name), GUIDE_SHEET: template_guide(kind_name)}


def template_bytes(kind_name: str) -> bytes:
    """An XLSX template: the header on sheet "data", a guide to every column on sheet "说明" (Chinese
    first, then English)."""
    return xlsx_bytes(template_sheets(kind_name))
