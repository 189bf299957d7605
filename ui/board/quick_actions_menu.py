"""The quick actions of one window card: attendance marks, pause/resume, and what comes later."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from hallwatch.services.attendance.board import WindowCard, WindowState
from ui.board.board_states import MarkAction, state_word


class QuickActionsMenu(QMenu):
    """Emits chosen(card, action) for the action picked."""

    chosen = Signal(object, object)

    def __init__(self, card: WindowCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quick_actions")
        self.card = card
        self.setToolTipsVisible(True)
        self.header = self.addSection("")
        self.actions_by_mark: dict[MarkAction, QAction] = {}
        has_staff = card.staff_id is not None
        for mark in (
            MarkAction.ARRIVED,
            MarkAction.LEFT_POST,
            MarkAction.RETURNED,
            MarkAction.ABSENT,
        ):
            self._add(mark, enabled=has_staff)
        if card.backup_id is not None and card.backup_id != card.stand_in_id:
            self._add(MarkAction.STAND_IN, enabled=True)
        self.addSeparator()
        paused = card.state is WindowState.PAUSED
        self._add(MarkAction.RESUME if paused else MarkAction.PAUSE, enabled=True)
        self.addSeparator()
        # Placeholders: the spot-check release brings snapshots and findings.
        self.snapshot_action = self.addAction("")
        self.snapshot_action.setObjectName("snapshot")
        self.snapshot_action.setEnabled(False)
        self.finding_action = self.addAction("")
        self.finding_action.setObjectName("finding")
        self.finding_action.setEnabled(False)
        self.retranslate_ui()

    def _add(self, mark: MarkAction, *, enabled: bool) -> None:
        action = self.addAction("")
        action.setObjectName(mark.value)
        action.setEnabled(enabled)
        action.triggered.connect(lambda _checked=False, m=mark: self.chosen.emit(self.card, m))
        self.actions_by_mark[mark] = action

    def retranslate_ui(self) -> None:
        card = self.card
        who = card.staff_name or self.tr("nobody assigned")
        self.header.setText(f"{card.number} · {who} · {state_word(card.state)}")
        texts = {
            MarkAction.ARRIVED: self.tr("Mark &arrived…"),
            MarkAction.LEFT_POST: self.tr("Mark &left post…"),
            MarkAction.RETURNED: self.tr("Mark &returned…"),
            MarkAction.ABSENT: self.tr("Mark a&bsent…"),
            MarkAction.STAND_IN: self.tr("Stand-in %1 arri&ved…").replace("%1", card.backup_name),
            MarkAction.PAUSE: self.tr("&Pause service…"),
            MarkAction.RESUME: self.tr("Resu&me service…"),
        }
        for mark, action in self.actions_by_mark.items():
            action.setText(texts[mark])
        later = self.tr("Arrives with the spot-check release.")
        self.snapshot_action.setText(self.tr("Take a snapshot"))
        self.snapshot_action.setToolTip(later)
        self.finding_action.setText(self.tr("Record a finding"))
        self.finding_action.setToolTip(later)
