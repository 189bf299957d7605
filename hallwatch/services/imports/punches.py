"""Punch imports: attlog files and CSV/Excel punch exports into attendance events.

Two passes over the file, so that a file of any length imports in flat memory:

1. Check: every row is parsed and validated (PIN → staff, time → UTC, window);
   a good row leaves one 64-bit key (staff index and epoch second) and two small
   indexes behind, a bad one a row error. Nothing is written.
2. Write (when there is no row error, or the caller keeps the good rows): inside
   one write transaction the keys are checked against the punches already stored
   and against each other — a punch within `duplicate_punch_seconds` of an earlier
   punch of the same person, or of a stored one, is merged into it — then the file
   is read again and the kept rows go in with Core executemany, with their outbox
   mutations, after the ImportBatch row that names the file. Cancel or any failure
   rolls the whole transaction back.

Outbox: attendance events are append-only (DESIGN §8), so they travel as
`attendance_events.bulk_create` mutations of at most 1,000 rows each:

    {"table": "attendance_events", "op": "bulk_create", "hall_id": …, "hlc": …,
     "batch_id": …, "common": {column: value, …}, "columns": [names …],
     "rows": [[value, …], …]}

Each row is `common` plus its own columns; its `updated_hlc` is the mutation's hlc
and its `updated_by` the mutation's device. Values are in the JSON form of the
change log (`changelog.jsonable`).
"""

from __future__ import annotations

import uuid
from array import array
from collections.abc import Callable, Iterator
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
from hallwatch.services.imports.bulk import MonotonicIds, StoredRows, append_bulk_mutation
from hallwatch.services.imports.mapping import (
    HEADER_SEARCH_ROWS,
    ColumnMapping,
    find_header_row,
    resolve_columns,
)
from hallwatch.services.imports.reading import SourceInfo, TableReader, TableRow
from hallwatch.services.imports.report import (
    ErrorLog,
    ImportCancelled,
    ImportFileError,
    ImportReport,
    RowProblem,
)
from hallwatch.services.imports.values import (
    LocalTime,
    parse_date,
    parse_local_datetime,
    parse_time,
    text_value,
    utc_from_epoch,
)
from hallwatch.services.rules import load_rules
from hallwatch.storage import changelog
from hallwatch.storage.changelog import Actor
from hallwatch.storage.database import Database
from hallwatch.storage.models import AttendanceEvent, Base, Hall, ImportBatch, Staff, Window

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]

# A key packs a staff index above the epoch second (34 bits reach the year 2514).
EPOCH_BITS = 34
EPOCH_MASK = (1 << EPOCH_BITS) - 1
# Rows per executemany, and per outbox mutation (DESIGN §8: at most 1,000).
INSERT_CHUNK = 10_000
MUTATION_ROWS = 1_000
# Rows checked between two looks at cancel and progress.
CHECK_EVERY = 8192
# Share of the progress bar for the checking pass; writing takes the rest.
CHECK_SHARE = 0.45

ROW_COLUMNS = ("id", "staff_id", "occurred_at", "device_sn", "raw", "window_id")


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
                f"PIN {pin} belongs to several staff members ({names}); give each their own",
                "ambiguous_pin",
            )
        found = self.loose_pins.get(pin.lstrip("0"))
        if found is not None:
            return found
        raise RowProblem(
            column,
            pin,
            f"unknown PIN {pin}: no staff member has this PIN or staff number",
            "unknown_pin",
        )

    def find_window(self, number: str, column: str) -> int:
        found = self.windows.get(number) or self.windows.get(number.upper())
        if found is None:
            raise RowProblem(
                column,
                number,
                f"unknown window {number}: the hall has no such window",
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
    """The rows of a CSV/Excel punch export, read through its column mapping."""

    kind = "punches"

    def __init__(self, info: SourceInfo, mapping: ColumnMapping | None = None) -> None:
        self.info = info
        self.mapping = mapping
        self.reader: TableReader | None = None
        self.headers: list[str] = []
        self.columns: dict[str, int] = {}
        self.header_row = 0

    @property
    def encoding(self) -> str:
        return self.reader.encoding if self.reader is not None else self.info.encoding

    @property
    def fraction(self) -> float:
        return self.reader.fraction if self.reader is not None else 0.0

    def sha256(self) -> str:
        assert self.reader is not None
        return self.reader.sha256()

    def open(self) -> tuple[list[TableRow], Iterator[TableRow]]:
        """Start reading: find the header row; return the rows after it and the rest."""
        self.reader = reader = TableReader(self.info)
        rows = iter(reader)
        head: list[TableRow] = []
        for row in rows:
            head.append(row)
            if len(head) >= HEADER_SEARCH_ROWS:
                break
        index = find_header_row([row.cells for row in head], "punches", self.mapping)
        if head:
            self.header_row = head[index].number
            self.headers = [text_value(cell) for cell in head[index].cells]
        return head[index + 1 :], rows

    def records(self) -> Iterator[tuple[int, str, bool, Any]]:
        """Yield (row number, row as text, decoded cleanly, cells) for each data row."""
        after_header, rest = self.open()
        samples = [row.cells for row in after_header if any(row.cells)][:20]
        self.prepare(self.headers, resolve_columns("punches", self.headers, samples, self.mapping))
        # Exports printed page by page repeat the header: such rows are no data.
        pin_header = self.headers[self._pin]
        pin_column = self._pin
        for row in _chain(after_header, rest):
            cells = row.cells
            if not any(cells):
                continue
            if pin_header and len(cells) > pin_column and cells[pin_column] == pin_header:
                continue
            yield row.number, row.raw, row.decoded, cells

    def prepare(self, headers: list[str], columns: dict[str, int]) -> None:
        """Use these headers and field → column choices to read rows."""
        self.headers, self.columns = headers, columns
        self._pin = columns["pin"]
        self._datetime = columns.get("datetime")
        self._date = columns.get("date")
        self._time = columns.get("time")
        self._device = columns.get("device")
        self._window = columns.get("window")
        self.names = {name: self.column_name(index) for name, index in columns.items()}

    def column(self, name: str) -> str:
        return self.names.get(name, "")

    def column_name(self, index: int) -> str:
        header = self.headers[index] if index < len(self.headers) else ""
        return header or f"column {index + 1}"

    def parse(self, cells: list[Any]) -> tuple[str, datetime, str, str]:
        width = len(cells)
        pin = text_value(cells[self._pin]) if self._pin < width else ""
        if not pin:
            raise RowProblem(self.names["pin"], "", "the PIN is empty", "empty_pin")
        if self._datetime is not None:
            value = cells[self._datetime] if self._datetime < width else None
            try:
                local = parse_local_datetime(value)
            except ValueError as error:
                raise _time_problem(self.names["datetime"], value, error) from None
        else:
            assert self._date is not None
            assert self._time is not None
            day_value = cells[self._date] if self._date < width else None
            time_value = cells[self._time] if self._time < width else None
            try:
                day = parse_date(day_value)
            except ValueError as error:
                raise _time_problem(self.names["date"], day_value, error, "date") from None
            try:
                clock = parse_time(time_value)
            except ValueError as error:
                raise _time_problem(self.names["time"], time_value, error) from None
            local = datetime.combine(day, clock)
        device = (
            text_value(cells[self._device])
            if self._device is not None and self._device < width
            else ""
        )
        window = (
            text_value(cells[self._window])
            if self._window is not None and self._window < width
            else ""
        )
        return pin, local, device, window


def _time_problem(column: str, value: Any, error: ValueError, what: str = "time") -> RowProblem:
    text = text_value(value)
    reason = str(error)
    if text and text not in reason:
        reason = f"{text!r} {reason}"
    return RowProblem(column, text, f"cannot read the {what}: {reason}", f"bad_{what}")


def _chain(first: list[TableRow], rest: Iterator[TableRow]) -> Iterator[TableRow]:
    yield from first
    yield from rest


# --- pass 1: check ----------------------------------------------------------


@dataclass(slots=True)
class PunchPlan:
    """What the checking pass found: a key per data row (-1: a bad row) and the errors."""

    keys: array[int]
    devices: array[int]
    windows: array[int]
    device_names: list[str]
    errors: ErrorLog
    rows_read: int
    encoding: str
    sha256: str

    @property
    def rows_valid(self) -> int:
        return self.rows_read - self.errors.count


def check_punches(
    source: PunchSource, ctx: PunchContext, progress: Progress, cancelled: Cancelled
) -> PunchPlan:
    """Parse and validate every row; keep only compact keys and the row errors."""
    keys: array[int] = array("q")
    # 2 bytes a row: 65,535 devices, 32,767 windows are more than any hall has.
    devices: array[int] = array("H")
    windows: array[int] = array("h" if len(ctx.window_ids) < 32_767 else "i")
    device_index: dict[str, int] = {"": 0}
    device_names = [""]
    errors = ErrorLog()
    pins_get = ctx.pins.get
    epoch = LocalTime(ctx.zone).epoch
    offsets = ctx.rules.device_offsets
    parse = source.parse
    rows = 0
    # Keys of different people then differ by far more than any duplicate window.
    limit = 1 << (EPOCH_BITS - 1)
    for number, raw, decoded, payload in source.records():
        rows += 1
        if not rows % CHECK_EVERY:
            if cancelled():
                raise ImportCancelled()
            progress(source.fraction * CHECK_SHARE, f"checking: {rows:,} rows")
        try:
            if not decoded:
                reason = f"the line is not valid {source.encoding} text (mixed encodings?)"
                raise RowProblem("", raw[:80], reason, "decode")
            pin, local, device, window = parse(payload)
            staff = pins_get(pin)
            if staff is None:
                staff = ctx.find_staff(pin, source.column("pin"))
            seconds = epoch(local)
            if offsets:
                seconds += offsets.get(device, 0)
            if not 0 <= seconds < limit:
                column = source.column("datetime") or source.column("date")
                raise RowProblem(
                    column, str(local), f"{local} is out of range", "time_out_of_range"
                )
            where = ctx.find_window(window, source.column("window")) if window else -1
            found = device_index.get(device)
            if found is None:
                if len(device_names) > 65_534:
                    raise RowProblem("", device, "too many devices in one file", "devices")
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
    if rows == 0:
        name = source.info.path.name
        raise ImportFileError("no_rows", f"{name} has no rows to import", "export the data again")
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
    )


# --- duplicates -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    """Which rows go in: a byte per data row (1 = import), and what was merged."""

    keep: bytes
    kept: int
    merged: int


def decide(session: Session, ctx: PunchContext, plan: PunchPlan) -> Decision:
    """Merge duplicates among the good rows and against the punches already stored.

    Sorting the keys puts each person's punches in time order; as epochs stay below
    2**33, two neighbours closer than the window always belong to the same person.
    Arrays are dropped as soon as they are used: at ten million rows each one is
    80 MB.
    """
    import numpy as np  # late: only imports need it

    keys = np.frombuffer(plan.keys, dtype=np.int64)
    valid = keys >= 0
    good = int(np.count_nonzero(valid))
    if not good:
        return Decision(bytes(len(keys)), 0, 0)
    new = keys[valid]
    seconds = new & EPOCH_MASK
    first, last = int(seconds.min()), int(seconds.max())
    del seconds
    window = ctx.rules.duplicate_punch_seconds
    existing = _stored_keys(session, ctx, first - window, last + window)
    stored = len(existing)
    everything = np.concatenate([existing, new])
    del new, existing
    # Stable: of equal keys, a stored punch comes first, then the file's in file order.
    order = np.argsort(everything, kind="stable")
    everything.sort()  # in place: the same values as everything[order], without a copy
    close = np.diff(everything) <= window
    del everything
    fresh = order >= stored
    # A new punch merges into the punch just before it (stored or new), or into a
    # stored punch just after it.
    merged = np.zeros(len(order), bool)
    merged[1:] = close
    merged[:-1] |= close & ~fresh[1:]
    merged &= fresh
    del close, fresh
    # Which good rows (counted among the good rows, in file order) were merged.
    duplicates = order[merged] - stored
    del order, merged
    keep = valid.view(np.uint8).copy()
    keep[np.flatnonzero(valid)[duplicates]] = 0
    return Decision(keep.tobytes(), good - len(duplicates), len(duplicates))


def _stored_keys(session: Session, ctx: PunchContext, first: int, last: int) -> Any:
    import numpy as np

    event = AttendanceEvent
    rows = session.execute(
        select(event.staff_id, event.occurred_at).where(
            event.hall_id == ctx.hall_id,
            event.occurred_at >= utc_from_epoch(max(first, 0)),
            event.occurred_at <= utc_from_epoch(last),
            event.kind == AttendanceKind.PUNCH,
            event.deleted.is_(False),
        )
    )
    index_of = ctx.index_of.get
    found: list[int] = []
    for staff_id, occurred_at in rows:
        index = index_of(staff_id)
        if index is not None:
            found.append(index << EPOCH_BITS | int(occurred_at.timestamp()))
    return np.array(found, dtype=np.int64)


# --- pass 2: write ----------------------------------------------------------


def write_punches(
    session: Session,
    ctx: PunchContext,
    plan: PunchPlan,
    decision: Decision,
    source: PunchSource,
    batch_id: uuid.UUID,
    actor: Actor,
    progress: Progress,
    cancelled: Cancelled,
) -> int:
    """Insert the kept rows (read again from the file) with their outbox mutations."""
    now = utcnow()
    constants: dict[str, Any] = {
        "hall_id": ctx.hall_id,
        "created_at": now,
        "updated_by": actor.device_id,
        "deleted": False,
        "server_seq": None,
        "kind": AttendanceKind.PUNCH,
        "source": AttendanceSource.IMPORT,
        "note": "",
        "approved_by": "",
        "clock_suspect": False,
        "batch_id": batch_id,
    }
    table = Base.metadata.tables[AttendanceEvent.__tablename__]
    varying = ("id", "staff_id", "window_id", "occurred_at", "device_sn", "raw", "updated_hlc")
    stored = StoredRows(session.connection(), table, constants, varying)
    slot = stored.slots
    at_id, at_staff, at_window = slot["id"], slot["staff_id"], slot["window_id"]
    at_time, at_device, at_raw, at_hlc = (
        slot["occurred_at"],
        slot["device_sn"],
        slot["raw"],
        slot["updated_hlc"],
    )
    store_id = stored.processor("id")
    store_time = stored.processor("occurred_at")
    staff_stored = [stored.stored("staff_id", staff_id) for staff_id in ctx.staff_ids]
    staff_text = [str(staff_id) for staff_id in ctx.staff_ids]
    window_stored = [stored.stored("window_id", window_id) for window_id in ctx.window_ids]
    window_text = [str(window_id) for window_id in ctx.window_ids]
    # The outbox carries what all rows share once per mutation (module docstring).
    common = {
        name: changelog.jsonable(value)
        for name, value in constants.items()
        if name not in changelog.META_COLUMNS
    }
    # The bulk rows are outside the ORM's change hook: their outbox entries are ours.
    counters = changelog.counters(session, actor)
    ids = MonotonicIds()
    keep, keys, devices, windows = decision.keep, plan.keys, plan.devices, plan.windows
    device_names = plan.device_names
    template = stored.template
    rows: list[tuple[Any, ...]] = []
    payload_rows: list[list[Any]] = []
    written = 0
    total = max(decision.kept, 1)
    hlc = counters.clock.now().pack()
    ordinal = -1
    for _number, raw, _decoded, _payload in source.records():
        ordinal += 1
        if not keep[ordinal]:
            continue
        key = keys[ordinal]
        staff = key >> EPOCH_BITS
        occurred = utc_from_epoch(key & EPOCH_MASK)
        where = windows[ordinal]
        row_id = uuid.UUID(int=ids.next_int())
        device = device_names[devices[ordinal]]
        row = template.copy()
        row[at_id] = store_id(row_id)
        row[at_staff] = staff_stored[staff]
        row[at_time] = store_time(occurred)
        row[at_device] = device
        row[at_raw] = raw
        row[at_hlc] = hlc
        if where >= 0:
            row[at_window] = window_stored[where]
        rows.append(tuple(row))
        payload_rows.append(
            [
                str(row_id),
                staff_text[staff],
                occurred.isoformat(),
                device,
                raw,
                window_text[where] if where >= 0 else None,
            ]
        )
        if len(payload_rows) >= MUTATION_ROWS:
            append_bulk_mutation(
                session,
                actor,
                counters,
                table="attendance_events",
                hall_id=ctx.hall_id,
                batch_id=batch_id,
                hlc=hlc,
                common=common,
                columns=ROW_COLUMNS,
                rows=payload_rows,
            )
            payload_rows = []
            hlc = counters.clock.now().pack()
        if len(rows) >= INSERT_CHUNK:
            if cancelled():
                raise ImportCancelled()
            stored.insert(rows)
            written += len(rows)
            rows = []
            progress(
                CHECK_SHARE + 0.05 + 0.47 * written / total,
                f"writing: {written:,} of {decision.kept:,} rows",
            )
    if payload_rows:
        append_bulk_mutation(
            session,
            actor,
            counters,
            table="attendance_events",
            hall_id=ctx.hall_id,
            batch_id=batch_id,
            hlc=hlc,
            common=common,
            columns=ROW_COLUMNS,
            rows=payload_rows,
        )
    stored.insert(rows)
    written += len(rows)
    counters.put("hlc_last", counters.clock.last.pack())
    return written


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
        written = write_punches(
            session, ctx, plan, decision, source, batch_id, actor, progress, cancelled
        )
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
    )
