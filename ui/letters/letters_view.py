"""公文: the hall's letters, filtered; the chosen one beside; several printed in one go.

The list is read in the read pool (list_letters) whenever a filter changes or a
write announces {"letters"}; answers to an older request are dropped, and the
chosen letters stay chosen across a refresh. Overdue letters (past their deadline,
still waiting) show in red with a warning sign and their working days overdue.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.enums import LetterKind, LetterStatus
from hallwatch.services.letters.lifecycle import LetterRow
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.letters.letter_error_text import LetterErrorText
from ui.letters.letter_panel import OK_STYLE, LetterPanel
from ui.letters.letter_table_model import COLUMNS, LetterTableModel
from ui.letters.register_dialog import RegisterDialog
from ui.widgets.hall_time import hall_today, zone_of
from ui.widgets.shortcuts import screen_action
from ui.widgets.style import ERROR_STYLE, error_label
from ui.words import letter_kind_word, letter_status_word

# Tables whose changes can change what the list shows (names, deadlines, overdue days).
WATCHED_TABLES = frozenset(
    {"letters", "letter_findings", "staff", "units", "holidays", "settings", "windows"}
)


class LettersView(Retranslated, QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._generation = 0
        self.loading = False
        self.error_text = LetterErrorText(self)
        self._wanted: uuid.UUID | None = None  # to choose once the list has it
        self.printing: Any = None  # the LetterPrintJob under way
        self.print_progress: QProgressDialog | None = None

        # --- filters --------------------------------------------------------------------------
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.addItem("", "")
        for kind in LetterKind:
            self.kind.addItem(letter_kind_word(kind), kind.value)
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        self.status.addItem("", "")
        for status in LetterStatus:
            self.status.addItem(letter_status_word(status), status.value)
        self.overdue_only = QCheckBox(self)
        self.overdue_only.setObjectName("overdue_only")
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print_chosen")
        self.print_button.setEnabled(False)
        self.register_button = QPushButton(self)
        self.register_button.setObjectName("register")
        self.register_button.clicked.connect(lambda _checked=False: self.show_register())
        self.labels: dict[str, QLabel] = {}
        filters = QHBoxLayout()
        for name, widget in (("kind", self.kind), ("status", self.status)):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[name] = label
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addWidget(self.overdue_only)
        filters.addSpacing(12)
        search_label = QLabel(self)
        search_label.setBuddy(self.search)
        self.labels["search"] = search_label
        filters.addWidget(search_label)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count_label)
        filters.addWidget(self.print_button)
        filters.addWidget(self.register_button)

        # --- the table and the chosen letter ------------------------------------------------
        self.model = LetterTableModel(self)
        self.model.zone = zone_of(context)
        self.table = QTableView(self)
        self.table.setObjectName("letters_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((128, 92, 220, 80, 196, 90)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.panel = LetterPanel(context, self)
        self.panel.setObjectName("letter_panel")
        self.panel.setMinimumWidth(420)
        splitter = QSplitter(self)
        splitter.setObjectName("splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)
        self.message = error_label(self)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.setFocusProxy(self.table)

        self.find_action = screen_action(self, QKeySequence.StandardKey.Find, self.search.setFocus)
        self.refresh_action = screen_action(self, "F5", self.refresh)
        self.print_action = screen_action(self, QKeySequence.StandardKey.Print, self.print_chosen)

        # Typing searches after a pause; Enter at once.
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(300)
        self.search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self.refresh)
        for combo in (self.kind, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.overdue_only.toggled.connect(lambda _checked: self.refresh())
        self.print_button.clicked.connect(lambda _checked=False: self.print_chosen())
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(lambda _hall: self._on_hall_changed())
        self.retranslate_ui()
        self.refresh()

    # --- texts ------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.labels["kind"].setText(self.tr("&Kind:"))
        self.labels["status"].setText(self.tr("S&tatus:"))
        self.labels["search"].setText(self.tr("Searc&h:"))
        self.kind.setItemText(0, self.tr("All kinds"))
        self.status.setItemText(0, self.tr("All"))
        for index in range(1, self.kind.count()):
            self.kind.setItemText(index, letter_kind_word(self.kind.itemData(index)))
        for index in range(1, self.status.count()):
            self.status.setItemText(index, letter_status_word(self.status.itemData(index)))
        self.overdue_only.setText(self.tr("&Overdue only"))
        self.overdue_only.setToolTip(
            self.tr("Letters past their deadline that still wait for an answer or rectification")
        )
        self.search.setPlaceholderText(self.tr("Number or addressee"))
        self.print_button.setText(self.tr("&Print chosen…"))
        self.print_button.setToolTip(
            self.tr("Print every chosen letter with one printer dialog (Ctrl+P)")
        )
        self.register_button.setText(self.tr("Number &register…"))
        self.register_button.setToolTip(
            self.tr("Every number taken per series and year, and the letter holding it")
        )
        self.find_action.setText(self.tr("Find a letter"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.print_action.setText(self.tr("Print chosen letters"))
        self.model.retranslate()
        self._show_count()

    def _show_count(self) -> None:
        if self.loading:
            self.count_label.setText(self.tr("Searching…"))
            return
        overdue = sum(1 for row in self.model.rows if row.overdue)
        text = self.tr("%1 letters").replace("%1", str(len(self.model.rows)))
        if overdue:
            text += self.tr(", %1 overdue").replace("%1", str(overdue))
        self.count_label.setText(text)

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list for the current filters (older answers are dropped)."""
        self.search_timer.stop()
        hall = self.context.hall
        self._generation += 1
        generation = self._generation
        if hall is None:
            self.model.set_rows([])
            return
        kind = LetterKind(self.kind.currentData()) if self.kind.currentData() else None
        status = LetterStatus(self.status.currentData()) if self.status.currentData() else None
        overdue, text = self.overdue_only.isChecked(), self.search.text().strip()
        context, today = self.context, hall_today(self.context)
        self.loading = True
        self._show_count()

        def load() -> list[LetterRow]:
            from hallwatch.services.letters.lifecycle import list_letters

            with context.db.read() as session:
                return list_letters(
                    session,
                    hall.id,
                    kind=kind,
                    status=status,
                    overdue_only=overdue,
                    text=text,
                    today=today,
                )

        self.context.run(
            load,
            lambda rows: self._on_loaded(generation, rows),
            lambda message: self._on_failed(generation, message),
            owner=self,
        )

    def _on_loaded(self, generation: int, rows: list[LetterRow]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        chosen = [self._wanted] if self._wanted is not None else self.chosen_ids()
        self._wanted = None
        self.message.hide()
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.model.set_rows(rows)
        for letter_id in chosen:
            row = self.model.row_of(letter_id)
            if row >= 0:
                selection.select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        selection.blockSignals(False)
        self._on_selection()
        self._show_count()

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._show_count()
        self.say(
            self.tr("Could not read the letters: %1").replace(
                "%1", self.error_text.describe(message)
            ),
            ok=False,
        )

    def _on_data_changed(self, tables: Any) -> None:
        if set(tables) & WATCHED_TABLES:
            self.refresh()

    def _on_hall_changed(self) -> None:
        self.model.zone = zone_of(self.context)
        self.panel.show_letter(None)
        self.refresh()

    def say(self, text: str, ok: bool = True) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)
        self.message.show()

    # --- the chosen letters ----------------------------------------------------------------

    def chosen_rows(self) -> list[LetterRow]:
        """Return the chosen letters in the table's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [r for r in (self.model.row_at(k) for k in rows) if r is not None]

    def chosen_ids(self) -> list[uuid.UUID]:
        return [row.id for row in self.chosen_rows()]

    def show_register(self) -> RegisterDialog:
        """Open the number register (文号登记簿)."""
        dialog = RegisterDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_letter(self, letter_id: uuid.UUID) -> None:
        """Show one letter (say, a draft just made on another screen): filters cleared."""
        self._wanted = letter_id
        for widget in (self.kind, self.status, self.overdue_only, self.search):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.overdue_only.setChecked(False)
        self.search.clear()
        for widget in (self.kind, self.status, self.overdue_only, self.search):
            widget.blockSignals(False)
        self.refresh()

    def select_letter(self, letter_id: uuid.UUID) -> bool:
        """Choose one letter in the list (if the filters show it)."""
        row = self.model.row_of(letter_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _on_selection(
        self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None
    ) -> None:
        rows = self.chosen_rows()
        self.print_button.setEnabled(bool(rows))
        if len(rows) == 1:
            self.panel.show_letter(rows[0].id)
        elif rows:
            self.panel.show_several(len(rows))
        else:
            self.panel.show_letter(None)

    # --- printing several ----------------------------------------------------------------

    def print_chosen(self, printer: QPrinter | None = None) -> None:
        """Print every chosen letter: one printer dialog, a progress window, Cancel works."""
        from ui.letters.letter_print_job import ask_printer, start_printing

        rows = self.chosen_rows()
        if not rows or self.printing is not None:
            return
        letters = [(row.id, self._label(row)) for row in rows]
        title = self.tr("Print %1 letters").replace("%1", str(len(letters)))
        chosen = ask_printer(self, title, printer)
        if chosen is None:
            return
        self.print_button.setEnabled(False)
        self.printing, self.print_progress = start_printing(
            self,
            self.context,
            letters,
            chosen,
            {"title": title, "cancel": self.tr("Cancel")},
            self._on_printed,
            self._on_print_failed,
        )

    def _label(self, row: LetterRow) -> str:
        who = row.addressee or row.recipient
        number = row.doc_no or self.tr("draft")
        return f"{number} {letter_kind_word(row.kind)}" + (f"（{who}）" if who else "")

    def _on_printed(self, _result: object, text: str) -> None:
        self.printing = self.print_progress = None
        self.print_button.setEnabled(bool(self.chosen_rows()))
        self.say(text)

    def _on_print_failed(self, message: str) -> None:
        self.printing = self.print_progress = None
        self.print_button.setEnabled(bool(self.chosen_rows()))
        self.say(self.error_text.describe(message), ok=False)


__all__ = ["LettersView"]
