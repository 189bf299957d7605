"""A unit filter: 'all units' first, then the hall's units."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from ui.base.translated import Retranslated
from ui.widgets.id_combo import IdCombo


class UnitFilter(Retranslated, IdCombo):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, min_length=14)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setItemText(0, self.tr("All units"))

    def unit_id(self) -> uuid.UUID | None:
        """Return the chosen unit, None for all units."""
        return self.chosen()

    def select(self, unit_id: uuid.UUID | None) -> bool:
        """Choose a unit (None: all units); False when it is not in the list."""
        return self.choose(unit_id)

    def set_units(self, units: list[tuple[uuid.UUID, str]]) -> bool:
        """Replace the units, keeping the choice; True when the chosen unit is gone."""
        return self.set_choices(units)
