"""工作人员: the people who serve at windows."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from hallwatch.services.setup import entities as setup
from hallwatch.services.setup.entities import StaffDraft, StaffRow, UnitRow
from hallwatch.storage.session import Session
from ui.settings.choices import NONE, chosen_id, select_data, set_choices
from ui.settings.record_page import PlainRecordPage, need_hall
from ui.settings.rows_table_model import Column


class StaffPage(PlainRecordPage[StaffRow, StaffDraft, list[UnitRow]]):
    """Staff: number, name, unit, punch-device PIN, phone (masked in the list), position."""

    tables = frozenset({"staff", "units"})
    removal_deactivates = True

    def build_form(self) -> None:
        self.staff_no = QLineEdit()
        self.name = QLineEdit()
        self.gender = QComboBox()
        self.unit = QComboBox()
        self.pin = QLineEdit()
        self.phone = QLineEdit()
        self.position = QLineEdit()
        self.active = QCheckBox()
        for name, widget in (
            ("staff_no", self.staff_no),
            ("name", self.name),
            ("gender", self.gender),
            ("unit_id", self.unit),
            ("pin", self.pin),
            ("phone", self.phone),
            ("position", self.position),
            ("active", self.active),
        ):
            self.fields.add(name, widget)

    def _gender_text(self, gender: str) -> str:
        return {"男": self.tr("Male"), "女": self.tr("Female")}.get(gender, gender)

    def columns(self) -> list[Column[StaffRow]]:
        return [
            Column(self.tr("Staff number"), lambda r: r.staff_no),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Gender"), lambda r: self._gender_text(r.gender)),
            Column(self.tr("Unit"), lambda r: r.unit_name),
            Column(self.tr("PIN"), lambda r: r.pin),
            Column(self.tr("Phone"), lambda r: r.phone_masked),
            Column(self.tr("Position"), lambda r: r.position),
            Column(self.tr("Active"), lambda r: self.tr("Yes") if r.active else self.tr("No")),
        ]

    def retranslate_form(self) -> None:
        labels = {
            "staff_no": self.tr("Staff number"),
            "name": self.tr("Name"),
            "gender": self.tr("Gender"),
            "unit_id": self.tr("Unit"),
            "pin": self.tr("PIN"),
            "phone": self.tr("Phone"),
            "position": self.tr("Position"),
            "active": self.tr("Status"),
        }
        for name, text in labels.items():
            self.fields.label(name).setText(text)
        set_choices(self.gender, [(NONE, ""), (self.tr("Male"), "男"), (self.tr("Female"), "女")])
        self.pin.setPlaceholderText(self.tr("number on the punch device"))
        self.active.setText(self.tr("At work"))

    def new_title(self) -> str:
        return self.tr("New staff member")

    def describe_row(self, row: StaffRow) -> str:
        return f"{row.name}（{row.staff_no}）"

    def load(
        self, session: Session, hall_id: uuid.UUID | None, params: None
    ) -> tuple[list[StaffRow], list[UnitRow]]:
        hall = need_hall(hall_id)
        return setup.list_staff(session, hall), setup.list_units(session, hall)

    def apply_extra(self, units: list[UnitRow]) -> None:
        set_choices(self.unit, [(NONE, ""), *((u.name, str(u.id)) for u in units)])

    def fill_form(self, row: StaffRow | None) -> None:
        self.staff_no.setText(row.staff_no if row else "")
        self.name.setText(row.name if row else "")
        self.gender.setCurrentIndex(max(self.gender.findData(row.gender if row else ""), 0))
        select_data(self.unit, row.unit_id if row else None)
        self.pin.setText(row.pin if row else "")
        self.phone.setText(row.phone if row else "")
        self.position.setText(row.position if row else "")
        self.active.setChecked(row.active if row else True)

    def read_form(self) -> StaffDraft:
        return StaffDraft(
            staff_no=self.staff_no.text(),
            name=self.name.text(),
            unit_id=chosen_id(self.unit),
            pin=self.pin.text(),
            phone=self.phone.text(),
            gender=str(self.gender.currentData() or ""),
            position=self.position.text(),
            active=self.active.isChecked(),
        )

    def create_row(
        self, session: Session, hall_id: uuid.UUID | None, draft: StaffDraft
    ) -> StaffRow:
        return setup.create_staff(session, need_hall(hall_id), draft)

    def update_row(
        self,
        session: Session,
        hall_id: uuid.UUID | None,
        row_id: uuid.UUID,
        draft: StaffDraft,
        today: date,
    ) -> StaffRow:
        return setup.update_staff(session, need_hall(hall_id), row_id, draft, today=today)

    def remove_row(
        self, session: Session, hall_id: uuid.UUID | None, row_id: uuid.UUID, today: date
    ) -> StaffRow:
        return setup.deactivate_staff(session, need_hall(hall_id), row_id, today=today)
