"""open: Database.open of an existing demo database at head against a bare sqlite3.connect.

The raw limit (connect plus SELECT 1, well under a millisecond) is not a fair bar for a
ratio: opening a HallWatch database also checks the file header, sets the pragmas, reads
the schema revision and compares it with the migration scripts, and reads the device id.
So the target is absolute: 50 ms, a small slice of the one-to-two-second cold start
budget of the desktop app, and it must not grow with the amount of data (the S database
opens as fast as the tiny one). The ratio is reported for the record.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Iterator

from bench.runner import Context, Figure
from hallwatch.demo.generator import generate_demo
from hallwatch.storage.database import Database, DataFolder

RUNS = 21
TARGET_MS = 50.0


def run(context: Context) -> Iterator[Figure]:
    folder: DataFolder | None = context.shared.get("demo_folder")
    if folder is None:
        folder = DataFolder(context.scratch("open"))
        with Database.open(folder) as db:
            generate_demo(db, scale=context.scale)
    # One open first, so that imports and the OS file cache do not count for the median.
    Database.open(folder, create=False).close()
    ours: list[float] = []
    for _ in range(RUNS):
        started = time.perf_counter()
        db = Database.open(folder, create=False)
        ours.append(time.perf_counter() - started)
        db.close()
    raw: list[float] = []
    for _ in range(RUNS):
        started = time.perf_counter()
        conn = sqlite3.connect(folder.db_path)
        conn.execute("SELECT 1").fetchone()
        raw.append(time.perf_counter() - started)
        conn.close()
    our_ms = statistics.median(ours) * 1000
    raw_ms = statistics.median(raw) * 1000
    yield Figure(
        "open.median_ms",
        our_ms,
        "ms",
        raw_ms,
        raw_ms / our_ms,
        f"≤ {TARGET_MS:.0f} ms",
        our_ms <= TARGET_MS,
    )
