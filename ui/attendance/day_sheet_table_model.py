"""Table model over a day sheet: one StaffDay (a frozen dataclass from the core) per row."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from hallwatch.domain.attendance import SEVERITY, SLOTS, StaffDay
from ui.attendance.attendance_words import (
    MISSING_TEXT,
    leave_word,
    slot_word,
    status_tint,
    status_word,
)

Index = QModelIndex | QPersistentModelIndex

# What the proxy sorts by: numbers as numbers, times as times, status by severity.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The row's StaffDay, for views and tests.
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


def _clock(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment.hour:02d}:{moment.minute:02d}"


class DaySheetTableModel(QAbstractTableModel):
    COLUMNS = (
        "staff_no",
        "name",
        "unit",
        "am_in",
        "am_out",
        "pm_in",
        "pm_out",
        "late",
        "early",
        "absent",
        "missing",
        "off_post",
        "leave",
        "status",
    )
    NUMBER_COLUMNS = frozenset({"late", "early", "absent", "missing", "off_post"})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[StaffDay] = []

    def set_rows(self, rows: list[StaffDay]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def retranslate(self) -> None:
        """Have views ask again for every text (after a language switch)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1)
            )

    def row_at(self, row: int) -> StaffDay | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Staff no."),
            self.tr("Name"),
            self.tr("Unit"),
            self.tr("Morning in"),
            self.tr("Morning out"),
            self.tr("Afternoon in"),
            self.tr("Afternoon out"),
            self.tr("Late (min)"),
            self.tr("Early (min)"),
            self.tr("Absent (half days)"),
            self.tr("Missing punches"),
            self.tr("Off post (min)"),
            self.tr("Leave"),
            self.tr("Status"),
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        day = self.row_at(index.row())
        if day is None or not 0 <= index.column() < len(self.COLUMNS):
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(day, column)
        if role == SORT_ROLE:
            return self._sort_key(day, column)
        if role == ROW_ROLE:
            return day
        if role == Qt.ItemDataRole.BackgroundRole:
            tint = status_tint(day.status)
            return QBrush(tint) if tint is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column in SLOTS and column in day.missing:
            return QBrush(MISSING_TEXT)
        if role == Qt.ItemDataRole.FontRole and column in SLOTS and self._corrected(day, column):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            column in self.NUMBER_COLUMNS or column in SLOTS
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(day, column)
        return None

    # --- cells ------------------------------------------------------------------------

    def _slot(self, day: StaffDay, column: str) -> datetime | None:
        slots = day.slots
        return slots[SLOTS.index(column)] if len(slots) == len(SLOTS) else None

    def _corrected(self, day: StaffDay, column: str) -> bool:
        moment = self._slot(day, column)
        return moment is not None and moment in day.corrections

    def _text(self, day: StaffDay, column: str) -> str:
        if column == "staff_no":
            return day.staff_no
        if column == "name":
            return day.name
        if column == "unit":
            return day.unit_name
        if column in SLOTS:
            if column in day.missing:
                return self.tr("missing")
            text = _clock(self._slot(day, column))
            if text and self._corrected(day, column):
                return self.tr("%1 (corrected)").replace("%1", text)
            return text
        if column == "late":
            return str(day.late_minutes) if day.late_minutes else ""
        if column == "early":
            return str(day.early_minutes) if day.early_minutes else ""
        if column == "absent":
            return str(day.absent_half_days) if day.absent_half_days else ""
        if column == "missing":
            return str(len(day.missing)) if day.missing else ""
        if column == "off_post":
            return str(day.off_post_minutes) if day.off_post_minutes else ""
        if column == "leave":
            return leave_word(day.leave_kind)
        return status_word(day.status)

    def _sort_key(self, day: StaffDay, column: str) -> Any:
        if column in SLOTS:
            moment = self._slot(day, column)
            return "" if moment is None else moment.strftime("%H:%M:%S")
        numbers = {
            "late": day.late_minutes,
            "early": day.early_minutes,
            "absent": day.absent_half_days,
            "missing": len(day.missing),
            "off_post": day.off_post_minutes,
        }
        if column in numbers:
            return numbers[column]
        if column == "status":
            status = day.status
            # Most serious first when sorted ascending; normal days last.
            return len(SEVERITY) if status is None else SEVERITY.index(status)
        return self._text(day, column)

    def _tooltip(self, day: StaffDay, column: str) -> str | None:
        if column in SLOTS or column == "missing":
            lines = [
                self.tr("Punches: %1").replace(
                    "%1", "、".join(_clock(p) for p in day.punches) or self.tr("none")
                )
            ]
            if day.corrections:
                lines.append(
                    self.tr("Signed corrections: %1").replace(
                        "%1", "、".join(_clock(p) for p in day.corrections)
                    )
                )
            if day.missing:
                lines.append(
                    self.tr("Missing: %1").replace(
                        "%1", "、".join(slot_word(slot) for slot in day.missing)
                    )
                )
            return "\n".join(lines)
        if column == "status":
            words = [status_word(flag) for flag in SEVERITY if flag in day.flags]
            text = "、".join(words) if words else status_word(None)
            if not day.complete:
                text += "\n" + self.tr("The day is not over: judged up to now.")
            return text
        return None
