"""Paste the State Council's holiday notice: read it, check the days in a table, then save.

The admin pastes the notice's text (国务院办公厅关于YYYY年部分节假日安排的通知);
"Read" parses it off the GUI thread (services.setup.holiday_notice.preview_notice) and lists every
day off and make-up working day with what saving would do; "Save" writes them and
recomputes the deadlines they move. An edit of the text after reading asks for another
read, so what is saved is always what the table showed.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallwatch.services.setup.holiday_notice import CHANGED, KEPT, NEW, NoticeImport, NoticePreview
from ui.base.context import AppContext
from ui.settings.error_text import ErrorText
from ui.settings.reply import run_for
from ui.widgets.style import ERROR_STYLE
from ui.workers import Failure, guarded

# The year box's lowest value stands for "the year the title names".
FROM_TITLE = 1989


class HolidayNoticeDialog(QDialog):
    """Paste, preview and save one year's State Council holiday notice."""

    imported = Signal(object)  # NoticeImport

    def __init__(self, context: AppContext, hall_id: uuid.UUID, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("holiday_notice_dialog")
        self.context = context
        self.hall_id = hall_id
        self.preview: NoticePreview | None = None
        # The (text, year) the preview was read from.
        self._read_text: tuple[str, int | None] | None = None
        self._busy = False
        self.error_text = ErrorText(self)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("notice_text")
        self.text.textChanged.connect(self._on_text_changed)
        self.year_label = QLabel(self)
        self.year = QSpinBox(self)
        self.year.setObjectName("notice_year")
        self.year.setRange(FROM_TITLE, 2100)
        self.year.setValue(FROM_TITLE)
        self.year.valueChanged.connect(lambda _value: self._on_text_changed())
        self.year_label.setBuddy(self.year)
        self.read_button = QPushButton(self)
        self.read_button.setObjectName("read_button")
        self.read_button.clicked.connect(self.read)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("preview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.clicked.connect(self.reject)

        year_row = QHBoxLayout()
        year_row.addWidget(self.year_label)
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        year_row.addWidget(self.read_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.text, 2)
        layout.addLayout(year_row)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        self.resize(760, 640)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("State Council holiday notice"))
        self.intro.setText(
            self.tr(
                "Paste the text of the State Council's notice on next year's holidays "
                "(国务院办公厅关于…年部分节假日安排的通知), read it, check the days, then save."
            )
        )
        self.text.setPlaceholderText(self.tr("一、元旦：1月1日（周五）放假…"))
        self.year_label.setText(self.tr("Year"))
        self.year.setSpecialValueText(self.tr("from the title"))
        self.read_button.setText(self.tr("Read the notice"))
        self.save_button.setText(self.tr("Save these days"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Weekday"),
                self.tr("Working?"),
                self.tr("Name"),
                self.tr("Change"),
            ]
        )

    def _chosen_year(self) -> int | None:
        return None if self.year.value() == FROM_TITLE else self.year.value()

    def _on_text_changed(self) -> None:
        if (
            self._read_text is not None
            and (self.text.toPlainText(), self._chosen_year()) != self._read_text
        ):
            self.preview = None
            self._read_text = None
            self.table.setRowCount(0)
            self.summary.setText(self.tr("The text changed: read it again before saving."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_text = bool(self.text.toPlainText().strip())
        self.read_button.setEnabled(has_text and not self._busy)
        self.save_button.setEnabled(self.preview is not None and not self._busy)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _begin(self) -> None:
        self._busy = True
        self.error.hide()
        self._update_buttons()

    def _end(self) -> bool:
        self._busy = False
        self._update_buttons()
        return True

    # --- reading --------------------------------------------------------------------

    def read(self) -> None:
        """Parse the pasted text and list what saving it would do."""
        from hallwatch.services.setup.holiday_notice import preview_notice

        if self._busy:
            return
        text, year, hall_id, db = (
            self.text.toPlainText(),
            self._chosen_year(),
            self.hall_id,
            self.context.db,
        )

        def work() -> NoticePreview:
            with db.read() as session:
                return preview_notice(session, hall_id, text, year)

        self._begin()
        self.preview = None
        self.table.setRowCount(0)
        self.summary.clear()
        run_for(
            self,
            self.context,
            guarded(work),
            lambda result: self._on_read(result, (text, year)),
            self._on_failed,
        )

    def _on_read(self, result: Any, read: tuple[str, int | None]) -> None:
        self._end()
        if isinstance(result, Failure):
            self._show_error(self.error_text.describe(result.error))
            return
        self.preview = result
        self._read_text = read
        self._fill(result)
        self._update_buttons()

    def _fill(self, preview: NoticePreview) -> None:
        words = {
            NEW: self.tr("new"),
            CHANGED: self.tr("corrects the table"),
            KEPT: self.tr("kept: this hall's own entry stays"),
        }
        weekdays = self.tr("Mon Tue Wed Thu Fri Sat Sun").split()
        self.table.setRowCount(len(preview.lines) + len(preview.removed))
        for row, line in enumerate(preview.lines):
            cells = (
                line.day.isoformat(),
                weekdays[line.day.weekday()],
                self.tr("Make-up workday") if line.is_workday else self.tr("Day off"),
                line.name,
                words.get(line.change, self.tr("already there")),
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(line.said)
                self.table.setItem(row, column, item)
        for offset, day in enumerate(preview.removed, start=len(preview.lines)):
            self.table.setItem(offset, 0, QTableWidgetItem(day.isoformat()))
            self.table.setItem(offset, 1, QTableWidgetItem(weekdays[day.weekday()]))
            self.table.setItem(offset, 4, QTableWidgetItem(self.tr("removed: not in the notice")))
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("%1: %2 days off and %3 make-up working days.")
            .replace("%1", preview.source)
            .replace("%2", str(preview.holidays))
            .replace("%3", str(preview.workdays))
        )

    # --- saving ---------------------------------------------------------------------

    def save(self) -> None:
        """Save the days the table shows and recompute the deadlines they move."""
        from hallwatch.services.setup.holiday_notice import import_notice

        if self._busy or self.preview is None or self._read_text is None:
            return
        (text, year), hall_id, db = self._read_text, self.hall_id, self.context.db

        def work() -> NoticeImport:
            with db.write("settings.holidays") as session:
                return import_notice(session, hall_id, text, year)

        self._begin()
        run_for(self, self.context, guarded(work), self._on_saved, self._on_failed, write=True)

    def _on_saved(self, result: Any) -> None:
        self._end()
        if isinstance(result, Failure):
            self._show_error(self.error_text.describe(result.error))
            return
        self.imported.emit(result)
        self.accept()

    def _on_failed(self, message: str) -> None:
        self._end()
        self._show_error(self.error_text.describe(message))
