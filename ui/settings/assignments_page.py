"""窗口安排: who serves at which window from when, as primary or as stand-in (AB角)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QWidget

from hallwatch.domain.enums import AssignmentRole
from hallwatch.services.setup import entities as setup
from hallwatch.services.setup.entities import AssignmentDraft, AssignmentRow, StaffRow, WindowRow
from hallwatch.storage.session import Session
from ui.settings.choices import NONE, chosen_id, select_data, set_choices
from ui.settings.record_page import PlainRecordPage, need_hall
from ui.settings.rows_table_model import Column

DATE_FORMAT = "yyyy-MM-dd"


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit


class AssignmentsPage(
    PlainRecordPage[AssignmentRow, AssignmentDraft, tuple[list[WindowRow], list[StaffRow]]]
):
    """Assignments: window, person, role, first day and (optional) last day."""

    tables = frozenset({"window_assignments", "windows", "staff"})

    def build_form(self) -> None:
        self.window_box = QComboBox()
        self.staff_box = QComboBox()
        self.role = QComboBox()
        self.starts_on = date_edit()
        self.ends_box = QWidget()
        self.open_ended = QCheckBox(self.ends_box)
        self.open_ended.setObjectName("open_ended")
        self.ends_on = date_edit()
        self.ends_on.setParent(self.ends_box)
        self.ends_on.setObjectName("ends_on_date")
        row = QHBoxLayout(self.ends_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.open_ended)
        row.addWidget(self.ends_on, 1)
        self.open_ended.toggled.connect(lambda on: self.ends_on.setEnabled(not on))
        self.fields.add("window_id", self.window_box)
        self.fields.add("staff_id", self.staff_box)
        self.fields.add("role", self.role)
        self.fields.add("starts_on", self.starts_on)
        self.fields.add("ends_on", self.ends_box, focus=self.ends_on)

    def _role_text(self, role: AssignmentRole) -> str:
        if role is AssignmentRole.PRIMARY:
            return self.tr("Primary")
        return self.tr("Stand-in (AB)")

    def columns(self) -> list[Column[AssignmentRow]]:
        return [
            Column(self.tr("Window"), lambda r: r.window_number),
            Column(self.tr("Staff"), lambda r: f"{r.staff_name}（{r.staff_no}）"),
            Column(self.tr("Role"), lambda r: self._role_text(r.role)),
            Column(self.tr("From"), lambda r: r.starts_on.isoformat()),
            Column(self.tr("Until"), lambda r: r.ends_on.isoformat() if r.ends_on else "…"),
        ]

    def retranslate_form(self) -> None:
        labels = {
            "window_id": self.tr("Window"),
            "staff_id": self.tr("Staff"),
            "role": self.tr("Role"),
            "starts_on": self.tr("From"),
            "ends_on": self.tr("Until"),
        }
        for name, text in labels.items():
            self.fields.label(name).setText(text)
        set_choices(
            self.role,
            [
                (self._role_text(AssignmentRole.PRIMARY), AssignmentRole.PRIMARY.value),
                (self._role_text(AssignmentRole.BACKUP), AssignmentRole.BACKUP.value),
            ],
        )
        self.open_ended.setText(self.tr("No end date"))

    def new_title(self) -> str:
        return self.tr("New assignment")

    def describe_row(self, row: AssignmentRow) -> str:
        return (
            self.tr("%1 at window %2")
            .replace("%1", row.staff_name)
            .replace("%2", row.window_number)
        )

    def load(
        self, session: Session, hall_id: uuid.UUID | None, params: None
    ) -> tuple[list[AssignmentRow], tuple[list[WindowRow], list[StaffRow]]]:
        hall = need_hall(hall_id)
        windows = setup.list_windows(session, hall)
        staff = setup.list_staff(session, hall)
        return setup.list_assignments(session, hall), (windows, staff)

    def _label(self, text: str, active: bool) -> str:
        # Inactive ones stay choosable so that old assignments show; the service refuses
        # new assignments to them.
        return text if active else self.tr("%1 (inactive)").replace("%1", text)

    def apply_extra(self, extra: Any) -> None:
        windows, staff = extra
        set_choices(
            self.window_box,
            [
                (NONE, ""),
                *(
                    (self._label(f"{w.number} {w.unit_name}".strip(), w.active), str(w.id))
                    for w in windows
                ),
            ],
        )
        set_choices(
            self.staff_box,
            [
                (NONE, ""),
                *((self._label(f"{s.staff_no} {s.name}", s.active), str(s.id)) for s in staff),
            ],
        )

    def fill_form(self, row: AssignmentRow | None) -> None:
        today = qdate(self.hall_today())
        select_data(self.window_box, row.window_id if row else None)
        select_data(self.staff_box, row.staff_id if row else None)
        role = row.role if row else AssignmentRole.PRIMARY
        self.role.setCurrentIndex(max(self.role.findData(role.value), 0))
        self.starts_on.setDate(qdate(row.starts_on) if row else today)
        ends = row.ends_on if row else None
        self.open_ended.setChecked(ends is None)
        self.ends_on.setEnabled(ends is not None)
        self.ends_on.setDate(qdate(ends) if ends else self.starts_on.date())

    def read_form(self) -> AssignmentDraft:
        return AssignmentDraft(
            window_id=chosen_id(self.window_box),
            staff_id=chosen_id(self.staff_box),
            role=AssignmentRole(self.role.currentData() or AssignmentRole.PRIMARY.value),
            starts_on=py_date(self.starts_on.date()),
            ends_on=None if self.open_ended.isChecked() else py_date(self.ends_on.date()),
        )

    def create_row(
        self, session: Session, hall_id: uuid.UUID | None, draft: AssignmentDraft
    ) -> AssignmentRow:
        return setup.create_assignment(session, need_hall(hall_id), draft)

    def update_row(
        self,
        session: Session,
        hall_id: uuid.UUID | None,
        row_id: uuid.UUID,
        draft: AssignmentDraft,
        today: date,
    ) -> AssignmentRow:
        return setup.update_assignment(session, need_hall(hall_id), row_id, draft)

    def remove_row(
        self, session: Session, hall_id: uuid.UUID | None, row_id: uuid.UUID, today: date
    ) -> AssignmentRow:
        return setup.remove_assignment(session, need_hall(hall_id), row_id)
