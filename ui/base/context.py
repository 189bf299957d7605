"""What every screen shares: the database, the current hall, the clock, the pools.

The database may still be opening when the window first shows (see ui.app: the
board is drawn from direct reads while the ORM loads in the background).
`context.db` waits for it, so read it only inside the functions given to `run`,
never on the GUI thread.

Screens never talk to each other directly, nor say what they changed: a write
run through `run` reports what its `Database.write()` committed (the core's
ChangeSummary), and the context emits `data_changed` with those tables, on the
GUI thread, before the write's own answer; every screen listening to it
refreshes what it shows from those tables.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from hallwatch.domain.errors import HallWatchError
from hallwatch.domain.halls import HallInfo
from hallwatch.domain.timeutil import utcnow
from hallwatch.storage import direct
from hallwatch.storage.changes import ChangeSummary
from hallwatch.storage.folder import DataFolder, current_user
from ui.workers import FunctionWorker, WorkerSignals

if TYPE_CHECKING:
    from hallwatch.storage.database import Database

log = logging.getLogger(__name__)


class AppContext(QObject):
    """Shared state of one main window; lives on the GUI thread."""

    # Table names whose rows changed (a set, e.g. {"attendance_events"}).
    data_changed = Signal(object)
    # The same change with its row ids where known (a storage.changes.ChangeSummary),
    # just before data_changed.
    changes_committed = Signal(object)
    hall_changed = Signal(object)
    # The database could not be opened in the background (the message to show).
    database_failed = Signal(str)

    def __init__(
        self,
        db: Database | DataFolder,
        hall: HallInfo | None,
        now: Callable[[], datetime] = utcnow,
        parent: QObject | None = None,
    ) -> None:
        """Share an open database, or a data folder whose database opens on first use.

        A folder's database must be at this HallWatch's schema (storage.direct.is_at_head):
        the background open never creates, upgrades or asks anything.
        """
        super().__init__(parent)
        self._opening: Future[Database] = Future()
        self._open_started = threading.Lock()
        if isinstance(db, DataFolder):
            self.folder = db
        else:
            self.folder = db.folder
            self._opening.set_result(db)
        self.user = current_user()
        self.hall = hall
        # Tests and screenshots pin the clock to a fixture moment.
        self.now = now
        # Writes go through one thread, in order (as Anki serialises collection access).
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)
        self.read_pool = QThreadPool.globalInstance()
        # Watching for other processes' commits (watch_other_writers).
        self._watch: QTimer | None = None
        self._watch_conn: sqlite3.Connection | None = None
        self._watch_version = 0
        self._watch_audit = 0

    # --- the database ------------------------------------------------------------------

    @property
    def db(self) -> Database:
        """The open database; waits while it opens (raises why it could not open)."""
        self.open_database()
        return self._opening.result()

    def database_ready(self) -> bool:
        return self._opening.done()

    def open_database(self) -> None:
        """Start opening the database in the background, once (idempotent)."""
        with self._open_started:
            if self._opening.running() or self._opening.done():
                return
            self._opening.set_running_or_notify_cancel()
        threading.Thread(target=self._open, name="hallwatch-open-db", daemon=True).start()

    def _open(self) -> None:
        try:
            from hallwatch.storage.database import Database  # the ORM: ~0.25 s to import

            self._opening.set_result(Database.open(self.folder, create=False))
        except HallWatchError as error:
            self._opening.set_exception(error)
            self._report(str(error))
        except BaseException as error:
            log.exception("opening the database failed")
            self._opening.set_exception(error)
            self._report(f"{type(error).__name__}: {error}")

    def _report(self, message: str) -> None:
        if shiboken6.isValid(self):  # the window may have closed meanwhile
            self.database_failed.emit(message)

    @contextlib.contextmanager
    def direct(self) -> Iterator[sqlite3.Connection]:
        """Yield a read-only sqlite3 connection in one read transaction (storage.direct)."""
        with direct.reading(self.folder) as conn:
            yield conn

    def watch_other_writers(self, interval_ms: int = 2000) -> None:
        """Announce what other processes commit (the command line, a second window).

        Every interval, SQLite's data version on a connection of its own says whether
        another connection committed; if so, the audit entries since the last look
        name the tables, and `data_changed` is emitted with them. A commit of this
        window's own writes is announced again this way: a screen refreshes twice,
        which costs a read, never a change missed.
        """
        if self._watch is not None:
            return
        try:
            conn = direct.connect(self.folder)
            self._watch_version = direct.data_version(conn)
            self._watch_audit, _tables = direct.audit_tables_after(conn, None)
        except sqlite3.Error as error:
            log.warning("cannot watch for other writers: %s", error)
            return
        self._watch_conn = conn
        timer = QTimer(self)
        timer.setInterval(interval_ms)
        timer.timeout.connect(self._check_other_writers)
        timer.start()
        self._watch = timer

    def _check_other_writers(self) -> None:
        conn = self._watch_conn
        if conn is None:
            return
        try:
            version = direct.data_version(conn)
            if version == self._watch_version:
                return
            self._watch_version = version
            self._watch_audit, tables = direct.audit_tables_after(conn, self._watch_audit)
        except sqlite3.Error as error:  # busy, or the file went away: look again later
            log.info("watching for other writers: %s", error)
            return
        if tables:
            self.data_changed.emit(set(tables))

    def close(self) -> None:
        """Close the database (after it finishes opening, if it is still opening)."""
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
        if self._watch_conn is not None:
            self._watch_conn.close()
            self._watch_conn = None
        if not (self._opening.running() or self._opening.done()):
            return
        try:
            db = self._opening.result()
        except BaseException:  # nothing was opened; the failure was reported
            return
        db.close()

    # --- the hall, changes, background work ---------------------------------------------

    def set_hall(self, hall: HallInfo | None) -> None:
        self.hall = hall
        self.hall_changed.emit(hall)

    def notify_changed(self, tables: Iterable[str]) -> None:
        """Say that tables changed other than by a write run here (e.g. another process)."""
        self.data_changed.emit(set(tables))

    def _on_changed(self, summary: ChangeSummary) -> None:
        self.changes_committed.emit(summary)
        self.data_changed.emit(set(summary.tables))

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

        What fn's committed writes changed is announced first (`data_changed`),
        owner or not. Pass the asking widget as owner: if it is gone when the
        answer comes, nothing is called.
        """
        worker = FunctionWorker(fn)
        # The signal object lives on the GUI thread (a child of the context) and is
        # deleted there after its answer: one owned by the worker died in the pool
        # thread, racing the delivery (crashes), and answers to lambdas were lost.
        signals = WorkerSignals(self)
        worker.signals = signals

        def release() -> None:
            # The answer can arrive while the pool thread is still returning from its
            # emit(), which touches the signals object: deleting it then crashed the
            # app (a segfault seen in the UI tests). Delete it once the worker is out.
            if not shiboken6.isValid(signals):
                return  # gone with the context
            if worker.done.is_set():
                signals.deleteLater()
            else:
                QTimer.singleShot(5, release)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            release()
            if owner is None or shiboken6.isValid(owner):
                callback(value)

        signals.changed.connect(self._on_changed)
        signals.finished.connect(lambda result: finish(on_done, result))
        signals.failed.connect(lambda message: finish(on_error, message))
        (self.write_pool if write else self.read_pool).start(worker)
        return worker

    def wait_idle(self, msecs: int = 5000) -> bool:
        """Wait for queued work (tests, shutdown)."""
        return self.write_pool.waitForDone(msecs) and self.read_pool.waitForDone(msecs)
