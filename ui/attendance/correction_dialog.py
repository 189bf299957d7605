"""Record a signed correction (补签) for a missing punch: who, when, why, approved by."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QDateTimeEdit, QLineEdit, QWidget

from hallwatch.services.attendance.sheets import add_correction
from hallwatch.storage.session import Session
from ui.attendance.record_dialog import RecordDialog
from ui.attendance.staff_picker import StaffChoice, StaffPicker
from ui.base.context import AppContext
from ui.widgets.hall_time import from_wall, hall_now, to_wall, wall_clock_edit, zone_of


class CorrectionDialog(RecordDialog):
    def __init__(
        self,
        context: AppContext,
        staff: list[StaffChoice],
        parent: QWidget | None = None,
        *,
        staff_id: uuid.UUID | None = None,
        at: datetime | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("correction_dialog")
        self.staff = StaffPicker(staff, self)
        self.staff.select(staff_id)
        self.time = wall_clock_edit(QDateTimeEdit(self))
        self.time.setDateTime(to_wall(at or hall_now(context), zone_of(context)))
        self.reason = QLineEdit(self)
        self.approver = QLineEdit(self)
        for name, widget in (
            ("staff", self.staff),
            ("time", self.time),
            ("reason", self.reason),
            ("approver", self.approver),
        ):
            self.add_field(name, widget)
        self.setMinimumWidth(420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Signed correction"))
        self.labels["staff"].setText(self.tr("&Staff:"))
        self.labels["time"].setText(self.tr("Punch &time:"))
        self.labels["reason"].setText(self.tr("&Reason:"))
        self.labels["approver"].setText(self.tr("&Approved by:"))
        self.reason.setPlaceholderText(self.tr("why the punch is missing"))
        self.approver.setPlaceholderText(self.tr("who signed the correction"))
        self.retranslate_buttons()

    def action(self) -> str:
        return "attendance.correction"

    def write(self) -> Callable[[Session], Any] | None:
        staff_id = self.staff.staff_id()
        if staff_id is None:
            self.show_error("staff", self.tr("Choose a person from the list."))
            return None
        hall = self.context.hall
        if hall is None:
            self.show_error(None, self.tr("There is no hall yet."))
            return None
        at = from_wall(self.time.dateTime(), zone_of(self.context))
        reason, approver = self.reason.text(), self.approver.text()
        now = self.context.now()

        def job(session: Session) -> uuid.UUID:
            return add_correction(session, hall.id, staff_id, at, reason, approver, now=now)

        return job
