"""Files shaped like the field's, and a small hall to import them into (reading tests)."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from hallwatch.cli.main import main
from hallwatch.domain.ids import uuid7
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage.database import Database
from hallwatch.storage.models import ServiceItem, Staff, Unit, Window

# The columns of a ZKTime 签到/签退 sheet (考勤记录表), as offices save it.
ZKTIME_HEADERS = [
    "考勤号码",
    "姓名",
    "日期",
    "对应时段",
    "签到时间",
    "签退时间",
    "迟到时间",
    "早退时间",
    "是否旷工",
]

# PIN "1" is there on purpose: a torn "     1001" line that kept only "01" would
# name this person if the reader let it through.
STAFF = (
    ("01001", "张瑞娜", "1001", "SCJG"),
    ("01002", "马辉林", "1002", "SCJG"),
    ("03001", "宋娜", "3001", "RSJ"),
    ("00001", "王一", "1", "RSJ"),
)


@dataclass(frozen=True, slots=True)
class SmallHall:
    db: Database
    id: uuid.UUID
    staff: dict[str, uuid.UUID]  # by PIN


def small_hall(db: Database) -> SmallHall:
    """A hall that syncs: two units, three windows, four staff, three service items."""
    units: dict[str, uuid.UUID] = {}
    staff: dict[str, uuid.UUID] = {}
    with db.write("test") as session:
        hall = create_hall(session, code="YZ", name="云州市政务服务中心")
        for code, name in (("SCJG", "云州市市场监督管理局"), ("RSJ", "云州市人社局")):
            unit = Unit(id=uuid7(), hall_id=hall.id, code=code, name=name, short_name=name[3:])
            session.add(unit)
            session.flush()
            units[code] = unit.id
        for number, unit_code in (("A01", "SCJG"), ("A02", "SCJG"), ("C01", "RSJ")):
            session.add(
                Window(id=uuid7(), hall_id=hall.id, number=number, unit_id=units[unit_code])
            )
        for staff_no, name, pin, unit_code in STAFF:
            person = Staff(
                id=uuid7(),
                hall_id=hall.id,
                staff_no=staff_no,
                name=name,
                pin=pin,
                unit_id=units[unit_code],
            )
            session.add(person)
            staff[pin] = person.id
        for code, name, unit_code, promised, legal in (
            ("SCJG-001", "企业设立登记", "SCJG", 1, 15),
            ("SCJG-004", "食品经营许可证核发", "SCJG", 7, 20),
            ("RSJ-001", "社会保障卡申领", "RSJ", 0, 1),
        ):
            session.add(
                ServiceItem(
                    id=uuid7(),
                    hall_id=hall.id,
                    unit_id=units[unit_code],
                    code=code,
                    name=name,
                    promised_days=promised,
                    legal_days=legal,
                )
            )
    return SmallHall(db, hall.id, staff)


def counts(db: Database) -> dict[str, object]:
    """Row counts of every table and the sync state: what 'nothing changed' means."""
    with contextlib.closing(sqlite3.connect(db.folder.db_path)) as conn:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found: dict[str, object] = {
            n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names
        }
        found["sync_state"] = dict(conn.execute("SELECT key, value FROM sync_state").fetchall())
    return found


def cli(db: Database, *args: str) -> tuple[int, str]:
    """Run `hallwatch ARGS` in this process against the test's data folder."""
    out = io.StringIO()
    code = main(["--data-dir", str(db.folder.root), *args], out=out)
    return code, out.getvalue()


# --- ZKTeco attlog files, as a device writes them ---------------------------


def device_line(
    pin: str, moment: datetime, device: str = "1", status: int = 0, verify: int = 1
) -> str:
    """One attlog record: right-aligned, space-padded PIN, tab separated."""
    return f"{pin:>9}\t{moment:%Y-%m-%d %H:%M:%S}\t{device}\t{status}\t{verify}\t0"


def wrapped_attlog(
    path: Path,
    newer: list[str],
    torn: str,
    older: list[str],
    nuls: int = 300 * 1024,
    leading: bool = False,
) -> Path:
    """Write a log that wrapped round: newer records (CRLF), NULs, a torn line, older (LF).

    leading=True starts the file in the NUL run (the newer part is then empty).
    """
    data = b"" if leading else "".join(f"{line}\r\n" for line in newer).encode("ascii")
    data += b"\x00" * nuls + torn.encode("ascii") + b"\n"
    data += "".join(f"{line}\n" for line in older).encode("ascii")
    path.write_bytes(data)
    return path


def zero_padded_attlog(path: Path, lines: list[str], size: int, last_newline: bool = True) -> Path:
    """Write records, then NULs to a fixed file size (as some firmware keeps the file)."""
    text = "\r\n".join(lines) + ("\r\n" if last_newline else "")
    data = text.encode("ascii")
    path.write_bytes(data + b"\x00" * (size - len(data)))
    return path


# --- workbooks -----------------------------------------------------------------


def xls_workbook(path: Path, rows: list[list[object]], sheet: str = "Sheet1") -> Path:
    """Write an Excel 97–2003 workbook with xlwt (as ZKTime and WPS save by default)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    page = book.add_sheet(sheet)
    stamp = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime):
                page.write(r, c, value, stamp)
            else:
                page.write(r, c, value)
    book.save(str(path))
    return path


def ods_workbook(path: Path, rows: list[list[str]]) -> Path:
    """Write a minimal OpenDocument spreadsheet (text cells) by hand."""
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p>'
            "</table:table-cell>"
            for value in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f"{cells}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def xlsx_with_wrong_dimension(path: Path, rows: list[list[object]], claimed: str = "A1:B2") -> Path:
    """Write an .xlsx with openpyxl, then make its <dimension> claim less than it holds."""
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    plain = path.with_name(path.stem + ".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                start = text.index("<dimension ref=")
                end = text.index("/>", start) + 2
                data = (text[:start] + f'<dimension ref="{claimed}"/>' + text[end:]).encode()
            target.writestr(item, data)
    plain.unlink()
    return path
