"""The board's reads: windows, who is assigned, the day's marks and leaves, pauses.

The board is the first screen and is refreshed every few seconds, so it reads with
plain SQL (also before SQLAlchemy is loaded: storage.direct). Rows come back
decoded: UUIDs, aware UTC datetimes, the stored enum values as text.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, datetime

from hallwatch.storage.convert import key, read_utc, read_uuid, utc_text

__all__ = [
    "assignments",
    "day_marks",
    "last_window_events",
    "leaves_between",
    "staff_member",
    "windows",
]


def windows(
    conn: sqlite3.Connection, hall_id: uuid.UUID, unit_id: uuid.UUID | None
) -> list[tuple[uuid.UUID, str, str, uuid.UUID | None, str]]:
    """Return the active windows by number: (id, number, zone, unit, unit name)."""
    sql = (
        "SELECT w.id, w.number, w.zone, w.unit_id, u.name FROM windows w"
        " LEFT JOIN units u ON u.id = w.unit_id"
        " WHERE w.hall_id = ? AND w.deleted = 0 AND w.active = 1"
    )
    params = [key(hall_id)]
    if unit_id is not None:
        sql += " AND w.unit_id = ?"
        params.append(key(unit_id))
    return [
        (read_uuid(wid), number, zone or "", read_uuid(uid) if uid else None, uname or "")
        for wid, number, zone, uid, uname in conn.execute(sql + " ORDER BY w.number", params)
    ]


def assignments(
    conn: sqlite3.Connection, hall_id: uuid.UUID, day: date
) -> list[tuple[uuid.UUID, str, uuid.UUID, str, str]]:
    """Return the assignments valid on day, oldest start first: (window, role, staff, name, no)."""
    today = day.isoformat()
    rows = conn.execute(
        "SELECT a.window_id, a.role, s.id, s.name, s.staff_no"
        " FROM window_assignments a JOIN staff s ON s.id = a.staff_id"
        " WHERE a.hall_id = ? AND a.deleted = 0 AND a.starts_on <= ?"
        " AND (a.ends_on IS NULL OR a.ends_on >= ?) AND s.deleted = 0"
        " ORDER BY a.starts_on",
        (key(hall_id), today, today),
    )
    return [
        (read_uuid(window), role, read_uuid(staff), name, staff_no)
        for window, role, staff, name, staff_no in rows
    ]


def day_marks(
    conn: sqlite3.Connection, hall_id: uuid.UUID, since: datetime, until: datetime
) -> list[tuple[uuid.UUID | None, str, datetime, str | None, uuid.UUID | None]]:
    """Return the attendance events in [since, until]: (staff, kind, time, device, window).

    Times are as stored (a punch at its device's time: the caller applies offsets).
    """
    rows = conn.execute(
        "SELECT staff_id, kind, occurred_at, device_sn, window_id FROM attendance_events"
        " WHERE hall_id = ? AND occurred_at >= ? AND occurred_at <= ? AND deleted = 0",
        (key(hall_id), utc_text(since), utc_text(until)),
    )
    return [
        (
            read_uuid(staff) if staff else None,
            kind,
            read_utc(occurred),
            device,
            read_uuid(window) if window else None,
        )
        for staff, kind, occurred, device, window in rows
    ]


def leaves_between(
    conn: sqlite3.Connection, hall_id: uuid.UUID, since: datetime, until: datetime
) -> list[tuple[uuid.UUID, str, datetime, datetime]]:
    """Return the leaves overlapping (since, until): (staff, kind, starts, ends)."""
    rows = conn.execute(
        "SELECT staff_id, kind, starts_at, ends_at FROM leaves"
        " WHERE hall_id = ? AND deleted = 0 AND starts_at < ? AND ends_at > ?",
        (key(hall_id), utc_text(until), utc_text(since)),
    )
    return [
        (read_uuid(staff), kind, read_utc(starts), read_utc(ends))
        for staff, kind, starts, ends in rows
    ]


def staff_member(conn: sqlite3.Connection, staff_id: uuid.UUID) -> tuple[str, str] | None:
    """Return a staff member's (name, staff number), removed ones too; None if unknown."""
    row = conn.execute("SELECT name, staff_no FROM staff WHERE id = ?", (key(staff_id),)).fetchone()
    return None if row is None else (row[0], row[1])


def last_window_events(
    conn: sqlite3.Connection, hall_id: uuid.UUID, at: datetime
) -> list[tuple[uuid.UUID, str, datetime, str]]:
    """Return each window's last pause/resume event up to `at`: (window, kind, when, note)."""
    rows = conn.execute(
        "SELECT w.id, e.kind, e.occurred_at, e.note FROM windows w"
        " JOIN window_events e ON e.id = ("
        "  SELECT l.id FROM window_events l"
        "  WHERE l.window_id = w.id AND l.occurred_at <= ? AND l.deleted = 0"
        "  ORDER BY l.occurred_at DESC, l.id DESC LIMIT 1)"
        " WHERE w.hall_id = ? AND w.deleted = 0",
        (utc_text(at), key(hall_id)),
    )
    return [
        (read_uuid(window), kind, read_utc(occurred), note or "")
        for window, kind, occurred, note in rows
    ]
