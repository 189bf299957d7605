"""capture: a 1920×1080 frame to a stored, captioned, durable snapshot row vs the raw durable limit.

On the demo hall of the `demo` benchmark (or a fresh one when this runs alone):
capture_snapshot for one window — encode the original (JPEG quality 90, in two
halves on two threads, joined at a restart marker), draw the caption band and encode
only the band, splice it after the original's rows above it, write both blobs (each
fsynced and renamed into place, the folder fsynced) and commit the snapshot row with
its audit entry.

The raw limit, in the same run, is what any durable capture must do at the least:
cv2.imencode of the same frame at the same quality plus hashlib.sha256 of the bytes,
then write + fsync of two files of that size (the original and the captioned copy)
in the same data folder, and one INSERT committed by raw sqlite3 in WAL mode at
synchronous=FULL on a database file in that folder (as the product's database is).

Why the ratio used to swing (1.6× to 4.7× of encode + hash alone on this machine):
the snapshot's time is mostly fsync, and fsync time follows how busy the disk is
(other processes' writes, the journal's own flushes), while encode + hash is pure
CPU. Measured in separate loops, a busy spell fell on one side only. Now the raw
limit carries its own fsyncs and commit, and raw and snapshot runs alternate in one
loop (which goes first alternates too), so a busy spell lands on both; each side's
figure is the median of RUNS runs. The first run of each (font loading, statement
compilation, a cold file cache) is not counted.

Targets (issue 11): within 1.5× of the raw durable limit and under 120 ms.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
from sqlalchemy import select

from bench.board import demo_folder
from bench.runner import Context, Figure
from hallwatch.camera.sources import SyntheticSource
from hallwatch.services.checks.snapshots import capture_snapshot
from hallwatch.storage.database import Database
from hallwatch.storage.models import Hall, Window

RUNS = 21
WIDTH, HEIGHT = 1920, 1080
TARGET_RATIO = 1.5
TARGET_MS = 120.0


def frames(count: int) -> list[np.ndarray]:
    """Return count distinct camera-like frames (deterministic)."""
    source = SyntheticSource("bench", seed=5, width=WIDTH, height=HEIGHT)
    rng = np.random.default_rng(5)
    out = []
    for _ in range(count):
        frame = source.read().astype(np.int16)
        frame += rng.normal(0, 6, frame.shape).astype(np.int16)
        out.append(np.clip(frame, 0, 255).astype(np.uint8))
    return out


class RawDurable:
    """The raw limit: imencode + SHA-256, two fsynced files, one commit at synchronous=FULL."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(folder / "raw.sqlite", isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS shot (id INTEGER PRIMARY KEY, original TEXT, "
            "original_size INTEGER, captioned TEXT, captioned_size INTEGER, taken_at REAL)"
        )

    def run(self, frame: np.ndarray) -> tuple[float, float]:
        """Return (encode + hash seconds, durable seconds) for one frame."""
        started = time.perf_counter()
        _ok, buffer = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 90])
        data = buffer.tobytes()
        sha256 = hashlib.sha256(data).hexdigest()
        encoded = time.perf_counter()
        for which in ("o", "c"):
            path = self.folder / f"{sha256}.{which}"
            with path.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        self.conn.execute("BEGIN")
        self.conn.execute(
            "INSERT INTO shot (original, original_size, captioned, captioned_size, taken_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (sha256, len(data), sha256, len(data), time.time()),
        )
        self.conn.execute("COMMIT")
        done = time.perf_counter()
        return encoded - started, done - encoded

    def close(self) -> None:
        self.conn.close()


def run(context: Context) -> Iterator[Figure]:
    folder = demo_folder(context)
    pictures = frames(2 * (RUNS + 1))
    # The raw files and database live in the data folder: the same disk as the blobs.
    raw = RawDurable(folder.root / "bench-raw")
    encode: list[float] = []
    durable: list[float] = []
    ours: list[float] = []
    try:
        with Database.open(folder, create=False) as db:
            with db.read() as session:
                hall_id = session.scalars(select(Hall.id)).first()
                window_id = session.scalars(
                    select(Window.id).where(Window.hall_id == hall_id)
                ).first()
            assert hall_id is not None

            def snapshot(frame: np.ndarray) -> float:
                started = time.perf_counter()
                capture_snapshot(
                    db,
                    hall_id,
                    frame,
                    window_id=window_id,
                    taken_by="bench",
                    source_kind="synthetic",
                    source_label="synthetic:bench",
                )
                return time.perf_counter() - started

            for attempt in range(RUNS + 1):
                mine, theirs = pictures[2 * attempt], pictures[2 * attempt + 1]
                if attempt % 2:
                    spent, (coded, synced) = snapshot(mine), raw.run(theirs)
                else:
                    (coded, synced), spent = raw.run(theirs), snapshot(mine)
                if attempt:
                    encode.append(coded)
                    durable.append(synced)
                    ours.append(spent)
    finally:
        raw.close()
    our_ms = statistics.median(ours) * 1000
    raw_each = [a + b for a, b in zip(encode, durable, strict=True)]
    raw_ms = statistics.median(raw_each) * 1000
    ratio = our_ms / raw_ms
    yield Figure(
        "capture.snapshot_ms",
        our_ms,
        "ms",
        raw_ms,
        ratio,
        f"≤ {TARGET_RATIO:g}× raw durable, < {TARGET_MS:.0f} ms",
        ratio <= TARGET_RATIO and our_ms < TARGET_MS,
    )
    # The two halves of the raw limit, as shares of it, to show where the time goes.
    encode_ms = statistics.median(encode) * 1000
    durable_ms = statistics.median(durable) * 1000
    for name, part in (("encode_hash", encode_ms), ("fsync_commit", durable_ms)):
        yield Figure(
            f"capture.raw_{name}_ms", part, "ms", raw_ms, part / raw_ms, "info (share of raw)", True
        )
    # How much the runs wander, beside how much the raw runs do in the same loop.
    spread = (max(ours) - min(ours)) * 1000
    raw_spread = (max(raw_each) - min(raw_each)) * 1000
    yield Figure(
        "capture.snapshot_spread_ms",
        spread,
        "ms",
        raw_spread,
        spread / raw_spread,
        "info (spread of raw)",
        True,
    )
