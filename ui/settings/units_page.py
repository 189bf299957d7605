"""进驻单位: the departments with windows in the hall."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QLineEdit

from hallwatch.services.setup import entities as setup
from hallwatch.services.setup.entities import UnitDraft, UnitRow
from hallwatch.storage.session import Session
from ui.settings.record_page import PlainRecordPage, need_hall
from ui.settings.rows_table_model import Column


class UnitsPage(PlainRecordPage[UnitRow, UnitDraft, None]):
    """Units: code, name, short name; removal refused while windows or staff are active."""

    tables = frozenset({"units", "windows", "staff"})

    def build_form(self) -> None:
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.short_name = QLineEdit()
        self.fields.add("code", self.code)
        self.fields.add("name", self.name)
        self.fields.add("short_name", self.short_name)

    def columns(self) -> list[Column[UnitRow]]:
        return [
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Short name"), lambda r: r.short_name),
            Column(self.tr("Windows"), lambda r: str(r.windows)),
            Column(self.tr("Staff"), lambda r: str(r.staff)),
        ]

    def retranslate_form(self) -> None:
        self.fields.label("code").setText(self.tr("Code"))
        self.fields.label("name").setText(self.tr("Name"))
        self.fields.label("short_name").setText(self.tr("Short name"))
        self.code.setPlaceholderText(self.tr("e.g. SCJG"))

    def new_title(self) -> str:
        return self.tr("New unit")

    def describe_row(self, row: UnitRow) -> str:
        return row.name

    def load(
        self, session: Session, hall_id: uuid.UUID | None, params: None
    ) -> tuple[list[UnitRow], None]:
        return setup.list_units(session, need_hall(hall_id)), None

    def fill_form(self, row: UnitRow | None) -> None:
        self.code.setText(row.code if row else "")
        self.name.setText(row.name if row else "")
        self.short_name.setText(row.short_name if row else "")

    def read_form(self) -> UnitDraft:
        return UnitDraft(self.code.text(), self.name.text(), self.short_name.text())

    def create_row(self, session: Session, hall_id: uuid.UUID | None, draft: UnitDraft) -> UnitRow:
        return setup.create_unit(session, need_hall(hall_id), draft)

    def update_row(
        self,
        session: Session,
        hall_id: uuid.UUID | None,
        row_id: uuid.UUID,
        draft: UnitDraft,
        today: date,
    ) -> UnitRow:
        return setup.update_unit(session, need_hall(hall_id), row_id, draft)

    def remove_row(
        self, session: Session, hall_id: uuid.UUID | None, row_id: uuid.UUID, today: date
    ) -> UnitRow:
        return setup.remove_unit(session, need_hall(hall_id), row_id)
