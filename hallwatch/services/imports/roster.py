"""Roster imports: staff, their units and windows, from an Excel or CSV list.

A roster row names a person by staff number (工号) with name, unit (单位/部门),
window (窗口), punch-clock PIN (考勤号), phone, position (岗位) and the window
role (A/B角). Existing staff are updated field by field through the ORM, so each
change is audited and synced like an edit made by hand; a unit or window the hall
does not have yet is created; a window in the roster becomes a window assignment
from today (the person's previous primary window, and the window's previous
primary person, end yesterday). Empty cells change nothing.

All or nothing, like every import: every row is checked (in the file and against
the database) before anything is written, and one bad row stops the import
unless the good rows are asked for.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.enums import AssignmentRole
from hallwatch.domain.errors import NotFoundError
from hallwatch.domain.ids import uuid7
from hallwatch.domain.timeutil import hall_zone, local_day, utcnow
from hallwatch.services.imports.mapping import ColumnMapping, DataTable, normalize_header
from hallwatch.services.imports.reading import SourceInfo
from hallwatch.services.imports.report import (
    Cancelled,
    ErrorLog,
    ImportCancelled,
    ImportFileError,
    ImportReport,
    Progress,
    RowError,
    clip,
)
from hallwatch.services.imports.values import text_value
from hallwatch.storage.database import Database
from hallwatch.storage.models import Hall, ImportBatch, Staff, Unit, Window, WindowAssignment

# A hall has hundreds of staff; a file far longer than this is not a roster.
MAX_ROWS = 50_000
# Longest text per field (the columns' sizes).
LIMITS = {
    "staff_no": 32,
    "name": 60,
    "pin": 32,
    "phone": 32,
    "position": 60,
    "gender": 8,
    "window": 16,
    "unit": 120,
}
ROLES = {
    "": AssignmentRole.PRIMARY,
    "a": AssignmentRole.PRIMARY,
    "a角": AssignmentRole.PRIMARY,
    "主": AssignmentRole.PRIMARY,
    "主岗": AssignmentRole.PRIMARY,
    "主角": AssignmentRole.PRIMARY,
    "primary": AssignmentRole.PRIMARY,
    "b": AssignmentRole.BACKUP,
    "b角": AssignmentRole.BACKUP,
    "备": AssignmentRole.BACKUP,
    "备岗": AssignmentRole.BACKUP,
    "顶岗": AssignmentRole.BACKUP,
    "backup": AssignmentRole.BACKUP,
    "standin": AssignmentRole.BACKUP,
}
# Staff fields a roster may set, in the order they are compared.
STAFF_FIELDS = ("name", "pin", "phone", "position", "gender")


@dataclass(slots=True)
class RosterRow:
    number: int
    values: dict[str, str]
    role: AssignmentRole

    @property
    def staff_no(self) -> str:
        return self.values["staff_no"]

    def get(self, name: str) -> str:
        return self.values.get(name, "")


@dataclass(slots=True)
class RosterPlan:
    rows: list[RosterRow]
    errors: ErrorLog
    rows_read: int
    merged: int
    encoding: str
    sha256: str
    columns: dict[str, str] = field(default_factory=dict)  # field -> header
    # Footers and repeated headers skipped, cleaned cells: what the table reader found.
    warnings: ErrorLog = field(default_factory=ErrorLog)
    skipped: dict[str, int] = field(default_factory=dict)


def read_roster(
    info: SourceInfo,
    mapping: ColumnMapping | None,
    progress: Progress,
    cancelled: Cancelled,
) -> RosterPlan:
    """Read and check the rows of a roster file on their own (the file's own rules)."""
    table = DataTable(info, "roster", mapping)
    reader = table.reader
    if not table.head:
        raise ImportFileError("no_rows", "the file has no rows to import", "export the data again")
    columns = table.resolve()
    names = {name: table.column_name(col) for name, col in columns.items()}
    errors = ErrorLog()
    good: list[RosterRow] = []
    seen: dict[str, RosterRow] = {}
    pins: dict[str, RosterRow] = {}
    primaries: dict[str, RosterRow] = {}
    merged = 0
    count = 0
    for row in table.rows():
        count += 1
        if count > MAX_ROWS:
            raise ImportFileError(
                "too_many_rows",
                f"{info.path.name} has more than {MAX_ROWS:,} rows: it is not a staff roster",
                "check that you chose the roster file",
            )
        if count % 500 == 0:
            if cancelled():
                raise ImportCancelled()
            progress(0.4 * reader.fraction, f"checking: {count:,} rows")
        if not row.decoded:
            errors.add(
                RowError(row.number, "", clip(row.raw, 80), "the line is not valid text", "decode")
            )
            continue
        values = {
            name: text_value(row.cells[col]) if col < len(row.cells) else ""
            for name, col in columns.items()
        }
        problem = _check_row(row.number, values, names)
        if problem is not None:
            errors.add(problem)
            continue
        role = ROLES[normalize_header(values.get("role", ""))]
        item = RosterRow(row.number, values, role)
        first = seen.get(item.staff_no)
        if first is not None:
            if first.values == item.values:
                merged += 1
                continue
            errors.add(
                RowError(
                    row.number,
                    names["staff_no"],
                    item.staff_no,
                    f"staff number {item.staff_no} appears again with other values "
                    f"(first on row {first.number})",
                    "duplicate_staff_no",
                )
            )
            continue
        pin = item.get("pin")
        if pin and pin in pins:
            errors.add(
                RowError(
                    row.number,
                    names["pin"],
                    pin,
                    f"PIN {pin} is also given to staff number {pins[pin].staff_no} "
                    f"(row {pins[pin].number})",
                    "duplicate_pin",
                )
            )
            continue
        window = item.get("window")
        if window and role is AssignmentRole.PRIMARY:
            holder = primaries.get(window.upper())
            if holder is not None:
                errors.add(
                    RowError(
                        row.number,
                        names["window"],
                        window,
                        f"window {window} already has its primary staff member "
                        f"{holder.staff_no} (row {holder.number}); mark one of them as B角",
                        "duplicate_primary",
                    )
                )
                continue
            primaries[window.upper()] = item
        seen[item.staff_no] = item
        if pin:
            pins[pin] = item
        good.append(item)
    if count == 0:
        raise ImportFileError(
            "no_rows",
            f"{info.path.name} has no staff rows below its header",
            "export the roster again",
        )
    return RosterPlan(
        rows=good,
        errors=errors,
        rows_read=count,
        merged=merged,
        encoding=reader.encoding,
        sha256=reader.sha256(),
        columns=names,
        warnings=table.warnings,
        skipped={name: value for name, value in table.skipped.items() if value},
    )


def _check_row(number: int, values: dict[str, str], names: dict[str, str]) -> RowError | None:
    if not values.get("staff_no"):
        return RowError(
            number, names["staff_no"], "", "the staff number is empty", "empty_staff_no"
        )
    for name, limit in LIMITS.items():
        value = values.get(name, "")
        if len(value) > limit:
            return RowError(
                number,
                names[name],
                value[:40],
                f"{name.replace('_', ' ')} is longer than {limit} characters",
                "too_long",
            )
    role = normalize_header(values.get("role", ""))
    if role not in ROLES:
        return RowError(
            number,
            names["role"],
            values["role"],
            f"unknown window role {clip(values['role'])!r}: write A角 or B角",
            "bad_role",
        )
    return None


# --- against the database ----------------------------------------------------


@dataclass(slots=True)
class _Hall:
    """The hall's staff, units, windows and current assignments, as ORM rows."""

    hall_id: uuid.UUID
    today: date
    staff: dict[str, Staff]
    units: list[Unit]
    windows: dict[str, Window]
    assignments: list[WindowAssignment]

    def unit(self, name: str) -> Unit | None:
        wanted = normalize_header(name)
        for unit in self.units:
            if wanted in (
                normalize_header(unit.name),
                normalize_header(unit.short_name),
                normalize_header(unit.code),
            ):
                return unit
        return None

    def window(self, number: str) -> Window | None:
        return self.windows.get(number) or self.windows.get(number.upper())


def _load_hall(session: Session, hall_id: uuid.UUID) -> _Hall:
    hall = session.get(Hall, hall_id)
    if hall is None or hall.deleted:
        raise NotFoundError(f"no hall with id {hall_id}", "choose one of the halls in this folder")
    today = local_day(utcnow(), hall_zone(hall.timezone))
    staff = {
        row.staff_no: row for row in session.scalars(select(Staff).where(Staff.hall_id == hall_id))
    }
    units = list(
        session.scalars(select(Unit).where(Unit.hall_id == hall_id, Unit.deleted.is_(False)))
    )
    windows: dict[str, Window] = {}
    for window in session.scalars(select(Window).where(Window.hall_id == hall_id)):
        if not window.deleted or window.number not in windows:
            windows[window.number] = window
            windows.setdefault(window.number.upper(), window)
    assignments = [
        row
        for row in session.scalars(
            select(WindowAssignment).where(
                WindowAssignment.hall_id == hall_id, WindowAssignment.deleted.is_(False)
            )
        )
        if row.starts_on <= today and (row.ends_on is None or row.ends_on >= today)
    ]
    return _Hall(hall_id, today, staff, units, windows, assignments)


def _check_against(hall: _Hall, plan: RosterPlan) -> tuple[list[RosterRow], ErrorLog]:
    """Return the rows that also fit the database, adding errors for the others."""
    errors = ErrorLog(list(plan.errors.kept), plan.errors.count)
    in_file = {row.staff_no: row for row in plan.rows}
    pin_owner = {
        staff.pin: staff.staff_no
        for staff in hall.staff.values()
        if staff.pin and not staff.deleted
    }
    good: list[RosterRow] = []
    for row in plan.rows:
        existing = hall.staff.get(row.staff_no)
        if existing is None and not row.get("name"):
            errors.add(
                RowError(
                    row.number,
                    plan.columns.get("name", "name"),
                    "",
                    f"staff number {row.staff_no} is new and has no name",
                    "missing_name",
                )
            )
            continue
        pin = row.get("pin")
        owner = pin_owner.get(pin) if pin else None
        if owner is not None and owner != row.staff_no:
            # Fine when the file gives that person another PIN at the same time.
            other = in_file.get(owner)
            if other is None or other.get("pin") in ("", pin):
                errors.add(
                    RowError(
                        row.number,
                        plan.columns.get("pin", "pin"),
                        pin,
                        f"PIN {pin} already belongs to staff number {owner}",
                        "pin_taken",
                    )
                )
                continue
        good.append(row)
    return good, errors


@dataclass(slots=True)
class _Changes:
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            (
                "staff_created",
                "staff_updated",
                "units_created",
                "windows_created",
                "assignments_created",
                "assignments_ended",
            ),
            0,
        )
    )
    changed_rows: int = 0
    unchanged_rows: int = 0


def _apply(session: Session, hall: _Hall, rows: list[RosterRow], dry_run: bool) -> _Changes:
    """Create and update what the rows say; with dry_run, only count it."""
    changes = _Changes()
    counts = changes.counts
    yesterday = hall.today - timedelta(days=1)
    for row in rows:
        changed = False
        unit: Unit | None = None
        unit_name = row.get("unit")
        if unit_name:
            unit = hall.unit(unit_name)
            if unit is None:
                unit = Unit(
                    id=uuid7(),
                    hall_id=hall.hall_id,
                    code=_unit_code(hall, unit_name),
                    name=unit_name,
                    short_name=unit_name[:40],
                )
                hall.units.append(unit)
                counts["units_created"] += 1
                if not dry_run:
                    _insert(session, unit)
                changed = True
        staff = hall.staff.get(row.staff_no)
        if staff is None:
            staff = Staff(
                id=uuid7(),
                hall_id=hall.hall_id,
                staff_no=row.staff_no,
                unit_id=unit.id if unit else None,
                **{name: row.get(name) for name in STAFF_FIELDS},
            )
            hall.staff[row.staff_no] = staff
            counts["staff_created"] += 1
            if not dry_run:
                _insert(session, staff)
            changed = True
        else:
            updates: dict[str, Any] = {
                name: row.get(name)
                for name in STAFF_FIELDS
                if row.get(name) and row.get(name) != getattr(staff, name)
            }
            if unit is not None and staff.unit_id != unit.id:
                updates["unit_id"] = unit.id
            if staff.deleted:
                updates["deleted"] = False
            if not staff.active:
                updates["active"] = True
            if updates:
                counts["staff_updated"] += 1
                changed = True
                if not dry_run:
                    for name, value in updates.items():
                        setattr(staff, name, value)
        number = row.get("window")
        if number:
            window = hall.window(number)
            if window is None:
                window = Window(
                    id=uuid7(),
                    hall_id=hall.hall_id,
                    number=number,
                    unit_id=(unit.id if unit else staff.unit_id),
                )
                hall.windows[number] = window
                hall.windows.setdefault(number.upper(), window)
                counts["windows_created"] += 1
                if not dry_run:
                    _insert(session, window)
                changed = True
            if _assign(session, hall, staff, window, row.role, yesterday, counts, dry_run):
                changed = True
        if changed:
            changes.changed_rows += 1
        else:
            changes.unchanged_rows += 1
    if not dry_run:
        session.flush()
    return changes


def _assign(
    session: Session,
    hall: _Hall,
    staff: Staff,
    window: Window,
    role: AssignmentRole,
    yesterday: date,
    counts: dict[str, int],
    dry_run: bool,
) -> bool:
    current = hall.assignments
    if any(a.staff_id == staff.id and a.window_id == window.id and a.role == role for a in current):
        return False
    if role is AssignmentRole.PRIMARY:
        # One primary person per window, one primary window per person.
        for old in [
            a
            for a in current
            if a.role == AssignmentRole.PRIMARY
            and (a.window_id == window.id or a.staff_id == staff.id)
        ]:
            counts["assignments_ended"] += 1
            current.remove(old)
            if dry_run:
                continue
            if old.starts_on > yesterday:
                old.deleted = True  # began today: as if it never was
            else:
                old.ends_on = yesterday
    assignment = WindowAssignment(
        id=uuid7(),
        hall_id=hall.hall_id,
        window_id=window.id,
        staff_id=staff.id,
        role=role,
        starts_on=hall.today,
        ends_on=None,
    )
    current.append(assignment)
    counts["assignments_created"] += 1
    if not dry_run:
        _insert(session, assignment)
    return True


def _insert(session: Session, row: Unit | Staff | Window | WindowAssignment) -> None:
    # The models have no relationships, so the unit of work cannot order parents
    # before children: each row goes in at once, after the rows it names.
    session.add(row)
    session.flush()


def _unit_code(hall: _Hall, name: str) -> str:
    taken = {unit.code for unit in hall.units}
    code = name[:32]
    suffix = 1
    while code in taken:
        suffix += 1
        code = f"{name[:28]}-{suffix}"
    return code


# --- the whole import ----------------------------------------------------------


def import_roster(
    db: Database,
    hall_id: uuid.UUID,
    info: SourceInfo,
    mapping: ColumnMapping | None,
    *,
    file_name: str,
    mapping_name: str = "",
    dry_run: bool = False,
    keep_good_rows: bool = False,
    progress: Progress,
    cancelled: Cancelled,
) -> ImportReport:
    """Check a roster, then apply it (or its good rows) in one write transaction."""
    plan = read_roster(info, mapping, progress, cancelled)
    progress(0.45, "checking against the hall")
    with db.read() as session:
        hall = _load_hall(session, hall_id)
        good, errors = _check_against(hall, plan)
        blocked = errors.count > 0 and not keep_good_rows
        if dry_run or blocked:
            changes = _apply(session, hall, good, dry_run=True)
            return _report(plan, errors, changes, None, file_name, mapping_name, dry_run, blocked)
    with db.write("import") as session:
        # Again inside the transaction: the data may have changed since the check.
        hall = _load_hall(session, hall_id)
        good, errors = _check_against(hall, plan)
        if errors.count > 0 and not keep_good_rows:
            changes = _apply(session, hall, good, dry_run=True)
            return _report(plan, errors, changes, None, file_name, mapping_name, False, True)
        preview = _apply(session, hall, good, dry_run=True)
        if preview.changed_rows == 0:
            return _report(plan, errors, preview, None, file_name, mapping_name, False, False)
        if cancelled():
            raise ImportCancelled()
        batch_id = uuid7()
        report = _report(plan, errors, preview, batch_id, file_name, mapping_name, False, False)
        actor = session.info["actor"]
        session.add(
            ImportBatch(
                id=batch_id,
                hall_id=hall_id,
                kind="roster",
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
        session.flush()
        progress(0.6, "saving staff")
        # The dry run above changed only the in-memory lists: load them afresh.
        hall = _load_hall(session, hall_id)
        _apply(session, hall, good, dry_run=False)
        if cancelled():
            raise ImportCancelled()
        progress(0.98, "saving")
    return report


def _report(
    plan: RosterPlan,
    errors: ErrorLog,
    changes: _Changes,
    batch_id: uuid.UUID | None,
    file_name: str,
    mapping_name: str,
    dry_run: bool,
    blocked: bool,
) -> ImportReport:
    return ImportReport(
        kind="roster",
        file=file_name,
        rows_read=plan.rows_read,
        rows_imported=0 if blocked else changes.changed_rows,
        rows_skipped=errors.count,
        duplicates_merged=plan.merged,
        errors=list(errors.kept),
        batch_id=batch_id,
        dry_run=dry_run,
        error_count=errors.count,
        rows_valid=changes.changed_rows,
        rows_unchanged=changes.unchanged_rows,
        encoding=plan.encoding,
        mapping=mapping_name,
        file_sha256=plan.sha256,
        counts={**changes.counts, **plan.skipped},
        warnings=list(plan.warnings.kept),
        warning_count=plan.warnings.count,
    )
