"""Importing the State Council's holiday notice into a hall's holiday table.

The notice for next year comes out each November, long before chinesecalendar knows
the year, and until then every deadline into that year is guessed Monday to Friday
(provisional). An admin pastes the notice (Settings › holidays, or `hallwatch holiday
import-notice FILE`): `preview_notice` shows what it would change, `import_notice`
saves the days as national rows whose source is the notice, keeps the notice's text as
the hall setting `holiday_notice:<year>`, and recomputes the due dates the change
moves (each case gets a 'due_changed' event, as for any change of the table).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.calendar import DaySource, WorkCalendar
from hallwatch.domain.errors import NotFoundError
from hallwatch.domain.holiday_notice import HolidayNotice, parse_notice
from hallwatch.services.cases.open_cases import recompute_due_dates
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.storage.models import Hall, Holiday, Setting

SETTING_PREFIX = "holiday_notice:"

# What saving the notice does to one day of the table.
NEW, SAME, CHANGED, KEPT = "new", "same", "changed", "kept"


@dataclass(frozen=True, slots=True)
class NoticeLine:
    """One day of the notice, and what saving it would do."""

    day: date
    is_workday: bool
    name: str
    said: str  # the notice's sentence
    # NEW, SAME, CHANGED (a national row said otherwise), KEPT (the hall's own entry stays)
    change: str


@dataclass(frozen=True, slots=True)
class NoticePreview:
    year: int
    title: str
    source: str
    lines: tuple[NoticeLine, ...]
    # National rows of the year that the notice does not list: saving removes them.
    removed: tuple[date, ...]

    @property
    def holidays(self) -> int:
        return sum(not line.is_workday for line in self.lines)

    @property
    def workdays(self) -> int:
        return sum(line.is_workday for line in self.lines)


@dataclass(frozen=True, slots=True)
class NoticeImport:
    """What saving a notice changed."""

    year: int
    source: str
    added: int
    updated: int
    unchanged: int
    removed: int
    kept_hall_days: tuple[date, ...]
    # Cases whose due dates moved (each has a 'due_changed' event in its history).
    cases_changed: int


def _check_hall(session: Session, hall_id: uuid.UUID) -> None:
    if session.get(Hall, hall_id) is None:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")


def _existing(session: Session, hall_id: uuid.UUID, notice: HolidayNotice) -> dict[date, Holiday]:
    days = {d.day for d in notice.days}
    first = min(min(days), date(notice.year, 1, 1))
    last = max(max(days), date(notice.year, 12, 31))
    rows = session.scalars(
        select(Holiday).where(Holiday.hall_id == hall_id, Holiday.day >= first, Holiday.day <= last)
    )
    return {row.day: row for row in rows}


def _plan(
    notice: HolidayNotice, existing: dict[date, Holiday]
) -> tuple[list[NoticeLine], list[Holiday]]:
    source = notice.source
    lines: list[NoticeLine] = []
    for entry in notice.days:
        row = existing.get(entry.day)
        if row is None or row.deleted:
            change = NEW
        elif not row.national:
            change = KEPT  # the hall's own decision beats the national calendar
        elif (row.is_workday, row.name, row.source) == (entry.is_workday, entry.name, source):
            change = SAME
        else:
            change = CHANGED
        lines.append(NoticeLine(entry.day, entry.is_workday, entry.name, entry.said, change))
    listed = {entry.day for entry in notice.days}
    stale = [
        row
        for day, row in sorted(existing.items())
        if day.year == notice.year and row.national and not row.deleted and day not in listed
    ]
    return lines, stale


def preview_notice(
    session: Session, hall_id: uuid.UUID, text: str, year: int | None = None
) -> NoticePreview:
    """Parse a pasted notice and say what saving it would change; changes nothing."""
    _check_hall(session, hall_id)
    notice = parse_notice(text, year)
    lines, stale = _plan(notice, _existing(session, hall_id, notice))
    return NoticePreview(
        notice.year, notice.title, notice.source, tuple(lines), tuple(r.day for r in stale)
    )


def _answers(calendar: WorkCalendar, days: list[date]) -> list[tuple[bool, bool]]:
    infos = [calendar.day_info(day) for day in days]
    return [(info.is_workday, info.source is DaySource.WEEKDAY) for info in infos]


def import_notice(
    session: Session, hall_id: uuid.UUID, text: str, year: int | None = None
) -> NoticeImport:
    """Save a notice's days into the hall's holiday table and recompute the moved due dates."""
    _check_hall(session, hall_id)
    notice = parse_notice(text, year)
    existing = _existing(session, hall_id, notice)
    lines, stale = _plan(notice, existing)
    first = min(min(line.day for line in lines), date(notice.year, 1, 1))
    span = [first + timedelta(days=n) for n in range((date(notice.year, 12, 31) - first).days + 1)]
    before = _answers(hall_calendar(session, hall_id), span)
    added = updated = unchanged = 0
    kept: list[date] = []
    for line in lines:
        row = existing.get(line.day)
        if line.change == KEPT:
            kept.append(line.day)
            continue
        if line.change == SAME:
            unchanged += 1
            continue
        if row is None:
            row = Holiday(hall_id=hall_id, day=line.day)
            session.add(row)
            added += 1
        elif row.deleted:
            added += 1
        else:
            updated += 1
        row.deleted, row.is_workday, row.name = False, line.is_workday, line.name
        row.source, row.national = notice.source, True
    for row in stale:
        row.deleted = True
    _keep_text(session, hall_id, notice, text)
    session.flush()
    # A day moves when its answer changes, or when it stops being a guess (the year
    # becomes known): both can change a due date or its "provisional" mark.
    after = _answers(hall_calendar(session, hall_id), span)
    moved = [day for day, old, new in zip(span, before, after, strict=True) if old != new]
    cases = recompute_due_dates(session, hall_id, moved)
    return NoticeImport(
        notice.year,
        notice.source,
        added,
        updated,
        unchanged,
        len(stale),
        tuple(kept),
        cases,
    )


def _keep_text(session: Session, hall_id: uuid.UUID, notice: HolidayNotice, text: str) -> None:
    """Keep the notice itself beside the rows that cite it (synced like any setting)."""
    key = f"{SETTING_PREFIX}{notice.year}"
    value = {
        "title": notice.title,
        "doc_no": notice.doc_no,
        "source": notice.source,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "text": text,
    }
    row = session.scalar(select(Setting).where(Setting.hall_id == hall_id, Setting.key == key))
    if row is None:
        session.add(Setting(hall_id=hall_id, key=key, value=value))
    elif row.value != value or row.deleted:
        row.value, row.deleted = value, False


def saved_notice_text(session: Session, hall_id: uuid.UUID, year: int) -> str | None:
    """Return the text of the notice saved for year, if one was imported."""
    value = session.scalar(
        select(Setting.value).where(
            Setting.hall_id == hall_id,
            Setting.key == f"{SETTING_PREFIX}{year}",
            Setting.deleted.is_(False),
        )
    )
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return str(value["text"])
    return None
