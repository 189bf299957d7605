"""`hallwatch report` commands."""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import uuid

    from sqlalchemy.orm import Session

    from hallwatch.domain.attendance import StaffDay
    from hallwatch.domain.halls import HallInfo
    from hallwatch.domain.metrics import StatsRow
    from hallwatch.services.cases.open_cases import CaseLine
    from hallwatch.storage.folder import DataFolder


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add this module's commands to the `hallwatch` parser."""
    report = commands.add_parser("report", help="reports: attendance, cases, stats …")
    reports = report.add_subparsers(dest="report_command", metavar="REPORT")
    reports.required = True

    attendance = reports.add_parser(
        "attendance", help="each staff member's punches and computed status on a day"
    )
    attendance.add_argument("day", metavar="DAY", help="the day, YYYY-MM-DD")
    attendance.add_argument(
        "--hall", metavar="CODE", help="the hall (needed when there are several)"
    )
    attendance.add_argument("--unit", metavar="CODE", help="only this unit's staff")
    attendance.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    attendance.set_defaults(handler=cmd_report_attendance)

    cases = reports.add_parser(
        "cases", help="each open case with its due dates, light and overdue days"
    )
    cases.add_argument(
        "--at",
        metavar="DATETIME",
        help="the moment, YYYY-MM-DDTHH:MM in the hall's zone (default: now)",
    )
    cases.add_argument("--hall", metavar="CODE", help="the hall (needed when there are several)")
    cases.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    cases.set_defaults(handler=cmd_report_cases)

    stats = reports.add_parser(
        "stats", help="the case, queue and rating metrics of a period, per unit, window or staff"
    )
    stats.add_argument("start", metavar="FROM", help="the first day, YYYY-MM-DD")
    stats.add_argument("end", metavar="TO", help="the last day (included), YYYY-MM-DD")
    stats.add_argument("--unit", metavar="CODE", help="only this unit's cases")
    stats.add_argument(
        "--by",
        choices=("hall", "unit", "window", "staff"),
        default="unit",
        help="one row per unit (default), window or staff member, or one for the hall",
    )
    stats.add_argument("--hall", metavar="CODE", help="the hall (needed when there are several)")
    stats.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    stats.set_defaults(handler=cmd_report_stats)


def find_unit(session: Session, hall: HallInfo, code: str) -> uuid.UUID:
    """Return the id of the hall's unit with this code, or say which codes there are."""
    from sqlalchemy import select

    from hallwatch.domain.errors import NotFoundError
    from hallwatch.storage.models import Unit

    unit_id = session.scalar(
        select(Unit.id).where(Unit.hall_id == hall.id, Unit.code == code, Unit.deleted.is_(False))
    )
    if unit_id is None:
        codes = session.scalars(
            select(Unit.code)
            .where(Unit.hall_id == hall.id, Unit.deleted.is_(False))
            .order_by(Unit.code)
        ).all()
        raise NotFoundError(
            f"no unit with code {code} in hall {hall.code}",
            f"choose one of: {', '.join(codes)}" if codes else "add units first",
        )
    return unit_id


def cmd_report_attendance(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.attendance.sheets import day_sheet
    from hallwatch.services.hall.calendar import hall_calendar, parse_day
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.storage.database import Database

    day = parse_day(args.day, "DAY")
    with Database.open(folder, create=False) as db, db.read() as session:
        hall = find_hall(session, args.hall)
        unit_id = find_unit(session, hall, args.unit) if args.unit else None
        rows = day_sheet(session, hall.id, day, unit_id)
        info = hall_calendar(session, hall.id).day_info(day)
    if args.json:
        print(
            json.dumps([attendance_json(row) for row in rows], ensure_ascii=False, indent=1),
            file=out,
        )
        return 0
    weekday = "一二三四五六日"[day.weekday()]
    kind = "工作日" if info.is_workday else "休息日" + (f"（{info.name}）" if info.name else "")
    print(f"{hall.name} 考勤日报 {day.isoformat()} 星期{weekday} {kind}", file=out)
    for line in attendance_table(rows):
        print(line, file=out)
    return 0


def attendance_json(row: StaffDay) -> dict[str, Any]:
    """Return one row of `report attendance --json` (keys are stable; new ones may be added)."""
    status = row.status
    return {
        "staff_no": row.staff_no,
        "name": row.name,
        "unit": row.unit_name,
        "punches": [moment.strftime("%H:%M:%S") for moment in row.punches],
        "late_minutes": row.late_minutes,
        "early_minutes": row.early_minutes,
        "absent_half_days": row.absent_half_days,
        "missing": list(row.missing),
        "off_post_minutes": row.off_post_minutes,
        "leave": row.leave_kind.value if row.leave_kind else None,
        "status": status.value if status else "normal",
        "flags": sorted(flag.value for flag in row.flags),
        "corrections": [moment.strftime("%H:%M:%S") for moment in row.corrections],
    }


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


def attendance_table(rows: Sequence[StaffDay]) -> list[str]:
    """Return the day sheet as aligned lines with Chinese headers and status words."""
    from hallwatch.domain.attendance import FLAG_WORDS, LEAVE_WORDS, SLOT_WORDS

    headers = (
        *("工号", "姓名", "单位", "打卡", "迟到", "早退"),
        *("旷工", "缺卡", "脱岗", "请假", "状态"),
    )
    numeric = {4, 5, 6, 8}
    table: list[tuple[str, ...]] = [headers]
    for row in rows:
        punches = " ".join(moment.strftime("%H:%M") for moment in row.punches)
        if row.corrections:
            signed = " ".join(moment.strftime("%H:%M") for moment in row.corrections)
            punches = f"{punches} 补签{signed}".strip()
        extra = sorted(
            FLAG_WORDS[flag]
            for flag in row.flags
            if flag is not row.status and FLAG_WORDS[flag] != "请假"
        )
        status = row.status_word + (f"（{'、'.join(extra)}）" if extra else "")
        table.append(
            (
                row.staff_no,
                row.name,
                row.unit_name,
                punches or "-",
                f"{row.late_minutes}分" if row.late_minutes else "",
                f"{row.early_minutes}分" if row.early_minutes else "",
                f"{row.absent_half_days / 2:g}天" if row.absent_half_days else "",
                "、".join(SLOT_WORDS[slot] for slot in row.missing),
                f"{row.off_post_minutes}分" if row.off_post_minutes else "",
                LEAVE_WORDS[row.leave_kind] if row.leave_kind else "",
                status,
            )
        )
    widths = [max(_width(line[i]) for line in table) for i in range(len(headers))]
    lines = []
    for line in table:
        cells = [
            _pad(cell, widths[i], right=i in numeric and line is not table[0])
            for i, cell in enumerate(line)
        ]
        lines.append("  ".join(cells).rstrip())
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status_word] = counts.get(row.status_word, 0) + 1
    summary = "，".join(f"{word} {count}" for word, count in counts.items())
    lines.append(f"共 {len(rows)} 人" + (f"：{summary}" if summary else ""))
    return lines


# --- report cases ----------------------------------------------------------------------


def cmd_report_cases(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.domain.timeutil import hall_zone, utcnow
    from hallwatch.services.cases.open_cases import open_cases, parse_moment
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.read() as session:
        hall = find_hall(session, args.hall)
        at = parse_moment(args.at, hall.timezone) if args.at is not None else utcnow()
        rows = open_cases(session, hall.id, at)
    if args.json:
        print(json.dumps([case_json(row) for row in rows], ensure_ascii=False, indent=1), file=out)
        return 0
    local = at.astimezone(hall_zone(hall.timezone))
    print(f"{hall.name} 在办件 截至 {local:%Y-%m-%d %H:%M}", file=out)
    for line in cases_table(rows):
        print(line, file=out)
    return 0


def case_json(row: CaseLine) -> dict[str, Any]:
    """Return one row of `report cases --json` (keys are stable; new ones may be added)."""
    return {
        "case_no": row.case_no,
        "ticket_no": row.ticket_no,
        "unit": row.unit_name,
        "window": row.window_number,
        "staff": row.staff_name,
        "item": row.item_name,
        "accepted_on": row.accepted_on.isoformat(),
        "promised_due": row.promised_due.isoformat(),
        "legal_due": row.legal_due.isoformat(),
        "provisional": row.provisional,
        "light": row.light.value,
        "overdue_days": row.overdue_days,
        "legal_overdue_days": row.legal_overdue_days,
        "promised_days": row.promised_days,
        "legal_days": row.legal_days,
    }


def cases_table(rows: Sequence[CaseLine]) -> list[str]:
    """Return the open cases as aligned lines with Chinese headers and light words."""
    from hallwatch.domain.cases import LIGHT_WORDS

    headers = (
        *("办件编号", "取号", "单位", "窗口", "人员", "事项", "受理日"),
        *("承诺期限", "法定期限", "灯", "超期", "超法定"),
    )
    numeric = {10, 11}
    table: list[tuple[str, ...]] = [headers]
    for row in rows:
        mark = "（待确认）" if row.provisional else ""
        table.append(
            (
                row.case_no,
                row.ticket_no,
                row.unit_name,
                row.window_number,
                row.staff_name,
                row.item_name,
                row.accepted_on.isoformat(),
                row.promised_due.isoformat() + mark,
                row.legal_due.isoformat() + mark,
                LIGHT_WORDS[row.light],
                f"{row.overdue_days}天" if row.overdue_days else "",
                f"{row.legal_overdue_days}天" if row.legal_overdue_days else "",
            )
        )
    widths = [max(_width(line[i]) for line in table) for i in range(len(headers))]
    lines = []
    for line in table:
        cells = [
            _pad(cell, widths[i], right=i in numeric and line is not table[0])
            for i, cell in enumerate(line)
        ]
        lines.append("  ".join(cells).rstrip())
    counts: dict[str, int] = {}
    for row in rows:
        word = LIGHT_WORDS[row.light]
        counts[word] = counts.get(word, 0) + 1
    summary = "，".join(f"{word} {count}" for word, count in counts.items())
    lines.append(f"共 {len(rows)} 件" + (f"：{summary}" if summary else ""))
    return lines


# --- report stats ----------------------------------------------------------------------

_STATS_GROUP_WORDS = {"hall": "大厅", "unit": "单位", "window": "窗口", "staff": "人员"}


def cmd_report_stats(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.calendar import parse_day
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.stats.metrics import case_stats, check_period
    from hallwatch.storage.database import Database

    start = parse_day(args.start, "FROM")
    end = parse_day(args.end, "TO")
    check_period(start, end)
    with Database.open(folder, create=False) as db, db.read() as session:
        hall = find_hall(session, args.hall)
        unit_id = find_unit(session, hall, args.unit) if args.unit else None
        rows = case_stats(session, hall.id, start, end, group_by=args.by, unit_id=unit_id)
    if args.json:
        print(
            json.dumps([stats_json(row, args.by) for row in rows], ensure_ascii=False, indent=1),
            file=out,
        )
        return 0
    scope = f" {args.unit}" if args.unit else ""
    word = _STATS_GROUP_WORDS[args.by]
    print(
        f"{hall.name}{scope} 办件统计 {start.isoformat()} 至 {end.isoformat()}（按{word}）",
        file=out,
    )
    for line in stats_table(rows, args.by):
        print(line, file=out)
    return 0


def _json_number(value: float | None) -> float | None:
    # Rounded, so that float noise (julianday arithmetic) never changes the output.
    return None if value is None else round(value, 6)


def stats_json(row: StatsRow, group_by: str) -> dict[str, Any]:
    """Return one row of `report stats --json` (keys are stable; new ones may be added).

    Rates are fractions (0.95, not 95); a rate or average with nothing to divide is null.
    """
    return {
        "group": group_by,
        "id": str(row.key) if row.key is not None else None,
        "code": row.code,
        "name": row.name,
        "tickets": row.tickets,
        "abandoned": row.abandoned,
        "received": row.received,
        "carried_over": row.carried_over,
        "finished": row.finished,
        "open_at_end": row.open_at_end,
        "finished_with_due": row.finished_with_due,
        "on_time": row.on_time,
        "early": row.early,
        "finished_late": row.finished_late,
        "open_overdue": row.open_overdue,
        "overdue": row.overdue,
        "severe_overdue": row.severe_overdue,
        "rated": row.rated,
        "satisfied": row.satisfied,
        "bad": row.bad,
        "finish_rate": _json_number(row.finish_rate),
        "on_time_rate": _json_number(row.on_time_rate),
        "early_rate": _json_number(row.early_rate),
        "abandon_rate": _json_number(row.abandon_rate),
        "participation_rate": _json_number(row.participation_rate),
        "satisfaction_rate": _json_number(row.satisfaction_rate),
        "bad_rating_rate": _json_number(row.bad_rating_rate),
        "average_days": _json_number(row.average_days),
        "speed_up_rate": _json_number(row.speed_up_rate),
        "average_wait_minutes": _json_number(row.average_wait_minutes),
        "average_service_minutes": _json_number(row.average_service_minutes),
        "pause_minutes": _json_number(row.pause_minutes),
    }


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _decimal(value: float | None, places: int) -> str:
    return "—" if value is None else f"{value:.{places}f}"


def stats_table(rows: Sequence[StatsRow], group_by: str) -> list[str]:
    """Return the statistics as aligned lines with Chinese headers; "—" for no value."""
    headers = (
        *(_STATS_GROUP_WORDS[group_by], "名称", "取号", "弃号率", "受理", "结转", "办结"),
        *("办结率", "按时办结率", "提前办结率", "超期件", "平均办结天数", "提速率"),
        *("平均等候(分)", "平均办理(分)", "暂停(分)", "评价", "参评率", "满意率", "差评率"),
    )
    table: list[tuple[str, ...]] = [headers]
    for row in rows:
        table.append(
            (
                row.code if row.key is not None else "—",
                row.name if row.key is not None else "（未分配）",
                str(row.tickets),
                _percent(row.abandon_rate),
                str(row.received),
                str(row.carried_over),
                str(row.finished),
                _percent(row.finish_rate),
                _percent(row.on_time_rate),
                _percent(row.early_rate),
                str(row.overdue),
                _decimal(row.average_days, 2),
                _percent(row.speed_up_rate),
                _decimal(row.average_wait_minutes, 1),
                _decimal(row.average_service_minutes, 1),
                _decimal(row.pause_minutes, 0),
                str(row.rated),
                _percent(row.participation_rate),
                _percent(row.satisfaction_rate),
                _percent(row.bad_rating_rate),
            )
        )
    widths = [max(_width(line[i]) for line in table) for i in range(len(headers))]
    lines = []
    for line in table:
        cells = [
            _pad(cell, widths[i], right=i >= 2 and line is not table[0])
            for i, cell in enumerate(line)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.append(
        f"共 {len(rows)} 行：取号 {sum(row.tickets for row in rows)}，"
        f"受理 {sum(row.received for row in rows)}，办结 {sum(row.finished for row in rows)}，"
        f"超期件 {sum(row.overdue for row in rows)}"
    )
    return lines
