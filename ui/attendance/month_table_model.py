"""Table models over month sheets: per staff (StaffMonth) and per unit (UnitMonth)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from hallwatch.services.attendance.sheets import StaffMonth, UnitMonth
from ui.attendance.day_sheet_table_model import ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

TEXT_FIELDS = frozenset({"staff_no", "name", "unit_name"})
# Counts shared by both tables, in column order after the naming columns.
COUNT_FIELDS = (
    "late_count",
    "early_count",
    "absent_half_days",
    "off_post_count",
    "leave_days",
    "missing_punches",
)

_SEVERE_TEXT = QColor("#c0392b")
_WARNING_TEXT = QColor("#c25e00")
COUNT_COLOURS = {
    "late_count": _WARNING_TEXT,
    "early_count": _WARNING_TEXT,
    "off_post_count": _WARNING_TEXT,
    "absent_half_days": _SEVERE_TEXT,
    "missing_punches": _SEVERE_TEXT,
    "leave_days": QColor("#1565c0"),
}


def _number(value: float) -> str:
    if not value:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class MonthTableModel(QAbstractTableModel):
    """Rows of one month; subclasses name the columns before the counts."""

    NAME_FIELDS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.NAME_FIELDS, *COUNT_FIELDS)

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def retranslate(self) -> None:
        """Have views ask again for every header (after a language switch)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.fields) - 1)

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def name_headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def count_headers(self) -> tuple[str, ...]:
        return (
            self.tr("Late (times)"),
            self.tr("Left early (times)"),
            self.tr("Absent (half days)"),
            self.tr("Off post (times)"),
            self.tr("Leave (days)"),
            self.tr("Missing punches"),
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (*self.name_headers(), *self.count_headers())
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < len(self.fields):
            return None
        field = self.fields[index.column()]
        value = getattr(row, field)
        if role == Qt.ItemDataRole.DisplayRole:
            return _number(value) if field in COUNT_FIELDS else str(value)
        if role == SORT_ROLE:
            return value
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and field not in TEXT_FIELDS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and value and field in COUNT_COLOURS:
            # Cells, not rows, are coloured: most people have something in a month.
            return QBrush(COUNT_COLOURS[field])
        if role == Qt.ItemDataRole.FontRole and value and field in COUNT_COLOURS:
            font = QFont()
            font.setBold(True)
            return font
        return None


class StaffMonthTableModel(MonthTableModel):
    NAME_FIELDS = ("staff_no", "name", "unit_name")

    def name_headers(self) -> tuple[str, ...]:
        return (self.tr("Staff no."), self.tr("Name"), self.tr("Unit"))

    def row_at(self, row: int) -> StaffMonth | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


class UnitMonthTableModel(MonthTableModel):
    NAME_FIELDS = ("unit_name", "staff")

    def name_headers(self) -> tuple[str, ...]:
        return (self.tr("Unit"), self.tr("Staff"))

    def row_at(self, row: int) -> UnitMonth | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
