"""Direct reads: plain sqlite3 on the local database, for what must not wait for the ORM.

The board is the first thing an inspector sees. Importing SQLAlchemy and declaring
the models takes about 0.25 s, longer than PySide6 takes to show a window, so the
app draws its first board from these reads and opens the ORM in the background
(issue 3: the board drawn within 2x a bare window's start). The board reads
through here at every refresh too: one implementation, whatever the moment.

The readers decode SQLite's stored form of the ORM's types through
storage.convert (keys, times), enums by value, booleans as 0/1, JSON as text.
tests/core/test_direct.py reads the same rows through both and keeps them in
agreement. Only the local SQLite file is read this way; the
server's PostgreSQL never is.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from hallwatch.storage import migrate
from hallwatch.storage.convert import key
from hallwatch.storage.folder import BUSY_TIMEOUT_MS, SQLITE_MAGIC, DataFolder

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "audit_tables_after",
    "checkpoint",
    "connect",
    "data_version",
    "dbapi",
    "file_revision",
    "is_at_head",
    "open_alerts",
]


def connect(folder: DataFolder) -> sqlite3.Connection:
    """Return a read-only connection to the folder's database (any thread may use it)."""
    uri = folder.db_path.absolute().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


@contextlib.contextmanager
def reading(folder: DataFolder) -> Iterator[sqlite3.Connection]:
    """Yield a read-only connection inside one read transaction (a consistent view)."""
    conn = connect(folder)
    try:
        conn.execute("BEGIN")
        yield conn
    finally:
        conn.close()


def is_at_head(folder: DataFolder) -> bool:
    """Return True when the folder holds a SQLite database at this HallWatch's schema.

    False means the full open (`Database.open`) must decide: create, upgrade after a
    backup, or refuse a newer schema or a damaged file with its message.
    """
    try:
        with folder.db_path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return False
        with contextlib.closing(connect(folder)) as conn:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except (OSError, sqlite3.Error):
        return False
    return row is not None and row[0] == migrate.head_revision()


def file_revision(path: Path) -> str | None:
    """Return the schema revision of a database file (a backup's copy …), None if unreadable."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            return None
    return str(row[0]) if row else None


def checkpoint(path: Path) -> None:
    """Fold a database file's write-ahead log into the file itself (before copying it)."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def data_version(conn: sqlite3.Connection) -> int:
    """Return SQLite's data version: it moves when another connection has committed."""
    (version,) = conn.execute("PRAGMA data_version").fetchone()
    return int(version)


def audit_tables_after(conn: sqlite3.Connection, after: int | None) -> tuple[int, frozenset[str]]:
    """Return the last audit entry's id and the tables changed by entries after `after`.

    Every synced change leaves an audit entry naming its table (storage.changelog), so
    this says what any writer, another process included, has committed since then.
    `after` None: only the last id (where to start watching).
    """
    (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM audit_entries").fetchone()
    if after is None or last <= after:
        return int(last), frozenset()
    rows = conn.execute(
        "SELECT DISTINCT entity FROM audit_entries WHERE id > ? AND id <= ?", (after, last)
    )
    return int(last), frozenset(entity for (entity,) in rows)


def dbapi(source: Session | sqlite3.Connection) -> sqlite3.Connection:
    """Return the sqlite3 connection under an ORM session (in its transaction), or itself."""
    if isinstance(source, sqlite3.Connection):
        return source
    # What the session holds unflushed must be seen, as the ORM's own queries see it.
    source.flush()
    driver = source.connection().connection.driver_connection
    if not isinstance(driver, sqlite3.Connection):
        raise TypeError("direct reads work on the local SQLite database only")
    return driver


# --- what the first screen needs -------------------------------------------------------------


def open_alerts(
    conn: sqlite3.Connection, hall_id: uuid.UUID, limit: int = 3
) -> tuple[int, list[str]]:
    """Return how many alerts wait to be acknowledged, and the newest titles."""
    try:
        count = conn.execute(
            "SELECT count(*) FROM alerts WHERE hall_id = ? AND acknowledged_at IS NULL",
            (key(hall_id),),
        ).fetchone()[0]
        titles = conn.execute(
            "SELECT title FROM alerts WHERE hall_id = ? AND acknowledged_at IS NULL"
            " ORDER BY raised_at DESC, id DESC LIMIT ?",
            (key(hall_id), limit),
        ).fetchall()
    except sqlite3.OperationalError:  # a database from before alerts (it opens read-only)
        return 0, []
    return int(count), [title for (title,) in titles]
