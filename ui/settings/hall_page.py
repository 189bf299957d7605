"""大厅信息: the halls of this data folder, their names, addresses and time zones."""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit

from hallwatch.domain.timeutil import DEFAULT_ZONE, hall_zone
from hallwatch.services.setup import entities as setup
from hallwatch.services.setup.entities import HallDetails, HallDraft, NewHall
from hallwatch.storage.session import Session
from ui.settings.record_page import RecordPage
from ui.settings.rows_table_model import Column

# The zones of China first; every other one follows.
CHINA_ZONES = ("Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei")


def zone_box() -> QComboBox:
    """An editable combo box of IANA time zones."""
    box = QComboBox()
    box.setEditable(True)
    box.addItems(list(CHINA_ZONES))
    box.insertSeparator(len(CHINA_ZONES))
    box.addItems(sorted(zoneinfo.available_timezones() - set(CHINA_ZONES)))
    return box


class HallPage(RecordPage[HallDetails, HallDraft, None, None, NewHall | HallDetails]):
    """Halls: code (fixed once made), name, address and time zone; halls are never removed."""

    tables = frozenset({"halls"})
    can_remove = False
    needs_hall = False

    def build_form(self) -> None:
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.timezone = zone_box()
        self.fields.add("code", self.code)
        self.fields.add("name", self.name)
        self.fields.add("address", self.address)
        self.fields.add("timezone", self.timezone)

    def columns(self) -> list[Column[HallDetails]]:
        return [
            Column(self.tr("Code"), lambda r: r.code),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Time zone"), lambda r: r.timezone),
            Column(self.tr("Address"), lambda r: r.address),
            Column(self.tr("Demo"), lambda r: self.tr("Yes") if r.is_demo else ""),
        ]

    def retranslate_form(self) -> None:
        self.fields.label("code").setText(self.tr("Code"))
        self.fields.label("name").setText(self.tr("Name"))
        self.fields.label("address").setText(self.tr("Address"))
        self.fields.label("timezone").setText(self.tr("Time zone"))
        self.code.setPlaceholderText(self.tr("e.g. SZ-01"))
        self.code.setToolTip(self.tr("A hall's code cannot change once it is made."))

    def new_title(self) -> str:
        return self.tr("New hall")

    def describe_row(self, row: HallDetails) -> str:
        return row.name

    def load(
        self, session: Session, hall_id: uuid.UUID | None, params: None
    ) -> tuple[list[HallDetails], None]:
        return setup.list_hall_details(session), None

    def refresh(self) -> None:
        # Open on the current hall.
        if self._editing_id is None and self.context.hall is not None and not self._dirty:
            self._select_after_load = self.context.hall.id
        super().refresh()

    def fill_form(self, row: HallDetails | None) -> None:
        self.code.setText(row.code if row else "")
        self.code.setReadOnly(row is not None)
        self.name.setText(row.name if row else "")
        self.address.setText(row.address if row else "")
        self.timezone.setCurrentText(row.timezone if row else DEFAULT_ZONE)

    def read_form(self) -> HallDraft:
        return HallDraft(
            name=self.name.text(),
            address=self.address.text(),
            timezone=self.timezone.currentText(),
            code=self.code.text(),
        )

    def create_row(self, session: Session, hall_id: uuid.UUID | None, draft: HallDraft) -> NewHall:
        try:
            zone = hall_zone(draft.timezone.strip() or None)
        except ValueError:
            zone = hall_zone(None)  # the service names the bad zone
        return setup.set_up_new_hall(
            session, draft, today=self.context.now().astimezone(zone).date()
        )

    def update_row(
        self,
        session: Session,
        hall_id: uuid.UUID | None,
        row_id: uuid.UUID,
        draft: HallDraft,
        today: date,
    ) -> HallDetails:
        return setup.update_hall(session, row_id, draft)

    def load_params(self) -> None:
        return None

    def result_row(self, result: NewHall | HallDetails) -> HallDetails:
        return result.hall if isinstance(result, NewHall) else result

    def after_save(self, result: NewHall | HallDetails, created: bool) -> None:
        if isinstance(result, NewHall):
            self.status.setText(self.new_hall_summary(result))
            if self.context.hall is None:
                self.context.set_hall(result.hall.info())
            return
        current = self.context.hall
        if current is not None and current.id == result.id and current != result.info():
            self.context.set_hall(result.info())

    def new_hall_summary(self, result: NewHall) -> str:
        """Say what a new hall got: which years of holidays, and which are not known yet."""
        text = self.tr("Hall %1 created with the default rules.").replace("%1", result.hall.name)
        if result.imported_years:
            years = "、".join(str(year) for year in result.imported_years)
            text += " " + self.tr("National holidays imported for %1.").replace("%1", years)
        if result.unknown_years:
            years = "、".join(str(year) for year in result.unknown_years)
            text += " " + self.tr(
                "The national calendar does not know %1 yet: enter its holidays under Holidays "
                "once they are published; until then it is counted Monday to Friday."
            ).replace("%1", years)
        return text
