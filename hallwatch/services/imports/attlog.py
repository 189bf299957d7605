"""ZKTeco punch-clock exports (`<n>_attlog.dat` from the USB stick).

One punch per line, tab separated: the PIN (often padded with spaces), the time as
`YYYY-MM-DD HH:MM:SS`, the device id, the status (0 in, 1 out, 2/3 break, 4/5
overtime), the verify mode and the work code. Older firmware pads with spaces
instead of tabs. Lines are parsed defensively and each is kept as it was written.

The device keeps the file as a ring: when it wraps round, the newest records are
followed by a run of NUL bytes (hundreds of KB), then by what is left of a record
that the new ones overwrote, then by the older records. The text after padding is
a torn line (its PIN may have lost digits and name someone else), so it is skipped
with a warning that names its line; a record cut by padding is kept when its PIN,
time and device are all there, else skipped the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from hallwatch.services.imports.reading import CUT, TORN, LineReader, SourceInfo, quoted
from hallwatch.services.imports.report import ErrorLog, RowError, RowProblem
from hallwatch.services.imports.values import parse_local_datetime

# Column names as the report and the preview show them.
COLUMNS = ("PIN", "Time", "Device", "Status", "Verify", "Work code")


Parsed = tuple[str, datetime, str, str]  # PIN, wall-clock time, device, window number


def split_line(text: str) -> list[str]:
    """Return the fields of an attlog line (tab separated, or space padded)."""
    parts = text.split("\t")
    if len(parts) >= 2:
        return [part.strip() for part in parts]
    words = text.split()
    if len(words) >= 3 and ":" in words[2]:
        # "PIN DATE TIME DEVICE …": the date and the time are one field.
        return [words[0], f"{words[1]} {words[2]}", *words[3:]]
    return words


def parse_line(text: str) -> Parsed:
    """Return (PIN, wall-clock time, device, '') of a line, or raise RowProblem."""
    parts = text.split("\t")
    if len(parts) >= 3:
        pin = parts[0].strip()
        stamp = parts[1].strip()
        device = parts[2].strip()
    else:
        parts = split_line(text)
        pin = parts[0] if parts else ""
        stamp = parts[1] if len(parts) > 1 else ""
        device = parts[2] if len(parts) > 2 else ""
    if not pin:
        raise RowProblem("PIN", "", "the PIN is empty", "empty_pin")
    if not stamp:
        raise RowProblem("Time", "", "the time is missing", "missing_time")
    try:
        local = datetime.fromisoformat(stamp) if len(stamp) == 19 else parse_local_datetime(stamp)
    except ValueError as error:
        reason = str(error) if stamp in str(error) else f"{stamp!r} {error}"
        raise RowProblem("Time", stamp, f"cannot read the time: {reason}", "bad_time") from None
    return pin, local, device, ""


def _complete(text: str) -> bool:
    """Return True when a line that padding cut still holds a PIN, a full time and a device."""
    parts = split_line(text)
    if len(parts) < 3 or not parts[2]:
        return False
    try:
        parse_line(text)
    except RowProblem:
        return False
    return True


def torn_warning(number: int, text: str) -> RowError:
    """Return the warning for a line that the device's wrap-round tore."""
    return RowError(
        number,
        "",
        quoted(text.strip(), 60),
        f"line {number} is a record torn when the device's log wrapped round (it touches "
        "a run of padding bytes): skipped; check that punch on the device if it matters",
        "torn_line",
    )


class AttlogSource:
    """The rows of an attlog file, for the punch import's two passes."""

    kind = "attlog"
    columns = COLUMNS

    def __init__(self, info: SourceInfo) -> None:
        self.info = info
        self.reader: LineReader | None = None
        # Lines skipped but worth a look (torn by the device's wrap-round): per read.
        self.warnings = ErrorLog()

    @property
    def encoding(self) -> str:
        return self.reader.encoding if self.reader is not None else self.info.encoding

    @property
    def fraction(self) -> float:
        return self.reader.fraction if self.reader is not None else 0.0

    def sha256(self) -> str:
        assert self.reader is not None
        assert self.reader.finished
        return self.reader.sha256()

    def records(self) -> Iterator[tuple[int, str, bool, Any]]:
        """Yield (line number, line, decoded cleanly, what parse takes) for each non-blank line."""
        self.reader = reader = LineReader(self.info, pieces=True)
        self.warnings = warnings = ErrorLog()
        for number, text, ok, mark in reader:
            if not text or text.isspace():
                continue
            if mark == TORN or (mark == CUT and not _complete(text)):
                warnings.add(torn_warning(number, text))
                continue
            yield number, text, ok, text

    parse = staticmethod(parse_line)

    def column(self, name: str) -> str:
        return {"pin": "PIN", "datetime": "Time"}.get(name, "")

    def sample(self, rows: int) -> tuple[list[str], list[list[str]]]:
        """Return the column names and the fields of the first rows, for a preview."""
        found: list[list[str]] = []
        for _number, text, _ok, _payload in self.records():
            found.append(split_line(text))
            if len(found) >= rows:
                break
        width = max([len(COLUMNS), *(len(row) for row in found)])
        headers = [*COLUMNS, *(f"Column {i + 1}" for i in range(len(COLUMNS), width))]
        return headers, found
