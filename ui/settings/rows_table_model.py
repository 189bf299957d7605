"""A table model over a short list of frozen rows (set-up lists are tens to hundreds long)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor


class Row(Protocol):
    """What the table needs of a row: its id (rows are frozen, so it is read-only)."""

    @property
    def id(self) -> uuid.UUID: ...


RowT = TypeVar("RowT", bound=Row)


@dataclass(frozen=True, slots=True)
class Column(Generic[RowT]):
    header: str  # already translated
    text: Callable[[RowT], str]


class RowsTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows from a core service, shown through per-column text functions; greys inactive rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._columns: list[Column[RowT]] = []

    def set_columns(self, columns: Sequence[Column[RowT]]) -> None:
        if len(columns) == len(self._columns):
            # Same shape (a language change): keep the selection, redraw the texts.
            self._columns = list(columns)
            if self._columns:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
            if self._rows and self._columns:
                last = self.index(len(self._rows) - 1, len(self._columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_rows(self, rows: Sequence[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find(self, row_id: uuid.UUID | None) -> int:
        """Return the position of the row with this id, or -1."""
        for position, row in enumerate(self._rows):
            if row.id == row_id:
                return position
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()].text(row)
        if role == Qt.ItemDataRole.ForegroundRole and getattr(row, "active", True) is False:
            return QBrush(QColor("#888888"))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None
