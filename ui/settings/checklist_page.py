"""检查清单: the hall's spot-check checklist, edited in place.

Every item keeps its code (findings cite it): an item can be reworded, re-rated or
taken out of use, never removed. New items get a code made up from their category.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.checklist import CATEGORIES, Checklist
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.settings.form_page import FormPage
from ui.words import category_word, severity_word
from ui.workers import Failure, guarded

CODE, CATEGORY, LABEL, SEVERITY, RECTIFY, ACTIVE = range(6)


class ChecklistPage(Retranslated, FormPage):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.checklist: Checklist | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("items")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        for column, width in ((CODE, 150), (CATEGORY, 90), (LABEL, 380), (SEVERITY, 80)):
            self.table.setColumnWidth(column, width)
        self.new_category = QComboBox(self)
        self.new_category.setObjectName("new_category")
        for category in CATEGORIES:
            self.new_category.addItem(category_word(category), category)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_item")
        self.add_button.clicked.connect(lambda _c=False: self.add_row())
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(lambda _c=False: self.save())
        self.status = QLabel(self)
        self.status.setObjectName("status")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_category)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "The items a spot check walks through. Findings cite an item by its code, so an "
                "item is reworded or taken out of use, never removed."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Category"),
                self.tr("Item"),
                self.tr("Severity"),
                self.tr("Needs rectification"),
                self.tr("In use"),
            ]
        )
        self.add_button.setText(self.tr("&Add an item"))
        self.save_button.setText(self.tr("&Save"))

    # --- what SettingsView asks of a page --------------------------------------------------

    def new_record(self) -> None:
        self.add_row()

    def refresh(self) -> None:
        hall, context = self.context.hall, self.context
        self._stale = False
        if hall is None:
            return

        def load() -> Checklist:
            from hallwatch.services.checks.checklist import load_checklist

            with context.db.read() as session:
                return load_checklist(session, hall.id)

        self.context.run(load, self._fill, self._on_failed, owner=self)

    # --- the table ------------------------------------------------------------------------

    def _fill(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self.message.hide()
        self.table.setRowCount(0)
        for _category, items in checklist.by_category(include_inactive=True):
            for item in items:
                self._append(item.code, item.category, item.label, item.severity)
                row = self.table.rowCount() - 1
                self._check(row, RECTIFY).setChecked(item.rectify)
                self._check(row, ACTIVE).setChecked(item.active)

    def _append(self, code: str, category: str, label: str, severity: int) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        fixed = QTableWidgetItem(code)
        fixed.setFlags(fixed.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, CODE, fixed)
        kind = QTableWidgetItem(category_word(category))
        kind.setData(Qt.ItemDataRole.UserRole, category)
        kind.setFlags(kind.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, CATEGORY, kind)
        self.table.setItem(row, LABEL, QTableWidgetItem(label))
        combo = QComboBox(self.table)
        for level in (1, 2, 3):
            combo.addItem(severity_word(level), level)
        combo.setCurrentIndex(max(combo.findData(severity), 0))
        self.table.setCellWidget(row, SEVERITY, combo)
        for column in (RECTIFY, ACTIVE):
            box = QCheckBox(self.table)
            box.setChecked(column == ACTIVE)
            self.table.setCellWidget(row, column, box)

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # _append fills every cell
        return item

    def _check(self, row: int, column: int) -> QCheckBox:
        box = self.table.cellWidget(row, column)
        assert isinstance(box, QCheckBox)
        return box

    def add_row(self, label: str = "") -> int:
        """Add a new item of the chosen category (its code is made when saved)."""
        self._append("", str(self.new_category.currentData()), label, 1)
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, LABEL)
        self.table.editItem(self._item(row, LABEL))
        return row

    def edited(self) -> Checklist:
        """Return the checklist as the table has it (raises FieldError on a bad row)."""
        checklist = self.checklist or Checklist(())
        for row in range(self.table.rowCount()):
            code = self._item(row, CODE).text()
            category = str(self._item(row, CATEGORY).data(Qt.ItemDataRole.UserRole))
            label = self._item(row, LABEL).text().strip()
            combo = self.table.cellWidget(row, SEVERITY)
            severity = int(combo.currentData()) if isinstance(combo, QComboBox) else 1
            rectify, active = (
                self._check(row, RECTIFY).isChecked(),
                self._check(row, ACTIVE).isChecked(),
            )
            if code:
                checklist = checklist.edit(
                    code, label=label, severity=severity, rectify=rectify, active=active
                )
            elif label:
                checklist = checklist.add(category, label, severity=severity, rectify=rectify)
        return checklist

    def save(self) -> None:
        hall, context = self.context.hall, self.context
        if hall is None or self._busy:
            return
        self.message.hide()
        try:
            checklist = self.edited()
        except Exception as error:  # a FieldError of the checklist's own checks
            self._show_error(self.error_text.describe(error))
            return

        def work() -> Any:
            from hallwatch.services.checks.checklist import save_checklist

            with context.db.write("settings.checklist") as session:
                return save_checklist(session, hall.id, checklist)

        self._busy = True
        self.context.run(guarded(work), self._on_saved, self._on_failed, write=True, owner=self)

    def _on_saved(self, result: Any) -> None:
        self._busy = False
        if isinstance(result, Failure):
            self._show_error(self.error_text.describe(result.error))
            return
        self.status.setText(self.tr("Saved: %1 items changed").replace("%1", str(len(result))))
        self.refresh()


__all__ = ["ChecklistPage"]
