"""queue_import: import_file of a queue-system export against raw sqlite3 executemany.

The file is a GB18030 CSV with Chinese headers, as queue systems export it: 1,000,000
tickets at S (20,000 at tiny) at the windows of the demo hall that the `demo` benchmark
made in the same run (copied, so that later benchmarks see the demo unchanged), or,
when it runs alone, of a fresh hall with units, windows, staff and service items.
Forty tickets per window and working day up to the year before the demo's (a queue
export is of days gone by: the import refuses times in the future); three in a hundred
abandoned, one transferred, the rest finished, seven in ten rated, a few held.

Timed: import_file alone — reading and checking every row (times, windows, staff,
items, rating scale, duplicates within the file and against the stored tickets), the
inserts, the outbox mutations, the batch row and the commit. The raw limit inserts the
very rows the import stored, read back with sqlite3, into a new file with the same
schema and pragmas (parents copied first, untimed), in one transaction; only the
executemany calls and the commit are timed.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.runner import Context, Figure
from hallwatch.domain.ids import uuid7
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.imports import import_file
from hallwatch.storage.database import Database, DataFolder, copy_database
from hallwatch.storage.models import Hall, ImportBatch, ServiceItem, Staff, Unit, Window

ROWS = {"tiny": 20_000, "S": 1_000_000}
# A hall of this size when the benchmark runs without the demo's.
WINDOWS = {"tiny": 8, "S": 60}
TICKETS_PER_WINDOW = 40
# The file ends before the demo benchmark's year (2025-07-01 to 2026-06-30 at S), so no
# ticket meets a demo one, and every time is in the past.
LAST_DAY = date(2025, 6, 30)
# At tiny the run lasts a fraction of a second and fixed costs (the statements'
# compilation, the calendar's years, the first look-ups) weigh as much as the rows.
TARGET_RATIO = {"tiny": 0.15, "S": 0.3}
PARENTS = ("halls", "units", "windows", "staff", "service_items", "import_batches")
HEADER = "票号,业务类型,窗口,工号,取号时间,叫号时间,办结时间,状态,挂起时长,满意度\r\n"


def run(context: Context) -> Iterator[Figure]:
    folder, hall_id = _data_folder(context)
    path = context.scratch("queue") / "排队明细.csv"
    with Database.open(folder) as db:
        with db.read() as session:
            windows = [
                (number, staff_no, unit_id)
                for number, staff_no, unit_id in _window_staff(session, hall_id)
            ]
            items: dict[Any, list[str]] = {}
            for code, unit_id in session.execute(
                select(ServiceItem.code, ServiceItem.unit_id).where(ServiceItem.hall_id == hall_id)
            ):
                items.setdefault(unit_id, []).append(code)
        write_queue(path, windows, items, ROWS[context.scale])
        started = time.perf_counter()
        report = import_file(db, hall_id, "queue", path)
        ours = time.perf_counter() - started
        with db.read() as session:
            batch = session.get(ImportBatch, report.batch_id)
            assert batch is not None, report
            created = batch.imported_at
    assert not report.error_count, report.errors[:3]
    assert report.rows_imported == ROWS[context.scale], report
    stored_at = created.replace(tzinfo=None).isoformat(sep=" ")
    rows, raw = raw_insert(folder.db_path, stored_at, context.scratch("raw") / "raw.db")
    assert rows == report.rows_imported, (rows, report.rows_imported)
    our_rate, raw_rate = rows / ours, rows / raw
    ratio = our_rate / raw_rate
    bar = TARGET_RATIO[context.scale]
    target = f"≥ {bar}"
    holds = ratio >= bar
    yield Figure("queue_import.rows_per_s", our_rate, "rows/s", raw_rate, ratio, target, holds)
    yield Figure("queue_import.seconds", ours, "s", raw, ratio, target, holds)


def _window_staff(session: Any, hall_id: Any) -> list[tuple[str, str, Any]]:
    """Return (window number, a staff number, unit id) for each window of the hall."""
    windows = session.execute(
        select(Window.number, Window.unit_id)
        .where(Window.hall_id == hall_id)
        .order_by(Window.number)
    ).all()
    staff = [
        (number, unit_id)
        for number, unit_id in session.execute(
            select(Staff.staff_no, Staff.unit_id)
            .where(Staff.hall_id == hall_id)
            .order_by(Staff.staff_no)
        )
    ]
    found = []
    for index, (number, unit_id) in enumerate(windows):
        same = [no for no, unit in staff if unit == unit_id] or [no for no, _unit in staff]
        found.append((number, same[index % len(same)], unit_id))
    return found


def _data_folder(context: Context) -> tuple[DataFolder, Any]:
    """Return a data folder with a hall, its units, windows, staff and items, and its id."""
    demo: DataFolder | None = context.shared.get("demo_folder")
    folder = DataFolder(context.scratch("queue-import"))
    if demo is not None:
        copy_database(demo.db_path, folder.db_path)
        with Database.open(folder) as db, db.read() as session:
            return folder, session.scalars(select(Hall.id)).one()
    with Database.open(folder) as db, db.write("bench") as session:
        hall = create_hall(session, code="BENCH", name="排队导入测试大厅")
        windows = WINDOWS[context.scale]
        for unit_no in range(1, 5):
            unit = Unit(id=uuid7(), hall_id=hall.id, code=f"U{unit_no}", name=f"单位{unit_no}")
            session.add(unit)
            session.flush()
            for item_no in range(1, 6):
                session.add(
                    ServiceItem(
                        id=uuid7(),
                        hall_id=hall.id,
                        unit_id=unit.id,
                        code=f"U{unit_no}-{item_no:03d}",
                        name=f"单位{unit_no}事项{item_no}",
                        promised_days=item_no,
                        legal_days=20,
                    )
                )
            for number in range(windows // 4):
                no = (unit_no - 1) * (windows // 4) + number + 1
                session.add(
                    Window(id=uuid7(), hall_id=hall.id, unit_id=unit.id, number=f"W{no:02d}")
                )
                session.add(
                    Staff(
                        id=uuid7(),
                        hall_id=hall.id,
                        unit_id=unit.id,
                        staff_no=f"{no:05d}",
                        name=f"员工{no}",
                        pin=str(1000 + no),
                    )
                )
        return folder, hall.id


def write_queue(
    path: Path, windows: list[tuple[str, str, Any]], items: dict[Any, list[str]], rows: int
) -> None:
    """Write a GB18030 queue export of `rows` tickets at these windows (deterministic)."""
    rng = random.Random(f"hallwatch-bench-queue:{rows}")
    written = 0
    day = LAST_DAY
    for _ in range(-(-rows // (len(windows) * TICKETS_PER_WINDOW))):
        day -= timedelta(days=1)
        while day.weekday() >= 5:
            day -= timedelta(days=1)
    with path.open("w", encoding="gb18030", newline="") as handle:
        handle.write(HEADER)
        while written < rows:
            if day.weekday() >= 5:
                day += timedelta(days=1)
                continue
            stamp = day.isoformat()
            out = []
            sequence = 0
            for number, staff_no, unit_id in windows:
                codes = items.get(unit_id) or [""]
                free = 9 * 3600
                arrivals = sorted(
                    8 * 3600 + 45 * 60 + rng.randrange(0, 8 * 3600)
                    for _ in range(TICKETS_PER_WINDOW)
                )
                for taken in arrivals:
                    sequence += 1
                    called = max(taken + rng.randrange(30, 1800), free)
                    roll = rng.random()
                    ticket = f"{number[:1]}{sequence:04d}"
                    when = _clock(taken)
                    if roll < 0.03:
                        out.append(f"{ticket},,{number},,{stamp} {when},,,过号,,\r\n")
                        continue
                    service = rng.randrange(120, 900)
                    hold = rng.randrange(1, 10) if rng.random() < 0.03 else 0
                    done = called + service + hold * 60
                    free = done + rng.randrange(10, 60)
                    state = "转移" if roll < 0.04 else "办结"
                    rating = str(rng.randrange(1, 6)) if rng.random() < 0.7 else ""
                    code = rng.choice(codes)
                    out.append(
                        f"{ticket},{code},{number},{staff_no},{stamp} {when},"
                        f"{stamp} {_clock(called)},{stamp} {_clock(done)},{state},"
                        f"{hold or ''},{rating}\r\n"
                    )
            handle.writelines(out[: rows - written])
            written += min(len(out), rows - written)
            day += timedelta(days=1)


def _clock(second: int) -> str:
    hh, rest = divmod(second, 3600)
    mm, ss = divmod(rest, 60)
    return f"{hh:02d}:{mm:02d}:{ss:02d}"


def raw_insert(source: Path, created_at: str, target: Path) -> tuple[int, float]:
    """Insert the batch's rows into a new file with the same schema; return (rows, seconds)."""
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target, isolation_level=None)) as dst,
    ):
        dst.execute("PRAGMA journal_mode=WAL")
        dst.execute("PRAGMA synchronous=FULL")  # as the app's database
        dst.execute("PRAGMA foreign_keys=ON")
        schema = src.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
            "ORDER BY type = 'table' DESC, rowid"
        ).fetchall()
        for (sql,) in schema:
            dst.execute(sql)
        dst.execute("BEGIN")
        for name in PARENTS:
            cursor = src.execute(f'SELECT * FROM "{name}"')
            marks = ", ".join("?" * len(cursor.description))
            dst.executemany(f'INSERT INTO "{name}" VALUES ({marks})', cursor.fetchall())
        dst.execute("COMMIT")
        # The rows of a batch carry its imported_at as their created_at (caserows.py).
        cursor = src.execute(
            "SELECT * FROM cases WHERE created_at = ? ORDER BY rowid", (created_at,)
        )
        marks = ", ".join("?" * len(cursor.description))
        statement = f"INSERT INTO cases VALUES ({marks})"
        rows = 0
        elapsed = 0.0
        started = time.perf_counter()
        dst.execute("BEGIN")
        elapsed += time.perf_counter() - started
        while chunk := cursor.fetchmany(50_000):
            started = time.perf_counter()
            dst.executemany(statement, chunk)
            elapsed += time.perf_counter() - started
            rows += len(chunk)
        started = time.perf_counter()
        dst.execute("COMMIT")
        elapsed += time.perf_counter() - started
    return rows, elapsed
