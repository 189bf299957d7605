"""capture: a 1920×1080 frame to a stored, captioned, hashed snapshot row vs raw imencode + SHA-256.

On the demo hall of the `demo` benchmark (or a fresh one when this runs alone):
capture_snapshot for one window — encode the original (JPEG quality 90, in two
halves on two threads, joined at a restart marker), draw the caption band and encode
only the band, splice it after the original's rows above it, write both blobs (each
fsynced and renamed into place) and commit the snapshot row with its audit entry. The
raw limit, in the same run, is
cv2.imencode of the same frame at the same quality plus hashlib.sha256 of the bytes.

The frames are synthetic-source frames with sensor-like noise added (a flat test
pattern compresses to a tenth of a real camera's JPEG, which would flatter neither
side fairly), a different frame each run so the blob store never finds the file
already there. The first run of each (font loading, statement compilation) is not
counted. Targets (issue 5): within 2× raw and under 120 ms.
"""

from __future__ import annotations

import hashlib
import statistics
import time
from collections.abc import Iterator

import cv2
import numpy as np
from sqlalchemy import select

from bench.board import demo_folder
from bench.runner import Context, Figure
from hallwatch.camera.sources import SyntheticSource
from hallwatch.services.snapshots import capture_snapshot
from hallwatch.storage.database import Database
from hallwatch.storage.models import Hall, Window

RUNS = 15
WIDTH, HEIGHT = 1920, 1080
TARGET_RATIO = 2.0
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


def run(context: Context) -> Iterator[Figure]:
    folder = demo_folder(context)
    pictures = frames(RUNS + 1)
    raw: list[float] = []
    for attempt, frame in enumerate(pictures):
        started = time.perf_counter()
        _ok, buffer = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 90])
        hashlib.sha256(buffer.tobytes()).hexdigest()
        if attempt:
            raw.append(time.perf_counter() - started)
    ours: list[float] = []
    with Database.open(folder, create=False) as db:
        with db.read() as session:
            hall_id = session.scalars(select(Hall.id)).first()
            window_id = session.scalars(select(Window.id).where(Window.hall_id == hall_id)).first()
        assert hall_id is not None
        for attempt, frame in enumerate(pictures):
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
            if attempt:
                ours.append(time.perf_counter() - started)
    our_ms = statistics.median(ours) * 1000
    raw_ms = statistics.median(raw) * 1000
    ratio = our_ms / raw_ms
    yield Figure(
        "capture.snapshot_ms",
        our_ms,
        "ms",
        raw_ms,
        ratio,
        f"≤ {TARGET_RATIO:g}× raw, < {TARGET_MS:.0f} ms",
        ratio <= TARGET_RATIO and our_ms < TARGET_MS,
    )
