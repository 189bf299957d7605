"""Enter a case by hand, or correct one (with a reason): the core checks the whole form.

Times are hall wall-clock times; an unticked time is empty. A FieldError from the
core shows under its field, and nothing is saved until the whole form is accepted.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallwatch.domain.enums import CaseStatus
from hallwatch.domain.errors import FieldError, HallWatchError
from hallwatch.services.cases.entry import LIMITS, CaseDraft
from hallwatch.services.cases.view import FilterChoices
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.settings.error_text import ErrorText
from ui.widgets.form_fields import FormFields
from ui.widgets.hall_time import from_wall, hall_now, to_wall, wall_clock_edit, zone_of
from ui.widgets.id_combo import IdCombo
from ui.widgets.style import error_label
from ui.words import case_status_word, rating_word
from ui.workers import Failure, guarded

TIME_FIELDS = ("taken_at", "called_at", "accepted_at", "finished_at")


class OptionalTime(QWidget):
    """A tick box beside a wall-clock editor: unticked means no time."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone_of(context)
        self.check = QCheckBox(self)
        self.edit = wall_clock_edit(QDateTimeEdit(self))
        self.edit.setDateTime(to_wall(hall_now(context), self.zone))
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> datetime | None:
        return from_wall(self.edit.dateTime(), self.zone) if self.check.isChecked() else None

    def set_value(self, moment: datetime | None) -> None:
        self.check.setChecked(moment is not None)
        if moment is not None:
            self.edit.setDateTime(to_wall(moment, self.zone))


class CaseDialog(Retranslated, QDialog):
    """New case (case_id None) or a correction of one."""

    def __init__(
        self,
        context: AppContext,
        choices: FilterChoices,
        draft: CaseDraft | None = None,
        case_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case_dialog")
        self.context = context
        self.case_id = case_id
        self.saved_id: uuid.UUID | None = None
        self.error_text = ErrorText(self)
        self.form = QFormLayout()
        self.fields = FormFields(self.form, lambda: None)
        self.item = IdCombo(self)
        self.item.set_choices(choices.items)
        self.window_choice = IdCombo(self)
        self.window_choice.set_choices(choices.windows)
        self.staff = IdCombo(self)
        self.staff.set_choices(choices.staff)
        self.ticket_no = QLineEdit(self)
        self.case_no = QLineEdit(self)
        self.status = QComboBox(self)
        for status in CaseStatus:
            self.status.addItem(case_status_word(status), status.value)
        self.times = {name: OptionalTime(context, self) for name in TIME_FIELDS}
        self.counts: dict[str, QSpinBox] = {}
        for name, limit in LIMITS.items():
            spin = QSpinBox(self)
            spin.setRange(0, limit)
            self.counts[name] = spin
        self.rating = QComboBox(self)
        self.rating.addItem("", 0)
        for level in (5, 4, 3, 2, 1):
            self.rating.addItem(rating_word(level), level)
        self.reason = QLineEdit(self)
        for name, widget in (
            ("service_item_id", self.item),
            ("window_id", self.window_choice),
            ("staff_id", self.staff),
            ("ticket_no", self.ticket_no),
            ("case_no", self.case_no),
            ("status", self.status),
        ):
            self.fields.add(name, widget)
        for name, time_input in self.times.items():
            self.fields.add(name, time_input, focus=time_input.check)
        for name, spin in self.counts.items():
            self.fields.add(name, spin)
        self.fields.add("rating", self.rating)
        if case_id is not None:
            self.fields.add("reason", self.reason)
        self.message = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if draft is not None:
            self.fill(draft)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Correct a case") if self.case_id else self.tr("New case"))
        for name, text in (
            ("service_item_id", self.tr("Service item:")),
            ("window_id", self.tr("Window:")),
            ("staff_id", self.tr("Handled by:")),
            ("ticket_no", self.tr("Ticket no.:")),
            ("case_no", self.tr("Case no.:")),
            ("status", self.tr("Status:")),
            ("taken_at", self.tr("Ticket taken:")),
            ("called_at", self.tr("Called:")),
            ("accepted_at", self.tr("Accepted:")),
            ("finished_at", self.tr("Finished:")),
            ("paused_days", self.tr("Clock stopped (working days):")),
            ("extended_days", self.tr("Extension (working days):")),
            ("hold_minutes", self.tr("On hold (minutes):")),
            ("rating", self.tr("Rating:")),
            ("reason", self.tr("Reason for the correction:")),
        ):
            if name in self.fields:
                self.fields.label(name).setText(text)
        for combo in (self.item, self.window_choice, self.staff):
            combo.setItemText(0, "—")
        self.rating.setItemText(0, self.tr("Not rated"))
        for index in range(self.status.count()):
            self.status.setItemText(index, case_status_word(self.status.itemData(index)))
        for index in range(1, self.rating.count()):
            self.rating.setItemText(index, rating_word(self.rating.itemData(index)))
        self.save_button.setText(self.tr("&Save"))
        self.cancel_button.setText(self.tr("Cancel"))

    def fill(self, draft: CaseDraft) -> None:
        self.item.choose(draft.service_item_id)
        self.window_choice.choose(draft.window_id)
        self.staff.choose(draft.staff_id)
        self.ticket_no.setText(draft.ticket_no)
        self.case_no.setText(draft.case_no)
        self.status.setCurrentIndex(max(self.status.findData(draft.status.value), 0))
        for name, widget in self.times.items():
            widget.set_value(getattr(draft, name))
        for name, spin in self.counts.items():
            spin.setValue(getattr(draft, name))
        self.rating.setCurrentIndex(max(self.rating.findData(draft.rating or 0), 0))

    def draft(self) -> CaseDraft:
        rating = int(self.rating.currentData() or 0)
        return CaseDraft(
            service_item_id=self.item.chosen(),
            window_id=self.window_choice.chosen(),
            staff_id=self.staff.chosen(),
            ticket_no=self.ticket_no.text(),
            case_no=self.case_no.text(),
            status=CaseStatus(self.status.currentData()),
            taken_at=self.times["taken_at"].value(),
            called_at=self.times["called_at"].value(),
            accepted_at=self.times["accepted_at"].value(),
            finished_at=self.times["finished_at"].value(),
            paused_days=self.counts["paused_days"].value(),
            extended_days=self.counts["extended_days"].value(),
            hold_minutes=self.counts["hold_minutes"].value(),
            rating=rating or None,
        )

    def save(self) -> None:
        """Hand the form to the core in the write pool; errors show under their fields."""
        from hallwatch.services.cases.entry import correct_case, create_case

        hall = self.context.hall
        if hall is None:
            return
        self.fields.clear_errors()
        self.message.hide()
        draft, case_id, reason = self.draft(), self.case_id, self.reason.text()
        context, now = self.context, self.context.now()

        def work() -> uuid.UUID:
            with context.db.write("case.correct" if case_id else "case.create") as session:
                if case_id is None:
                    return create_case(session, hall.id, draft, now=now)
                correct_case(session, hall.id, case_id, draft, reason, now=now)
                return case_id

        self.save_button.setEnabled(False)
        self.context.run(guarded(work), self._on_saved, self._on_failed, write=True, owner=self)

    def _on_saved(self, result: object) -> None:
        self.save_button.setEnabled(True)
        if isinstance(result, Failure):
            self._show(result.error)
            return
        assert isinstance(result, uuid.UUID)
        self.saved_id = result
        self.accept()

    def _on_failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(self.error_text.describe(message))
        self.message.show()

    def _show(self, error: HallWatchError) -> None:
        if isinstance(error, FieldError) and error.field in self.fields:
            self.fields.show_error(error.field, self.error_text.describe(error))
            return
        self.message.setText(self.error_text.describe(error))
        self.message.show()


__all__ = ["CaseDialog", "OptionalTime"]
