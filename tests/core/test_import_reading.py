"""Reading real device and office files: wrapped ZKTeco logs, NUL padding, every line
ending, and workbooks (.xls, .xlsx, .ods) read with python-calamine."""

from __future__ import annotations

import uuid
import warnings
import zipfile
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from import_fixtures import (
    SmallHall,
    cli,
    counts,
    device_line,
    ods_workbook,
    small_hall,
    wrapped_attlog,
    xls_workbook,
    xlsx_with_wrong_dimension,
    zero_padded_attlog,
)
from openpyxl import Workbook
from sqlalchemy import select

from hallwatch.services.imports import ImportFileError, import_file, preview
from hallwatch.services.imports.reading import (
    BLOCK_BYTES,
    LineReader,
    SourceInfo,
    inspect_file,
)
from hallwatch.storage.database import Database
from hallwatch.storage.models import AttendanceEvent, Staff

ZONE = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 4, 1)


@pytest.fixture
def hall(db: Database) -> SmallHall:
    return small_hall(db)


def at(hh: int, mm: int, ss: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hh, mm, ss))


def utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=ZONE).astimezone(UTC)


def punches(db: Database) -> list[tuple[uuid.UUID, datetime]]:
    with db.read() as session:
        return [
            (staff, moment)
            for staff, moment in session.execute(
                select(AttendanceEvent.staff_id, AttendanceEvent.occurred_at).order_by(
                    AttendanceEvent.occurred_at, AttendanceEvent.staff_id
                )
            )
        ]


# The newer part of a wrapped log (after the wrap-round), and the older part.
NEWER = [
    device_line("1001", at(8, 51, 23), verify=15),
    device_line("1002", at(8, 55, 2), status=255, verify=15),
    device_line("3001", at(9, 0, 41)),
]
OLDER = [
    device_line("1002", at(17, 31, 5, date(2026, 3, 31)), status=1),
    device_line("1001", at(17, 40, 0, date(2026, 3, 31)), status=255, verify=15),
    device_line("3001", at(17, 45, 9, date(2026, 3, 31)), status=1),
]
# What the wrap-round left of "     1001\t2026-03-31 12:02:11…": "01" would name PIN 1.
TORN = device_line("1001", at(12, 2, 11, date(2026, 3, 31)))[7:]


# --- wrapped and padded ZKTeco logs --------------------------------------------


def test_wrapped_attlog_imports_every_record_and_warns_of_the_torn_line(
    hall: SmallHall, tmp_path: Path
) -> None:
    assert TORN.startswith("01\t")
    path = wrapped_attlog(tmp_path / "1_attlog.dat", NEWER, TORN, OLDER)
    assert path.stat().st_size > 300 * 1024

    code, out = cli(hall.db, "import", "attlog", str(path))

    assert code == 0, out
    assert "warning: row 4:" in out
    assert "line 4 is a record torn" in out
    stored = punches(hall.db)
    assert len(stored) == 6
    # Nobody got the torn line's punch, least of all PIN 1.
    assert hall.staff["1"] not in {staff for staff, _ in stored}
    assert (hall.staff["1002"], utc(at(8, 55, 2))) in stored
    assert (hall.staff["1001"], utc(at(17, 40, 0, date(2026, 3, 31)))) in stored


def test_wrapped_attlog_report_names_the_torn_line(hall: SmallHall, tmp_path: Path) -> None:
    path = wrapped_attlog(tmp_path / "1_attlog.dat", NEWER, TORN, OLDER)
    report = import_file(hall.db, hall.id, "attlog", path)
    assert (report.rows_read, report.rows_imported, report.error_count) == (6, 6, 0)
    assert report.warning_count == 1
    warning = report.warnings[0]
    assert (warning.row, warning.code) == (4, "torn_line")
    assert warning.value.startswith("01")
    assert report.encoding == "utf-8"
    # The preview shows the records and not the torn line.
    shown = preview(path, "attlog")
    assert shown.row_numbers == [1, 2, 3, 5, 6, 7]
    assert shown.problems == []


def test_attlog_that_starts_in_its_padding_is_read(hall: SmallHall, tmp_path: Path) -> None:
    # 400 KB of NULs first: the 256 KB sample holds nothing else.
    path = wrapped_attlog(tmp_path / "2_attlog.dat", [], TORN, OLDER, nuls=400 * 1024, leading=True)
    report = import_file(hall.db, hall.id, "attlog", path)
    assert report.rows_imported == 3
    assert [(w.row, w.code) for w in report.warnings] == [(1, "torn_line")]


def test_attlog_with_a_short_nul_run_is_not_read_as_utf16(hall: SmallHall, tmp_path: Path) -> None:
    # Before, 2 KB of NULs in a small file made every second byte zero "enough".
    path = wrapped_attlog(tmp_path / "3_attlog.dat", NEWER, TORN, OLDER, nuls=2048)
    assert inspect_file(path).encoding == "utf-8"
    report = import_file(hall.db, hall.id, "attlog", path)
    assert (report.rows_imported, report.warning_count) == (6, 1)


def test_attlog_padded_with_nuls_to_a_fixed_size(hall: SmallHall, tmp_path: Path) -> None:
    path = zero_padded_attlog(tmp_path / "1_attlog.dat", NEWER, size=1024 * 1024)
    report = import_file(hall.db, hall.id, "attlog", path)
    assert (report.rows_imported, report.warning_count, report.error_count) == (3, 0, 0)


def test_attlog_record_cut_by_padding_kept_when_whole_else_warned(
    hall: SmallHall, tmp_path: Path
) -> None:
    # The last record runs straight into the padding, with no line end: still whole.
    whole = zero_padded_attlog(tmp_path / "a.dat", NEWER, size=64 * 1024, last_newline=False)
    report = import_file(hall.db, hall.id, "attlog", whole)
    assert (report.rows_imported, report.warning_count) == (3, 0)
    # Cut inside its time: skipped, with a warning naming line 3.
    cut = [*OLDER[:2], OLDER[2][:22]]
    path = zero_padded_attlog(tmp_path / "b.dat", cut, size=64 * 1024, last_newline=False)
    report = import_file(hall.db, hall.id, "attlog", path)
    assert report.rows_imported == 2
    assert [(w.row, w.code) for w in report.warnings] == [(3, "torn_line")]


def test_file_of_nothing_but_padding_is_empty(hall: SmallHall, tmp_path: Path) -> None:
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(b"\x00" * 600_000)
    before = counts(hall.db)
    with pytest.raises(ImportFileError) as caught:
        import_file(hall.db, hall.id, "attlog", path)
    assert caught.value.code == "empty"
    assert "1_attlog.dat" in str(caught.value)
    assert counts(hall.db) == before


def test_real_binary_still_refused_with_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "photo.dat"
    path.write_bytes(b"PIN\tTime\n" + bytes(range(1, 32)) * 40)
    with pytest.raises(ImportFileError) as caught:
        inspect_file(path)
    assert caught.value.code == "binary"
    assert caught.value.params["offset"] == 9


# --- line endings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("separators", "name"),
    [
        (["\r", "\r", "\r", "\r", "\r", "\r"], "cr_only"),
        (["\r\n", "\n", "\r", "\r\n", "\r", "\n"], "mixed"),
    ],
)
def test_attlog_every_line_ending_counts(
    hall: SmallHall, tmp_path: Path, separators: list[str], name: str
) -> None:
    lines = [*NEWER, *OLDER]
    path = tmp_path / f"{name}.dat"
    path.write_bytes(
        "".join(line + end for line, end in zip(lines, separators, strict=True)).encode()
    )
    report = import_file(hall.db, hall.id, "attlog", path)
    assert (report.rows_read, report.rows_imported) == (6, 6)
    assert len(punches(hall.db)) == 6


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_line_end_split_by_the_read_block_is_one_line_end(tmp_path: Path, ending: bytes) -> None:
    # The CR is the last byte of the first block, the LF (if any) the first of the next.
    first = b"a" * (BLOCK_BYTES - 1)
    path = tmp_path / "edge.txt"
    path.write_bytes(first + ending + b"b" + ending + b"c")
    info = SourceInfo(path, "text", "utf-8", path.stat().st_size)
    lines = [(number, text) for number, text, _ok, _mark in LineReader(info)]
    assert [(n, len(t)) for n, t in lines] == [(1, BLOCK_BYTES - 1), (2, 1), (3, 1)]


# --- workbooks --------------------------------------------------------------------


def test_zktime_xls_punch_workbook_of_text_cells(hall: SmallHall, tmp_path: Path) -> None:
    path = xls_workbook(
        tmp_path / "考勤记录.xls",
        [
            ["考勤记录表"],
            [],
            ["考勤号码", "姓名", "部门", "日期", "时间"],
            ["1001", "张瑞娜", "市场监管局", "2026/4/1", "08:31:07"],
            ["1002", "马辉林", "市场监管局", "2026/4/1", "8:52"],
            ["3001", "宋娜", "人社局", "2026/4/2", "17:33:00"],
        ],
    )
    shown = preview(path, "punches")
    assert (shown.format, shown.encoding) == ("xls", "Excel 97–2003 (.xls)")
    assert shown.header_row == 3
    assert shown.row_numbers == [4, 5, 6]

    code, out = cli(hall.db, "import", "punches", str(path))

    assert code == 0, out
    assert punches(hall.db) == [
        (hall.staff["1001"], utc(at(8, 31, 7))),
        (hall.staff["1002"], utc(at(8, 52))),
        (hall.staff["3001"], utc(at(17, 33, 0, date(2026, 4, 2)))),
    ]


def test_xls_with_number_and_date_cells(hall: SmallHall, tmp_path: Path) -> None:
    path = xls_workbook(
        tmp_path / "p.xls",
        [["工号", "打卡时间", "设备号"], [1001, at(8, 50, 1), 3], [1002.0, at(9, 0), "3"]],
    )
    report = import_file(hall.db, hall.id, "punches", path)
    assert report.rows_imported == 2
    assert punches(hall.db) == [
        (hall.staff["1001"], utc(at(8, 50, 1))),
        (hall.staff["1002"], utc(at(9, 0))),
    ]


def test_xls_roster(db: Database, hall: SmallHall, tmp_path: Path) -> None:
    path = xls_workbook(
        tmp_path / "花名册.xls",
        [
            ["窗口工作人员花名册"],
            ["工号", "姓名", "单位", "窗口", "考勤号", "电话"],
            ["05001", "赵敏", "税务局", "B01", "5001", "13800000001"],
            ["05002", "钱七", "税务局", "B02", 5002, ""],
        ],
        sheet="人员名单",
    )
    report = import_file(db, hall.id, "roster", path)
    assert (report.rows_read, report.rows_imported, report.error_count) == (2, 2, 0)
    with db.read() as session:
        stored = {s.staff_no: (s.name, s.pin, s.phone) for s in session.scalars(select(Staff))}
    assert stored["05001"] == ("赵敏", "5001", "13800000001")
    assert stored["05002"] == ("钱七", "5002", "")


def test_ods_punches(hall: SmallHall, tmp_path: Path) -> None:
    path = ods_workbook(tmp_path / "p.ods", [["工号", "打卡时间"], ["1001", "2026-04-01 08:40:00"]])
    assert inspect_file(path).format == "ods"
    report = import_file(hall.db, hall.id, "punches", path)
    assert report.rows_imported == 1
    assert report.encoding == ""
    assert preview(path, "punches").encoding == "OpenDocument (.ods)"


def test_xlsx_rows_and_columns_beyond_a_wrong_dimension_are_read(
    db: Database, hall: SmallHall, tmp_path: Path
) -> None:
    rows: list[list[object]] = [["工号", "姓名", "单位", "窗口", "考勤号", "电话"]]
    rows += [
        [f"06{n:03d}", f"员工{n}", "税务局", f"B{n:02d}", str(6000 + n), f"1390000{n:04d}"]
        for n in range(1, 50)
    ]
    path = xlsx_with_wrong_dimension(tmp_path / "r.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        assert '<dimension ref="A1:B2"/>' in archive.read("xl/worksheets/sheet1.xml").decode()

    report = import_file(db, hall.id, "roster", path)

    assert (report.rows_read, report.rows_imported) == (49, 49)
    with db.read() as session:
        last = session.scalars(select(Staff).where(Staff.staff_no == "06049")).one()
    # Row 50, columns E and F: beyond what the dimension claims.
    assert (last.pin, last.phone) == ("6049", "13900000049")


def test_workbook_footer_warning_never_reaches_the_user(hall: SmallHall, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["工号", "打卡时间"])
    book.active.append(["1001", "2026-04-01 08:40:00"])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    path = tmp_path / "footer.xlsx"
    # A footer as ZKTime writes it, which openpyxl cannot parse (and warns about).
    footer = "<headerFooter><oddFooter>Page &amp;P of &amp;N</oddFooter>"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</worksheet>", f"{footer}</headerFooter></worksheet>".encode()
                )
            target.writestr(item, data)
    from openpyxl import load_workbook

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        load_workbook(path).close()
    assert any("header or footer" in str(w.message) for w in seen)

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        report = import_file(hall.db, hall.id, "punches", path)
    assert report.rows_imported == 1
    assert [str(w.message) for w in seen] == []


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        ("damaged.xlsx", None, ".xlsx"),
        ("damaged.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8, ".xls"),
    ],
)
def test_damaged_workbook_refused_naming_the_file(
    hall: SmallHall, tmp_path: Path, name: str, content: bytes | None, label: str
) -> None:
    path = tmp_path / name
    if content is None:
        book = Workbook()
        book.active.append(["工号", "打卡时间"])
        book.save(path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(content)
    before = counts(hall.db)
    with pytest.raises(ImportFileError) as caught:
        import_file(hall.db, hall.id, "punches", path)
    assert caught.value.code == "bad_workbook"
    assert f"{name} is not a readable {label} workbook" in str(caught.value)
    assert counts(hall.db) == before
    code, out = cli(hall.db, "import", "punches", str(path))
    assert code != 0
    assert out == ""


def test_attlog_kind_refuses_a_workbook(hall: SmallHall, tmp_path: Path) -> None:
    path = xls_workbook(tmp_path / "1_attlog.xls", [["工号", "打卡时间"]])
    with pytest.raises(ImportFileError) as caught:
        import_file(hall.db, hall.id, "attlog", path)
    assert caught.value.code == "attlog_workbook"
    assert "(.xls)" in str(caught.value)


def test_workbook_changed_between_imports_is_read_again(hall: SmallHall, tmp_path: Path) -> None:
    # An import keeps the parsed sheet for its second pass: a changed file is never
    # taken for the sheet held from the last read.
    path = tmp_path / "p.xlsx"
    book = Workbook()
    book.active.append(["工号", "打卡时间"])
    book.active.append(["1001", "2026-04-01 08:40:00"])
    book.save(path)
    assert import_file(hall.db, hall.id, "punches", path, dry_run=True).rows_read == 1
    book.active.append(["1002", "2026-04-01 08:41:00"])
    book.save(path)
    report = import_file(hall.db, hall.id, "punches", path)
    assert (report.rows_read, report.rows_imported) == (2, 2)
    assert len(punches(hall.db)) == 2


def test_utf16_without_bom_is_still_utf16(hall: SmallHall, tmp_path: Path) -> None:
    # Real UTF-16 has its NULs interleaved, at most two in a row ("1" then "一" is
    # 31 00 00 4E): never mistaken for padding, nor padding for it.
    path = tmp_path / "unicode.txt"
    text = "工号\t姓名\t打卡时间\r\n1001\t一\t2026-04-01 08:00:00\r\n"
    path.write_bytes(text.encode("utf-16-le"))
    assert b"\x00\x00" in path.read_bytes()
    assert inspect_file(path).encoding == "utf-16-le"
    assert import_file(hall.db, hall.id, "punches", path).rows_imported == 1
