"""Reading import files: what a file is, its encoding, and its rows, streamed.

Punch-clock and queue exports come as ZKTeco text files, CSV in UTF-8 (with or
without a BOM) or GB18030/GBK, UTF-16 "Unicode text" from Excel, or workbooks
(.xlsx, the old .xls that ZKTime and WPS save by default, .ods), read with
python-calamine. `inspect_file` decides which from the first bytes and refuses,
with a message that says what to do, a file that is missing, empty, binary or
text in another encoding. Rows are then streamed: memory stays flat however long
the file is, and a line that cannot be decoded is reported by its number instead
of stopping the import.

Devices write what text tools never would: a ZKTeco log that wrapped round holds a
run of NUL bytes (hundreds of KB) with a torn line after it, or is padded with NULs
to a fixed size; lines end in CR, LF, CRLF or a mix. NUL runs are padding, not
binary data, and every line ending counts.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import threading
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from hallwatch.services.imports.report import ImportFileError

# Bytes looked at to recognise a file and its encoding.
SAMPLE_BYTES = 256 * 1024
BLOCK_BYTES = 1024 * 1024
# Longest CSV cell read (Python's default of 128 KB refuses a long remark). Longer
# cells are refused with their row and column: no export holds a 1 MB cell on purpose.
FIELD_LIMIT = 1024 * 1024
# Longest line read at all: a file with none of its line endings in 16 MB is no export.
MAX_LINE_BYTES = 16 * 1024 * 1024
# Text from the file that a message may quote.
QUOTED_CHARS = 80

csv.field_size_limit(FIELD_LIMIT)

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
# Control bytes that never occur in text exports (tab, newlines, form feed and
# the DOS end-of-file mark excepted).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 26))
# Padding: UTF-16 text has at most two NULs in a row (an ASCII high byte, then a
# character such as U+4E00 whose low byte is 0), a device's padding thousands.
_PADDING_RE = re.compile(rb"\x00{4,}")
_BINARY_RE = re.compile(rb"\x00{4,}|[" + re.escape(_CONTROL) + rb"]")
_NULS_RE = re.compile(rb"\x00+")

ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "gb18030": "GB18030",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
}
WORKBOOK_FORMATS = {
    "xlsx": "Excel (.xlsx)",
    "xls": "Excel 97–2003 (.xls)",
    "ods": "OpenDocument (.ods)",
}


def quoted(text: str, limit: int = QUOTED_CHARS) -> str:
    """Return text cut for a message: the first `limit` characters and … when cut."""
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What inspect_file found out about a file."""

    path: Path
    format: str  # "text", or a workbook: "xlsx", "xls", "ods"
    encoding: str  # a Python codec name; "" for a workbook
    size: int
    # The sample held only ASCII: a later non-UTF-8 line may still be GB18030.
    ascii_sample: bool = False

    @property
    def workbook(self) -> bool:
        """True for a spreadsheet (.xlsx, .xls, .ods), False for text."""
        return self.format in WORKBOOK_FORMATS

    @property
    def encoding_label(self) -> str:
        """Return the encoding as shown to people (UTF-8, GB18030 …; Excel for a workbook)."""
        if self.workbook:
            return WORKBOOK_FORMATS[self.format]
        return ENCODING_NAMES.get(self.encoding, self.encoding)


def inspect_file(path: Path) -> SourceInfo:
    """Recognise a file's format and encoding, or refuse it with a clear message."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportFileError(
                "not_a_file", f"{path} is a folder, not a file", "choose the exported file"
            )
        with path.open("rb") as handle:
            sample = handle.read(SAMPLE_BYTES)
            head = sample
            if sample.endswith(b"\x00") and not _PADDING_RE.search(sample):
                # The sample may end in the first bytes of a run of padding.
                sample += handle.read(4)
            if _PADDING_RE.search(sample):
                sample = _text_sample(handle, sample)
    except FileNotFoundError:
        raise ImportFileError(
            "not_found", f"file {path} does not exist", "check the name and folder", file=str(path)
        ) from None
    except OSError as error:
        raise ImportFileError(
            "unreadable",
            f"cannot read {path}: {error.strerror or error}",
            "check that the file is not open in another program and that you may read it",
            file=str(path),
        ) from None
    if head.startswith(_ZIP_MAGIC):
        return SourceInfo(path, _zip_format(path, head), "", size)
    if head.startswith(_OLE_MAGIC):
        return SourceInfo(path, "xls", "", size)
    if not sample.strip(b" \t\r\n\x1a"):
        raise ImportFileError(
            "empty", f"{path.name} is empty", "export the data again", file=path.name
        )
    encoding, ascii_sample = _detect_encoding(path, sample)
    return SourceInfo(path, "text", encoding, size, ascii_sample)


def _text_sample(handle: Any, sample: bytes) -> bytes:
    """Return up to SAMPLE_BYTES of the file's text with its NUL padding taken out.

    A wrapped log may start in a run of NULs longer than the sample: read on (in
    blocks, so memory stays flat) until there is text enough to judge, or the end.
    """
    text = _PADDING_RE.sub(b"", sample.rstrip(b"\x00"))
    tail = len(sample) - len(sample.rstrip(b"\x00"))
    while len(text) < SAMPLE_BYTES:
        block = handle.read(BLOCK_BYTES)
        if not block:
            break
        # A run split by the block boundary is still one run.
        block = b"\x00" * tail + block
        tail = len(block) - len(block.rstrip(b"\x00"))
        text += _PADDING_RE.sub(b"", block.rstrip(b"\x00"))
    if 0 < tail < 4:
        text += b"\x00" * tail
    return text[:SAMPLE_BYTES]


def _zip_format(path: Path, head: bytes) -> str:
    # An .ods names its type in its first, stored member; anything else zipped is
    # read as .xlsx, whose reader says clearly when it is not one.
    if _ODS_MIME in head[:200]:
        return "ods"
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIME:
                return "ods"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError):
        pass
    return "xlsx"


def _detect_encoding(path: Path, sample: bytes) -> tuple[str, bool]:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", False
    # Excel's "Unicode text" without a BOM: every second byte of ASCII text is zero
    # (the sample came without NUL runs, so padding cannot pass for it).
    if len(sample) >= 8 and sample[1::2].count(0) > 0.9 * (len(sample) // 2):
        return "utf-16-le", False
    # The same with Chinese headers: fewer zero bytes, but it decodes to plain text.
    if b"\x00" in sample and len(sample) >= 8 and _utf16_text(sample):
        return "utf-16-le", False
    found = _BINARY_RE.search(sample)
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if b"\x00" in sample or controls > max(8, len(sample) // 200):
        where = found.start() if found else sample.find(b"\x00")
        raise ImportFileError(
            "binary",
            f"{path.name} is not a text file or workbook (binary data at byte {where})",
            "export the records as CSV, text or .xlsx and import that file",
            file=path.name,
            offset=where,
        )
    if sample.isascii():
        return "utf-8", True
    # final=False: a sample may end in the middle of a character.
    if _decodes(sample, "utf-8"):
        return "utf-8", False
    # Mostly UTF-8 with a few lines from elsewhere (two exports pasted together): read
    # it as UTF-8, so that the odd lines become row errors, not the whole file mojibake.
    lines = [line for line in sample.split(b"\n")[:-1] if not line.isascii()]
    valid = sum(1 for line in lines if _decodes(line, "utf-8"))
    if valid and valid >= len(lines) - valid:
        return "utf-8", False
    if _decodes(sample, "gb18030"):
        return "gb18030", False
    raise ImportFileError(
        "encoding",
        f"{path.name} is neither UTF-8 nor GB18030 (GBK) text",
        "save it again as UTF-8 or GB18030 CSV, or as .xlsx",
        file=path.name,
    )


# What LineReader says about a line that NUL padding cut (pieces=True).
WHOLE = ""
CUT = "cut"  # text that ran into padding: its end may be missing
TORN = "torn"  # text that came after padding: its start was overwritten


class LineReader:
    """Stream the lines of a text file as (line number, text, decoded cleanly, mark).

    Every line ending counts: LF, CRLF and a lone CR (old Macs, some devices), also
    mixed in one file. NUL bytes are padding and never part of a line; with
    pieces=True a line that padding interrupts comes out as its pieces, the one
    before the padding marked CUT and those after it TORN, under the same line
    number (what an editor shows). Also hashes every byte read (SHA-256) and counts
    them, for the batch record and for progress.
    """

    def __init__(self, info: SourceInfo, *, pieces: bool = False) -> None:
        self.info = info
        self.encoding = info.encoding
        self.pieces = pieces
        self.position = 0
        self._hash = hashlib.sha256()
        self.finished = False

    @property
    def fraction(self) -> float:
        return self.position / self.info.size if self.info.size else 1.0

    def sha256(self) -> str:
        """Return the SHA-256 of the file (once every line was read)."""
        return self._hash.hexdigest()

    def __iter__(self) -> Iterator[tuple[int, str, bool, str]]:
        if self.encoding.startswith("utf-16"):
            return self._utf16_lines()
        return self._byte_lines()

    def _byte_lines(self) -> Iterator[tuple[int, str, bool, str]]:
        encoding = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        number = 0
        carry = b""
        first = True
        with self.info.path.open("rb") as handle:
            while True:
                block = handle.read(BLOCK_BYTES)
                if not block:
                    break
                self._hash.update(block)
                self.position += len(block)
                if first:
                    first = False
                    if block.startswith(codecs.BOM_UTF8):
                        block = block[len(codecs.BOM_UTF8) :]
                data = carry + block
                # A CR that ends the block may be the first half of a CRLF.
                held = data.endswith(b"\r")
                if held:
                    data = data[:-1]
                if b"\r" in data:
                    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
                # Neither UTF-8 nor GB18030 uses the bytes 0x0A, 0x0D or 0x00 inside a
                # character, so splitting bytes on them is safe, and a bad line stays
                # one bad line.
                lines = data.split(b"\n")
                carry = lines.pop()
                if b"\x00" in carry and len(carry) > BLOCK_BYTES:
                    # A long run of padding with no line end yet: keep one NUL for it.
                    carry = _NULS_RE.sub(b"\x00", carry)
                if len(carry) > MAX_LINE_BYTES:
                    self._too_long(number + 1)
                if held:
                    carry += b"\r"
                padded = b"\x00" in data
                for raw in lines:
                    number += 1
                    if padded and b"\x00" in raw:
                        for text, ok, mark in self._padded(raw, encoding):
                            yield number, text, ok, mark
                        if self.encoding == "gb18030":
                            encoding = "gb18030"
                        continue
                    try:
                        text = raw.decode(encoding)
                    except UnicodeDecodeError:
                        text, ok, encoding = self._decode_badly(raw, encoding)
                    else:
                        ok = True
                    yield number, text, ok, WHOLE
        carry = carry.rstrip(b"\r")
        if carry.strip(b"\x1a\x00"):
            number += 1
            if b"\x00" in carry:
                for text, ok, mark in self._padded(carry, encoding):
                    yield number, text.rstrip("\x1a"), ok, mark
            else:
                text, ok = self._decode_last(carry, encoding)
                yield number, text.rstrip("\x1a"), ok, WHOLE
        self.finished = True

    def _padded(self, raw: bytes, encoding: str) -> Iterator[tuple[str, bool, str]]:
        """Yield the text of a line that NUL padding interrupts."""
        parts = _NULS_RE.split(raw)
        if not self.pieces:
            text, ok = self._decode_last(b"".join(parts), encoding)
            yield text, ok, WHOLE
            return
        for index, part in enumerate(parts):
            if not part.strip(b" \t\x1a"):
                continue
            text, ok = self._decode_last(part, encoding)
            yield text, ok, CUT if index == 0 else TORN

    def _too_long(self, number: int) -> None:
        name = self.info.path.name
        raise ImportFileError(
            "line_too_long",
            f"line {number} of {name} is longer than {MAX_LINE_BYTES // (1024 * 1024)} MB",
            "this is not a text export: export the records again as CSV, text or .xlsx",
            file=name,
            row=number,
        )

    def _decode_badly(self, raw: bytes, encoding: str) -> tuple[str, bool, str]:
        # A file whose sample was plain ASCII may turn out to be GB18030 further on.
        if self.info.ascii_sample and encoding == "utf-8":
            try:
                text = raw.decode("gb18030")
            except UnicodeDecodeError:
                pass
            else:
                self.encoding = "gb18030"
                return text, True, "gb18030"
        return raw.decode(encoding, errors="replace"), False, encoding

    def _decode_last(self, raw: bytes, encoding: str) -> tuple[str, bool]:
        try:
            return raw.decode(encoding), True
        except UnicodeDecodeError:
            text, ok, _ = self._decode_badly(raw, encoding)
            return text, ok

    def _utf16_lines(self) -> Iterator[tuple[int, str, bool, str]]:
        number = 0
        with self.info.path.open("rb") as handle:
            hashing = io.BufferedReader(_HashingReader(handle, self), BLOCK_BYTES)
            # newline="": CR, LF and CRLF all end a line, and arrive untranslated.
            text_stream = io.TextIOWrapper(
                hashing, encoding=self.encoding, errors="replace", newline=""
            )
            for line in text_stream:
                number += 1
                text = line.rstrip("\r\n")
                if "\x00" in text:
                    text = text.replace("\x00", "")
                if number == 1:
                    text = text.lstrip("\ufeff")
                yield number, text, "\ufffd" not in text, WHOLE
        self.finished = True


class _HashingReader(io.RawIOBase):
    """A binary stream that hashes and counts what passes through it."""

    def __init__(self, handle: io.BufferedReader, owner: LineReader) -> None:
        self._handle = handle
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._handle.read(len(buffer))
        buffer[: len(data)] = data
        self._owner._hash.update(data)
        self._owner.position += len(data)
        return len(data)


def sniff_delimiter(lines: list[str]) -> str:
    """Return the column separator of delimited text: tab, comma, semicolon or bar."""
    best, best_score = ",", -1.0
    for delimiter in ("\t", ",", ";", "|"):
        counts = [line.count(delimiter) for line in lines if line.strip()]
        if not counts:
            continue
        # Consistent columns on every line beat many separators on one line.
        score = min(counts) * 10 + sum(counts) / len(counts)
        if score > best_score:
            best, best_score = delimiter, score
    return best


@dataclass(slots=True)
class TableRow:
    """One row of a table file: where it is, its cells, and its text as read."""

    number: int
    cells: list[Any]
    raw: str
    decoded: bool = True


class TableReader:
    """Stream the rows of a CSV/text table or of the first sheet of a workbook."""

    def __init__(self, info: SourceInfo) -> None:
        self.info = info
        self._lines: LineReader | None = None
        self._rows_done = 0
        self._rows_total = 0
        self.delimiter = ""
        self._first_cells: list[Any] = []

    @property
    def encoding(self) -> str:
        return self._lines.encoding if self._lines is not None else self.info.encoding

    @property
    def fraction(self) -> float:
        if self._lines is not None:
            return self._lines.fraction
        return self._rows_done / self._rows_total if self._rows_total else 0.0

    def sha256(self) -> str:
        """Return the file's SHA-256 (a text file's once it was read through)."""
        if self._lines is not None and self._lines.finished:
            return self._lines.sha256()
        return file_sha256(self.info.path)

    def __iter__(self) -> Iterator[TableRow]:
        if self.info.workbook:
            return self._sheet_rows()
        return self._text_rows()

    def _text_rows(self) -> Iterator[TableRow]:
        self._lines = lines = LineReader(self.info)
        source = iter(lines)
        head: list[tuple[int, str, bool, str]] = []
        for item in source:
            head.append(item)
            if len(head) >= 20:
                break
        self.delimiter = sniff_delimiter([item[1] for item in head])
        pending: list[tuple[int, str, bool, str]] = []
        exhausted = False

        def feed() -> Iterator[str]:
            nonlocal exhausted
            for item in _chain(head, source):
                pending.append(item)
                yield item[1]
            exhausted = True

        reader = csv.reader(feed(), delimiter=self.delimiter)
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                raise self._csv_error(pending, error) from None
            if exhausted and len(pending) > 1 and _open_quote(pending, self.delimiter):
                # A quote that never closes swallowed every line after it into one cell.
                raise self._csv_error(pending, None)
            first = pending[0][0]
            if len(pending) == 1:
                raw, decoded = pending[0][1], pending[0][2]
            else:
                raw = "\n".join(item[1] for item in pending)
                decoded = all(item[2] for item in pending)
            pending.clear()
            if not self._first_cells and any(cells):
                self._first_cells = cells
            yield TableRow(first, cells, raw, decoded)

    def _csv_error(
        self, pending: list[tuple[int, str, bool, str]], error: csv.Error | None
    ) -> ImportFileError:
        """Say which row and column of a CSV file cannot be read, and what to do."""
        name = self.info.path.name
        opened = _open_quote(pending, self.delimiter)
        if opened is not None and (error is None or len(pending) > 1):
            line, column = opened
            return ImportFileError(
                "unclosed_quote",
                f'{name}: the quote (") opened in line {line}, {self._column(column)} is '
                f"never closed, so the lines after it would be read as one cell",
                f"open the file, close the quote on line {line} (or remove it), and import "
                "it again",
                file=name,
                row=line,
                column=column + 1,
            )
        first = pending[0][0] if pending else 0
        big = _long_field(pending, self.delimiter)
        if big is not None:
            line, column, start = big
            return ImportFileError(
                "field_too_large",
                f"{name}: line {line}, {self._column(column)} holds more than "
                f"{FIELD_LIMIT // (1024 * 1024)} MB of text (it starts {quoted(start)!r})",
                "check that the file is a CSV export of the records; shorten or remove that "
                "cell and import it again",
                file=name,
                row=line,
                column=column + 1,
            )
        reason = quoted(str(error), 120)
        return ImportFileError(
            "bad_csv",
            f"{name}: line {first} cannot be read as CSV ({reason})",
            "open the file, check that line, save it again as CSV and import it again",
            file=name,
            row=first,
        )

    def _column(self, index: int) -> str:
        header = self._first_cells[index] if index < len(self._first_cells) else ""
        header = str(header).strip()
        if header and len(header) <= 40:
            return f"column {index + 1} ({header})"
        return f"column {index + 1}"

    def _sheet_rows(self) -> Iterator[TableRow]:
        key = _sheet_key(self.info.path)
        held = _take_sheet(key)
        workbook = held[0] if held else open_workbook(self.info.path, self.info.format)
        finished = False
        try:
            sheet = held[1] if held else _first_sheet_with_data(workbook, self.info)
            start = sheet.start or (0, 0)
            self._rows_total = sheet.height or 0
            # Cells keep their sheet column: column C is index 2 even when A and B are empty.
            left: list[Any] = [None] * start[1]
            number = start[0]
            rows = sheet.iter_rows()
            while True:
                try:
                    values = next(rows)
                except StopIteration:
                    break
                except Exception as error:  # a damaged part of the file
                    raise _bad_workbook(self.info.path, self.info.format, error) from None
                number += 1
                self._rows_done += 1
                cells, texts = _row_cells(values)
                if left and cells:
                    cells = left + cells
                    texts = [""] * len(left) + texts
                yield TableRow(number, cells, "\t".join(texts))
            finished = True
        finally:
            # A first complete pass keeps the parsed sheet for the import's second one.
            if finished and held is None and key is not None:
                _hold_sheet(key, workbook, sheet)
            else:
                workbook.close()


# The sheet that the last complete pass over a workbook read, for the next pass over
# the same file: an import reads a file twice (check, then write), and parsing an
# .xlsx is most of a pass. At most one sheet is held; the next read of a workbook takes
# it (the same file) or drops it (another one).
_held_sheet: tuple[tuple[str, int, int], Any, Any] | None = None
_held_lock = threading.Lock()


def _sheet_key(path: Path) -> tuple[str, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return str(path.resolve()), status.st_mtime_ns, status.st_size


def _take_sheet(key: tuple[str, int, int] | None) -> tuple[Any, Any] | None:
    global _held_sheet
    with _held_lock:
        held, _held_sheet = _held_sheet, None
    if held is None:
        return None
    if held[0] == key:
        return held[1], held[2]
    held[1].close()
    return None


def _hold_sheet(key: tuple[str, int, int], workbook: Any, sheet: Any) -> None:
    global _held_sheet
    with _held_lock:
        previous, _held_sheet = _held_sheet, (key, workbook, sheet)
    if previous is not None:
        previous[1].close()


def _row_cells(values: list[Any]) -> tuple[list[Any], list[str]]:
    """Return a calamine row's cells (as _cell gives them, trailing empties cut) and texts.

    One loop does both, with text, whole numbers and times inline: a workbook of
    200,000 rows has a million cells, read twice by an import.
    """
    cells: list[Any] = []
    texts: list[str] = []
    for value in values:
        kind = value.__class__
        if kind is str:
            if value:
                cells.append(value)
                texts.append(value)
                continue
            value = None
        elif kind is float:
            if value.is_integer() and abs(value) < 1e15:
                number = int(value)
                cells.append(number)
                texts.append(str(number))
                continue
        elif kind is datetime:
            cells.append(value)
            texts.append(
                value.isoformat(" ", "seconds")
                if value.hour or value.minute or value.second
                else _raw_text(value)
            )
            continue
        else:
            value = _cell(value)
        cells.append(value)
        texts.append("" if value is None else _raw_text(value))
    while cells and cells[-1] is None:
        cells.pop()
        texts.pop()
    return cells, texts


def _cell(value: Any) -> Any:
    """Return a calamine cell as the importers take it (as openpyxl gave it)."""
    kind = value.__class__
    if kind is str:
        return value or None
    if kind is float:
        # Excel stores every number as a float: 1001.0 is the PIN 1001.
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if kind is date:
        # A date cell: openpyxl (and the importers) see midnight of that day.
        return datetime.combine(value, time(0))
    return value


def _raw_text(value: Any) -> str:
    """Return a converted cell as a row's text shows it (cell_text, faster for times)."""
    kind = value.__class__
    if kind is datetime and (value.hour or value.minute or value.second):
        return value.isoformat(" ", "seconds")
    if kind is int:
        return str(value)
    return cell_text(value)


def _open_quote(
    pending: list[tuple[int, str, bool, str]], delimiter: str
) -> tuple[int, int] | None:
    """Return (line number, column index) of a quote in these lines that never closes."""
    inside = False
    at_start = True
    opened: tuple[int, int] | None = None
    for number, text, _ok, _mark in pending:
        if not inside:
            column, at_start = 0, True
        index, length = 0, len(text)
        while index < length:
            char = text[index]
            if inside:
                if char == '"':
                    if index + 1 < length and text[index + 1] == '"':
                        index += 1
                    else:
                        inside, opened = False, None
                        at_start = False
            elif char == delimiter:
                column += 1
                at_start = True
            elif char == '"' and at_start:
                inside, opened = True, (number, column)
            else:
                at_start = False
            index += 1
    return opened if inside else None


def _long_field(
    pending: list[tuple[int, str, bool, str]], delimiter: str
) -> tuple[int, int, str] | None:
    """Return (line number, column index, its start) of the first cell over FIELD_LIMIT."""
    for number, text, _ok, _mark in pending:
        if len(text) <= FIELD_LIMIT:
            continue
        for column, part in enumerate(text.split(delimiter)):
            if len(part) > FIELD_LIMIT:
                return number, column, part.lstrip('"')
        return number, 0, text
    if pending:
        number, text = pending[0][0], pending[0][1]
        return number, 0, text
    return None


def _chain(
    head: list[tuple[int, str, bool, str]], rest: Iterator[tuple[int, str, bool, str]]
) -> Iterator[tuple[int, str, bool, str]]:
    yield from head
    yield from rest


def open_workbook(path: Path, format: str = "xlsx") -> Any:
    """Open a workbook (.xlsx, .xls, .ods) with python-calamine, or refuse it clearly."""
    from python_calamine import CalamineWorkbook  # late: only workbook imports need it

    try:
        with warnings.catch_warnings():
            # A library's warning (a header it cannot parse …) is no news to an inspector.
            warnings.simplefilter("ignore")
            return CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own errors, zip and OLE ones
        raise _bad_workbook(path, format, error) from None


def _bad_workbook(path: Path, format: str, error: BaseException) -> ImportFileError:
    label = {"xls": ".xls", "ods": ".ods"}.get(format, ".xlsx")
    return ImportFileError(
        "bad_workbook",
        f"{path.name} is not a readable {label} workbook ({type(error).__name__})",
        "open it in Excel or WPS (remove a password if it has one), save it again as "
        ".xlsx, or export CSV",
        file=path.name,
    )


def _first_sheet_with_data(workbook: Any, info: SourceInfo) -> Any:
    """Return the first visible worksheet that holds cells (else the first sheet)."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    first: Any = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for index, meta in enumerate(workbook.sheets_metadata):
                if meta.visible != SheetVisibleEnum.Visible or meta.typ != SheetTypeEnum.WorkSheet:
                    continue
                sheet = workbook.get_sheet_by_index(index)
                if first is None:
                    first = sheet
                if sheet.height and sheet.width:
                    return sheet
            if first is None:
                first = workbook.get_sheet_by_index(0)
    except Exception as error:
        raise _bad_workbook(info.path, info.format, error) from None
    return first


def cell_text(value: Any) -> str:
    """Return a cell's value as text the way the file shows it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0) and value.microsecond == 0:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(BLOCK_BYTES):
            digest.update(block)
    return digest.hexdigest()


def _utf16_text(sample: bytes) -> bool:
    """Return True when the sample reads as UTF-16-LE lines of printable text."""
    try:
        text = codecs.getincrementaldecoder("utf-16-le")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    if "\n" not in text and "\r" not in text:
        return False
    return text.replace("\t", "").replace("\r", "").replace("\n", "").isprintable()


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True
