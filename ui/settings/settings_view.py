"""设置: a list of set-up sections on the left, the chosen one's table and form on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.settings.assignments_page import AssignmentsPage
from ui.settings.checklist_page import ChecklistPage
from ui.settings.hall_page import HallPage
from ui.settings.holidays_page import HolidaysPage
from ui.settings.letter_templates_page import LetterTemplatesPage
from ui.settings.rating_scales_page import RatingScalesPage
from ui.settings.record_page import RecordPage
from ui.settings.rules_page import RulesPage
from ui.settings.schedules_page import SchedulesPage
from ui.settings.staff_page import StaffPage
from ui.settings.units_page import UnitsPage
from ui.settings.windows_page import WindowsPage

# Section names, in the order of the list.
SECTIONS = (
    "hall",
    "units",
    "windows",
    "staff",
    "assignments",
    "schedules",
    "holidays",
    "rules",
    "checklist",
    "ratings",
    "letters",
)
Page = RecordPage | RulesPage | RatingScalesPage | ChecklistPage | LetterTemplatesPage


class SettingsView(Retranslated, QWidget):
    """The set-up screens of the current hall.

    Ctrl+N, Ctrl+S and Esc act on the section shown (new, save, cancel); Delete
    deactivates or removes the row selected in its list. Each section loads when it is
    first shown and again when a change to its tables is announced on the context.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.sections = QListWidget(self)
        self.sections.setObjectName("settings_sections")
        self.sections.setFixedWidth(140)
        self.sections.setStyleSheet("QListWidget#settings_sections::item { padding: 6px 10px; }")
        self.stack = QStackedWidget(self)
        self.pages: dict[str, Page] = {
            "hall": HallPage(context, self.stack),
            "units": UnitsPage(context, self.stack),
            "windows": WindowsPage(context, self.stack),
            "staff": StaffPage(context, self.stack),
            "assignments": AssignmentsPage(context, self.stack),
            "schedules": SchedulesPage(context, self.stack),
            "holidays": HolidaysPage(context, self.stack),
            "rules": RulesPage(context, self.stack),
            "checklist": ChecklistPage(context, self.stack),
            "ratings": RatingScalesPage(context, self.stack),
            "letters": LetterTemplatesPage(context, self.stack),
        }
        for name in SECTIONS:
            page = self.pages[name]
            page.setObjectName(f"settings_{name}")
            self.stack.addWidget(page)
            item = QListWidgetItem(self.sections)
            item.setData(Qt.ItemDataRole.UserRole, name)
        self.sections.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sections.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sections)
        layout.addWidget(self.stack, 1)
        self.shortcuts: list[QShortcut] = []
        for keys, action in (
            (QKeySequence("Ctrl+N"), lambda: self.current_page().new_record()),
            (QKeySequence("Ctrl+S"), lambda: self.current_page().save()),
            (QKeySequence(Qt.Key.Key_Escape), lambda: self.current_page().cancel()),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
            self.shortcuts.append(shortcut)
        self.retranslate_ui()

    def current_page(self) -> Page:
        return self.pages[SECTIONS[max(self.stack.currentIndex(), 0)]]

    def page(self, name: str) -> Page:
        return self.pages[name]

    def show_section(self, name: str) -> None:
        """Switch to a section by name (see SECTIONS)."""
        self.sections.setCurrentRow(SECTIONS.index(name))

    def refresh(self) -> None:
        """Reload the section shown; the others reload when they are next shown."""
        current = self.current_page()
        for page in self.pages.values():
            if page is current and self.isVisible():
                page.refresh()
            else:
                page.invalidate()

    def is_idle(self) -> bool:
        """Tell whether no section is loading or saving."""
        return all(page.is_idle() for page in self.pages.values())

    def retranslate_ui(self) -> None:
        texts = {
            "hall": self.tr("Hall"),
            "units": self.tr("Units"),
            "windows": self.tr("Windows"),
            "staff": self.tr("Staff"),
            "assignments": self.tr("Assignments"),
            "schedules": self.tr("Working hours"),
            "holidays": self.tr("Holidays"),
            "rules": self.tr("Rules"),
            "checklist": self.tr("Spot-check items"),
            "ratings": self.tr("Rating scales"),
            "letters": self.tr("Letter templates"),
        }
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            item.setText(texts[item.data(Qt.ItemDataRole.UserRole)])
