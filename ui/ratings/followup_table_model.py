"""Table model over follow-up rows (frozen dataclasses from the core)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hallwatch.services.accountability.followups import AppealStatus, FollowUpRow, FollowUpStatus

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "state",
    "due_on",
    "case_no",
    "ticket_no",
    "item_name",
    "unit_name",
    "window_number",
    "staff_name",
    "rating",
    "rated_at",
    "call",
    "appeal",
)
OVERDUE_FACE = QColor("#ffebee")
OPEN_FACE = QColor("#fff4e0")


class FollowUpTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FollowUpRow] = []
        self.zone = ZoneInfo("Asia/Shanghai")

    def set_rows(self, rows: list[FollowUpRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> FollowUpRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, followup_id: object) -> int:
        """Return the row number of a task, -1 when it is not listed."""
        for number, row in enumerate(self.rows):
            if row.id == followup_id:
                return number
        return -1

    def retranslate(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    # --- words ----------------------------------------------------------------------------

    def rating_word(self, rating: int | None) -> str:
        return {
            1: self.tr("Very dissatisfied"),
            2: self.tr("Dissatisfied"),
            3: self.tr("Basically satisfied"),
            4: self.tr("Satisfied"),
            5: self.tr("Very satisfied"),
        }.get(rating or 0, "")

    def state_text(self, row: FollowUpRow) -> str:
        if row.status == FollowUpStatus.CLOSED:
            return self.tr("Closed late") if row.closed_late else self.tr("Closed")
        if row.overdue:
            return self.tr("Overdue: %1 working days").replace("%1", str(row.overdue_days))
        return self.tr("Open")

    def appeal_text(self, status: AppealStatus) -> str:
        return {
            AppealStatus.NONE: "",
            AppealStatus.PENDING: self.tr("Pending review"),
            AppealStatus.APPROVED: self.tr("Approved: rating mistaken"),
            AppealStatus.REJECTED: self.tr("Rejected"),
        }[status]

    def clock(self, moment: datetime | None) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M") if moment else ""

    def due_text(self, row: FollowUpRow) -> str:
        mark = self.tr(" (provisional)") if row.due_provisional else ""
        return row.due_on.isoformat() + mark

    # --- Qt -------------------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("State"),
            self.tr("Due"),
            self.tr("Case no."),
            self.tr("Ticket"),
            self.tr("Service"),
            self.tr("Unit"),
            self.tr("Window"),
            self.tr("Handled by"),
            self.tr("Rating"),
            self.tr("Rated at"),
            self.tr("Call"),
            self.tr("Appeal"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row())
        if row is None or not index.isValid():
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "call" and row.call_at:
            return row.call_content
        if role == Qt.ItemDataRole.ToolTipRole and column == "appeal" and row.appeal_reason:
            return row.appeal_reason
        if role == Qt.ItemDataRole.BackgroundRole and row.status == FollowUpStatus.OPEN:
            return QBrush(OVERDUE_FACE if row.overdue else OPEN_FACE)
        return None

    def _text(self, row: FollowUpRow, column: str) -> str:
        if column == "state":
            return self.state_text(row)
        if column == "due_on":
            return self.due_text(row)
        if column == "rating":
            return self.rating_word(row.rating)
        if column == "rated_at":
            return self.clock(row.rated_at)
        if column == "call":
            if row.call_at is None:
                return self.tr("Not yet")
            return f"{self.clock(row.call_at)} {row.call_by}"
        if column == "appeal":
            return self.appeal_text(row.appeal_status)
        return str(getattr(row, column))
