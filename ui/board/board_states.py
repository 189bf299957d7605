"""How each window state looks on the board: its word and its colours."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from hallwatch.services.attendance.board import WindowState


@dataclass(frozen=True, slots=True)
class StateStyle:
    accent: QColor  # stripe, pill, chip border
    background: QColor  # card face
    text: QColor  # detail line


STATE_ORDER: tuple[WindowState, ...] = (
    WindowState.ON_DUTY,
    WindowState.LATE,
    WindowState.EMPTY,
    WindowState.OFF_POST,
    WindowState.ON_LEAVE,
    WindowState.PAUSED,
    WindowState.UNSCHEDULED,
)

STYLES: dict[WindowState, StateStyle] = {
    WindowState.ON_DUTY: StateStyle(QColor("#2e7d32"), QColor("#e8f5e9"), QColor("#1b5e20")),
    WindowState.LATE: StateStyle(QColor("#ef6c00"), QColor("#fff3e0"), QColor("#b34700")),
    WindowState.EMPTY: StateStyle(QColor("#c62828"), QColor("#ffebee"), QColor("#a31515")),
    WindowState.OFF_POST: StateStyle(QColor("#c62828"), QColor("#ffebee"), QColor("#a31515")),
    WindowState.ON_LEAVE: StateStyle(QColor("#1565c0"), QColor("#e3f2fd"), QColor("#0d47a1")),
    WindowState.PAUSED: StateStyle(QColor("#616161"), QColor("#eeeeee"), QColor("#424242")),
    WindowState.UNSCHEDULED: StateStyle(QColor("#9e9e9e"), QColor("#f7f7f7"), QColor("#757575")),
}


def state_word(state: WindowState) -> str:
    """Return the board's word for a window state."""
    words = {
        WindowState.ON_DUTY: QCoreApplication.translate("BoardStates", "On duty"),
        WindowState.EMPTY: QCoreApplication.translate("BoardStates", "Empty"),
        WindowState.LATE: QCoreApplication.translate("BoardStates", "Late"),
        WindowState.OFF_POST: QCoreApplication.translate("BoardStates", "Off post"),
        WindowState.ON_LEAVE: QCoreApplication.translate("BoardStates", "On leave / out"),
        WindowState.PAUSED: QCoreApplication.translate("BoardStates", "Service paused"),
        WindowState.UNSCHEDULED: QCoreApplication.translate("BoardStates", "Not scheduled"),
    }
    return words[state]


class MarkAction(StrEnum):
    ARRIVED = "arrived"  # 标记到岗
    LEFT_POST = "left_post"  # 标记离岗
    RETURNED = "returned"  # 标记返岗
    ABSENT = "absent"  # 标记缺勤
    STAND_IN = "stand_in"  # the backup (AB角) checked in at this window
    PAUSE = "pause"  # 暂停服务
    RESUME = "resume"  # 恢复服务
