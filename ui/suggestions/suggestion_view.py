"""Suggestions (效能问责): run the rules for a month, confirm or dismiss with a note.

A confirmed suggestion can become the draft of a 效能告诫书 (its facts and person
filled in); the draft is then edited and issued under 公文.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.enums import LetterKind, SuggestionStatus
from hallwatch.domain.errors import AlreadyDraftedError, ConflictError
from hallwatch.domain.timeutil import hall_zone
from hallwatch.services.accountability.suggestions import (
    SuggestionRow,
    decide_suggestion,
    list_suggestions,
    refresh_suggestions,
)
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.settings.error_text import ErrorText
from ui.suggestions.suggestion_table_model import SuggestionTableModel
from ui.widgets.style import ERROR_STYLE
from ui.workers import Failure, guarded


class DecideDialog(QDialog):
    """Ask for the note that confirming or dismissing needs."""

    def __init__(self, row: SuggestionRow, confirm: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confirm = confirm
        self.summary = QLabel(row.title, self)
        self.summary.setWordWrap(True)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("note")
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        self.note_label = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            self.tr("Confirm suggestion") if self.confirm else self.tr("Dismiss suggestion")
        )
        self.note_label.setText(self.tr("Note (required):"))

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def _on_accepted(self) -> None:
        if not self.text():
            self.error.setText(self.tr("Write a note that says why."))
            return
        self.accept()


class SuggestionView(Retranslated, QWidget):
    """The list of suggestions with the month they were computed for."""

    # The id of a letter drafted from a confirmed suggestion.
    letter_drafted = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.error_text = ErrorText(self)
        self.month = QDateEdit(self)
        self.month.setObjectName("month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        today = self._today()
        self.month.setDate(QDate(today.year, today.month, 1))
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("run")
        self.run_button.clicked.connect(self._on_run)
        self.filter = QComboBox(self)
        self.filter.setObjectName("filter")
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.confirm_button = QPushButton(self)
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.clicked.connect(lambda: self._decide(True))
        self.dismiss_button = QPushButton(self)
        self.dismiss_button.setObjectName("dismiss")
        self.dismiss_button.clicked.connect(lambda: self._decide(False))
        self.draft_button = QPushButton(self)
        self.draft_button.setObjectName("draft_letter")
        self.draft_button.clicked.connect(lambda _c=False: self.draft_letter())
        self._drafting = False
        self.model = SuggestionTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("suggestions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.month_label = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.month_label)
        top.addWidget(self.month)
        top.addWidget(self.run_button)
        top.addStretch(1)
        top.addWidget(self.filter)
        actions = QHBoxLayout()
        actions.addWidget(self.confirm_button)
        actions.addWidget(self.dismiss_button)
        actions.addWidget(self.draft_button)
        actions.addStretch(1)
        actions.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.retranslate_ui()
        self._update_buttons()
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(lambda _hall: self.refresh())
        self.refresh()

    def _today(self) -> date:
        hall = self.context.hall
        return self.context.now().astimezone(hall_zone(hall.timezone if hall else None)).date()

    def retranslate_ui(self) -> None:
        self.month_label.setText(self.tr("Month:"))
        self.run_button.setText(self.tr("Run accountability rules"))
        self.confirm_button.setText(self.tr("Confirm…"))
        self.dismiss_button.setText(self.tr("Dismiss…"))
        self.draft_button.setText(self.tr("Draft warning letter"))
        self.draft_button.setToolTip(
            self.tr(
                "Draft an efficiency warning letter from the confirmed suggestion; "
                "edit and issue it under Letters"
            )
        )
        current = self.filter.currentIndex()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(self.tr("All"), None)
        self.filter.addItem(self.tr("Open"), SuggestionStatus.OPEN)
        self.filter.addItem(self.tr("Confirmed"), SuggestionStatus.CONFIRMED)
        self.filter.addItem(self.tr("Dismissed"), SuggestionStatus.DISMISSED)
        self.filter.setCurrentIndex(max(current, 0))
        self.filter.blockSignals(False)

    def refresh(self) -> None:
        hall = self.context.hall
        if hall is None:
            self.model.set_rows([])
            return
        status = self.filter.currentData()
        context = self.context

        def load() -> list[SuggestionRow]:
            with context.db.read() as session:
                return list_suggestions(session, hall.id, status)

        self.context.run(load, self._on_loaded, self._on_failed, owner=self)

    def _on_loaded(self, rows: list[SuggestionRow]) -> None:
        self.model.set_rows(rows)
        self._update_buttons()

    def _on_failed(self, message: str) -> None:
        self.message.setText(message)

    def _on_data_changed(self, tables: Any) -> None:
        if {"suggestions", "attendance_events", "leaves"} & set(tables):
            self.refresh()

    def selected(self) -> SuggestionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        open_row = row is not None and row.status == SuggestionStatus.OPEN
        self.confirm_button.setEnabled(open_row)
        self.dismiss_button.setEnabled(open_row)
        confirmed = row is not None and row.status == SuggestionStatus.CONFIRMED
        self.draft_button.setEnabled(confirmed and not self._drafting)

    def _on_run(self) -> None:
        hall = self.context.hall
        if hall is None:
            return
        chosen = self.month.date()
        year, month = chosen.year(), chosen.month()
        context = self.context

        def run() -> int:
            with context.db.write("suggestions.refresh") as session:
                return len(refresh_suggestions(session, hall.id, year, month))

        self.run_button.setEnabled(False)
        self.context.run(run, self._on_ran, self._on_run_failed, write=True, owner=self)

    def _on_ran(self, created: int) -> None:
        self.run_button.setEnabled(True)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("New suggestions: %1").replace("%1", str(created)))

    def _on_run_failed(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.message.setText(message)

    def _decide(self, confirm: bool) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = DecideDialog(row, confirm, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.decide(row, confirm, dialog.text())

    def decide(self, row: SuggestionRow, confirm: bool, note: str) -> None:
        """Record a person's decision on a suggestion (in the write pool)."""
        context = self.context

        def run() -> SuggestionRow:
            with context.db.write("suggestion.decide") as session:
                return decide_suggestion(
                    session, row.id, confirm=confirm, note=note, by=context.user
                )

        self.context.run(run, lambda _r: None, self._on_failed, write=True, owner=self)

    def draft_letter(self) -> None:
        """Draft a 效能告诫书 from the selected confirmed suggestion (in the write pool)."""
        row = self.selected()
        if row is None or row.status != SuggestionStatus.CONFIRMED or self._drafting:
            return
        context, suggestion_id, now = self.context, row.id, self.context.now()

        def run() -> Any:
            from hallwatch.services.letters.lifecycle import draft_from_suggestion

            with context.db.write("letter.draft") as session:
                return draft_from_suggestion(session, suggestion_id, LetterKind.WARNING, now=now)

        self._drafting = True
        self._update_buttons()
        self.context.run(
            guarded(run), self._on_drafted, self._on_draft_failed, write=True, owner=self
        )

    def _on_drafted(self, result: Any) -> None:
        self._drafting = False
        self._update_buttons()
        if isinstance(result, Failure):
            self._on_draft_failed(result.error)
            return
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Warning letter drafted: edit and issue it under Letters."))
        self.letter_drafted.emit(result)

    def _on_draft_failed(self, error: Any) -> None:
        self._drafting = False
        self._update_buttons()
        if getattr(error, "code", None) == "no_person":
            text = self.tr("This suggestion names nobody: a warning letter is to one person.")
        elif isinstance(error, AlreadyDraftedError):
            text = self.tr(
                "This suggestion already has a letter (%1): open it under Letters."
            ).replace("%1", error.doc_no or self.tr("draft"))
        elif isinstance(error, ConflictError):
            text = self.tr("Only a confirmed suggestion leads to a letter: confirm it first.")
        else:
            text = self.error_text.describe(error)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
