"""A realistic demo hall: units, windows, staff, a year of punches, queue tickets and cases.

Used by `hallwatch demo`, `./dev app`, many tests and the `demo` benchmark, so two things
matter besides realism:

- Determinism: the same (scale, seed, until) gives the same rows, ids included. Every id
  and time comes from seeded `random.Random` streams (one per section, so a change in one
  section does not reshuffle the others) and from the event's own time, never from now.
  Only `updated_by` and `updated_hlc` name the device and the time that generated them.
- Speed: scale S writes about 700,000 rows. Rows are plain dicts built in tight loops from
  per-day precomputed values (UTC midnight of each hall-local day, schedules, due dates),
  and go in through storage.bulk.bulk_insert (Core executemany) in chunks, never as ORM
  objects.

Everything happens in one write transaction: a cancelled or killed run leaves the data
folder as it was. bulk_insert records one audit entry per 1,000 rows (their count and a
digest of their ids) and, for a demo hall, nothing in the outbox: it is never synced. The
hall itself goes in through changelog.insert_synced, audited like any new row.
"""

from __future__ import annotations

import math
import random
import uuid
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.demo import names
from hallwatch.domain.calendar import DayOverride, WorkCalendar
from hallwatch.domain.enums import (
    AssignmentRole,
    AttendanceKind,
    AttendanceSource,
    CaseStatus,
    ComplaintStatus,
    FindingStatus,
    ItemType,
    LeaveKind,
    SpotCheckKind,
)
from hallwatch.domain.errors import ConflictError, HallWatchError, InputError
from hallwatch.domain.ids import uuid7_at
from hallwatch.domain.timeutil import DEFAULT_ZONE, hall_zone
from hallwatch.storage import changelog
from hallwatch.storage.bulk import bulk_insert
from hallwatch.storage.database import Database
from hallwatch.storage.models import (
    AttendanceEvent,
    Base,
    Case,
    Complaint,
    Finding,
    Hall,
    Holiday,
    Leave,
    Schedule,
    ServiceItem,
    Setting,
    SpotCheck,
    Staff,
    Unit,
    Window,
    WindowAssignment,
)

__all__ = ["DEMO_SCALES", "DemoSummary", "generate_demo"]

DEMO_SCALES = ("tiny", "S")

# Rows per executemany: large enough that per-call overhead vanishes, small enough that a
# cancel is noticed within a fraction of a second and memory stays flat.
CHUNK_ROWS = 20_000

# The hall rules of DESIGN §5 and DOMAIN.md, as the demo hall's settings.
DEMO_SETTINGS: dict[str, int] = {
    "late_grace_minutes": 0,
    "half_day_minutes": 30,
    "off_post_minutes": 15,
    "duplicate_punch_seconds": 60,
    "yellow_days": 1,
    "bad_rating_followup_days": 5,
}

# Opening hours as seconds after local midnight: (am start, am end, pm start, pm end).
SUMMER_HOURS = (9 * 3600, 12 * 3600, 13 * 3600 + 1800, 17 * 3600 + 1800)
WINTER_HOURS = (9 * 3600, 12 * 3600, 13 * 3600, 17 * 3600)
SUMMER_SEASON = ("05-01", "09-30")
WINTER_SEASON = ("10-01", "04-30")

Hours = tuple[int, int, int, int]
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What generate_demo wrote: the hall, rows per table, the days covered."""

    hall_id: uuid.UUID
    hall_code: str
    counts: dict[str, int]
    first_day: date
    last_day: date


@dataclass(frozen=True, slots=True)
class _ScaleSpec:
    units: tuple[tuple[str, int], ...]
    staff: int
    months: int
    # Queue tickets over the whole period (cases), before day-to-day noise.
    tickets: int
    spot_checks_per_month: int
    complaints_per_month: int


_SCALES: dict[str, _ScaleSpec] = {
    "tiny": _ScaleSpec(names.TINY_UNITS, 12, 1, 420, 4, 3),
    "S": _ScaleSpec(names.S_UNITS, 200, 12, 500_000, 4, 3),
}


def generate_demo(
    db: Database,
    *,
    scale: str = "tiny",
    seed: int = 1,
    until: date | None = None,
    progress: Callable[[float, str], None] = lambda f, t: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> DemoSummary:
    """Fill an empty database with one demo hall covering the days up to `until`."""
    spec = _SCALES.get(scale)
    if spec is None:
        raise InputError(
            f"unknown demo scale {scale!r}", f"choose one of: {', '.join(DEMO_SCALES)}"
        )
    zone = hall_zone(DEFAULT_ZONE)
    if until is None:
        until = datetime.now(zone).date()
    with db.write("demo") as session:
        existing = session.scalar(select(Hall.code).limit(1))
        if existing is not None:
            raise ConflictError(
                f"the data folder {db.folder.root} already has a hall ({existing}); "
                "a demo needs an empty one",
                "choose a new folder with --data-dir, or delete this one's database first",
            )
        builder = _DemoBuilder(spec, scale, seed, until, zone)
        writer = _Writer(session, builder.hall_id, builder.expected_rows(), progress, cancelled)
        builder.build(writer)
        writer.finish()
    progress(1.0, "done")
    return DemoSummary(
        hall_id=builder.hall_id,
        hall_code=names.HALL_CODE,
        counts=dict(writer.counts),
        first_day=builder.first_day,
        last_day=builder.last_day,
    )


class _Writer:
    """Buffers rows per table and inserts them in chunks through storage.bulk, counting them."""

    def __init__(
        self,
        session: Session,
        hall_id: uuid.UUID,
        expected_rows: int,
        progress: Callable[[float, str], None],
        cancelled: Callable[[], bool],
    ) -> None:
        self._session = session
        self._hall_id = hall_id
        self._common = {"hall_id": hall_id}
        self._expected = max(expected_rows, 1)
        self._progress = progress
        self._cancelled = cancelled
        self._models: dict[str, type[Base]] = {}
        self._buffers: dict[str, list[Row]] = {}
        self.counts: dict[str, int] = {}
        self._written = 0
        self.stage = "setup"

    def hall(self, row: Row) -> None:
        """Insert the demo hall (one row, as the change hook records it: never in the outbox)."""
        changelog.insert_synced(self._session, Hall, row)
        self.counts[Hall.__tablename__] = 1
        self._written += 1

    def add(self, model: type[Base], rows: list[Row]) -> None:
        name = model.__tablename__
        buffer = self._buffers.get(name)
        if buffer is None:
            self._models[name] = model
            self.counts[name] = 0
            buffer = self._buffers[name] = []
        buffer.extend(rows)
        if len(buffer) >= CHUNK_ROWS:
            self._flush(model)

    def flush(self, model: type[Base]) -> None:
        """Insert what is buffered for a table (rows that refer to it may follow only then)."""
        self._flush(model)

    def _flush(self, model: type[Base]) -> None:
        name = model.__tablename__
        rows = self._buffers.get(name)
        if not rows:
            return
        self.check()
        bulk_insert(
            self._session,
            model,
            rows,
            batch_id=self._hall_id,
            outbox=False,
            common=self._common,
        )
        self.counts[name] += len(rows)
        self._written += len(rows)
        self._buffers[name] = []
        self._progress(
            min(self._written / self._expected, 0.98), f"{self.stage}: {self._written:,} rows"
        )

    def check(self) -> None:
        if self._cancelled():
            raise HallWatchError("demo generation cancelled", "nothing was saved")

    def finish(self) -> None:
        """Insert what is still buffered."""
        for model in self._models.values():
            self._flush(model)


class _Seconds(dict[int, timedelta]):
    """timedelta(seconds=n) for n seconds, made once each."""

    # Adding a ready timedelta is several times cheaper than building one per row; filled on
    # demand, because a small demo needs a few thousand of the 86,400 of a day.
    def __missing__(self, key: int) -> timedelta:
        value = self[key] = timedelta(seconds=key)
        return value


_SECONDS = _Seconds()


def _months_before(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month0 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _hours(day: date) -> Hours:
    return SUMMER_HOURS if (5, 1) <= (day.month, day.day) <= (9, 30) else WINTER_HOURS


def _poisson(rng: random.Random, mean: float) -> int:
    limit = math.exp(-mean)
    count, product = 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _arrivals(hours: Hours) -> tuple[list[int], list[float]]:
    """Return 15-minute slot starts and cumulative weights of ticket arrivals for a day."""
    am_start, am_end, pm_start, pm_end = hours
    slots: list[int] = []
    weights: list[float] = []
    # The ticket machine opens a quarter of an hour before the windows.
    t = am_start - 900
    while t <= pm_end - 1200:
        if t < am_end:
            x = (t - am_start) / (am_end - am_start)
            weight = 0.5 + 1.6 * math.exp(-(((x - 0.4) / 0.3) ** 2))  # peak around 10:10
        elif t < pm_start:
            weight = 0.15  # people taking a ticket over lunch for the afternoon
        else:
            x = (t - pm_start) / (pm_end - pm_start)
            weight = 0.4 + 1.0 * math.exp(-(((x - 0.35) / 0.3) ** 2))
        slots.append(t)
        weights.append(weight)
        t += 900
    return slots, list(accumulate(weights))


@dataclass(slots=True)
class _Unit:
    id: uuid.UUID
    no: int
    spec: names.UnitSpec
    windows: list[int]  # indexes into _DemoBuilder.windows
    staff: list[int]  # indexes into _DemoBuilder.staff; [0] is the 首席代表
    items: list[tuple[uuid.UUID, names.ItemSpec]]
    item_weights: list[float]


@dataclass(slots=True)
class _Window:
    id: uuid.UUID
    number: str
    unit: int
    primary: int
    backup: int | None


@dataclass(slots=True)
class _Person:
    id: uuid.UUID
    name: str
    gender: str
    pin: str
    unit: int
    # How often this person is late, relative to the hall's average.
    lateness: float


class _DemoBuilder:
    """Generates the rows of one demo hall, section by section, into a _Writer."""

    def __init__(
        self,
        spec: _ScaleSpec,
        scale: str,
        seed: int,
        until: date,
        zone: ZoneInfo,
    ) -> None:
        self.spec = spec
        self.scale = scale
        self.seed = seed
        self.zone = zone
        self.last_day = until
        self._midnights: dict[date, tuple[datetime, int]] = {}
        self.first_day = _months_before(until, spec.months) + timedelta(days=1)
        self.end_utc = self._midnight(until + timedelta(days=1))[0]
        rng = self._rng("hall")
        setup_base, setup_ms = self._midnight(self.first_day - timedelta(days=1))
        self.setup_at = setup_base + _SECONDS[8 * 3600 + 1800]
        self.setup_ms = setup_ms + (8 * 3600 + 1800) * 1000
        self.hall_id = uuid7_at(self.setup_ms, rng.getrandbits(74))
        self.holidays, self.calendar = self._holiday_table()
        self.workdays = [
            day
            for day in (
                self.first_day + timedelta(days=i) for i in range((until - self.first_day).days + 1)
            )
            if self.calendar.is_workday(day)
        ]
        self.units: list[_Unit] = []
        self.windows: list[_Window] = []
        self.staff: list[_Person] = []
        # (staff index, day ordinal) -> "full", "am", "pm" or "out" (临时外出 for an hour or two).
        self.leave_days: dict[tuple[int, int], str] = {}
        # day ordinal -> the staff index serving at each window (None: window closed).
        self.servers: dict[int, list[int | None]] = {}
        self._due_cache: dict[tuple[int, int], tuple[date, bool]] = {}

    # --- helpers ------------------------------------------------------------------------

    def _rng(self, part: str) -> random.Random:
        # String seeds are hashed with SHA-512: stable across runs and Python versions.
        return random.Random(f"hallwatch-demo:{self.scale}:{self.seed}:{part}")

    def _midnight(self, day: date) -> tuple[datetime, int]:
        """Return the UTC instant of the hall-local midnight starting day, and its ms."""
        found = self._midnights.get(day)
        if found is None:
            # Per day, not per row: every time of the day is this base plus seconds, which
            # holds for any zone without a daylight-saving change during opening hours.
            moment = datetime.combine(day, time(0), tzinfo=self.zone).astimezone(UTC)
            found = self._midnights[day] = (moment, int(moment.timestamp()) * 1000)
        return found

    def _due(self, day: date, n: int) -> tuple[date, bool]:
        key = (day.toordinal(), n)
        found = self._due_cache.get(key)
        if found is None:
            due = self.calendar.add_working_days(day, n)
            found = self._due_cache[key] = (due.day, due.provisional)
        return found

    def _meta(self, ms: int, at: datetime, bits: int) -> Row:
        # The hall and the sync bookkeeping are bulk_insert's (storage.bulk).
        return {"id": uuid7_at(ms, bits), "created_at": at, "deleted": False}

    def _setup_meta(self, rng: random.Random) -> Row:
        return self._meta(self.setup_ms, self.setup_at, rng.getrandbits(74))

    def expected_rows(self) -> int:
        return len(self.workdays) * self.spec.staff * 4 + self.spec.tickets

    # --- sections -----------------------------------------------------------------------

    def build(self, writer: _Writer) -> None:
        self._hall(writer)
        self._people(writer)
        self._rules(writer)
        writer.stage = "leave"
        self._leaves(writer)
        writer.stage = "attendance"
        self._attendance(writer)
        writer.stage = "cases"
        self._backlog(writer)
        self._cases(writer)
        writer.stage = "spot checks"
        self._spot_checks(writer)
        self._complaints(writer)

    def _holiday_table(self) -> tuple[list[DayOverride], WorkCalendar]:
        years = range(self.first_day.year, self.last_day.year + 2)
        chinese = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}
        national: list[DayOverride] = []
        for day, name in sorted(chinese_calendar.holidays.items()):
            if day.year in years:
                national.append(DayOverride(day, False, chinese.get(name, name), True))
        for day, name in sorted(chinese_calendar.workdays.items()):
            if day.year in years:
                label = f"{chinese.get(name, name)}调休上班"
                national.append(DayOverride(day, True, label, True))
        national.sort(key=lambda row: row.day)
        # One hall closure on an ordinary weekday in the middle of the period.
        plain = WorkCalendar(national)
        listed = {row.day for row in national}
        candidates = [
            self.first_day + timedelta(days=i)
            for i in range((self.last_day - self.first_day).days + 1)
        ]
        candidates = [d for d in candidates if plain.is_workday(d) and d not in listed]
        third = len(candidates) // 3
        closure_day = self._rng("closure").choice(candidates[third : max(third + 1, 2 * third)])
        rows = [*national, DayOverride(closure_day, False, names.CLOSURE_NAME, False)]
        return rows, WorkCalendar(rows)

    def _hall(self, writer: _Writer) -> None:
        hall = self._meta(self.setup_ms, self.setup_at, 0)
        hall["id"] = hall["hall_id"] = self.hall_id
        hall.update(
            code=names.HALL_CODE,
            name=names.HALL_NAME,
            timezone=self.zone.key,
            address=names.HALL_ADDRESS,
            is_demo=True,
        )
        writer.hall(hall)

    def _people(self, writer: _Writer) -> None:
        rng = self._rng("people")
        unit_rows: list[Row] = []
        window_rows: list[Row] = []
        staff_rows: list[Row] = []
        assignment_rows: list[Row] = []
        item_rows: list[Row] = []
        per_unit = self._staff_per_unit()
        zone_numbers: dict[str, int] = {}
        used_names: set[str] = set()
        used_pins: set[str] = set()
        for unit_no, ((code, window_count), staff_count) in enumerate(
            zip(self.spec.units, per_unit, strict=True), start=1
        ):
            spec = names.UNITS[code]
            row = self._setup_meta(rng)
            row.update(code=code, name=spec.name, short_name=spec.short_name)
            unit_rows.append(row)
            unit = _Unit(row["id"], unit_no, spec, [], [], [], [])
            self.units.append(unit)
            unit_index = len(self.units) - 1
            for k in range(staff_count):
                person = self._person(rng, unit_index, unit_no, k, used_names, used_pins)
                unit.staff.append(len(self.staff))
                self.staff.append(person)
                if k == 0:
                    position = names.POSITION_CHIEF
                elif k <= window_count:
                    position = names.POSITION_FRONT
                else:
                    position = names.POSITION_BACK
                row = self._setup_meta(rng)
                row["id"] = person.id
                row.update(
                    unit_id=unit.id,
                    staff_no=f"{unit_no:02d}{k + 1:03d}",
                    name=person.name,
                    pin=person.pin,
                    gender=person.gender,
                    phone=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
                    position=position,
                    active=True,
                )
                staff_rows.append(row)
            # The 首席代表 and the back office stand in (AB角) for the front desk.
            stand_ins = [unit.staff[0], *unit.staff[window_count + 1 :]]
            for k in range(window_count):
                zone_numbers[spec.zone] = zone_numbers.get(spec.zone, 0) + 1
                number = f"{spec.zone}{zone_numbers[spec.zone]:02d}"
                row = self._setup_meta(rng)
                row.update(
                    unit_id=unit.id,
                    number=number,
                    name=f"{spec.short_name}窗口",
                    zone=names.ZONE_NAMES[spec.zone],
                    # The demo hall's "CCTV": generated frames, one scene per window.
                    camera_source=f"synthetic:{number}",
                    active=True,
                )
                window_rows.append(row)
                primary = unit.staff[k + 1]
                backup = stand_ins[k % len(stand_ins)]
                window = _Window(row["id"], number, unit_index, primary, backup)
                unit.windows.append(len(self.windows))
                self.windows.append(window)
                for who, role in (
                    (primary, AssignmentRole.PRIMARY),
                    (backup, AssignmentRole.BACKUP),
                ):
                    assignment = self._setup_meta(rng)
                    assignment.update(
                        window_id=window.id,
                        staff_id=self.staff[who].id,
                        role=role,
                        starts_on=self.first_day,
                        ends_on=None,
                    )
                    assignment_rows.append(assignment)
            for j, item in enumerate(spec.items, start=1):
                row = self._setup_meta(rng)
                row.update(
                    unit_id=unit.id,
                    code=f"{code}-{j:03d}",
                    name=item.name,
                    item_type=ItemType.IMMEDIATE if item.promised_days == 0 else ItemType.PROMISED,
                    legal_days=item.legal_days,
                    promised_days=item.promised_days,
                )
                item_rows.append(row)
                unit.items.append((row["id"], item))
            unit.item_weights = list(accumulate(item.weight for item in spec.items))
        for model, rows in (
            (Unit, unit_rows),
            (Staff, staff_rows),
            (Window, window_rows),
            (WindowAssignment, assignment_rows),
            (ServiceItem, item_rows),
        ):
            writer.add(model, rows)
            writer.flush(model)

    def _staff_per_unit(self) -> list[int]:
        """Share the hall's staff among units by window count, each with one stand-in or more."""
        windows = [count for _, count in self.spec.units]
        base = [count + 1 for count in windows]
        spare = max(self.spec.staff - sum(base), 0)
        total = sum(windows)
        exact = [spare * count / total for count in windows]
        extra = [int(share) for share in exact]
        by_remainder = sorted(
            range(len(windows)), key=lambda i: (exact[i] - extra[i], -i), reverse=True
        )
        for i in by_remainder[: spare - sum(extra)]:
            extra[i] += 1
        return [b + e for b, e in zip(base, extra, strict=True)]

    def _person(
        self,
        rng: random.Random,
        unit_index: int,
        unit_no: int,
        k: int,
        used_names: set[str],
        used_pins: set[str],
    ) -> _Person:
        surnames = names.SURNAMES
        weights = _surname_weights(len(surnames))
        while True:
            surname = rng.choices(surnames, cum_weights=weights)[0]
            female = rng.random() < 0.55
            pool = names.GIVEN_FEMALE if female else names.GIVEN_MALE
            given = rng.choice(pool)
            if rng.random() < 0.7:
                given = rng.choice(names.GIVEN_ANY + pool) + given
            name = surname + given
            if name not in used_names:
                used_names.add(name)
                break
        pin = str(unit_no * 1000 + k + 1)
        # Some people were enrolled on the punch device under another number.
        if rng.random() < 0.08:
            pin = str(rng.randrange(20000, 30000))
        while pin in used_pins:
            pin = str(rng.randrange(20000, 30000))
        used_pins.add(pin)
        roll = rng.random()
        lateness = 5.0 if roll < 0.08 else 1.5 if roll < 0.2 else 0.6
        return _Person(
            uuid7_at(self.setup_ms, rng.getrandbits(74)),
            name,
            "女" if female else "男",
            pin,
            unit_index,
            lateness,
        )

    def _rules(self, writer: _Writer) -> None:
        rng = self._rng("rules")
        schedules: list[Row] = []
        for name, season, hours in (
            (names.SCHEDULE_SUMMER, SUMMER_SEASON, SUMMER_HOURS),
            (names.SCHEDULE_WINTER, WINTER_SEASON, WINTER_HOURS),
        ):
            row = self._setup_meta(rng)
            am_start, am_end, pm_start, pm_end = (_clock(s) for s in hours)
            row.update(
                name=name,
                season_start=season[0],
                season_end=season[1],
                am_start=am_start,
                am_end=am_end,
                pm_start=pm_start,
                pm_end=pm_end,
                late_grace_minutes=DEMO_SETTINGS["late_grace_minutes"],
            )
            schedules.append(row)
        holidays: list[Row] = []
        for override in self.holidays:
            row = self._setup_meta(rng)
            source = (
                names.HOLIDAY_SOURCE.format(year=override.day.year)
                if override.national
                else names.CLOSURE_SOURCE
            )
            row.update(
                day=override.day,
                is_workday=override.is_workday,
                name=override.name,
                source=source,
                national=override.national,
            )
            holidays.append(row)
        settings: list[Row] = []
        for key, value in DEMO_SETTINGS.items():
            row = self._setup_meta(rng)
            row.update(key=key, value=value)
            settings.append(row)
        for model, rows in (
            (Schedule, schedules),
            (Holiday, holidays),
            (Setting, settings),
        ):
            writer.add(model, rows)
            writer.flush(model)

    def _leaves(self, writer: _Writer) -> None:
        """Approved leave, drawn per person from yearly rates; it decides who punches when."""
        rng = self._rng("leave")
        years = self.spec.months / 12
        # Episodes per person and year, and how many working days each lasts.
        rates = (
            (LeaveKind.VACATION, 0.8, (3, 5)),
            (LeaveKind.SICK, 1.5, (1, 2)),
            (LeaveKind.PERSONAL, 1.5, (1, 1)),
            (LeaveKind.OFFICIAL, 1.0, (1, 1)),
            (LeaveKind.OUTING, 3.0, (1, 1)),
        )
        workdays = self.workdays
        rows: list[Row] = []
        for index, person in enumerate(self.staff):
            chief = self.staff[self.units[person.unit].staff[0]]
            approver = names.LEAVE_APPROVER_OFFICE if chief is person else chief.name
            for kind, rate, (shortest, longest) in rates:
                for _ in range(_poisson(rng, rate * years)):
                    length = rng.randint(shortest, longest)
                    start = rng.randrange(len(workdays))
                    days = workdays[start : start + length]
                    if any((index, day.toordinal()) in self.leave_days for day in days):
                        continue
                    part = "full"
                    if kind is LeaveKind.OUTING:
                        part = "out"
                    elif kind is LeaveKind.PERSONAL and rng.random() < 0.5:
                        part = rng.choice(("am", "pm"))
                    for day in days:
                        self.leave_days[index, day.toordinal()] = part
                    starts_at, ends_at = self._leave_span(rng, days[0], days[-1], part)
                    created_at = starts_at - timedelta(hours=17)
                    if kind is LeaveKind.SICK:
                        # Sick leave is reported on the morning it starts.
                        created_at = starts_at - timedelta(minutes=rng.randint(20, 90))
                    ms = int(created_at.timestamp()) * 1000
                    row = self._meta(ms, created_at, rng.getrandbits(74))
                    row.update(
                        staff_id=person.id,
                        kind=kind,
                        starts_at=starts_at,
                        ends_at=ends_at,
                        reason=rng.choice(names.LEAVE_REASONS[kind.value]),
                        approved_by=approver,
                    )
                    rows.append(row)
        rows.sort(key=lambda row: (row["starts_at"], row["id"]))
        writer.add(Leave, rows)
        writer.flush(Leave)

    def _leave_span(
        self, rng: random.Random, first: date, last: date, part: str
    ) -> tuple[datetime, datetime]:
        seconds = _SECONDS
        first_base = self._midnight(first)[0]
        last_base = self._midnight(last)[0]
        am_start, am_end, pm_start, pm_end = _hours(first)
        if part == "am":
            return first_base + seconds[am_start], first_base + seconds[am_end]
        if part == "pm":
            return first_base + seconds[pm_start], first_base + seconds[pm_end]
        if part == "out":
            # An hour or two in the middle of a half day, clear of the punch times.
            if rng.random() < 0.5:
                start = am_start + 1800 + rng.randrange(0, 3600, 300)
            else:
                start = pm_start + 3600 + rng.randrange(0, 3600, 300)
            end = start + rng.choice((3600, 5400, 7200))
            return first_base + seconds[start], first_base + seconds[end]
        return first_base + seconds[am_start], last_base + seconds[_hours(last)[3]]

    def _attendance(self, writer: _Writer) -> None:
        """Four punches per person and working day, with the usual slips; none on leave."""
        rng = self._rng("attendance")
        random_ = rng.random
        bits = rng.getrandbits
        seconds = _SECONDS
        model = AttendanceEvent
        punch, source, sn = AttendanceKind.PUNCH, AttendanceSource.DEVICE, names.PUNCH_DEVICE_SN
        leave_days = self.leave_days
        # ZKTeco attlog columns after the time: device 1, status 0, verify 1, work code 0.
        zk_tail = "\t1\t0\t1\t0"
        staff = [(i, p.id, p.pin, p.lateness) for i, p in enumerate(self.staff)]
        for day in self.workdays:
            writer.check()
            base, base_ms = self._midnight(day)
            am_start, am_end, pm_start, pm_end = _hours(day)
            ordinal = day.toordinal()
            day_text = day.isoformat()
            rows: list[Row] = []
            for index, staff_id, pin, lateness in staff:
                part = leave_days.get((index, ordinal))
                if part == "full":
                    continue
                # On an outing day the person keeps to the hours: the outing is the exception.
                slips = part != "out"
                times: list[int] = []
                if part != "am":
                    roll = random_()
                    if slips and roll < 0.022 * lateness:
                        late = 1800 + int(random_() * 3600) if roll < 0.0035 * lateness else 0
                        times.append(am_start + (late or 60 + int(random_() * 1500)))
                    else:
                        times.append(am_start - 60 - int(random_() ** 1.6 * 1500))
                    if slips and random_() < 0.003:
                        times.append(am_end - 300 - int(random_() * 2400))
                    else:
                        times.append(am_end + int(random_() ** 2 * 600))
                if part != "pm":
                    roll = random_()
                    if slips and roll < 0.008 * lateness:
                        late = 1800 + int(random_() * 2400) if roll < 0.0012 * lateness else 0
                        times.append(pm_start + (late or 60 + int(random_() * 1200)))
                    else:
                        times.append(pm_start - 60 - int(random_() ** 1.6 * 1200))
                    if slips and random_() < 0.006:
                        times.append(pm_end - 300 - int(random_() * 3000))
                    else:
                        times.append(pm_end + int(random_() ** 2 * 1500))
                for first_second in times:
                    if random_() < 0.004:
                        continue  # a forgotten punch
                    second = first_second
                    repeats = 2 if random_() < 0.005 else 1  # pressed again, to be sure
                    for _ in range(repeats):
                        at = base + seconds[second]
                        ms = base_ms + second * 1000
                        hh, rest = divmod(second, 3600)
                        mm, ss = divmod(rest, 60)
                        rows.append(
                            {
                                "id": uuid7_at(ms, bits(74)),
                                "created_at": at,
                                "deleted": False,
                                "staff_id": staff_id,
                                "window_id": None,
                                "kind": punch,
                                "occurred_at": at,
                                "source": source,
                                "device_sn": sn,
                                "raw": f"  {pin}\t{day_text} {hh:02d}:{mm:02d}:{ss:02d}{zk_tail}",
                                "note": "",
                                "approved_by": "",
                                "clock_suspect": False,
                            }
                        )
                        second += 2 + int(random_() * 30)
            writer.add(model, rows)
        writer.flush(model)

    def _day_servers(self, day: date) -> list[int | None]:
        """Return who serves at each window on day: the primary, the stand-in, or nobody."""
        ordinal = day.toordinal()
        busy: set[int] = set()
        servers: list[int | None] = []
        for window in self.windows:
            chosen: int | None = None
            for candidate in (window.primary, window.backup):
                if candidate is None or candidate in busy:
                    continue
                if self.leave_days.get((candidate, ordinal)) in (None, "out"):
                    chosen = candidate
                    break
            if chosen is not None:
                busy.add(chosen)
            servers.append(chosen)
        return servers

    def _backlog(self, writer: _Writer) -> None:
        """A few cases accepted before the period and still open: 结转件 past their limits."""
        # Every hall carries some over, and without them a one-month demo could never show a
        # case past its legal limit (20 working days and more).
        rng = self._rng("backlog")
        seconds = _SECONDS
        candidates = [
            (unit, item_id, item)
            for unit in self.units
            for item_id, item in unit.items
            if item.promised_days > 0
        ]
        rows: list[Row] = []
        for n in range(max(3, len(self.windows) // 8)):
            unit, item_id, item = rng.choice(candidates)
            # Alternately past the legal limit (严重超期) and past the promised one only.
            limit = item.legal_days if n % 2 == 0 else item.promised_days
            day = self._working_day_back(self.last_day, limit + rng.randint(2, 8))
            if day >= self.first_day:
                day = self._working_day_back(self.first_day, rng.randint(1, 5))
            base, base_ms = self._midnight(day)
            hours = _hours(day)
            taken = hours[0] + rng.randrange(0, 7200)
            called = taken + rng.randrange(120, 1500)
            accepted = called + rng.randrange(60, 300)
            window_index = rng.choice(unit.windows)
            window = self.windows[window_index]
            promised_due, promised_guess = self._due(day, item.promised_days)
            legal_due, legal_guess = self._due(day, item.legal_days)
            row = self._meta(base_ms + taken * 1000, base + seconds[taken], rng.getrandbits(74))
            row.update(
                unit_id=unit.id,
                window_id=window.id,
                staff_id=self.staff[window.primary].id,
                service_item_id=item_id,
                ticket_no=f"{unit.spec.zone}{rng.randint(1, 90):03d}",
                case_no=f"{day:%Y%m%d}{unit.no:02d}{rng.randint(1, 60):04d}",
                status=CaseStatus.ACCEPTED,
                taken_at=row["created_at"],
                called_at=base + seconds[called],
                accepted_at=base + seconds[accepted],
                finished_at=None,
                # Served at the window a few minutes after acceptance; the case goes on.
                service_finished_at=base + seconds[accepted + 420],
                hold_minutes=0,
                paused_days=0,
                extended_days=0,
                promised_days=item.promised_days,
                legal_days=item.legal_days,
                promised_due=promised_due,
                legal_due=legal_due,
                due_provisional=promised_guess or legal_guess,
                rating=None,
                rating_raw="",
                rated_at=None,
                source="queue",
            )
            rows.append(row)
        rows.sort(key=lambda row: (row["taken_at"], row["id"]))
        writer.add(Case, rows)

    def _working_day_back(self, day: date, n: int) -> date:
        """Return the n-th working day before day."""
        while n > 0:
            day -= timedelta(days=1)
            n -= self.calendar.is_workday(day)
        return day

    def _cases(self, writer: _Writer) -> None:
        """Queue tickets per zone and day, served unit by unit; accepted ones become cases."""
        rng = self._rng("cases")
        random_ = rng.random
        bits = rng.getrandbits
        seconds = _SECONDS
        model = Case
        due = self._due
        end_utc = self.end_utc
        weekday_factor = (1.25, 1.05, 1.0, 0.95, 0.85, 0.8, 0.8)
        demand_total = sum(names.UNITS[code].demand * count for code, count in self.spec.units)
        per_demand = self.spec.tickets / (demand_total * max(len(self.workdays), 1))
        zones: dict[str, list[int]] = {}
        for index, unit in enumerate(self.units):
            zones.setdefault(unit.spec.zone, []).append(index)
        profiles = {hours: _arrivals(hours) for hours in (SUMMER_HOURS, WINTER_HOURS)}
        window_ids = [window.id for window in self.windows]
        staff_ids = [person.id for person in self.staff]
        # Every ticket of a past day has been called or given up: none is left WAITING.
        abandoned, transferred = CaseStatus.ABANDONED, CaseStatus.TRANSFERRED
        accepted = CaseStatus.ACCEPTED
        paused, finished = CaseStatus.PAUSED, CaseStatus.FINISHED
        for day in self.workdays:
            writer.check()
            ordinal = day.toordinal()
            servers = self.servers[ordinal] = self._day_servers(day)
            base, base_ms = self._midnight(day)
            hours = _hours(day)
            am_start, am_end, pm_start, pm_end = hours
            slots, cum = profiles[hours]
            ymd = day.strftime("%Y%m%d")
            factor = weekday_factor[day.weekday()] * per_demand
            rows: list[Row] = []
            for zone, unit_indexes in sorted(zones.items()):
                tickets: list[tuple[int, int]] = []
                for unit_index in unit_indexes:
                    unit = self.units[unit_index]
                    open_windows = sum(1 for w in unit.windows if servers[w] is not None)
                    mean = unit.spec.demand * factor * open_windows
                    count = max(0, round(rng.gauss(mean, math.sqrt(mean) if mean else 0)))
                    for slot in rng.choices(slots, cum_weights=cum, k=count):
                        tickets.append((slot + int(random_() * 900), unit_index))
                tickets.sort()
                queues: dict[int, list[tuple[int, str]]] = {}
                for number, (taken, unit_index) in enumerate(tickets, start=1):
                    queues.setdefault(unit_index, []).append((taken, f"{zone}{number:03d}"))
                for unit_index, queue in queues.items():
                    unit = self.units[unit_index]
                    unit_id = unit.id
                    desks = [w for w in unit.windows if servers[w] is not None]
                    free = [am_start] * len(desks)
                    items, item_weights = unit.items, unit.item_weights
                    sequence = 0
                    for taken, ticket_no in queue:
                        desk = min(range(len(desks)), key=free.__getitem__)
                        call = max(taken + 15 + int(random_() * 75), free[desk])
                        if am_end <= call < pm_start:
                            call = pm_start + int(random_() * 90)
                        taken_at = base + seconds[taken]
                        ms = base_ms + taken * 1000
                        row: Row = {
                            "id": uuid7_at(ms, bits(74)),
                            "created_at": taken_at,
                            "deleted": False,
                            "unit_id": unit_id,
                            "window_id": None,
                            "staff_id": None,
                            "service_item_id": None,
                            "ticket_no": ticket_no,
                            "case_no": "",
                            "status": abandoned,
                            "taken_at": taken_at,
                            "called_at": None,
                            "accepted_at": None,
                            "finished_at": None,
                            "service_finished_at": None,
                            "hold_minutes": 0,
                            "paused_days": 0,
                            "extended_days": 0,
                            "promised_days": None,
                            "legal_days": None,
                            "promised_due": None,
                            "legal_due": None,
                            "due_provisional": False,
                            "rating": None,
                            "rating_raw": "",
                            "rated_at": None,
                            "source": "queue",
                        }
                        rows.append(row)
                        if call > pm_end + 1200:
                            continue  # the hall closed before this number came up
                        window = desks[desk]
                        row["window_id"] = window_ids[window]
                        row["staff_id"] = staff_ids[servers[window]]  # type: ignore[index]
                        row["called_at"] = base + seconds[call]
                        roll = random_()
                        if roll < 0.03:
                            free[desk] = call + 45  # 过号: called, nobody came
                            continue
                        if roll < 0.038:
                            row["status"] = transferred
                            free[desk] = call + 120 + int(random_() * 240)
                            continue
                        item_id, item = items[
                            bisect_right(item_weights, random_() * item_weights[-1])
                        ]
                        immediate = item.promised_days == 0
                        # Minutes at the desk: a few for 即办件, a quarter hour for the rest.
                        if immediate:
                            service = 150 + int(random_() * 330)
                        else:
                            service = 300 + int(random_() * 480)
                        hold = 180 + int(random_() * 720) if random_() < 0.03 else 0
                        accept = call + 60 + int(random_() * min(240, service - 60))
                        done = call + service + hold
                        free[desk] = done + 10 + int(random_() * 50)
                        sequence += 1
                        promised_due, promised_guess = due(day, item.promised_days)
                        legal_due, legal_guess = due(day, item.legal_days)
                        row["service_item_id"] = item_id
                        row["case_no"] = f"{ymd}{unit.no:02d}{sequence:04d}"
                        row["accepted_at"] = base + seconds[accept]
                        row["hold_minutes"] = hold // 60
                        # The end of service at the window, as the queue system records it
                        # for every served ticket; the case's own finish may come days later.
                        row["service_finished_at"] = base + seconds[done]
                        # The item's limits when the case came in: the case keeps them.
                        row["promised_days"] = item.promised_days
                        row["legal_days"] = item.legal_days
                        row["promised_due"] = promised_due
                        row["legal_due"] = legal_due
                        row["due_provisional"] = promised_guess or legal_guess
                        late = False
                        if immediate:
                            finished_at: datetime | None = base + seconds[done]
                            rated_at = base + seconds[done + 20 + int(random_() * 280)]
                        else:
                            roll = random_()
                            promised = item.promised_days
                            if roll < 0.9:
                                k = 1 + int(random_() * promised)
                            elif roll < 0.98:
                                k = (
                                    promised
                                    + 1
                                    + int(random_() * max(item.legal_days - promised, 1))
                                )
                                late = True
                            else:
                                k = item.legal_days + 1 + int(random_() * 8)
                                late = True
                            if random_() < 0.03:
                                # 补正: the clock stood still while the applicant fetched papers.
                                row["paused_days"] = pause = 1 + int(random_() * 5)
                                k += pause
                                # The stopped clock pushes both due dates (DOMAIN).
                                row["promised_due"] = due(day, item.promised_days + pause)[0]
                                row["legal_due"] = due(day, item.legal_days + pause)[0]
                            finish_day = due(day, k)[0]
                            finish_base = self._midnight(finish_day)[0]
                            finish_hours = _hours(finish_day)
                            span = finish_hours[3] - finish_hours[0] - 2400
                            finish = finish_hours[0] + 1800 + int(random_() * span)
                            finished_at = finish_base + seconds[finish]
                            rated_at = finished_at + seconds[300 + int(random_() * 6900)]
                            if finished_at >= end_utc:
                                finished_at = None
                                row["status"] = paused if row["paused_days"] else accepted
                                continue
                        row["status"] = finished
                        row["finished_at"] = finished_at
                        if random_() < 0.7 and rated_at < end_utc:
                            rating = _rating(random_(), late)
                            row["rating"] = rating
                            row["rating_raw"] = str(rating)
                            row["rated_at"] = rated_at
            writer.add(model, rows)
        writer.flush(model)

    def _spot_checks(self, writer: _Writer) -> None:
        rng = self._rng("spot checks")
        seconds = _SECONDS
        kinds = (
            (SpotCheckKind.OPEN, "明查"),
            (SpotCheckKind.COVERT, "暗访"),
            (SpotCheckKind.SURPRISE, "突击检查"),
            (SpotCheckKind.VIDEO, "视频巡查"),
        )
        checks: list[Row] = []
        findings: list[Row] = []
        for month_days in _by_month(self.workdays):
            count = _per_month(self.spec.spot_checks_per_month, month_days)
            for day in sorted(rng.sample(month_days, count)):
                base, base_ms = self._midnight(day)
                hours = _hours(day)
                start = hours[0] + 1800 + rng.randrange(0, hours[3] - hours[0] - 7200, 60)
                end = start + rng.randrange(1800, 5400, 60)
                kind, kind_name = rng.choice(kinds)
                team = names.VIDEO_TEAM if kind is SpotCheckKind.VIDEO else rng.choice(names.TEAMS)
                check = self._meta(
                    base_ms + start * 1000, base + seconds[start], rng.getrandbits(74)
                )
                servers = self.servers.get(day.toordinal()) or self._day_servers(day)
                found = rng.choices((0, 1, 2, 3), weights=(25, 35, 25, 15))[0]
                checked = rng.randint(max(found, len(self.windows) // 3), len(self.windows))
                check.update(
                    kind=kind,
                    title=f"{day.month}月{day.day}日{kind_name}",
                    team=team,
                    inspector=rng.choice(names.INSPECTORS),
                    started_at=base + seconds[start],
                    ended_at=base + seconds[end],
                    summary=f"共检查窗口{checked}个，发现问题{found}个。",
                )
                checks.append(check)
                for window_index in rng.sample(range(len(self.windows)), found):
                    window = self.windows[window_index]
                    server = servers[window_index]
                    person = self.staff[server if server is not None else window.primary]
                    category, severity, text = rng.choice(names.FINDING_CATEGORIES)
                    observed = rng.randrange(start, end)
                    rectify_days = 5 if severity >= 2 else None
                    rectify_due = self._due(day, 5)[0] if rectify_days else None
                    if rectify_due is not None and rectify_due < self.last_day:
                        status = (
                            FindingStatus.CLOSED
                            if rng.random() < 0.85
                            else FindingStatus.RECTIFYING
                        )
                    elif rectify_due is not None:
                        status = FindingStatus.RECTIFYING
                    else:
                        recent = (self.last_day - day).days < 7
                        status = FindingStatus.OPEN if recent else FindingStatus.CLOSED
                    finding = self._meta(
                        base_ms + observed * 1000, base + seconds[observed], rng.getrandbits(74)
                    )
                    finding.update(
                        spot_check_id=check["id"],
                        window_id=window.id,
                        staff_id=person.id,
                        category=category,
                        description=text.format(
                            window=window.number, staff=person.name, minutes=rng.randint(12, 40)
                        ),
                        severity=severity,
                        observed_at=base + seconds[observed],
                        rectify_days=rectify_days,
                        rectify_due=rectify_due,
                        status=status,
                    )
                    findings.append(finding)
        writer.add(SpotCheck, checks)
        writer.flush(SpotCheck)
        writer.add(Finding, findings)
        writer.flush(Finding)

    def _complaints(self, writer: _Writer) -> None:
        rng = self._rng("complaints")
        seconds = _SECONDS
        demand = [unit.spec.demand * len(unit.windows) for unit in self.units]
        rows: list[Row] = []
        for month_days in _by_month(self.workdays):
            count = _per_month(self.spec.complaints_per_month, month_days)
            for day in sorted(rng.sample(month_days, count)):
                base, base_ms = self._midnight(day)
                hours = _hours(day)
                at = hours[0] + rng.randrange(0, hours[3] - hours[0], 60)
                unit = rng.choices(self.units, weights=demand)[0]
                window_index = rng.choice(unit.windows)
                window = self.windows[window_index]
                servers = self.servers.get(day.toordinal()) or self._day_servers(day)
                server = servers[window_index]
                item = rng.choice(unit.items)[1]
                real_name = rng.random() < 0.7
                age = self.calendar.working_days_between(day, self.last_day)
                if age >= 15:
                    status = rng.choices(
                        (
                            ComplaintStatus.ARCHIVED,
                            ComplaintStatus.REPLIED,
                            ComplaintStatus.REJECTED,
                        ),
                        weights=(6, 3, 1),
                    )[0]
                elif age >= 5:
                    status = rng.choice((ComplaintStatus.INVESTIGATING, ComplaintStatus.HANDLED))
                else:
                    status = rng.choice((ComplaintStatus.REGISTERED, ComplaintStatus.ACCEPTED))
                if status is ComplaintStatus.REJECTED:
                    result = "不属于效能投诉受理范围，已告知投诉人向相关部门反映。"
                elif status in (
                    ComplaintStatus.HANDLED,
                    ComplaintStatus.REPLIED,
                    ComplaintStatus.ARCHIVED,
                ):
                    result = rng.choice(names.COMPLAINT_RESULTS)
                else:
                    result = ""
                row = self._meta(base_ms + at * 1000, base + seconds[at], rng.getrandbits(74))
                row.update(
                    unit_id=unit.id,
                    window_id=window.id,
                    staff_id=self.staff[server].id if server is not None else None,
                    received_at=base + seconds[at],
                    channel=rng.choice(names.COMPLAINT_CHANNELS),
                    complainant_name=self._complainant(rng) if real_name else "",
                    complainant_phone=(
                        f"1{rng.choice('3578')}{rng.randrange(10**9):09d}" if real_name else ""
                    ),
                    real_name=real_name,
                    content=rng.choice(names.COMPLAINT_TEXTS).format(
                        item=item.name, window=window.number
                    ),
                    status=status,
                    accept_due=self._due(day, 5)[0],
                    reply_due=self._due(day, 15)[0],
                    result=result,
                )
                rows.append(row)
        writer.add(Complaint, rows)
        writer.flush(Complaint)

    def _complainant(self, rng: random.Random) -> str:
        surname = rng.choices(names.SURNAMES, cum_weights=_surname_weights(len(names.SURNAMES)))
        return surname[0] + rng.choice(names.GIVEN_ANY) + rng.choice(names.GIVEN_MALE)


@cache
def _surname_weights(count: int) -> list[float]:
    # Roughly Zipf-shaped, like the real frequency list the surnames are taken from.
    return list(accumulate(1 / (rank + 4) for rank in range(count)))


def _rating(roll: float, late: bool) -> int:
    """Return a 好差评 level; late cases draw more bad ratings."""
    thresholds = (0.5, 0.7, 0.8, 0.9) if late else (0.82, 0.95, 0.975, 0.988)
    for level, threshold in zip((5, 4, 3, 2), thresholds, strict=True):
        if roll < threshold:
            return level
    return 1


def _clock(second: int) -> time:
    return time(second // 3600, second % 3600 // 60)


def _per_month(rate: int, month_days: Sequence[date]) -> int:
    """Scale a monthly count to the working days of a month that the demo covers."""
    return min(len(month_days), max(1, round(rate * len(month_days) / 21)))


def _by_month(days: Sequence[date]) -> list[list[date]]:
    months: dict[tuple[int, int], list[date]] = {}
    for day in days:
        months.setdefault((day.year, day.month), []).append(day)
    return list(months.values())
