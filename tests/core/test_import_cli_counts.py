"""`hallwatch import` says what it skipped and merged, one short line each."""

from __future__ import annotations

import contextlib
import io
import sqlite3
from pathlib import Path

import pytest
from data_folders import copy_data_folder
from import_fixtures import ZKTIME_HEADERS
from openpyxl import Workbook

from hallwatch.cli.main import main
from hallwatch.storage.database import DataFolder


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> DataFolder:
    folder = DataFolder(tmp_path_factory.mktemp("counts") / "data")
    code = main(
        ["--data-dir", str(folder.root), "demo", "--scale", "tiny", "--until", "2026-03-31"],
        out=io.StringIO(),
    )
    assert code == 0
    return folder


@pytest.fixture
def folder(demo_folder: DataFolder, tmp_path: Path) -> DataFolder:
    return copy_data_folder(demo_folder, tmp_path / "copy")


def people(folder: DataFolder) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(folder.db_path)) as conn:
        return conn.execute("SELECT pin, name FROM staff ORDER BY staff_no LIMIT 3").fetchall()


def run(folder: DataFolder, *args: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = main(["--data-dir", str(folder.root), *args], out=out)
    return code, out.getvalue().splitlines()


def test_cli_import_zktime_xlsx_counts_absent_footer_header_duplicates(
    folder: DataFolder, tmp_path: Path
) -> None:
    (a_pin, a), (b_pin, b), (c_pin, c) = people(folder)
    rows = [
        ["考勤记录表"],
        [],
        ZKTIME_HEADERS,
        [a_pin, a, "2026/4/1", "上午", "8:52", "12:01", "", "", ""],
        [a_pin, a, "2026/4/1", "上午", "8:52", "12:01", "", "", ""],  # the same row twice
        ZKTIME_HEADERS,  # page 2 of the export repeats the header
        [b_pin, b, "2026/4/1", "上午", "08:58", "12:03", "", "", ""],
        [c_pin, c, "2026/4/1", "上午", "", "", "", "", "是"],  # absent
        [c_pin, c, "2026/4/1", "下午", "", "", "", "", "是"],
        [],
        ["合计", "", "", "", "", "", "0", "0", "2"],
        ["Page &P of &N"],
    ]
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.number_format = "@"
    path = tmp_path / "签到签退.xlsx"
    book.save(path)

    code, lines = run(folder, "import", "punches", str(path))

    assert code == 0, lines
    assert lines[0].startswith(
        "punches 签到签退.xlsx: read 6, imported 4, skipped 0, duplicates 2, warnings 3; batch "
    )
    assert lines[1:] == [
        "absent days (a row with neither sign-in nor sign-out time): 2",
        "footer rows skipped (totals, signatures, page numbers): 2",
        "repeated header rows skipped (a second export pasted below?): 1",
        "warning: row 6: skipped row 6: it repeats the header of row 3 (a second export "
        "pasted below the first?)",
        "warning: row 11: skipped a footer line, not a record ('合计')",
        "warning: row 12: skipped a footer line, not a record ('Page &P of &N')",
    ]


def test_cli_import_wrapped_attlog_counts_torn_lines(folder: DataFolder, tmp_path: Path) -> None:
    pin = people(folder)[0][0]
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(
        f"{pin:>9}\t2026-04-01 08:01:00\t1\t0\t1\t0\r\n".encode()
        + b"\x00" * 300_000
        + b"01 12:00:00\t1\t1\t1\t0\r\n"
        + f"{pin:>9}\t2026-03-31 17:40:00\t1\t1\t1\t0\r\n".encode()
    )

    code, lines = run(folder, "import", "attlog", str(path))

    assert code == 0, lines
    assert lines[0].startswith("attlog 1_attlog.dat: read 2, imported 2, skipped 0")
    assert lines[1] == "torn lines skipped (the device's log wrapped round): 1"
    assert lines[2].startswith("warning: row 2: line 2 is a record torn when the device's log")


def test_cli_import_plain_file_prints_no_count_lines(folder: DataFolder, tmp_path: Path) -> None:
    pin = people(folder)[0][0]
    path = tmp_path / "1_attlog.dat"
    path.write_text(f"{pin:>9}\t2026-04-01 08:01:00\t1\t0\t1\t0\n", encoding="ascii")

    code, lines = run(folder, "import", "attlog", str(path))

    assert code == 0
    assert len(lines) == 1
