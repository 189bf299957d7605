"""The letters table: one row per letter of the hall, overdue ones in red with a warning sign.

A hall issues a few hundred letters a year, so the model holds the whole filtered
list (LetterRow dataclasses from the core) and is replaced on every refresh.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle

from hallwatch.domain.enums import LetterStatus
from hallwatch.services.letters.lifecycle import LetterRow
from ui.words import letter_kind_word, letter_status_word

Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("doc_no", "kind", "title", "status", "deadline", "delivered")
OVERDUE_COLOR = QColor("#c62828")
DONE_COLOR = QColor("#9e9e9e")  # revoked letters: kept, greyed
STATUS_COLORS = {
    LetterStatus.DRAFT: QColor("#6d4c41"),
    LetterStatus.ISSUED: QColor("#1565c0"),
    LetterStatus.DELIVERED: QColor("#00695c"),
    LetterStatus.ACKNOWLEDGED: QColor("#2e7d32"),
    LetterStatus.RECTIFIED: QColor("#2e7d32"),
    LetterStatus.REVOKED: DONE_COLOR,
}


class LetterTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LetterRow] = []
        self.zone = ZoneInfo("Asia/Shanghai")

    def set_rows(self, rows: list[LetterRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> LetterRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, letter_id: uuid.UUID) -> int:
        """Return the table row of a letter, or -1."""
        return next((k for k, row in enumerate(self.rows) if row.id == letter_id), -1)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rowCount():  # the kind and status words are the language's
            last = self.index(self.rowCount() - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

    # --- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self.headers()[section]
        return None

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Number"),
            self.tr("Kind"),
            self.tr("Title / addressed to"),
            self.tr("Status"),
            self.tr("Deadline"),
            self.tr("Delivered"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        field = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, field)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and field in ("title", "deadline"):
            if field == "deadline" and row.overdue:
                return self.overdue_text(row)
            return "\n".join(t for t in (row.title, row.addressee, row.recipient) if t)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue:
                return QBrush(OVERDUE_COLOR)
            if row.status is LetterStatus.REVOKED:
                return QBrush(DONE_COLOR)
            if field == "status":
                return QBrush(STATUS_COLORS[row.status])
            if field == "doc_no" and not row.doc_no:
                return QBrush(DONE_COLOR)
        if role == Qt.ItemDataRole.FontRole and (
            (row.overdue and field in ("deadline", "status"))
            or (field == "doc_no" and not row.doc_no)
        ):
            font = QFont()
            if row.overdue:
                font.setBold(True)
            else:
                font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and field == "deadline" and row.overdue:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def text(self, row: LetterRow, field: str) -> str:
        if field == "doc_no":
            return row.doc_no or self.tr("(not numbered)")
        if field == "kind":
            return letter_kind_word(row.kind)
        if field == "title":
            # The kind has its own column: a title that only repeats it is left out.
            who = row.addressee or row.recipient
            if row.title == row.kind_word and who:
                return who
            return f"{row.title} · {who}" if who else row.title
        if field == "status":
            return letter_status_word(row.status)
        if field == "deadline":
            if row.deadline is None:
                return ""
            day = row.deadline.isoformat()
            return f"{day}  {self.overdue_text(row)}" if row.overdue else day
        if field == "delivered":
            return self._day(row.delivered_at)
        return ""

    def overdue_text(self, row: LetterRow) -> str:
        return self.tr("%1 working days overdue").replace("%1", str(row.overdue_days))

    def _day(self, moment: datetime | None) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d") if moment else ""
