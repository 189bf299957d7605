"""`hallwatch rules|holiday|leave|mapping`: the settings scripts and support staff need.

Each command calls the service the settings screens call, so a value the screen
refuses is refused here with the same message, and nothing is half-saved.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from hallwatch.services.hall.halls import HallInfo
    from hallwatch.storage.folder import DataFolder

OFFSET_KEY = "device_offset."
WEEKDAYS = "一二三四五六日"


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add this module's commands to the `hallwatch` parser."""
    _register_rules(commands)
    _register_holiday(commands)
    _register_leave(commands)
    _register_mapping(commands)


def _hall_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--hall", metavar="CODE", help="the hall (needed when there are several)")


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="stable JSON output for scripts")


# --- rules ------------------------------------------------------------------------------


def _register_rules(commands: argparse._SubParsersAction[Any]) -> None:
    rules = commands.add_parser("rules", help="the hall's thresholds (规则设置)")
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION")
    actions.required = True
    show = actions.add_parser("show", help="every rule with its value and allowed range")
    _hall_option(show)
    _json_option(show)
    show.set_defaults(handler=cmd_rules_show)
    change = actions.add_parser(
        "set",
        help="change one rule",
        description=(
            "Change one rule, e.g. 'rules set half_day_minutes 30'. A punch device's clock "
            "offset (seconds to add to its times) is 'rules set device_offset.SERIAL 180'; "
            "'rules set device_offset.SERIAL none' removes it. 'rules show' lists the keys."
        ),
    )
    change.add_argument("key", metavar="KEY")
    change.add_argument("value", metavar="VALUE")
    _hall_option(change)
    change.set_defaults(handler=cmd_rules_set)


def _whole(text: str, what: str, hint: str) -> int:
    from hallwatch.domain.errors import InputError

    try:
        return int(text.strip())
    except ValueError:
        raise InputError(f"{what} {text!r} is not a whole number", hint) from None


def cmd_rules_show(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.setup import entities as setup
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.read() as session:
        hall = find_hall(session, args.hall)
        rules = setup.get_rules(session, hall.id)
    limits = setup.rule_limits()
    values = rules.as_settings()
    if args.json:
        data = {
            "rules": {
                name: {"value": values[name], "min": limits[name][0], "max": limits[name][1]}
                for name in setup.RULE_FIELDS
            },
            "device_offsets": dict(sorted(rules.device_offsets.items())),
        }
        print(json.dumps(data, ensure_ascii=False, sort_keys=True), file=out)
        return 0
    width = max(len(name) for name in setup.RULE_FIELDS)
    for name in setup.RULE_FIELDS:
        low, high = limits[name]
        print(f"{name:<{width}}  {values[name]:>5}   ({low}–{high})", file=out)
    if not rules.device_offsets:
        print(
            f"no device clock offsets (set one with 'rules set {OFFSET_KEY}SERIAL SECONDS')",
            file=out,
        )
    for serial, seconds in sorted(rules.device_offsets.items()):
        print(f"{OFFSET_KEY}{serial}  {seconds:+d} s", file=out)
    return 0


def cmd_rules_set(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.domain.errors import FieldError
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.setup import entities as setup
    from hallwatch.storage.database import Database

    key = args.key.strip()
    with Database.open(folder, create=False) as db, db.write("settings.rules") as session:
        hall = find_hall(session, args.hall)
        rules = setup.get_rules(session, hall.id)
        offsets = dict(rules.device_offsets)
        values: dict[str, int] = {}
        if key.startswith(OFFSET_KEY):
            serial = key[len(OFFSET_KEY) :]
            if args.value.strip().lower() in ("none", "-", ""):
                if serial not in offsets:
                    print(f"device {serial} has no clock offset: unchanged", file=out)
                    return 0
                del offsets[serial]
            else:
                offsets[serial] = _whole(
                    args.value,
                    key,
                    f"give seconds between -{setup.OFFSET_LIMIT} and "
                    f"{setup.OFFSET_LIMIT}, or none to remove it",
                )
            before = rules.device_offsets.get(serial)
        elif key in setup.RULE_FIELDS:
            low, high = setup.rule_limits()[key]
            values[key] = _whole(args.value, key, f"give a whole number {low}–{high}")
            before = getattr(rules, key)
        else:
            raise FieldError(
                "key",
                f"{key!r} is not a rule",
                f"use one of {', '.join(setup.RULE_FIELDS)} or {OFFSET_KEY}SERIAL",
                code="invalid",
            )
        changed = setup.save_hall_rules(session, hall.id, values, sorted(offsets.items()))
    after = values.get(key, offsets.get(key[len(OFFSET_KEY) :]))
    if not changed:
        print(f"{key} is already {before}: unchanged", file=out)
    else:
        shown = "removed" if after is None else after
        print(f"{key}: {'-' if before is None else before} → {shown}", file=out)
    return 0


# --- holidays ---------------------------------------------------------------------------


def _register_holiday(commands: argparse._SubParsersAction[Any]) -> None:
    holiday = commands.add_parser("holiday", help="the hall's holiday table (节假日)")
    actions = holiday.add_subparsers(dest="holiday_command", metavar="ACTION")
    actions.required = True
    add = actions.add_parser(
        "add",
        help="add a day off (a hall closure) or, with --workday, an extra working day",
    )
    add.add_argument("day", metavar="DATE", help="YYYY-MM-DD")
    add.add_argument("--workday", action="store_true", help="a working day, not a day off")
    add.add_argument("--name", default="", help="e.g. 系统升级闭厅")
    add.add_argument("--source", default="", help="the decision or notice it comes from")
    add.add_argument(
        "--national",
        action="store_true",
        help="a day of the State Council's calendar (default: this hall's own decision)",
    )
    _hall_option(add)
    add.set_defaults(handler=cmd_holiday_add)
    remove = actions.add_parser("remove", help="remove a day's entry from the table")
    remove.add_argument("day", metavar="DATE", help="YYYY-MM-DD")
    _hall_option(remove)
    remove.set_defaults(handler=cmd_holiday_remove)
    listing = actions.add_parser("list", help="the table's entries (of one year)")
    listing.add_argument("--year", metavar="Y")
    _hall_option(listing)
    _json_option(listing)
    listing.set_defaults(handler=cmd_holiday_list)
    notice = actions.add_parser(
        "import-notice",
        help="read the State Council's holiday notice from a text file and save its days",
        description=(
            "Read the notice (国务院办公厅关于YYYY年部分节假日安排的通知) as text, show the days "
            "off and make-up working days it gives, and save them when you confirm (or with "
            "--yes). Deadlines the change moves are recomputed; each case's history says so."
        ),
    )
    notice.add_argument("file", metavar="FILE", help="the notice as text (UTF-8 or GB18030)")
    notice.add_argument("--year", metavar="Y", help="the year (default: from the title)")
    notice.add_argument("--yes", action="store_true", help="save without asking")
    _hall_option(notice)
    notice.set_defaults(handler=cmd_holiday_import_notice)


def _year(text: str | None) -> int | None:
    from hallwatch.domain.errors import InputError

    if text is None:
        return None
    year = _whole(text, "--year", "e.g. 2027")
    if not 1990 <= year <= 2100:
        raise InputError(f"--year {year} is out of range", "give a year 1990–2100")
    return year


def _day_line(day: date, is_workday: bool, name: str) -> str:
    kind = "上班" if is_workday else "放假"
    return f"{day.isoformat()} 周{WEEKDAYS[day.weekday()]}  {kind}  {name}"


def cmd_holiday_add(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.calendar import parse_day
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.setup import entities as setup
    from hallwatch.storage.database import Database

    day = parse_day(args.day, "DATE")
    draft = setup.HolidayDraft(day, args.workday, args.name, args.source, args.national)
    with Database.open(folder, create=False) as db, db.write("settings.holidays") as session:
        hall = find_hall(session, args.hall)
        row = setup.create_holiday(session, hall.id, draft)
    print(f"added {_day_line(row.day, row.is_workday, row.name)}".rstrip(), file=out)
    return 0


def _entry(session: Session, hall: HallInfo, day: date) -> Any:
    from hallwatch.domain.errors import NotFoundError
    from hallwatch.services.setup import entities as setup

    for row in setup.list_holidays(session, hall.id, day.year):
        if row.day == day:
            return row
    raise NotFoundError(
        f"the holiday table has no entry for {day.isoformat()}",
        f"see 'hallwatch holiday list --year {day.year}'",
    )


def cmd_holiday_remove(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.calendar import parse_day
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.setup import entities as setup
    from hallwatch.storage.database import Database

    day = parse_day(args.day, "DATE")
    with Database.open(folder, create=False) as db, db.write("settings.holidays") as session:
        hall = find_hall(session, args.hall)
        row = setup.remove_holiday(session, hall.id, _entry(session, hall, day).id)
    print(f"removed {_day_line(row.day, row.is_workday, row.name)}".rstrip(), file=out)
    return 0


def cmd_holiday_list(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.setup import entities as setup
    from hallwatch.storage.database import Database

    year = _year(args.year)
    with Database.open(folder, create=False) as db, db.read() as session:
        hall = find_hall(session, args.hall)
        rows = setup.list_holidays(session, hall.id, year)
    if args.json:
        data = [
            {
                "day": r.day.isoformat(),
                "is_workday": r.is_workday,
                "name": r.name,
                "source": r.source,
                "national": r.national,
            }
            for r in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=1), file=out)
        return 0
    if not rows:
        print(f"no entries{f' in {year}' if year else ''}", file=out)
    for r in rows:
        scope = "国家" if r.national else "本大厅"
        print(f"{_day_line(r.day, r.is_workday, r.name)}  [{scope}] {r.source}".rstrip(), file=out)
    return 0


def read_text_file(path: Path) -> str:
    """Read a text file a Chinese office may have saved (UTF-8, with a BOM, or GB18030)."""
    from hallwatch.domain.errors import InputError

    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            f"cannot read {path}: {error.strerror}", "check the file's name and folder"
        ) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path} is not a text file", "save the notice as plain text (.txt)")


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    print(question, end=" ", file=sys.stderr, flush=True)
    try:
        answer = sys.stdin.readline()
    except (EOFError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes", "是")


def cmd_holiday_import_notice(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.setup.holiday_notice import (
        CHANGED,
        KEPT,
        NEW,
        import_notice,
        preview_notice,
    )
    from hallwatch.storage.database import Database

    path = Path(args.file)
    text = read_text_file(path)
    year = _year(args.year)
    words = {NEW: "new", CHANGED: "changed", KEPT: "kept: the hall's own entry stays"}
    with Database.open(folder, create=False) as db:
        with db.read() as session:
            hall = find_hall(session, args.hall)
            preview = preview_notice(session, hall.id, text, year)
        print(
            f"{preview.source}: {preview.holidays} days off, {preview.workdays} make-up "
            "working days",
            file=out,
        )
        for line in preview.lines:
            note = f"  ({words[line.change]})" if line.change in words else ""
            print(f"  {_day_line(line.day, line.is_workday, line.name)}{note}", file=out)
        for day in preview.removed:
            print(f"  {day.isoformat()}  (removed: the notice does not list it)", file=out)
        if not args.yes:
            out.flush()
            if not _confirm(f"save these days into the holiday table of {hall.name}? [y/N]"):
                print("nothing saved; run again with --yes to save", file=out)
                return 0
        with db.write("settings.holidays") as session:
            result = import_notice(session, hall.id, text, year)
    kept_days = ", ".join(d.isoformat() for d in result.kept_hall_days)
    kept = f"; kept the hall's own entries for {kept_days}" if kept_days else ""
    print(
        f"saved {result.year}: {result.added} added, {result.updated} corrected, "
        f"{result.unchanged} already there, {result.removed} removed{kept}; "
        f"due dates of {result.cases_changed} cases recomputed",
        file=out,
    )
    return 0


# --- leave ------------------------------------------------------------------------------


def _register_leave(commands: argparse._SubParsersAction[Any]) -> None:
    leave = commands.add_parser("leave", help="approved leave (请假 / 公出)")
    actions = leave.add_subparsers(dest="leave_command", metavar="ACTION")
    actions.required = True
    add = actions.add_parser(
        "add",
        help="record an approved leave; prints its id",
        description=(
            "Record an approved leave. --from and --to are the hall's local time "
            "(YYYY-MM-DDTHH:MM); a date alone means the start of that day for --from and "
            "its end for --to."
        ),
    )
    add.add_argument("--staff", metavar="NO", required=True, help="the staff number (工号)")
    add.add_argument(
        "--kind", required=True, help="公假, 事假, 病假, 临时外出, 休假 (or official, personal …)"
    )
    add.add_argument("--from", dest="start", metavar="DATETIME", required=True)
    add.add_argument("--to", dest="end", metavar="DATETIME", required=True)
    add.add_argument("--reason", metavar="TEXT", default="")
    add.add_argument(
        "--approved-by", metavar="NAME", help="who approved it (default: the user running this)"
    )
    _hall_option(add)
    add.set_defaults(handler=cmd_leave_add)


def _leave_kind(text: str) -> Any:
    from hallwatch.domain.attendance import LEAVE_WORDS
    from hallwatch.domain.errors import FieldError

    wanted = text.strip()
    for kind, word in LEAVE_WORDS.items():
        if wanted in (word, kind.value):
            return kind
    choices = ", ".join(f"{word} ({kind.value})" for kind, word in LEAVE_WORDS.items())
    raise FieldError(
        "kind", f"--kind {wanted!r} is not a kind of leave", f"choose {choices}", code="invalid"
    )


def _moment(text: str, zone: str, option: str, end: bool) -> datetime:
    from hallwatch.domain.timeutil import hall_zone
    from hallwatch.services.cases.open_cases import parse_moment

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        moment = parse_moment(text, zone, option)
    else:
        # A date alone: the whole day.
        moment = parse_moment((day + timedelta(days=1 if end else 0)).isoformat(), zone, option)
    # In the hall's zone, so that messages about it read as the hall's clock.
    return moment.astimezone(hall_zone(zone))


def _staff_id(session: Session, hall: HallInfo, number: str) -> Any:
    from sqlalchemy import select

    from hallwatch.domain.errors import FieldError
    from hallwatch.storage.models import Staff

    wanted = number.strip()
    if not wanted:
        raise FieldError("staff", "--staff is empty", "give the 工号", code="required")
    found = session.scalar(
        select(Staff.id).where(
            Staff.hall_id == hall.id, Staff.staff_no == wanted, Staff.deleted.is_(False)
        )
    )
    if found is None:
        raise FieldError(
            "staff",
            f"--staff {wanted} is not a staff member of {hall.name}",
            "give the 工号 as on the roster",
            code="missing",
            params=(wanted,),
        )
    return found


def cmd_leave_add(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.attendance.sheets import add_leave
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.storage.database import Database

    kind = _leave_kind(args.kind)
    with Database.open(folder, create=False) as db, db.write("attendance.leave") as session:
        hall = find_hall(session, args.hall)
        staff_id = _staff_id(session, hall, args.staff)
        starts_at = _moment(args.start, hall.timezone, "--from", end=False)
        ends_at = _moment(args.end, hall.timezone, "--to", end=True)
        approver = args.approved_by if args.approved_by is not None else db.user
        leave_id = add_leave(
            session, hall.id, staff_id, kind, starts_at, ends_at, args.reason, approver
        )
    print(leave_id, file=out)
    return 0


# --- column mappings and rating scales -------------------------------------------------


def _register_mapping(commands: argparse._SubParsersAction[Any]) -> None:
    mapping = commands.add_parser(
        "mapping", help="saved column mappings and rating scales of import sources"
    )
    actions = mapping.add_subparsers(dest="mapping_command", metavar="ACTION")
    actions.required = True
    listing = actions.add_parser("list", help="the saved mappings and rating scales")
    _hall_option(listing)
    _json_option(listing)
    listing.set_defaults(handler=cmd_mapping_list)
    show = actions.add_parser("show", help="one source's columns, state words and rating scale")
    show.add_argument("name", metavar="NAME")
    _hall_option(show)
    _json_option(show)
    show.set_defaults(handler=cmd_mapping_show)
    save = actions.add_parser(
        "save",
        help="save (or replace) a source's mapping and rating scale",
        description=(
            "Save the columns of a source's export ('--column staff_no=考勤号码'; an empty "
            "header means the file has no such column), its own state words or numeric "
            "state codes ('--state 4=abandoned'), and its rating scale ('--rating 3=5'). "
            "'hallwatch import KIND FILE --mapping NAME' then uses them."
        ),
    )
    save.add_argument("name", metavar="NAME", help="the source's name, e.g. 叫号系统")
    save.add_argument("--kind", required=True, help="punches, roster, queue or cases")
    save.add_argument("--column", metavar="FIELD=HEADER", nargs="+", default=[])
    save.add_argument("--state", metavar="WORD=STATUS", nargs="+", default=[])
    save.add_argument("--rating", metavar="RAW=LEVEL", nargs="+", default=[])
    _hall_option(save)
    save.set_defaults(handler=cmd_mapping_save)


def _pairs(option: str, items: list[str]) -> dict[str, str]:
    from hallwatch.domain.errors import InputError

    pairs: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"{option} {item!r} is not KEY=VALUE", f"write it as {option} A=B")
        if key.strip() in pairs:
            raise InputError(f"{option} names {key.strip()!r} twice", "give it once")
        pairs[key.strip()] = value.strip()
    return pairs


def _mapping_kind(text: str) -> str:
    from hallwatch.domain.errors import InputError
    from hallwatch.services.imports.mapping import FIELDS, mapping_kind

    kind = text.strip().lower()
    if kind != "attlog" and kind not in FIELDS:
        raise InputError(f"--kind {text!r} is not an import kind", f"use {', '.join(FIELDS)}")
    return mapping_kind(kind)


def cmd_mapping_save(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.domain.errors import InputError
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.imports.mapping import ColumnMapping, save_mapping
    from hallwatch.services.imports.ratings import save_rating_scale
    from hallwatch.storage.database import Database

    kind = _mapping_kind(args.kind)
    columns = _pairs("--column", args.column)
    states = _pairs("--state", args.state)
    ratings: dict[str, int] = {}
    for raw, level in _pairs("--rating", args.rating).items():
        ratings[raw] = _whole(
            level, f"--rating {raw}=", "give a level 1 (非常不满意) to 5 (非常满意)"
        )
    if not (columns or states or ratings):
        raise InputError(
            "nothing to save",
            "give --column FIELD=HEADER, --state WORD=STATUS or --rating RAW=LEVEL",
        )
    with Database.open(folder, create=False) as db, db.write("settings.mapping") as session:
        hall = find_hall(session, args.hall)
        saved = save_mapping(
            session, hall.id, ColumnMapping(kind, columns, args.name, states=states)
        )
        scale = save_rating_scale(session, hall.id, saved.name, ratings) if ratings else None
    parts = [f"{len(saved.fields)} columns"]
    if saved.states:
        parts.append(f"{len(saved.states)} state words")
    if scale is not None:
        parts.append(f"rating scale {scale.describe()}")
    print(f"saved {kind} mapping {saved.name!r}: {', '.join(parts)}", file=out)
    return 0


def cmd_mapping_list(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.imports.mapping import list_mappings, load_mapping
    from hallwatch.services.imports.ratings import list_rating_scales
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.read() as session:
        hall = find_hall(session, args.hall)
        mappings = [
            load_mapping(session, hall.id, name) for name in list_mappings(session, hall.id)
        ]
        scales = set(list_rating_scales(session, hall.id))
    names = sorted({m.name for m in mappings} | scales)
    kinds = {m.name: m.kind for m in mappings}
    if args.json:
        data = [
            {"name": name, "kind": kinds.get(name), "rating_scale": name in scales}
            for name in names
        ]
        print(json.dumps(data, ensure_ascii=False, indent=1), file=out)
        return 0
    if not names:
        print("no mapping or rating scale saved yet", file=out)
    for name in names:
        what = [
            f"{kinds[name]} columns" if name in kinds else "",
            "rating scale" if name in scales else "",
        ]
        print(f"{name}  ({', '.join(w for w in what if w)})", file=out)
    return 0


def cmd_mapping_show(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.domain.errors import NotFoundError
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.imports.mapping import list_mappings, load_mapping
    from hallwatch.services.imports.ratings import load_rating_scale
    from hallwatch.storage.database import Database

    name = args.name.strip()
    with Database.open(folder, create=False) as db, db.read() as session:
        hall = find_hall(session, args.hall)
        scale = load_rating_scale(session, hall.id, name)
        mapping = None
        if name in list_mappings(session, hall.id) or not scale.saved:
            mapping = load_mapping(session, hall.id, name)  # says which ones there are
    if mapping is None and not scale.saved:
        raise NotFoundError(f"nothing saved for {name!r}", "see 'hallwatch mapping list'")
    if args.json:
        data = {
            "name": name,
            "kind": mapping.kind if mapping else None,
            "columns": dict(mapping.fields) if mapping else {},
            "states": dict(mapping.states) if mapping else {},
            "rating_scale": dict(scale.levels) if scale.saved else None,
        }
        print(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1), file=out)
        return 0
    if mapping is not None:
        print(f"{name}: {mapping.kind} import", file=out)
        for field, header in sorted(mapping.fields.items()):
            print(f"  column {field} = {header or '(none in the file)'}", file=out)
        for word, status in sorted(mapping.states.items()):
            print(f"  state  {word} = {status}", file=out)
    if scale.saved:
        print(f"  rating scale: {scale.describe()}", file=out)
    return 0
