"""SQLite store: one file in WAL mode, numbered migrations, one transaction per batch.

`Store` is composed of one mixin per area. A mixin uses only `self._db` (a `sqlite3.Connection` in
autocommit mode), `self.transaction()` and `self.run_id`, and keeps its SQL inside `store/`, so a
PostgreSQL backend can follow later without touching the stages. To add an area (families, stories, briefs):

1. write `newsfold/store/migrations/NNNN_<area>.sql` (every file there is applied in order on open and
   recorded in `schema_migrations`);
2. write `class FamilyTables` in `newsfold/store/families.py` (methods only, no `__init__`);
3. add one line `FamilyTables,` to the bases of `Store` at the bottom of this module.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from newsfold.errors import StoreError
from newsfold.model import Rejection, RunReport
from newsfold.store.articles import ArticleTables
from newsfold.store.briefs import BriefTables
from newsfold.store.families import FamilyTables
from newsfold.store.stories import StoryTables
from newsfold.store.story_search import StorySearch
from newsfold.store.vectors import AnalysisTables

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_NAME = re.compile(r"^(\d+)_[\w.-]+\.sql$")
# Writers wait this long for another process's write transaction instead of failing at once:
# a `newsfold run` and a `newsfold serve` share one file, and a batch commit takes well under a second.
BUSY_TIMEOUT_S = 30.0


@dataclass(slots=True, frozen=True)
class Migration:
    """One numbered SQL file from the migrations folder."""

    version: int
    name: str
    sql: str


@dataclass(slots=True, frozen=True)
class RunRecord:
    """A row of the `runs` table: when a run started and finished, and what it counted."""

    id: int
    started: str
    finished: str | None
    config_hash: str
    read: int
    stored: int
    skipped: int
    rejected: list[Rejection] = field(default_factory=list)


def now() -> str:
    """The current time as ISO 8601 UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def find_migrations(directory: Path = MIGRATIONS) -> list[Migration]:
    """Every `NNNN_name.sql` in `directory`, ordered by number; two files with one number are an error."""
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match is None:
            raise StoreError(f"migration file {path.name} is not named NNNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise StoreError(f"migrations {found[version].name} and {path.name} share number {version}")
        found[version] = Migration(version, path.name, path.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def split_statements(sql: str) -> Iterator[str]:
    """Split a script into complete statements; `complete_statement` keeps trigger bodies whole."""
    *parts, tail = sql.split(";")
    pending = ""
    for part in parts:
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if re.sub(r"--[^\n]*", "", pending).strip(" \t\r\n;"):
                yield pending
            pending = ""
    pending += tail
    if re.sub(r"--[^\n]*", "", pending).strip(" \t\r\n;"):
        raise StoreError(f"incomplete SQL statement at the end of a migration: {pending[:80]!r}")


def _connect(path: str | Path) -> sqlite3.Connection:
    """Open the file in autocommit mode (transactions are explicit), WAL, NORMAL sync, foreign keys."""
    target = Path(path)
    if str(path) != ":memory:":
        if target.is_dir():
            raise StoreError(f"cannot open database {path}: it is a directory")
        if not target.parent.is_dir():
            raise StoreError(f"cannot create database {path}: folder {target.parent} does not exist")
    try:
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        # WAL lets readers (serve) go on while a run writes; NORMAL sync is durable across process kills
        # in WAL mode (only a power cut can lose the last commits, never corrupt the file).
        db.execute("PRAGMA journal_mode=WAL").fetchone()
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    return db


class SQLiteCore:
    """Connection, transactions, migrations and runs; the area mixins build on these."""

    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self._db = db
        self.path = path
        self.run_id: int | None = None  # articles added while a run is open are tagged with it
        self._lock = threading.RLock()  # one connection may be shared by threads (serve)

    @classmethod
    def open(cls, path: str | Path, *, migrations: Path = MIGRATIONS) -> Self:
        """Open (creating if needed) and migrate the database at `path`."""
        store = cls(_connect(path), str(path))
        try:
            store.migrate(find_migrations(migrations))
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        """Close the connection (uncommitted work, if any, is rolled back by SQLite)."""
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT), rolled back on error; nested calls join it."""
        with self._lock:
            if self._db.in_transaction:
                yield self._db
                return
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"cannot write to {self.path}: {exc}") from exc
                raise

    @contextmanager
    def snapshot(self) -> Iterator[Self]:
        """Reads inside see one state of the file (a read transaction) while other connections commit."""
        if self._db.in_transaction:
            yield self
            return
        self._db.execute("BEGIN")  # deferred: the snapshot starts at the first read
        try:
            yield self
        finally:
            if self._db.in_transaction:
                self._db.execute("COMMIT")

    def applied_migrations(self) -> list[int]:
        """Versions recorded in `schema_migrations`, ascending."""
        rows = self._db.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
        return [version for (version,) in rows]

    def migrate(self, migrations: list[Migration]) -> None:
        """Apply the migrations not yet recorded, each in its own transaction."""
        try:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations"
                " (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot migrate {self.path}: {exc}") from exc
        applied = set(self.applied_migrations())
        for migration in migrations:
            if migration.version not in applied:
                self._apply(migration)
        unknown = applied - {m.version for m in migrations}
        if unknown:
            log.warning("%s has migrations this version does not know: %s", self.path, sorted(unknown))

    def _apply(self, migration: Migration) -> None:
        with self.transaction() as db:
            # Another process may have applied it between our check and taking the write lock.
            done = db.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,))
            if done.fetchone():
                return
            for statement in split_statements(migration.sql):
                try:
                    db.execute(statement)
                except sqlite3.Error as exc:
                    raise StoreError(f"migration {migration.name} failed: {exc}") from exc
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)",
                (migration.version, migration.name, now()),
            )
        log.info("applied migration %s to %s", migration.name, self.path)

    def begin_run(self, config_hash: str = "") -> int:
        """Record the start of a run; articles added until `finish_run` carry its id."""
        with self.transaction() as db:
            cursor = db.execute("INSERT INTO runs (started, config_hash) VALUES (?, ?)", (now(), config_hash))
        self.run_id = int(cursor.lastrowid or 0)
        return self.run_id

    def finish_run(self, report: RunReport, run_id: int | None = None) -> None:
        """Record the end of a run (the open one unless `run_id` is given) with its counts and rejections."""
        run_id = self.run_id if run_id is None else run_id
        if run_id is None:
            raise StoreError("finish_run without begin_run")
        rejections = json.dumps([{"origin": r.origin, "error": r.error} for r in report.rejected])
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET finished = ?, read = ?, stored = ?, skipped = ?, rejected = ?,"
                " rejections = ? WHERE id = ?",
                (now(), report.read, report.stored, report.skipped, len(report.rejected), rejections, run_id),
            )
        if run_id == self.run_id:
            self.run_id = None

    def get_run(self, run_id: int) -> RunRecord | None:
        """One run by id, or None."""
        row = self._db.execute(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _run_from_row(row) if row else None

    def list_runs(self) -> list[RunRecord]:
        """Every run, newest first."""
        rows = self._db.execute(f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id DESC").fetchall()
        return [_run_from_row(row) for row in rows]


_RUN_COLUMNS = "id, started, finished, config_hash, read, stored, skipped, rejections"


def _run_from_row(row: tuple) -> RunRecord:
    rejected = [Rejection(item["origin"], item["error"]) for item in json.loads(row[7])]
    return RunRecord(*row[:7], rejected=rejected)


class Store(
    ArticleTables,
    FamilyTables,
    StoryTables,
    BriefTables,
    StorySearch,
    AnalysisTables,
    # one line per area mixin goes here (FamilyTables, StoryTables, BriefTables, ...)
    SQLiteCore,
):
    """The newsfold store: `Store.open(path)`; use it as a context manager to close it."""
