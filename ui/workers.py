"""Run core functions off the GUI thread (QThreadPool), results back as signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Signal

from hallwatch.domain.errors import HallWatchError
from hallwatch.storage import changes

log = logging.getLogger(__name__)

T = TypeVar("T")


class WorkerSignals(QObject):
    # What the task's committed writes changed (a ChangeSummary), before its answer.
    changed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)


class FunctionWorker(QRunnable):
    """Call fn() in the pool; emit changed(summary) if it wrote, then finished or failed."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = WorkerSignals()
        # Set once run() has returned from its emit: only then may the signals go.
        self.done = threading.Event()

    def run(self) -> None:
        try:
            with changes.collect() as written:
                try:
                    result = self.fn()
                except HallWatchError as error:
                    self._changed(written)
                    self.signals.failed.emit(str(error))
                except Exception as error:
                    log.exception("background task failed")
                    self._changed(written)
                    self.signals.failed.emit(f"{type(error).__name__}: {error}")
                else:
                    self._changed(written)
                    self.signals.finished.emit(result)
        finally:
            self.done.set()

    def _changed(self, written: list[changes.ChangeSummary]) -> None:
        # A write that committed before the task failed changed data all the same.
        if written:
            self.signals.changed.emit(changes.merged(written))


@dataclass(frozen=True, slots=True)
class Failure:
    """An expected error, carried back from a worker as a value so its type survives."""

    error: HallWatchError


def guarded(fn: Callable[[], T]) -> Callable[[], T | Failure]:
    """Wrap fn so that a HallWatchError comes back as a Failure instead of a string."""

    def call() -> T | Failure:
        try:
            return fn()
        except HallWatchError as error:
            return Failure(error)

    return call
