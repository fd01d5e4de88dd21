"""The storage core: one SQLite file (WAL) through sqlite-utils, connections, transactions and
migrations. Imports no domain module: the queries of each kind of record live beside its domain
(rounds, answers, respondents, workshop, access, ...).

Streamlit serves every browser session from its own thread, so each thread gets its own
connection (reads never wait for each other in WAL mode) and all writes in this process go
through one lock, each in a single transaction: a write either lands whole or not at all.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from scan.base.errors import ScanError
from scan.base.settings import litestream_checkpoints
from scan.storage import schema
from scan.storage.schema_graph import data_tables

_WRITE_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()
POOL_SIZE = 32  # idle connections kept; when more threads run at once, the extra ones are closed after use
FILE_MODE = 0o600  # the database holds password hashes: only its owner may read it


def now() -> str:
    """A timestamp for ``updated_at`` and ``created_at`` columns (UTC, ISO 8601)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid of the row an INSERT just made (sqlite3 types lastrowid as optional: None before any
    INSERT on the cursor, never after one)."""
    if cursor.lastrowid is None:
        raise RuntimeError("inserted_id() on a cursor that ran no INSERT")
    return cursor.lastrowid


def private_file(path: Path) -> None:
    """Create ``path`` readable by its owner only (or tighten an existing one).

    An existing file is never opened: closing any descriptor of a file drops every POSIX lock this
    process holds on it, SQLite's too. A second Store on the same file (the workshop's phone page keeps
    one beside the app's) would then let another process (a CLI command) take the database for its
    last user and delete the -wal and -shm files under the server's connections, which go on reading
    an old snapshot."""
    with contextlib.suppress(FileExistsError):  # exists already: only its mode is set below
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE))
    os.chmod(path, FILE_MODE)


def write_private(path: Path | str, data: bytes) -> None:
    """Write a file that holds answers, comments or hashes (a backup, an export) readable by its owner
    only, whatever the umask: written beside it under a temporary name created 0600, then renamed over
    the target, so no moment exists where the data is readable by others (and a crash leaves the old file)."""
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have taken bits from the mode asked for above
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


class _Lease:
    """A thread's connection, handed back to the pool when the thread ends and this is collected."""

    def __init__(self, db: sqlite_utils.Database, pool: list[sqlite_utils.Database]) -> None:
        self.db, self.pool = db, pool

    def __del__(self) -> None:
        if len(self.pool) < POOL_SIZE:
            self.pool.append(self.db)  # list.append is atomic: no lock needed
        else:
            self.db.conn.close()


class MigrationFailed(ScanError):
    """The schema of an older database could not be brought up to date; nothing was changed."""


class Store:
    """Connections and transactions of one database file. Safe to share between Streamlit sessions."""

    def __init__(self, path: Path | str, *, stop_before: str | None = None) -> None:
        """Open (or create) the database and bring its schema up to date; ``stop_before`` leaves out
        that migration and every later one (to restore a backup made by an older version)."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        private_file(self.path)  # SQLite gives the -wal and -shm files the same mode
        self._local = threading.local()
        self._pool: list[sqlite_utils.Database] = []  # connections of threads that have ended
        with _LOCKS_GUARD:
            self._lock = _WRITE_LOCKS.setdefault(str(self.path.resolve()), threading.Lock())
        self._migrate(stop_before)

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection. Streamlit runs every rerun in a new thread, so connections of
        finished threads are reused (a fresh one costs a connect and a schema read on each click)."""
        lease = getattr(self._local, "lease", None)
        if lease is None:
            try:
                db = self._pool.pop()
            except IndexError:
                db = self._connect()
            if db.conn.in_transaction:  # never expected: write() and read() always end theirs
                db.conn.rollback()
            lease = self._local.lease = _Lease(db, self._pool)
        return lease.db

    def _connect(self) -> sqlite_utils.Database:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA foreign_keys = ON")
        if litestream_checkpoints():  # no checkpoint of ours may race Litestream's reading of the WAL
            conn.execute("PRAGMA wal_autocheckpoint = 0")
        return sqlite_utils.Database(conn)

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One transaction under the process-wide write lock; rolled back on any error. Checks that
        decide a write belong inside it, so nothing can change between the check and the write."""
        db = self.db
        with self._lock:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            else:
                db.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        """One read transaction: every query inside sees the same snapshot, whatever writers do. Inside
        another one it simply joins it (a view's parts read in their assembler's snapshot)."""
        db = self.db
        if db.conn.in_transaction:
            yield db
            return
        db.execute("BEGIN")
        try:
            db.execute("SELECT 1 FROM sqlite_master LIMIT 1")  # the snapshot starts at the first read
            yield db
        finally:
            db.execute("COMMIT")

    def _migrate(self, stop_before: str | None) -> None:
        """Every pending migration in one transaction: an upgrade lands whole or not at all."""
        self.db.enable_wal()
        pending = [m.name for m in schema.MIGRATIONS.pending(self.db)]
        try:
            with self.write() as db:
                schema.adopt_legacy_records(db)
                schema.MIGRATIONS.apply(db, stop_before=stop_before)
        except Exception as exc:
            if not pending:
                raise
            raise MigrationFailed(
                f"De database {self.path} kon niet worden bijgewerkt voor deze versie van democratiescan "
                f"(stappen {', '.join(pending)}). Er is niets veranderd: de database is zoals hij was. "
                "Zet de vorige versie terug en meld dit bij de ontwikkelaars. "
                f"Technische melding: {type(exc).__name__}: {exc}"
            ) from exc

    def schema_version(self) -> list[str]:
        """The names of the migrations this database has, in the order they ran."""
        return schema.applied(self.db)

    def counts(self) -> dict[str, int]:
        """Rows per data table (what a backup holds)."""
        return {name: self.db[name].count for name in data_tables(self.db)}
