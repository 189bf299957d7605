"""Python's cyclic garbage collector runs on the GUI thread only.

A Qt object held only by a reference cycle is freed when the collector finds the
cycle, and the collector runs in whichever thread happens to allocate at that
moment: a worker of the thread pool, say. Freeing a widget or a QObject from a
thread that does not own it crashes Qt at random later on (a known PySide/PyQt
pitfall; pyqtgraph and others solve it the same way). So the automatic collector
is switched off and a timer on the GUI thread collects, generation by generation,
with Python's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the generations whose counts passed their thresholds; return objects freed."""
        first, second, third = gc.get_count()
        freed = 0
        if first > self.thresholds[0]:
            freed += gc.collect(0)
            if second > self.thresholds[1]:
                freed += gc.collect(1)
                if third > self.thresholds[2]:
                    freed += gc.collect(2)
        return freed
