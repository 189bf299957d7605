"""Scan for alerts on a timer (in the write pool) and say what is new.

The first scan waits a few seconds after the window shows (the ORM loads first);
then one every SCAN_INTERVAL_MS and after every change to cases. New alerts are
announced once, through `raised`; the main window turns them into desktop
notifications.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ui.base.context import AppContext

SCAN_INTERVAL_MS = 60_000
FIRST_SCAN_MS = 3_000


class AlertScanner(QObject):
    raised = Signal(object)  # list[AlertRow], never empty

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(SCAN_INTERVAL_MS)
        self.timer.timeout.connect(self.scan_now)
        context.data_changed.connect(self._on_data_changed)

    def start(self, first_after_ms: int = FIRST_SCAN_MS) -> None:
        QTimer.singleShot(first_after_ms, self, self.scan_now)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def scan_now(self) -> None:
        hall, context = self.context.hall, self.context
        if hall is None or self._busy:
            return
        self._busy = True
        at = self.context.now()

        def work() -> list[Any]:
            from hallwatch.services.accountability.alerts import scan_alerts

            with context.db.write("alerts.scan") as session:
                return scan_alerts(session, hall.id, at)

        self.context.run(work, self._on_scanned, self._on_failed, write=True, owner=self)

    def _on_scanned(self, rows: list[Any]) -> None:
        self._busy = False
        if rows:
            self.raised.emit(rows)

    def _on_failed(self, _message: str) -> None:
        self._busy = False  # the next tick tries again; the views say what is wrong

    def _on_data_changed(self, tables: Any) -> None:
        if "cases" in set(tables) and self.timer.isActive():
            self.scan_now()
