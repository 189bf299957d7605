"""What the queue and the case imports share: the hall, the rows, the checks, the writing.

Both fill the `cases` table, which holds a queue ticket and the case it became.
The flow is the one of every import (DESIGN §10), in two steps:

1. Check: every row of the file is read, its values parsed and looked up (unit,
   window, staff, service item), its times put in order, its rating mapped to the
   national levels and its due dates computed with the hall's calendar. A good row
   leaves a fixed number of integers in one flat array (`Plan`), a bad one a row
   error. Duplicates inside the file are found on the way: the same row twice is
   merged, the same key with other values is an error. Due dates in a year without
   holiday data are provisional: a warning by row, not an error.
2. Decide and write: the good rows are matched against the rows already stored
   (each kind says how, see queue.py and casefile.py). A stored row that the file
   repeats is left alone when nothing differs, and updated through the ORM when
   something does (so each change is audited and synced field by field); a key
   that clashes with a different stored row is an error. Then, unless a row has an
   error and the good rows were not asked for, one write transaction adds the
   ImportBatch row, the updates, and the new rows through storage.bulk.bulk_insert
   (Core executemany, with `cases.bulk_create` outbox mutations of at most 1,000
   rows each and an audit entry for each). The cases table has no batch column: the
   rows of a batch carry its `imported_at` as their `created_at`.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
import uuid
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.calendar import WorkCalendar
from hallwatch.domain.cases import due_dates
from hallwatch.domain.enums import CaseStatus
from hallwatch.domain.errors import NotFoundError
from hallwatch.domain.ids import uuid7
from hallwatch.domain.timeutil import hall_zone, utcnow
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.imports.mapping import ColumnMapping, DataTable, normalize_header
from hallwatch.services.imports.ratings import MAX_RAW, RatingScale, load_rating_scale
from hallwatch.services.imports.reading import SourceInfo, TableReader, TableRow
from hallwatch.services.imports.report import (
    CHECK_SHARE,
    Cancelled,
    ErrorLog,
    ImportCancelled,
    ImportFileError,
    ImportReport,
    Progress,
    RowError,
    RowProblem,
    write_progress,
)
from hallwatch.services.imports.values import (
    LocalTime,
    MomentCheck,
    parse_date,
    parse_local_datetime,
    parse_time,
    text_value,
)
from hallwatch.storage import changelog
from hallwatch.storage.bulk import bulk_insert
from hallwatch.storage.database import Database
from hallwatch.storage.models import (
    Case,
    CaseEvent,
    Hall,
    ImportBatch,
    ServiceItem,
    Staff,
    Unit,
    Window,
)

NONE = -1
CHECK_EVERY = 8192
# Share of the progress bar for the checking pass; writing takes the rest.
# Longest working-day limit taken from a file (three years of working days).
MAX_DAYS = 999
MAX_HOLD_MINUTES = 24 * 60
MAX_TICKET = 24
MAX_CASE_NO = 40

STATUSES: tuple[CaseStatus, ...] = tuple(CaseStatus)
STATUS_INDEX = {status: index for index, status in enumerate(STATUSES)}
# A status read from a state cell is stored as its index; one derived from the times
# (no state in the file) as its index + DERIVED.
DERIVED = 16

# The flat layout of a good row in Plan.values: STRIDE integers, NONE when empty.
(
    F_NUMBER,  # the file row
    F_TAKEN,  # epoch seconds (UTC)
    F_CALLED,
    F_ACCEPTED,
    F_FINISHED,
    F_RATED,
    F_UNIT,  # index into the context's lists
    F_WINDOW,
    F_STAFF,
    F_ITEM,
    F_STATUS,  # index into STATUSES (+ DERIVED)
    F_HOLD,  # minutes
    F_PAUSED,  # working days
    F_EXTENDED,
    F_PROMISED_DUE,  # date ordinals (0: no due dates)
    F_LEGAL_DUE,
    F_PROVISIONAL,  # 0 or 1
    F_RATING,  # 1..5
    F_RATING_RAW,  # index into Plan.rating_raw
    F_SERVICE_FINISHED,  # epoch seconds: the end of service at the window (queue exports)
    F_PROMISED_DAYS,  # the case's own limits in working days
    F_LEGAL_DAYS,
) = range(22)
STRIDE = 22
TIME_SLOTS = (F_TAKEN, F_CALLED, F_ACCEPTED, F_FINISHED, F_RATED, F_SERVICE_FINISHED)
TIME_FIELDS = (
    "taken_at",
    "called_at",
    "accepted_at",
    "finished_at",
    "rated_at",
    "service_finished_at",
)


def fold(text: str) -> str:
    """Return a name folded for look-ups: NFKC, lower case, no spaces or punctuation."""
    return normalize_header(text)


# --- the hall: units, windows, staff, service items -------------------------------


@dataclass(slots=True)
class CaseContext:
    """The hall's zone, calendar, rating scale and look-ups, as the checking pass needs them."""

    hall_id: uuid.UUID
    zone: ZoneInfo
    calendar: WorkCalendar
    rating: RatingScale
    unit_ids: list[uuid.UUID]
    units: dict[str, int]
    window_ids: list[uuid.UUID]
    window_units: list[int]
    windows: dict[str, int]
    staff_ids: list[uuid.UUID]
    staff_units: list[int]
    staff: dict[str, int]
    staff_names: dict[str, list[int]]
    item_ids: list[uuid.UUID]
    item_units: list[int]
    item_limits: list[tuple[int, int]]
    item_codes: dict[str, int]
    item_names: dict[str, list[int]]
    # Look-ups already made (text → index), so that a million rows cost a dict hit each.
    seen_units: dict[str, int] = field(default_factory=dict)
    seen_windows: dict[str, int] = field(default_factory=dict)
    seen_staff: dict[str, int] = field(default_factory=dict)
    seen_items: dict[tuple[str, int], int] = field(default_factory=dict)
    _due: dict[tuple[int, ...], tuple[int, int, bool]] = field(default_factory=dict)

    def find_unit(self, text: str, column: str) -> int:
        """Return the index of the unit a cell names (code, name or short name)."""
        found = self.seen_units.get(text)
        if found is not None:
            return found
        found = self.units.get(fold(text))
        if found is None or found < 0:
            why = "several units have this name" if found is not None else "the hall has none"
            raise RowProblem(
                column,
                text,
                f"unknown unit {text!r}: {why}; write its code or full name as in the hall's units",
                "unknown_unit",
            )
        self.seen_units[text] = found
        return found

    def find_window(self, text: str, column: str) -> int:
        """Return the index of the window a cell names (A01, a01, A01窗口, 3号窗口)."""
        found = self.seen_windows.get(text)
        if found is not None:
            return found
        folded = fold(text).upper()
        found = self.windows.get(folded)
        if found is None:
            bare = _WINDOW_WORDS.sub("", folded)
            found = self.windows.get(bare) if bare else None
        if found is None:
            raise RowProblem(
                column,
                text,
                f"unknown window {text}: the hall has no such window; add it (or import the "
                "roster) first",
                "unknown_window",
            )
        self.seen_windows[text] = found
        return found

    def find_staff(self, text: str, column: str) -> int:
        """Return the index of the staff member a cell names: staff number, PIN or name."""
        found = self.seen_staff.get(text)
        if found is not None:
            return found
        found = self.staff.get(text)
        if found is None and text.isdigit():
            found = self.staff.get(text.lstrip("0") or "0")
        if found is None:
            named = self.staff_names.get(fold(text), [])
            if len(named) > 1:
                raise RowProblem(
                    column,
                    text,
                    f"several staff members are called {text}; write the staff number instead",
                    "ambiguous_staff",
                )
            found = named[0] if named else None
        if found is None:
            raise RowProblem(
                column,
                text,
                f"unknown staff {text}: no staff member has this staff number, PIN or name; "
                "import the roster first",
                "unknown_staff",
            )
        self.seen_staff[text] = found
        return found

    def find_item(self, text: str, unit: int, column: str) -> int:
        """Return the index of the service item a cell names (code or name)."""
        key = (text, unit)
        found = self.seen_items.get(key)
        if found is not None:
            return found
        folded = fold(text)
        found = self.item_codes.get(folded)
        if found is None:
            named = self.item_names.get(folded, [])
            if len(named) > 1 and unit >= 0:
                named = [index for index in named if self.item_units[index] == unit]
            if len(named) > 1:
                raise RowProblem(
                    column,
                    text,
                    f"several service items are called {text!r}; write the item's code, or "
                    "give the unit",
                    "ambiguous_item",
                )
            found = named[0] if named else None
        if found is None:
            raise RowProblem(
                column,
                text,
                f"unknown service item {text!r}: the hall's catalogue has no item with this "
                "code or name; add it to the catalogue, or leave the column out with a mapping",
                "unknown_item",
            )
        self.seen_items[key] = found
        return found

    def due(
        self, day: int, promised: int, legal: int, paused: int, extended: int
    ) -> tuple[int, int, bool]:
        """Return the promised and legal due dates (ordinals) of a case accepted on day.

        As domain.cases.due_dates computes them (the day of acceptance not counted);
        the third value is True when they rely on a year without holiday data.
        """
        key = (day, promised, legal, paused, extended)
        found = self._due.get(key)
        if found is None:
            due = due_dates(self.calendar, date.fromordinal(day), promised, legal, paused, extended)
            found = (due.promised.toordinal(), due.legal.toordinal(), due.provisional)
            self._due[key] = found
        return found

    def unknown_years(self, first: int, last: int) -> list[int]:
        """Return the years between two date ordinals that have no holiday data."""
        years = range(date.fromordinal(first).year, date.fromordinal(last).year + 1)
        return [year for year in years if not self.calendar.knows_year(year)]


# 3号窗口, A01窗口, 窗口A01: the words around a window's number.
_WINDOW_WORDS = re.compile(r"^窗口|号?窗口$|号$")


def load_case_context(session: Session, hall_id: uuid.UUID, source: str) -> CaseContext:
    """Read the hall's zone, calendar, rating scale, units, windows, staff and items."""
    hall = session.get(Hall, hall_id)
    if hall is None or hall.deleted:
        raise NotFoundError(f"no hall with id {hall_id}", "choose one of the halls in this folder")
    units = session.execute(
        select(Unit.id, Unit.code, Unit.name, Unit.short_name)
        .where(Unit.hall_id == hall_id, Unit.deleted.is_(False))
        .order_by(Unit.code)
    ).all()
    unit_index = {unit.id: index for index, unit in enumerate(units)}
    unit_names: dict[str, int] = {}
    for index, unit in enumerate(units):
        for name in (unit.name, unit.short_name):
            key = fold(name)
            if key:
                # Two units of one name: the name names neither.
                unit_names[key] = index if unit_names.get(key, index) == index else NONE
    # A code always names one unit, whatever the names say.
    unit_names.update({fold(unit.code): index for index, unit in enumerate(units)})
    windows = session.execute(
        select(Window.id, Window.number, Window.unit_id)
        .where(Window.hall_id == hall_id, Window.deleted.is_(False))
        .order_by(Window.number)
    ).all()
    window_index: dict[str, int] = {}
    for index, window in enumerate(windows):
        window_index.setdefault(fold(window.number).upper(), index)
    staff = session.execute(
        select(Staff.id, Staff.staff_no, Staff.pin, Staff.name, Staff.unit_id)
        .where(Staff.hall_id == hall_id, Staff.deleted.is_(False))
        .order_by(Staff.staff_no)
    ).all()
    staff_index = {person.staff_no.strip(): index for index, person in enumerate(staff)}
    for index, person in enumerate(staff):
        # A PIN, or a staff number without its leading zeros (Excel drops them), stands in
        # for a staff number that nobody has.
        for key in (person.pin.strip(), person.staff_no.strip().lstrip("0")):
            if key:
                staff_index.setdefault(key, index)
    staff_names: dict[str, list[int]] = {}
    for index, person in enumerate(staff):
        staff_names.setdefault(fold(person.name), []).append(index)
    items = session.execute(
        select(
            ServiceItem.id,
            ServiceItem.code,
            ServiceItem.name,
            ServiceItem.unit_id,
            ServiceItem.promised_days,
            ServiceItem.legal_days,
        )
        .where(ServiceItem.hall_id == hall_id, ServiceItem.deleted.is_(False))
        .order_by(ServiceItem.code)
    ).all()
    item_names: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        item_names.setdefault(fold(item.name), []).append(index)
    return CaseContext(
        hall_id=hall_id,
        zone=hall_zone(hall.timezone),
        calendar=hall_calendar(session, hall_id),
        rating=load_rating_scale(session, hall_id, source),
        unit_ids=[unit.id for unit in units],
        units=unit_names,
        window_ids=[window.id for window in windows],
        window_units=[_index(unit_index, window.unit_id) for window in windows],
        windows=window_index,
        staff_ids=[person.id for person in staff],
        staff_units=[_index(unit_index, person.unit_id) for person in staff],
        staff=staff_index,
        staff_names=staff_names,
        item_ids=[item.id for item in items],
        item_units=[_index(unit_index, item.unit_id) for item in items],
        item_limits=[(item.promised_days, item.legal_days) for item in items],
        item_codes={fold(item.code): index for index, item in enumerate(items)},
        item_names=item_names,
    )


def _index(indexes: dict[uuid.UUID, int], unit_id: uuid.UUID | None) -> int:
    return indexes.get(unit_id, NONE) if unit_id is not None else NONE


# --- the file ---------------------------------------------------------------------


class CaseTable:
    """The data rows of a CSV/Excel queue or case export, read through its column mapping."""

    def __init__(self, info: SourceInfo, kind: str, mapping: ColumnMapping | None) -> None:
        self.info = info
        self.kind = kind
        self.mapping = mapping
        self.reader: TableReader | None = None
        self.warnings = ErrorLog()
        self.headers: list[str] = []
        self.columns: dict[str, int] = {}
        self.names: dict[str, str] = {}

    @property
    def encoding(self) -> str:
        return self.reader.encoding if self.reader is not None else self.info.encoding

    @property
    def fraction(self) -> float:
        return self.reader.fraction if self.reader is not None else 0.0

    def sha256(self) -> str:
        assert self.reader is not None
        return self.reader.sha256()

    def column(self, name: str) -> str:
        """Return how row errors name the column of a field ('' when the file has none)."""
        return self.names.get(name, "")

    def prepare(self, headers: list[str], columns: dict[str, int]) -> None:
        """Use these headers and field → column choices to read rows."""
        self.headers, self.columns = headers, columns
        self.names = {
            name: (headers[index] if index < len(headers) and headers[index] else "")
            or f"column {index + 1}"
            for name, index in columns.items()
        }

    def records(self) -> Iterator[tuple[int, str, bool, list[Any]]]:
        """Yield (row number, row as text, decoded cleanly, cells) for each data row."""
        # The shared table reader (mapping.DataTable) cleans cells and skips footers and
        # repeated headers, with warnings in self.warnings.
        table = DataTable(self.info, self.kind, self.mapping)
        self.reader, self.warnings = table.reader, table.warnings
        if not table.head:
            return
        self.prepare(table.headers, table.resolve())
        for row in table.rows():
            yield row.number, row.raw, row.decoded, row.cells


def _chain(first: list[TableRow], rest: Iterator[TableRow]) -> Iterator[TableRow]:
    yield from first
    yield from rest


# --- cell values -----------------------------------------------------------------

_DAYS = re.compile(r"^(\d{1,6})(?:\.0+)?(?:个)?(?:工作日|日|天|d|days?|workdays?|workingdays?)?$")
_MINUTES = re.compile(r"^(\d{1,6}(?:\.\d+)?)(?:分钟|分|mins?|minutes?|m)?$")
_CLOCK = re.compile(r"^(\d{1,3})[:：](\d{1,2})(?:[:：](\d{1,2}))?$")
_IMMEDIATE = frozenset({"即办", "即办件", "当场办结", "immediate"})


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).casefold())


def parse_days(value: Any) -> int | None:
    """Return a working-day count in a cell (5, 5个工作日, 即办 = 0); None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number of working days")
    if isinstance(value, int | float):
        if value < 0 or value != int(value):
            raise ValueError(f"{value!r} is not a whole number of working days")
        count = int(value)
    else:
        text = _squash(str(value))
        if not text:
            return None
        if text in _IMMEDIATE:
            return 0
        match = _DAYS.match(text)
        if match is None:
            raise ValueError(f"{str(value).strip()!r} is not a number of working days (e.g. 5)")
        count = int(match.group(1))
    if count > MAX_DAYS:
        raise ValueError(f"{count} working days is more than {MAX_DAYS}")
    return count


def parse_minutes(value: Any) -> int | None:
    """Return the minutes in a cell (12, 12分钟, 0:12:30, an Excel time); None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number of minutes")
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
    elif isinstance(value, time):
        minutes = round((value.hour * 3600 + value.minute * 60 + value.second) / 60)
    elif isinstance(value, int | float):
        if 0 < value < 1 and not float(value).is_integer():
            minutes = round(value * 24 * 60)  # Excel: a fraction of a day
        else:
            minutes = round(value)
    else:
        text = _squash(str(value))
        if not text:
            return None
        match = _MINUTES.match(text)
        clock = _CLOCK.match(text) if match is None else None
        if match is not None:
            minutes = round(float(match.group(1)))
        elif clock is not None:
            hours, mins, secs = clock.groups()
            if secs is None:  # H:MM
                minutes = int(hours) * 60 + int(mins)
            else:
                minutes = round((int(hours) * 3600 + int(mins) * 60 + int(secs)) / 60)
        else:
            raise ValueError(f"{str(value).strip()!r} is not a number of minutes (e.g. 12)")
    if minutes < 0:
        raise ValueError(f"{value!r} is negative")
    if minutes > MAX_HOLD_MINUTES:
        raise ValueError(f"{minutes} minutes is more than a day")
    return minutes


def read_moment(value: Any, base: date | None, date_only: bool) -> datetime:
    """Return the wall-clock time of a cell.

    A time of day alone is put on `base` (the row's date) when there is one; a date alone
    is midnight when date_only allows it. Raises ValueError with the reason.
    """
    try:
        return parse_local_datetime(value)
    except ValueError:
        if base is not None:
            try:
                clock = parse_time(value)
            except ValueError:
                pass
            else:
                return datetime.combine(base, clock)
        if date_only:
            try:
                return datetime.combine(parse_date(value), time(0))
            except ValueError:
                pass
        raise


# "No time yet" as systems write it: .NET's DateTime.MinValue (0001-01-01), MySQL's zero
# date, 1900-01-01 (SQL Server, Excel day 1), Excel's day 0 (1899-12-30/31), SQL Server's
# datetime minimum (1753-01-01) and the Unix epoch, each at midnight (the epoch also at
# 08:00, its hour in China).
_PLACEHOLDER_DAYS = frozenset(
    {(0, 0, 0), (1, 1, 1), (1900, 1, 1), (1899, 12, 30), (1899, 12, 31), (1753, 1, 1)}
)
_PLACEHOLDER_RE = re.compile(
    r"^\s*(\d{1,4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*[T\s]\s*(\d{1,2})\s*[:：]\s*(\d{1,2})(?:\s*[:：]\s*(\d{1,2})(?:\.\d+)?)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)


def is_placeholder_time(value: Any) -> bool:
    """Tell whether a cell holds a placeholder for "no time yet" (0001-01-01 00:00:00 …)."""
    if isinstance(value, datetime):
        day = (value.year, value.month, value.day)
        clock = (value.hour, value.minute, value.second)
    elif isinstance(value, date):
        day, clock = (value.year, value.month, value.day), (0, 0, 0)
    elif isinstance(value, str):
        match = _PLACEHOLDER_RE.match(value)
        if match is None:
            return False
        numbers = [int(part) if part else 0 for part in match.groups()]
        day, clock = (numbers[0], numbers[1], numbers[2]), (numbers[3], numbers[4], numbers[5])
    else:
        return False
    if day == (1970, 1, 1):
        return clock in ((0, 0, 0), (8, 0, 0))
    return day in _PLACEHOLDER_DAYS and clock == (0, 0, 0)


def time_problem(column: str, value: Any, error: ValueError, what: str) -> RowProblem:
    """Return the row problem of a time cell that cannot be read."""
    text = text_value(value)
    reason = str(error)
    if text and text not in reason:
        reason = f"{text!r} {reason}"
    return RowProblem(column, text, f"cannot read the {what}: {reason}", "bad_time")


def say(moment: datetime) -> str:
    """Return a wall-clock time as row errors show it."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def read_state(text: str, words: dict[str, CaseStatus], column: str, examples: str) -> CaseStatus:
    """Return the status a state cell names, or raise RowProblem listing the known words."""
    found = words.get(fold(text))
    if found is None:
        raise RowProblem(
            column,
            text,
            f"unknown state {text!r}: write one of {examples}, or give the source's own "
            "words and codes in a saved mapping (--mapping NAME)",
            "unknown_state",
        )
    return found


def with_mapped_states(
    words: dict[str, CaseStatus], mapping: ColumnMapping | None
) -> dict[str, CaseStatus]:
    """Return the known state words with a saved mapping's own words and codes on top."""
    if mapping is None or not mapping.states:
        return words
    merged = dict(words)
    for word, status in mapping.states.items():
        # Checked when the mapping was saved; a value no status has is left out.
        with contextlib.suppress(ValueError):
            merged[fold(word) or word.strip()] = CaseStatus(status)
    return merged


def status_words(table: dict[CaseStatus, Iterable[str]]) -> dict[str, CaseStatus]:
    """Return folded word → status, with each status's own English value."""
    words = {fold(status.value): status for status in CaseStatus}
    for status, names in table.items():
        for name in names:
            words[fold(name)] = status
    return words


# How row errors name the times, and the codes of times out of order.
_WHAT = {
    "called_at": "called",
    "accepted_at": "accepted",
    "finished_at": "finished",
    "rated_at": "rated",
}
_CODE = {
    "the ticket was taken": "taken",
    "it was called": "called",
    "it was accepted": "accepted",
}


# --- the checking pass --------------------------------------------------------------


@dataclass(slots=True)
class Plan:
    """What the checking pass found: the good rows as integers, and the errors."""

    kind: str
    values: array[int] = field(default_factory=lambda: array("q"))
    tickets: list[str] = field(default_factory=list)
    case_nos: list[str] = field(default_factory=list)
    rating_raw: list[str] = field(default_factory=lambda: [""])
    rating_index: dict[str, int] = field(default_factory=lambda: {"": 0})
    errors: ErrorLog = field(default_factory=ErrorLog)
    warnings: ErrorLog = field(default_factory=ErrorLog)
    merged: int = 0
    rows_read: int = 0
    encoding: str = ""
    sha256: str = ""
    # Field → the column's header, for messages.
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """Return the number of good rows."""
        return len(self.values) // STRIDE

    def get(self, row: int, slot: int) -> int:
        return self.values[row * STRIDE + slot]

    def same(self, a: int, b: int) -> bool:
        """Tell whether two good rows say the same (apart from their row numbers)."""
        va, vb = self.values, self.values
        sa, sb = a * STRIDE, b * STRIDE
        return (
            va[sa + 1 : sa + STRIDE] == vb[sb + 1 : sb + STRIDE]
            and self.tickets[a] == self.tickets[b]
            and self.case_nos[a] == self.case_nos[b]
        )

    def raw_index(self, raw: str) -> int:
        found = self.rating_index.get(raw)
        if found is None:
            found = self.rating_index[raw] = len(self.rating_raw)
            self.rating_raw.append(raw)
        return found


class RowChecker:
    """Parse one data row of a kind into the plan's integers (queue.py, casefile.py)."""

    kind = ""

    def __init__(self, table: CaseTable, ctx: CaseContext) -> None:
        self.table = table
        self.ctx = ctx
        self.at: dict[str, int] = {}
        self.names: dict[str, str] = {}
        self.epoch = LocalTime(ctx.zone).epoch
        # Times after this (epoch seconds) have not happened yet: a wrong clock or year.
        self.moment_check = MomentCheck(utcnow()).check
        # Field → its last cell read by moment(), as the file wrote it.
        self.written: dict[str, Any] = {}
        # Rating value → (level, raw value index): a source writes a handful of values.
        self._ratings: dict[str, tuple[int, int]] = {}

    def prepare(self) -> None:
        """Read the table's columns (called once the header is known)."""
        self.at = dict(self.table.columns)
        self.names = {name: self.table.column(name) for name in self.at}

    def cell(self, cells: list[Any], name: str) -> Any:
        """Return the value of a field's cell (None when the file has no such column)."""
        index = self.at.get(name)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def text(self, cells: list[Any], name: str, limit: int = 0, what: str = "") -> str:
        """Return a field's cell as text, refusing text longer than limit."""
        index = self.at.get(name)
        if index is None or index >= len(cells):
            return ""
        value = cells[index]
        # CSV cells are text already: the common case, a million times.
        value = value.strip() if type(value) is str else text_value(value)
        if limit and len(value) > limit:
            raise RowProblem(
                self.names[name],
                value[:40],
                f"the {what or name.replace('_', ' ')} is longer than {limit} characters",
                "too_long",
            )
        return value

    def moment(
        self,
        cells: list[Any],
        name: str,
        base: date | None,
        what: str,
        date_only: bool = False,
        required: bool = False,
        placeholder: bool = False,
    ) -> datetime | None:
        """Return a field's wall-clock time, None for an empty cell (an error when required).

        placeholder: a "no time yet" value (0001-01-01 00:00:00 and the like) is read as
        an empty cell; any other time before 1970 is refused as the file wrote it.
        """
        value = self.cell(cells, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise RowProblem(self.names.get(name, ""), "", f"the {what} is empty", "empty_time")
            return None
        if placeholder and is_placeholder_time(value):
            return None
        try:
            moment = read_moment(value, base, date_only)
        except ValueError as error:
            raise time_problem(self.names[name], value, error, what) from None
        # What the file wrote, for to_epoch to quote should it refuse the time.
        self.written[name] = value
        if moment.year < 1970:
            text = text_value(value)
            raise RowProblem(
                self.names[name],
                text,
                f"the {what} {text!r} is before 1970; check the file, and the clock of the "
                "system that wrote it",
                "time_out_of_range",
            )
        return moment

    def to_epoch(self, local: datetime, name: str) -> int:
        """Return the UTC epoch second of a wall-clock time, refusing one in the future."""
        # The same bounds as every import (values.MomentCheck): not before 2000, not ahead.
        seconds = self.epoch(local)
        try:
            return self.moment_check(seconds, say(local), self.names[name])
        except RowProblem:
            written = text_value(self.written.get(name))
            return self.moment_check(seconds, say(local), self.names[name], written)

    def before(
        self, name: str, later: datetime, later_epoch: int, earlier: list[tuple[str, int, datetime]]
    ) -> None:
        """Refuse a time earlier than the latest of the times that must come before it."""
        what, epoch, moment = max(earlier, key=lambda item: item[1])
        if later_epoch < epoch:
            raise RowProblem(
                self.names[name],
                say(later),
                f"{_WHAT[name]} at {say(later)}, before {what} ({say(moment)}); check the times",
                f"{name.removesuffix('_at')}_before_{_CODE[what]}",
            )

    def places(self, cells: list[Any]) -> tuple[int, int, int, int]:
        """Return the unit, window, staff and service item a row names (NONE when none)."""
        ctx = self.ctx
        unit = window = staff = item = NONE
        text = self.text(cells, "unit")
        if text:
            unit = ctx.find_unit(text, self.names["unit"])
        text = self.text(cells, "window")
        if text:
            window = ctx.find_window(text, self.names["window"])
        text = self.text(cells, "staff")
        if text:
            staff = ctx.find_staff(text, self.names["staff"])
        text = self.text(cells, "item")
        if text:
            item = ctx.find_item(text, unit, self.names["item"])
        if unit < 0:
            # The unit of the window, else of the item, else of the person.
            for index, owners in ((window, ctx.window_units), (item, ctx.item_units)):
                if index >= 0 and owners[index] >= 0:
                    unit = owners[index]
                    break
            else:
                if staff >= 0:
                    unit = ctx.staff_units[staff]
        return unit, window, staff, item

    def rating(self, cells: list[Any], plan: Plan) -> tuple[int, int]:
        """Return (national level, raw value index) of a row's rating; (NONE, 0) when unrated."""
        raw = self.text(cells, "rating")
        if not raw:
            return NONE, 0
        found = self._ratings.get(raw)
        if found is not None:
            return found
        try:
            level = self.ctx.rating.level(raw)
        except ValueError as error:
            raise RowProblem(self.names["rating"], raw, str(error), "rating_out_of_scale") from None
        found = (NONE, 0) if level is None else (level, plan.raw_index(raw[:MAX_RAW]))
        self._ratings[raw] = found
        return found

    def rated_unserved(self, cells: list[Any], status: int, level: int) -> None:
        """Refuse a rating on a ticket or case that was never served (given up, waiting)."""
        if level > 0 and STATUSES[status % DERIVED] in (CaseStatus.ABANDONED, CaseStatus.WAITING):
            said = self.text(cells, "state") or STATUSES[status % DERIVED].value
            what = "ticket" if self.kind == "queue" else "case"
            raise RowProblem(
                self.names["rating"],
                self.text(cells, "rating"),
                f"a rating on a {what} that was not served (state {said}); only a served "
                f"{what} is rated",
                "rating_unserved",
            )

    def status(
        self, cells: list[Any], words: dict[str, CaseStatus], examples: str
    ) -> CaseStatus | None:
        """Return the status of a row's state cell, None when it is empty."""
        text = self.text(cells, "state")
        if not text:
            return None
        return read_state(text, words, self.names["state"], examples)

    def check(self, cells: list[Any], number: int, plan: Plan) -> tuple[Any, list[int], str, str]:
        """Return (duplicate key, STRIDE integers, ticket, case number) or raise RowProblem."""
        raise NotImplementedError

    def duplicate(self, number: int, plan: Plan, first: int, key: Any) -> RowError:
        """Return the error of a row whose key an earlier row of the file has, with other values."""
        raise NotImplementedError

    def warn(self, number: int, row: list[int], plan: Plan) -> None:
        """Add a warning for due dates that rely on a year without holiday data."""
        if not row[F_PROVISIONAL]:
            return
        accepted = row[F_ACCEPTED]
        first = datetime.fromtimestamp(accepted, UTC).astimezone(self.ctx.zone).date()
        last = max(row[F_LEGAL_DUE], row[F_PROMISED_DUE])
        years = self.ctx.unknown_years(first.toordinal(), last)
        named = ", ".join(str(year) for year in years) or "a later year"
        promised = date.fromordinal(row[F_PROMISED_DUE])
        legal = date.fromordinal(row[F_LEGAL_DUE])
        plan.warnings.add(
            RowError(
                number,
                self.table.column("accepted_at"),
                first.isoformat(),
                f"the due dates ({promised} promised, {legal} legal) are provisional: there "
                f"is no holiday data for {named}, so they count Monday to Friday until the "
                "holiday table has that year",
                "provisional_due",
            )
        )


def check_rows(
    table: CaseTable, checker: RowChecker, progress: Progress, cancelled: Cancelled
) -> Plan:
    """Parse and check every row; keep the good ones as integers, the bad ones as errors."""
    plan = Plan(table.kind)
    values = plan.values
    tickets, case_nos = plan.tickets, plan.case_nos
    errors = plan.errors
    first_of: dict[Any, int] = {}
    check = checker.check
    rows = 0
    prepared = False
    for number, raw, decoded, cells in table.records():
        if not prepared:
            checker.prepare()
            prepared = True
        rows += 1
        if not rows % CHECK_EVERY:
            if cancelled():
                raise ImportCancelled()
            progress(table.fraction * CHECK_SHARE, f"checking: {rows:,} rows")
        try:
            if not decoded:
                reason = f"the line is not valid {table.encoding} text (mixed encodings?)"
                raise RowProblem("", raw[:80], reason, "decode")
            key, row, ticket, case_no = check(cells, number, plan)
        except RowProblem as problem:
            errors.add(problem.at(number))
            continue
        index = len(tickets)
        first = first_of.setdefault(key, index)
        values.extend(row)
        tickets.append(ticket)
        case_nos.append(case_no)
        if first != index:
            # The same ticket or case again: merged when it says the same, else an error.
            same = plan.same(first, index)
            del values[-STRIDE:]
            tickets.pop()
            case_nos.pop()
            if same:
                plan.merged += 1
            else:
                errors.add(checker.duplicate(number, plan, first, key))
            continue
        checker.warn(number, row, plan)
    if rows == 0:
        name = table.info.path.name
        raise ImportFileError("no_rows", f"{name} has no rows to import", "export the data again")
    plan.warnings.absorb(table.warnings)
    plan.rows_read = rows
    plan.encoding = table.encoding
    plan.sha256 = table.sha256()
    plan.columns = dict(table.names)
    progress(CHECK_SHARE, f"checked {rows:,} rows")
    return plan


# --- against the stored rows ----------------------------------------------------------


@dataclass(slots=True)
class Decision:
    """Which good rows go in, which update a stored row, and which change nothing."""

    insert: bytearray
    inserted: int
    # (good row, stored case id, changes field → value)
    updates: list[tuple[int, uuid.UUID, dict[str, Any]]]
    unchanged: int
    errors: ErrorLog


def row_values(ctx: CaseContext, plan: Plan, row: int) -> dict[str, Any]:
    """Return the fields a good row gives (empty cells give none), as the ORM holds them."""
    base = row * STRIDE
    v = plan.values
    given: dict[str, Any] = {}
    if plan.tickets[row]:
        given["ticket_no"] = plan.tickets[row]
    if plan.case_nos[row]:
        given["case_no"] = plan.case_nos[row]
    for slot, name, ids in (
        (F_UNIT, "unit_id", ctx.unit_ids),
        (F_WINDOW, "window_id", ctx.window_ids),
        (F_STAFF, "staff_id", ctx.staff_ids),
        (F_ITEM, "service_item_id", ctx.item_ids),
    ):
        if v[base + slot] >= 0:
            given[name] = ids[v[base + slot]]
    status = v[base + F_STATUS]
    # A status derived from the times says less than the stored one, unless it is a finish.
    if status < DERIVED or STATUSES[status - DERIVED] is CaseStatus.FINISHED:
        given["status"] = STATUSES[status % DERIVED]
    for slot, name in zip(TIME_SLOTS, TIME_FIELDS, strict=True):
        if v[base + slot] >= 0:
            given[name] = datetime.fromtimestamp(v[base + slot], UTC)
    for slot, name in ((F_HOLD, "hold_minutes"), (F_PAUSED, "paused_days")):
        if v[base + slot] >= 0:
            given[name] = v[base + slot]
    if v[base + F_EXTENDED] >= 0:
        given["extended_days"] = v[base + F_EXTENDED]
    if v[base + F_PROMISED_DAYS] >= 0 and v[base + F_LEGAL_DAYS] >= 0:
        given["promised_days"] = v[base + F_PROMISED_DAYS]
        given["legal_days"] = v[base + F_LEGAL_DAYS]
    if (
        plan.kind == "cases"
        and status < DERIVED
        and STATUSES[status] in (CaseStatus.ACCEPTED, CaseStatus.PAUSED)
    ):
        # The approval system says the case is still open: a finish stored for it (the
        # queue's end of service, before 0008 or from a ticket finished at the window)
        # is not the case's.
        given["finished_at"] = None
    if v[base + F_PROMISED_DUE] > 0:
        given["promised_due"] = date.fromordinal(v[base + F_PROMISED_DUE])
        given["legal_due"] = date.fromordinal(v[base + F_LEGAL_DUE])
        given["due_provisional"] = bool(v[base + F_PROVISIONAL])
    if v[base + F_RATING] > 0:
        given["rating"] = v[base + F_RATING]
        given["rating_raw"] = plan.rating_raw[v[base + F_RATING_RAW]]
    return given


def changes_of(given: dict[str, Any], case: Case) -> dict[str, Any]:
    """Return the given fields that differ from a stored case."""
    return {name: value for name, value in given.items() if getattr(case, name) != value}


# A ticket and the case it became may come from two exports (the queue system's and the
# approval system's), linked into one row by their ticket or case number. What each may
# change on the other's row: the approval system owns the case (its state, acceptance,
# finish, limits and due dates); a queue export adds the ticket's facts (take, call, end
# of service, hold) and fills what the case lacks, its rating included, so a rating in
# both exports is one rating of one row.
QUEUE_SOURCE = "queue"
APPROVAL_SOURCE = "approval"
CASE_OWNED = frozenset(
    {
        "status",
        "accepted_at",
        "finished_at",
        "promised_due",
        "legal_due",
        "due_provisional",
        "promised_days",
        "legal_days",
        "paused_days",
        "extended_days",
    }
)
FILLED_ONLY = (
    "case_no",
    "unit_id",
    "window_id",
    "staff_id",
    "service_item_id",
    "rating",
    "rating_raw",
    "rated_at",
)


def merge_given(kind: str, given: dict[str, Any], case: Case) -> dict[str, Any]:
    """Return what a good row may change on a stored case, by who keeps that case."""
    if kind == "queue" and case.source != QUEUE_SOURCE:
        # An approval export's case (or one entered by hand): the queue does not move
        # its deadlines, and its finish is the window's, not the case's.
        kept = {name: value for name, value in given.items() if name not in CASE_OWNED}
        for name in FILLED_ONLY:
            if name in kept and getattr(case, name) not in (None, ""):
                del kept[name]
        if "rating" not in kept:
            kept.pop("rating_raw", None)
            kept.pop("rated_at", None)
        return kept
    if kind == "cases" and case.source == QUEUE_SOURCE:
        # A ticket that became this case: from now on the approval system keeps it.
        return {**given, "source": APPROVAL_SOURCE}
    return given


def local_ordinal(epoch: int, zone: ZoneInfo) -> int:
    """Return the hall-local day (ordinal) of a UTC epoch second."""
    return datetime.fromtimestamp(epoch, zone).date().toordinal()


def load_cases(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, Case]:
    """Return the stored cases with these ids, loaded in chunks."""
    found: dict[uuid.UUID, Case] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for case in session.scalars(select(Case).where(Case.id.in_(chunk))):
            found[case.id] = case
    return found


def settle(
    session: Session,
    ctx: CaseContext,
    plan: Plan,
    matches: dict[int, uuid.UUID],
    clashes: dict[int, RowError],
) -> Decision:
    """Turn good rows that match a stored row into updates or nothing; insert the rest.

    matches: good row → the stored case it repeats; clashes: good row → why it cannot go
    in beside the stored rows (an error).
    """
    errors = ErrorLog(list(plan.errors.kept), plan.errors.count)
    insert = bytearray(b"\x01") * plan.rows
    for row in sorted(clashes):
        errors.add(clashes[row])
        insert[row] = 0
    if clashes:
        errors.kept.sort(key=lambda error: error.row)
    updates: list[tuple[int, uuid.UUID, dict[str, Any]]] = []
    unchanged = 0
    stored = load_cases(session, list(matches.values())) if matches else {}
    for row in sorted(matches):
        if not insert[row]:
            continue
        insert[row] = 0
        case = stored.get(matches[row])
        changes = (
            changes_of(merge_given(plan.kind, row_values(ctx, plan, row), case), case)
            if case is not None
            else {}
        )
        if changes:
            updates.append((row, matches[row], changes))
        else:
            unchanged += 1
    return Decision(insert, insert.count(1), updates, unchanged, errors)


# --- writing -----------------------------------------------------------------------


def write_rows(
    session: Session,
    ctx: CaseContext,
    plan: Plan,
    decision: Decision,
    source: str,
    created_at: datetime,
    batch_id: uuid.UUID,
    progress: Progress,
    cancelled: Cancelled,
) -> int:
    """Insert the new rows through storage.bulk (outbox and audit included); return the count."""
    written = write_progress(progress, cancelled, decision.inserted)
    return bulk_insert(
        session,
        Case,
        _new_rows(ctx, plan, decision),
        batch_id=batch_id,
        common={"hall_id": ctx.hall_id, "created_at": created_at, "source": source},
        written=written,
    )


def _new_rows(ctx: CaseContext, plan: Plan, decision: Decision) -> Iterator[dict[str, Any]]:
    """Yield the good rows that are new, as the ORM holds their values."""
    # An index of NONE (-1) picks the None at the end.
    unit_ids = [*ctx.unit_ids, None]
    window_ids = [*ctx.window_ids, None]
    staff_ids = [*ctx.staff_ids, None]
    item_ids = [*ctx.item_ids, None]
    days: dict[int, date | None] = {}
    rating_raw = plan.rating_raw
    values, tickets, case_nos = plan.values, plan.tickets, plan.case_nos
    insert = decision.insert
    fromtimestamp = datetime.fromtimestamp

    def day(ordinal: int) -> date | None:
        found = days.get(ordinal, False)
        if found is False:
            found = days[ordinal] = date.fromordinal(ordinal) if ordinal > 0 else None
        return found  # type: ignore[return-value]

    for row_index in range(plan.rows):
        if not insert[row_index]:
            continue
        base = row_index * STRIDE
        (
            _number,
            taken,
            called,
            accepted,
            finished,
            rated,
            unit,
            window,
            staff,
            item,
            status,
            hold,
            paused,
            extended,
            promised_due,
            legal_due,
            provisional,
            rating,
            raw_index,
            service_finished,
            promised_days,
            legal_days,
        ) = values[base : base + STRIDE]
        dated = promised_due > 0
        yield {
            "unit_id": unit_ids[unit],
            "window_id": window_ids[window],
            "staff_id": staff_ids[staff],
            "service_item_id": item_ids[item],
            "ticket_no": tickets[row_index],
            "case_no": case_nos[row_index],
            "status": STATUSES[status % DERIVED],
            "taken_at": fromtimestamp(taken, UTC) if taken >= 0 else None,
            "called_at": fromtimestamp(called, UTC) if called >= 0 else None,
            "accepted_at": fromtimestamp(accepted, UTC) if accepted >= 0 else None,
            "finished_at": fromtimestamp(finished, UTC) if finished >= 0 else None,
            "service_finished_at": (
                fromtimestamp(service_finished, UTC) if service_finished >= 0 else None
            ),
            "hold_minutes": hold if hold > 0 else 0,
            "paused_days": paused if paused > 0 else 0,
            "extended_days": extended if extended > 0 else 0,
            "promised_days": promised_days if promised_days >= 0 else None,
            "legal_days": legal_days if legal_days >= 0 else None,
            "promised_due": day(promised_due) if dated else None,
            "legal_due": day(legal_due) if dated else None,
            "due_provisional": bool(provisional),
            "rating": rating if rating > 0 else None,
            "rating_raw": rating_raw[raw_index] if rating > 0 else "",
            "rated_at": fromtimestamp(rated, UTC) if rated >= 0 else None,
        }


def apply_updates(
    session: Session,
    hall_id: uuid.UUID,
    decision: Decision,
    batch_id: uuid.UUID,
    file_name: str,
    at: datetime,
    user: str,
) -> int:
    """Change the stored cases that the file repeats with other values.

    Through the ORM, so each change is audited and synced field by field; each changed
    case also gets a CaseEvent 'imported' with the old and new values, for its timeline.
    """
    if not decision.updates:
        return 0
    stored = load_cases(session, [case_id for _row, case_id, _changes in decision.updates])
    changed = 0
    for _row, case_id, changes in decision.updates:
        case = stored.get(case_id)
        if case is None:
            continue
        fields = {
            name: [changelog.jsonable(getattr(case, name)), changelog.jsonable(value)]
            for name, value in changes.items()
        }
        for name, value in changes.items():
            setattr(case, name, value)
        session.add(
            CaseEvent(
                hall_id=hall_id,
                case_id=case_id,
                occurred_at=at,
                kind="imported",
                detail={"batch_id": str(batch_id), "file": file_name, "fields": fields},
                recorded_by=user,
            )
        )
        changed += 1
    session.flush()
    return changed


# --- the whole import --------------------------------------------------------------


Matcher = Callable[[Session, CaseContext, Plan], tuple[dict[int, uuid.UUID], dict[int, RowError]]]


def import_rows(
    db: Database,
    hall_id: uuid.UUID,
    table: CaseTable,
    make_checker: Callable[[CaseTable, CaseContext], RowChecker],
    match: Matcher,
    *,
    source: str,
    row_source: str,
    file_name: str,
    mapping_name: str = "",
    dry_run: bool = False,
    keep_good_rows: bool = False,
    progress: Progress,
    cancelled: Cancelled,
) -> ImportReport:
    """Check a queue or case file, then write it all (or its good rows) in one transaction."""
    with db.read() as session:
        ctx = load_case_context(session, hall_id, source)
    plan = check_rows(table, make_checker(table, ctx), progress, cancelled)
    with db.read() as session:
        decision = settle(session, ctx, plan, *match(session, ctx, plan))
    blocked = decision.errors.count > 0 and not keep_good_rows
    if dry_run or blocked:
        return _report(plan, decision, None, file_name, mapping_name, dry_run, blocked)
    with db.write("import") as session:
        # Again inside the transaction: the stored rows may have changed since.
        decision = settle(session, ctx, plan, *match(session, ctx, plan))
        if decision.errors.count > 0 and not keep_good_rows:
            return _report(plan, decision, None, file_name, mapping_name, False, True)
        if decision.inserted == 0 and not decision.updates:
            return _report(plan, decision, None, file_name, mapping_name, False, False)
        progress(CHECK_SHARE + 0.02, "writing")
        actor = session.info["actor"]
        batch_id = uuid7()
        imported_at = utcnow().replace(microsecond=0)
        report = _report(plan, decision, batch_id, file_name, mapping_name, False, False)
        session.add(
            ImportBatch(
                id=batch_id,
                hall_id=hall_id,
                kind=plan.kind,
                file_name=file_name[:260],
                file_sha256=plan.sha256,
                mapping=mapping_name[:60],
                rows_read=report.rows_read,
                rows_imported=report.rows_imported,
                rows_skipped=report.rows_skipped,
                report=report.as_json(),
                imported_at=imported_at,
                imported_by=actor.user,
            )
        )
        # The batch goes first: its audit entry, and its outbox entry before the rows'.
        session.flush()
        apply_updates(session, hall_id, decision, batch_id, file_name, imported_at, actor.user)
        progress(CHECK_SHARE + 0.05, "writing")
        written = write_rows(
            session,
            ctx,
            plan,
            decision,
            row_source,
            imported_at,
            batch_id,
            progress,
            cancelled,
        )
        if written != decision.inserted:
            raise RuntimeError(f"{file_name}: {written} rows written, {decision.inserted} planned")
        if cancelled():
            raise ImportCancelled()
        progress(0.98, "saving")
    return report


def _report(
    plan: Plan,
    decision: Decision,
    batch_id: uuid.UUID | None,
    file_name: str,
    mapping_name: str,
    dry_run: bool,
    blocked: bool,
) -> ImportReport:
    changed = decision.inserted + len(decision.updates)
    return ImportReport(
        kind=plan.kind,
        file=file_name,
        rows_read=plan.rows_read,
        rows_imported=0 if blocked else changed,
        rows_skipped=decision.errors.count,
        duplicates_merged=plan.merged,
        errors=list(decision.errors.kept),
        batch_id=batch_id,
        dry_run=dry_run,
        error_count=decision.errors.count,
        rows_valid=changed,
        rows_unchanged=decision.unchanged,
        encoding=plan.encoding,
        mapping=mapping_name,
        file_sha256=plan.sha256,
        counts={
            "created": decision.inserted,
            "updated": len(decision.updates),
            "provisional": plan.warnings.count,
        },
        warnings=list(plan.warnings.kept),
        warning_count=plan.warnings.count,
    )
