"""Application bootstrap: QApplication, translation, the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from hallwatch.domain.errors import HallWatchError
from hallwatch.storage.database import Database, DataFolder
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
        install_translator(app)
        app.setProperty("hallwatch_translated", True)
    return app


def open_main_window(folder: DataFolder) -> MainWindow | None:
    """Open the database and show the main window; on failure say why and return None."""
    try:
        db = Database.open(folder, create=True)
    except HallWatchError as error:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "HallWatch cannot open its data"),
            str(error),
        )
        return None
    window = MainWindow(db)
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
