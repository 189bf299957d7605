"""差评整改: the follow-up task of each bad rating, its call, closing and appeal.

The list shows the tasks of one state (open, overdue, closed, all); the panel beside
it records the follow-up call of the chosen task, closes it, files an appeal against
its rating and lets another person approve or reject that appeal. Every action is a
core call in the write pool; a refusal comes back as the core's typed error and is
shown translated, next to the field it is about.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.errors import FieldError, HallWatchError, NotFoundError
from hallwatch.services.accountability.followups import (
    AppealStatus,
    FollowUpRefused,
    FollowUpRow,
    FollowUpStatus,
    close_followup,
    file_appeal,
    list_followups,
    open_followups,
    record_call,
    review_appeal,
)
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.ratings.followup_table_model import FollowUpTableModel
from ui.settings.error_text import ErrorText
from ui.widgets.hall_time import from_wall, hall_now, to_wall, wall_clock_edit, zone_of
from ui.widgets.style import error_label

WATCHED_TABLES = frozenset({"rating_followups", "cases", "settings", "holidays"})
# The filter's choices: (status, open past due only).
FILTERS: dict[str, tuple[FollowUpStatus | None, bool]] = {
    "open": (FollowUpStatus.OPEN, False),
    "overdue": (None, True),
    "closed": (FollowUpStatus.CLOSED, False),
    "all": (None, False),
}


class FollowUpView(Retranslated, QWidget):
    """The bad-rating follow-up list with its call, close and appeal actions."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._generation = 0
        self._selected_id: uuid.UUID | None = None
        # The task the panel shows, as it was read: edits to it survive a refresh.
        self._shown: FollowUpRow | None = None

        # --- top row ------------------------------------------------------------------------
        self.filter_label = QLabel(self)
        self.filter = QComboBox(self)
        self.filter.setObjectName("filter")
        for key in FILTERS:
            self.filter.addItem("", key)
        self.filter_label.setBuddy(self.filter)
        self.generate_button = QPushButton(self)
        self.generate_button.setObjectName("generate")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        self.info = QLabel(self)
        self.info.setObjectName("info")

        # --- the list -----------------------------------------------------------------------
        self.model = FollowUpTableModel(self)
        self.model.zone = zone_of(context)
        self.table = QTableView(self)
        self.table.setObjectName("followups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((120, 92, 124, 56, 150, 110, 50, 64, 80, 118, 150)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())

        # --- the panel ----------------------------------------------------------------------
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.call_box = QGroupBox(self)
        self.call_at = wall_clock_edit(QDateTimeEdit(self))
        self.call_at.setObjectName("call_at")
        self.call_by = QLineEdit(self)
        self.call_by.setObjectName("call_by")
        self.call_by.setMaxLength(60)
        self.call_content = QPlainTextEdit(self)
        self.call_content.setObjectName("call_content")
        self.call_content.setTabChangesFocus(True)
        self.record_button = QPushButton(self)
        self.record_button.setObjectName("record_call")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_task")
        self.call_labels = [QLabel(self) for _ in range(3)]
        call_form = QFormLayout()
        for label, field in zip(
            self.call_labels, (self.call_at, self.call_by, self.call_content), strict=True
        ):
            label.setBuddy(field)
            call_form.addRow(label, field)
        call_buttons = QHBoxLayout()
        call_buttons.addWidget(self.record_button)
        call_buttons.addWidget(self.close_button)
        call_buttons.addStretch(1)
        call_layout = QVBoxLayout(self.call_box)
        call_layout.addLayout(call_form)
        call_layout.addLayout(call_buttons)

        self.appeal_box = QGroupBox(self)
        self.appeal_state = QLabel(self)
        self.appeal_state.setObjectName("appeal_state")
        self.appeal_state.setWordWrap(True)
        self.appeal_reason = QPlainTextEdit(self)
        self.appeal_reason.setObjectName("appeal_reason")
        self.appeal_reason.setTabChangesFocus(True)
        self.appeal_button = QPushButton(self)
        self.appeal_button.setObjectName("file_appeal")
        self.review_note = QLineEdit(self)
        self.review_note.setObjectName("review_note")
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approve_appeal")
        self.reject_button = QPushButton(self)
        self.reject_button.setObjectName("reject_appeal")
        self.appeal_labels = [QLabel(self) for _ in range(2)]
        appeal_form = QFormLayout()
        for label, field in zip(
            self.appeal_labels, (self.appeal_reason, self.review_note), strict=True
        ):
            label.setBuddy(field)
            appeal_form.addRow(label, field)
        appeal_buttons = QHBoxLayout()
        appeal_buttons.addWidget(self.appeal_button)
        appeal_buttons.addStretch(1)
        appeal_buttons.addWidget(self.approve_button)
        appeal_buttons.addWidget(self.reject_button)
        appeal_layout = QVBoxLayout(self.appeal_box)
        appeal_layout.addWidget(self.appeal_state)
        appeal_layout.addLayout(appeal_form)
        appeal_layout.addLayout(appeal_buttons)

        self.message = error_label(self)
        panel = QWidget(self)
        panel.setMinimumWidth(300)
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addWidget(self.summary)
        panel_layout.addWidget(self.call_box)
        panel_layout.addWidget(self.appeal_box)
        panel_layout.addWidget(self.message)
        panel_layout.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        top.addWidget(self.generate_button)
        top.addWidget(self.info, 1)
        top.addWidget(self.count_label)
        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.table)

        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.generate_button.clicked.connect(lambda _checked=False: self.generate())
        self.record_button.clicked.connect(lambda _checked=False: self.record_call())
        self.close_button.clicked.connect(lambda _checked=False: self.close_task())
        self.appeal_button.clicked.connect(lambda _checked=False: self.file_appeal())
        self.approve_button.clicked.connect(lambda _checked=False: self.review(True))
        self.reject_button.clicked.connect(lambda _checked=False: self.review(False))
        context.data_changed.connect(self._on_data_changed)
        context.hall_changed.connect(lambda _hall: self._on_hall_changed())
        self.retranslate_ui()
        self._show_row(None)
        self.refresh()

    # --- texts ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.filter_label.setText(self.tr("&Show:"))
        for index, text in enumerate(
            (self.tr("Open"), self.tr("Overdue"), self.tr("Closed"), self.tr("All"))
        ):
            self.filter.setItemText(index, text)
        self.generate_button.setText(self.tr("Generate follow-up tasks"))
        self.generate_button.setToolTip(
            self.tr("Open a follow-up task for every bad rating that has none yet")
        )
        self.call_box.setTitle(self.tr("Follow-up call"))
        for label, text in zip(
            self.call_labels,
            (self.tr("Call &time:"), self.tr("Called &by:"), self.tr("&What was said:")),
            strict=True,
        ):
            label.setText(text)
        self.record_button.setText(self.tr("&Record call"))
        self.close_button.setText(self.tr("C&lose task"))
        self.close_button.setToolTip(self.tr("A task closes once its follow-up call is recorded"))
        self.appeal_box.setTitle(self.tr("Appeal"))
        for label, text in zip(
            self.appeal_labels, (self.tr("Reas&on:"), self.tr("Review &note:")), strict=True
        ):
            label.setText(text)
        self.appeal_button.setText(self.tr("&File appeal"))
        self.approve_button.setText(self.tr("&Approve"))
        self.approve_button.setToolTip(
            self.tr("The rating is mistaken: it stays recorded but leaves the bad-rating rate")
        )
        self.reject_button.setText(self.tr("Re&ject"))
        self.review_note.setPlaceholderText(self.tr("Why the appeal is approved or rejected"))
        self.model.retranslate()
        self._show_count()
        self._show_row(self.selected())

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%1 tasks").replace("%1", str(self.model.rowCount())))

    # --- the list -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the tasks of the chosen filter again (in the read pool)."""
        self._generation += 1
        generation = self._generation
        hall = self.context.hall
        if hall is None:
            self._on_loaded(generation, [])
            return
        status, overdue_only = FILTERS[str(self.filter.currentData())]
        context = self.context
        now = context.now()

        def load() -> list[FollowUpRow]:
            with context.db.read() as session:
                return list_followups(session, hall.id, status, overdue_only=overdue_only, now=now)

        self.context.run(
            load,
            lambda rows: self._on_loaded(generation, rows),
            self._show_error,
            owner=self,
        )

    def _on_loaded(self, generation: int, rows: list[FollowUpRow]) -> None:
        if generation != self._generation:
            return  # an answer to an older filter
        keep = self._selected_id
        self.model.set_rows(rows)
        self._show_count()
        number = self.model.row_of(keep)
        if number >= 0:
            self.table.selectRow(number)
        else:
            self._show_row(None)

    def _on_data_changed(self, tables: Any) -> None:
        if WATCHED_TABLES & set(tables):
            self.refresh()

    def _on_hall_changed(self) -> None:
        self.model.zone = zone_of(self.context)
        self._selected_id = None
        self.refresh()

    def selected(self) -> FollowUpRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_task(self, followup_id: uuid.UUID) -> bool:
        """Select a listed task; return False when the current filter hides it."""
        number = self.model.row_of(followup_id)
        if number >= 0:
            self.table.selectRow(number)
        return number >= 0

    def _on_selection(self) -> None:
        row = self.selected()
        if row is None or row.id != self._selected_id:
            self.message.hide()
        self._selected_id = row.id if row is not None else None
        self._show_row(row)

    # --- the panel ------------------------------------------------------------------------

    def _show_row(self, row: FollowUpRow | None) -> None:
        hall = self.context.hall
        if row is None:
            self.summary.setText(
                "<p style='color:#757575'>"
                + escape(self.tr("Choose a task to record its call or its appeal."))
                + "</p>"
            )
            self.call_at.setDateTime(to_wall(hall_now(self.context), zone_of(self.context)))
            for edit in (self.call_by, self.review_note):
                edit.clear()
            for text in (self.call_content, self.appeal_reason):
                text.clear()
            self.appeal_state.clear()
        else:
            self.summary.setText(self._summary(row))
            self.appeal_state.setText(self._appeal_summary(row))
            shown = self._shown if self._shown is not None and self._shown.id == row.id else None

            def changed(field: str) -> bool:
                # A refresh of the same task keeps what is being typed, unless the
                # stored value itself changed (saved here or on another device).
                return shown is None or getattr(shown, field) != getattr(row, field)

            if changed("call_at"):
                zone = zone_of(self.context)
                self.call_at.setDateTime(to_wall(row.call_at or hall_now(self.context), zone))
            if changed("call_by"):
                self.call_by.setText(row.call_by or self.context.user)
            if changed("call_content"):
                self.call_content.setPlainText(row.call_content)
            if changed("appeal_reason"):
                self.appeal_reason.setPlainText(row.appeal_reason)
            if changed("review_note"):
                self.review_note.setText(row.review_note)
        self._shown = row
        is_open = row is not None and row.status == FollowUpStatus.OPEN
        for widget in (self.call_at, self.call_by, self.record_button, self.close_button):
            widget.setEnabled(is_open)
        self.call_content.setReadOnly(not is_open)
        can_file = row is not None and row.appeal_status == AppealStatus.NONE
        self.appeal_reason.setReadOnly(not can_file)
        self.appeal_button.setEnabled(can_file)
        pending = row is not None and row.appeal_status == AppealStatus.PENDING
        for widget in (self.review_note, self.approve_button, self.reject_button):
            widget.setEnabled(pending)
        self.generate_button.setEnabled(hall is not None)

    def _summary(self, row: FollowUpRow) -> str:
        model = self.model
        lines = [
            (self.tr("Case no."), row.case_no),
            (self.tr("Ticket"), row.ticket_no),
            (self.tr("Service"), row.item_name),
            (
                self.tr("Window"),
                " · ".join(p for p in (row.unit_name, row.window_number, row.staff_name) if p),
            ),
            (
                self.tr("Rating"),
                f"{model.rating_word(row.rating)}（{row.rating_raw}）"
                if row.rating_raw
                else model.rating_word(row.rating),
            ),
            (self.tr("Rated at"), model.clock(row.rated_at)),
            (self.tr("Follow up by"), model.due_text(row)),
            (self.tr("State"), model.state_text(row)),
        ]
        if row.status == FollowUpStatus.CLOSED:
            lines.append(
                (self.tr("Closed at"), f"{model.clock(row.closed_at)} {row.closed_by}".strip())
            )
        return (
            "<table>"
            + "".join(
                f"<tr><td style='color:#757575;padding-right:8px'>{escape(label)}</td>"
                f"<td>{escape(value)}</td></tr>"
                for label, value in lines
            )
            + "</table>"
        )

    def _appeal_summary(self, row: FollowUpRow) -> str:
        model = self.model
        if row.appeal_status == AppealStatus.NONE:
            return self.tr("No appeal. Appeal a mistaken or malicious rating with its reason.")
        filed = (
            self.tr("Filed by %1 on %2.")
            .replace("%1", row.appeal_by)
            .replace("%2", model.clock(row.appeal_at))
        )
        if row.appeal_status == AppealStatus.PENDING:
            return filed + " " + self.tr("Waiting for another person to review it.")
        decided = (
            self.tr("Approved by %1 on %2: the rating is mistaken and leaves the bad-rating rate.")
            if row.appeal_status == AppealStatus.APPROVED
            else self.tr("Rejected by %1 on %2: the rating counts.")
        )
        return (
            filed
            + " "
            + decided.replace("%1", row.reviewed_by).replace("%2", model.clock(row.reviewed_at))
        )

    # --- actions --------------------------------------------------------------------------

    def generate(self) -> None:
        """Open a task for every bad rating without one (in the write pool)."""
        hall = self.context.hall
        if hall is None:
            return
        context = self.context
        now = context.now()

        def run() -> int | HallWatchError:
            try:
                with context.db.write("followups.open") as session:
                    return open_followups(session, hall.id, now)
            except HallWatchError as error:
                return error

        self.generate_button.setEnabled(False)
        self.context.run(run, self._on_generated, self._on_generate_failed, write=True, owner=self)

    def _on_generated(self, result: int | HallWatchError) -> None:
        self.generate_button.setEnabled(True)
        if isinstance(result, HallWatchError):
            self._show_error(result)
            return
        self.info.setText(self.tr("New follow-up tasks: %1").replace("%1", str(result)))

    def _on_generate_failed(self, message: str) -> None:
        self.generate_button.setEnabled(True)
        self._show_error(message)

    def record_call(self) -> None:
        """Record the call shown in the panel for the chosen task."""
        row = self.selected()
        if row is None:
            return
        at = from_wall(self.call_at.dateTime(), zone_of(self.context))
        by, content = self.call_by.text(), self.call_content.toPlainText()
        now = self.context.now()
        self._act(
            "followup.call",
            lambda session: record_call(session, row.id, at, by, content, now=now),
            self.tr("Call recorded."),
        )

    def close_task(self) -> None:
        """Close the chosen task (the core refuses while no call is recorded)."""
        row = self.selected()
        if row is None:
            return
        by, now = self.context.user, self.context.now()
        self._act(
            "followup.close",
            lambda session: close_followup(session, row.id, by, now),
            self.tr("Task closed."),
        )

    def file_appeal(self) -> None:
        """File the appeal written in the panel against the chosen task's rating."""
        row = self.selected()
        if row is None:
            return
        reason, by, now = self.appeal_reason.toPlainText(), self.context.user, self.context.now()
        self._act(
            "followup.appeal",
            lambda session: file_appeal(session, row.id, reason, by, now),
            self.tr("Appeal filed: another person reviews it."),
        )

    def review(self, approve: bool) -> None:
        """Approve or reject the chosen task's pending appeal as the current user."""
        row = self.selected()
        if row is None:
            return
        note, reviewer, now = self.review_note.text(), self.context.user, self.context.now()
        self._act(
            "followup.review",
            lambda session: review_appeal(session, row.id, approve, reviewer, note, now),
            self.tr("Appeal approved.") if approve else self.tr("Appeal rejected."),
        )

    def _act(self, action: str, change: Callable[[Any], FollowUpRow], done: str) -> None:
        context = self.context

        def run() -> FollowUpRow | HallWatchError:
            try:
                with context.db.write(action) as session:
                    return change(session)
            except HallWatchError as error:
                return error

        def answered(result: FollowUpRow | HallWatchError) -> None:
            if isinstance(result, HallWatchError):
                self._show_error(result)
                return
            self.message.hide()
            self.info.setText(done)

        self.context.run(run, answered, self._show_error, write=True, owner=self)

    # --- errors ---------------------------------------------------------------------------

    def _show_error(self, error: HallWatchError | str) -> None:
        self.message.setText(self.describe(error))
        self.message.show()
        widget = self._field_widget(error)
        if widget is not None and widget.isEnabled():
            widget.setFocus()

    def _field_widget(self, error: HallWatchError | str) -> QWidget | None:
        if not isinstance(error, FieldError):
            return None
        return {
            "call_at": self.call_at,
            "call_by": self.call_by,
            "call_content": self.call_content,
            "appeal_reason": self.appeal_reason,
            "review_note": self.review_note,
        }.get(error.field)

    def describe(self, error: HallWatchError | str) -> str:
        """Return the translated message for a refusal (or a worker's error text)."""
        if isinstance(error, str):
            return self.tr("Unexpected error: %1").replace("%1", error)
        if isinstance(error, FieldError):
            required = {
                "call_by": self.tr("Name the person who made the call."),
                "call_content": self.tr("Write what was said in the call."),
                "appeal_reason": self.tr("Give the reason of the appeal."),
                "review_note": self.tr("Write a note that says why."),
            }
            if error.code == "required":
                return required.get(error.field, self.tr("This field is required."))
            if error.code == "too_long":
                return self.tr("Too long: at most %1 characters.").replace("%1", error.params[0])
            if error.code == "future":
                return self.tr("The call time is in the future: record a call that has happened.")
            if error.code == "before_rating":
                return self.tr("The call time is before the rating (%1).").replace(
                    "%1", error.params[0]
                )
        if isinstance(error, FollowUpRefused):
            templates = {
                "closed": self.tr("This task was closed by %2; a closed task stays as it is."),
                "call_missing": self.tr(
                    "Record the follow-up call (time, who called, what was said) "
                    "before closing the task."
                ),
                "appeal_filed": self.tr(
                    "This rating was already appealed by %2; a rating is appealed once."
                ),
                "no_appeal": self.tr("There is no appeal to review: file the appeal first."),
                "appeal_reviewed": self.tr(
                    "This appeal was already reviewed by %2; an appeal is reviewed once."
                ),
                "own_appeal": self.tr(
                    "%1 filed this appeal and cannot also review it: another person must."
                ),
            }
            template = templates.get(error.code)
            if template is not None:
                for index in range(len(error.params), 0, -1):
                    template = template.replace(f"%{index}", error.params[index - 1])
                return template
        if isinstance(error, NotFoundError):
            return self.tr("This task no longer exists; refresh the list.")
        # Every other code has its words in the one registry.
        return ErrorText(self).describe(error)
