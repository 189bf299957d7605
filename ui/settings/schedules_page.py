"""作息时间: the hall's opening hours per season, and the days no season covers."""

from __future__ import annotations

import uuid
from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QTimeEdit

from hallwatch.services.setup import entities as setup
from hallwatch.services.setup.entities import ScheduleDraft, ScheduleList, ScheduleRow, SeasonGap
from hallwatch.storage.session import Session
from ui.settings.record_page import PlainRecordPage, need_hall
from ui.settings.rows_table_model import Column

WARNING_STYLE = "color: #b26a00;"


def qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def py_time(value: QTime) -> time:
    return time(value.hour(), value.minute())


def time_edit() -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    return edit


class SchedulesPage(PlainRecordPage[ScheduleRow, ScheduleDraft, tuple[SeasonGap, ...]]):
    """Schedules: season (MM-DD to MM-DD, may wrap), morning and afternoon hours, grace."""

    tables = frozenset({"schedules"})

    def build_form(self) -> None:
        self.coverage = QLabel(self)
        self.coverage.setObjectName("coverage_warning")
        self.coverage.setStyleSheet(WARNING_STYLE)
        self.coverage.setWordWrap(True)
        self.coverage.hide()
        self.toolbar.addWidget(self.coverage, 1)
        self.gaps: tuple[SeasonGap, ...] = ()
        self.name = QLineEdit()
        self.season_start = QLineEdit()
        self.season_end = QLineEdit()
        self.am_start, self.am_end = time_edit(), time_edit()
        self.pm_start, self.pm_end = time_edit(), time_edit()
        self.grace = QSpinBox()
        self.grace.setRange(0, 120)
        for name, widget in (
            ("name", self.name),
            ("season_start", self.season_start),
            ("season_end", self.season_end),
            ("am_start", self.am_start),
            ("am_end", self.am_end),
            ("pm_start", self.pm_start),
            ("pm_end", self.pm_end),
            ("late_grace_minutes", self.grace),
        ):
            self.fields.add(name, widget)

    def columns(self) -> list[Column[ScheduleRow]]:
        return [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Season"), lambda r: f"{r.season_start} – {r.season_end}"),
            Column(self.tr("Morning"), lambda r: f"{r.am_start:%H:%M} – {r.am_end:%H:%M}"),
            Column(self.tr("Afternoon"), lambda r: f"{r.pm_start:%H:%M} – {r.pm_end:%H:%M}"),
            Column(
                self.tr("Late grace"),
                lambda r: self.tr("%1 min").replace("%1", str(r.late_grace_minutes)),
            ),
        ]

    def retranslate_form(self) -> None:
        labels = {
            "name": self.tr("Name"),
            "season_start": self.tr("Season starts"),
            "season_end": self.tr("Season ends"),
            "am_start": self.tr("Morning starts"),
            "am_end": self.tr("Morning ends"),
            "pm_start": self.tr("Afternoon starts"),
            "pm_end": self.tr("Afternoon ends"),
            "late_grace_minutes": self.tr("Late grace"),
        }
        for name, text in labels.items():
            self.fields.label(name).setText(text)
        self.season_start.setPlaceholderText(self.tr("e.g. 05-01"))
        self.season_end.setPlaceholderText(self.tr("e.g. 09-30"))
        self.grace.setSuffix(self.tr(" min"))
        self._show_gaps()

    def _show_gaps(self) -> None:
        if not self.gaps:
            self.coverage.clear()
            self.coverage.hide()
            return
        spans = "、".join(
            self.tr("%1 to %2").replace("%1", gap.first).replace("%2", gap.last)
            for gap in self.gaps
        )
        self.coverage.setText(
            self.tr(
                "No schedule covers %1: attendance cannot be judged on those days. "
                "Add a season or widen one."
            ).replace("%1", spans)
        )
        self.coverage.show()

    def new_title(self) -> str:
        return self.tr("New schedule")

    def describe_row(self, row: ScheduleRow) -> str:
        return row.name

    def load(
        self, session: Session, hall_id: uuid.UUID | None, params: None
    ) -> tuple[list[ScheduleRow], tuple[SeasonGap, ...]]:
        listed: ScheduleList = setup.list_schedules(session, need_hall(hall_id))
        return list(listed.rows), listed.gaps

    def apply_extra(self, gaps: tuple[SeasonGap, ...]) -> None:
        self.gaps = gaps
        self._show_gaps()

    def fill_form(self, row: ScheduleRow | None) -> None:
        self.name.setText(row.name if row else "")
        self.season_start.setText(row.season_start if row else "")
        self.season_end.setText(row.season_end if row else "")
        self.am_start.setTime(qtime(row.am_start if row else time(9)))
        self.am_end.setTime(qtime(row.am_end if row else time(12)))
        self.pm_start.setTime(qtime(row.pm_start if row else time(13, 30)))
        self.pm_end.setTime(qtime(row.pm_end if row else time(17, 30)))
        self.grace.setValue(row.late_grace_minutes if row else 0)

    def read_form(self) -> ScheduleDraft:
        return ScheduleDraft(
            name=self.name.text(),
            season_start=self.season_start.text(),
            season_end=self.season_end.text(),
            am_start=py_time(self.am_start.time()),
            am_end=py_time(self.am_end.time()),
            pm_start=py_time(self.pm_start.time()),
            pm_end=py_time(self.pm_end.time()),
            late_grace_minutes=self.grace.value(),
        )

    def create_row(
        self, session: Session, hall_id: uuid.UUID | None, draft: ScheduleDraft
    ) -> ScheduleRow:
        return setup.create_schedule(session, need_hall(hall_id), draft)

    def update_row(
        self,
        session: Session,
        hall_id: uuid.UUID | None,
        row_id: uuid.UUID,
        draft: ScheduleDraft,
        today: date,
    ) -> ScheduleRow:
        return setup.update_schedule(session, need_hall(hall_id), row_id, draft)

    def remove_row(
        self, session: Session, hall_id: uuid.UUID | None, row_id: uuid.UUID, today: date
    ) -> ScheduleRow:
        return setup.remove_schedule(session, need_hall(hall_id), row_id)
