"""The spot-check screen's reads: a session's findings per window, names, cameras, photos."""

from __future__ import annotations

import sqlite3
import uuid

from hallwatch.storage.convert import key, read_uuid

__all__ = [
    "findings_per_window",
    "photos_per_finding",
    "staff_choices",
    "staff_names",
    "window_cameras",
]


def findings_per_window(
    conn: sqlite3.Connection, hall_id: uuid.UUID, check_id: uuid.UUID
) -> dict[uuid.UUID, int] | None:
    """Return how many findings the spot check has at each window (None: no such check)."""
    found = conn.execute(
        "SELECT 1 FROM spot_checks WHERE id = ? AND hall_id = ? AND deleted = 0",
        (key(check_id), key(hall_id)),
    ).fetchone()
    if found is None:
        return None
    rows = conn.execute(
        "SELECT window_id, count(*) FROM findings"
        " WHERE spot_check_id = ? AND deleted = 0 AND window_id IS NOT NULL"
        " GROUP BY window_id",
        (key(check_id),),
    )
    return {read_uuid(window): count for window, count in rows}


def staff_names(conn: sqlite3.Connection, hall_id: uuid.UUID) -> dict[uuid.UUID, str]:
    """Return every staff member's name by id, removed ones included (old findings name them)."""
    rows = conn.execute("SELECT id, name FROM staff WHERE hall_id = ?", (key(hall_id),))
    return {read_uuid(staff): name for staff, name in rows}


def staff_choices(conn: sqlite3.Connection, hall_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """Return the hall's current staff as (id, "name staff_no"), by staff number."""
    rows = conn.execute(
        "SELECT id, name, staff_no FROM staff WHERE hall_id = ? AND deleted = 0 ORDER BY staff_no",
        (key(hall_id),),
    )
    return [(read_uuid(staff), f"{name} {number}") for staff, name, number in rows]


def window_cameras(
    conn: sqlite3.Connection, hall_id: uuid.UUID
) -> dict[uuid.UUID, tuple[str, str]]:
    """Return each current window's camera: (stream address, snapshot address), "" if none."""
    rows = conn.execute(
        "SELECT id, camera_source, camera_snapshot_url FROM windows"
        " WHERE hall_id = ? AND deleted = 0",
        (key(hall_id),),
    )
    return {read_uuid(window): (source or "", snapshot or "") for window, source, snapshot in rows}


def photos_per_finding(conn: sqlite3.Connection, hall_id: uuid.UUID) -> dict[uuid.UUID, int]:
    """Return how many photos each finding of the hall has."""
    rows = conn.execute(
        "SELECT finding_id, count(*) FROM snapshots WHERE hall_id = ?"
        " AND deleted = 0 AND finding_id IS NOT NULL GROUP BY finding_id",
        (key(hall_id),),
    )
    return {read_uuid(finding): count for finding, count in rows}
