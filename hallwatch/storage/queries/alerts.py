"""The alert scan's reads: who waits at which window, and each window's last call."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime

from hallwatch.storage.convert import key, read_utc, read_uuid, utc_text

__all__ = ["last_calls", "waiting_by_window"]


def waiting_by_window(
    conn: sqlite3.Connection, hall_id: uuid.UUID, since: datetime, at: datetime
) -> list[tuple[uuid.UUID, str, int, datetime]]:
    """Return (window, number, people waiting, oldest ticket's time) for each active window
    with tickets taken since `since` and not called by `at` (a unit's unassigned tickets
    count at each of its windows)."""
    now, start = utc_text(at), utc_text(since)
    rows = conn.execute(
        "SELECT w.id, w.number, count(*), min(c.taken_at) FROM windows w"
        " JOIN cases c ON c.hall_id = w.hall_id"
        " AND (c.window_id = w.id OR (c.window_id IS NULL AND c.unit_id = w.unit_id))"
        " WHERE w.hall_id = ? AND w.deleted = 0 AND w.active = 1"
        " AND c.deleted = 0 AND c.status != 'abandoned'"
        " AND c.taken_at >= ? AND c.taken_at <= ?"
        " AND (c.called_at IS NULL OR c.called_at > ?)"
        " GROUP BY w.id, w.number",
        (key(hall_id), start, now, now),
    )
    return [
        (read_uuid(window), number, int(count), read_utc(oldest))
        for window, number, count, oldest in rows
    ]


def last_calls(
    conn: sqlite3.Connection, hall_id: uuid.UUID, since: datetime, at: datetime
) -> dict[uuid.UUID, datetime]:
    """Return each window's last call by `at` of a ticket taken since `since`."""
    now, start = utc_text(at), utc_text(since)
    rows = conn.execute(
        "SELECT window_id, max(called_at) FROM cases"
        " WHERE hall_id = ? AND deleted = 0 AND taken_at >= ? AND taken_at <= ?"
        " AND called_at IS NOT NULL AND called_at <= ? AND window_id IS NOT NULL"
        " GROUP BY window_id",
        (key(hall_id), start, now, now),
    )
    return {read_uuid(window): read_utc(called) for window, called in rows}
