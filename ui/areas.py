"""Areas that group several screens under one sidebar entry."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from ui.attendance.attendance_view import AttendanceView
from ui.base.context import AppContext
from ui.base.translated import Retranslated
from ui.suggestions.suggestion_view import SuggestionView


class AttendanceArea(Retranslated, QTabWidget):
    """考勤: the day and month sheets, and the accountability suggestions they lead to."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attendance = AttendanceView(context, self)
        self.attendance.setObjectName("attendance")
        self.suggestions = SuggestionView(context, self)
        self.suggestions.setObjectName("suggestions_view")
        self.addTab(self.attendance, "")
        self.addTab(self.suggestions, "")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTabText(0, self.tr("Attendance"))
        self.setTabText(1, self.tr("Accountability"))
