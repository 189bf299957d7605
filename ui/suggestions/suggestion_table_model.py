"""Table model over suggestion rows (frozen dataclasses from the core)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hallwatch.domain.enums import SuggestionStatus
from hallwatch.services.accountability.suggestions import SuggestionRow

Index = QModelIndex | QPersistentModelIndex


class SuggestionTableModel(QAbstractTableModel):
    COLUMNS = ("status", "period", "title", "facts", "note", "decided_by")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SuggestionRow] = []

    def set_rows(self, rows: list[SuggestionRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> SuggestionRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def status_text(self, status: SuggestionStatus) -> str:
        return {
            SuggestionStatus.OPEN: self.tr("Open"),
            SuggestionStatus.CONFIRMED: self.tr("Confirmed"),
            SuggestionStatus.DISMISSED: self.tr("Dismissed"),
        }[status]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Status"),
            self.tr("Period"),
            self.tr("Suggestion"),
            self.tr("Facts"),
            self.tr("Note"),
            self.tr("Decided by"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "status":
                return self.status_text(row.status)
            if column == "facts":
                details = row.facts.get("details") or row.facts.get("months") or []
                return "；".join(str(item) for item in details)
            return str(getattr(row, column))
        if role == Qt.ItemDataRole.ToolTipRole and column in ("title", "facts"):
            details = row.facts.get("details") or row.facts.get("months") or []
            return "\n".join([row.title, *map(str, details)])
        if role == Qt.ItemDataRole.BackgroundRole and row.status == SuggestionStatus.OPEN:
            return QBrush(QColor("#fff4e0"))
        return None
