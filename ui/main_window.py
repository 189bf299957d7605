"""The main window: navigation sidebar, one page per area, menus, status bar.

Pages are created when first shown (the board at once), so start-up costs
only what the first screen needs. Every page takes the shared AppContext.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Qt, SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from hallwatch import __version__
from ui.alerts.alert_scanner import AlertScanner
from ui.base.context import AppContext
from ui.base.translated import Retranslated

# (name, "module:Class" of the page, or "" while the area's screen does not exist yet).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("board", "ui.board.board_view:BoardView"),
    ("attendance", "ui.areas:AttendanceArea"),
    ("cases", "ui.cases.cases_area:CasesArea"),
    ("checks", "ui.checks.check_view:CheckView"),
    ("letters", "ui.letters.letters_view:LettersView"),
    ("complaints", ""),
    ("assessment", ""),
    ("settings", "ui.settings.settings_view:SettingsView"),
)


class PlaceholderPage(QWidget):
    """A page whose screen arrives in a later release, and says so."""

    def __init__(self, context: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("This screen is not available yet in this version."))


def _page_factory(spec: str) -> Callable[[AppContext, QWidget], QWidget]:
    if not spec:
        return PlaceholderPage
    module_name, class_name = spec.split(":")
    page_class: Callable[[AppContext, QWidget], QWidget] = getattr(
        importlib.import_module(module_name), class_name
    )
    return page_class


class MainWindow(Retranslated, QMainWindow):
    """The application's one main window."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("MainWindow")
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 15px; border: none; }"
            "QListWidget#navigation::item { padding: 10px 16px; }"
        )
        self.pages = QStackedWidget(self)
        self._page_specs: dict[int, str] = {}
        # Each area's holder and its layout, where the area's page goes on first use.
        self._holders: list[tuple[QWidget, QVBoxLayout]] = []
        for index, (name, spec) in enumerate(SECTIONS):
            item = QListWidgetItem(self.nav)
            item.setData(Qt.ItemDataRole.UserRole, name)
            holder = QWidget(self.pages)
            holder.setObjectName(f"page_{name}")
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            self.pages.addWidget(holder)
            self._holders.append((holder, holder_layout))
            self._page_specs[index] = spec
        self.nav.currentRowChanged.connect(self._on_section_changed)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.hall_label = QLabel(self)
        self.folder_label = QLabel(self)
        self.user_label = QLabel(self)
        self.sync_label = QLabel(self)
        for label in (self.hall_label, self.folder_label, self.user_label, self.sync_label):
            self.statusBar().addPermanentWidget(label)
        self.context.hall_changed.connect(lambda _hall: self.retranslate_ui())
        self.context.database_failed.connect(self._on_database_failed)
        self.retranslate_ui()
        self._restore_geometry()
        self.nav.setCurrentRow(0)
        # Alerts: scanned in the background, announced once each (desktop notification
        # where the desktop has a tray, else the status bar).
        self.notifications: list[tuple[str, str]] = []
        self.tray: QSystemTrayIcon | None = None
        self.scanner = AlertScanner(context, self)
        self.scanner.raised.connect(self._notify)
        board = self.page("board")
        if hasattr(board, "show_alerts_requested"):
            board.show_alerts_requested.connect(self.show_alerts)

    # --- pages ------------------------------------------------------------------------

    def page(self, name: str) -> QWidget:
        """Return an area's page, creating it on first use."""
        index = next(i for i, (section, _spec) in enumerate(SECTIONS) if section == name)
        holder, layout = self._holders[index]
        if layout.count() == 0:
            page = _page_factory(self._page_specs[index])(self.context, holder)
            page.setObjectName(f"{name}_view")
            layout.addWidget(page)
            # Screens that draft letters (检查, 问责建议) lead on to the new draft.
            for widget in (page, *page.findChildren(QWidget)):
                drafted = getattr(widget, "letter_drafted", None)
                if isinstance(drafted, SignalInstance):
                    drafted.connect(self.open_letter)
        item = layout.itemAt(0)
        shown = item.widget() if item is not None else None
        assert shown is not None
        return shown

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.scanner.timer.isActive():
            self.scanner.start()

    def _notify(self, rows: list[Any]) -> None:
        """Announce new alerts once: one notification, the newest few named."""
        title = self.tr("HallWatch: %1 new alerts").replace("%1", str(len(rows)))
        body = "\n".join(row.title for row in rows[:3])
        if len(rows) > 3:
            body += "\n" + self.tr("… and %1 more").replace("%1", str(len(rows) - 3))
        self.notifications.append((title, body))
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(self.windowIcon(), self)
                self.tray.messageClicked.connect(self.show_alerts)
                self.tray.show()
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Warning, 10_000)
        else:
            self.statusBar().showMessage(f"{title}：{body.splitlines()[0]}", 30_000)

    def show_alerts(self) -> None:
        """Go to the alert list (办件 › 预警)."""
        self.show_section("cases")
        area = self.page("cases")
        if hasattr(area, "show_alerts"):
            area.show_alerts()

    def open_letter(self, letter_id: uuid.UUID) -> None:
        """Go to 公文 with one letter chosen (a draft just made on another screen)."""
        self.show_section("letters")
        letters = self.page("letters")
        if hasattr(letters, "open_letter"):
            letters.open_letter(letter_id)

    def show_section(self, name: str) -> None:
        """Switch to an area by name."""
        index = next(i for i, (section, _spec) in enumerate(SECTIONS) if section == name)
        self.nav.setCurrentRow(index)

    def _on_section_changed(self, index: int) -> None:
        if index < 0:
            return
        self.page(SECTIONS[index][0])
        self.pages.setCurrentIndex(index)

    # --- menus ------------------------------------------------------------------------

    def _build_menus(self) -> None:
        self.file_menu = QMenu(self)
        self.import_actions: dict[str, QAction] = {}
        for kind in ("attlog", "punches", "roster", "queue", "cases"):
            action = QAction(self)
            action.triggered.connect(lambda _checked=False, k=kind: self.open_import(k))
            self.file_menu.addAction(action)
            self.import_actions[kind] = action
        self.import_actions["attlog"].setShortcut(QKeySequence("Ctrl+I"))
        self.file_menu.addSeparator()
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.menuBar().addMenu(self.file_menu)

        self.view_menu = QMenu(self)
        self.section_actions: list[QAction] = []
        for index in range(len(SECTIONS)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.nav.setCurrentRow(i))
            self.view_menu.addAction(action)
            # Also on the window, so the shortcut works while the menu bar is hidden.
            self.addAction(action)
            self.section_actions.append(action)
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self)
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        current = str(QSettings().value("ui/language", "zh_CN"))
        for code in ("zh_CN", "en"):
            action = QAction(self)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, c=code: self._set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.view_menu.addMenu(self.language_menu)
        self.menuBar().addMenu(self.view_menu)

        self.help_menu = QMenu(self)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._on_about)
        self.help_menu.addAction(self.about_action)
        self.menuBar().addMenu(self.help_menu)

    def open_import(self, kind: str) -> QWidget | None:
        """Open the import dialog for a kind of file (attlog, punches, roster, queue, cases)."""
        if self.context.hall is None:
            return None
        from ui.imports.import_dialog import ImportDialog

        dialog = ImportDialog(self.context, kind, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _set_language(self, code: str) -> None:
        from ui.i18n import switch_language

        QSettings().setValue("ui/language", code)
        switch_language(code)

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About HallWatch"),
            self.tr("HallWatch %1 — window efficiency supervision for service halls.").replace(
                "%1", __version__
            ),
        )

    # --- texts ------------------------------------------------------------------------

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
            text = texts[item.data(Qt.ItemDataRole.UserRole)]
            item.setText(text)
            self.section_actions[row].setText(text)
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.import_actions["attlog"].setText(self.tr("Import attendance device file (attlog)…"))
        self.import_actions["punches"].setText(self.tr("Import punch records (CSV/Excel)…"))
        self.import_actions["roster"].setText(self.tr("Import staff roster (Excel)…"))
        self.import_actions["queue"].setText(self.tr("Import queue tickets (CSV/Excel)…"))
        self.import_actions["cases"].setText(self.tr("Import approval-system cases (CSV/Excel)…"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("Language"))
        self.language_actions["zh_CN"].setText("中文")
        self.language_actions["en"].setText("English")
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About HallWatch"))
        hall = self.context.hall
        self.hall_label.setText(
            self.tr("Hall: %1").replace("%1", hall.name) if hall else self.tr("No hall")
        )
        self.folder_label.setText(
            self.tr("Data folder: %1").replace("%1", str(self.context.folder.root))
        )
        self.user_label.setText(self.tr("User: %1").replace("%1", self.context.user))
        self.sync_label.setText(self.tr("Not synced (standalone)"))

    # --- lifetime ---------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)

    def _on_database_failed(self, message: str) -> None:
        # The board was drawn from direct reads; the full open (for everything else)
        # failed: say so once, and keep the window for what can still be read.
        self.statusBar().showMessage(
            self.tr("The database could not be opened: %1").replace("%1", message)
        )
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("HallWatch cannot open its data"),
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("database_failed")
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.scanner.stop()
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        # Let queued writes finish: nothing already accepted is dropped on quit.
        self.context.wait_idle(10_000)
        from ui.checks.camera_preview import wait_for_cameras

        wait_for_cameras()
        super().closeEvent(event)
