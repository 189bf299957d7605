"""Ask when (hall-local time, default now) and why, then record a board quick action."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDateTimeEdit, QLabel, QLineEdit, QWidget

from hallwatch.domain.enums import AttendanceKind
from hallwatch.services.attendance.board import WindowCard
from hallwatch.services.attendance.pauses import pause_window, resume_window
from hallwatch.services.attendance.sheets import record_mark
from hallwatch.storage.session import Session
from ui.attendance.record_dialog import RecordDialog
from ui.base.context import AppContext
from ui.board.board_states import MarkAction
from ui.widgets.hall_time import from_wall, hall_now, to_wall, wall_clock_edit, zone_of

MARK_KINDS: dict[MarkAction, AttendanceKind] = {
    MarkAction.ARRIVED: AttendanceKind.CHECK_IN,
    MarkAction.LEFT_POST: AttendanceKind.LEFT_POST,
    MarkAction.RETURNED: AttendanceKind.RETURNED,
    MarkAction.ABSENT: AttendanceKind.ABSENT_NOTED,
    MarkAction.STAND_IN: AttendanceKind.CHECK_IN,
}


class MarkDialog(RecordDialog):
    def __init__(
        self,
        context: AppContext,
        card: WindowCard,
        action: MarkAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("mark_dialog")
        self.card = card
        self.mark = action
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.form.insertRow(0, self.summary)
        self.time = wall_clock_edit(QDateTimeEdit(self))
        self.time.setDateTime(to_wall(hall_now(context), zone_of(context)))
        self.note = QLineEdit(self)
        self.add_field("time", self.time)
        self.add_field("note", self.note)
        self.setMinimumWidth(380)
        self.retranslate_ui()

    def titles(self) -> dict[MarkAction, str]:
        return {
            MarkAction.ARRIVED: self.tr("Mark arrived"),
            MarkAction.LEFT_POST: self.tr("Mark left post"),
            MarkAction.RETURNED: self.tr("Mark returned"),
            MarkAction.ABSENT: self.tr("Mark absent"),
            MarkAction.STAND_IN: self.tr("Mark stand-in arrived"),
            MarkAction.PAUSE: self.tr("Pause service"),
            MarkAction.RESUME: self.tr("Resume service"),
        }

    def person(self) -> tuple[uuid.UUID | None, str]:
        """Return who the mark is about: the backup for a stand-in, else the primary."""
        if self.mark is MarkAction.STAND_IN:
            return self.card.backup_id, self.card.backup_name
        return self.card.staff_id, self.card.staff_name

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.titles()[self.mark])
        _staff_id, name = self.person()
        if self.mark in (MarkAction.PAUSE, MarkAction.RESUME):
            text = self.tr("Window %1").replace("%1", self.card.number)
        else:
            text = self.tr("Window %1 · %2").replace("%1", self.card.number).replace("%2", name)
        self.summary.setText(f"<b>{text}</b>")
        self.labels["time"].setText(self.tr("&Time:"))
        self.labels["note"].setText(self.tr("&Note:"))
        self.note.setPlaceholderText(self.tr("optional"))
        self.retranslate_buttons()

    def action(self) -> str:
        return f"board.{self.mark.value}"

    def write(self) -> Callable[[Session], Any] | None:
        hall = self.context.hall
        if hall is None:
            self.show_error(None, self.tr("There is no hall yet."))
            return None
        at = from_wall(self.time.dateTime(), zone_of(self.context))
        note = self.note.text()
        now = self.context.now()
        window_id = self.card.window_id
        if self.mark is MarkAction.PAUSE:
            return lambda session: pause_window(session, hall.id, window_id, at, note, now=now)
        if self.mark is MarkAction.RESUME:
            return lambda session: resume_window(session, hall.id, window_id, at, note, now=now)
        staff_id, _name = self.person()
        if staff_id is None:
            self.show_error(None, self.tr("Nobody is assigned to this window."))
            return None
        kind = MARK_KINDS[self.mark]

        def job(session: Session) -> uuid.UUID:
            return record_mark(session, hall.id, staff_id, kind, at, note, window_id, now=now)

        return job
