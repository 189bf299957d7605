"""Combo boxes whose items carry ids (as text: Qt compares those reliably)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox

NONE = "—"


def set_choices(combo: QComboBox, items: Sequence[tuple[str, str]], keep: bool = True) -> None:
    """Replace the items (text, data), keeping the current choice when it is still there."""
    current = combo.currentData() if keep else None
    blocked = combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(blocked)


def select_data(combo: QComboBox, data: object) -> None:
    """Choose the item whose data is data (ids are compared as text); else the first."""
    index = combo.findData("" if data is None else str(data))
    combo.setCurrentIndex(max(index, 0))


def chosen_id(combo: QComboBox) -> uuid.UUID | None:
    """Return the id of the chosen item, None for the empty choice."""
    data = combo.currentData()
    return uuid.UUID(data) if isinstance(data, str) and data else None
