"""preview: the GUI's event loop while a 1280×720 camera preview runs (issue 5).

In this process, offscreen: a CameraPreview shows a synthetic 1280×720 source for
SECONDS (60 at S, 5 at tiny) while a 5 ms timer on the GUI thread records the
longest gap between its ticks: the longest the event loop was unable to answer.
The raw limit is the same timer on an idle event loop, measured in the same run.
Target (issue 5): the loop never stalls longer than 50 ms. Frames shown per second
are reported too, against the frames per second the source gives read flat out.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

from bench.runner import Context, Figure

SECONDS = {"tiny": 5.0, "S": 60.0}
IDLE_SECONDS = 3.0
TARGET_MS = 50.0


def _longest_gap(seconds: float, app: object) -> float:
    from PySide6.QtCore import QEventLoop, QTimer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    timer.start()
    last[0] = time.perf_counter()
    loop.exec()
    timer.stop()
    return max(gaps[1:] or [0.0]) * 1000


def run(context: Context) -> Iterator[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import create_application
    from ui.checks.camera_preview import CameraPreview

    app = create_application()
    seconds = SECONDS.get(context.scale, 5.0)
    idle = _longest_gap(IDLE_SECONDS, app)
    preview = CameraPreview()
    preview.resize(960, 540)
    preview.show()
    preview.set_source("synthetic:A01?size=1280x720", "")
    started = time.perf_counter()
    stall = _longest_gap(seconds, app)
    elapsed = time.perf_counter() - started
    frames = preview.frames
    preview.stop()
    preview.close()
    yield Figure(
        "preview.max_stall_ms",
        stall,
        "ms",
        idle,
        idle / stall if stall else None,
        f"< {TARGET_MS:.0f} ms over {seconds:.0f} s",
        stall < TARGET_MS,
    )
    shown = frames / elapsed
    raw_fps = _source_fps(1.0)
    yield Figure(
        "preview.frames_per_s",
        shown,
        "fps",
        raw_fps,
        shown / raw_fps if raw_fps else None,
        "≥ 15",
        shown >= 15,
    )


def _source_fps(seconds: float) -> float:
    """Frames per second the same source gives when read flat out, without a screen."""
    from hallwatch.camera import open_source

    count = 0
    with open_source("synthetic:A01?size=1280x720", timeout=5.0) as camera:
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            camera.read()
            count += 1
        return count / (time.perf_counter() - started)
