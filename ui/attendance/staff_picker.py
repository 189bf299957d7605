"""A combo box to pick a person by staff number or name (type to filter)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget


@dataclass(frozen=True, slots=True)
class StaffChoice:
    id: uuid.UUID
    staff_no: str
    name: str
    unit_name: str

    @property
    def label(self) -> str:
        return (
            f"{self.staff_no} {self.name}（{self.unit_name}）"
            if self.unit_name
            else (f"{self.staff_no} {self.name}")
        )


class StaffPicker(QComboBox):
    def __init__(self, staff: list[StaffChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for person in staff:
            self.addItem(person.label, str(person.id))
        completer = self.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCurrentIndex(-1)

    def select(self, staff_id: uuid.UUID | None) -> None:
        self.setCurrentIndex(self.findData(str(staff_id)) if staff_id is not None else -1)

    def staff_id(self) -> uuid.UUID | None:
        """Return the chosen person, or None when the text names nobody in the list."""
        index = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchExactly)
        if index < 0:
            return None
        value = self.itemData(index)
        return uuid.UUID(value) if isinstance(value, str) and value else None
