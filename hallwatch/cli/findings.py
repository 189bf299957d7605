"""`hallwatch finding add` and `hallwatch checklist` commands."""

from __future__ import annotations

import argparse
import json
import uuid
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from hallwatch.domain.checklist import Checklist
    from hallwatch.storage.folder import DataFolder


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add this module's commands to the `hallwatch` parser."""
    finding = commands.add_parser("finding", help="spot-check findings (检查发现问题)")
    findings = finding.add_subparsers(dest="finding_command", metavar="ACTION")
    findings.required = True
    add = findings.add_parser(
        "add",
        help="record a finding at a window; prints its id",
        description=(
            "Record a finding at a window now. The staff member is proposed from the board "
            "(whoever serves at the window) unless --staff names one. Without --check the "
            "finding joins your open spot check in the hall, if you have one."
        ),
    )
    add.add_argument("--window", metavar="NO", required=True, help="the window's number, e.g. A01")
    add.add_argument(
        "--category",
        metavar="CODE|LABEL",
        required=True,
        help="the checklist item's code (presence.empty) or its label, whole or its unique "
        "beginning (空岗); see 'hallwatch checklist'",
    )
    add.add_argument("--note", metavar="TEXT", default="", help="what was seen")
    add.add_argument("--staff", metavar="NO", help="the staff member's number (工号)")
    add.add_argument("--severity", metavar="N", help="1 一般, 2 较重, 3 严重 (default: the item's)")
    add.add_argument("--check", metavar="ID", help="the spot check it belongs to")
    add.add_argument("--hall", metavar="CODE", help="the hall (needed when there are several)")
    add.set_defaults(handler=cmd_finding_add)

    checklist = commands.add_parser("checklist", help="the hall's spot-check checklist")
    checklist.add_argument("--all", action="store_true", help="also the items no longer in use")
    checklist.add_argument(
        "--hall", metavar="CODE", help="the hall (needed when there are several)"
    )
    checklist.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    checklist.set_defaults(handler=cmd_checklist)


def _severity(text: str | None) -> int | None:
    from hallwatch.domain.errors import FieldError

    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise FieldError(
            "severity", f"--severity {text!r} is not a number", "give 1, 2 or 3", code="invalid"
        ) from None


def _check_id(text: str | None) -> uuid.UUID | None:
    from hallwatch.domain.errors import FieldError

    if text is None:
        return None
    if not text.strip():
        raise FieldError(
            "spot_check_id",
            "--check is empty",
            "give the id the spot check was started with, or leave --check out",
            code="required",
        )
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise FieldError(
            "spot_check_id",
            f"--check {text!r} is not a spot-check id",
            "give the id the spot check was started with",
            code="invalid",
        ) from None


# Candidates named when a label's beginning fits several items.
SHOWN_CANDIDATES = 8


def resolve_category(checklist: Checklist, text: str) -> str:
    """Return the code of the item named by its code, label or a unique start of its label.

    An unknown text is returned as given, so that adding the finding refuses it with
    the checklist's own message.
    """
    import unicodedata

    from hallwatch.domain.errors import FieldError

    wanted = text.strip()
    if not wanted:
        raise FieldError(
            "category",
            "--category is empty",
            "give the checklist item's code or label (see 'hallwatch checklist')",
            code="required",
        )
    if checklist.item(wanted) is not None:
        return wanted

    def fold(label: str) -> str:
        return unicodedata.normalize("NFKC", label).casefold().replace(" ", "")

    key = fold(wanted)
    exact = [item for item in checklist.items if fold(item.label) == key]
    if exact:
        # Labels are unique among the items in use; a retired item may share one.
        active = [item for item in exact if item.active]
        return (active or exact)[0].code
    starting = [item for item in checklist.active_items() if fold(item.label).startswith(key)]
    if len(starting) == 1:
        return starting[0].code
    if len(starting) > 1:
        shown = "; ".join(f"{item.label} ({item.code})" for item in starting[:SHOWN_CANDIDATES])
        more = len(starting) - SHOWN_CANDIDATES
        raise FieldError(
            "category",
            f"--category {wanted!r} fits {len(starting)} items: {shown}"
            + (f" and {more} more" if more > 0 else ""),
            "give more of the label, or the code",
            code="ambiguous_category",
            params=(wanted, len(starting)),
        )
    return wanted


def cmd_finding_add(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.checks.checklist import load_checklist
    from hallwatch.services.checks.spot_checks import add_finding, current_spot_check
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.storage.database import Database

    severity = _severity(args.severity)
    check_id = _check_id(args.check)
    with Database.open(folder, create=False) as db, db.write("finding.add") as session:
        hall = find_hall(session, args.hall)
        category = resolve_category(load_checklist(session, hall.id), args.category)
        if check_id is None:
            current = current_spot_check(session, hall.id, db.user)
            check_id = current.id if current is not None else None
        row = add_finding(
            session,
            hall.id,
            window_no=args.window,
            category=category,
            description=args.note,
            severity=severity,
            staff_no=args.staff,
            spot_check_id=check_id,
        )
    print(row.id, file=out)
    return 0


def checklist_json(checklist: Checklist, include_inactive: bool) -> list[dict[str, Any]]:
    """Return the checklist as `checklist --json` prints it (keys are stable)."""
    from hallwatch.domain.checklist import CATEGORY_LABELS

    return [
        {**item.as_json(), "category_label": CATEGORY_LABELS[item.category]}
        for _category, items in checklist.by_category(include_inactive)
        for item in items
    ]


def cmd_checklist(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.domain.checklist import CATEGORY_LABELS, SEVERITY_LABELS
    from hallwatch.services.checks.checklist import load_checklist
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.read() as session:
        hall = find_hall(session, args.hall)
        checklist = load_checklist(session, hall.id)
    if args.json:
        print(
            json.dumps(checklist_json(checklist, args.all), ensure_ascii=False, indent=1), file=out
        )
        return 0
    print(f"{hall.name} 检查清单", file=out)
    for category, items in checklist.by_category(args.all):
        print(f"{CATEGORY_LABELS[category]} ({category})", file=out)
        for item in items:
            flags = [SEVERITY_LABELS[item.severity]]
            if item.rectify:
                flags.append("限期整改")
            if not item.active:
                flags.append("停用")
            print(f"  {item.code:<30} {item.label}  [{'，'.join(flags)}]", file=out)
    return 0
