"""Cell values as devices and office software write them: PINs, dates and times.

Times in exports are wall-clock times in the hall's zone, written in many ways:
`2026-03-02 08:51:23`, `2026/3/2 8:51`, `2026年3月2日 8时51分`, an Excel date cell,
or an Excel serial number. Parsers raise ValueError with a reason fit for a row
error; `LocalTime` turns a wall-clock time into UTC epoch seconds, fast enough for
millions of punches.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hallwatch.services.imports.report import RowProblem, clip

_EXCEL_EPOCH = datetime(1899, 12, 30)
# Excel serial numbers of 1990-01-01 and 2100-01-01: a plausible punch lies between.
_SERIAL_MIN, _SERIAL_MAX = 32874, 73051

_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_TIME = r"(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:[.,]\d+)?)?\s*[分秒]?"
_DATETIME_RE = re.compile(rf"^\s*{_DATE}(?:\s*[T\s]\s*{_TIME})?\s*$")
_DATE_RE = re.compile(rf"^\s*{_DATE}\s*$")
_TIME_RE = re.compile(rf"^\s*{_TIME}\s*$")
_COMPACT_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:\s*(\d{2})(\d{2})(\d{2})?)?\s*$")


# Marks nobody sees that exports leave inside cells: the BOM of a second export pasted
# below the first, zero-width spaces and joiners. Dropped silently: they carry nothing.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u180e\ufffe"))
# Terminal escape sequences (CSI such as ESC[31m, OSC titles, two-byte escapes) and the
# other C0/C1 control characters: a name carrying them recolours or hides text when it is
# printed to a terminal or a letter. Tab, line feed and carriage return are text.
_CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)


def clean_text(text: str) -> tuple[str, bool]:
    """Return text without invisible marks and control characters; True when controls went.

    Only control characters make the second value True (the caller warns about them);
    a BOM or a zero-width space is dropped without a word.
    """
    if text.isprintable():  # the common case, checked in C
        return text, False
    cleaned = text.translate(_INVISIBLE)
    stripped = _CONTROLS.sub("", cleaned)
    return stripped, stripped != cleaned


def text_value(value: Any) -> str:
    """Return a cell as stripped text ('' for an empty cell; 1001.0 → '1001').

    Invisible marks and control characters are dropped (clean_text).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        if not value.isprintable():
            value = clean_text(value)[0]
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return str(value).strip()


def parse_local_datetime(value: Any) -> datetime:
    """Return the naive wall-clock datetime of a cell holding a date and a time."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        raise ValueError("has a date but no time of day")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    text = text_value(value)
    if not text:
        raise ValueError("is empty")
    if len(text) == 19:
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    match = _DATETIME_RE.match(text) or _COMPACT_RE.match(text)
    if match is None:
        raise ValueError(f"{clip(text)!r} is not a date and time (write it as YYYY-MM-DD HH:MM:SS)")
    year, month, day, hour, minute, second = match.groups()
    if hour is None:
        raise ValueError(f"{clip(text)!r} has a date but no time of day")
    return _build(text, int(year), int(month), int(day), int(hour), int(minute), second)


def parse_date(value: Any) -> date:
    """Return the date of a cell holding a date (a date-and-time cell gives its date)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value).date()
    text = text_value(value)
    if not text:
        raise ValueError("is empty")
    match = _DATE_RE.match(text) or _DATETIME_RE.match(text) or _COMPACT_RE.match(text)
    if match is None:
        raise ValueError(f"{clip(text)!r} is not a date (write it as YYYY-MM-DD)")
    year, month, day = (int(part) for part in match.groups()[:3])
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{clip(text)!r} is not a real date") from None


def parse_time(value: Any) -> time:
    """Return the time of day of a cell holding a time (or a date and a time)."""
    if isinstance(value, time):
        return value.replace(tzinfo=None)
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        if 0 <= seconds < 86400:
            return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
        raise ValueError(f"{value} is not a time of day")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 0 <= value < 1:  # Excel: a fraction of a day
            seconds = round(value * 86400)
            return time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
        raise ValueError(f"{value!r} is not a time of day")
    text = text_value(value)
    if not text:
        raise ValueError("is empty")
    match = _TIME_RE.match(text)
    if match is None:
        full = _DATETIME_RE.match(text)
        if full is not None and full.group(4) is not None:
            return parse_local_datetime(text).time()
        raise ValueError(f"{clip(text)!r} is not a time of day (write it as HH:MM:SS)")
    hour, minute, second = match.groups()
    try:
        return time(int(hour), int(minute), int(second or 0))
    except ValueError:
        raise ValueError(f"{clip(text)!r} is not a real time of day") from None


def _build(
    text: str, year: int, month: int, day: int, hour: int, minute: int, second: str | None
) -> datetime:
    try:
        return datetime(year, month, day, hour, minute, int(second or 0))
    except ValueError:
        raise ValueError(f"{clip(text)!r} is not a real date and time") from None


def _from_serial(value: float) -> datetime:
    if not _SERIAL_MIN <= value <= _SERIAL_MAX:
        raise ValueError(f"{value!r} is not a date and time")
    moment = _EXCEL_EPOCH + timedelta(days=float(value))
    # Excel keeps times to the millisecond; punches are to the second.
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


# Times an export may hold: not before 2000 (a device whose clock was reset reads 1970 or
# 2000-01-01 00:00), and not after now plus a device's usual drift.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_TOLERANCE = timedelta(minutes=5)


class MomentCheck:
    """Refuse the same impossible times in every import: before 2000, or in the future.

    One instance per import, so `now` is read once; times are UTC epoch seconds.
    """

    def __init__(self, now: datetime | None = None) -> None:
        moment = now if now is not None else datetime.now(UTC)
        self.earliest = int(EARLIEST.timestamp())
        self.latest = int((moment + FUTURE_TOLERANCE).timestamp())

    def check(self, seconds: int, shown: str, column: str, written: str = "") -> int:
        """Return seconds, or raise RowProblem naming the column and the time.

        The message quotes the cell as the file wrote it (`written`, e.g. `1999/12/31
        8:00`), so the user finds it with a search; `shown` stands in when there is none.
        """
        if self.earliest <= seconds <= self.latest:
            return seconds
        said = clip(written.strip() or shown)
        if seconds < self.earliest:
            raise RowProblem(
                column,
                said,
                f"{said!r} is before 2000; check the file, and the clock of the device or "
                "system that wrote it",
                "time_out_of_range",
            )
        raise RowProblem(
            column,
            said,
            f"{said!r} is in the future; check the file, and the clock of the device or "
            "system that wrote it",
            "future",
        )


class LocalTime:
    """Convert wall-clock times in a zone to UTC epoch seconds, one zone lookup per day."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        # Day ordinal -> epoch of local midnight, or None when the offset changes that day.
        self._days: dict[int, int | None] = {}

    def epoch(self, local: datetime) -> int:
        """Return the UTC epoch second of a naive wall-clock time."""
        ordinal = local.toordinal()
        try:
            midnight = self._days[ordinal]
        except KeyError:
            midnight = self._days[ordinal] = self._midnight(local.date())
        if midnight is None:  # a daylight-saving change: ask the zone for this instant
            return int(local.replace(tzinfo=self.zone).timestamp())
        return midnight + local.hour * 3600 + local.minute * 60 + local.second

    def _midnight(self, day: date) -> int | None:
        start = datetime.combine(day, time(0), tzinfo=self.zone)
        end = datetime.combine(day, time(23, 59, 59), tzinfo=self.zone)
        if start.utcoffset() != end.utcoffset():
            return None
        return int(start.timestamp())


def utc_from_epoch(seconds: int) -> datetime:
    """Return the aware UTC datetime of an epoch second."""
    return datetime.fromtimestamp(seconds, UTC)
