"""考勤: the day sheet (staff × punches with their status) and the month sheets.

Every sheet is computed by the core (hallwatch.services.attendance.sheets) in the read pool;
leave and signed corrections (补签) are recorded in dialogs through the write pool. A
result that arrives after a newer request (another day, another unit) is dropped.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.attendance import SLOTS, DayFlag, DaySchedule, StaffDay
from hallwatch.services.attendance.sheets import (
    StaffMonth,
    UnitMonth,
    day_sheet,
    month_sheet,
    schedule_for,
    unit_month,
)
from hallwatch.services.setup.entities import list_staff, list_units
from ui.attendance.background import run_job
from ui.attendance.correction_dialog import CorrectionDialog
from ui.attendance.day_sheet_table_model import ROW_ROLE, SORT_ROLE, DaySheetTableModel
from ui.attendance.leave_dialog import LeaveDialog
from ui.attendance.month_table_model import StaffMonthTableModel, UnitMonthTableModel
from ui.attendance.record_dialog import RecordDialog
from ui.attendance.staff_picker import StaffChoice
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.widgets.hall_time import from_qdate, hall_today, to_qdate, zone_of
from ui.widgets.shortcuts import screen_action
from ui.widgets.style import error_label
from ui.widgets.unit_filter import UnitFilter

# Tables whose changes alter what the sheets show.
WATCHED_TABLES = frozenset(
    {
        "attendance_events",
        "leaves",
        "staff",
        "units",
        "schedules",
        "holidays",
        "settings",
        "windows",
        "window_assignments",
    }
)
DAY_TAB, MONTH_TAB = 0, 1


@dataclass(frozen=True, slots=True)
class DayLoad:
    day: date
    rows: list[StaffDay]
    schedule: DaySchedule | None


@dataclass(frozen=True, slots=True)
class MonthLoad:
    year: int
    month: int
    staff: list[StaffMonth]
    units: list[UnitMonth]


@dataclass(frozen=True, slots=True)
class Lists:
    units: list[tuple[uuid.UUID, str]]
    staff: list[StaffChoice]


def _table(parent: QWidget, name: str, model: Any) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table, proxy


class AttendanceView(Retranslated, QWidget):
    """The attendance screen: a day sheet and a month sheet, with leave and 补签 entry."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._lists = Lists([], [])
        self._schedule: DaySchedule | None = None
        self._generation = {"day": 0, "month": 0, "lists": 0}
        self._stale = {"day": True, "month": True}
        self.dialog: RecordDialog | None = None
        today = hall_today(context)

        # --- top: unit filter, search, actions --------------------------------------
        self.unit_label = QLabel(self)
        self.unit = UnitFilter(self)
        self.unit.setObjectName("unit")
        self.unit.currentIndexChanged.connect(lambda _i: self._on_filter_changed())
        self.unit_label.setBuddy(self.unit)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)

        self.leave_action = self._action("leave", "Ctrl+L", self.open_leave_dialog)
        self.correction_action = self._action("correction", "Ctrl+B", self.open_correction_dialog)
        self.refresh_action = self._action("refresh", "F5", self.refresh)
        self.previous_action = self._action("previous", "Ctrl+Left", lambda: self.step(-1))
        self.next_action = self._action("next", "Ctrl+Right", lambda: self.step(1))
        self.today_action = self._action("today", "Ctrl+Home", self.go_today)

        top = QHBoxLayout()
        top.addWidget(self.unit_label)
        top.addWidget(self.unit)
        top.addWidget(self.search, 1)
        for action in (self.leave_action, self.correction_action, self.refresh_action):
            top.addWidget(self._button(action))

        # --- day tab ------------------------------------------------------------------
        self.day_page = QWidget(self)
        self.day_label = QLabel(self.day_page)
        self.day = QDateEdit(self.day_page)
        self.day.setObjectName("day")
        self.day.setDisplayFormat("yyyy-MM-dd ddd")
        self.day.setCalendarPopup(True)
        self.day.setDate(to_qdate(today))
        self.day.dateChanged.connect(lambda _d: self._on_filter_changed())
        self.day_label.setBuddy(self.day)
        self.day_summary = QLabel(self.day_page)
        self.day_summary.setObjectName("day_summary")
        self.day_model = DaySheetTableModel(self)
        self.day_table, self.day_proxy = _table(self.day_page, "day_sheet", self.day_model)
        self.day_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.day_table.addAction(self.leave_action)
        self.day_table.addAction(self.correction_action)
        day_bar = QHBoxLayout()
        day_bar.addWidget(self.day_label)
        day_bar.addWidget(self._button(self.previous_action))
        day_bar.addWidget(self.day)
        day_bar.addWidget(self._button(self.next_action))
        day_bar.addWidget(self._button(self.today_action))
        day_bar.addSpacing(12)
        day_bar.addWidget(self.day_summary, 1)
        day_layout = QVBoxLayout(self.day_page)
        day_layout.setContentsMargins(0, 4, 0, 0)
        day_layout.addLayout(day_bar)
        day_layout.addWidget(self.day_table, 1)

        # --- month tab ----------------------------------------------------------------
        self.month_page = QWidget(self)
        self.month_label = QLabel(self.month_page)
        self.month = QDateEdit(self.month_page)
        self.month.setObjectName("month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.month.setDate(QDate(today.year, today.month, 1))
        self.month.dateChanged.connect(lambda _d: self._on_filter_changed())
        self.month_label.setBuddy(self.month)
        self.staff_month_label = QLabel(self.month_page)
        self.staff_month_model = StaffMonthTableModel(self)
        self.staff_month_table, self.staff_month_proxy = _table(
            self.month_page, "staff_month", self.staff_month_model
        )
        self.unit_month_label = QLabel(self.month_page)
        self.unit_month_model = UnitMonthTableModel(self)
        self.unit_month_table, self.unit_month_proxy = _table(
            self.month_page, "unit_month", self.unit_month_model
        )
        month_bar = QHBoxLayout()
        month_bar.addWidget(self.month_label)
        month_bar.addWidget(self.month)
        month_bar.addStretch(1)
        staff_box = QWidget(self.month_page)
        staff_layout = QVBoxLayout(staff_box)
        staff_layout.setContentsMargins(0, 0, 0, 0)
        staff_layout.addWidget(self.staff_month_label)
        staff_layout.addWidget(self.staff_month_table)
        unit_box = QWidget(self.month_page)
        unit_layout = QVBoxLayout(unit_box)
        unit_layout.setContentsMargins(0, 0, 0, 0)
        unit_layout.addWidget(self.unit_month_label)
        unit_layout.addWidget(self.unit_month_table)
        splitter = QSplitter(Qt.Orientation.Vertical, self.month_page)
        splitter.addWidget(staff_box)
        splitter.addWidget(unit_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        month_layout = QVBoxLayout(self.month_page)
        month_layout.setContentsMargins(0, 4, 0, 0)
        month_layout.addLayout(month_bar)
        month_layout.addWidget(splitter, 1)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("modes")
        self.tabs.addTab(self.day_page, "")
        self.tabs.addTab(self.month_page, "")
        self.tabs.currentChanged.connect(lambda _i: self._refresh_if_stale())
        self.message = error_label(self)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

        self.retranslate_ui()
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(self._on_hall_changed)
        self.refresh_lists()
        self.refresh()

    # --- building blocks ------------------------------------------------------------------

    def _action(self, name: str, keys: str, slot: Any) -> QAction:
        return screen_action(self, keys, slot, name)

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(action.objectName().removesuffix("_action") + "_button")
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # --- texts ------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.unit_label.setText(self.tr("&Unit:"))
        self.search.setPlaceholderText(self.tr("Find staff no., name or unit"))
        texts = (
            (self.leave_action, self.tr("Record &leave…"), self.tr("Record an approved leave")),
            (
                self.correction_action,
                self.tr("Signed &correction…"),
                self.tr("Record a signed correction (补签) for a missing punch"),
            ),
            (self.refresh_action, self.tr("&Refresh"), self.tr("Compute the sheet again")),
            (self.previous_action, "◀", self.tr("Previous day")),
            (self.next_action, "▶", self.tr("Next day")),
            (self.today_action, self.tr("Today"), self.tr("Go to today")),
        )
        for action, text, tip in texts:
            action.setText(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
        self.day_label.setText(self.tr("&Day:"))
        self.month_label.setText(self.tr("&Month:"))
        self.staff_month_label.setText(self.tr("By person"))
        self.unit_month_label.setText(self.tr("By unit"))
        self.tabs.setTabText(DAY_TAB, self.tr("Day sheet"))
        self.tabs.setTabText(MONTH_TAB, self.tr("Month sheet"))
        self._update_summary()
        for model in (self.day_model, self.staff_month_model, self.unit_month_model):
            model.retranslate()

    # --- what is shown ----------------------------------------------------------------------

    def current_day(self) -> date:
        return from_qdate(self.day.date())

    def set_day(self, day: date) -> None:
        self.day.setDate(to_qdate(day))

    def current_month(self) -> tuple[int, int]:
        chosen = self.month.date()
        return chosen.year(), chosen.month()

    def unit_id(self) -> uuid.UUID | None:
        return self.unit.unit_id()

    def step(self, days: int) -> None:
        """Move the sheet on by days (the day tab) or by months (the month tab)."""
        if self.tabs.currentIndex() == MONTH_TAB:
            self.month.setDate(self.month.date().addMonths(days))
        else:
            self.set_day(self.current_day() + timedelta(days=days))

    def go_today(self) -> None:
        today = hall_today(self.context)
        self.set_day(today)
        self.month.setDate(QDate(today.year, today.month, 1))

    def selected_day_row(self) -> StaffDay | None:
        rows = self.day_table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ROW_ROLE)
        return value if isinstance(value, StaffDay) else None

    def staff_choices(self) -> list[StaffChoice]:
        return list(self._lists.staff)

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the visible sheet again; the other one when it is next shown."""
        self._stale = {"day": True, "month": True}
        self._refresh_if_stale()

    def _refresh_if_stale(self) -> None:
        which = "month" if self.tabs.currentIndex() == MONTH_TAB else "day"
        if self._stale[which]:
            self._stale[which] = False
            (self._load_month if which == "month" else self._load_day)()

    def _on_filter_changed(self) -> None:
        self.refresh()

    def _next(self, which: str) -> int:
        self._generation[which] += 1
        return self._generation[which]

    def _load_day(self) -> None:
        hall = self.context.hall
        generation = self._next("day")
        if hall is None:
            self._on_day_loaded(generation, DayLoad(self.current_day(), [], None))
            return
        context, day, unit_id, now = (
            self.context,
            self.current_day(),
            self.unit_id(),
            self.context.now(),
        )

        def load() -> DayLoad:
            with context.db.read() as session:
                rows = day_sheet(session, hall.id, day, unit_id, now=now)
                return DayLoad(day, rows, schedule_for(session, hall.id, day))

        run_job(
            self.context,
            load,
            lambda result: self._on_day_loaded(generation, result),
            self._on_failed,
            owner=self,
        )

    def _on_day_loaded(self, generation: int, result: DayLoad) -> None:
        if not shiboken6.isValid(self) or generation != self._generation["day"]:
            return
        self._schedule = result.schedule
        self.day_model.set_rows(result.rows)
        self.day_table.resizeColumnsToContents()
        self._update_summary()
        self.message.hide()

    def _load_month(self) -> None:
        hall = self.context.hall
        year, month = self.current_month()
        generation = self._next("month")
        if hall is None:
            self._on_month_loaded(generation, MonthLoad(year, month, [], []))
            return
        context, unit_id, now = self.context, self.unit_id(), self.context.now()

        def load() -> MonthLoad:
            with context.db.read() as session:
                staff = month_sheet(session, hall.id, year, month, unit_id, now=now)
                units = unit_month(session, hall.id, year, month, now=now)
            if unit_id is not None:
                units = [unit for unit in units if unit.unit_id == unit_id]
            return MonthLoad(year, month, staff, units)

        run_job(
            self.context,
            load,
            lambda result: self._on_month_loaded(generation, result),
            self._on_failed,
            owner=self,
        )

    def _on_month_loaded(self, generation: int, result: MonthLoad) -> None:
        if not shiboken6.isValid(self) or generation != self._generation["month"]:
            return
        self.staff_month_model.set_rows(result.staff)
        self.unit_month_model.set_rows(result.units)
        self.staff_month_table.resizeColumnsToContents()
        self.unit_month_table.resizeColumnsToContents()
        self.message.hide()

    def refresh_lists(self) -> None:
        """Reload the units (for the filter) and the staff (for the dialogs)."""
        hall = self.context.hall
        generation = self._next("lists")
        if hall is None:
            self._on_lists_loaded(generation, Lists([], []))
            return
        context = self.context

        def load() -> Lists:
            with context.db.read() as session:
                units = [(u.id, u.name) for u in list_units(session, hall.id)]
                staff = [
                    StaffChoice(p.id, p.staff_no, p.name, p.unit_name)
                    for p in list_staff(session, hall.id)
                    if p.active
                ]
            return Lists(units, staff)

        run_job(
            self.context,
            load,
            lambda result: self._on_lists_loaded(generation, result),
            self._on_failed,
            owner=self,
        )

    def _on_lists_loaded(self, generation: int, result: Lists) -> None:
        if not shiboken6.isValid(self) or generation != self._generation["lists"]:
            return
        self._lists = result
        if self.unit.set_units(result.units):
            self.refresh()  # the unit shown is gone

    def _on_failed(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self.message.setText(self.tr("Could not compute the sheet: %1").replace("%1", message))
        self.message.show()

    def _on_data_changed(self, tables: Any) -> None:
        changed = set(tables)
        if changed & {"staff", "units"}:
            self.refresh_lists()
        if changed & WATCHED_TABLES:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = {"day": True, "month": True}

    def _on_hall_changed(self, _hall: object) -> None:
        self.go_today()
        self.refresh_lists()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_if_stale()

    def _on_search(self, text: str) -> None:
        for proxy in (self.day_proxy, self.staff_month_proxy, self.unit_month_proxy):
            proxy.setFilterFixedString(text.strip())

    def _update_summary(self) -> None:
        rows = self.day_model.rows
        if not rows:
            self.day_summary.setText("")
            return

        def count(flag: DayFlag) -> int:
            return sum(1 for row in rows if flag in row.flags)

        if all(DayFlag.NOT_SCHEDULED in row.flags for row in rows):
            self.day_summary.setText(self.tr("Not a working day."))
            return
        absent = sum(1 for row in rows if row.absent_half_days)
        text = (
            self.tr(
                "%1 staff · late %2 · left early %3 · absent %4 · missing punches %5 · "
                "off post %6 · on leave %7"
            )
            .replace("%1", str(len(rows)))
            .replace("%2", str(count(DayFlag.LATE)))
            .replace("%3", str(count(DayFlag.EARLY_LEAVE)))
            .replace("%4", str(absent))
            .replace("%5", str(count(DayFlag.MISSING_PUNCH)))
            .replace("%6", str(count(DayFlag.OFF_POST)))
            .replace("%7", str(count(DayFlag.ON_LEAVE)))
        )
        if not all(row.complete for row in rows):
            text += self.tr(" (so far today)")
        self.day_summary.setText(text)

    # --- dialogs ----------------------------------------------------------------------------

    def _show_dialog(self, dialog: RecordDialog) -> RecordDialog:
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
        return dialog

    def _slot_time(self, row: StaffDay) -> datetime | None:
        """Return when the first missing punch of a row was due, in the hall's zone."""
        schedule = self._schedule
        if schedule is None or not row.missing or row.day != self.current_day():
            return None
        clocks = dict(
            zip(
                SLOTS,
                (schedule.am_start, schedule.am_end, schedule.pm_start, schedule.pm_end),
                strict=True,
            )
        )
        clock: time = clocks[row.missing[0]]
        return datetime.combine(row.day, clock, tzinfo=zone_of(self.context))

    def open_leave_dialog(self) -> LeaveDialog:
        """Open the leave dialog for the selected person (or to pick one)."""
        row = self.selected_day_row()
        starts_at = ends_at = None
        schedule = self._schedule
        if row is not None and schedule is not None and row.day != hall_today(self.context):
            # For a day in the past or ahead, offer that whole working day.
            zone = zone_of(self.context)
            starts_at = datetime.combine(row.day, schedule.am_start, tzinfo=zone)
            ends_at = datetime.combine(row.day, schedule.pm_end, tzinfo=zone)
        dialog = LeaveDialog(
            self.context,
            self.staff_choices(),
            self,
            staff_id=row.staff_id if row else None,
            starts_at=starts_at,
            ends_at=ends_at,
        )
        self._show_dialog(dialog)
        return dialog

    def open_correction_dialog(self) -> CorrectionDialog:
        """Open the 补签 dialog, set to the selected person's first missing punch."""
        row = self.selected_day_row()
        dialog = CorrectionDialog(
            self.context,
            self.staff_choices(),
            self,
            staff_id=row.staff_id if row else None,
            at=self._slot_time(row) if row else None,
        )
        self._show_dialog(dialog)
        return dialog
