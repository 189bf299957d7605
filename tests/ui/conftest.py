"""Qt tests: offscreen (set in the top conftest), and no work left running."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QThread, QThreadPool

ROOT = Path(__file__).resolve().parents[2]
# Time a test's background work gets to end after the test, all of it at once.
GRACE_MS = 5000
# Threads and pools a failed test left running: a QThread destroyed while it runs
# aborts the whole session, so they are kept until the end.
_ABANDONED: list[Any] = []


@pytest.fixture(autouse=True)
def _application() -> None:
    # As the app runs: translated, and Python's garbage collected on the GUI thread only.
    from ui.app import create_application

    create_application()


def _started_at() -> str:
    """Say which app line and which test line started something (the innermost of each)."""
    places: dict[str, str] = {}
    for folder in ("ui", "tests"):
        frame: FrameType | None = sys._getframe(2)
        while frame is not None:
            path = Path(frame.f_code.co_filename)
            if path.is_relative_to(ROOT / folder) and path.name != "conftest.py":
                relative = path.relative_to(ROOT).as_posix()
                places[folder] = f"{relative}:{frame.f_lineno} {frame.f_code.co_name}"
                break
            frame = frame.f_back
    if "tests" not in places:
        # An event (a timer, a signal) or another thread started it, possibly for a
        # widget of an earlier test.
        places["tests"] = "an event or another thread, not this test's code"
    return " <- ".join(places.values())


def _pool_name(pool: QThreadPool) -> str:
    if pool is QThreadPool.globalInstance():
        return "the global thread pool (AppContext.read_pool)"
    parent = pool.parent()
    if parent is not None:
        owner = type(parent).__name__
        for name, value in vars(parent).items():
            if value is pool:
                return f"{owner}.{name}"
        return f"a thread pool of {owner}"
    return "a QThreadPool"


@pytest.fixture(autouse=True)
def _no_work_left() -> Iterator[None]:
    """Fail a test that leaves a QThread running or a thread pool busy.

    Every QThreadPool.start and QThread.start in the test is noted with where it
    was called (as napari's _dangling_qthread_pool and _dangling_qthreads do): a
    pool or thread still busy after the grace period would touch dead widgets
    or be destroyed running. The global pool is watched even if unused here.
    """
    pools: dict[QThreadPool, list[str]] = {QThreadPool.globalInstance(): []}
    threads: dict[QThread, str] = {}
    pool_start = QThreadPool.start
    thread_start = QThread.start

    def start_in_pool(pool: QThreadPool, runnable: Any, priority: int = 0) -> None:
        pools.setdefault(pool, []).append(_started_at())
        pool_start(pool, runnable, priority)

    def start_thread(
        thread: QThread, priority: QThread.Priority = QThread.Priority.InheritPriority
    ) -> None:
        threads[thread] = _started_at()
        thread_start(thread, priority)

    # Its own patcher: undoing the test's monkeypatch here would undo the isolated
    # environment before the fixtures that still need it are torn down.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QThreadPool, "start", start_in_pool)
        patch.setattr(QThread, "start", start_thread)
        yield

    deadline = time.monotonic() + GRACE_MS / 1000

    def remaining_ms() -> int:
        return max(0, round((deadline - time.monotonic()) * 1000))

    left: list[str] = []
    for thread, place in threads.items():
        # A thread deleted by its parent has ended: Qt aborts on deleting a running one.
        if shiboken6.isValid(thread) and not thread.wait(remaining_ms()):
            left.append(f"{type(thread).__name__} started at {place}")
            thread.requestInterruption()
            thread.quit()
            _ABANDONED.append(thread)
    for pool, places in pools.items():
        if shiboken6.isValid(pool) and not pool.waitForDone(remaining_ms()):
            busy = pool.activeThreadCount()
            where = "; ".join(dict.fromkeys(places)) or "before this test"
            left.append(f"{_pool_name(pool)}, {busy} task(s) running, started at {where}")
            pool.clear()  # what has not started yet never will
            _ABANDONED.append(pool)
    if left:
        pytest.fail(
            f"the test left work running {GRACE_MS} ms after it ended (wait for it, stop "
            "threads, e.g. context.wait_idle(), wait_for_cameras()):\n  " + "\n  ".join(left),
            pytrace=False,
        )
