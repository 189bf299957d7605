"""`hallwatch import KIND FILE` commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from hallwatch.storage.folder import DataFolder

# Row errors and warnings printed before "… and K more".
PRINTED_ERRORS = 20
PRINTED_WARNINGS = 10

# Rows that went in differently from how the file lays them out, one line each under the
# summary: report.counts key → what the count means to the person who made the file.
COUNT_LINES = (
    ("absent_days", "absent days (a row with neither sign-in nor sign-out time): {n}"),
    ("footer_rows", "footer rows skipped (totals, signatures, page numbers): {n}"),
    ("header_rows", "repeated header rows skipped (a second export pasted below?): {n}"),
)


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add this module's commands to the `hallwatch` parser."""
    parser = commands.add_parser(
        "import",
        help="import a roster, an attlog file, or a punch, queue or case export",
        description=(
            "Import a file into the hall: KIND is roster (staff, units, windows), attlog "
            "(ZKTeco <n>_attlog.dat), punches (CSV/Excel export of a punch clock), queue "
            "(tickets of a queue system, 排队叫号) or cases (cases of an approval system). "
            "Common Chinese and English column headers are recognised; --mapping names "
            "a saved column mapping for the rest. Nothing is imported when a row has an "
            "error, unless --keep-good-rows is given."
        ),
    )
    parser.add_argument("kind", metavar="KIND", help="roster, attlog, punches, queue or cases")
    parser.add_argument("file", metavar="FILE", help="the file to import")
    parser.add_argument("--mapping", metavar="NAME", help="a saved column mapping")
    parser.add_argument(
        "--dry-run", action="store_true", help="check every row and report, save nothing"
    )
    parser.add_argument(
        "--keep-good-rows",
        action="store_true",
        help="import the good rows even when other rows have errors",
    )
    parser.add_argument(
        "--source",
        metavar="NAME",
        help="the system a queue or case export comes from, whose saved rating scale "
        "applies (default: the mapping's name, else the kind)",
    )
    parser.add_argument("--hall", metavar="CODE", help="the hall to import into")
    parser.add_argument("--json", action="store_true", help="the report as one JSON object")
    parser.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.imports import check_kind, import_file
    from hallwatch.storage.database import Database

    kind = check_kind(args.kind)
    path = Path(args.file)
    with Database.open(folder, create=False) as db:
        with db.read() as session:
            hall = find_hall(session, args.hall)
        report = import_file(
            db,
            hall.id,
            kind,
            path,
            mapping=args.mapping,
            dry_run=args.dry_run,
            keep_good_rows=args.keep_good_rows,
            source=args.source,
            progress=_progress_printer(sys.stderr),
        )
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, sort_keys=True), file=out)
    else:
        print(summary_line(report), file=out)
        for line in count_lines(report):
            print(line, file=out)
        for error in report.errors[:PRINTED_ERRORS]:
            print(str(error), file=out)
        more = report.error_count - min(len(report.errors), PRINTED_ERRORS)
        if more > 0:
            print(f"… and {more:,} more", file=out)
        for warning in report.warnings[:PRINTED_WARNINGS]:
            print(f"warning: {warning}", file=out)
        more = report.warning_count - min(len(report.warnings), PRINTED_WARNINGS)
        if more > 0:
            print(f"… and {more:,} more warnings", file=out)
    if report.blocked:
        what = "would be imported" if report.dry_run else "was imported"
        print(
            f"hallwatch: nothing {what}: {report.error_count:,} row(s) have errors; fix them, "
            f"or add --keep-good-rows to import the {report.rows_valid:,} good row(s)",
            file=sys.stderr,
        )
        return 1
    return 0


def summary_line(report: Any) -> str:
    """Return the one-line summary of an import report."""
    parts = [
        f"{report.kind} {report.file}:",
        f"read {report.rows_read:,},",
        f"{'would import' if report.dry_run else 'imported'} {report.rows_imported:,},",
        f"skipped {report.rows_skipped:,},",
        f"duplicates {report.duplicates_merged:,}",
    ]
    if report.rows_unchanged:
        parts[-1] += ","
        parts.append(f"unchanged {report.rows_unchanged:,}")
    updated = report.counts.get("updated", 0) if report.kind in ("queue", "cases") else 0
    if updated:
        parts[-1] += ","
        parts.append(f"updated {updated:,}")
    if report.warning_count:
        parts[-1] += ","
        parts.append(f"warnings {report.warning_count:,}")
    line = " ".join(parts)
    if report.batch_id is not None:
        line += f"; batch {report.batch_id}"
    elif report.dry_run:
        line += "; dry run, nothing saved"
    elif not report.blocked and report.rows_imported == 0:
        line += "; nothing new"
        if report.previous_batch_id is not None:
            line += f" (the same file was imported in batch {report.previous_batch_id})"
    return line


def count_lines(report: Any) -> list[str]:
    """Return a short line for each kind of row skipped that the summary line sums up."""
    lines = [
        template.format(n=f"{report.counts[key]:,}")
        for key, template in COUNT_LINES
        if report.counts.get(key)
    ]
    # Merged duplicates are in the summary line already ("duplicates N").
    # A torn line is only a warning in the report: count those it lists (all of them,
    # unless the warnings ran past the number a report keeps).
    torn = sum(1 for warning in report.warnings if warning.code == "torn_line")
    if torn:
        cut = report.warning_count > len(report.warnings)
        lines.append(
            "torn lines skipped (the device's log wrapped round): "
            f"{'at least ' if cut else ''}{torn:,}"
        )
    return lines


def _progress_printer(stream: TextIO) -> Any:
    """Return a progress callback that redraws one line on a terminal (silent otherwise)."""
    if not stream.isatty():
        return lambda _fraction, _text: None
    shown = [-1]

    def show(fraction: float, text: str) -> None:
        percent = int(fraction * 100)
        if percent != shown[0]:
            shown[0] = percent
            end = "\n" if fraction >= 1 else ""
            print(f"\r{percent:3d}% {text[:60]:<60}", end=end, file=stream, flush=True)

    return show
