"""节假日: the hall's holiday table, one year at a time, and the national calendar import."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox

from hallwatch.services.setup import entities as setup
from hallwatch.services.setup.entities import HolidayDraft, HolidayImport, HolidayRow
from hallwatch.services.setup.holiday_notice import NoticeImport
from hallwatch.storage.session import Session
from ui.settings.assignments_page import date_edit, py_date, qdate
from ui.settings.choices import set_choices
from ui.settings.record_page import RecordPage, need_hall
from ui.settings.rows_table_model import Column
from ui.widgets.form_fields import ERROR_STYLE

if TYPE_CHECKING:
    from ui.settings.holiday_notice_dialog import HolidayNoticeDialog

WEEKDAYS = "一二三四五六日"


class HolidaysPage(RecordPage[HolidayRow, HolidayDraft, None, int, HolidayRow]):
    """Holidays: days off and make-up workdays of a year; import the State Council's calendar."""

    tables = frozenset({"holidays"})

    def build_form(self) -> None:
        self.year_label = QLabel(self)
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(1990, 2100)
        self.year.setValue(self.hall_today().year)
        self.year.valueChanged.connect(lambda _year: self.refresh())
        self.year_label.setBuddy(self.year)
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_button")
        self.import_button.clicked.connect(self.import_national)
        self.notice_button = QPushButton(self)
        self.notice_button.setObjectName("notice_button")
        self.notice_button.clicked.connect(self.paste_notice)
        self.notice_dialog: HolidayNoticeDialog | None = None
        self.coverage = QLabel(self)
        self.coverage.setObjectName("calendar_coverage")
        self.year_error = QLabel(self)
        self.year_error.setObjectName("error_year")
        self.year_error.setStyleSheet(ERROR_STYLE)
        self.year_error.setWordWrap(True)
        self.year_error.hide()
        self.toolbar.addWidget(self.year_label)
        self.toolbar.addWidget(self.year)
        self.toolbar.addWidget(self.import_button)
        self.toolbar.addWidget(self.notice_button)
        self.toolbar.addWidget(self.coverage, 1)
        self.page_layout.insertWidget(1, self.year_error)

        self.day = date_edit()
        self.kind = QComboBox()
        self.name = QLineEdit()
        self.source = QLineEdit()
        self.national = QCheckBox()
        for name, widget in (
            ("day", self.day),
            ("is_workday", self.kind),
            ("name", self.name),
            ("source", self.source),
            ("national", self.national),
        ):
            self.fields.add(name, widget)

    def columns(self) -> list[Column[HolidayRow]]:
        return [
            Column(self.tr("Date"), lambda r: r.day.isoformat()),
            Column(self.tr("Weekday"), lambda r: self._weekday(r.day)),
            Column(
                self.tr("Working?"),
                lambda r: self.tr("Workday") if r.is_workday else self.tr("Off"),
            ),
            Column(self.tr("Name"), lambda r: r.name),
            Column(
                self.tr("Kind"),
                lambda r: self.tr("National") if r.national else self.tr("This hall"),
            ),
            Column(self.tr("Source document"), lambda r: r.source),
        ]

    def _weekday(self, day: date) -> str:
        return self.tr("Mon Tue Wed Thu Fri Sat Sun").split()[day.weekday()]

    def retranslate_form(self) -> None:
        labels = {
            "day": self.tr("Date"),
            "is_workday": self.tr("Working?"),
            "name": self.tr("Name"),
            "source": self.tr("Source document"),
            "national": self.tr("Kind"),
        }
        for name, text in labels.items():
            self.fields.label(name).setText(text)
        set_choices(self.kind, [(self.tr("Day off"), "off"), (self.tr("Make-up workday"), "work")])
        self.national.setText(self.tr("National calendar (State Council notice)"))
        self.name.setPlaceholderText(self.tr("e.g. National Day, or a hall closure"))
        self.year_label.setText(self.tr("Year"))
        self.import_button.setText(self.tr("Import national holidays"))
        self.import_button.setToolTip(
            self.tr("Copy the year's holidays and make-up workdays from the national calendar")
        )
        self.notice_button.setText(self.tr("Paste the State Council's notice…"))
        self.notice_button.setToolTip(
            self.tr("Enter a year the national calendar does not know yet from the notice's text")
        )
        first, last = setup.national_calendar_years()
        self.coverage.setText(
            self.tr("The national calendar installed covers %1–%2.")
            .replace("%1", str(first))
            .replace("%2", str(last))
        )

    def new_title(self) -> str:
        return self.tr("New entry")

    def describe_row(self, row: HolidayRow) -> str:
        return f"{row.day.isoformat()} {row.name}".strip()

    def load_params(self) -> int:
        return self.year.value()

    def load(
        self, session: Session, hall_id: uuid.UUID | None, year: int
    ) -> tuple[list[HolidayRow], None]:
        return setup.list_holidays(session, need_hall(hall_id), year), None

    def result_row(self, result: HolidayRow) -> HolidayRow:
        return result

    def fill_form(self, row: HolidayRow | None) -> None:
        if row is None:
            # A new entry starts on today's date in the year shown.
            year = self.year.value()
            try:
                day = self.hall_today().replace(year=year)
            except ValueError:  # 29 February
                day = date(year, 3, 1)
        else:
            day = row.day
        self.day.setDate(qdate(day))
        # The day is what an entry is about: to move one, remove it and add another.
        self.day.setEnabled(row is None)
        self.kind.setCurrentIndex(1 if row and row.is_workday else 0)
        self.name.setText(row.name if row else "")
        self.source.setText(row.source if row else "")
        self.national.setChecked(row.national if row else False)

    def read_form(self) -> HolidayDraft:
        return HolidayDraft(
            day=py_date(self.day.date()),
            is_workday=self.kind.currentData() == "work",
            name=self.name.text(),
            source=self.source.text(),
            national=self.national.isChecked(),
        )

    def create_row(
        self, session: Session, hall_id: uuid.UUID | None, draft: HolidayDraft
    ) -> HolidayRow:
        return setup.create_holiday(session, need_hall(hall_id), draft)

    def update_row(
        self,
        session: Session,
        hall_id: uuid.UUID | None,
        row_id: uuid.UUID,
        draft: HolidayDraft,
        today: date,
    ) -> HolidayRow:
        return setup.update_holiday(session, need_hall(hall_id), row_id, draft)

    def remove_row(
        self, session: Session, hall_id: uuid.UUID | None, row_id: uuid.UUID, today: date
    ) -> HolidayRow:
        return setup.remove_holiday(session, need_hall(hall_id), row_id)

    # --- the national calendar ------------------------------------------------------

    def import_national(self) -> None:
        """Copy the selected year from chinesecalendar (says so when it does not know it)."""
        if self.context.hall is None or not self.is_idle():
            return
        self.year_error.clear()
        self.year_error.hide()
        self.status.clear()
        hall_id, year = self.context.hall.id, self.year.value()

        def change(session: Session) -> HolidayImport:
            return setup.import_national_holidays(session, hall_id, year)

        self._start_write(change, self._on_imported)

    def _on_imported(self, result: HolidayImport) -> None:
        text = (
            self.tr("%1: %2 days added, %3 corrected, %4 already there.")
            .replace("%1", str(result.year))
            .replace("%2", str(result.added))
            .replace("%3", str(result.updated))
            .replace("%4", str(result.unchanged))
        )
        if result.kept_hall_days:
            days = ", ".join(day.isoformat() for day in result.kept_hall_days)
            text += " " + self.tr("Kept this hall's own entries for %1.").replace("%1", days)
        self.status.setText(text)

    def paste_notice(self) -> None:
        """Open the dialog that reads a pasted notice, shows its days and saves them."""
        from ui.settings.holiday_notice_dialog import HolidayNoticeDialog

        if self.context.hall is None or not self.is_idle():
            return
        dialog = HolidayNoticeDialog(self.context, self.context.hall.id, self)
        dialog.imported.connect(self._on_notice_imported)
        dialog.finished.connect(dialog.deleteLater)
        self.notice_dialog = dialog
        dialog.open()

    def _on_notice_imported(self, result: NoticeImport) -> None:
        text = (
            self.tr(
                "%1: %2 days added, %3 corrected, %4 already there; %5 cases' deadlines recomputed."
            )
            .replace("%1", str(result.year))
            .replace("%2", str(result.added))
            .replace("%3", str(result.updated))
            .replace("%4", str(result.unchanged))
            .replace("%5", str(result.cases_changed))
        )
        if result.kept_hall_days:
            days = ", ".join(day.isoformat() for day in result.kept_hall_days)
            text += " " + self.tr("Kept this hall's own entries for %1.").replace("%1", days)
        if self.year.value() != result.year:
            self.year.setValue(result.year)
        self.status.setText(text)

    def show_extra_error(self, field: object, text: str) -> bool:
        if field != "year":
            return False
        self.year_error.setText(text)
        self.year_error.show()
        return True

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "import_button"):
            self.import_button.setEnabled(self.context.hall is not None and not self._busy)
        if hasattr(self, "notice_button"):
            self.notice_button.setEnabled(self.context.hall is not None and not self._busy)
