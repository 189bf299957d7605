"""The cases table: a count, and pages of rows fetched as they come into view.

The model knows how many rows the filter gives and keeps the pages it has seen. A
row that is drawn before its page has arrived shows "…" and asks for the page once
(page_requested); the view reads it in the read pool and hands it back with
set_page. A new filter is a new generation: pages of an older one are dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from hallwatch.domain.enums import Light
from hallwatch.services.cases.view import CaseRow
from ui.words import case_status_word, light_word, rating_word

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
# Pages kept at most (the rest are read again when scrolled back to).
MAX_PAGES = 50
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = (
    "ticket_no",
    "case_no",
    "item_name",
    "unit_name",
    "window_number",
    "staff_name",
    "status",
    "taken_at",
    "promised_due",
    "light",
    "overdue_days",
    "rating",
)

LIGHT_COLOURS = {
    Light.GREEN: (QColor("#2e7d32"), QColor("#e8f5e9")),
    Light.YELLOW: (QColor("#8d6e00"), QColor("#fff8e1")),
    Light.RED: (QColor("#c62828"), QColor("#ffebee")),
    Light.SEVERE: (QColor("#ffffff"), QColor("#b71c1c")),
}


class CaseTableModel(QAbstractTableModel):
    page_requested = Signal(int, int)  # generation, page number

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self.count = 0
        self.zone = ZoneInfo("Asia/Shanghai")
        self._pages: OrderedDict[int, list[CaseRow]] = OrderedDict()
        self._asked: set[int] = set()

    # --- what the view does -------------------------------------------------------------

    def reset(self, generation: int, count: int, first_page: list[CaseRow]) -> None:
        """Show a new result: its size and its first page."""
        self.beginResetModel()
        self.generation = generation
        self.count = count
        self._pages.clear()
        self._asked.clear()
        if first_page:
            self._pages[0] = first_page
        self.endResetModel()

    def refresh_in_place(
        self, generation: int, count: int, pages: dict[int, list[CaseRow]]
    ) -> None:
        """Show fresh data for the same filter, keeping selection and scroll.

        A reset would clear the view's selection and scroll back to the top; instead the
        row count is adjusted at the end and a layout change moves every persistent
        index (the selection, the current row) to where its case now is, if a fresh
        page holds it, else leaves it at the same row.
        """
        if count > self.count:
            self.beginInsertRows(QModelIndex(), self.count, count - 1)
            self.count = count
            self.endInsertRows()
        self.layoutAboutToBeChanged.emit()
        kept = [(index, self.row_at(index.row())) for index in self.persistentIndexList()]
        self.generation = generation
        self._pages = OrderedDict(sorted(pages.items()))
        self._asked.clear()
        where = {
            row.case_id: page * PAGE_SIZE + offset
            for page, rows in self._pages.items()
            for offset, row in enumerate(rows)
        }
        for index, old in kept:
            moved = where.get(old.case_id) if old is not None else None
            target = index.row() if moved is None else moved
            self.changePersistentIndex(
                index,
                self.index(target, index.column()) if target < count else QModelIndex(),
            )
        self.layoutChanged.emit()
        if count < self.count:
            self.beginRemoveRows(QModelIndex(), count, self.count - 1)
            self.count = count
            self.endRemoveRows()

    def set_page(self, generation: int, page: int, rows: list[CaseRow]) -> None:
        if generation != self.generation:
            return
        self._asked.discard(page)
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(first + len(rows), self.count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def page_failed(self, generation: int, page: int) -> None:
        if generation == self.generation:
            self._asked.discard(page)

    def row_at(self, row: int) -> CaseRow | None:
        """Return a row if its page has arrived (None: not read yet, or out of range)."""
        if not 0 <= row < self.count:
            return None
        rows = self._pages.get(row // PAGE_SIZE)
        if rows is None:
            return None
        offset = row % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.count:  # the status, light and rating words are the language's
            self.dataChanged.emit(self.index(0, 0), self.index(self.count - 1, len(COLUMNS) - 1))

    # --- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return self.headers()[section]
        return None

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Ticket"),
            self.tr("Case no."),
            self.tr("Service item"),
            self.tr("Unit"),
            self.tr("Window"),
            self.tr("Handled by"),
            self.tr("Status"),
            self.tr("Ticket taken"),
            self.tr("Promised by"),
            self.tr("Light"),
            self.tr("Overdue (working days)"),
            self.tr("Rating"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._ask(index.row() // PAGE_SIZE)
                return "…"
            return None
        field = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, field)
        if role == ROW_ROLE:
            return row
        if field == "light" and row.light is not None:
            text, face = LIGHT_COLOURS[row.light]
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(text)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(face)
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "overdue_days":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _ask(self, page: int) -> None:
        if page not in self._asked:
            self._asked.add(page)
            self.page_requested.emit(self.generation, page)

    def _text(self, row: CaseRow, field: str) -> str:
        if field == "status":
            return case_status_word(row.status)
        if field == "taken_at":
            return self._clock(row.taken_at or row.accepted_at)
        if field == "promised_due":
            if row.promised_due is None:
                return ""
            mark = self.tr(" (provisional)") if row.provisional else ""
            return row.promised_due.isoformat() + mark
        if field == "light":
            return light_word(row.light)
        if field == "overdue_days":
            return str(row.overdue_days) if row.overdue_days else ""
        if field == "rating":
            return rating_word(row.rating)
        return str(getattr(row, field))

    def _clock(self, moment: datetime | None) -> str:
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M") if moment else ""
