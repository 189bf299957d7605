"""attendance: a month of attendance for every staff member against its SELECT in sqlite3.

On the demo hall of the `demo` benchmark (or a fresh one when this runs alone):
month_sheet for the demo's last month — every staff member's punches read, every day
judged by the rules, the month's counts summed (200 staff and about 17,000 events at S).
Each run opens its own read session, as the month view's worker does; the first run is
not counted. The raw limit is the SELECT of the month's events on the (hall_id,
occurred_at) index with sqlite3, every row fetched. The target is absolute (300 ms at S,
issue 3); the ratio says how much of the sheet is the query itself.
"""

from __future__ import annotations

import contextlib
import sqlite3
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from datetime import time as clock

from bench.board import UNTIL, demo_folder, hall_and_zone
from bench.runner import Context, Figure
from hallwatch.services.attendance.sheets import month_sheet
from hallwatch.storage.database import Database, DataFolder

RUNS = {"tiny": 21, "S": 7}
TARGET_MS = 300.0


def run(context: Context) -> Iterator[Figure]:
    folder = demo_folder(context)
    year, month = UNTIL.year, UNTIL.month
    # After the month, so every day of it is judged whatever today is.
    now = datetime(year + (month == 12), month % 12 + 1, 2, tzinfo=UTC)
    runs = RUNS[context.scale]
    with Database.open(folder, create=False) as db:
        hall, zone = hall_and_zone(db)
        ours: list[float] = []
        for attempt in range(runs + 1):
            started = time.perf_counter()
            with db.read() as session:
                month_sheet(session, hall.id, year, month, now=now)
            elapsed = time.perf_counter() - started
            if attempt:
                ours.append(elapsed)
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    start = datetime.combine(first, clock(0), tzinfo=zone)
    end = datetime.combine(following, clock(0), tzinfo=zone)
    raw, _rows = raw_times(folder, hall.id.hex, _text(start), _text(end), runs)
    our_ms = statistics.median(ours) * 1000
    raw_ms = statistics.median(raw) * 1000
    yield Figure(
        "attendance.month_ms",
        our_ms,
        "ms",
        raw_ms,
        raw_ms / our_ms,
        f"< {TARGET_MS:.0f} ms",
        our_ms < TARGET_MS,
    )


def _text(moment: datetime) -> str:
    # As storage.types.UtcDateTime writes times in SQLite: naive UTC ISO text.
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def raw_times(
    folder: DataFolder, hall_hex: str, start: str, end: str, runs: int
) -> tuple[list[float], int]:
    """Time the month's event SELECT with sqlite3; return the times and the row count."""
    times: list[float] = []
    rows = 0
    with contextlib.closing(sqlite3.connect(folder.db_path)) as conn:
        for attempt in range(runs + 1):
            started = time.perf_counter()
            rows = len(
                conn.execute(
                    "SELECT staff_id, kind, occurred_at, source, device_sn, note "
                    "FROM attendance_events WHERE hall_id = ? AND occurred_at >= ? "
                    "AND occurred_at < ? AND deleted = 0",
                    (hall_hex, start, end),
                ).fetchall()
            )
            if attempt:
                times.append(time.perf_counter() - started)
    return times, rows
