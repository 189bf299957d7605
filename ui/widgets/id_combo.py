"""A choice among rows: 'all' (or 'none') first, then (id, label) items.

Item data holds the id as text: a Python object in a QVariant does not compare equal to
another one with the same value, so findData could never find a UUID again.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QWidget


class IdCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None, min_length: int = 10) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(min_length)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.addItem("", "")  # 'all' or 'none': its text is the owner's to translate

    def set_choices(self, choices: list[tuple[uuid.UUID, str]]) -> bool:
        """Replace the choices, keeping the chosen one; True when it is gone."""
        chosen = self.chosen()
        self.blockSignals(True)
        try:
            while self.count() > 1:
                self.removeItem(1)
            for choice_id, label in choices:
                self.addItem(label, str(choice_id))
            index = self.findData(str(chosen)) if chosen is not None else 0
            self.setCurrentIndex(max(index, 0))
        finally:
            self.blockSignals(False)
        return index < 0

    def chosen(self) -> uuid.UUID | None:
        """Return the chosen id, None for the first item."""
        value = self.currentData()
        return uuid.UUID(value) if isinstance(value, str) and value else None

    def choose(self, choice_id: uuid.UUID | None) -> bool:
        """Choose an id (None: the first item); False when it is not in the list."""
        index = self.findData(str(choice_id)) if choice_id is not None else 0
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0
