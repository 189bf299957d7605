"""Application bootstrap: QApplication, translation, the hall, the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from hallwatch.domain.errors import HallWatchError
from hallwatch.domain.timeutil import utcnow
from hallwatch.services.halls import HallInfo, list_halls
from hallwatch.storage.database import Database, DataFolder
from ui.context import AppContext
from ui.i18n import install_translator
from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """Return the running QApplication with HallWatch's identity and translation."""
    QCoreApplication.setOrganizationName("HallWatch")
    QCoreApplication.setApplicationName("HallWatch")
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("HallWatch")
    # The app may exist already (tests, an embedding host): translate it once.
    if not app.property("hallwatch_translated"):
        install_translator(app, str(QSettings().value("ui/language", "zh_CN")))
        app.setProperty("hallwatch_translated", True)
    return app


def choose_hall(db: Database) -> HallInfo | None:
    """Return the hall the app opens on: the last one used, else the first."""
    with db.read() as session:
        halls = list_halls(session)
    remembered = QSettings().value("ui/hall_code")
    for hall in halls:
        if hall.code == remembered:
            return hall
    return halls[0] if halls else None


def open_main_window(folder: DataFolder, now: Callable[[], datetime] = utcnow) -> MainWindow | None:
    """Open the database and show the main window; on failure say why and return None."""
    try:
        db = Database.open(folder, create=True)
        hall = choose_hall(db)
    except HallWatchError as error:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "HallWatch cannot open its data"),
            str(error),
        )
        return None
    if hall is None:
        from ui.wizard.first_run_wizard import FirstRunWizard  # only on a first run

    if hall is None and FirstRunWizard.needed(db):
        # First run: create the hall, or open the demo hall.
        wizard = FirstRunWizard(db)
        wizard.exec()
        hall = wizard.hall
        if hall is None:
            db.close()
            return None
    context = AppContext(db, hall, now=now)
    window = MainWindow(context)
    window.show()
    return window


def run_app(folder: DataFolder) -> int:
    """Run the desktop app until its window closes."""
    app = create_application()
    window = open_main_window(folder)
    if window is None:
        return 1
    code = app.exec()
    window.db.close()
    return code
