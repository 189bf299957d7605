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
import json
import sqlite3
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from hallwatch.domain.attendance import DaySchedule, ScheduleSeason
from hallwatch.domain.calendar import DayOverride, WorkCalendar
from hallwatch.domain.errors import NotFoundError
from hallwatch.domain.halls import HallInfo
from hallwatch.domain.rules import HallRules
from hallwatch.domain.timeutil import hall_zone
from hallwatch.storage import migrate
from hallwatch.storage.convert import key, read_date, read_time, read_uuid
from hallwatch.storage.folder import BUSY_TIMEOUT_MS, SQLITE_MAGIC, DataFolder

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "calendar",
    "connect",
    "dbapi",
    "halls",
    "is_at_head",
    "open_alerts",
    "rules",
    "seasons",
    "units",
    "zone",
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


def dbapi(source: Session | sqlite3.Connection) -> sqlite3.Connection:
    """Return the sqlite3 connection under an ORM session (in its transaction), or itself."""
    if isinstance(source, sqlite3.Connection):
        return source
    driver = source.connection().connection.driver_connection
    if not isinstance(driver, sqlite3.Connection):
        raise TypeError("direct reads work on the local SQLite database only")
    return driver


# --- what the first screen needs -------------------------------------------------------------


def zone(conn: sqlite3.Connection, hall_id: uuid.UUID) -> ZoneInfo:
    """Return the hall's time zone (NotFoundError for a hall that is not there)."""
    row = conn.execute("SELECT timezone FROM halls WHERE id = ?", (key(hall_id),)).fetchone()
    if row is None:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")
    return hall_zone(row[0])


def halls(conn: sqlite3.Connection) -> list[HallInfo]:
    """Return every hall on this device, by code (as services.halls.list_halls)."""
    rows = conn.execute(
        "SELECT id, code, name, timezone, is_demo FROM halls WHERE deleted = 0 ORDER BY code"
    )
    return [
        HallInfo(read_uuid(hid), code, name, tz, bool(demo)) for hid, code, name, tz, demo in rows
    ]


def units(conn: sqlite3.Connection, hall_id: uuid.UUID) -> list[tuple[uuid.UUID, str, str]]:
    """Return the hall's units by code: (id, name, short name), for filters."""
    rows = conn.execute(
        "SELECT id, name, short_name FROM units WHERE hall_id = ? AND deleted = 0 ORDER BY code",
        (key(hall_id),),
    )
    return [(read_uuid(uid), name, short or "") for uid, name, short in rows]


def calendar(conn: sqlite3.Connection, hall_id: uuid.UUID) -> WorkCalendar:
    """Return the hall's working-day calendar (as services.calendar.hall_calendar)."""
    rows = conn.execute(
        "SELECT day, is_workday, name, national FROM holidays WHERE hall_id = ? AND deleted = 0",
        (key(hall_id),),
    )
    return WorkCalendar(
        DayOverride(read_date(day), bool(workday), name, bool(national))
        for day, workday, name, national in rows
    )


def seasons(conn: sqlite3.Connection, hall_id: uuid.UUID) -> list[ScheduleSeason]:
    """Return the hall's schedules with their seasons (as services.attendance.load_seasons)."""
    rows = conn.execute(
        "SELECT season_start, season_end, am_start, am_end, pm_start, pm_end,"
        " late_grace_minutes, name FROM schedules WHERE hall_id = ? AND deleted = 0"
        " ORDER BY season_start, name",
        (key(hall_id),),
    )
    return [
        ScheduleSeason(
            start,
            end,
            DaySchedule(
                read_time(a0), read_time(a1), read_time(p0), read_time(p1), grace or 0, name
            ),
        )
        for start, end, a0, a1, p0, p1, grace, name in rows
    ]


def rules(conn: sqlite3.Connection, hall_id: uuid.UUID) -> HallRules:
    """Return the hall's rules, defaults filling what is not set (as services.rules)."""
    rows = conn.execute(
        "SELECT key, value FROM settings WHERE hall_id = ? AND deleted = 0", (key(hall_id),)
    )
    return HallRules.from_settings({name: _json(value) for name, value in rows})


def _json(value: Any) -> Any:
    # A JSON column has NUMERIC affinity in SQLite: numbers come back as numbers.
    return json.loads(value) if isinstance(value, str) else value


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
