"""Spot-check sessions (明查暗访) and their findings, all on the local database.

An inspector starts a session, walks the windows in order (zone, then number), and
records findings against the hall's checklist. The staff member of a finding is
proposed from the board at the moment of the finding: whoever serves at the window
(the primary, or a stand-in 顶岗). Nobody serves at an empty window, so a presence
item there (空岗, 脱岗 …) proposes the primary who should have been there. A
finding that needs rectification gets its deadline in working days after the day
it was observed (that day not counted), by the hall's calendar.

One inspector has at most one open session at a time. A closed session cannot be
closed again nor take new findings; its findings can still be corrected (the audit
chain records who did it) and move through their statuses.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Final

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from hallwatch.domain.checklist import Checklist, ChecklistItem
from hallwatch.domain.enums import FindingStatus, SpotCheckKind, parse_word
from hallwatch.domain.errors import ConflictError, FieldError, InUseError, NotFoundError
from hallwatch.domain.timeutil import hall_zone, local_day, utcnow
from hallwatch.services.attendance.board import WindowCard, WindowState, board_state
from hallwatch.services.attendance.sheets import FUTURE_TOLERANCE
from hallwatch.services.checks.checklist import load_checklist
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.hall.rules import load_rules
from hallwatch.storage import direct
from hallwatch.storage.models import Finding as FindingModel
from hallwatch.storage.models import Hall, LetterFinding, SpotCheck, Staff, Window
from hallwatch.storage.queries import spot_checks as queries

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "KEEP",
    "KIND_WORDS",
    "FindingRow",
    "SpotCheckDetail",
    "SpotCheckRow",
    "WalkWindow",
    "add_finding",
    "close_spot_check",
    "current_spot_check",
    "get_spot_check",
    "list_spot_checks",
    "parse_kind",
    "propose_staff",
    "remove_finding",
    "start_spot_check",
    "update_finding",
    "window_walk",
]

KIND_WORDS: dict[SpotCheckKind, str] = {
    SpotCheckKind.OPEN: "明查",
    SpotCheckKind.COVERT: "暗访",
    SpotCheckKind.SURPRISE: "突击检查",
    SpotCheckKind.VIDEO: "视频巡查",
}
MAX_RECTIFY_DAYS = 60
MAX_DESCRIPTION = 2000
_LIMITS = {"title": 200, "team": 200, "inspector": 60, "summary": 4000}


class _Keep(Enum):
    KEEP = "keep"


# update_finding: leave this field as it is.
KEEP: Final = _Keep.KEEP


# --- rows handed out --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpotCheckRow:
    id: uuid.UUID
    kind: SpotCheckKind
    title: str
    team: str
    inspector: str
    started_at: datetime
    ended_at: datetime | None
    summary: str
    findings: int

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True, slots=True)
class FindingRow:
    id: uuid.UUID
    spot_check_id: uuid.UUID | None
    window_id: uuid.UUID | None
    window_no: str
    staff_id: uuid.UUID | None
    staff_name: str
    staff_no: str
    category: str  # the checklist item's code
    category_label: str  # the item's label now (the code itself for an unknown code)
    description: str
    severity: int
    observed_at: datetime
    rectify_days: int | None
    rectify_due: date | None
    status: FindingStatus
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SpotCheckDetail:
    """A session with its findings (in order of observation) and their counts."""

    check: SpotCheckRow
    findings: tuple[FindingRow, ...]
    # (code, label, count), in checklist order; (window number, count), in walking order.
    by_category: tuple[tuple[str, str, int], ...]
    by_window: tuple[tuple[str, int], ...]
    by_severity: dict[int, int]


@dataclass(frozen=True, slots=True)
class WalkWindow:
    """One window on the inspector's walk, with who is proposed for a finding there."""

    window_id: uuid.UUID
    number: str
    zone: str
    unit_name: str
    state: WindowState
    detail: str  # the board's words: "09:02 到岗", "顶岗：王芳（迟到）" …
    primary_id: uuid.UUID | None
    primary_name: str
    # Who serves at the window at the moment (primary or stand-in); None: nobody.
    staff_id: uuid.UUID | None
    staff_name: str
    stand_in: bool
    findings: int  # in this session


# --- sessions ---------------------------------------------------------------------------


def parse_kind(value: SpotCheckKind | str) -> SpotCheckKind:
    """Return the kind for an enum, its value ("covert") or its Chinese name (暗访)."""
    return parse_word(value, KIND_WORDS, "spot-check kind")


def _text(field: str, value: str) -> str:
    value = value.strip()
    limit = _LIMITS[field]
    if len(value) > limit:
        raise FieldError(
            field, f"{field} is longer than {limit} characters", code="too_long", params=(limit,)
        )
    return value


def _aware(field: str, moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise FieldError(field, f"{field} has no time zone", "pass an aware datetime")
    return moment


def _hall(session: Session, hall_id: uuid.UUID) -> Hall:
    hall = session.get(Hall, hall_id)
    if hall is None or hall.deleted:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")
    return hall


def _check_row(session: Session, hall_id: uuid.UUID | None, check_id: uuid.UUID) -> SpotCheck:
    check = session.get(SpotCheck, check_id)
    if check is None or check.deleted or (hall_id is not None and check.hall_id != hall_id):
        raise NotFoundError(
            f"no spot check with id {check_id}", "refresh the list: it may have changed"
        )
    return check


def _check_public(session: Session, check: SpotCheck) -> SpotCheckRow:
    count = session.scalar(
        select(func.count())
        .select_from(FindingModel)
        .where(FindingModel.spot_check_id == check.id, FindingModel.deleted.is_(False))
    )
    return SpotCheckRow(
        check.id,
        check.kind,
        check.title,
        check.team,
        check.inspector,
        check.started_at,
        check.ended_at,
        check.summary,
        int(count or 0),
    )


def start_spot_check(
    session: Session,
    hall_id: uuid.UUID,
    kind: SpotCheckKind | str,
    *,
    team: str = "",
    inspector: str = "",
    title: str = "",
    now: datetime | None = None,
) -> uuid.UUID:
    """Start a session; the inspector (default: the signed-in user) must have no open one."""
    now = _aware("now", now or utcnow())
    kind = parse_kind(kind)
    hall = _hall(session, hall_id)
    team, title = _text("team", team), _text("title", title)
    inspector = _text("inspector", inspector)
    if not inspector:
        actor = session.info.get("actor")
        inspector = _text("inspector", getattr(actor, "user", "") or "")
    if not inspector:
        raise FieldError("inspector", "the spot check has no inspector", code="required")
    open_check = session.scalar(
        select(SpotCheck)
        .where(
            SpotCheck.inspector == inspector,
            SpotCheck.ended_at.is_(None),
            SpotCheck.deleted.is_(False),
        )
        .order_by(SpotCheck.started_at)
        .limit(1)
    )
    if open_check is not None:
        started = open_check.started_at.astimezone(hall_zone(hall.timezone))
        raise ConflictError(
            f"{inspector} already has an open spot check "
            f"({open_check.title or KIND_WORDS[open_check.kind]}, "
            f"started {started:%Y-%m-%d %H:%M})",
            "close it before starting another",
        )
    if not title:
        day = now.astimezone(hall_zone(hall.timezone))
        title = f"{day.month}月{day.day}日{KIND_WORDS[kind]}"
    check = SpotCheck(
        hall_id=hall_id, kind=kind, title=title, team=team, inspector=inspector, started_at=now
    )
    session.add(check)
    session.flush()
    return check.id


def current_spot_check(session: Session, hall_id: uuid.UUID, inspector: str) -> SpotCheckRow | None:
    """Return the inspector's open session in this hall, if any."""
    check = session.scalar(
        select(SpotCheck)
        .where(
            SpotCheck.hall_id == hall_id,
            SpotCheck.inspector == inspector.strip(),
            SpotCheck.ended_at.is_(None),
            SpotCheck.deleted.is_(False),
        )
        .order_by(SpotCheck.started_at.desc())
        .limit(1)
    )
    return _check_public(session, check) if check is not None else None


def list_spot_checks(
    session: Session,
    hall_id: uuid.UUID,
    *,
    open_only: bool = False,
    inspector: str | None = None,
) -> list[SpotCheckRow]:
    """Return the hall's sessions, the latest first, with their finding counts."""
    counts = (
        select(FindingModel.spot_check_id, func.count().label("n"))
        .where(FindingModel.hall_id == hall_id, FindingModel.deleted.is_(False))
        .group_by(FindingModel.spot_check_id)
        .subquery()
    )
    query = (
        select(SpotCheck, counts.c.n)
        .outerjoin(counts, counts.c.spot_check_id == SpotCheck.id)
        .where(SpotCheck.hall_id == hall_id, SpotCheck.deleted.is_(False))
        .order_by(SpotCheck.started_at.desc(), SpotCheck.id.desc())
    )
    if open_only:
        query = query.where(SpotCheck.ended_at.is_(None))
    if inspector is not None:
        query = query.where(SpotCheck.inspector == inspector.strip())
    return [
        SpotCheckRow(
            c.id,
            c.kind,
            c.title,
            c.team,
            c.inspector,
            c.started_at,
            c.ended_at,
            c.summary,
            int(n or 0),
        )
        for c, n in session.execute(query)
    ]


def get_spot_check(session: Session, hall_id: uuid.UUID, check_id: uuid.UUID) -> SpotCheckDetail:
    """Return a session with its findings and their counts per item, window and severity."""
    check = _check_row(session, hall_id, check_id)
    return _detail(session, check)


def _detail(session: Session, check: SpotCheck) -> SpotCheckDetail:
    checklist = load_checklist(session, check.hall_id)
    findings = tuple(_finding_rows(session, checklist, FindingModel.spot_check_id == check.id))
    per_code = Counter(f.category for f in findings)
    order = {item.code: index for index, item in enumerate(checklist.items)}
    by_category = tuple(
        (code, checklist.label(code), count)
        for code, count in sorted(
            per_code.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0])
        )
    )
    zones = {
        number: zone
        for number, zone in session.execute(
            select(Window.number, Window.zone).where(Window.hall_id == check.hall_id)
        )
    }
    per_window = Counter(f.window_no for f in findings if f.window_no)
    by_window = tuple(
        sorted(per_window.items(), key=lambda pair: (zones.get(pair[0], ""), pair[0]))
    )
    by_severity = {level: 0 for level in (1, 2, 3)}
    for f in findings:
        by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
    return SpotCheckDetail(
        _check_public(session, check), findings, by_category, by_window, by_severity
    )


def close_spot_check(
    session: Session, check_id: uuid.UUID, summary: str = "", *, now: datetime | None = None
) -> SpotCheckDetail:
    """Close an open session; an empty summary is written from its findings."""
    now = _aware("now", now or utcnow())
    check = _check_row(session, None, check_id)
    if check.ended_at is not None:
        zone = hall_zone(_hall(session, check.hall_id).timezone)
        ended = check.ended_at.astimezone(zone)
        raise ConflictError(
            f"this spot check was already closed at {ended:%Y-%m-%d %H:%M}",
            "refresh the list",
        )
    if now < check.started_at:
        raise FieldError("now", "a spot check cannot end before it started", code="time_order")
    latest = session.scalar(
        select(func.max(FindingModel.observed_at)).where(
            FindingModel.spot_check_id == check.id, FindingModel.deleted.is_(False)
        )
    )
    # A finding entered a little ahead of the clock (within the tolerance) still fits.
    check.ended_at = max(now, latest) if latest is not None else now
    summary = _text("summary", summary)
    if not summary:
        summary = _summary_text(_detail(session, check))
    check.summary = summary
    session.flush()
    return _detail(session, check)


def _summary_text(detail: SpotCheckDetail) -> str:
    total = len(detail.findings)
    if not total:
        return "未发现问题。"
    windows = "、".join(f"{number}（{count}）" for number, count in detail.by_window)
    parts = [f"发现问题{total}个"]
    if windows:
        parts.append(f"涉及窗口{len(detail.by_window)}个：{windows}")
    severe = detail.by_severity.get(3, 0)
    if severe:
        parts.append(f"其中严重问题{severe}个")
    return "，".join(parts) + "。"


# --- the walk ---------------------------------------------------------------------------


def _serving(card: WindowCard) -> uuid.UUID | None:
    if card.stand_in_id is not None:
        return card.stand_in_id
    return card.staff_id if card.state is WindowState.ON_DUTY else None


def window_walk(
    source: Session | sqlite3.Connection,
    hall_id: uuid.UUID,
    check_id: uuid.UUID | None,
    at: datetime,
) -> list[WalkWindow]:
    """Return the hall's windows in walking order (zone, number) as the board sees them at `at`.

    Each comes with who serves there (proposed for a finding) and how many findings
    this session already has at it. Reads with plain SQL, like the board.
    """
    conn = direct.dbapi(source)
    counts: dict[uuid.UUID, int] = {}
    if check_id is not None:
        found = queries.findings_per_window(conn, hall_id, check_id)
        if found is None:
            raise NotFoundError(
                f"no spot check with id {check_id}", "refresh the list: it may have changed"
            )
        counts = found
    board = board_state(conn, hall_id, at)
    names = queries.staff_names(conn, hall_id)
    walk = []
    for card in sorted(board.cards, key=lambda c: (c.zone, c.number)):
        serving = _serving(card)
        walk.append(
            WalkWindow(
                window_id=card.window_id,
                number=card.number,
                zone=card.zone,
                unit_name=card.unit_name,
                state=card.state,
                detail=card.detail,
                primary_id=card.staff_id,
                primary_name=card.staff_name,
                staff_id=serving,
                staff_name=names.get(serving, "") if serving else "",
                stand_in=card.stand_in_id is not None,
                findings=counts.get(card.window_id, 0),
            )
        )
    return walk


@dataclass(frozen=True, slots=True)
class CheckScreenFacts:
    """What the check screen shows beside the walk: people to name, cameras, photo counts."""

    staff: list[tuple[uuid.UUID, str]]  # (id, "name staff_no"), by staff number
    cameras: dict[uuid.UUID, tuple[str, str]]  # window → (stream, snapshot address)
    photos: dict[uuid.UUID, int]  # finding → photos kept


def check_screen_facts(
    source: Session | sqlite3.Connection, hall_id: uuid.UUID
) -> CheckScreenFacts:
    """Return the hall's staff choices, window cameras and photos per finding (plain SQL)."""
    conn = direct.dbapi(source)
    return CheckScreenFacts(
        staff=queries.staff_choices(conn, hall_id),
        cameras=queries.window_cameras(conn, hall_id),
        photos=queries.photos_per_finding(conn, hall_id),
    )


@dataclass(frozen=True, slots=True)
class FindingWindow:
    """A finding's window and its camera, for photos taken of it (a rectification's)."""

    finding_id: uuid.UUID
    window_id: uuid.UUID
    number: str
    camera_source: str


def finding_windows(session: Session, finding_ids: Sequence[uuid.UUID]) -> list[FindingWindow]:
    """Return the windows of these findings (those that have one), by window number."""
    rows = session.execute(
        select(FindingModel.id, Window.id, Window.number, Window.camera_source)
        .join(Window, Window.id == FindingModel.window_id)
        .where(FindingModel.id.in_(list(finding_ids)))
        .order_by(Window.number)
    )
    return [
        FindingWindow(finding_id, window_id, number, source or "")
        for finding_id, window_id, number, source in rows
    ]


def propose_staff(
    source: Session | sqlite3.Connection,
    hall_id: uuid.UUID,
    window_id: uuid.UUID,
    at: datetime,
    item: ChecklistItem | None = None,
) -> uuid.UUID | None:
    """Return who a finding at this window and moment is about, None when nobody is proposed.

    Whoever serves there; for a presence item at a window nobody serves, the primary.
    """
    card = next(
        (c for c in board_state(source, hall_id, at).cards if c.window_id == window_id), None
    )
    if card is None:
        return None
    serving = _serving(card)
    if serving is None and item is not None and item.category == "presence":
        return card.staff_id
    return serving


# --- findings ---------------------------------------------------------------------------


def _finding_rows(session: Session, checklist: Checklist, *where: object) -> list[FindingRow]:
    person = aliased(Staff)
    query = (
        select(FindingModel, Window.number, person.name, person.staff_no)
        .outerjoin(Window, Window.id == FindingModel.window_id)
        .outerjoin(person, person.id == FindingModel.staff_id)
        .where(FindingModel.deleted.is_(False), *where)  # type: ignore[arg-type]
        .order_by(FindingModel.observed_at, FindingModel.id)
    )
    return [
        FindingRow(
            f.id,
            f.spot_check_id,
            f.window_id,
            number or "",
            f.staff_id,
            name or "",
            staff_no or "",
            f.category,
            checklist.label(f.category),
            f.description,
            f.severity,
            f.observed_at,
            f.rectify_days,
            f.rectify_due,
            f.status,
            f.created_at,
        )
        for f, number, name, staff_no in session.execute(query)
    ]


def _finding_public(session: Session, finding: FindingModel) -> FindingRow:
    checklist = load_checklist(session, finding.hall_id)
    return _finding_rows(session, checklist, FindingModel.id == finding.id)[0]


def _resolve_window(
    session: Session, hall_id: uuid.UUID, window_id: uuid.UUID | None, window_no: str | None
) -> Window:
    if window_id is not None:
        window = session.get(Window, window_id)
        if window is None or window.hall_id != hall_id or window.deleted:
            raise FieldError(
                "window_id", f"window_id {window_id} is not a window of this hall", code="missing"
            )
        return window
    number = (window_no or "").strip()
    if not number:
        raise FieldError("window_id", "a finding needs its window", code="required")
    rows = session.scalars(
        select(Window).where(Window.hall_id == hall_id, Window.deleted.is_(False))
    ).all()
    for candidate in (number, number.upper()):
        for window in rows:
            if window.number == candidate:
                return window
    numbers = ", ".join(sorted(w.number for w in rows if w.active))
    raise FieldError(
        "window_no",
        f"window_no {number} is not a window of this hall",
        f"choose one of: {numbers}" if numbers else "add the hall's windows first",
        code="missing",
        params=(number,),
    )


def _resolve_staff(
    session: Session, hall_id: uuid.UUID, staff_id: uuid.UUID | None, staff_no: str | None
) -> uuid.UUID | None:
    if staff_id is not None:
        staff = session.get(Staff, staff_id)
        if staff is None or staff.hall_id != hall_id or staff.deleted:
            raise FieldError(
                "staff_id",
                f"staff_id {staff_id} is not a staff member of this hall",
                code="missing",
            )
        return staff_id
    number = (staff_no or "").strip()
    if not number:
        return None
    found = session.scalar(
        select(Staff.id).where(
            Staff.hall_id == hall_id, Staff.staff_no == number, Staff.deleted.is_(False)
        )
    )
    if found is None:
        raise FieldError(
            "staff_no",
            f"staff_no {number} is not a staff member of this hall",
            "give the 工号 as on the roster",
            code="missing",
            params=(number,),
        )
    return found


def _item(checklist: Checklist, code: str, *, new: bool) -> ChecklistItem:
    code = code.strip()
    item = checklist.item(code)
    if item is None:
        raise FieldError(
            "category",
            f"category {code!r} is not an item of the hall's checklist",
            "see 'hallwatch checklist' for the codes",
            code="unknown_item",
            params=(code,),
        )
    if new and not item.active:
        raise FieldError(
            "category",
            f"category {code} ({item.label}) is no longer in use",
            "choose an item in use, or take it back into use in the checklist",
            code="inactive_item",
            params=(code,),
        )
    return item


def _severity(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3:
        raise FieldError(
            "severity", f"severity {value!r} is not 1–3", "1 一般, 2 较重, 3 严重",
            code="range", params=(1, 3),
        )  # fmt: skip
    return value


def _rectify_days(value: int | None, item: ChecklistItem, default: int) -> int | None:
    """Return the working days to rectify (None: no rectification needed)."""
    if value is None:
        return default if item.rectify else None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_RECTIFY_DAYS:
        raise FieldError(
            "rectify_days",
            f"rectify_days {value!r} is out of range",
            f"give 0 (no rectification) to {MAX_RECTIFY_DAYS} working days",
            code="range",
            params=(0, MAX_RECTIFY_DAYS),
        )
    return value or None


def _observed(
    check: SpotCheck | None, observed_at: datetime, now: datetime, zone_name: str
) -> datetime:
    observed_at = _aware("observed_at", observed_at)
    zone = hall_zone(zone_name)
    if observed_at - now > FUTURE_TOLERANCE:
        raise FieldError(
            "observed_at",
            f"observed_at {observed_at.astimezone(zone):%Y-%m-%d %H:%M} is in the future",
            "enter what has happened",
            code="future",
        )
    if check is not None and observed_at < check.started_at:
        raise FieldError(
            "observed_at",
            f"observed_at {observed_at.astimezone(zone):%H:%M} is before the spot check "
            f"started ({check.started_at.astimezone(zone):%H:%M})",
            "a finding belongs to the session during which it was seen",
            code="before_start",
        )
    if check is not None and check.ended_at is not None and observed_at > check.ended_at:
        raise FieldError(
            "observed_at",
            f"observed_at {observed_at.astimezone(zone):%H:%M} is after the spot check "
            f"ended ({check.ended_at.astimezone(zone):%H:%M})",
            code="after_end",
        )
    return observed_at


def _due(
    session: Session, hall_id: uuid.UUID, observed_at: datetime, days: int | None, zone: str
) -> date | None:
    if days is None:
        return None
    day = local_day(observed_at, hall_zone(zone))
    return hall_calendar(session, hall_id).add_working_days(day, days).day


def add_finding(
    session: Session,
    hall_id: uuid.UUID,
    *,
    category: str,
    window_id: uuid.UUID | None = None,
    window_no: str | None = None,
    description: str = "",
    severity: int | None = None,
    staff_id: uuid.UUID | None = None,
    staff_no: str | None = None,
    propose: bool = True,
    observed_at: datetime | None = None,
    spot_check_id: uuid.UUID | None = None,
    rectify_days: int | None = None,
    now: datetime | None = None,
) -> FindingRow:
    """Record a finding at a window; return it.

    Staff: `staff_id` or `staff_no`; neither: proposed from the board at `observed_at`
    (unless `propose` is False: nobody). Severity and rectification default from the
    checklist item; `rectify_days` 0 means no rectification. `observed_at` defaults to now.
    """
    now = _aware("now", now or utcnow())
    hall = _hall(session, hall_id)
    checklist = load_checklist(session, hall_id)
    item = _item(checklist, category, new=True)
    window = _resolve_window(session, hall_id, window_id, window_no)
    check: SpotCheck | None = None
    if spot_check_id is not None:
        check = _check_row(session, hall_id, spot_check_id)
        if check.ended_at is not None:
            raise ConflictError(
                "this spot check is closed: it takes no new findings",
                "start a new spot check, or record the finding on its own",
            )
    observed = _observed(check, observed_at or now, now, hall.timezone)
    level = _severity(item.severity if severity is None else severity)
    description = description.strip()
    if len(description) > MAX_DESCRIPTION:
        raise FieldError(
            "description",
            f"description is longer than {MAX_DESCRIPTION} characters",
            code="too_long",
            params=(MAX_DESCRIPTION,),
        )
    days = _rectify_days(rectify_days, item, load_rules(session, hall_id).rectify_days)
    person = _resolve_staff(session, hall_id, staff_id, staff_no)
    if person is None and propose:
        person = propose_staff(session, hall_id, window.id, observed, item)
    finding = FindingModel(
        hall_id=hall_id,
        spot_check_id=spot_check_id,
        window_id=window.id,
        staff_id=person,
        category=item.code,
        description=description,
        severity=level,
        observed_at=observed,
        rectify_days=days,
        rectify_due=_due(session, hall_id, observed, days, hall.timezone),
        status=FindingStatus.OPEN,
    )
    session.add(finding)
    session.flush()
    return _finding_public(session, finding)


def _live_finding(session: Session, hall_id: uuid.UUID, finding_id: uuid.UUID) -> FindingModel:
    finding = session.get(FindingModel, finding_id)
    if finding is None or finding.hall_id != hall_id or finding.deleted:
        raise NotFoundError(
            f"no finding with id {finding_id}", "refresh the list: it may have changed"
        )
    return finding


def update_finding(
    session: Session,
    hall_id: uuid.UUID,
    finding_id: uuid.UUID,
    *,
    category: str | _Keep = KEEP,
    window_id: uuid.UUID | _Keep = KEEP,
    staff_id: uuid.UUID | _Keep | None = KEEP,
    description: str | _Keep = KEEP,
    severity: int | _Keep = KEEP,
    observed_at: datetime | _Keep = KEEP,
    rectify_days: int | _Keep | None = KEEP,
    status: FindingStatus | _Keep = KEEP,
    now: datetime | None = None,
) -> FindingRow:
    """Change a finding's fields (KEEP: unchanged); return it as saved.

    `staff_id` None clears the person; `rectify_days` None resets it to the item's
    default, 0 means none. The deadline follows the observed day and the days.
    """
    now = _aware("now", now or utcnow())
    hall = _hall(session, hall_id)
    finding = _live_finding(session, hall_id, finding_id)
    checklist = load_checklist(session, hall_id)
    check = (
        _check_row(session, hall_id, finding.spot_check_id)
        if finding.spot_check_id is not None
        else None
    )
    item = (
        _item(checklist, category, new=category.strip() != finding.category)
        if not isinstance(category, _Keep)
        else checklist.item(finding.category)
    )
    new_window = (
        _resolve_window(session, hall_id, window_id, None).id
        if not isinstance(window_id, _Keep)
        else finding.window_id
    )
    new_staff = (
        _resolve_staff(session, hall_id, staff_id, None)
        if not isinstance(staff_id, _Keep)
        else finding.staff_id
    )
    new_observed = (
        _observed(check, observed_at, now, hall.timezone)
        if not isinstance(observed_at, _Keep)
        else finding.observed_at
    )
    new_severity = _severity(severity) if not isinstance(severity, _Keep) else finding.severity
    if isinstance(description, _Keep):
        new_description = finding.description
    else:
        new_description = description.strip()
        if len(new_description) > MAX_DESCRIPTION:
            raise FieldError(
                "description",
                f"description is longer than {MAX_DESCRIPTION} characters",
                code="too_long",
                params=(MAX_DESCRIPTION,),
            )
    if isinstance(rectify_days, _Keep):
        new_days = finding.rectify_days
    else:
        base = item or ChecklistItem(finding.category, finding.category.split(".")[0], "-")
        new_days = _rectify_days(rectify_days, base, load_rules(session, hall_id).rectify_days)
    if not isinstance(status, _Keep) and not isinstance(status, FindingStatus):
        raise FieldError("status", f"status {status!r} is not known", code="invalid")
    finding.category = item.code if item is not None else finding.category
    finding.window_id = new_window
    finding.staff_id = new_staff
    finding.observed_at = new_observed
    finding.severity = new_severity
    finding.description = new_description
    finding.rectify_days = new_days
    finding.rectify_due = _due(session, hall_id, new_observed, new_days, hall.timezone)
    if not isinstance(status, _Keep):
        finding.status = status
    session.flush()
    return _finding_public(session, finding)


def remove_finding(session: Session, hall_id: uuid.UUID, finding_id: uuid.UUID) -> None:
    """Remove a finding (a tombstone); refused while a letter cites it."""
    finding = _live_finding(session, hall_id, finding_id)
    cited = session.scalar(
        select(func.count())
        .select_from(LetterFinding)
        .where(LetterFinding.finding_id == finding.id, LetterFinding.deleted.is_(False))
    )
    if cited:
        raise InUseError(
            "a letter cites this finding: it cannot be removed",
            "revoke or change the letter first",
            code="finding_in_letter",
            params=(cited,),
        )
    finding.deleted = True
    session.flush()
