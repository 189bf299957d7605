"""窗口: numbered service windows, their unit, zone and camera."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from hallwatch.camera.masking import mask_credentials
from hallwatch.services.setup import entities as setup
from hallwatch.services.setup.entities import UnitRow, WindowDraft, WindowRow
from hallwatch.storage.session import Session
from ui.settings.choices import NONE, chosen_id, select_data, set_choices
from ui.settings.record_page import PlainRecordPage, need_hall
from ui.settings.rows_table_model import Column


class WindowsPage(PlainRecordPage[WindowRow, WindowDraft, list[UnitRow]]):
    """Windows: number (A12), unit, zone, camera addresses; deactivated, never deleted.

    A camera address may hold a password. The list and the form show it masked
    (camera/masking.py); a masked text saved unchanged keeps the stored address, so
    the password is never on screen and never lost. Typing a new address replaces it.
    """

    tables = frozenset({"windows", "units"})
    removal_deactivates = True

    def build_form(self) -> None:
        self.number = QLineEdit()
        self.name = QLineEdit()
        self.unit = QComboBox()
        self.zone = QLineEdit()
        self.camera = QLineEdit()
        self.snapshot_url = QLineEdit()
        self.active = QCheckBox()
        # The stored addresses and their masked texts shown in the form.
        self._stored: tuple[str, str] = ("", "")
        for name, widget in (
            ("number", self.number),
            ("name", self.name),
            ("unit_id", self.unit),
            ("zone", self.zone),
            ("camera_source", self.camera),
            ("camera_snapshot_url", self.snapshot_url),
            ("active", self.active),
        ):
            self.fields.add(name, widget)

    def columns(self) -> list[Column[WindowRow]]:
        return [
            Column(self.tr("Number"), lambda r: r.number),
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Unit"), lambda r: r.unit_name),
            Column(self.tr("Zone"), lambda r: r.zone),
            Column(self.tr("Camera"), lambda r: r.camera_label),
            Column(self.tr("Snapshot address"), lambda r: r.snapshot_url_label),
            Column(self.tr("Active"), lambda r: self.tr("Yes") if r.active else self.tr("No")),
        ]

    def retranslate_form(self) -> None:
        labels = {
            "number": self.tr("Window number"),
            "name": self.tr("Name"),
            "unit_id": self.tr("Unit"),
            "zone": self.tr("Zone"),
            "camera_source": self.tr("Camera"),
            "camera_snapshot_url": self.tr("Snapshot address"),
            "active": self.tr("Status"),
        }
        for name, text in labels.items():
            self.fields.label(name).setText(text)
        self.number.setPlaceholderText(self.tr("e.g. A12"))
        self.camera.setPlaceholderText(self.tr("stream address, snapshot address or webcam number"))
        self.camera.setToolTip(
            self.tr(
                "The address may hold a password: it is kept, but shown masked. "
                "Leave the masked text as it is to keep it; type the whole address to change it."
            )
        )
        self.snapshot_url.setPlaceholderText(
            self.tr("JPEG picture address, tried when the stream fails (optional)")
        )
        self.snapshot_url.setToolTip(
            self.tr(
                "e.g. Hikvision http://IP/ISAPI/Streaming/channels/101/picture, "
                "Dahua http://IP/cgi-bin/snapshot.cgi?channel=1. When neither address "
                "gives a picture, the check screen offers to import a photo."
            )
        )
        self.active.setText(self.tr("In service"))

    def new_title(self) -> str:
        return self.tr("New window")

    def describe_row(self, row: WindowRow) -> str:
        return self.tr("Window %1").replace("%1", row.number)

    def load(
        self, session: Session, hall_id: uuid.UUID | None, params: None
    ) -> tuple[list[WindowRow], list[UnitRow]]:
        hall = need_hall(hall_id)
        return setup.list_windows(session, hall), setup.list_units(session, hall)

    def apply_extra(self, units: list[UnitRow]) -> None:
        set_choices(self.unit, [(NONE, ""), *((u.name, str(u.id)) for u in units)])

    def fill_form(self, row: WindowRow | None) -> None:
        self.number.setText(row.number if row else "")
        self.name.setText(row.name if row else "")
        select_data(self.unit, row.unit_id if row else None)
        self.zone.setText(row.zone if row else "")
        self._stored = (row.camera_source, row.camera_snapshot_url) if row else ("", "")
        self.camera.setText(row.camera_label if row else "")
        self.snapshot_url.setText(row.snapshot_url_label if row else "")
        self.active.setChecked(row.active if row else True)

    def read_form(self) -> WindowDraft:
        return WindowDraft(
            number=self.number.text(),
            unit_id=chosen_id(self.unit),
            name=self.name.text(),
            zone=self.zone.text(),
            camera_source=_kept(self.camera.text(), self._stored[0]),
            camera_snapshot_url=_kept(self.snapshot_url.text(), self._stored[1]),
            active=self.active.isChecked(),
        )

    def create_row(
        self, session: Session, hall_id: uuid.UUID | None, draft: WindowDraft
    ) -> WindowRow:
        return setup.create_window(session, need_hall(hall_id), draft)

    def update_row(
        self,
        session: Session,
        hall_id: uuid.UUID | None,
        row_id: uuid.UUID,
        draft: WindowDraft,
        today: date,
    ) -> WindowRow:
        return setup.update_window(session, need_hall(hall_id), row_id, draft, today=today)

    def remove_row(
        self, session: Session, hall_id: uuid.UUID | None, row_id: uuid.UUID, today: date
    ) -> WindowRow:
        return setup.deactivate_window(session, need_hall(hall_id), row_id, today=today)


def _kept(text: str, stored: str) -> str:
    """The stored address when the form still shows its masked text, else what was typed."""
    return stored if stored and text.strip() == mask_credentials(stored) else text
