"""`hallwatch letter draft|issue|render|list|deliver|revoke` (DESIGN §9)."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from hallwatch.storage.folder import DataFolder

_KINDS = ("warning", "supervision", "rectification")
_STATUSES = ("draft", "issued", "delivered", "acknowledged", "rectified", "revoked")


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add this module's commands to the `hallwatch` parser."""
    register_printers(commands)
    letter = commands.add_parser("letter", help="warning letters and notices (公文)")
    actions = letter.add_subparsers(dest="letter_command", metavar="ACTION")
    actions.required = True

    draft = actions.add_parser(
        "draft",
        help="draft a letter from findings, a suggestion or a complaint; prints its id",
        description=(
            "Draft a letter from one or more findings (of one person for a warning letter), "
            "from a confirmed suggestion, or from an accepted complaint. The wording comes "
            "from the hall's template; every field stays editable until the letter is issued."
        ),
    )
    source = draft.add_mutually_exclusive_group(required=True)
    source.add_argument("--finding", metavar="ID", nargs="+", help="the findings' ids")
    source.add_argument("--suggestion", metavar="ID", help="a confirmed suggestion's id")
    source.add_argument("--complaint", metavar="ID", help="an accepted complaint's id")
    draft.add_argument(
        "--kind",
        choices=_KINDS,
        help="warning 效能告诫书 (default, complaint: supervision), supervision 督办通知书, "
        "rectification 整改通知书",
    )
    draft.add_argument("--hall", metavar="CODE", help="the hall (needed when there are several)")
    draft.set_defaults(handler=cmd_letter_draft)

    issue = actions.add_parser("issue", help="number the draft and freeze its PDF; prints the 文号")
    issue.add_argument("letter", metavar="ID", help="the draft's id (or a unique prefix)")
    issue.set_defaults(handler=cmd_letter_issue)

    render = actions.add_parser(
        "render",
        help="write a letter's PDF: the frozen one once issued, a 草稿 copy of a draft",
    )
    render.add_argument("letter", metavar="ID", help="the letter's id, id prefix or 文号")
    render.add_argument("--out", metavar="FILE.pdf", required=True, type=Path)
    render.set_defaults(handler=cmd_letter_render)

    printing = actions.add_parser(
        "print",
        help="print a letter's frozen PDF on a system printer, without a dialog",
        description=(
            "Print an issued letter (its frozen PDF, A4 at 100 %) through the app's print "
            "path on a printer of the system (CUPS on Linux): the default one unless "
            "--printer names another ('hallwatch printers' lists them). A draft is printed "
            "only with --draft, then with the 草稿 mark."
        ),
    )
    printing.add_argument("letter", metavar="ID", help="the letter's id, id prefix or 文号")
    printing.add_argument("--printer", metavar="NAME", help="the printer (default: the system's)")
    printing.add_argument("--copies", metavar="N", default="1", help="copies (1–99, default 1)")
    printing.add_argument("--draft", action="store_true", help="allow printing a draft (草稿)")
    printing.set_defaults(handler=cmd_letter_print)

    listing = actions.add_parser("list", help="the hall's letters and where each stands")
    listing.add_argument("--kind", choices=_KINDS)
    listing.add_argument("--status", choices=_STATUSES)
    listing.add_argument("--overdue", action="store_true", help="only the overdue ones")
    listing.add_argument("--hall", metavar="CODE", help="the hall (needed when there are several)")
    listing.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    listing.set_defaults(handler=cmd_letter_list)

    register = actions.add_parser(
        "register",
        help="the number register (文号登记簿): every number taken and the letter holding it",
        description=(
            "Per series (机关代字) and year: the blocks numbers come from, how many letters "
            "hold a number (revoked ones keep theirs), and any number taken that no letter "
            "holds. Exits 1 when there is such a gap."
        ),
    )
    register.add_argument("--hall", metavar="CODE", help="the hall (needed when there are several)")
    register.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    register.set_defaults(handler=cmd_letter_register)

    deliver = actions.add_parser("deliver", help="record the delivery of an issued letter")
    deliver.add_argument("letter", metavar="ID")
    deliver.add_argument("--method", default="直接送达", help="直接送达, 邮寄送达, 电子送达 …")
    deliver.add_argument("--to", metavar="NAME", required=True, help="who signed for it")
    deliver.set_defaults(handler=cmd_letter_deliver)

    answer = actions.add_parser(
        "acknowledge", help="record the recipient's signed receipt or written answer (签收回复)"
    )
    answer.add_argument("letter", metavar="ID")
    answer.add_argument("--note", default="", help="the answer, in short")
    answer.set_defaults(handler=cmd_letter_acknowledge)

    rectify = actions.add_parser(
        "rectify",
        help="close a 整改通知书 with the re-inspection's photos (复查销号)",
        description=(
            "Close a rectification notice after a re-inspection: give the ids of photos "
            "taken after it was issued ('hallwatch snapshot … --finding ID' prints them)."
        ),
    )
    rectify.add_argument("letter", metavar="ID")
    rectify.add_argument("--photo", metavar="SNAPSHOT_ID", nargs="+", required=True)
    rectify.add_argument("--note", default="", help="what the re-inspection found")
    rectify.set_defaults(handler=cmd_letter_rectify)

    revoke = actions.add_parser("revoke", help="revoke an issued letter (its number stays)")
    revoke.add_argument("letter", metavar="ID")
    revoke.add_argument("--reason", required=True, help="why it is revoked")
    revoke.set_defaults(handler=cmd_letter_revoke)


def register_printers(commands: argparse._SubParsersAction[Any]) -> None:
    """Add `hallwatch printers`."""
    printers = commands.add_parser("printers", help="the printers the system offers")
    printers.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    printers.set_defaults(handler=cmd_printers)


def _uuid(option: str, text: str) -> uuid.UUID:
    from hallwatch.domain.errors import FieldError

    if not text.strip():
        raise FieldError(
            option.lstrip("-"),
            f"{option} is empty",
            "give the full id that the record was created with",
            code="required",
        )
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise FieldError(
            option.lstrip("-"),
            f"{option} {text!r} is not an id",
            "give the full id that the record was created with",
            code="invalid",
        ) from None


def cmd_letter_draft(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.letters import lifecycle as letters
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.write("letter.draft") as session:
        if args.finding is not None:
            ids = [_uuid("--finding", text) for text in args.finding]
            hall = find_hall(session, args.hall)
            letter_id = letters.draft_from_findings(session, hall.id, ids, args.kind or "warning")
        elif args.suggestion is not None:
            letter_id = letters.draft_from_suggestion(
                session, _uuid("--suggestion", args.suggestion), args.kind or "warning"
            )
        else:
            letter_id = letters.draft_from_complaint(
                session, _uuid("--complaint", args.complaint), args.kind or "supervision"
            )
    print(letter_id, file=out)
    return 0


def cmd_letter_issue(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.letters import lifecycle as letters
    from hallwatch.storage.blobs import BlobStore
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.write("letter.issue") as session:
        letter_id = letters.find_letter_id(session, args.letter)
        row = letters.issue_letter(session, letter_id, BlobStore(folder.blobs_dir))
    print(row.doc_no, file=out)
    return 0


def cmd_letter_render(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.domain.errors import InputError
    from hallwatch.services.letters import lifecycle as letters
    from hallwatch.storage.blobs import BlobStore
    from hallwatch.storage.database import Database

    target: Path = args.out
    if target.suffix.lower() != ".pdf":
        raise InputError(f"--out {target} does not end in .pdf", "name a .pdf file")
    with Database.open(folder, create=False) as db, db.read() as session:
        letter_id = letters.find_letter_id(session, args.letter)
        data = letters.letter_pdf(session, letter_id, BlobStore(folder.blobs_dir))
        detail = letters.get_letter(session, letter_id)
    if detail.revoked_at is not None:
        print(
            f"hallwatch: note: {detail.row.doc_no} was revoked ({detail.revoked_reason}); "
            "this is its file copy, not a letter in force",
            file=sys.stderr,
        )
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InputError(
            f"cannot write {target}: {error.strerror}", "choose a folder you can write to"
        ) from None
    print(target, file=out)
    return 0


def cmd_letter_list(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.domain.enums import LetterKind, LetterStatus
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.letters import lifecycle as letters
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.read() as session:
        hall = find_hall(session, args.hall)
        rows = letters.list_letters(
            session,
            hall.id,
            kind=LetterKind(args.kind) if args.kind else None,
            status=LetterStatus(args.status) if args.status else None,
            overdue_only=args.overdue,
        )
    if args.json:
        data = [
            {
                "id": str(r.id),
                "kind": r.kind.value,
                "status": r.status.value,
                "doc_no": r.doc_no,
                "title": r.title,
                "addressee": r.addressee,
                "recipient": r.recipient,
                "created_at": r.created_at.isoformat(),
                "issued_at": r.issued_at.isoformat() if r.issued_at else None,
                "deadline": r.deadline.isoformat() if r.deadline else None,
                "overdue_days": r.overdue_days,
            }
            for r in rows
        ]
        print(json.dumps(data, ensure_ascii=False, indent=1), file=out)
        return 0
    if not rows:
        print("no letters", file=out)
    for r in rows:
        due = f"期限 {r.deadline}" if r.deadline else ""
        late = f" 逾期{r.overdue_days}个工作日" if r.overdue else ""
        print(
            f"{str(r.id)[:13]}  {r.doc_no or '（未编号）':<16} {r.kind_word}  "
            f"{r.status_word}  {r.recipient}  {due}{late}",
            file=out,
        )
    return 0


def cmd_letter_register(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.letters.numbering import register_report
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.read() as session:
        hall = find_hall(session, args.hall)
        reports = register_report(session, hall.id)
    gaps = any(r.gaps for r in reports)
    if args.json:
        data = [
            {
                "series": r.series,
                "year": r.year,
                "blocks": [
                    {
                        "first": b.first,
                        "last": b.last,
                        "next": b.next_number,
                        "left": b.left,
                        "device_id": b.device_id,
                    }
                    for b in r.blocks
                ],
                "issued": r.issued,
                "revoked": r.revoked,
                "gaps": list(r.gaps),
            }
            for r in reports
        ]
        print(json.dumps(data, ensure_ascii=False, indent=1), file=out)
        return 1 if gaps else 0
    if not reports:
        print("no number taken yet", file=out)
    for r in reports:
        blocks = ", ".join(
            f"{b.first}–{b.last} (next {b.next_number}, {b.left} left"
            + (f", leased to {b.device_id}" if b.device_id else "")
            + ")"
            for b in r.blocks
        )
        state = f"GAPS {', '.join(map(str, r.gaps))}" if r.gaps else "no gaps"
        print(
            f"{r.series}〔{r.year}〕: {r.issued} issued ({r.revoked} revoked); {state}; "
            f"blocks {blocks or 'none'}",
            file=out,
        )
    return 1 if gaps else 0


def cmd_letter_deliver(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.letters import lifecycle as letters
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.write("letter.deliver") as session:
        letter_id = letters.find_letter_id(session, args.letter)
        letters.record_delivery(session, letter_id, method=args.method, delivered_to=args.to)
    print("delivered", file=out)
    return 0


def cmd_letter_acknowledge(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.letters import lifecycle as letters
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.write("letter.acknowledge") as session:
        letter_id = letters.find_letter_id(session, args.letter)
        letters.record_acknowledged(session, letter_id, note=args.note)
    print("acknowledged", file=out)
    return 0


def cmd_letter_rectify(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.letters import lifecycle as letters
    from hallwatch.storage.database import Database

    photos = [_uuid("--photo", text) for text in args.photo]
    with Database.open(folder, create=False) as db, db.write("letter.rectify") as session:
        letter_id = letters.find_letter_id(session, args.letter)
        letters.record_rectified(session, letter_id, photos, note=args.note)
    print("rectified", file=out)
    return 0


def cmd_letter_revoke(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.letters import lifecycle as letters
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.write("letter.revoke") as session:
        letter_id = letters.find_letter_id(session, args.letter)
        letters.revoke_letter(session, letter_id, args.reason)
    print("revoked", file=out)
    return 0


MAX_COPIES = 99


def _copies(text: str) -> int:
    from hallwatch.domain.errors import FieldError

    try:
        copies = int(text.strip())
    except ValueError:
        copies = 0
    if not 1 <= copies <= MAX_COPIES:
        raise FieldError(
            "copies",
            f"--copies {text!r} is not a number of copies",
            f"give 1–{MAX_COPIES}",
            code="invalid",
        )
    return copies


def cmd_letter_print(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.cli.printing import printing_of
    from hallwatch.domain.errors import ConflictError
    from hallwatch.services.letters import lifecycle as letters
    from hallwatch.storage.blobs import BlobStore
    from hallwatch.storage.database import Database

    copies = _copies(args.copies)
    printing = printing_of(args)
    with Database.open(folder, create=False) as db, db.read() as session:
        letter_id = letters.find_letter_id(session, args.letter)
        detail = letters.get_letter(session, letter_id)
        row = detail.row
        label = f"{row.doc_no or '草稿'} {row.kind_word}"
        if detail.is_draft and not args.draft:
            raise ConflictError(
                f"letter {str(letter_id)[:13]} is a draft, not an issued letter",
                "issue it first ('hallwatch letter issue ID'), or add --draft to print a "
                "copy marked 草稿",
            )
        if detail.revoked_at is not None:
            raise ConflictError(
                f"{row.doc_no} was revoked ({detail.revoked_reason}): it is not a letter in force",
                "keep its file copy with 'hallwatch letter render ID --out FILE.pdf'",
            )
        pdf = letters.letter_pdf(session, letter_id, BlobStore(folder.blobs_dir))
    job = printing.print_pdf(pdf, args.printer, copies, label)
    times = f" × {job.copies} copies" if job.copies > 1 else ""
    print(f"printed {label}: {job.pages} pages{times} on {job.printer}", file=out)
    return 0


def cmd_printers(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.cli.printing import printing_of

    printers = printing_of(args).printers()
    if args.json:
        data = [
            {
                "name": p.name,
                "default": p.is_default,
                "description": p.description,
                "location": p.location,
            }
            for p in printers
        ]
        print(json.dumps(data, ensure_ascii=False, indent=1), file=out)
        return 0
    if not printers:
        print("no printers: add one in the system's printer settings (CUPS)", file=out)
    for p in printers:
        mark = "*" if p.is_default else " "
        about = "  ".join(part for part in (p.description, p.location) if part and part != p.name)
        print(f"{mark} {p.name}{'  ' + about if about else ''}", file=out)
    return 0
