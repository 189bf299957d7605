"""Application bootstrap: QApplication, translation, the hall, the main window."""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from hallwatch.domain.errors import HallWatchError
from hallwatch.domain.halls import HallInfo
from hallwatch.domain.timeutil import utcnow
from hallwatch.resources import resources_dir
from hallwatch.storage import direct
from hallwatch.storage.folder import DataFolder
from hallwatch.storage.queries import hall as hall_queries
from ui.base.context import AppContext
from ui.gc_guard import GuiThreadCollector
from ui.i18n import install_translator
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from hallwatch.storage.database import Database

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """Return the running QApplication with HallWatch's identity and translation."""
    QCoreApplication.setOrganizationName("HallWatch")
    QCoreApplication.setApplicationName("HallWatch")
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("HallWatch")
    if app.windowIcon().isNull():
        app.setWindowIcon(application_icon())
    if app.property("hallwatch_collector") is None:
        # Cycles are collected on the GUI thread, never in a worker (see ui.gc_guard).
        app.setProperty("hallwatch_collector", GuiThreadCollector(app))
    # The app may exist already (tests, an embedding host): translate it once.
    if not app.property("hallwatch_translated"):
        install_translator(app, str(QSettings().value("ui/language", "zh_CN")))
        app.setProperty("hallwatch_translated", True)
    return app


def application_icon() -> QIcon:
    """Return HallWatch's icon (an SVG, drawn at any size)."""
    return QIcon(str(resources_dir() / "icons" / "hallwatch.svg"))


def choose_hall(halls: list[HallInfo]) -> HallInfo | None:
    """Return the hall the app opens on: the last one used, else the first."""
    remembered = QSettings().value("ui/hall_code")
    for hall in halls:
        if hall.code == remembered:
            return hall
    return halls[0] if halls else None


def _halls_at_head(folder: DataFolder) -> list[HallInfo]:
    """Return the halls when the database is ready to use as it is, else [].

    Ready means: a SQLite file at this HallWatch's schema with a hall in it. Then the
    window opens at once and the board is drawn from direct reads while the ORM loads
    in the background. Anything else (a first run, an upgrade, a newer schema, a
    damaged file) takes the full open first, with its messages and wizard.
    """
    if not direct.is_at_head(folder):
        return []
    try:
        with direct.reading(folder) as conn:
            return hall_queries.halls(conn)
    except sqlite3.Error:
        return []


def _open_fully(folder: DataFolder) -> tuple[Database, HallInfo | None] | None:
    from hallwatch.services.hall.halls import list_halls
    from hallwatch.storage.database import Database

    try:
        db = Database.open(folder, create=True)
        with db.read() as session:
            hall = choose_hall(list_halls(session))
    except HallWatchError as error:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "HallWatch cannot open its data"),
            str(error),
        )
        return None
    if hall is None:
        from ui.wizard.first_run_wizard import FirstRunWizard  # only on a first run

        if FirstRunWizard.needed(db):
            # First run: create the hall, or open the demo hall.
            wizard = FirstRunWizard(db)
            wizard.exec()
            hall = wizard.hall
            if hall is None:
                db.close()
                return None
    return db, hall


def open_main_window(folder: DataFolder, now: Callable[[], datetime] = utcnow) -> MainWindow | None:
    """Show the main window on a data folder; on failure say why and return None."""
    halls = _halls_at_head(folder)
    if halls:
        context = AppContext(folder, choose_hall(halls), now=now)
    else:
        opened = _open_fully(folder)
        if opened is None:
            return None
        context = AppContext(opened[0], opened[1], now=now)
    window = MainWindow(context)
    window.show()
    # What the command line or another window commits shows here too.
    context.watch_other_writers()
    return window


def run_app(folder: DataFolder) -> int:
    """Run the desktop app until its window closes."""
    app = create_application()
    window = open_main_window(folder)
    if window is None:
        return 1
    code = app.exec()
    window.context.close()
    return code
