"""The cases view (办件): count, page and look into a hall's cases at scale.

A hall holds about 500k cases a year, so the view never loads a whole result:
`count_cases` says how many rows the filter gives, `case_page` reads one window
of them in the chosen order (LIMIT/OFFSET), and `case_detail` reads one case with
its timeline. The default order (newest ticket first) is read from the index
(hall_id, deleted, taken_at) alone.

Reads are plain SQL on the local SQLite file (storage.queries.cases), as the board's:
the ORM would add its per-row cost to every page. Lights use the stored due dates,
which are kept current when a case or the holiday table changes; a page computes
each row's light and overdue days with the hall calendar.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from hallwatch.domain.calendar import WorkCalendar
from hallwatch.domain.cases import CaseDue, light, overdue_days
from hallwatch.domain.enums import CaseStatus, Light
from hallwatch.domain.errors import CancelledError, FieldError, NotFoundError
from hallwatch.storage.queries import cases as queries
from hallwatch.storage.queries import hall as hall_queries

__all__ = [
    "OPEN_STATUSES",
    "CaseDetail",
    "CaseFilter",
    "CaseRow",
    "CaseSort",
    "FilterChoices",
    "TimelineEntry",
    "ViewContext",
    "case_detail",
    "case_page",
    "count_cases",
    "export_cases",
    "filter_choices",
    "view_context",
]

# Accepted and not finished: the clock runs (or stands still) and a light applies.
OPEN_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.PAUSED)


class CaseSort(StrEnum):
    TAKEN = "taken_at"
    ACCEPTED = "accepted_at"
    PROMISED_DUE = "promised_due"
    FINISHED = "finished_at"
    CASE_NO = "case_no"
    TICKET_NO = "ticket_no"
    RATING = "rating"


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """What the view shows; every field narrows, None or empty means all."""

    unit_id: uuid.UUID | None = None
    window_id: uuid.UUID | None = None
    staff_id: uuid.UUID | None = None
    item_id: uuid.UUID | None = None
    statuses: frozenset[CaseStatus] = frozenset()
    light: Light | None = None  # open cases with this light today
    # Hall-local days of the ticket (taken_at), inclusive.
    start: date | None = None
    end: date | None = None
    # A ticket number, or a case number or its beginning.
    text: str = ""
    sort: CaseSort = CaseSort.TAKEN
    descending: bool = True

    def check(self) -> CaseFilter:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise FieldError(
                "end",
                f"the period starts ({self.start}) after it ends ({self.end})",
                "choose a start date on or before the end date",
                code="ends_before_start",
            )
        return self


@dataclass(frozen=True, slots=True)
class ViewContext:
    """What every page of one hall needs: its zone, calendar, today and yellow rule."""

    hall_id: uuid.UUID
    zone: ZoneInfo
    calendar: WorkCalendar
    today: date
    yellow_days: int


def view_context(conn: sqlite3.Connection, hall_id: uuid.UUID, at: datetime) -> ViewContext:
    zone = hall_queries.zone(conn, hall_id)
    return ViewContext(
        hall_id=hall_id,
        zone=zone,
        calendar=hall_queries.calendar(conn, hall_id),
        today=at.astimezone(zone).date(),
        yellow_days=hall_queries.rules(conn, hall_id).yellow_days,
    )


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of the cases view."""

    case_id: uuid.UUID
    ticket_no: str
    case_no: str
    item_name: str
    unit_name: str
    window_number: str
    staff_name: str
    status: CaseStatus
    taken_at: datetime | None
    accepted_at: datetime | None
    finished_at: datetime | None
    promised_due: date | None
    legal_due: date | None
    provisional: bool
    rating: int | None
    # None for a case without due dates (a ticket not accepted).
    light: Light | None
    overdue_days: int


def _query(view: ViewContext, wanted: CaseFilter) -> queries.CaseQuery:
    """The filter in plain values, its light's day bounds worked out with the calendar."""
    wanted = wanted.check()
    green_from = None
    if wanted.light is not None:
        # The first day on which more than yellow_days working days are left.
        green_from = view.calendar.add_working_days(view.today, view.yellow_days + 1).day
    return queries.CaseQuery(
        hall_id=view.hall_id,
        unit_id=wanted.unit_id,
        window_id=wanted.window_id,
        staff_id=wanted.staff_id,
        item_id=wanted.item_id,
        statuses=tuple(status.value for status in wanted.statuses),
        taken_from=_midnight(wanted.start, view.zone) if wanted.start else None,
        taken_until=(_midnight(wanted.end + timedelta(days=1), view.zone) if wanted.end else None),
        text=wanted.text,
        light=wanted.light,
        open_statuses=tuple(status.value for status in OPEN_STATUSES),
        today=view.today,
        green_from=green_from,
    )


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def count_cases(conn: sqlite3.Connection, view: ViewContext, wanted: CaseFilter) -> int:
    """Return how many cases the filter gives."""
    return queries.count(conn, _query(view, wanted))


def case_page(
    conn: sqlite3.Connection, view: ViewContext, wanted: CaseFilter, offset: int, limit: int
) -> list[CaseRow]:
    """Return the rows offset … offset+limit−1 of the filter's result, in its order."""
    rows = queries.page(
        conn, _query(view, wanted), wanted.sort.value, wanted.descending, offset, limit
    )
    return [_row(view, row) for row in rows]


def _row(view: ViewContext, stored: queries.StoredCase) -> CaseRow:
    """A stored case with its light and overdue days as of the view's today."""
    promised_due, legal_due, finished_at = stored.promised_due, stored.legal_due, stored.finished_at
    case_light: Light | None = None
    overdue = 0
    if promised_due is not None and legal_due is not None and stored.accepted_at:
        due = CaseDue(promised_due, legal_due, stored.provisional)
        finished_on = finished_at.astimezone(view.zone).date() if finished_at else None
        case_light = light(view.calendar, due, view.today, finished_on, view.yellow_days)
        overdue = overdue_days(view.calendar, promised_due, finished_on or view.today)
    return CaseRow(
        case_id=stored.id,
        ticket_no=stored.ticket_no,
        case_no=stored.case_no,
        item_name=stored.item_name,
        unit_name=stored.unit_name,
        window_number=stored.window_number,
        staff_name=stored.staff_name,
        status=CaseStatus(stored.status),
        taken_at=stored.taken_at,
        accepted_at=stored.accepted_at,
        finished_at=finished_at,
        promised_due=promised_due,
        legal_due=legal_due,
        provisional=stored.provisional,
        rating=stored.rating,
        light=case_light,
        overdue_days=overdue,
    )


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One step in a case's life."""

    at: datetime | date
    what: str
    # A stable name of the step and its values, for a UI to say it in its own language
    # (`what` is the Chinese wording of the command line).
    step: str = ""
    params: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseDetail:
    row: CaseRow
    hold_minutes: int
    paused_days: int
    extended_days: int
    source: str
    timeline: list[TimelineEntry] = field(default_factory=list)
    # The case's own limits (working days), which its due dates count from; None for a
    # ticket that never became a case with limits.
    promised_days: int | None = None
    legal_days: int | None = None
    # End of service at the window (the queue's finish); finished_at is the case's own.
    service_finished_at: datetime | None = None


RATING_WORDS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}


def case_detail(conn: sqlite3.Connection, view: ViewContext, case_id: uuid.UUID) -> CaseDetail:
    """Return one case with its timeline, oldest step first."""
    found = queries.one_case(conn, case_id)
    if found is None:
        raise NotFoundError(f"no case with id {case_id}", "refresh the list: it may have changed")
    case, extras = _row(view, found[0]), found[1]
    called, rated, paused, extended = (
        extras.called_at,
        extras.rated_at,
        extras.paused_days,
        extras.extended_days,
    )
    rating_raw, service_finished_at = extras.rating_raw, extras.service_finished_at
    steps: list[TimelineEntry] = []
    if case.taken_at:
        steps.append(
            TimelineEntry(
                case.taken_at, f"取号 {case.ticket_no}".strip(), "taken", (case.ticket_no,)
            )
        )
    if called:
        steps.append(
            TimelineEntry(
                called,
                f"叫号（窗口 {case.window_number}）",
                "called",
                (case.window_number,),
            )
        )
    if case.accepted_at:
        steps.append(
            TimelineEntry(
                case.accepted_at, f"受理 {case.case_no}".strip(), "accepted", (case.case_no,)
            )
        )
    if paused:
        steps.append(TimelineEntry(case.accepted_at or case.taken_at or view.today,
                                   f"暂停计时 {paused} 个工作日（补正/挂起）",
                                   "paused", (str(paused),)))  # fmt: skip
    if extended:
        steps.append(TimelineEntry(case.accepted_at or case.taken_at or view.today,
                                   f"延期 {extended} 个工作日",
                                   "extended", (str(extended),)))  # fmt: skip
    if case.promised_due:
        steps.append(TimelineEntry(case.promised_due, "承诺办结期限", "promised_due"))
    if case.legal_due:
        steps.append(TimelineEntry(case.legal_due, "法定办结期限", "legal_due"))
    if case.status is CaseStatus.ABANDONED:
        steps.append(TimelineEntry(case.taken_at or view.today, "过号/弃号", "abandoned"))
    if service_finished_at is not None:
        steps.append(TimelineEntry(service_finished_at, "窗口服务结束", "service_finished"))
    if case.finished_at:
        steps.append(TimelineEntry(case.finished_at, "办结", "finished"))
    if rated and case.rating is not None:
        word = RATING_WORDS.get(case.rating, str(case.rating))
        steps.append(
            TimelineEntry(
                rated,
                f"评价：{word}（原始 {rating_raw}）",
                "rated",
                (str(case.rating), str(rating_raw)),
            )
        )
    for occurred, kind, detail_text in queries.case_events(conn, case_id):
        said, params = _event_text(kind, detail_text), _event_params(kind, detail_text)
        steps.append(TimelineEntry(occurred, said, kind, params))
    steps.sort(key=lambda step: _sort_key(step.at, view.zone))
    return CaseDetail(
        row=case,
        hold_minutes=extras.hold_minutes,
        paused_days=paused,
        extended_days=extended,
        source=extras.source,
        timeline=steps,
        promised_days=extras.promised_days,
        legal_days=extras.legal_days,
        service_finished_at=service_finished_at,
    )


def _event_text(kind: str, detail_text: str) -> str:
    detail = json.loads(detail_text) if isinstance(detail_text, str) else {}
    if kind == "due_changed":
        promised = detail.get("promised") or [None, None]
        legal = detail.get("legal") or [None, None]
        why = "节假日表变更" if detail.get("reason") == "holidays" else "重新计算"
        return (
            f"期限调整（{why}）：承诺 {promised[0]} → {promised[1]}，法定 {legal[0]} → {legal[1]}"
        )
    if kind == "corrected":
        names = "、".join(FIELD_WORDS.get(name, name) for name in detail.get("fields", {}))
        return f"更正（{detail.get('reason', '')}）：{names}"
    return kind


def _event_params(kind: str, detail_text: str) -> tuple[str, ...]:
    """The values of an event's wording: (reason, old/new due dates) or (reason, fields…)."""
    detail = json.loads(detail_text) if isinstance(detail_text, str) else {}
    if kind == "due_changed":
        promised = detail.get("promised") or [None, None]
        legal = detail.get("legal") or [None, None]
        why = "holidays" if detail.get("reason") == "holidays" else "recomputed"
        return (why, *(str(v) for v in (*promised[:2], *legal[:2])))
    if kind == "corrected":
        return (str(detail.get("reason", "")), *detail.get("fields", {}))
    return ()


FIELD_WORDS = {
    "service_item_id": "事项",
    "window_id": "窗口",
    "staff_id": "办理人",
    "ticket_no": "取号",
    "case_no": "办件编号",
    "status": "状态",
    "taken_at": "取号时间",
    "called_at": "叫号时间",
    "accepted_at": "受理时间",
    "finished_at": "办结时间",
    "paused_days": "暂停工作日",
    "extended_days": "延期工作日",
    "hold_minutes": "挂起分钟",
    "rating": "评价",
    "promised_days": "承诺时限",
    "legal_days": "法定时限",
}


def _sort_key(at: datetime | date, zone: ZoneInfo) -> datetime:
    if isinstance(at, datetime):
        return at
    # A due date counts at the end of its day.
    return datetime.combine(at, time(23, 59, 59), tzinfo=zone)


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """What the view's filters offer: (id, label) per unit, window, person, service item."""

    units: list[tuple[uuid.UUID, str]]
    windows: list[tuple[uuid.UUID, str]]
    staff: list[tuple[uuid.UUID, str]]
    items: list[tuple[uuid.UUID, str]]


def filter_choices(conn: sqlite3.Connection, hall_id: uuid.UUID) -> FilterChoices:
    units, windows, staff, items = queries.filter_choices(conn, hall_id)
    return FilterChoices(units=units, windows=windows, staff=staff, items=items)


STATUS_WORDS = {
    CaseStatus.WAITING: "等候",
    CaseStatus.CALLED: "已叫号",
    CaseStatus.ABANDONED: "过号/弃号",
    CaseStatus.ACCEPTED: "已受理",
    CaseStatus.PAUSED: "暂停计时",
    CaseStatus.FINISHED: "已办结",
    CaseStatus.TRANSFERRED: "已转办",
}

EXPORT_HEADINGS = (
    "取号", "办件编号", "事项", "单位", "窗口", "办理人", "状态", "取号时间", "受理时间",
    "办结时间", "承诺期限", "法定期限", "灯", "超期工作日", "评价",
)  # fmt: skip


def export_cases(
    conn: sqlite3.Connection,
    view: ViewContext,
    wanted: CaseFilter,
    path: str,
    progress: Callable[[float, str], None] = lambda _f, _t: None,
    cancelled: Callable[[], bool] = lambda: False,
    page_size: int = 5000,
) -> int:
    """Write the filter's cases to an Excel file (all of them, in the view's order).

    Writes a .partial file and renames it at the end: a cancelled or failed export
    leaves no half-written workbook under the chosen name. Returns the rows written.
    """
    from openpyxl import Workbook  # only when exporting

    from hallwatch.domain.cases import LIGHT_WORDS

    total = count_cases(conn, view, wanted)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("办件")
    sheet.append(list(EXPORT_HEADINGS))

    def local(moment: datetime | None) -> str:
        return moment.astimezone(view.zone).strftime("%Y-%m-%d %H:%M") if moment else ""

    written = 0
    partial = path + ".partial"
    try:
        while written < total:
            if cancelled():
                raise CancelledError("the export was cancelled", "nothing was written")
            page = case_page(conn, view, wanted, written, page_size)
            if not page:
                break
            for row in page:
                sheet.append(
                    [
                        row.ticket_no,
                        row.case_no,
                        row.item_name,
                        row.unit_name,
                        row.window_number,
                        row.staff_name,
                        STATUS_WORDS[row.status],
                        local(row.taken_at),
                        local(row.accepted_at),
                        local(row.finished_at),
                        row.promised_due.isoformat() if row.promised_due else "",
                        row.legal_due.isoformat() if row.legal_due else "",
                        LIGHT_WORDS[row.light] if row.light else "",
                        row.overdue_days,
                        RATING_WORDS.get(row.rating, "") if row.rating else "",
                    ]
                )
            written += len(page)
            progress(written / max(total, 1), f"{written}/{total}")
        book.save(partial)
        os.replace(partial, path)
    except BaseException:
        # Finish the sheet's stream now, so openpyxl's temporary file is closed and removed
        # here rather than by the garbage collector ("I/O operation on closed file").
        with contextlib.suppress(Exception):
            sheet.close()
            os.remove(sheet._writer.out)
        with contextlib.suppress(OSError):
            os.remove(partial)
        raise
    return written
