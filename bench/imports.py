"""imports: import_file of a ZKTeco attlog file and of punch workbooks (.xlsx, .xls)
against raw sqlite3 executemany of their rows.

The file holds 1,000,000 punch lines at S (20,000 at tiny) for the staff of the demo
hall that the `demo` benchmark made in the same run (copied, so that later benchmarks
see the demo unchanged), or, when it runs alone, of a fresh hall with as many staff
as the demo's. Four punches per person and day, on the days that end the day before the
demo begins (punches in the future are refused, and a million of them take years), PINs
padded with spaces as the devices write them, and one press in two hundred repeated
a few seconds later (merged by the import).

Timed: import_file alone — both passes over the file, the duplicate check against the
stored punches, the inserts, the outbox mutations, the batch row and the commit. The
raw limit inserts the very rows the import stored, read back with sqlite3, into a new
file with the same schema and pragmas (parents copied first, untimed), in one
transaction; only the executemany calls and the commit are timed.

Workbooks: the same kind of punches as a punch export (工号, 姓名, 打卡时间, 设备号),
read through python-calamine into a fresh copy of the same hall: 200,000 rows in an
.xlsx (date cells, as Excel writes them) and, in an .xls (text cells, as ZKTime writes
them), as many as one sheet of the old format holds (65,536 rows; 60,000 at S). The
files are written untimed, with openpyxl and xlwt; each has its own raw limit, measured
the same way as the attlog's.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bench.runner import Context, Figure
from hallwatch.domain.ids import uuid7
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.imports import import_file
from hallwatch.storage.database import Database, DataFolder, copy_database
from hallwatch.storage.models import Hall, Staff

LINES = {"tiny": 20_000, "S": 1_000_000}
XLSX_ROWS = {"tiny": 10_000, "S": 200_000}
# An .xls sheet ends at row 65,536.
XLS_ROWS = {"tiny": 5_000, "S": 60_000}
STAFF = {"tiny": 12, "S": 200}
# The files end before the demo benchmark's first day (a month or a year before
# 2026-06-30), so no line meets a demo punch.
LAST_DAY = date(2025, 5, 31)


def first_day(pins: list[str], punches: int) -> date:
    """Return the day to start on so that four punches a person and day end by LAST_DAY."""
    return LAST_DAY - timedelta(days=punches // (4 * max(len(pins), 1)) + 1)


# At tiny the run lasts a fraction of a second and fixed costs (numpy's import, the
# statements' compilation, the first look-ups) weigh as much as the rows.
TARGET_RATIO = {"tiny": 0.15, "S": 0.3}
PARENTS = ("halls", "units", "staff", "import_batches")


def run(context: Context) -> Iterator[Figure]:
    folder, hall_id = _data_folder(context)
    path = context.scratch("attlog") / "1_attlog.dat"
    with Database.open(folder) as db:
        with db.read() as session:
            pins = [
                pin or number
                for pin, number in session.execute(
                    select(Staff.pin, Staff.staff_no)
                    .where(Staff.hall_id == hall_id)
                    .order_by(Staff.staff_no)
                )
            ]
        write_attlog(path, pins, LINES[context.scale])
        started = time.perf_counter()
        report = import_file(db, hall_id, "attlog", path)
        ours = time.perf_counter() - started
    assert report.batch_id is not None, report
    assert not report.error_count, report.errors[:3]
    rows, raw = raw_insert(folder.db_path, str(report.batch_id), context.scratch("raw") / "raw.db")
    assert rows == report.rows_imported, (rows, report.rows_imported)
    our_rate, raw_rate = rows / ours, rows / raw
    ratio = our_rate / raw_rate
    bar = TARGET_RATIO[context.scale]
    target = f"≥ {bar}"
    yield Figure("imports.rows_per_s", our_rate, "rows/s", raw_rate, ratio, target, ratio >= bar)
    yield Figure("imports.seconds", ours, "s", raw, ratio, target, ratio >= bar)
    for suffix, rows_wanted in (("xlsx", XLSX_ROWS), ("xls", XLS_ROWS)):
        yield _workbook_figure(context, pins, suffix, rows_wanted[context.scale])


def _workbook_figure(context: Context, pins: list[str], suffix: str, count: int) -> Figure:
    """Import a punch workbook into a fresh copy of the hall; rate against raw sqlite3."""
    folder, hall_id = _data_folder(context)
    path = context.scratch(suffix) / f"punches.{suffix}"
    (write_xlsx if suffix == "xlsx" else write_xls)(path, pins, count)
    with Database.open(folder) as db:
        started = time.perf_counter()
        report = import_file(db, hall_id, "punches", path)
        ours = time.perf_counter() - started
    assert report.batch_id is not None, report
    assert not report.error_count, report.errors[:3]
    rows, raw = raw_insert(
        folder.db_path, str(report.batch_id), context.scratch("raw") / f"{suffix}.db"
    )
    assert rows == report.rows_imported, (rows, report.rows_imported)
    ratio = (rows / ours) / (rows / raw)
    bar = TARGET_RATIO[context.scale]
    return Figure(
        f"imports.{suffix}_rows_per_s",
        rows / ours,
        "rows/s",
        rows / raw,
        ratio,
        f"≥ {bar}",
        ratio >= bar,
    )


def _data_folder(context: Context) -> tuple[DataFolder, object]:
    """Return a data folder with a hall and its staff, and the hall's id."""
    demo: DataFolder | None = context.shared.get("demo_folder")
    folder = DataFolder(context.scratch("imports"))
    if demo is not None:
        copy_database(demo.db_path, folder.db_path)
        with Database.open(folder) as db, db.read() as session:
            return folder, session.scalars(select(Hall.id)).one()
    with Database.open(folder) as db, db.write("bench") as session:
        hall = create_hall(session, code="BENCH", name="导入测试大厅")
        for number in range(1, STAFF[context.scale] + 1):
            session.add(
                Staff(
                    id=uuid7(),
                    hall_id=hall.id,
                    staff_no=f"{number:05d}",
                    name=f"员工{number}",
                    pin=str(1000 + number),
                )
            )
        return folder, hall.id


def write_attlog(path: Path, pins: list[str], lines: int) -> None:
    """Write an attlog file of about `lines` punches for these PINs (deterministic)."""
    rng = random.Random(f"hallwatch-bench-imports:{lines}")
    # Seconds after midnight of the four punches, before the day's jitter.
    slots = (8 * 3600 + 40 * 60, 12 * 3600 + 2 * 60, 13 * 3600 + 20 * 60, 17 * 3600 + 35 * 60)
    written = 0
    day = first_day(pins, lines)
    with path.open("w", encoding="ascii", newline="\r\n") as handle:
        while written < lines:
            stamp = day.isoformat()
            out = []
            for slot in slots:
                for pin in pins:
                    second = slot + rng.randrange(-1200, 1200)
                    hh, rest = divmod(second, 3600)
                    mm, ss = divmod(rest, 60)
                    line = f"{pin:>9}\t{stamp} {hh:02d}:{mm:02d}:{ss:02d}\t1\t0\t1\t0\n"
                    out.append(line)
                    if rng.random() < 0.005:  # pressed again, to be sure
                        ss = min(ss + 3, 59)
                        out.append(f"{pin:>9}\t{stamp} {hh:02d}:{mm:02d}:{ss:02d}\t1\t0\t1\t0\n")
            handle.writelines(out[: lines - written])
            written += min(len(out), lines - written)
            day += timedelta(days=1)


def punch_rows(pins: list[str], count: int) -> Iterator[tuple[str, datetime]]:
    """Yield `count` (PIN, wall-clock time) punches: four a person and day (deterministic)."""
    rng = random.Random(f"hallwatch-bench-imports-workbook:{count}")
    slots = (8 * 3600 + 40 * 60, 12 * 3600 + 2 * 60, 13 * 3600 + 20 * 60, 17 * 3600 + 35 * 60)
    day = datetime.combine(first_day(pins, count), datetime.min.time())
    made = 0
    while True:
        for slot in slots:
            for pin in pins:
                if made == count:
                    return
                made += 1
                yield pin, day + timedelta(seconds=slot + rng.randrange(-1200, 1200))
        day += timedelta(days=1)


def write_xlsx(path: Path, pins: list[str], count: int) -> None:
    """Write a punch workbook as Excel exports it: a header, then one punch a row."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("打卡记录")
    sheet.append(["工号", "姓名", "打卡时间", "设备号"])
    for pin, moment in punch_rows(pins, count):
        sheet.append([pin, f"员工{pin}", moment, 1])
    book.save(path)


def write_xls(path: Path, pins: list[str], count: int) -> None:
    """Write an .xls as ZKTime saves it: every cell text."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("打卡记录")
    for column, title in enumerate(("工号", "姓名", "打卡时间", "设备号")):
        sheet.write(0, column, title)
    for row, (pin, moment) in enumerate(punch_rows(pins, count), start=1):
        sheet.write(row, 0, pin)
        sheet.write(row, 1, f"员工{pin}")
        sheet.write(row, 2, moment.strftime("%Y-%m-%d %H:%M:%S"))
        sheet.write(row, 3, "1")
    book.save(str(path))


def raw_insert(source: Path, batch_id: str, target: Path) -> tuple[int, float]:
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
        # The stored form of the batch id (SQLAlchemy's Uuid on SQLite: 32 hex digits).
        key = batch_id.replace("-", "")
        cursor = src.execute(
            "SELECT * FROM attendance_events WHERE batch_id = ? ORDER BY rowid", (key,)
        )
        marks = ", ".join("?" * len(cursor.description))
        statement = f"INSERT INTO attendance_events VALUES ({marks})"
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
