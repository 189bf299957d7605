"""board: one refresh of the hall board against the same event query in raw sqlite3.

On the demo hall of the `demo` benchmark (or a fresh one when this runs alone), at 10:30
on the demo's last working day: board_state for every window, each run in its own read
session as a refresh on the UI's timer would (the first run, which compiles statements
and builds the calendar's year, is not counted). The raw limit runs the query at the
heart of a refresh — the hall's attendance events of the day up to the moment, on the
(hall_id, occurred_at) index — with sqlite3 and fetches every row. The target is
absolute (30 ms for 60 windows, issue 3); the ratio says how much of a refresh is that
one query.
"""

from __future__ import annotations

import contextlib
import sqlite3
import statistics
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bench.runner import Context, Figure
from hallwatch.demo.generator import generate_demo
from hallwatch.services.attendance.board import board_state
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Hall

# The demo benchmark's last day (bench.demo.UNTIL), so a lone run makes the same hall.
UNTIL = date(2026, 6, 30)
RUNS = 31
TARGET_MS = 30.0


def demo_folder(context: Context) -> DataFolder:
    """Return the demo data folder of this run, generating it when no benchmark has."""
    folder: DataFolder | None = context.shared.get("demo_folder")
    if folder is None:
        folder = DataFolder(context.scratch("demo"))
        with Database.open(folder) as db:
            generate_demo(db, scale=context.scale, until=UNTIL)
        context.shared["demo_folder"] = folder
    return folder


def hall_and_zone(db: Database) -> tuple[Hall, ZoneInfo]:
    with db.read() as session:
        hall = session.scalars(select(Hall)).one()
    return hall, ZoneInfo(hall.timezone)


def last_workday(db: Database, hall: Hall) -> date:
    with db.read() as session:
        calendar = hall_calendar(session, hall.id)
    day = UNTIL
    while not calendar.is_workday(day):
        day -= timedelta(days=1)
    return day


def run(context: Context) -> Iterator[Figure]:
    folder = demo_folder(context)
    with Database.open(folder, create=False) as db:
        hall, zone = hall_and_zone(db)
        day = last_workday(db, hall)
        at = datetime.combine(day, clock(10, 30), tzinfo=zone)
        ours: list[float] = []
        for attempt in range(RUNS + 1):
            started = time.perf_counter()
            with db.read() as session:
                board_state(session, hall.id, at)
            elapsed = time.perf_counter() - started
            if attempt:
                ours.append(elapsed)
    start = datetime.combine(day, clock(0), tzinfo=zone).astimezone(UTC)
    raw = raw_times(folder, hall.id.hex, _text(start), _text(at.astimezone(UTC)))
    our_ms = statistics.median(ours) * 1000
    raw_ms = statistics.median(raw) * 1000
    yield Figure(
        "board.refresh_ms",
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


def raw_times(folder: DataFolder, hall_hex: str, start: str, end: str) -> list[float]:
    """Time the day's event query of a refresh with sqlite3 (the first run not counted)."""
    times: list[float] = []
    with contextlib.closing(sqlite3.connect(folder.db_path)) as conn:
        for attempt in range(RUNS + 1):
            started = time.perf_counter()
            conn.execute(
                "SELECT staff_id, kind, occurred_at, device_sn, window_id "
                "FROM attendance_events WHERE hall_id = ? AND occurred_at >= ? "
                "AND occurred_at <= ? AND deleted = 0",
                (hall_hex, start, end),
            ).fetchall()
            if attempt:
                times.append(time.perf_counter() - started)
    return times
