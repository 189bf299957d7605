"""The `hallwatch` command line (DESIGN §9).

Every command is a thin call into a core service. Errors the user can act on
print one line (what happened; what to do) and exit non-zero; anything else is
a bug: its traceback goes to the log file, and the user sees one line that
says where the log is. With no command, the desktop app opens (through the
`open_app` callback the front end passes in: the core never imports Qt).
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from hallwatch import __version__
from hallwatch.domain.errors import HallWatchError, InputError
from hallwatch.storage.folder import DataFolder

if TYPE_CHECKING:
    from hallwatch.cli.printing import PrintingFactory
    from hallwatch.storage.database import Database

log = logging.getLogger("hallwatch")

OpenApp = Callable[[DataFolder], int]

# Each has register(subparsers), adding parsers with set_defaults(handler=fn), where
# fn(args, folder, out) -> exit code. Keep their top level light: import services
# inside the handlers, so that `hallwatch --help` stays fast.
COMMAND_MODULES = (
    "hallwatch.cli.imports",
    "hallwatch.cli.reports",
    "hallwatch.cli.findings",
    "hallwatch.cli.evidence",
    "hallwatch.cli.letters",
    "hallwatch.cli.settings",
)

EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, not argparse's usage dump
        self.exit(2, f"{self.prog}: {message}; see '{self.prog} --help'\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every command."""
    parser = _Parser(
        prog="hallwatch",
        description="HallWatch 窗口效能监察客户端. With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"HallWatch {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: $HALLWATCH_DATA_DIR or the platform's data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    init = commands.add_parser("init", help="create or upgrade the local database")
    init.add_argument("--hall", metavar="NAME", help="create a hall with this name")
    init.add_argument("--code", metavar="CODE", default="MAIN", help="the new hall's short code")
    init.add_argument("--timezone", default="Asia/Shanghai", help="the new hall's time zone")

    demo = commands.add_parser("demo", help="fill the data folder with a realistic demo hall")
    demo.add_argument("--scale", default="tiny", help="tiny (tests) or S (one big hall, a year)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    demo.add_argument("--until", metavar="DATE", help="last day of the demo (default: today)")

    info = commands.add_parser("info", help="data folder, schema revision, row counts")
    info.add_argument("--json", action="store_true", help="stable JSON output for scripts")

    deadline = commands.add_parser(
        "deadline", help="due date N working days after DATE (DATE itself not counted)"
    )
    deadline.add_argument("date", metavar="DATE", help="day of acceptance, YYYY-MM-DD")
    deadline.add_argument("days", metavar="N", help="working days")
    deadline.add_argument("--hall", metavar="CODE", help="use this hall's holiday table")

    audit = commands.add_parser("audit", help="the audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION")
    audit_commands.required = True
    audit_commands.add_parser("verify", help="check the audit hash chain")

    backup = commands.add_parser("backup", help="back up the database and evidence files")
    backup.add_argument("--out", metavar="FILE", help="backup file (default: in backups/)")

    restore = commands.add_parser("restore", help="restore a backup into the data folder")
    restore.add_argument("file", metavar="FILE", help="a .hwbak file written by backup")

    for name, handler in COMMANDS.items():
        commands.choices[name].set_defaults(handler=handler)
    # Command groups that live in their own modules add themselves here.
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(commands)
    return parser


def _open(folder: DataFolder, create: bool = False) -> Database:
    from hallwatch.storage.database import Database

    return Database.open(folder, create=create)


def cmd_init(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.hall.halls import create_hall, list_halls

    with _open(folder, create=True) as db:
        if args.hall:
            with db.write("hall.create") as session:
                hall = create_hall(session, code=args.code, name=args.hall, timezone=args.timezone)
            print(f"created hall {hall.code} {hall.name}", file=out)
        with db.read() as session:
            halls = list_halls(session)
        print(f"database ready: {db.folder.db_path} (schema {db.revision()})", file=out)
        if not halls:
            print("no hall yet: run 'hallwatch init --hall NAME' or 'hallwatch demo'", file=out)
    return 0


def cmd_demo(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.demo.generator import generate_demo
    from hallwatch.demo.letters import add_demo_letters
    from hallwatch.services.hall.calendar import parse_day

    until = parse_day(args.until, "--until") if args.until else None
    with _open(folder, create=True) as db:
        summary = generate_demo(db, scale=args.scale, seed=args.seed, until=until)
        add_demo_letters(db, summary.hall_id)
    counts = ", ".join(f"{name} {count}" for name, count in summary.counts.items() if count)
    print(
        f"demo hall {summary.hall_code}: {summary.first_day} to {summary.last_day}; {counts}",
        file=out,
    )
    return 0


def cmd_info(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.data.info import folder_info

    with _open(folder) as db:
        info = folder_info(db)
    if args.json:
        print(json.dumps(info.as_json(), ensure_ascii=False, sort_keys=True), file=out)
        return 0
    state = "up to date" if info.revision == info.head else f"head is {info.head}"
    print(f"data folder:     {info.data_dir}", file=out)
    print(f"schema revision: {info.revision} ({state})", file=out)
    print(f"device:          {info.device_id}", file=out)
    for hall in info.halls:
        demo = " (demo)" if hall["demo"] else ""
        print(f"hall:            {hall['code']} {hall['name']}{demo}", file=out)
    print(f"pending sync:    {info.pending_mutations} changes", file=out)
    print("rows:", file=out)
    for name, count in info.counts.items():
        print(f"  {name:<20} {count:>9}", file=out)
    return 0


def cmd_deadline(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.domain.calendar import WorkCalendar
    from hallwatch.services.hall.calendar import deadline, hall_calendar, parse_count, parse_day
    from hallwatch.services.hall.halls import find_hall, list_halls

    start = parse_day(args.date, "DATE")
    days = parse_count(args.days, "N")
    calendar = WorkCalendar()
    # The hall's holiday table comes first when there is one; the command must
    # also work on a machine with no data folder at all.
    if folder.db_path.exists() or args.hall:
        with _open(folder) as db, db.read() as session:
            if args.hall or list_halls(session):
                calendar = hall_calendar(session, find_hall(session, args.hall).id)
    due = deadline(calendar, start, days)
    print(f"{due.day.isoformat()}{' provisional' if due.provisional else ''}", file=out)
    return 0


def cmd_audit(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.data.audit import verify_audit

    with _open(folder) as db, db.read() as session:
        report = verify_audit(session)
    if report.ok:
        print(
            f"audit OK: {report.entries} entries from {report.devices} device(s), "
            f"{report.snapshots} photo(s) and {report.letters} issued letter(s) "
            "match their recorded SHA-256",
            file=out,
        )
        return 0
    for problem in report.chain_problems:
        print(f"audit FAILED: device {problem.device_id}: {problem.message}", file=sys.stderr)
    for evidence in report.evidence_problems:
        print(f"evidence FAILED: {evidence.message}", file=sys.stderr)
    return 1


def cmd_backup(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.data.backup import backup

    with _open(folder) as db:
        summary = backup(db, Path(args.out) if args.out else None)
    print(
        f"backup written: {summary.path} ({summary.size} bytes, schema {summary.revision}, "
        f"{summary.blobs} evidence files)",
        file=out,
    )
    return 0


def cmd_restore(args: argparse.Namespace, folder: DataFolder, out: TextIO) -> int:
    from hallwatch.services.data.backup import restore

    summary = restore(folder, Path(args.file))
    kept = (
        f"; the previous database is kept as {summary.previous_copy}"
        if summary.previous_copy
        else ""
    )
    print(f"restored {summary.source} (schema {summary.revision}){kept}", file=out)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, DataFolder, TextIO], int]] = {
    "init": cmd_init,
    "demo": cmd_demo,
    "info": cmd_info,
    "deadline": cmd_deadline,
    "audit": cmd_audit,
    "backup": cmd_backup,
    "restore": cmd_restore,
}


def _setup_logging(folder: DataFolder) -> Path | None:
    """Log to logs/hallwatch.log in the data folder, when it can be written."""
    from logging.handlers import RotatingFileHandler  # not on the app's start path

    class QuietFileHandler(RotatingFileHandler):
        # A log that cannot be written (a full disk) must not print logging's own
        # "--- Logging error ---" traceback over the one line the user needs.
        def handleError(self, record: logging.LogRecord) -> None:
            if isinstance(sys.exc_info()[1], OSError):
                return
            super().handleError(record)

    path = folder.logs_dir / "hallwatch.log"
    try:
        folder.logs_dir.mkdir(parents=True, exist_ok=True)
        handler = QuietFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def _only_opens_app(argv: Sequence[str]) -> tuple[bool, str | None]:
    """Return (True, --data-dir or None) when the arguments only open the app.

    The app's start then skips building the parser of every command (~5 ms of the
    2x-a-bare-window budget, issue 3); anything else goes through the full parser.
    """
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--data-dir=") and len(argv[0]) > 11:
        return True, argv[0].split("=", 1)[1]
    return False, None


def main(
    argv: Sequence[str] | None = None,
    open_app: OpenApp | None = None,
    out: TextIO | None = None,
    printing: PrintingFactory | None = None,
) -> int:
    """Run one command; return the process exit code.

    printing: the front end's printers (`letter print`, `printers`); the core has none.
    """
    out = out or sys.stdout
    opens, data_dir = (False, None)
    if open_app is not None:
        opens, data_dir = _only_opens_app(sys.argv[1:] if argv is None else argv)
    args = None if opens else build_parser().parse_args(argv)
    command = args.command if args is not None else None
    log_path: Path | None = None
    try:
        folder = DataFolder.resolve(args.data_dir if args is not None else data_dir)
        if args is None or command is None:
            if open_app is None:
                raise InputError("no command given", "run 'hallwatch --help' to see the commands")
            return open_app(folder)
        if folder.root.is_dir():
            log_path = _setup_logging(folder)
        args.printing = printing
        return int(args.handler(args, folder, out))
    except HallWatchError as error:
        log.info("%s failed: %s", command, error)
        print(f"hallwatch: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader stopped early (`hallwatch info | head`): not a failure. Point
        # stdout at nothing so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("hallwatch: interrupted; nothing was half-saved", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        full = _disk_full(error, args)
        if full is not None:  # a write no service translated: still one clear line
            log.info("%s failed: %s", command, full)
            print(f"hallwatch: {full}", file=sys.stderr)
            return full.exit_code
        log.exception("internal error in %s", command)
        where = f"; details are in {log_path}" if log_path else ""
        print(
            f"hallwatch: internal error ({type(error).__name__}: {error}){where}; please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _disk_full(error: BaseException, args: argparse.Namespace | None) -> HallWatchError | None:
    """Return the disk-full error that error stands for, naming the data folder, else None."""
    from hallwatch.storage.space import disk_full_error

    data_dir = getattr(args, "data_dir", None)
    folder = DataFolder.resolve(data_dir).root
    return disk_full_error(error, folder, detail="nothing was changed")


def run() -> None:
    """Console entry point when the front end is not installed."""
    sys.exit(main())
