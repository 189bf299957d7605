"""List model over the board's window cards (frozen WindowCard dataclasses from the core)."""

from __future__ import annotations

import re
import uuid
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from hallwatch.services.attendance.board import WindowCard
from ui.board.board_states import state_word

Index = QModelIndex | QPersistentModelIndex

CARD_ROLE = Qt.ItemDataRole.UserRole + 1
# The unit's short name as the card shows it.
UNIT_ROLE = Qt.ItemDataRole.UserRole + 2


def number_key(number: str) -> tuple[Any, ...]:
    """Sort window numbers as people do: A2 before A10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", number))


class BoardCardModel(QAbstractListModel):
    """The cards shown, in zone and number order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cards: list[WindowCard] = []
        self.unit_names: dict[uuid.UUID, str] = {}
        # The hall's zone, for the times in tooltips.
        self.zone: tzinfo | None = None

    def set_cards(self, cards: list[WindowCard]) -> None:
        ordered = sorted(cards, key=lambda c: (c.zone == "", c.zone, number_key(c.number)))
        if [c.window_id for c in ordered] == [c.window_id for c in self.cards]:
            # Same windows: repaint in place, so the view keeps its scroll and focus.
            self.cards = ordered
            if ordered:
                self.dataChanged.emit(self.index(0), self.index(len(ordered) - 1))
            return
        self.beginResetModel()
        self.cards = ordered
        self.endResetModel()

    def set_unit_names(self, names: dict[uuid.UUID, str]) -> None:
        self.unit_names = names
        if self.cards:
            self.dataChanged.emit(self.index(0), self.index(len(self.cards) - 1))

    def card_at(self, row: int) -> WindowCard | None:
        return self.cards[row] if 0 <= row < len(self.cards) else None

    def row_of(self, window_id: uuid.UUID | None) -> int:
        for row, card in enumerate(self.cards):
            if card.window_id == window_id:
                return row
        return -1

    def unit_text(self, card: WindowCard) -> str:
        if card.unit_id is not None and self.unit_names.get(card.unit_id):
            return self.unit_names[card.unit_id]
        return card.unit_name

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        card = self.card_at(index.row())
        if card is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.number} {card.staff_name} {state_word(card.state)}".strip()
        if role == CARD_ROLE:
            return card
        if role == UNIT_ROLE:
            return self.unit_text(card)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(card)
        return None

    def tooltip(self, card: WindowCard) -> str:
        lines = [f"{card.number}  {card.unit_name}", state_word(card.state)]
        if card.staff_name:
            lines.append(
                self.tr("Staff: %1 (%2)")
                .replace("%1", card.staff_name)
                .replace("%2", card.staff_no)
            )
        if card.backup_name:
            lines.append(self.tr("Stand-in (AB): %1").replace("%1", card.backup_name))
        if card.since is not None:
            since = card.since.astimezone(self.zone) if self.zone else card.since
            lines.append(self.tr("Since %1").replace("%1", since.strftime("%H:%M")))
        if card.detail:
            lines.append(card.detail)
        return "\n".join(lines)
