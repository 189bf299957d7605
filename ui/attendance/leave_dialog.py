"""Record an approved leave (请假/公出): who, which kind, from when to when, why, approved by."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLineEdit, QWidget

from hallwatch.domain.enums import LeaveKind
from hallwatch.services.attendance.sheets import add_leave
from hallwatch.storage.session import Session
from ui.attendance.attendance_words import leave_word
from ui.attendance.record_dialog import RecordDialog
from ui.attendance.staff_picker import StaffChoice, StaffPicker
from ui.base.context import AppContext
from ui.widgets.hall_time import from_wall, hall_now, to_wall, wall_clock_edit, zone_of


class LeaveDialog(RecordDialog):
    def __init__(
        self,
        context: AppContext,
        staff: list[StaffChoice],
        parent: QWidget | None = None,
        *,
        staff_id: uuid.UUID | None = None,
        starts_at: datetime | None = None,
        ends_at: datetime | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("leave_dialog")
        zone = zone_of(context)
        start = starts_at or hall_now(context)
        end = ends_at or start + timedelta(hours=1)
        self.staff = StaffPicker(staff, self)
        self.staff.select(staff_id)
        self.kind = QComboBox(self)
        for kind in LeaveKind:
            self.kind.addItem("", kind)
        self.start = wall_clock_edit(QDateTimeEdit(self))
        self.start.setDateTime(to_wall(start, zone))
        self.end = wall_clock_edit(QDateTimeEdit(self))
        self.end.setDateTime(to_wall(end, zone))
        self.reason = QLineEdit(self)
        self.approver = QLineEdit(self)
        for name, widget in (
            ("staff", self.staff),
            ("kind", self.kind),
            ("start", self.start),
            ("end", self.end),
            ("reason", self.reason),
            ("approver", self.approver),
        ):
            self.add_field(name, widget)
        self.setMinimumWidth(420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Record leave"))
        self.labels["staff"].setText(self.tr("&Staff:"))
        self.labels["kind"].setText(self.tr("&Kind:"))
        self.labels["start"].setText(self.tr("S&tarts:"))
        self.labels["end"].setText(self.tr("&Ends:"))
        self.labels["reason"].setText(self.tr("&Reason:"))
        self.labels["approver"].setText(self.tr("&Approved by:"))
        self.reason.setPlaceholderText(self.tr("e.g. a meeting at the district office"))
        self.approver.setPlaceholderText(self.tr("who signed the leave"))
        for index in range(self.kind.count()):
            self.kind.setItemText(index, leave_word(self.kind.itemData(index)))
        self.retranslate_buttons()

    def action(self) -> str:
        return "attendance.leave"

    def write(self) -> Callable[[Session], Any] | None:
        staff_id = self.staff.staff_id()
        if staff_id is None:
            self.show_error("staff", self.tr("Choose a person from the list."))
            return None
        hall = self.context.hall
        if hall is None:
            self.show_error(None, self.tr("There is no hall yet."))
            return None
        zone = zone_of(self.context)
        kind = LeaveKind(self.kind.currentData())
        starts_at = from_wall(self.start.dateTime(), zone)
        ends_at = from_wall(self.end.dateTime(), zone)
        reason, approver = self.reason.text(), self.approver.text()

        def job(session: Session) -> uuid.UUID:
            return add_leave(session, hall.id, staff_id, kind, starts_at, ends_at, reason, approver)

        return job
