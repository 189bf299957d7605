"""The main window: navigation sidebar, one page per area, status bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt, QThreadPool
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hallwatch.services.info import FolderInfo, folder_info
from hallwatch.storage.database import Database
from ui.workers import FunctionWorker

# (object name, source text); the text is translated in retranslate_ui.
SECTIONS = (
    ("board", "Board"),
    ("attendance", "Attendance"),
    ("cases", "Cases"),
    ("checks", "Spot checks"),
    ("letters", "Letters"),
    ("complaints", "Complaints"),
    ("assessment", "Assessment"),
    ("settings", "Settings"),
)


class PlaceholderPage(QWidget):
    """A page whose screen arrives in a later release, and says so."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("This screen is not available yet in this version."))


class BoardPage(QWidget):
    """The hall board; for now the hall and what the data folder holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("boardTitle")
        font = self.title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("boardSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.info: FolderInfo | None = None
        self.error = ""
        self.retranslate_ui()

    def show_info(self, info: FolderInfo) -> None:
        self.info, self.error = info, ""
        self.retranslate_ui()

    def show_error(self, message: str) -> None:
        self.error = message
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.error:
            self.title.setText(self.tr("The data could not be read"))
            self.summary.setText(self.error)
            return
        if self.info is None:
            self.title.setText(self.tr("Loading…"))
            self.summary.setText("")
            return
        if not self.info.halls:
            self.title.setText(self.tr("No hall yet"))
            self.summary.setText(
                self.tr("Create a hall with 'hallwatch init --hall NAME' or load the demo hall.")
            )
            return
        self.title.setText(" / ".join(hall["name"] for hall in self.info.halls))
        counts = self.info.counts
        lines = [
            self.tr("Windows: %1").replace("%1", str(counts.get("windows", 0))),
            self.tr("Staff: %1").replace("%1", str(counts.get("staff", 0))),
            self.tr("Cases: %1").replace("%1", str(counts.get("cases", 0))),
            self.tr("Attendance events: %1").replace("%1", str(counts.get("attendance_events", 0))),
            self.tr("Findings: %1").replace("%1", str(counts.get("findings", 0))),
        ]
        self.summary.setText("\n".join(lines))


class MainWindow(QMainWindow):
    """The application's one main window."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("MainWindow")
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 15px; border: none; }"
            "QListWidget#navigation::item { padding: 10px 16px; }"
        )
        self.pages = QStackedWidget(self)
        self.board = BoardPage(self.pages)
        for index, (name, _text) in enumerate(SECTIONS):
            item = QListWidgetItem(self.nav)
            item.setData(Qt.ItemDataRole.UserRole, name)
            page = self.board if name == "board" else PlaceholderPage(self.pages)
            page.setObjectName(f"page_{name}")
            self.pages.addWidget(page)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self.nav.setCurrentRow(i))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.folder_label = QLabel(self)
        self.user_label = QLabel(self)
        self.sync_label = QLabel(self)
        for label in (self.folder_label, self.user_label, self.sync_label):
            self.statusBar().addPermanentWidget(label)
        self.retranslate_ui()
        self._restore_geometry()
        self.refresh()

    def refresh(self) -> None:
        """Reload the board's figures in the background."""
        worker = FunctionWorker(lambda: folder_info(self.db, check=False))
        worker.signals.finished.connect(self._on_info_loaded)
        worker.signals.failed.connect(self._on_info_failed)
        QThreadPool.globalInstance().start(worker)

    def _on_info_loaded(self, info: FolderInfo) -> None:
        self.board.show_info(info)

    def _on_info_failed(self, message: str) -> None:
        self.board.show_error(message)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("HallWatch — Window Efficiency Supervision"))
        texts = {
            "board": self.tr("Board"),
            "attendance": self.tr("Attendance"),
            "cases": self.tr("Cases"),
            "checks": self.tr("Spot checks"),
            "letters": self.tr("Letters"),
            "complaints": self.tr("Complaints"),
            "assessment": self.tr("Assessment"),
            "settings": self.tr("Settings"),
        }
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setText(texts[item.data(Qt.ItemDataRole.UserRole)])
        self.folder_label.setText(
            self.tr("Data folder: %1").replace("%1", str(self.db.folder.root))
        )
        self.user_label.setText(self.tr("User: %1").replace("%1", self.db.user))
        self.sync_label.setText(self.tr("Not synced (standalone)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)

    def closeEvent(self, event: QEvent) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)  # type: ignore[arg-type]
