"""What an import tells its caller: the report, each bad row, and file-level refusals."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hallwatch.domain.errors import HallWatchError, InputError

# Row errors kept in a report (and its batch row); the rest are only counted.
MAX_KEPT_ERRORS = 200
# Longest value, column name and reason a message echoes: a file may hold a 200 KB PIN
# or a header of a million columns, and a message is one line a person reads.
MAX_VALUE = 60
MAX_COLUMN = 60
MAX_REASON = 300
MAX_MESSAGE = 400
# Items a message lists before it says how many more there are.
MAX_LISTED = 8


def clip(text: str, limit: int = MAX_VALUE) -> str:
    """Return text cut to limit characters, ending in … when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def listing(items: Sequence[Any], limit: int = MAX_LISTED, each: int = MAX_COLUMN) -> str:
    """Return the first items, each clipped, joined with commas, and how many more there are."""
    shown = [clip(str(item), each) for item in items[:limit]]
    text = ", ".join(shown)
    if len(items) > limit:
        text += f" … and {len(items) - limit:,} more"
    return text


class ImportFileError(InputError):
    """A file that cannot be imported at all (missing, binary, no columns …).

    `code` and `params` let the desktop app say the same thing in its own words.
    """

    def __init__(self, code: str, message: str, hint: str = "", **params: Any) -> None:
        super().__init__(clip(message, MAX_MESSAGE), clip(hint, MAX_REASON))
        self.code = code
        self.params = {name: _short_param(value) for name, value in params.items()}


def _short_param(value: Any) -> Any:
    # The app builds its own sentence from params (a list of headers, say): keep them short.
    if isinstance(value, str):
        return clip(value, MAX_COLUMN)
    if isinstance(value, list | tuple) and len(value) > MAX_LISTED:
        kept = [_short_param(item) for item in value[:MAX_LISTED]]
        return [*kept, f"… and {len(value) - MAX_LISTED:,} more"]
    if isinstance(value, list | tuple):
        return [_short_param(item) for item in value]
    return value


class ImportCancelled(HallWatchError):
    """The user cancelled an import; nothing was saved."""

    def __init__(self) -> None:
        super().__init__("import cancelled", "nothing was saved")


# An import's progress: what a step reports, and whether the user has asked it to stop.
Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]
# The share of the progress bar the checking pass takes; writing takes most of the rest.
CHECK_SHARE = 0.45


def write_progress(progress: Progress, cancelled: Cancelled, total: int) -> Callable[[int], None]:
    """Return what storage.bulk calls after each chunk: say how far, stop when cancelled."""
    whole = max(total, 1)

    def written(count: int) -> None:
        if cancelled():
            raise ImportCancelled()
        progress(CHECK_SHARE + 0.05 + 0.47 * count / whole, f"writing: {count:,} of {total:,} rows")

    return written


class RowProblem(Exception):
    """Why one row cannot be imported (becomes a RowError with the row's number)."""

    def __init__(self, column: str, value: str, reason: str, code: str) -> None:
        super().__init__(reason)
        self.column = clip(column, MAX_COLUMN)
        self.value = clip(value)
        self.reason = clip(reason, MAX_REASON)
        self.code = code

    def at(self, row: int) -> RowError:
        """Return this problem as the error of a row."""
        return RowError(row, self.column, self.value, self.reason, self.code)


@dataclass(frozen=True, slots=True)
class RowError:
    """One row that cannot be imported, as the user sees it in the file."""

    row: int  # 1-based line (text) or sheet row (Excel); 0 when no row is meant
    column: str  # the column's header, or its name in a fixed format such as attlog
    value: str
    reason: str
    # A stable name of the kind of problem (unknown_pin, bad_time …), for translations.
    code: str = ""

    def __post_init__(self) -> None:
        # Whoever built it, a row error echoes no more of the file than a line can hold.
        if len(self.value) > MAX_VALUE:
            object.__setattr__(self, "value", clip(self.value))
        if len(self.column) > MAX_COLUMN:
            object.__setattr__(self, "column", clip(self.column, MAX_COLUMN))
        if len(self.reason) > MAX_REASON:
            object.__setattr__(self, "reason", clip(self.reason, MAX_REASON))

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
            "code": self.code,
        }

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class ErrorLog:
    """Row errors: the first MAX_KEPT_ERRORS in full, the rest counted."""

    kept: list[RowError] = field(default_factory=list)
    count: int = 0

    def add(self, error: RowError) -> None:
        self.count += 1
        if len(self.kept) < MAX_KEPT_ERRORS:
            self.kept.append(error)

    def absorb(self, other: ErrorLog) -> None:
        """Add another log's entries (kept and counted) to this one, in row order."""
        if not other.count:
            return
        merged = sorted([*self.kept, *other.kept], key=lambda error: error.row)
        self.kept = merged[:MAX_KEPT_ERRORS]
        self.count += other.count


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import read, wrote and skipped.

    rows_read = rows_imported + rows_skipped + duplicates_merged + rows_unchanged when
    the import went in; when it was refused because of row errors (and keep_good_rows
    was not asked for), rows_imported is 0 and rows_valid says how many were good.
    """

    kind: str
    file: str
    rows_read: int
    rows_imported: int
    rows_skipped: int
    duplicates_merged: int
    errors: list[RowError]
    batch_id: uuid.UUID | None
    dry_run: bool
    # Every row error, including those beyond the kept list.
    error_count: int = 0
    # Rows that passed every check (what keep_good_rows would import).
    rows_valid: int = 0
    # Roster rows that matched the database already.
    rows_unchanged: int = 0
    encoding: str = ""
    mapping: str = ""
    file_sha256: str = ""
    # Roster: staff/units/windows/assignments created and updated.
    counts: dict[str, int] = field(default_factory=dict)
    # The earlier import of the very same file, if any.
    previous_batch_id: uuid.UUID | None = None
    previous_imported_at: datetime | None = None
    # Rows that went in (or would) but deserve a look, e.g. provisional due dates: the
    # first MAX_KEPT_ERRORS, and how many there were.
    warnings: list[RowError] = field(default_factory=list)
    warning_count: int = 0

    @property
    def blocked(self) -> bool:
        """True when row errors mean nothing was (or, in a dry run, would be) imported."""
        return self.error_count > 0 and self.rows_imported == 0

    @property
    def more_errors(self) -> int:
        """Row errors counted but not listed."""
        return max(self.error_count - len(self.errors), 0)

    def as_json(self) -> dict[str, Any]:
        """Return the report as stored in the batch row and printed for scripts."""
        return {
            "kind": self.kind,
            "file": self.file,
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_skipped": self.rows_skipped,
            "rows_valid": self.rows_valid,
            "rows_unchanged": self.rows_unchanged,
            "duplicates_merged": self.duplicates_merged,
            "error_count": self.error_count,
            "errors": [error.as_json() for error in self.errors],
            "batch_id": str(self.batch_id) if self.batch_id else None,
            "dry_run": self.dry_run,
            "encoding": self.encoding,
            "mapping": self.mapping,
            "file_sha256": self.file_sha256,
            "counts": dict(self.counts),
            "previous_batch_id": str(self.previous_batch_id) if self.previous_batch_id else None,
            "warning_count": self.warning_count,
            "warnings": [warning.as_json() for warning in self.warnings],
        }
