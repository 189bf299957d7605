"""Setting up a hall: details, units, windows, staff, assignments, hours, holidays, rules.

One function per use case, `Session` first, each returning a small frozen dataclass (never
an ORM row: results cross threads). Every function checks everything it was given before
it changes anything and raises `FieldError` naming the field, so a form can show the
message next to the right input; a removal that something still depends on raises
`InUseError` saying what. Rows are never hard-deleted: units, assignments, schedules and
holidays are tombstoned (`deleted=True`), windows and staff are deactivated (`active`),
because attendance, cases and findings keep pointing at them.

A unique key (unit code, window number, staff number, holiday day) also holds for
tombstoned rows, so creating something under the key of a removed row brings that row
back instead of inserting a second one.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any, TypeVar

import chinese_calendar
from sqlalchemy import String, func, select
from sqlalchemy.orm import Session

from hallwatch.camera.masking import mask_credentials
from hallwatch.domain.enums import AssignmentRole
from hallwatch.domain.errors import (
    FieldError,
    InputError,
    InUseError,
    NotFoundError,
)
from hallwatch.domain.rules import HallRules
from hallwatch.domain.timeutil import DEFAULT_ZONE, hall_zone
from hallwatch.services.cases.open_cases import recompute_due_dates
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.hall.halls import HallInfo, create_hall
from hallwatch.services.hall.rules import load_rules, save_rules
from hallwatch.storage.models import (
    Base,
    Hall,
    Holiday,
    Schedule,
    Staff,
    Unit,
    Window,
    WindowAssignment,
)

# --- errors --------------------------------------------------------------------------


# --- results and drafts --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HallDetails:
    id: uuid.UUID
    code: str
    name: str
    address: str
    timezone: str
    is_demo: bool

    def info(self) -> HallInfo:
        """Return the short form the rest of the app passes around."""
        return HallInfo(self.id, self.code, self.name, self.timezone, self.is_demo)


@dataclass(frozen=True, slots=True)
class HallDraft:
    name: str
    address: str = ""
    timezone: str = DEFAULT_ZONE
    # Only for a new hall: a hall's code never changes (the CLI and the server use it).
    code: str = ""


@dataclass(frozen=True, slots=True)
class NewHall:
    """A hall set up from scratch, and which years of the national calendar it got."""

    hall: HallDetails
    imported_years: tuple[int, ...]
    unknown_years: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: uuid.UUID
    code: str
    name: str
    short_name: str
    windows: int  # active windows
    staff: int  # active staff


@dataclass(frozen=True, slots=True)
class UnitDraft:
    code: str
    name: str
    short_name: str = ""


@dataclass(frozen=True, slots=True)
class WindowRow:
    id: uuid.UUID
    number: str
    name: str
    unit_id: uuid.UUID | None
    unit_name: str
    zone: str
    camera_source: str
    active: bool
    # The camera's JPEG picture address, tried when the stream fails (may hold a password).
    camera_snapshot_url: str = ""

    @property
    def camera_label(self) -> str:
        """The camera source with any credentials masked, for display."""
        return mask_credentials(self.camera_source)

    @property
    def snapshot_url_label(self) -> str:
        """The snapshot address with any credentials masked, for display."""
        return mask_credentials(self.camera_snapshot_url)


@dataclass(frozen=True, slots=True)
class WindowDraft:
    number: str
    unit_id: uuid.UUID | None = None
    name: str = ""
    zone: str = ""
    camera_source: str = ""
    active: bool = True
    camera_snapshot_url: str = ""


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: uuid.UUID
    staff_no: str
    name: str
    gender: str
    unit_id: uuid.UUID | None
    unit_name: str
    pin: str
    phone: str
    position: str
    active: bool

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


@dataclass(frozen=True, slots=True)
class StaffDraft:
    staff_no: str
    name: str
    unit_id: uuid.UUID | None = None
    pin: str = ""
    phone: str = ""
    gender: str = ""
    position: str = ""
    active: bool = True


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    id: uuid.UUID
    window_id: uuid.UUID
    window_number: str
    staff_id: uuid.UUID
    staff_no: str
    staff_name: str
    role: AssignmentRole
    starts_on: date
    ends_on: date | None


@dataclass(frozen=True, slots=True)
class AssignmentDraft:
    window_id: uuid.UUID | None
    staff_id: uuid.UUID | None
    role: AssignmentRole
    starts_on: date
    ends_on: date | None = None


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    id: uuid.UUID
    name: str
    season_start: str
    season_end: str
    am_start: time
    am_end: time
    pm_start: time
    pm_end: time
    late_grace_minutes: int


@dataclass(frozen=True, slots=True)
class ScheduleDraft:
    name: str
    season_start: str
    season_end: str
    am_start: time
    am_end: time
    pm_start: time
    pm_end: time
    late_grace_minutes: int = 0


@dataclass(frozen=True, slots=True)
class SeasonGap:
    """Days (MM-DD, inclusive, may wrap over the new year) that no schedule covers."""

    first: str
    last: str


@dataclass(frozen=True, slots=True)
class ScheduleList:
    rows: tuple[ScheduleRow, ...]
    gaps: tuple[SeasonGap, ...]


@dataclass(frozen=True, slots=True)
class HolidayRow:
    id: uuid.UUID
    day: date
    is_workday: bool
    name: str
    source: str
    national: bool


@dataclass(frozen=True, slots=True)
class HolidayDraft:
    day: date
    is_workday: bool
    name: str = ""
    source: str = ""
    # False: a closure (or extra day) of this hall only.
    national: bool = False


@dataclass(frozen=True, slots=True)
class HolidayImport:
    """What importing one year of the national calendar changed."""

    year: int
    added: int
    updated: int
    unchanged: int
    # Days the hall set itself (closures): left as they are.
    kept_hall_days: tuple[date, ...]


# --- small helpers -------------------------------------------------------------------

M = TypeVar("M", bound=Base)

GENDERS = ("", "男", "女")
WINDOW_NUMBER = re.compile(r"[A-Z]{0,2}\d{1,3}")
HALL_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
PIN = re.compile(r"[0-9A-Za-z]+")
PHONE = re.compile(r"\+?\d{7,20}")
MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")
# The State Council's yearly notice, which the package's data comes from.
NATIONAL_SOURCE = "国务院办公厅关于{year}年部分节假日安排的通知"


def _max_len(model: type[Base], column: str) -> int:
    column_type = model.__table__.c[column].type
    assert isinstance(column_type, String)
    assert column_type.length
    return int(column_type.length)


def _text(value: str, model: type[Base], field: str, label: str, *, required: bool = False) -> str:
    """Return value stripped, or raise FieldError when it is required and empty or too long."""
    text = (value or "").strip()
    if required and not text:
        raise FieldError(field, f"{label} is empty", f"fill in the {label}", code="required")
    limit = _max_len(model, field)
    if len(text) > limit:
        raise FieldError(
            field,
            f"{label} is longer than {limit} characters",
            "shorten it",
            code="too_long",
            params=(limit,),
        )
    return text


def _in_hall(session: Session, model: type[M], hall_id: uuid.UUID, row_id: uuid.UUID) -> M:
    """Return a live row of the hall, or raise NotFoundError (removed on another device?)."""
    row = session.get(model, row_id)
    if row is None or getattr(row, "hall_id", None) != hall_id or getattr(row, "deleted", False):
        table = model.__tablename__
        raise NotFoundError(
            f"{table} row {row_id} does not exist (any more)", "reload the list and try again"
        )
    return row


def _hall(session: Session, hall_id: uuid.UUID) -> Hall:
    hall = session.get(Hall, hall_id)
    if hall is None or hall.deleted:
        raise NotFoundError(f"no hall with id {hall_id}", "reload and choose the hall again")
    return hall


def _hall_today(session: Session, hall_id: uuid.UUID) -> date:
    return datetime.now(hall_zone(_hall(session, hall_id).timezone)).date()


def mask_phone(phone: str) -> str:
    """Return a phone number with its middle digits hidden (personal data)."""
    if len(phone) <= 4:
        return "*" * len(phone)
    keep = 3 if len(phone) >= 11 else 2
    return phone[:keep] + "*" * (len(phone) - keep - 4) + phone[-4:]


def _number_key(number: str) -> tuple[str, int]:
    match = re.fullmatch(r"([A-Z]*)(\d*)", number)
    if match is None:
        return number, 0
    letters, digits = match.groups()
    return letters, int(digits or 0)


# --- halls ---------------------------------------------------------------------------


def _hall_details(hall: Hall) -> HallDetails:
    return HallDetails(hall.id, hall.code, hall.name, hall.address, hall.timezone, hall.is_demo)


def _check_zone(timezone: str) -> str:
    zone = (timezone or "").strip() or DEFAULT_ZONE
    try:
        hall_zone(zone)
    except ValueError:
        raise FieldError(
            "timezone",
            f"time zone {zone!r} is unknown",
            f"use a name like {DEFAULT_ZONE}",
            code="timezone",
            params=(zone,),
        ) from None
    return zone


def list_hall_details(session: Session) -> list[HallDetails]:
    """Return every hall on this device with its address, by code."""
    halls = session.scalars(select(Hall).where(Hall.deleted.is_(False)).order_by(Hall.code))
    return [_hall_details(hall) for hall in halls]


def get_hall_details(session: Session, hall_id: uuid.UUID) -> HallDetails:
    """Return one hall's details."""
    return _hall_details(_hall(session, hall_id))


def update_hall(session: Session, hall_id: uuid.UUID, draft: HallDraft) -> HallDetails:
    """Change a hall's name, address and time zone (its code stays)."""
    hall = _hall(session, hall_id)
    name = _text(draft.name, Hall, "name", "hall name", required=True)
    address = _text(draft.address, Hall, "address", "address")
    timezone = _check_zone(draft.timezone)
    hall.name, hall.address, hall.timezone = name, address, timezone
    session.flush()
    return _hall_details(hall)


def set_up_new_hall(session: Session, draft: HallDraft, *, today: date) -> NewHall:
    """Create a hall with its national holidays (this year and next, where known) and rules."""
    code = _text(draft.code, Hall, "code", "hall code", required=True)
    if not HALL_CODE.fullmatch(code):
        raise FieldError(
            "code",
            f"hall code {code!r} may hold only letters, digits, '-' and '_'",
            "e.g. SZ-01",
            code="hall_code",
        )
    name = _text(draft.name, Hall, "name", "hall name", required=True)
    address = _text(draft.address, Hall, "address", "address")
    timezone = _check_zone(draft.timezone)
    if session.scalar(select(Hall.id).where(Hall.code == code)) is not None:
        raise FieldError(
            "code",
            f"a hall with code {code} already exists",
            "choose another code",
            code="hall_code_taken",
            params=(code,),
        )
    info = create_hall(session, code=code, name=name, timezone=timezone, address=address)
    imported: list[int] = []
    unknown: list[int] = []
    for year in (today.year, today.year + 1):
        if _package_knows(year):
            import_national_holidays(session, info.id, year)
            imported.append(year)
        else:
            unknown.append(year)
    save_rules(session, info.id, HallRules())
    return NewHall(get_hall_details(session, info.id), tuple(imported), tuple(unknown))


# --- units ---------------------------------------------------------------------------


def _unit_row(session: Session, unit: Unit) -> UnitRow:
    windows = session.scalar(
        select(func.count()).where(
            Window.unit_id == unit.id, Window.deleted.is_(False), Window.active.is_(True)
        )
    )
    staff = session.scalar(
        select(func.count()).where(
            Staff.unit_id == unit.id, Staff.deleted.is_(False), Staff.active.is_(True)
        )
    )
    return UnitRow(unit.id, unit.code, unit.name, unit.short_name, windows or 0, staff or 0)


def list_units(session: Session, hall_id: uuid.UUID) -> list[UnitRow]:
    """Return the hall's units by code, with their active windows and staff counted."""
    windows = dict(
        session.execute(
            select(Window.unit_id, func.count())
            .where(Window.hall_id == hall_id, Window.deleted.is_(False), Window.active.is_(True))
            .group_by(Window.unit_id)
        ).all()
    )
    staff = dict(
        session.execute(
            select(Staff.unit_id, func.count())
            .where(Staff.hall_id == hall_id, Staff.deleted.is_(False), Staff.active.is_(True))
            .group_by(Staff.unit_id)
        ).all()
    )
    units = session.scalars(
        select(Unit).where(Unit.hall_id == hall_id, Unit.deleted.is_(False)).order_by(Unit.code)
    )
    return [
        UnitRow(u.id, u.code, u.name, u.short_name, windows.get(u.id, 0), staff.get(u.id, 0))
        for u in units
    ]


def _unit_fields(draft: UnitDraft) -> tuple[str, str, str]:
    code = _text(draft.code, Unit, "code", "unit code", required=True)
    name = _text(draft.name, Unit, "name", "unit name", required=True)
    short_name = _text(draft.short_name, Unit, "short_name", "short name")
    return code, name, short_name


def _unit_code_free(
    session: Session, hall_id: uuid.UUID, code: str, own_id: uuid.UUID | None
) -> Unit | None:
    """Raise when another live unit has code; return a removed unit that has it, if any."""
    found = session.scalar(select(Unit).where(Unit.hall_id == hall_id, Unit.code == code))
    if found is None or found.id == own_id:
        return None
    if not found.deleted:
        raise FieldError(
            "code",
            f"unit code {code} is already used by {found.name}",
            "choose another code",
            code="unit_code_taken",
            params=(code, found.name),
        )
    if own_id is not None:
        # The key stays with the removed unit: giving it to another would break its history.
        raise FieldError(
            "code",
            f"unit code {code} belonged to the removed unit {found.name}",
            "choose another code, or add a unit with this code to bring the old one back",
            code="unit_code_removed",
            params=(code, found.name),
        )
    return found


SyncedRow = TypeVar("SyncedRow", Unit, Window, Staff, Holiday)


def _add_or_revive(
    session: Session,
    model: type[SyncedRow],
    found: SyncedRow | None,
    hall_id: uuid.UUID,
    values: dict[str, Any],
) -> SyncedRow:
    """Add a row, or bring back the removed one that holds the same key, with values set."""
    if found is None:
        found = model(hall_id=hall_id)
        session.add(found)
    else:
        found.deleted = False
    for key, value in values.items():
        setattr(found, key, value)
    session.flush()
    return found


def create_unit(session: Session, hall_id: uuid.UUID, draft: UnitDraft) -> UnitRow:
    """Add a unit (or bring back a removed one with the same code)."""
    _hall(session, hall_id)
    code, name, short_name = _unit_fields(draft)
    found = _unit_code_free(session, hall_id, code, None)
    values = {"code": code, "name": name, "short_name": short_name}
    return _unit_row(session, _add_or_revive(session, Unit, found, hall_id, values))


def update_unit(
    session: Session, hall_id: uuid.UUID, unit_id: uuid.UUID, draft: UnitDraft
) -> UnitRow:
    """Change a unit's code, name or short name."""
    unit = _in_hall(session, Unit, hall_id, unit_id)
    code, name, short_name = _unit_fields(draft)
    _unit_code_free(session, hall_id, code, unit.id)
    unit.code, unit.name, unit.short_name = code, name, short_name
    session.flush()
    return _unit_row(session, unit)


def remove_unit(session: Session, hall_id: uuid.UUID, unit_id: uuid.UUID) -> UnitRow:
    """Tombstone a unit; refused while it still has active windows or staff (named)."""
    unit = _in_hall(session, Unit, hall_id, unit_id)
    windows = sorted(
        session.scalars(
            select(Window.number).where(
                Window.unit_id == unit.id, Window.deleted.is_(False), Window.active.is_(True)
            )
        ),
        key=_number_key,
    )
    staff = list(
        session.scalars(
            select(Staff.name)
            .where(Staff.unit_id == unit.id, Staff.deleted.is_(False), Staff.active.is_(True))
            .order_by(Staff.staff_no)
        )
    )
    if windows or staff:
        parts = []
        if windows:
            parts.append(f"windows {', '.join(windows)}")
        if staff:
            parts.append(f"staff {', '.join(staff)}")
        raise InUseError(
            f"unit {unit.name} still has active {' and '.join(parts)}",
            "move them to another unit or deactivate them first",
            code="unit_in_use",
            params=(unit.name, ", ".join(windows) or "-", ", ".join(staff) or "-"),
        )
    row = _unit_row(session, unit)
    unit.deleted = True
    session.flush()
    return row


# --- windows -------------------------------------------------------------------------


def _unit_name(session: Session, unit_id: uuid.UUID | None) -> str:
    if unit_id is None:
        return ""
    unit = session.get(Unit, unit_id)
    return unit.name if unit is not None else ""


def _window_row(session: Session, window: Window) -> WindowRow:
    return WindowRow(
        window.id,
        window.number,
        window.name,
        window.unit_id,
        _unit_name(session, window.unit_id),
        window.zone,
        window.camera_source,
        window.active,
        window.camera_snapshot_url,
    )


def _check_unit(session: Session, hall_id: uuid.UUID, unit_id: uuid.UUID | None) -> None:
    if unit_id is None:
        return
    unit = session.get(Unit, unit_id)
    if unit is None or unit.hall_id != hall_id or unit.deleted:
        raise FieldError(
            "unit_id",
            "the chosen unit does not exist (any more)",
            "reload and choose another unit",
            code="missing",
        )


def list_windows(session: Session, hall_id: uuid.UUID) -> list[WindowRow]:
    """Return the hall's windows, active and inactive, by number."""
    units = dict(session.execute(select(Unit.id, Unit.name).where(Unit.hall_id == hall_id)).all())
    windows = session.scalars(
        select(Window).where(Window.hall_id == hall_id, Window.deleted.is_(False))
    )
    rows = [
        WindowRow(
            w.id,
            w.number,
            w.name,
            w.unit_id,
            units.get(w.unit_id, "") if w.unit_id else "",
            w.zone,
            w.camera_source,
            w.active,
            w.camera_snapshot_url,
        )
        for w in windows
    ]
    return sorted(rows, key=lambda row: _number_key(row.number))


def _window_fields(session: Session, hall_id: uuid.UUID, draft: WindowDraft) -> dict[str, Any]:
    number = _text(draft.number, Window, "number", "window number", required=True).upper()
    if not WINDOW_NUMBER.fullmatch(number):
        # The value is echoed, the camera source never is: it may hold a password.
        raise FieldError(
            "number",
            f"window number {number!r} is not valid",
            "use up to two capital letters and 1–3 digits, e.g. A12",
            code="window_number",
            params=(number,),
        )
    _check_unit(session, hall_id, draft.unit_id)
    return {
        "number": number,
        "unit_id": draft.unit_id,
        "name": _text(draft.name, Window, "name", "window name"),
        "zone": _text(draft.zone, Window, "zone", "zone"),
        "camera_source": _text(draft.camera_source, Window, "camera_source", "camera source"),
        "camera_snapshot_url": _snapshot_url(draft.camera_snapshot_url),
        "active": bool(draft.active),
    }


def _snapshot_url(text: str) -> str:
    url = _text(text, Window, "camera_snapshot_url", "snapshot address")
    if url and not re.match(r"(?i)(jpeg:)?https?://", url):
        # The address is not echoed: it may hold a password.
        raise FieldError(
            "camera_snapshot_url",
            "the snapshot address must start with http:// or https://",
            "give the camera's picture URL, e.g. http://IP/ISAPI/Streaming/channels/101/picture",
            code="snapshot_url",
        )
    return url


def _window_number_free(
    session: Session, hall_id: uuid.UUID, number: str, own_id: uuid.UUID | None
) -> Window | None:
    found = session.scalar(select(Window).where(Window.hall_id == hall_id, Window.number == number))
    if found is None or found.id == own_id:
        return None
    if found.deleted and own_id is None:
        return found
    if found.deleted:
        raise FieldError(
            "number",
            f"window number {number} belonged to a removed window",
            "choose another number",
            code="window_number_removed",
            params=(number,),
        )
    if not found.active:
        raise FieldError(
            "number",
            f"window {number} already exists (inactive)",
            "select it in the list and make it active again",
            code="window_number_inactive",
            params=(number,),
        )
    raise FieldError(
        "number",
        f"window {number} already exists",
        "choose another number",
        code="window_number_taken",
        params=(number,),
    )


def _current_assignments(
    session: Session,
    today: date,
    *,
    window_id: uuid.UUID | None = None,
    staff_id: uuid.UUID | None = None,
) -> list[tuple[str, str]]:
    """Return (window number, staff name) of assignments that have not ended before today."""
    query = (
        select(Window.number, Staff.name)
        .select_from(WindowAssignment)
        .join(Window, Window.id == WindowAssignment.window_id)
        .join(Staff, Staff.id == WindowAssignment.staff_id)
        .where(
            WindowAssignment.deleted.is_(False),
            (WindowAssignment.ends_on.is_(None)) | (WindowAssignment.ends_on >= today),
        )
    )
    if window_id is not None:
        query = query.where(WindowAssignment.window_id == window_id)
    if staff_id is not None:
        query = query.where(WindowAssignment.staff_id == staff_id)
    return sorted({(str(number), str(name)) for number, name in session.execute(query)})


def _refuse_window_assigned(session: Session, window: Window, today: date) -> None:
    current = _current_assignments(session, today, window_id=window.id)
    if current:
        names = ", ".join(dict.fromkeys(name for _, name in current))
        raise InUseError(
            f"window {window.number} is still assigned to {names}",
            "end or remove those assignments first",
            code="window_assigned",
            params=(window.number, names),
        )


def create_window(session: Session, hall_id: uuid.UUID, draft: WindowDraft) -> WindowRow:
    """Add a window; its number must be new in the hall."""
    _hall(session, hall_id)
    values = _window_fields(session, hall_id, draft)
    found = _window_number_free(session, hall_id, values["number"], None)
    return _window_row(session, _add_or_revive(session, Window, found, hall_id, values))


def update_window(
    session: Session,
    hall_id: uuid.UUID,
    window_id: uuid.UUID,
    draft: WindowDraft,
    *,
    today: date | None = None,
) -> WindowRow:
    """Change a window; making it inactive is refused while someone is assigned to it."""
    window = _in_hall(session, Window, hall_id, window_id)
    values = _window_fields(session, hall_id, draft)
    _window_number_free(session, hall_id, values["number"], window.id)
    if window.active and not values["active"]:
        _refuse_window_assigned(session, window, today or _hall_today(session, hall_id))
    for key, value in values.items():
        setattr(window, key, value)
    session.flush()
    return _window_row(session, window)


def deactivate_window(
    session: Session, hall_id: uuid.UUID, window_id: uuid.UUID, *, today: date | None = None
) -> WindowRow:
    """Mark a window inactive; refused while it has assignments that have not ended."""
    window = _in_hall(session, Window, hall_id, window_id)
    _refuse_window_assigned(session, window, today or _hall_today(session, hall_id))
    window.active = False
    session.flush()
    return _window_row(session, window)


# --- staff ---------------------------------------------------------------------------


def _staff_row(session: Session, person: Staff) -> StaffRow:
    return StaffRow(
        person.id,
        person.staff_no,
        person.name,
        person.gender,
        person.unit_id,
        _unit_name(session, person.unit_id),
        person.pin,
        person.phone,
        person.position,
        person.active,
    )


def list_staff(session: Session, hall_id: uuid.UUID) -> list[StaffRow]:
    """Return the hall's staff, active and inactive, by staff number."""
    units = dict(session.execute(select(Unit.id, Unit.name).where(Unit.hall_id == hall_id)).all())
    people = session.scalars(
        select(Staff)
        .where(Staff.hall_id == hall_id, Staff.deleted.is_(False))
        .order_by(Staff.staff_no)
    )
    return [
        StaffRow(
            p.id,
            p.staff_no,
            p.name,
            p.gender,
            p.unit_id,
            units.get(p.unit_id, "") if p.unit_id else "",
            p.pin,
            p.phone,
            p.position,
            p.active,
        )
        for p in people
    ]


def _staff_fields(
    session: Session, hall_id: uuid.UUID, draft: StaffDraft, own_id: uuid.UUID | None
) -> dict[str, Any]:
    staff_no = _text(draft.staff_no, Staff, "staff_no", "staff number", required=True)
    name = _text(draft.name, Staff, "name", "name", required=True)
    _check_unit(session, hall_id, draft.unit_id)
    pin = _text(draft.pin, Staff, "pin", "PIN")
    if pin and not PIN.fullmatch(pin):
        raise FieldError(
            "pin",
            f"PIN {pin!r} may hold only letters and digits",
            "use the number the punch device knows the person by",
            code="pin",
        )
    if pin:
        query = select(Staff.name, Staff.staff_no).where(
            Staff.hall_id == hall_id, Staff.pin == pin, Staff.deleted.is_(False)
        )
        if own_id is not None:
            query = query.where(Staff.id != own_id)
        holder = session.execute(query).first()
        if holder is not None:
            raise FieldError(
                "pin",
                f"PIN {pin} is already used by {holder.name} ({holder.staff_no})",
                "punches must map to one person: clear it there first",
                code="pin_taken",
                params=(pin, holder.name, holder.staff_no),
            )
    phone = re.sub(r"[\s\-()]", "", _text(draft.phone, Staff, "phone", "phone"))
    if phone and not PHONE.fullmatch(phone):
        raise FieldError(
            "phone",
            "the phone number must be 7–20 digits",
            "e.g. 13800138000 or 0755-12345678",
            code="phone",
        )
    gender = (draft.gender or "").strip()
    if gender not in GENDERS:
        raise FieldError("gender", f"gender {gender!r} is unknown", "男 or 女", code="invalid")
    return {
        "staff_no": staff_no,
        "name": name,
        "unit_id": draft.unit_id,
        "pin": pin,
        "phone": phone,
        "gender": gender,
        "position": _text(draft.position, Staff, "position", "position"),
        "active": bool(draft.active),
    }


def _staff_no_free(
    session: Session, hall_id: uuid.UUID, staff_no: str, own_id: uuid.UUID | None
) -> Staff | None:
    found = session.scalar(
        select(Staff).where(Staff.hall_id == hall_id, Staff.staff_no == staff_no)
    )
    if found is None or found.id == own_id:
        return None
    if found.deleted and own_id is None:
        return found
    raise FieldError(
        "staff_no",
        f"staff number {staff_no} is already used by {found.name}",
        "choose another staff number",
        code="staff_no_taken",
        params=(staff_no, found.name),
    )


def _refuse_staff_assigned(session: Session, person: Staff, today: date) -> None:
    current = _current_assignments(session, today, staff_id=person.id)
    if current:
        numbers = ", ".join(sorted({number for number, _ in current}, key=_number_key))
        raise InUseError(
            f"{person.name} is still assigned to windows {numbers}",
            "end or remove those assignments first",
            code="staff_assigned",
            params=(person.name, numbers),
        )


def create_staff(session: Session, hall_id: uuid.UUID, draft: StaffDraft) -> StaffRow:
    """Add a person; staff number (and PIN, when given) must be new in the hall."""
    _hall(session, hall_id)
    values = _staff_fields(session, hall_id, draft, None)
    found = _staff_no_free(session, hall_id, values["staff_no"], None)
    return _staff_row(session, _add_or_revive(session, Staff, found, hall_id, values))


def update_staff(
    session: Session,
    hall_id: uuid.UUID,
    staff_id: uuid.UUID,
    draft: StaffDraft,
    *,
    today: date | None = None,
) -> StaffRow:
    """Change a person; making them inactive is refused while they are assigned."""
    person = _in_hall(session, Staff, hall_id, staff_id)
    values = _staff_fields(session, hall_id, draft, person.id)
    _staff_no_free(session, hall_id, values["staff_no"], person.id)
    if person.active and not values["active"]:
        _refuse_staff_assigned(session, person, today or _hall_today(session, hall_id))
    for key, value in values.items():
        setattr(person, key, value)
    session.flush()
    return _staff_row(session, person)


def deactivate_staff(
    session: Session, hall_id: uuid.UUID, staff_id: uuid.UUID, *, today: date | None = None
) -> StaffRow:
    """Mark a person inactive; refused while they have assignments that have not ended."""
    person = _in_hall(session, Staff, hall_id, staff_id)
    _refuse_staff_assigned(session, person, today or _hall_today(session, hall_id))
    person.active = False
    session.flush()
    return _staff_row(session, person)


# --- window assignments --------------------------------------------------------------


def list_assignments(session: Session, hall_id: uuid.UUID) -> list[AssignmentRow]:
    """Return the hall's window assignments by window, role and start."""
    query = (
        select(WindowAssignment, Window.number, Staff.staff_no, Staff.name)
        .join(Window, Window.id == WindowAssignment.window_id)
        .join(Staff, Staff.id == WindowAssignment.staff_id)
        .where(WindowAssignment.hall_id == hall_id, WindowAssignment.deleted.is_(False))
    )
    rows = [
        AssignmentRow(
            a.id, a.window_id, number, a.staff_id, staff_no, name, a.role, a.starts_on, a.ends_on
        )
        for a, number, staff_no, name in session.execute(query)
    ]
    order = {AssignmentRole.PRIMARY: 0, AssignmentRole.BACKUP: 1}
    return sorted(
        rows, key=lambda r: (_number_key(r.window_number), order[r.role], r.starts_on, r.staff_no)
    )


def _assignment_row(session: Session, a: WindowAssignment) -> AssignmentRow:
    window = session.get(Window, a.window_id)
    person = session.get(Staff, a.staff_id)
    assert window is not None
    assert person is not None
    return AssignmentRow(
        a.id,
        a.window_id,
        window.number,
        a.staff_id,
        person.staff_no,
        person.name,
        a.role,
        a.starts_on,
        a.ends_on,
    )


def _check_assignment(
    session: Session,
    hall_id: uuid.UUID,
    draft: AssignmentDraft,
    existing: WindowAssignment | None,
) -> tuple[Window, Staff, AssignmentRole]:
    own_id = existing.id if existing is not None else None
    if draft.window_id is None:
        raise FieldError("window_id", "no window chosen", "choose a window", code="required")
    window = session.get(Window, draft.window_id)
    if window is None or window.hall_id != hall_id or window.deleted:
        raise FieldError("window_id", "the chosen window does not exist (any more)", code="missing")
    # An ended assignment of a window or person no longer in service can still be corrected.
    if not window.active and (existing is None or existing.window_id != window.id):
        raise FieldError(
            "window_id",
            f"window {window.number} is inactive",
            "make the window active first",
            code="window_inactive",
            params=(window.number,),
        )
    if draft.staff_id is None:
        raise FieldError("staff_id", "no person chosen", "choose a person", code="required")
    person = session.get(Staff, draft.staff_id)
    if person is None or person.hall_id != hall_id or person.deleted:
        raise FieldError("staff_id", "the chosen person does not exist (any more)", code="missing")
    if not person.active and (existing is None or existing.staff_id != person.id):
        raise FieldError(
            "staff_id",
            f"{person.name} is inactive",
            "make the person active first",
            code="staff_inactive",
            params=(person.name,),
        )
    try:
        role = AssignmentRole(draft.role)
    except ValueError:
        raise FieldError("role", f"role {draft.role!r} is unknown", code="invalid") from None
    if not isinstance(draft.starts_on, date):
        raise FieldError("starts_on", "the start date is missing", code="required")
    if draft.ends_on is not None and draft.ends_on < draft.starts_on:
        raise FieldError(
            "ends_on",
            f"the end date {draft.ends_on} is before the start date {draft.starts_on}",
            "give an end date on or after the start",
            code="ends_before_start",
        )
    if role is AssignmentRole.PRIMARY:
        # One person on duty per window: primary assignments of a window never overlap.
        others = session.execute(
            select(WindowAssignment, Staff.name)
            .join(Staff, Staff.id == WindowAssignment.staff_id)
            .where(
                WindowAssignment.window_id == window.id,
                WindowAssignment.role == AssignmentRole.PRIMARY,
                WindowAssignment.deleted.is_(False),
            )
        )
        end = draft.ends_on or date.max
        for other, name in others:
            if other.id == own_id:
                continue
            other_end = other.ends_on or date.max
            if other.starts_on <= end and draft.starts_on <= other_end:
                until = other.ends_on.isoformat() if other.ends_on else "…"
                raise FieldError(
                    "starts_on",
                    f"window {window.number} already has {name} as primary from "
                    f"{other.starts_on} to {until}",
                    "end that assignment first, or make this one a stand-in (backup)",
                    code="primary_overlap",
                    params=(window.number, name, other.starts_on.isoformat(), until),
                )
    return window, person, role


def create_assignment(
    session: Session, hall_id: uuid.UUID, draft: AssignmentDraft
) -> AssignmentRow:
    """Assign a person to a window from a day (until a day, or open-ended)."""
    _hall(session, hall_id)
    window, person, role = _check_assignment(session, hall_id, draft, None)
    row = WindowAssignment(
        hall_id=hall_id,
        window_id=window.id,
        staff_id=person.id,
        role=role,
        starts_on=draft.starts_on,
        ends_on=draft.ends_on,
    )
    session.add(row)
    session.flush()
    return _assignment_row(session, row)


def update_assignment(
    session: Session, hall_id: uuid.UUID, assignment_id: uuid.UUID, draft: AssignmentDraft
) -> AssignmentRow:
    """Change an assignment (e.g. set the day it ends)."""
    row = _in_hall(session, WindowAssignment, hall_id, assignment_id)
    window, person, role = _check_assignment(session, hall_id, draft, row)
    row.window_id, row.staff_id, row.role = window.id, person.id, role
    row.starts_on, row.ends_on = draft.starts_on, draft.ends_on
    session.flush()
    return _assignment_row(session, row)


def remove_assignment(
    session: Session, hall_id: uuid.UUID, assignment_id: uuid.UUID
) -> AssignmentRow:
    """Tombstone an assignment entered by mistake (to end one, set its end date)."""
    row = _in_hall(session, WindowAssignment, hall_id, assignment_id)
    result = _assignment_row(session, row)
    row.deleted = True
    session.flush()
    return result


# --- schedules -----------------------------------------------------------------------

_LEAP = 2000  # seasons are month-days; a leap year holds every one of them


def _month_day(text: str, field: str, label: str) -> str:
    match = MONTH_DAY.fullmatch((text or "").strip())
    try:
        if match is None:
            raise ValueError(text)
        day = date(_LEAP, int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise FieldError(
            field,
            f"{label} {text!r} is not a day of the year",
            "write it as MM-DD, e.g. 05-01",
            code="month_day",
            params=(text,),
        ) from None
    return f"{day.month:02d}-{day.day:02d}"


def _day_index(month_day: str) -> int:
    month, day = (int(part) for part in month_day.split("-"))
    return date(_LEAP, month, day).timetuple().tm_yday - 1


def _season_days(start: str, end: str) -> set[int]:
    first, last = _day_index(start), _day_index(end)
    if first <= last:
        return set(range(first, last + 1))
    return set(range(first, 366)) | set(range(0, last + 1))  # wraps over the new year


def _month_day_of(index: int) -> str:
    day = date.fromordinal(date(_LEAP, 1, 1).toordinal() + index)
    return f"{day.month:02d}-{day.day:02d}"


def _gaps(seasons: Sequence[tuple[str, str]]) -> tuple[SeasonGap, ...]:
    covered: set[int] = set()
    for start, end in seasons:
        covered |= _season_days(start, end)
    runs: list[list[int]] = []
    for index in range(366):
        if index in covered:
            continue
        if runs and runs[-1][1] == index - 1:
            runs[-1][1] = index
        else:
            runs.append([index, index])
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][1] == 365:
        # One gap over the new year, not two.
        runs[0][0] = runs.pop()[0]
    return tuple(SeasonGap(_month_day_of(a), _month_day_of(b)) for a, b in runs)


def _schedule_row(s: Schedule) -> ScheduleRow:
    return ScheduleRow(
        s.id,
        s.name,
        s.season_start,
        s.season_end,
        s.am_start,
        s.am_end,
        s.pm_start,
        s.pm_end,
        s.late_grace_minutes,
    )


def _live_schedules(session: Session, hall_id: uuid.UUID) -> list[Schedule]:
    return list(
        session.scalars(
            select(Schedule)
            .where(Schedule.hall_id == hall_id, Schedule.deleted.is_(False))
            .order_by(Schedule.season_start, Schedule.name)
        )
    )


def list_schedules(session: Session, hall_id: uuid.UUID) -> ScheduleList:
    """Return the hall's seasonal schedules and the days of the year none of them covers."""
    rows = tuple(_schedule_row(s) for s in _live_schedules(session, hall_id))
    return ScheduleList(rows, _gaps([(r.season_start, r.season_end) for r in rows]))


def _schedule_fields(
    session: Session, hall_id: uuid.UUID, draft: ScheduleDraft, own_id: uuid.UUID | None
) -> dict[str, Any]:
    name = _text(draft.name, Schedule, "name", "schedule name", required=True)
    start = _month_day(draft.season_start, "season_start", "season start")
    end = _month_day(draft.season_end, "season_end", "season end")
    times = (draft.am_start, draft.am_end, draft.pm_start, draft.pm_end)
    for field, value in zip(("am_start", "am_end", "pm_start", "pm_end"), times, strict=True):
        if not isinstance(value, time):
            raise FieldError(field, f"{field} is not a time of day", code="required")
    order_error = (
        ("am_end", draft.am_end <= draft.am_start, "the morning ends before it starts"),
        ("pm_start", draft.pm_start < draft.am_end, "the afternoon starts before the morning ends"),
        ("pm_end", draft.pm_end <= draft.pm_start, "the afternoon ends before it starts"),
    )
    for field, wrong, message in order_error:
        if wrong:
            raise FieldError(
                field,
                message,
                "times run morning start < morning end ≤ afternoon start < afternoon end",
                code="time_order",
            )
    grace = draft.late_grace_minutes
    if not isinstance(grace, int) or isinstance(grace, bool) or not 0 <= grace <= 120:
        raise FieldError(
            "late_grace_minutes",
            f"late grace {grace!r} minutes is out of range",
            "give a whole number 0–120",
            code="range",
            params=(0, 120),
        )
    others = [s for s in _live_schedules(session, hall_id) if s.id != own_id]
    for other in others:
        if other.name == name:
            raise FieldError(
                "name",
                f"a schedule named {name} already exists",
                "choose another name",
                code="schedule_name_taken",
                params=(name,),
            )
    days = _season_days(start, end)
    for other in others:
        if days & _season_days(other.season_start, other.season_end):
            raise FieldError(
                "season_start",
                f"the season {start} to {end} overlaps {other.name} "
                f"({other.season_start} to {other.season_end})",
                "seasons of a hall must not overlap",
                code="season_overlap",
                params=(other.name, other.season_start, other.season_end),
            )
    return {
        "name": name,
        "season_start": start,
        "season_end": end,
        "am_start": draft.am_start,
        "am_end": draft.am_end,
        "pm_start": draft.pm_start,
        "pm_end": draft.pm_end,
        "late_grace_minutes": grace,
    }


def create_schedule(session: Session, hall_id: uuid.UUID, draft: ScheduleDraft) -> ScheduleRow:
    """Add a season's working hours; seasons of a hall must not overlap."""
    _hall(session, hall_id)
    schedule = Schedule(hall_id=hall_id, **_schedule_fields(session, hall_id, draft, None))
    session.add(schedule)
    session.flush()
    return _schedule_row(schedule)


def update_schedule(
    session: Session, hall_id: uuid.UUID, schedule_id: uuid.UUID, draft: ScheduleDraft
) -> ScheduleRow:
    """Change a season's dates or hours."""
    schedule = _in_hall(session, Schedule, hall_id, schedule_id)
    for key, value in _schedule_fields(session, hall_id, draft, schedule.id).items():
        setattr(schedule, key, value)
    session.flush()
    return _schedule_row(schedule)


def remove_schedule(session: Session, hall_id: uuid.UUID, schedule_id: uuid.UUID) -> ScheduleRow:
    """Tombstone a schedule."""
    schedule = _in_hall(session, Schedule, hall_id, schedule_id)
    schedule.deleted = True
    session.flush()
    return _schedule_row(schedule)


# --- holidays ------------------------------------------------------------------------


def _holiday_row(h: Holiday) -> HolidayRow:
    return HolidayRow(h.id, h.day, h.is_workday, h.name, h.source, h.national)


@cache
def national_calendar_years() -> tuple[int, int]:
    """Return the first and last year the installed chinesecalendar package knows."""
    years = {day.year for day in chinese_calendar.holidays} | {
        day.year for day in chinese_calendar.workdays
    }
    return min(years), max(years)


def _package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def list_holidays(
    session: Session, hall_id: uuid.UUID, year: int | None = None
) -> list[HolidayRow]:
    """Return the hall's holiday table (of one year), by day."""
    query = select(Holiday).where(Holiday.hall_id == hall_id, Holiday.deleted.is_(False))
    if year is not None:
        query = query.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
    return [_holiday_row(h) for h in session.scalars(query.order_by(Holiday.day))]


def _holiday_fields(draft: HolidayDraft) -> dict[str, Any]:
    if not isinstance(draft.day, date):
        raise FieldError("day", "the day is missing", "give the day", code="required")
    return {
        "day": draft.day,
        "is_workday": bool(draft.is_workday),
        "name": _text(draft.name, Holiday, "name", "holiday name"),
        "source": _text(draft.source, Holiday, "source", "source document"),
        "national": bool(draft.national),
    }


def create_holiday(session: Session, hall_id: uuid.UUID, draft: HolidayDraft) -> HolidayRow:
    """Add a day to the hall's holiday table; one entry per day."""
    _hall(session, hall_id)
    values = _holiday_fields(draft)
    row = session.scalar(
        select(Holiday).where(Holiday.hall_id == hall_id, Holiday.day == values["day"])
    )
    if row is not None and not row.deleted:
        raise FieldError(
            "day",
            f"{row.day} already has an entry ({row.name or '-'})",
            "select that entry to change it",
            code="holiday_taken",
            params=(row.day.isoformat(), row.name or "-"),
        )
    added = _add_or_revive(session, Holiday, row, hall_id, values)
    recompute_due_dates(session, hall_id, [added.day])
    return _holiday_row(added)


def update_holiday(
    session: Session, hall_id: uuid.UUID, holiday_id: uuid.UUID, draft: HolidayDraft
) -> HolidayRow:
    """Change an entry of the holiday table (its day stays: add another entry instead)."""
    row = _in_hall(session, Holiday, hall_id, holiday_id)
    values = _holiday_fields(draft)
    if values["day"] != row.day:
        raise FieldError(
            "day",
            "the day of an entry cannot change",
            "remove this entry and add one for the other day",
            code="day_fixed",
        )
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()
    recompute_due_dates(session, hall_id, [row.day])
    return _holiday_row(row)


def remove_holiday(session: Session, hall_id: uuid.UUID, holiday_id: uuid.UUID) -> HolidayRow:
    """Tombstone an entry of the holiday table."""
    row = _in_hall(session, Holiday, hall_id, holiday_id)
    row.deleted = True
    session.flush()
    recompute_due_dates(session, hall_id, [row.day])
    return _holiday_row(row)


def import_national_holidays(session: Session, hall_id: uuid.UUID, year: int) -> HolidayImport:
    """Copy one year's holidays and make-up workdays from chinesecalendar into the table."""
    _hall(session, hall_id)
    first, last = national_calendar_years()
    if not _package_knows(year):
        raise FieldError(
            "year",
            f"the installed chinesecalendar knows the years {first}–{last}, not {year}",
            "enter that year's days by hand from the State Council's notice, or update "
            "chinesecalendar; until then the year counts Monday to Friday",
            code="unknown_year",
            params=(year, first, last),
        )
    before = hall_calendar(session, hall_id)
    chinese = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}
    wanted: dict[date, tuple[bool, str]] = {}
    for day, name in chinese_calendar.holidays.items():
        if day.year == year:
            wanted[day] = (False, chinese.get(name, name))
    for day, name in chinese_calendar.workdays.items():
        if day.year == year:
            wanted[day] = (True, f"{chinese.get(name, name)}调休上班")
    existing = {
        row.day: row
        for row in session.scalars(
            select(Holiday).where(
                Holiday.hall_id == hall_id,
                Holiday.day >= date(year, 1, 1),
                Holiday.day <= date(year, 12, 31),
            )
        )
    }
    source = NATIONAL_SOURCE.format(year=year)
    added = updated = unchanged = 0
    kept: list[date] = []
    for day, (is_workday, name) in sorted(wanted.items()):
        row = existing.get(day)
        if row is None:
            session.add(
                Holiday(
                    hall_id=hall_id,
                    day=day,
                    is_workday=is_workday,
                    name=name,
                    source=source,
                    national=True,
                )
            )
            added += 1
        elif not row.deleted and not row.national:
            kept.append(day)  # the hall's own decision beats the national calendar
        elif (row.deleted, row.is_workday, row.name, row.source) == (
            False,
            is_workday,
            name,
            source,
        ):
            unchanged += 1
        else:
            row.deleted, row.is_workday, row.name = False, is_workday, name
            row.source, row.national = source, True
            updated += 1
    session.flush()
    # The days whose answer moved (a first national row can change a whole guessed year).
    after = hall_calendar(session, hall_id)
    moved = [
        day
        for day in (date(year, 1, 1) + timedelta(days=n) for n in range(366))
        if day.year == year and before.day_info(day).is_workday != after.day_info(day).is_workday
    ]
    recompute_due_dates(session, hall_id, moved)
    return HolidayImport(year, added, updated, unchanged, tuple(kept))


# --- rules ---------------------------------------------------------------------------

RULE_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(HallRules) if f.name != "device_offsets"
)
OFFSET_LIMIT = 86_400


def _rule_ok(name: str, value: int) -> bool:
    try:
        change: dict[str, Any] = {name: value}
        replace(HallRules(), **change).validate()
    except InputError:
        return False
    return True


@cache
def rule_limits() -> dict[str, tuple[int, int]]:
    """Return the (lowest, highest) value HallRules accepts for each whole-number rule."""
    # HallRules keeps its limits inside validate(); find them there so forms never disagree.
    limits: dict[str, tuple[int, int]] = {}
    for name in RULE_FIELDS:
        default = getattr(HallRules(), name)
        low_bad, low_ok = -(10**6), default
        while low_ok - low_bad > 1:
            middle = (low_bad + low_ok) // 2
            low_bad, low_ok = (low_bad, middle) if _rule_ok(name, middle) else (middle, low_ok)
        high_ok, high_bad = default, 10**6
        while high_bad - high_ok > 1:
            middle = (high_ok + high_bad) // 2
            high_ok, high_bad = (middle, high_bad) if _rule_ok(name, middle) else (high_ok, middle)
        limits[name] = (low_ok, high_ok)
    return limits


def get_rules(session: Session, hall_id: uuid.UUID) -> HallRules:
    """Return the hall's rules (defaults where nothing is stored)."""
    _hall(session, hall_id)
    return load_rules(session, hall_id)


def save_hall_rules(
    session: Session,
    hall_id: uuid.UUID,
    values: Mapping[str, int],
    offsets: Sequence[tuple[str, int]] = (),
) -> list[str]:
    """Check and store the hall's rules; return the names of the rules that changed."""
    _hall(session, hall_id)
    unknown = sorted(set(values) - set(RULE_FIELDS))
    if unknown:
        raise FieldError(unknown[0], f"{unknown[0]} is not a rule", code="invalid")
    for name, value in values.items():
        if not _rule_ok(name, value):
            low, high = rule_limits()[name]
            raise FieldError(
                name,
                f"rule {name} = {value!r} is out of range",
                f"give a whole number {low}–{high}",
                code="range",
                params=(low, high),
            )
    device_offsets: dict[str, int] = {}
    for line, (serial_text, seconds) in enumerate(offsets, start=1):
        serial = (serial_text or "").strip()
        if not serial:
            raise FieldError(
                "device_offsets",
                f"clock offset row {line} has no device serial number",
                "fill in the serial number or remove the row",
                code="offset_serial",
                params=(line,),
            )
        if serial in device_offsets:
            raise FieldError(
                "device_offsets",
                f"device {serial} is listed twice",
                "keep one row per device",
                code="offset_twice",
                params=(serial,),
            )
        if not isinstance(seconds, int) or abs(seconds) > OFFSET_LIMIT:
            raise FieldError(
                "device_offsets",
                f"clock offset of device {serial} = {seconds!r} is out of range",
                f"give seconds between -{OFFSET_LIMIT} and {OFFSET_LIMIT}",
                code="offset_range",
                params=(serial, -OFFSET_LIMIT, OFFSET_LIMIT),
            )
        device_offsets[serial] = seconds
    rules = replace(load_rules(session, hall_id), device_offsets=device_offsets)
    changes: dict[str, Any] = dict(values)
    rules = replace(rules, **changes)
    return save_rules(session, hall_id, rules)
