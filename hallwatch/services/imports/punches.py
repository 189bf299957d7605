"""Punch imports: attlog files and CSV/Excel punch exports into attendance events.

Two passes over the file, so that a file of any length imports in flat memory:

1. Check: every row is parsed and validated (PIN → staff, time → UTC, window,
   the time within values.MomentCheck's bounds); a good row leaves one 64-bit key
   (staff index and epoch second) and two small indexes behind, a bad one a row
   error. Nothing is written.
2. Write (when there is no row error, or the caller keeps the good rows): inside
   one write transaction the keys are checked against the punches already stored
   and against each other — a punch within `duplicate_punch_seconds` after the
   punch of the same person kept before it (stored or new) is merged into that
   one — then the file
   is read again and the kept rows go in through storage.bulk.bulk_insert (Core
   executemany, with their outbox mutations and audit entries), after the
   ImportBatch row that names the file. Cancel or any failure rolls the whole
   transaction back.

Times are stored as the device's clock showed them (in UTC): a device's clock
offset (HallRules.device_offsets) is applied by whoever reads punches — judging a
day, the board, the duplicate check here — so it counts exactly once, and an offset
set after an import corrects the punches already imported.

Outbox: attendance events are append-only (DESIGN §8), so they travel as
`attendance_events.bulk_create` mutations of at most 1,000 rows each, in the form
storage.bulk describes; each chunk of rows has one audit entry.
"""

from __future__ import annotations

import uuid
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.enums import AttendanceKind, AttendanceSource
from hallwatch.domain.errors import NotFoundError
from hallwatch.domain.ids import uuid7
from hallwatch.domain.rules import HallRules
from hallwatch.domain.timeutil import hall_zone, utcnow
from hallwatch.services.hall.rules import load_rules
from hallwatch.services.imports.attlog import split_line
from hallwatch.services.imports.mapping import ColumnMapping, DataTable, column_place
from hallwatch.services.imports.reading import SourceInfo, TableReader
from hallwatch.services.imports.report import (
    CHECK_SHARE,
    MAX_COLUMN,
    Cancelled,
    ErrorLog,
    ImportCancelled,
    ImportFileError,
    ImportReport,
    Progress,
    RowError,
    RowProblem,
    clip,
    write_progress,
)
from hallwatch.services.imports.values import (
    LocalTime,
    MomentCheck,
    clean_text,
    parse_date,
    parse_local_datetime,
    parse_time,
    text_value,
    utc_from_epoch,
)
from hallwatch.storage.bulk import bulk_insert
from hallwatch.storage.database import Database
from hallwatch.storage.models import AttendanceEvent, Hall, ImportBatch, Staff, Window

# A key packs a staff index above the epoch second (34 bits reach the year 2514).
EPOCH_BITS = 34
EPOCH_MASK = (1 << EPOCH_BITS) - 1
# Rows checked between two looks at cancel and progress.
CHECK_EVERY = 8192
# Share of the progress bar for the checking pass; writing takes the rest.


class PunchSource(Protocol):
    """Rows of a punch file: attlog.AttlogSource or PunchTable."""

    kind: str
    info: SourceInfo

    @property
    def encoding(self) -> str: ...

    def column(self, name: str) -> str:
        """Return how row errors name the column of a field ('' when there is none)."""
        ...

    @property
    def fraction(self) -> float: ...

    def sha256(self) -> str: ...

    def records(self) -> Iterator[tuple[int, str, bool, Any]]: ...

    def parse(self, payload: Any) -> tuple[str, datetime, str, str]: ...


# --- who and where: the hall's staff and windows ---------------------------


@dataclass(slots=True)
class PunchContext:
    """The hall's staff and windows as the checking pass needs them."""

    hall_id: uuid.UUID
    zone: ZoneInfo
    rules: HallRules
    staff_ids: list[uuid.UUID]
    staff_names: list[str]
    pins: dict[str, int]
    # PINs without leading zeros (Excel drops them), when that still names one person.
    loose_pins: dict[str, int]
    ambiguous: dict[str, list[int]]
    window_ids: list[uuid.UUID]
    windows: dict[str, int]
    index_of: dict[uuid.UUID, int] = field(default_factory=dict)

    def find_staff(self, pin: str, column: str) -> int:
        """Return the staff index of a PIN that is not a plain match, or raise RowProblem."""
        shared = self.ambiguous.get(pin)
        if shared:
            names = ", ".join(self.staff_names[i] for i in shared)
            raise RowProblem(
                column,
                pin,
                f"PIN {clip(pin)} belongs to several staff members ({clip(names, 120)}); give "
                "each their own",
                "ambiguous_pin",
            )
        found = self.loose_pins.get(pin.lstrip("0"))
        if found is not None:
            return found
        raise RowProblem(
            column,
            pin,
            f"unknown PIN {clip(pin)}: no staff member has this PIN or staff number",
            "unknown_pin",
        )

    def find_window(self, number: str, column: str) -> int:
        found = self.windows.get(number) or self.windows.get(number.upper())
        if found is None:
            raise RowProblem(
                column,
                number,
                f"unknown window {clip(number)}: the hall has no such window",
                "unknown_window",
            )
        return found


def load_punch_context(session: Session, hall_id: uuid.UUID) -> PunchContext:
    """Read the hall's zone, rules, staff PINs and window numbers."""
    hall = session.get(Hall, hall_id)
    if hall is None or hall.deleted:
        raise NotFoundError(f"no hall with id {hall_id}", "choose one of the halls in this folder")
    rows = session.execute(
        select(Staff.id, Staff.name, Staff.pin, Staff.staff_no)
        .where(Staff.hall_id == hall_id, Staff.deleted.is_(False))
        .order_by(Staff.staff_no)
    ).all()
    ids = [row.id for row in rows]
    names = [row.name for row in rows]
    by_pin: dict[str, list[int]] = {}
    by_number: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        if row.pin.strip():
            by_pin.setdefault(row.pin.strip(), []).append(index)
        by_number.setdefault(row.staff_no.strip(), []).append(index)
    pins = {pin: found[0] for pin, found in by_pin.items() if len(found) == 1}
    ambiguous = {pin: found for pin, found in by_pin.items() if len(found) > 1}
    # The staff number stands in for a PIN that nobody has.
    for number, found in by_number.items():
        if number and number not in by_pin and len(found) == 1:
            pins[number] = found[0]
    loose: dict[str, list[int]] = {}
    for pin, index in pins.items():
        loose.setdefault(pin.lstrip("0"), []).append(index)
    loose_pins = {pin: found[0] for pin, found in loose.items() if len(set(found)) == 1}
    windows = session.execute(
        select(Window.id, Window.number).where(Window.hall_id == hall_id, Window.deleted.is_(False))
    ).all()
    window_index: dict[str, int] = {}
    for index, (_window_id, number) in enumerate(windows):
        window_index[number] = index
        window_index.setdefault(number.upper(), index)
    return PunchContext(
        hall_id=hall_id,
        zone=hall_zone(hall.timezone),
        rules=load_rules(session, hall_id),
        staff_ids=ids,
        staff_names=names,
        pins=pins,
        loose_pins=loose_pins,
        ambiguous=ambiguous,
        window_ids=[window_id for window_id, _number in windows],
        windows=window_index,
        index_of={staff_id: index for index, staff_id in enumerate(ids)},
    )


# --- CSV and Excel punch exports ------------------------------------------


class PunchTable:
    """The rows of a CSV/Excel punch export, read through its column mapping.

    A sign-in/sign-out sheet (ZKTime's 签到/签退: 日期, 签到时间, 签退时间 per day and
    period) gives up to two punches a row: the sign-in and the sign-out are each a
    record of their own (same row number, each its own column in row errors). A row
    with neither is an absent day: no punch, counted in `absent_rows`, for the judging
    of the day to find.
    """

    kind = "punches"

    def __init__(self, info: SourceInfo, mapping: ColumnMapping | None = None) -> None:
        self.info = info
        self.mapping = mapping
        self.table: DataTable | None = None
        self.headers: list[str] = []
        self.columns: dict[str, int] = {}
        self.header_row = 0
        self.absent_rows = 0
        self.warnings = ErrorLog()
        self.skipped: dict[str, int] = {}

    @property
    def reader(self) -> TableReader | None:
        return self.table.reader if self.table is not None else None

    @property
    def encoding(self) -> str:
        return self.reader.encoding if self.reader is not None else self.info.encoding

    @property
    def fraction(self) -> float:
        return self.reader.fraction if self.reader is not None else 0.0

    def sha256(self) -> str:
        assert self.reader is not None
        return self.reader.sha256()

    def records(self) -> Iterator[tuple[int, str, bool, Any]]:
        """Yield (row number, row as text, decoded cleanly, (cells, which)) per punch.

        which is "in" for the row's (sign-in) time and "out" for its sign-out time.
        """
        self.table = table = DataTable(self.info, "punches", self.mapping)
        self.header_row = table.header_row
        self.prepare(table.headers, table.resolve())
        # Each pass starts afresh: the checking pass's counts are the ones reported.
        self.warnings = table.warnings
        self.skipped = table.skipped
        self.absent_rows = 0
        for row in table.rows():
            cells = row.cells
            times = self.times_of(cells)
            if not times:
                self.absent_rows += 1
            for which in times:
                yield row.number, row.raw, row.decoded, (cells, which)

    def times_of(self, cells: list[Any]) -> tuple[str, ...]:
        """Return which times of a row are punches: ("in",), ("out",), both, or () (absent)."""
        if self._time_out is None:
            return ("in",)
        clock = self._datetime if self._datetime is not None else self._time
        has_in = _filled(cells, clock)
        has_out = _filled(cells, self._time_out)
        if not has_in and not has_out:
            # Nobody signed: an absent day, unless the row names nobody either (an error).
            return () if _filled(cells, self._pin) else ("in",)
        return ("in", "out") if has_in and has_out else (("in",) if has_in else ("out",))

    def prepare(self, headers: list[str], columns: dict[str, int]) -> None:
        """Use these headers and field → column choices to read rows."""
        self.headers, self.columns = headers, columns
        self._pin = columns["pin"]
        self._datetime = columns.get("datetime")
        self._date = columns.get("date")
        self._time = columns.get("time")
        self._time_out = columns.get("time_out")
        self._device = columns.get("device")
        self._window = columns.get("window")
        self.names = {name: self.column_name(index) for name, index in columns.items()}

    def column(self, name: str) -> str:
        return self.names.get(name, "")

    def column_name(self, index: int) -> str:
        header = self.headers[index] if index < len(self.headers) else ""
        return clip(header, MAX_COLUMN) if header else column_place(index)

    def parse(self, payload: Any) -> tuple[str, datetime, str, str]:
        if isinstance(payload, tuple):
            cells, which = payload
        else:  # the preview hands bare cells
            cells, which = payload, "in"
        width = len(cells)
        value = cells[self._pin] if self._pin < width else None
        # Plain text (most PINs) is text_value's own first case, without the call.
        pin = value.strip() if value.__class__ is str and value.isprintable() else text_value(value)
        if not pin:
            raise RowProblem(self.names["pin"], "", "the PIN is empty", "empty_pin")
        if which == "out":
            assert self._time_out is not None
            local = self._moment(cells, self._time_out, "time_out")
        elif self._datetime is not None:
            value = cells[self._datetime] if self._datetime < width else None
            try:
                local = parse_local_datetime(value)
            except ValueError as error:
                raise _time_problem(self.names["datetime"], value, error) from None
        else:
            assert self._time is not None
            local = self._moment(cells, self._time, "time")
        if self._device is not None and self._device < width:
            value = cells[self._device]
            device = (
                value.strip()
                if value.__class__ is str and value.isprintable()
                else text_value(value)
            )
        else:
            device = ""
        window = (
            text_value(cells[self._window])
            if self._window is not None and self._window < width
            else ""
        )
        return pin, local, device, window

    def _moment(self, cells: list[Any], column: int, name: str) -> datetime:
        """Return the time of a time column, on the row's date when it holds no date."""
        width = len(cells)
        time_value = cells[column] if column < width else None
        if self._date is None:
            try:
                return parse_local_datetime(time_value)
            except ValueError as error:
                raise _time_problem(self.names[name], time_value, error) from None
        day_value = cells[self._date] if self._date < width else None
        try:
            day = parse_date(day_value)
        except ValueError as error:
            raise _time_problem(self.names["date"], day_value, error, "date") from None
        try:
            clock = parse_time(time_value)
        except ValueError as error:
            raise _time_problem(self.names[name], time_value, error) from None
        return datetime.combine(day, clock)


def _filled(cells: list[Any], column: int | None) -> bool:
    if column is None or column >= len(cells):
        return False
    value = cells[column]
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _time_problem(column: str, value: Any, error: ValueError, what: str = "time") -> RowProblem:
    text = text_value(value)
    reason = str(error)
    said = clip(text)
    if said and said not in reason:
        reason = f"{said!r} {reason}"
    return RowProblem(column, said, f"cannot read the {what}: {reason}", f"bad_{what}")


# --- pass 1: check ----------------------------------------------------------


@dataclass(slots=True)
class PunchPlan:
    """What the checking pass found: a key per data row (-1: a bad row) and the errors.

    A key holds the time as the device's clock showed it: a device's clock offset is
    applied when punches are read (judging a day, the board), never when they are
    stored, so it counts once whenever the offset was set.
    """

    keys: array[int]
    devices: array[int]
    windows: array[int]
    device_names: list[str]
    errors: ErrorLog
    rows_read: int
    encoding: str
    sha256: str
    warnings: ErrorLog = field(default_factory=ErrorLog)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows_valid(self) -> int:
        return self.rows_read - self.errors.count


def _clean(text: str, column: str, number: int, warnings: ErrorLog) -> str:
    """Return a PIN, device or window without invisible marks and control characters."""
    cleaned, controls = clean_text(text)
    cleaned = cleaned.strip()
    if controls:
        warnings.add(
            RowError(
                number,
                column,
                clip(cleaned),
                "removed control characters (such as terminal colour codes) from the text",
                "control_characters",
            )
        )
    return cleaned


def check_punches(
    source: PunchSource,
    ctx: PunchContext,
    progress: Progress,
    cancelled: Cancelled,
    now: datetime | None = None,
) -> PunchPlan:
    """Parse and validate every row; keep only compact keys and the row errors."""
    keys: array[int] = array("q")
    # 2 bytes a row: 65,535 devices, 32,767 windows are more than any hall has.
    devices: array[int] = array("H")
    windows: array[int] = array("h" if len(ctx.window_ids) < 32_767 else "i")
    device_index: dict[str, int] = {"": 0}
    device_names = [""]
    errors = ErrorLog()
    warnings = ErrorLog()
    pins_get = ctx.pins.get
    epoch = LocalTime(ctx.zone).epoch
    offsets = ctx.rules.device_offsets
    moments = MomentCheck(now)
    moment_check, earliest, latest = moments.check, moments.earliest, moments.latest
    parse = source.parse
    rows = 0
    for number, raw, decoded, payload in source.records():
        rows += 1
        if not rows % CHECK_EVERY:
            if cancelled():
                raise ImportCancelled()
            progress(source.fraction * CHECK_SHARE, f"checking: {rows:,} rows")
        try:
            if not decoded:
                reason = f"the line is not valid {source.encoding} text (mixed encodings?)"
                raise RowProblem("", clip(raw, 80), reason, "decode")
            pin, local, device, window = parse(payload)
            if not pin.isprintable():
                pin = _clean(pin, source.column("pin"), number, warnings)
                if not pin:
                    raise RowProblem(source.column("pin"), "", "the PIN is empty", "empty_pin")
            if device and not device.isprintable():
                # attlog names no column for these: its fixed layout calls them so.
                column = source.column("device") or "Device"
                device = _clean(device, column, number, warnings)
            if window and not window.isprintable():
                window = _clean(window, source.column("window") or "Window", number, warnings)
            staff = pins_get(pin)
            if staff is None:
                staff = ctx.find_staff(pin, source.column("pin"))
            seconds = epoch(local)
            # Judged as it really happened: the device's clock corrected by its offset.
            # In range, nothing is said: the words are made only for a refused row.
            judged = seconds + offsets.get(device, 0) if offsets else seconds
            if not earliest <= judged <= latest:
                column = source.column("datetime") or source.column("time") or source.column("date")
                try:
                    moment_check(judged, say(local), column)
                except RowProblem:
                    # Said again quoting the file's own text (read only for a refused row).
                    written = _written_time(source, payload)
                    moment_check(judged, say(local), column, written)
                    raise
            where = ctx.find_window(window, source.column("window")) if window else -1
            found = device_index.get(device)
            if found is None:
                if len(device_names) > 65_534:
                    raise RowProblem("", clip(device), "too many devices in one file", "devices")
                found = device_index[device] = len(device_names)
                device_names.append(device[:40])
        except RowProblem as problem:
            errors.add(problem.at(number))
            keys.append(-1)
            devices.append(0)
            windows.append(-1)
            continue
        keys.append(staff << EPOCH_BITS | seconds)
        devices.append(found)
        windows.append(where)
    if rows == 0 and not getattr(source, "absent_rows", 0):
        name = source.info.path.name
        raise ImportFileError("no_rows", f"{name} has no rows to import", "export the data again")
    # Footers, repeated headers and cleaned cells the table itself found.
    table_warnings = getattr(source, "warnings", None)
    if isinstance(table_warnings, ErrorLog):
        warnings.absorb(table_warnings)
    counts = {name: value for name, value in getattr(source, "skipped", {}).items() if value}
    absent = getattr(source, "absent_rows", 0)
    if absent:
        counts["absent_days"] = absent
    progress(CHECK_SHARE, f"checked {rows:,} rows")
    return PunchPlan(
        keys=keys,
        devices=devices,
        windows=windows,
        device_names=device_names,
        errors=errors,
        rows_read=rows,
        encoding=source.encoding,
        sha256=source.sha256(),
        warnings=warnings,
        counts=counts,
    )


def _written_time(source: PunchSource, payload: Any) -> str:
    """Return a row's time as the file wrote it: an attlog field, or the row's date and time."""
    if isinstance(payload, str):  # an attlog line
        parts = split_line(payload)
        return parts[1] if len(parts) > 1 else ""
    cells, which = payload if isinstance(payload, tuple) else (payload, "in")
    stamp = getattr(source, "_datetime", None)
    if which != "out" and stamp is not None:
        columns: tuple[int | None, ...] = (stamp,)
    else:
        clock = getattr(source, "_time_out" if which == "out" else "_time", None)
        columns = (getattr(source, "_date", None), clock)
    texts = [text_value(cells[i]) for i in columns if i is not None and i < len(cells)]
    return " ".join(text for text in texts if text)


def say(moment: datetime) -> str:
    """Return a wall-clock time as row errors show it."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# --- duplicates -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    """Which rows go in: a byte per data row (1 = import), and what was merged."""

    keep: bytes
    kept: int
    merged: int


def decide(session: Session, ctx: PunchContext, plan: PunchPlan) -> Decision:
    """Merge duplicates among the good rows and against the punches already stored.

    Punches are compared as they really happened (each device's clock offset applied),
    each person's in time order. A punch within the window after the punch kept before
    it is merged into that one (the window runs from the kept punch, so a burst of
    presses 50 s apart does not creep on: the fourth, 150 s after the first, is a punch
    of its own), and so is a new punch just before a stored one (stored punches are
    never dropped). Sorting the keys puts each person's punches in time order; as
    epochs stay below 2**33, two neighbours closer than the window always belong to the
    same person. Arrays are dropped as soon as they are used: at ten million rows each
    one is 80 MB.
    """
    import numpy as np  # late: only imports need it

    keys = np.frombuffer(plan.keys, dtype=np.int64)
    valid = keys >= 0
    good = int(np.count_nonzero(valid))
    if not good:
        return Decision(bytes(len(keys)), 0, 0)
    new = keys[valid]
    offsets = ctx.rules.device_offsets
    if offsets:
        shift = np.array([offsets.get(name, 0) for name in plan.device_names], dtype=np.int64)
        new = new + shift[np.frombuffer(plan.devices, dtype=np.uint16)[valid]]
    seconds = new & EPOCH_MASK
    first, last = int(seconds.min()), int(seconds.max())
    del seconds
    window = ctx.rules.duplicate_punch_seconds
    slack = max((abs(value) for value in offsets.values()), default=0)
    existing = _stored_keys(session, ctx, first - window - slack, last + window + slack)
    stored = len(existing)
    everything = np.concatenate([existing, new])
    del new, existing
    # Stable: of equal keys, a stored punch comes first, then the file's in file order.
    order = np.argsort(everything, kind="stable")
    everything.sort()  # in place: the same values as everything[order], without a copy
    fresh = order >= stored
    merged = _merged(everything, fresh, window)
    del everything, fresh
    # Which good rows (counted among the good rows, in file order) were merged.
    duplicates = order[merged] - stored
    del order, merged
    keep = valid.view(np.uint8).copy()
    keep[np.flatnonzero(valid)[duplicates]] = 0
    return Decision(keep.tobytes(), good - len(duplicates), len(duplicates))


def _merged(times: Any, fresh: Any, window: int) -> Any:
    """Return which of the sorted punches merge into another (only new ones ever do).

    Runs of punches each within the window of the one before are found at once; a run
    that spans no more than the window merges into its first punch (and a new punch
    just before a stored one into that), as a whole. Only a longer run, a burst of
    presses, is walked punch by punch from the punch kept.
    """
    import numpy as np

    count = len(times)
    merged = np.zeros(count, bool)
    if count < 2:
        return merged
    close = np.diff(times) <= window
    # A run: punches linked by close neighbours. starts[i]..ends[i] inclusive.
    edges = np.flatnonzero(np.diff(np.concatenate(([False], close, [False])).astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    short = times[ends] - times[starts] <= window
    for start, end in zip(starts[short], ends[short], strict=True):
        stored_at = np.flatnonzero(~fresh[start : end + 1])
        if len(stored_at):
            # Everything within the window of a stored punch is that punch.
            merged[start : end + 1] = fresh[start : end + 1]
        else:
            merged[start + 1 : end + 1] = True
    for start, end in zip(starts[~short], ends[~short], strict=True):
        _walk(times, fresh, merged, int(start), int(end), window)
    return merged


def _walk(times: Any, fresh: Any, merged: Any, start: int, end: int, window: int) -> None:
    """Merge the punches of one long run into the punch kept before them."""
    kept: int | None = None
    stored = [i for i in range(start, end + 1) if not fresh[i]]
    following = 0  # index into stored of the next stored punch at or after i
    for i in range(start, end + 1):
        at = int(times[i])
        if not fresh[i]:
            kept = at
            following += 1
            continue
        if kept is not None and at - kept <= window:
            merged[i] = True
            continue
        if following < len(stored) and int(times[stored[following]]) - at <= window:
            merged[i] = True  # a stored punch just after it stands for it
            continue
        kept = at


def _stored_keys(session: Session, ctx: PunchContext, first: int, last: int) -> Any:
    import numpy as np

    event = AttendanceEvent
    rows = session.execute(
        select(event.staff_id, event.occurred_at, event.device_sn).where(
            event.hall_id == ctx.hall_id,
            event.occurred_at >= utc_from_epoch(max(first, 0)),
            event.occurred_at <= utc_from_epoch(last),
            event.kind == AttendanceKind.PUNCH,
            event.deleted.is_(False),
        )
    )
    index_of = ctx.index_of.get
    offsets = ctx.rules.device_offsets
    found: list[int] = []
    for staff_id, occurred_at, device_sn in rows:
        index = index_of(staff_id)
        if index is not None:
            seconds = int(occurred_at.timestamp()) + offsets.get(device_sn or "", 0)
            found.append(index << EPOCH_BITS | seconds)
    return np.array(found, dtype=np.int64)


# --- pass 2: write ----------------------------------------------------------


def write_punches(
    session: Session,
    ctx: PunchContext,
    plan: PunchPlan,
    decision: Decision,
    source: PunchSource,
    batch_id: uuid.UUID,
    progress: Progress,
    cancelled: Cancelled,
) -> int:
    """Insert the kept rows (read again from the file) with their outbox mutations."""
    common: dict[str, Any] = {
        "hall_id": ctx.hall_id,
        "created_at": utcnow(),
        "kind": AttendanceKind.PUNCH,
        "source": AttendanceSource.IMPORT,
        "batch_id": batch_id,
    }
    written = write_progress(progress, cancelled, decision.kept)
    return bulk_insert(
        session,
        AttendanceEvent,
        _kept_rows(ctx, plan, decision, source),
        batch_id=batch_id,
        common=common,
        written=written,
    )


def _kept_rows(
    ctx: PunchContext, plan: PunchPlan, decision: Decision, source: PunchSource
) -> Iterator[dict[str, Any]]:
    """Yield the rows to insert: the file's kept punches, in file order."""
    keep, keys, devices, windows = decision.keep, plan.keys, plan.devices, plan.windows
    device_names = plan.device_names
    staff_ids = ctx.staff_ids
    window_ids = [*ctx.window_ids, None]  # a window index of -1: no window
    ordinal = -1
    for _number, raw, _decoded, _payload in source.records():
        ordinal += 1
        if not keep[ordinal]:
            continue
        key = keys[ordinal]
        yield {
            "staff_id": staff_ids[key >> EPOCH_BITS],
            "window_id": window_ids[windows[ordinal]],
            "occurred_at": utc_from_epoch(key & EPOCH_MASK),
            "device_sn": device_names[devices[ordinal]],
            "raw": raw,
        }


# --- the whole import -------------------------------------------------------


def import_punches(
    db: Database,
    hall_id: uuid.UUID,
    source: PunchSource,
    *,
    file_name: str,
    mapping_name: str = "",
    dry_run: bool = False,
    keep_good_rows: bool = False,
    progress: Progress,
    cancelled: Cancelled,
) -> ImportReport:
    """Check a punch file, then write it all (or its good rows) in one transaction."""
    with db.read() as session:
        ctx = load_punch_context(session, hall_id)
    plan = check_punches(source, ctx, progress, cancelled)
    blocked = plan.errors.count > 0 and not keep_good_rows
    if dry_run or blocked:
        with db.read() as session:
            decision = decide(session, ctx, plan)
            previous = _previous_batch(session, hall_id, plan.sha256)
        return _report(
            source.kind, file_name, mapping_name, plan, decision, None, dry_run, blocked, previous
        )
    with db.write("import") as session:
        decision = decide(session, ctx, plan)
        previous = _previous_batch(session, hall_id, plan.sha256)
        if decision.kept == 0:
            # Nothing new (the same file again, say): no batch, no change at all.
            return _report(
                source.kind, file_name, mapping_name, plan, decision, None, False, False, previous
            )
        progress(CHECK_SHARE + 0.05, "writing")
        actor = session.info["actor"]
        batch_id = uuid7()
        report = _report(
            source.kind, file_name, mapping_name, plan, decision, batch_id, False, False, previous
        )
        session.add(
            ImportBatch(
                id=batch_id,
                hall_id=hall_id,
                kind=source.kind,
                file_name=file_name[:260],
                file_sha256=plan.sha256,
                mapping=mapping_name[:60],
                rows_read=report.rows_read,
                rows_imported=report.rows_imported,
                rows_skipped=report.rows_skipped,
                report=report.as_json(),
                imported_at=utcnow(),
                imported_by=actor.user,
            )
        )
        # The batch goes first: its audit entry, and its outbox entry before the rows'.
        session.flush()
        written = write_punches(session, ctx, plan, decision, source, batch_id, progress, cancelled)
        if written != decision.kept:
            raise RuntimeError(f"{file_name} changed while it was imported: read it again")
        progress(0.98, "saving")
    return report


def _previous_batch(
    session: Session, hall_id: uuid.UUID, sha256: str
) -> tuple[uuid.UUID, datetime] | None:
    row = session.execute(
        select(ImportBatch.id, ImportBatch.imported_at)
        .where(
            ImportBatch.hall_id == hall_id,
            ImportBatch.file_sha256 == sha256,
            ImportBatch.deleted.is_(False),
        )
        .order_by(ImportBatch.imported_at.desc())
        .limit(1)
    ).first()
    return (row.id, row.imported_at) if row else None


def _report(
    kind: str,
    file_name: str,
    mapping_name: str,
    plan: PunchPlan,
    decision: Decision,
    batch_id: uuid.UUID | None,
    dry_run: bool,
    blocked: bool,
    previous: tuple[uuid.UUID, datetime] | None,
) -> ImportReport:
    imported = 0 if blocked else decision.kept
    return ImportReport(
        kind=kind,
        file=file_name,
        rows_read=plan.rows_read,
        rows_imported=imported,
        rows_skipped=plan.errors.count,
        duplicates_merged=decision.merged,
        errors=list(plan.errors.kept),
        batch_id=batch_id,
        dry_run=dry_run,
        error_count=plan.errors.count,
        rows_valid=decision.kept,
        encoding=plan.encoding,
        mapping=mapping_name,
        file_sha256=plan.sha256,
        previous_batch_id=previous[0] if previous else None,
        previous_imported_at=previous[1] if previous else None,
        counts=dict(plan.counts),
        warnings=list(plan.warnings.kept),
        warning_count=plan.warnings.count,
    )
