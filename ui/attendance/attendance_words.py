"""The attendance words (status, leave kinds, punch slots), translated where they are shown."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from hallwatch.domain.attendance import DayFlag
from hallwatch.domain.enums import LeaveKind

# Row tints by status, mild enough to read black text on.
SEVERE_TINT = QColor("#fde2e1")  # absent, missing punch
WARNING_TINT = QColor("#fff0d9")  # late, early, off post
LEAVE_TINT = QColor("#e3f0fd")
MISSING_TEXT = QColor("#c0392b")

_SEVERE = frozenset({DayFlag.ABSENT, DayFlag.HALF_DAY_ABSENT, DayFlag.MISSING_PUNCH})
_WARNING = frozenset({DayFlag.LATE, DayFlag.EARLY_LEAVE, DayFlag.OFF_POST})


def status_word(status: DayFlag | None) -> str:
    """Return the sheet's word for a day's status (None: normal)."""
    if status is None:
        return QCoreApplication.translate("AttendanceWords", "Normal")
    words = {
        DayFlag.LATE: QCoreApplication.translate("AttendanceWords", "Late"),
        DayFlag.EARLY_LEAVE: QCoreApplication.translate("AttendanceWords", "Left early"),
        DayFlag.HALF_DAY_ABSENT: QCoreApplication.translate("AttendanceWords", "Absent half a day"),
        DayFlag.ABSENT: QCoreApplication.translate("AttendanceWords", "Absent"),
        DayFlag.ON_LEAVE: QCoreApplication.translate("AttendanceWords", "On leave"),
        DayFlag.MISSING_PUNCH: QCoreApplication.translate("AttendanceWords", "Missing punch"),
        DayFlag.OFF_POST: QCoreApplication.translate("AttendanceWords", "Off post"),
        DayFlag.CORRECTED: QCoreApplication.translate("AttendanceWords", "Corrected"),
        DayFlag.NOT_SCHEDULED: QCoreApplication.translate("AttendanceWords", "Day off"),
    }
    return words[status]


def leave_word(kind: LeaveKind | None) -> str:
    """Return the word for a leave kind ('' for none)."""
    if kind is None:
        return ""
    words = {
        LeaveKind.OFFICIAL: QCoreApplication.translate("AttendanceWords", "Official leave"),
        LeaveKind.PERSONAL: QCoreApplication.translate("AttendanceWords", "Personal leave"),
        LeaveKind.SICK: QCoreApplication.translate("AttendanceWords", "Sick leave"),
        LeaveKind.OUTING: QCoreApplication.translate("AttendanceWords", "Short outing"),
        LeaveKind.VACATION: QCoreApplication.translate("AttendanceWords", "Vacation"),
    }
    return words[kind]


def slot_word(slot: str) -> str:
    """Return the word for a punch slot (am_in, am_out, pm_in, pm_out)."""
    words = {
        "am_in": QCoreApplication.translate("AttendanceWords", "Morning in"),
        "am_out": QCoreApplication.translate("AttendanceWords", "Morning out"),
        "pm_in": QCoreApplication.translate("AttendanceWords", "Afternoon in"),
        "pm_out": QCoreApplication.translate("AttendanceWords", "Afternoon out"),
    }
    return words.get(slot, slot)


def status_tint(status: DayFlag | None) -> QColor | None:
    """Return the row tint of a status; None for a normal day."""
    if status in _SEVERE:
        return SEVERE_TINT
    if status in _WARNING:
        return WARNING_TINT
    if status is DayFlag.ON_LEAVE:
        return LEAVE_TINT
    return None
