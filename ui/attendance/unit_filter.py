"""A unit filter: 'all units' first, then the hall's units; ids kept as text.

Item data holds the id as text: a Python object in a QVariant does not compare equal to
another one with the same value, so findData could never find a UUID again.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QWidget


class UnitFilter(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(14)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.addItem("", "")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setItemText(0, self.tr("All units"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def unit_id(self) -> uuid.UUID | None:
        """Return the chosen unit, None for all units."""
        value = self.currentData()
        return uuid.UUID(value) if isinstance(value, str) and value else None

    def select(self, unit_id: uuid.UUID | None) -> bool:
        """Choose a unit (None: all units); False when it is not in the list."""
        index = self.findData(str(unit_id)) if unit_id is not None else 0
        if index < 0:
            return False
        self.setCurrentIndex(index)
        return True

    def set_units(self, units: list[tuple[uuid.UUID, str]]) -> bool:
        """Replace the units, keeping the choice; True when the chosen unit is gone."""
        chosen = self.unit_id()
        self.blockSignals(True)
        try:
            while self.count() > 1:
                self.removeItem(1)
            for unit_id, name in units:
                self.addItem(name, str(unit_id))
            index = self.findData(str(chosen)) if chosen is not None else 0
            self.setCurrentIndex(max(index, 0))
        finally:
            self.blockSignals(False)
        return index < 0
