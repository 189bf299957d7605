"""What every screen shares: the database, the current hall, the clock, the pools.

Screens never talk to each other directly. A screen that changed data calls
`context.notify_changed(tables)`; every screen listening to `data_changed`
refreshes what it shows from those tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal

from hallwatch.domain.timeutil import utcnow
from hallwatch.services.halls import HallInfo
from hallwatch.storage.database import Database
from ui.workers import FunctionWorker, WorkerSignals


class AppContext(QObject):
    """Shared state of one main window; lives on the GUI thread."""

    # Table names whose rows changed (e.g. {"attendance_events"}).
    data_changed = Signal(object)
    hall_changed = Signal(object)

    def __init__(
        self,
        db: Database,
        hall: HallInfo | None,
        now: Callable[[], datetime] = utcnow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.hall = hall
        # Tests and screenshots pin the clock to a fixture moment.
        self.now = now
        # Writes go through one thread, in order (as Anki serialises collection access).
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self.read_pool = QThreadPool.globalInstance()

    def set_hall(self, hall: HallInfo | None) -> None:
        self.hall = hall
        self.hall_changed.emit(hall)

    def notify_changed(self, tables: Iterable[str]) -> None:
        self.data_changed.emit(set(tables))

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
        *,
        write: bool = False,
        owner: QObject | None = None,
    ) -> FunctionWorker:
        """Run fn off the GUI thread; call on_done(result) or on_error(message) on it.

        Pass the asking widget as owner: if it is gone when the answer comes,
        nothing is called.
        """
        worker = FunctionWorker(fn)
        # The signal object lives on the GUI thread (a child of the context) and is
        # deleted there after its answer: one owned by the worker died in the pool
        # thread, racing the delivery (crashes), and answers to lambdas were lost.
        signals = WorkerSignals(self)
        worker.signals = signals

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            signals.deleteLater()
            if owner is None or shiboken6.isValid(owner):
                callback(value)

        signals.finished.connect(lambda result: finish(on_done, result))
        signals.failed.connect(lambda message: finish(on_error, message))
        (self.write_pool if write else self.read_pool).start(worker)
        return worker

    def wait_idle(self, msecs: int = 5000) -> bool:
        """Wait for queued work (tests, shutdown)."""
        return self.write_pool.waitForDone(msecs) and self.read_pool.waitForDone(msecs)
