"""Reading import files: what a file is, its encoding, and its rows, streamed.

Punch-clock and queue exports come as ZKTeco text files, CSV in UTF-8 (with or
without a BOM) or GB18030/GBK, UTF-16 "Unicode text" from Excel, or .xlsx.
`inspect_file` decides which from the first bytes and refuses, with a message that
says what to do, a file that is missing, empty, binary, an old .xls workbook or
text in another encoding. Rows are then streamed: memory stays flat however long
the file is, and a line that cannot be decoded is reported by its number instead
of stopping the import.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from hallwatch.services.imports.report import ImportFileError

# Bytes looked at to recognise a file and its encoding.
SAMPLE_BYTES = 256 * 1024
BLOCK_BYTES = 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Control bytes that never occur in text exports (tab, newlines, form feed and
# the DOS end-of-file mark excepted).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 26))

ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "gb18030": "GB18030",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
}


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What inspect_file found out about a file."""

    path: Path
    format: str  # "text" or "xlsx"
    encoding: str  # a Python codec name; "" for a workbook
    size: int
    # The sample held only ASCII: a later non-UTF-8 line may still be GB18030.
    ascii_sample: bool = False

    @property
    def encoding_label(self) -> str:
        """Return the encoding as shown to people (UTF-8, GB18030 …; Excel for .xlsx)."""
        if self.format == "xlsx":
            return "Excel (.xlsx)"
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
    if not sample.strip(b" \t\r\n\x1a"):
        raise ImportFileError(
            "empty", f"{path.name} is empty", "export the data again", file=path.name
        )
    if sample.startswith(_ZIP_MAGIC):
        return SourceInfo(path, "xlsx", "", size)
    if sample.startswith(_OLE_MAGIC):
        raise ImportFileError(
            "xls",
            f"{path.name} is an old Excel 97–2003 workbook (.xls)",
            "open it in Excel or WPS and save it as .xlsx or as CSV",
            file=path.name,
        )
    encoding, ascii_sample = _detect_encoding(path, sample)
    return SourceInfo(path, "text", encoding, size, ascii_sample)


def _detect_encoding(path: Path, sample: bytes) -> tuple[str, bool]:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", False
    # Excel's "Unicode text" without a BOM: every second byte of ASCII text is zero.
    if len(sample) >= 8 and sample[1::2].count(0) > 0.9 * (len(sample) // 2):
        return "utf-16-le", False
    nul = sample.find(b"\x00")
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if nul >= 0 or controls > max(8, len(sample) // 200):
        where = nul if nul >= 0 else next(i for i, b in enumerate(sample) if b in _CONTROL)
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


class LineReader:
    """Stream the lines of a text file as (line number, text, decoded cleanly).

    Also hashes every byte read (SHA-256) and counts them, for the batch record
    and for progress.
    """

    def __init__(self, info: SourceInfo) -> None:
        self.info = info
        self.encoding = info.encoding
        self.position = 0
        self._hash = hashlib.sha256()
        self.finished = False

    @property
    def fraction(self) -> float:
        return self.position / self.info.size if self.info.size else 1.0

    def sha256(self) -> str:
        """Return the SHA-256 of the file (once every line was read)."""
        return self._hash.hexdigest()

    def __iter__(self) -> Iterator[tuple[int, str, bool]]:
        if self.encoding.startswith("utf-16"):
            return self._utf16_lines()
        return self._byte_lines()

    def _byte_lines(self) -> Iterator[tuple[int, str, bool]]:
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
                lines = (carry + block).split(b"\n")
                carry = lines.pop()
                # Neither UTF-8 nor GB18030 uses the byte 0x0A inside a character, so
                # splitting bytes on it is safe, and a bad line stays one bad line.
                for raw in lines:
                    number += 1
                    try:
                        text = raw.decode(encoding)
                    except UnicodeDecodeError:
                        text, ok, encoding = self._decode_badly(raw, encoding)
                    else:
                        ok = True
                    if text.endswith("\r"):
                        text = text[:-1]
                    yield number, text, ok
        if carry.strip(b"\r\x1a"):
            number += 1
            text, ok = self._decode_last(carry, encoding)
            yield number, text.rstrip("\r\x1a"), ok
        self.finished = True

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

    def _utf16_lines(self) -> Iterator[tuple[int, str, bool]]:
        number = 0
        with self.info.path.open("rb") as handle:
            hashing = io.BufferedReader(_HashingReader(handle, self), BLOCK_BYTES)
            text_stream = io.TextIOWrapper(
                hashing, encoding=self.encoding, errors="replace", newline=""
            )
            for line in text_stream:
                number += 1
                text = line.rstrip("\r\n")
                yield number, text.lstrip("\ufeff") if number == 1 else text, "\ufffd" not in text
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
    """Stream the rows of a CSV/text table or of the first sheet of an .xlsx workbook."""

    def __init__(self, info: SourceInfo) -> None:
        self.info = info
        self._lines: LineReader | None = None
        self._rows_done = 0
        self._rows_total = 0
        self.delimiter = ""

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
        if self.info.format == "xlsx":
            return self._sheet_rows()
        return self._text_rows()

    def _text_rows(self) -> Iterator[TableRow]:
        self._lines = lines = LineReader(self.info)
        source = iter(lines)
        head: list[tuple[int, str, bool]] = []
        for item in source:
            head.append(item)
            if len(head) >= 20:
                break
        self.delimiter = sniff_delimiter([text for _, text, _ in head])
        pending: list[tuple[int, str, bool]] = []

        def feed() -> Iterator[str]:
            for item in _chain(head, source):
                pending.append(item)
                text = item[1]
                yield text.replace("\x00", "") if "\x00" in text else text

        reader = csv.reader(feed(), delimiter=self.delimiter)
        for cells in reader:
            first = pending[0][0]
            if len(pending) == 1:
                raw, decoded = pending[0][1], pending[0][2]
            else:
                raw = "\n".join(text for _, text, _ in pending)
                decoded = all(ok for _, _, ok in pending)
            pending.clear()
            yield TableRow(first, cells, raw, decoded)

    def _sheet_rows(self) -> Iterator[TableRow]:
        workbook = open_workbook(self.info.path)
        try:
            sheet = _first_sheet_with_data(workbook)
            self._rows_total = sheet.max_row or 0
            start = sheet.min_row or 1
            for offset, values in enumerate(sheet.iter_rows(values_only=True)):
                self._rows_done = offset + 1
                cells = list(values)
                while cells and cells[-1] is None:
                    cells.pop()
                yield TableRow(start + offset, cells, "\t".join(cell_text(c) for c in cells))
        finally:
            workbook.close()


def _chain(
    head: list[tuple[int, str, bool]], rest: Iterator[tuple[int, str, bool]]
) -> Iterator[tuple[int, str, bool]]:
    yield from head
    yield from rest


def open_workbook(path: Path) -> Any:
    """Open an .xlsx workbook read-only (streaming), or refuse it clearly."""
    from openpyxl import load_workbook  # late: openpyxl takes a while to import

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError and its own errors
        raise ImportFileError(
            "bad_workbook",
            f"{path.name} is not a readable .xlsx workbook ({type(error).__name__})",
            "open it in Excel or WPS, save it as .xlsx again, or export CSV",
            file=path.name,
        ) from None


def _first_sheet_with_data(workbook: Any) -> Any:
    sheets = [workbook.active, *workbook.worksheets]
    for sheet in sheets:
        if sheet is not None and (sheet.max_row or 0) > 0 and sheet.max_column:
            return sheet
    return workbook.worksheets[0]


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


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True
