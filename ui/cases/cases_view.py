"""办件: every case and ticket of the hall, filtered, sorted, one case's timeline beside.

A filter change counts the result and reads its first page in the read pool; the
table asks for further pages as they scroll into view (CaseTableModel). Answers to
an older filter are dropped. Export writes the whole current result to Excel.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QItemSelection, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.enums import CaseStatus, Light
from hallwatch.domain.errors import CancelledError, HallWatchError
from hallwatch.services.cases.view import (
    CaseDetail,
    CaseFilter,
    CaseRow,
    CaseSort,
    FilterChoices,
    TimelineEntry,
    ViewContext,
    case_detail,
    case_page,
    count_cases,
    export_cases,
    filter_choices,
    view_context,
)
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.cases.case_table_model import COLUMNS, PAGE_SIZE, CaseTableModel
from ui.progress import STEPS, open_work_progress
from ui.settings.error_text import ErrorText
from ui.widgets.hall_time import hall_today, zone_of
from ui.widgets.id_combo import IdCombo
from ui.widgets.shortcuts import screen_action
from ui.widgets.style import ERROR_STYLE, error_label
from ui.words import case_status_word, light_word, rating_word
from ui.workers import Failure, guarded

# Table columns that sort (clicking the header); the others keep the current order.
SORTABLE = {
    "ticket_no": CaseSort.TICKET_NO,
    "case_no": CaseSort.CASE_NO,
    "taken_at": CaseSort.TAKEN,
    "promised_due": CaseSort.PROMISED_DUE,
    "rating": CaseSort.RATING,
}
WATCHED_TABLES = frozenset({"cases", "holidays", "settings", "service_items", "units", "staff"})


@dataclass(frozen=True, slots=True)
class _Loaded:
    view: ViewContext
    count: int
    first: list[CaseRow]
    # A refresh that keeps the selection also reads the pages on screen and around it.
    pages: dict[int, list[CaseRow]] = field(default_factory=dict)
    keep: bool = False


class ExportProgressRelay(QObject):
    """Carries the export's progress callback from the worker thread to the GUI thread."""

    progressed = Signal(float)

    def report(self, fraction: float, _text: str) -> None:
        # Called on the worker thread; the connection queues it to the view's thread.
        self.progressed.emit(fraction)


class CasesView(Retranslated, QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._generation = 0
        self._detail_generation = 0
        self._view: ViewContext | None = None
        self._filter = CaseFilter()
        # The filter whose rows the model holds (a keeping refresh needs the same one).
        self._shown: CaseFilter | None = None
        self.loading = False
        self.exporting = False
        self.export_progress: QProgressDialog | None = None
        self._export_cancel = threading.Event()
        self.export_relay = ExportProgressRelay(self)
        self.export_relay.progressed.connect(self._on_export_progressed)

        # --- filters ------------------------------------------------------------------------
        self.unit = IdCombo(self)
        self.unit.setObjectName("unit")
        self.window_filter = IdCombo(self)
        self.window_filter.setObjectName("window")
        self.staff = IdCombo(self)
        self.staff.setObjectName("staff")
        self.item = IdCombo(self)
        self.item.setObjectName("item")
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        self.status.addItem("", "")
        for status in CaseStatus:
            self.status.addItem(case_status_word(status), status.value)
        self.light = QComboBox(self)
        self.light.setObjectName("light")
        self.light.addItem("", "")
        for light in (Light.GREEN, Light.YELLOW, Light.RED, Light.SEVERE):
            self.light.addItem(light_word(light), light.value)
        self.by_date = QCheckBox(self)
        self.by_date.setObjectName("by_date")
        today = hall_today(context)
        self.start = QDateEdit(QDate(today.year, today.month, 1), self)
        self.start.setObjectName("start")
        self.end = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.end.setObjectName("end")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("export")
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new_case")
        self.correct_button = QPushButton(self)
        self.correct_button.setObjectName("correct_case")
        self.correct_button.setEnabled(False)
        self.dialog: QDialog | None = None
        self._choices = FilterChoices([], [], [], [])
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        self.message = error_label(self)
        self.error_text = ErrorText(self)

        self.labels: dict[str, QLabel] = {}
        filters = QHBoxLayout()
        for name, widget in (
            ("unit", self.unit),
            ("window", self.window_filter),
            ("staff", self.staff),
            ("item", self.item),
            ("status", self.status),
            ("light", self.light),
        ):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[name] = label
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.by_date)
        second.addWidget(self.start)
        second.addWidget(QLabel("—", self))
        second.addWidget(self.end)
        second.addSpacing(12)
        search_label = QLabel(self)
        search_label.setBuddy(self.search)
        self.labels["search"] = search_label
        second.addWidget(search_label)
        second.addWidget(self.search, 1)
        second.addWidget(self.count_label)
        second.addWidget(self.new_button)
        second.addWidget(self.correct_button)
        second.addWidget(self.export_button)

        # --- the table and the detail ----------------------------------------------------
        self.model = CaseTableModel(self)
        self.model.zone = zone_of(context)
        self.model.page_requested.connect(self._load_page)
        self.table = QTableView(self)
        self.table.setObjectName("cases_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COLUMNS.index("taken_at"), Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort)
        for column, width in enumerate((56, 124, 150, 110, 46, 64, 70, 118, 92, 70, 56, 76)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("detail")
        self.detail.setMinimumWidth(260)
        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(second)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.setFocusProxy(self.table)

        self.find_action = screen_action(self, QKeySequence.StandardKey.Find, self.search.setFocus)
        self.refresh_action = screen_action(self, "F5", lambda: self.refresh(keep=True))

        for combo in (
            self.unit,
            self.window_filter,
            self.staff,
            self.item,
            self.status,
            self.light,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.by_date.toggled.connect(self._on_by_date)
        self.start.dateChanged.connect(
            lambda _d: self.refresh() if self.by_date.isChecked() else None
        )
        self.end.dateChanged.connect(
            lambda _d: self.refresh() if self.by_date.isChecked() else None
        )
        self.search.returnPressed.connect(self.refresh)
        self.search.textChanged.connect(lambda text: self.refresh() if not text else None)
        self.export_button.clicked.connect(lambda _checked=False: self.ask_export())
        self.new_button.clicked.connect(lambda _checked=False: self.open_case_dialog())
        self.correct_button.clicked.connect(lambda _checked=False: self.open_correction())
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(lambda _checked=False: self.open_case_dialog())
        self.addAction(self.new_action)
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(lambda _hall: self._on_hall_changed())
        self.retranslate_ui()
        self.refresh_choices()
        self.refresh()

    # --- texts ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        for name, text in (
            ("unit", self.tr("&Unit:")),
            ("window", self.tr("&Window:")),
            ("staff", self.tr("&Person:")),
            ("item", self.tr("Ser&vice:")),
            ("status", self.tr("&Status:")),
            ("light", self.tr("&Light:")),
            ("search", self.tr("Ticket or case &no.:")),
        ):
            self.labels[name].setText(text)
        for combo in (
            self.unit,
            self.window_filter,
            self.staff,
            self.item,
            self.status,
            self.light,
        ):
            combo.setItemText(0, self.tr("All"))
        for index in range(1, self.status.count()):
            self.status.setItemText(index, case_status_word(self.status.itemData(index)))
        for index in range(1, self.light.count()):
            self.light.setItemText(index, light_word(self.light.itemData(index)))
        self.by_date.setText(self.tr("Ticket &date"))
        self.search.setPlaceholderText(self.tr("Enter to search"))
        self.export_button.setText(self.tr("&Export to Excel…"))
        self.new_button.setText(self.tr("&New case…"))
        self.new_button.setToolTip(self.tr("Enter a case by hand (Ctrl+N)"))
        self.correct_button.setText(self.tr("&Correct…"))
        self.correct_button.setToolTip(self.tr("Correct the chosen case, with a reason"))
        self.new_action.setText(self.tr("New case"))
        self.find_action.setText(self.tr("Find a case"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.model.retranslate()
        self._show_count()
        if not self.table.selectionModel().hasSelection():
            self.detail.setHtml(self._hint())

    def _hint(self) -> str:
        return (
            f"<p style='color:#757575'>{escape(self.tr('Choose a case to see its timeline.'))}</p>"
        )

    def _show_count(self) -> None:
        if self.loading:
            self.count_label.setText(self.tr("Searching…"))
        else:
            self.count_label.setText(self.tr("%1 cases").replace("%1", f"{self.model.count:,}"))

    # --- the filter -----------------------------------------------------------------------

    def current_filter(self) -> CaseFilter:
        status = self.status.currentData()
        light = self.light.currentData()
        start = end = None
        if self.by_date.isChecked():
            start = _day(self.start.date())
            end = _day(self.end.date())
        column = COLUMNS[self.table.horizontalHeader().sortIndicatorSection()]
        return CaseFilter(
            unit_id=self.unit.chosen(),
            window_id=self.window_filter.chosen(),
            staff_id=self.staff.chosen(),
            item_id=self.item.chosen(),
            statuses=frozenset({CaseStatus(status)}) if status else frozenset(),
            light=Light(light) if light else None,
            start=start,
            end=end,
            text=self.search.text().strip(),
            sort=SORTABLE.get(column, CaseSort.TAKEN),
            descending=self.table.horizontalHeader().sortIndicatorOrder()
            == Qt.SortOrder.DescendingOrder,
        )

    def _on_by_date(self, checked: bool) -> None:
        self.start.setEnabled(checked)
        self.end.setEnabled(checked)
        self.refresh()

    def _on_sort(self, section: int, _order: Qt.SortOrder) -> None:
        if COLUMNS[section] not in SORTABLE:
            # Not a sortable column: keep showing (and using) the current order.
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            current = self._filter
            column = next(c for c, s in SORTABLE.items() if s is current.sort)
            order = (
                Qt.SortOrder.DescendingOrder if current.descending else Qt.SortOrder.AscendingOrder
            )
            header.setSortIndicator(COLUMNS.index(column), order)
            header.blockSignals(False)
            return
        self.refresh()

    # --- loading --------------------------------------------------------------------------

    def refresh(self, keep: bool = False) -> None:
        """Count and read the first page for the current filter (older answers dropped).

        keep: the data changed but not the filter; the selection, the scroll position
        and the open timeline stay (the pages on screen are read again in place).
        """
        hall = self.context.hall
        self._generation += 1
        generation = self._generation
        if hall is None:
            self._shown = None
            self.model.reset(generation, 0, [])
            return
        try:
            wanted = self.current_filter().check()
        except HallWatchError as error:  # the period is upside down
            self.loading = False
            self._show_count()
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(self.error_text.describe(error))
            self.message.show()
            return
        self._filter = wanted
        keep = keep and wanted == self._shown and self.model.count > 0
        pages = self._pages_in_sight() if keep else set()
        self.loading = True
        self._show_count()
        context, at = self.context, self.context.now()

        def load() -> _Loaded:
            with context.direct() as conn:
                view = view_context(conn, hall.id, at)
                count = count_cases(conn, view, wanted)
                first = case_page(conn, view, wanted, 0, PAGE_SIZE)
                read = {
                    page: case_page(conn, view, wanted, page * PAGE_SIZE, PAGE_SIZE)
                    for page in sorted(pages)
                    if 0 < page * PAGE_SIZE < count
                }
                return _Loaded(view, count, first, read, keep)

        self.context.run(
            load,
            lambda loaded: self._on_loaded(generation, loaded),
            lambda message: self._on_failed(generation, message),
            owner=self,
        )

    def _pages_in_sight(self) -> set[int]:
        """Pages of the rows on screen and of the selected row (and the next of each)."""
        table = self.table
        top = max(table.rowAt(0), 0)
        bottom = table.rowAt(table.viewport().height() - 1)
        bottom = self.model.count - 1 if bottom < 0 else bottom
        rows = [top, bottom, *(index.row() for index in table.selectionModel().selectedRows())]
        return {page for row in rows for page in (row // PAGE_SIZE, row // PAGE_SIZE + 1)}

    def _on_loaded(self, generation: int, loaded: _Loaded) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._view = loaded.view
        self._shown = self._filter
        self.message.hide()
        if loaded.keep:
            self.model.refresh_in_place(generation, loaded.count, {0: loaded.first, **loaded.pages})
            self._show_count()
            # The timeline stays open; it is read again, as the case itself may have changed.
            self._on_selection(QItemSelection(), QItemSelection())
            return
        self.model.reset(generation, loaded.count, loaded.first)
        self._show_count()
        self.detail.setHtml(self._hint())

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._show_count()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.tr("Could not read the cases: %1").replace("%1", message))
        self.message.show()

    def _load_page(self, generation: int, page: int) -> None:
        view, wanted, context = self._view, self._filter, self.context
        if view is None or generation != self._generation:
            return

        def load() -> list[CaseRow]:
            with context.direct() as conn:
                return case_page(conn, view, wanted, page * PAGE_SIZE, PAGE_SIZE)

        self.context.run(
            load,
            lambda rows: self.model.set_page(generation, page, rows),
            lambda _message: self.model.page_failed(generation, page),
            owner=self,
        )

    def refresh_choices(self) -> None:
        hall = self.context.hall
        if hall is None:
            return
        context = self.context

        def load() -> FilterChoices:
            with context.direct() as conn:
                return filter_choices(conn, hall.id)

        self.context.run(load, self._on_choices, lambda _m: None, owner=self)

    def _on_choices(self, choices: FilterChoices) -> None:
        self._choices = choices
        self.unit.set_choices(choices.units)
        self.window_filter.set_choices(choices.windows)
        self.staff.set_choices(choices.staff)
        self.item.set_choices(choices.items)

    def _on_data_changed(self, tables: Any) -> None:
        changed = set(tables)
        if changed & {"units", "windows", "staff", "service_items"}:
            self.refresh_choices()
        if changed & WATCHED_TABLES:
            self.refresh(keep=True)

    def _on_hall_changed(self) -> None:
        self.model.zone = zone_of(self.context)
        self.refresh_choices()
        self.refresh()

    # --- one case ---------------------------------------------------------------------------

    def selected_row(self) -> CaseRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row, view, context = self.selected_row(), self._view, self.context
        self.correct_button.setEnabled(row is not None)
        self._detail_generation += 1
        generation = self._detail_generation
        if row is None or view is None:
            self.detail.setHtml(self._hint())
            return
        case_id = row.case_id

        def load() -> CaseDetail:
            with context.direct() as conn:
                return case_detail(conn, view, case_id)

        self.context.run(
            guarded(load),
            lambda found: self._show_detail(generation, found),
            lambda message: self._show_detail_error(generation, message),
            owner=self,
        )

    def _show_detail(self, generation: int, found: CaseDetail | Failure) -> None:
        if generation != self._detail_generation or not shiboken6.isValid(self):
            return
        if isinstance(found, Failure):  # the case went meanwhile (removed on another device)
            self.detail.setPlainText(self.error_text.describe(found.error))
            return
        self.detail.setHtml(self.detail_html(found))

    def _show_detail_error(self, generation: int, message: str) -> None:
        if generation == self._detail_generation:
            self.detail.setPlainText(message)

    def detail_html(self, found: CaseDetail) -> str:
        row, zone = found.row, self.model.zone
        title = escape(row.case_no or row.ticket_no)
        facts = [
            (self.tr("Service item"), row.item_name),
            (self.tr("Unit"), row.unit_name),
            (self.tr("Window"), row.window_number),
            (self.tr("Handled by"), row.staff_name),
            (self.tr("Status"), case_status_word(row.status)),
            (self.tr("Light"), light_word(row.light)),
        ]
        if found.hold_minutes:
            facts.append(
                (self.tr("On hold"), self.tr("%1 min").replace("%1", str(found.hold_minutes)))
            )
        if row.provisional:
            facts.append(
                (self.tr("Due dates"), self.tr("provisional: no holiday data for the year"))
            )
        lines = "".join(
            f"<tr><td style='color:#616161;padding-right:8px'>{escape(k)}</td>"
            f"<td>{escape(v)}</td></tr>"
            for k, v in facts
            if v
        )
        steps = "".join(
            f"<tr><td style='color:#616161;padding-right:8px;white-space:nowrap'>"
            f"{escape(_when(step.at, zone))}</td><td>{escape(self.step_text(step))}</td></tr>"
            for step in found.timeline
        )
        return (
            f"<h3>{title}</h3><table>{lines}</table>"
            f"<h4>{escape(self.tr('Timeline'))}</h4><table>{steps}</table>"
        )

    def step_text(self, step: TimelineEntry) -> str:
        """Say one step of a case's timeline in the UI's language (the core's words else)."""
        params = step.params
        fill = {
            "taken": lambda: self.tr("Ticket %1 taken"),
            "called": lambda: self.tr("Called (window %1)"),
            "accepted": lambda: self.tr("Accepted %1"),
            "paused": lambda: self.tr("Clock stopped %1 working days (correction / on hold)"),
            "extended": lambda: self.tr("Extended by %1 working days"),
            "promised_due": lambda: self.tr("Promised deadline"),
            "legal_due": lambda: self.tr("Legal deadline"),
            "abandoned": lambda: case_status_word(CaseStatus.ABANDONED),
            "service_finished": lambda: self.tr("Service at the window ended"),
            "finished": lambda: self.tr("Finished"),
        }
        if step.step in fill:
            text = fill[step.step]()
            # A step without its number (a ticket with no case number) reads as the core's.
            return text.replace("%1", params[0]).strip() if params else text
        if step.step == "rated" and len(params) == 2:
            word = rating_word(int(params[0])) if params[0].isdigit() else params[0]
            return self.tr("Rated: %1 (raw %2)").replace("%2", params[1]).replace("%1", word)
        if step.step == "due_changed" and len(params) == 5:
            why = (
                self.tr("holiday table changed")
                if params[0] == "holidays"
                else self.tr("recomputed")
            )
            text = self.tr("Deadlines changed (%1): promised %2 → %3, legal %4 → %5")
            for index in range(5, 1, -1):
                text = text.replace(f"%{index}", params[index - 1])
            return text.replace("%1", why)
        if step.step == "corrected" and params:
            names = self.tr(", ").join(self.field_word(name) for name in params[1:])
            return self.tr("Corrected (%1): %2").replace("%2", names).replace("%1", params[0])
        return step.what

    def field_word(self, name: str) -> str:
        """Name a corrected field of a case."""
        words = {
            "service_item_id": self.tr("service item"),
            "window_id": self.tr("window"),
            "staff_id": self.tr("handled by"),
            "ticket_no": self.tr("ticket"),
            "case_no": self.tr("case no."),
            "status": self.tr("status"),
            "taken_at": self.tr("ticket time"),
            "called_at": self.tr("call time"),
            "accepted_at": self.tr("acceptance time"),
            "finished_at": self.tr("finish time"),
            "paused_days": self.tr("paused working days"),
            "extended_days": self.tr("extension working days"),
            "hold_minutes": self.tr("minutes on hold"),
            "rating": self.tr("rating"),
        }
        return words.get(name, name)

    # --- entry and correction ----------------------------------------------------------

    def open_case_dialog(self) -> QDialog | None:
        """Enter a case by hand (the dialog saves it through the core)."""
        from ui.cases.case_dialog import CaseDialog

        if self.context.hall is None:
            return None
        dialog = CaseDialog(self.context, self._choices, parent=self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_correction(self) -> None:
        """Correct the chosen case: its current values fill the dialog."""
        from hallwatch.services.cases.entry import case_draft
        from ui.cases.case_dialog import CaseDialog

        row, hall, context = self.selected_row(), self.context.hall, self.context
        if row is None or hall is None:
            return
        case_id = row.case_id

        def load() -> object:
            with context.db.read() as session:
                return case_draft(session, hall.id, case_id)

        def show(draft: object) -> None:
            dialog = CaseDialog(self.context, self._choices, draft, case_id, parent=self)  # type: ignore[arg-type]
            self.dialog = dialog
            dialog.open()

        self.context.run(
            load, show, lambda message: self._on_failed(self._generation, message), owner=self
        )

    # --- export -----------------------------------------------------------------------------

    def ask_export(self) -> None:
        default = str(Path.home() / f"办件-{hall_today(self.context).isoformat()}.xlsx")
        path, _chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export cases"), default, self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write every case of the current result to an Excel file, off the GUI thread.

        A progress dialog shows how far it got and can cancel it; a cancelled export
        leaves no file (the core writes a .partial file and renames it at the end).
        """
        view, wanted, context = self._view, self._filter, self.context
        if view is None or self.exporting:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.exporting = True
        self.export_button.setEnabled(False)
        self.count_label.setText(self.tr("Exporting…"))
        cancel = self._export_cancel = threading.Event()
        relay = self.export_relay
        self._open_export_progress()

        def work() -> int:
            with context.direct() as conn:
                return export_cases(
                    conn, view, wanted, path, progress=relay.report, cancelled=cancel.is_set
                )

        self.context.run(
            guarded(work),
            lambda result: self._on_exported(path, result),
            self._on_export_failed,
            owner=self,
        )

    def _open_export_progress(self) -> None:
        self.export_progress = open_work_progress(
            self,
            name="export_progress",
            title=self.tr("Export cases"),
            label=self.tr("Writing the cases to Excel…"),
            cancel=self.tr("Cancel"),
            on_cancel=self.cancel_export,
        )

    def cancel_export(self) -> None:
        """Ask the running export to stop; it removes what it wrote."""
        if self.exporting:
            self._export_cancel.set()
            if self.export_progress is not None:
                self.export_progress.setLabelText(self.tr("Cancelling…"))

    def _on_export_progressed(self, fraction: float) -> None:
        progress = self.export_progress
        if progress is not None and self.exporting and not self._export_cancel.is_set():
            progress.setValue(int(fraction * STEPS))

    def _close_export_progress(self) -> None:
        self.exporting = False
        self.export_button.setEnabled(True)
        self._show_count()
        if self.export_progress is not None:
            self.export_progress.canceled.disconnect(self.cancel_export)
            self.export_progress.close()
            self.export_progress.deleteLater()
            self.export_progress = None

    def _on_exported(self, path: str, result: Any) -> None:
        self._close_export_progress()
        if isinstance(result, Failure):
            if isinstance(result.error, CancelledError):
                # The person asked for it: said plainly, not as an error.
                self.message.setStyleSheet("")
                self.message.setText(self.tr("Export cancelled; no file was written."))
                self.message.show()
                return
            self._on_export_failed(self.error_text.describe(result.error))
            return
        self.message.setStyleSheet("color: #2e7d32")  # done, not an error
        self.message.setText(
            self.tr("Exported %1 cases to %2").replace("%1", f"{result:,}").replace("%2", path)
        )
        self.message.show()

    def _on_export_failed(self, message: str) -> None:
        self._close_export_progress()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.tr("Could not export: %1").replace("%1", message))
        self.message.show()


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _when(at: Any, zone: Any) -> str:
    if hasattr(at, "astimezone") and hasattr(at, "hour"):
        return str(at.astimezone(zone).strftime("%Y-%m-%d %H:%M"))
    return str(at.isoformat())


__all__ = ["CasesView"]
