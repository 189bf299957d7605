"""Run core functions off the GUI thread (QThreadPool), results back as signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from hallwatch.domain.errors import HallWatchError

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class FunctionWorker(QRunnable):
    """Call fn() in the pool; emit finished(result) or failed(message)."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = WorkerSignals()

    def run(self) -> None:
        try:
            result = self.fn()
        except HallWatchError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:
            log.exception("background task failed")
            self.signals.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.signals.finished.emit(result)


class Reply(QObject):
    """One background call's way back to the GUI thread, while its owner lives.

    A worker's signals die with the worker (the pool deletes it once run()
    returns), and a queued connection to a plain function or lambda dies with
    them, so an answer could be lost. A connection to a method of a QObject
    living on the GUI thread is kept: this is that QObject. As a child of the
    widget that asked, it is gone with that widget, which then is never called.
    """

    def __init__(
        self,
        owner: QObject,
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> None:
        super().__init__(owner)
        self._on_done = on_done
        self._on_error = on_error

    def done(self, result: object) -> None:
        self.deleteLater()
        self._on_done(result)

    def failed(self, message: str) -> None:
        self.deleteLater()
        self._on_error(message)
