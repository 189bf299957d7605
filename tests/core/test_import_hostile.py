"""Hostile files through every importer (issue 11 items 22–25, 29), on the real CLI path.

Each file is shaped as a real export goes wrong: a punch in 2100, a key column twice,
a second export pasted below the first with its BOM, a header of a million columns,
a 200 KB PIN, a name with terminal colour codes. Every case runs `hallwatch import`
in-process on a copy of a demo hall and checks what a user sees: no internal error
or traceback, a short message that names the row and the column, and nothing changed
when the file is refused.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from data_folders import copy_data_folder

from hallwatch.cli.main import main
from hallwatch.demo.generator import generate_demo
from hallwatch.services.imports import ColumnMapping, save_mapping
from hallwatch.storage.database import Database, DataFolder

# What a message may take at most: one line a person reads, not a copy of the file.
MAX_LINE = 420
MAX_OUTPUT = 6000
TABLE_KINDS = ("roster", "punches", "queue", "cases")
ALL_KINDS = ("roster", "attlog", "punches", "queue", "cases")


@dataclass(frozen=True, slots=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def run(folder: DataFolder, *args: str) -> Result:
    """Run `hallwatch ARGS` in this process, as the console script does.

    Checks what every run must hold: no internal error, no traceback, short output
    (--json prints the report as one line: only its total length is bounded).
    """
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(folder.root), *args], out=out)
    result = Result(code, out.getvalue(), err.getvalue())
    text = result.out + result.err
    assert "internal error" not in text
    assert "Traceback" not in text
    assert len(text) <= MAX_OUTPUT, text[:500]
    if "--json" not in args:
        assert all(len(line) <= MAX_LINE for line in text.splitlines()), text[:500]
    return result


def counts(folder: DataFolder) -> dict[str, int]:
    """Row counts of every table: what 'nothing changed' means."""
    with contextlib.closing(sqlite3.connect(folder.db_path)) as conn:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
        }


def query(folder: DataFolder, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(folder.db_path)) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> DataFolder:
    folder = DataFolder(tmp_path_factory.mktemp("hostile") / "data")
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    return folder


@pytest.fixture
def folder(demo_folder: DataFolder, tmp_path: Path) -> DataFolder:
    """A fresh copy of the demo hall for each test."""
    return copy_data_folder(demo_folder, tmp_path / "copy")


# The demo hall: PIN 1001 is staff number 01001 at window A01; 企业设立登记 is an item.
PIN = "1001"


def attlog_line(pin: str, moment: str, device: str = "1") -> str:
    return f"{pin:>9}\t{moment}\t{device}\t0\t1\t0"


def table_file(
    kind: str, path: Path, rows: list[list[str]], header: list[str] | None = None
) -> Path:
    """Write a CSV export of a kind: its usual header, then rows (cells in header order)."""
    headers = {
        "roster": ["工号", "姓名", "单位", "窗口"],
        "punches": ["工号", "打卡时间", "机器号"],
        "queue": ["票号", "窗口", "工号", "取号时间", "叫号时间", "办结时间"],
        "cases": ["办件编号", "事项名称", "受理时间", "承诺时限", "法定时限", "办结时间"],
    }
    lines = [",".join(header or headers[kind]), *(",".join(row) for row in rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def good_row(kind: str, key: str = "", moment: str = "2026-04-01 09:00:00") -> list[str]:
    """A row that imports, with its key (staff number, PIN, ticket, case number) given."""
    if kind == "roster":
        return [key or "99001", "新同事", "税务局", "Z01" if not key else f"Z{key[-2:]}"]
    if kind == "punches":
        return [key or PIN, moment, "1"]
    if kind == "queue":
        return [key or "HX-901", "A01", PIN, moment, moment.replace(":00:00", ":05:00"), ""]
    return [key or "YZ-1", "企业设立登记", moment, "5", "20", ""]


# --- item 22: impossible dates, refused the same way by every importer ----------------

TIME_COLUMN = {"attlog": "Time", "punches": "打卡时间", "queue": "取号时间", "cases": "受理时间"}


@pytest.mark.parametrize("kind", ["attlog", "punches", "queue", "cases"])
@pytest.mark.parametrize(
    ("moment", "code", "words"),
    [
        ("2100-01-01 08:00:00", "future", "is in the future"),
        ("1999-12-31 08:00:00", "time_out_of_range", "is before 2000"),
        # Quoted as the file wrote it, not as HallWatch would write the time.
        ("1999/12/31 8:00", "time_out_of_range", "is before 2000"),
    ],
)
def test_hostile_impossible_date_refused_alike(
    folder: DataFolder, tmp_path: Path, kind: str, moment: str, code: str, words: str
) -> None:
    if kind == "attlog":
        path = tmp_path / "1_attlog.dat"
        path.write_text(
            attlog_line(PIN, "2026-04-01 09:00:00") + "\r\n" + attlog_line(PIN, moment) + "\r\n",
            encoding="ascii",
        )
        bad_row = 2
    else:
        key = {"punches": PIN, "queue": "HX-902", "cases": "YZ-2"}[kind]
        path = table_file(
            kind, tmp_path / f"{kind}.csv", [good_row(kind), good_row(kind, key, moment)]
        )
        bad_row = 3
    before = counts(folder)

    result = run(folder, "import", kind, str(path))

    assert result.code == 1
    assert result.lines[0].startswith(f"{kind} {path.name}: read 2, imported 0, skipped 1")
    assert result.lines[1] == (
        f"row {bad_row}, column {TIME_COLUMN[kind]}: '{moment}' {words}; check the file, and "
        "the clock of the device or system that wrote it"
    )
    # The file's own text, whatever form HallWatch would have written the time in.
    assert f"'{moment}'" in result.lines[1]
    assert "nothing was imported: 1 row(s) have errors" in result.err
    assert counts(folder) == before
    json_result = run(folder, "import", kind, str(path), "--json")
    assert f'"code": "{code}"' in json_result.out


def test_hostile_date_before_2000_in_cells_of_its_own_quoted_as_written(
    folder: DataFolder, tmp_path: Path
) -> None:
    # A ZKTime-style sheet writes the date and the time in two cells: both are quoted.
    path = table_file(
        "punches",
        tmp_path / "签到.csv",
        [[PIN, "2026/4/1", "9:00"], [PIN, "1999/12/31", "8:00"]],
        header=["考勤号码", "日期", "签到时间"],
    )
    before = counts(folder)

    result = run(folder, "import", "punches", str(path))

    assert result.code == 1
    assert result.lines[1].startswith("row 3, column 签到时间: '1999/12/31 8:00' is before 2000")
    assert counts(folder) == before


# --- item 23: a key column twice ---------------------------------------------------------

KEY = {"roster": "staff_no", "punches": "pin", "queue": "ticket_no", "cases": "case_no"}


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_hostile_key_column_twice_refused_naming_both(
    folder: DataFolder, tmp_path: Path, kind: str
) -> None:
    # Two exports glued side by side: the key header twice, with different values.
    header = {
        "roster": ["工号", "姓名", "单位", "窗口", "工号"],
        "punches": ["工号", "打卡时间", "机器号", "工号"],
        "queue": ["票号", "窗口", "工号", "取号时间", "叫号时间", "办结时间", "票号"],
        "cases": [
            "办件编号",
            "事项名称",
            "受理时间",
            "承诺时限",
            "法定时限",
            "办结时间",
            "办件编号",
        ],
    }[kind]
    second = {"roster": "99009", "punches": "1002", "queue": "HX-909", "cases": "YZ-9"}[kind]
    path = table_file(kind, tmp_path / f"{kind}.csv", [[*good_row(kind), second]], header)
    first_header = header[0]
    last = len(header)
    before = counts(folder)

    result = run(folder, "import", kind, str(path))

    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert (
        f"two columns are headed '{first_header}' (column A (#1), "
        f"column {chr(64 + last)} (#{last})): the import cannot tell which one holds"
    ) in result.err
    assert f"{KEY[kind]} = #1" in result.err
    assert counts(folder) == before

    # A saved mapping that takes the key from one position settles it.
    with Database.open(folder, create=False) as db, db.write() as session:
        hall_id = query(folder, "SELECT id FROM halls LIMIT 1")[0][0]
        import uuid

        save_mapping(
            session,
            uuid.UUID(str(hall_id)),
            ColumnMapping(kind, {KEY[kind]: f"#{last}"}, "glued"),
        )
    result = run(folder, "import", kind, str(path), "--mapping", "glued")
    assert result.code == 0, result.err
    assert " imported 1," in result.lines[0]
    if kind == "roster":
        assert query(folder, "SELECT count(*) FROM staff WHERE staff_no = '99009'") == [(1,)]
    elif kind == "punches":
        assert query(
            folder,
            "SELECT s.pin FROM attendance_events e JOIN staff s ON s.id = e.staff_id "
            "WHERE e.source = 'import'",
        ) == [("1002",)]
    else:
        column = KEY[kind]
        assert query(folder, f"SELECT count(*) FROM cases WHERE {column} = '{second}'") == [(1,)]


# --- item 24: BOMs inside the data, a second export pasted below the first --------------


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_hostile_second_export_with_bom_pasted_below(
    folder: DataFolder, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"{kind}.csv"
    table_file(kind, path, [good_row(kind)])
    header = path.read_text(encoding="utf-8").splitlines()[0]
    second_key = {"roster": "99002", "punches": "1002", "queue": "HX-902", "cases": "YZ-2"}[kind]
    row = good_row(kind, "\ufeff" + second_key, "2026-04-01 10:00:00")
    # The second export keeps its BOM, before its header; a BOM also sits before a value.
    pasted = "\ufeff" + header + "\r\n" + ",".join(row) + "\r\n"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(pasted)

    result = run(folder, "import", kind, str(path))

    assert result.code == 0, result.out + result.err
    assert result.lines[0].startswith(f"{kind} {path.name}: read 2, imported 2, skipped 0")
    assert "warnings 1" in result.lines[0]
    warning = (
        "warning: row 3: skipped row 3: it repeats the header of row 1 (a second export "
        "pasted below the first?)"
    )
    if kind in ("roster", "punches"):
        # Their reports count the skipped header too, on a line of its own.
        assert result.lines[1:3] == [
            "repeated header rows skipped (a second export pasted below?): 1",
            warning,
        ]
    else:
        assert result.lines[1] == warning
    if kind == "roster":
        stored = [
            no for (no,) in query(folder, "SELECT staff_no FROM staff WHERE staff_no LIKE '%9900%'")
        ]
        assert sorted(stored) == ["99001", "99002"]
    elif kind == "punches":
        stored = query(
            folder,
            "SELECT s.pin FROM attendance_events e JOIN staff s ON s.id = e.staff_id "
            "WHERE e.source = 'import' ORDER BY e.occurred_at",
        )
        assert stored == [("1001",), ("1002",)]
    else:
        column = KEY[kind]
        stored = [
            value
            for (value,) in query(
                folder,
                f"SELECT {column} FROM cases "
                f"WHERE {column} IN ('{good_row(kind)[0]}', '{second_key}')",
            )
        ]
        assert sorted(stored) == sorted([good_row(kind)[0], second_key])
    # No stored text anywhere begins with a BOM.
    for table, column in (
        ("staff", "staff_no"),
        ("staff", "pin"),
        ("cases", "ticket_no"),
        ("cases", "case_no"),
    ):
        assert query(
            folder, f"SELECT count(*) FROM {table} WHERE instr({column}, char(65279)) > 0"
        ) == [(0,)]


def test_hostile_attlog_second_file_with_bom_appended(folder: DataFolder, tmp_path: Path) -> None:
    path = tmp_path / "1_attlog.dat"
    first = attlog_line(PIN, "2026-04-01 09:00:00")
    second = attlog_line("1002", "2026-04-01 09:01:00")
    # `copy /b 1_attlog.dat + 2_attlog.dat`: the second file's BOM lands mid-file.
    path.write_bytes(("\ufeff" + first + "\r\n" + "\ufeff" + second + "\r\n").encode("utf-8"))

    result = run(folder, "import", "attlog", str(path))

    assert result.code == 0, result.out + result.err
    assert result.lines[0].startswith("attlog 1_attlog.dat: read 2, imported 2, skipped 0")
    stored = query(
        folder,
        "SELECT s.pin FROM attendance_events e JOIN staff s ON s.id = e.staff_id "
        "WHERE e.source = 'import' ORDER BY e.occurred_at",
    )
    assert stored == [("1001",), ("1002",)]


# --- item 25: messages stay short ----------------------------------------------------


@pytest.mark.parametrize("kind", TABLE_KINDS)
@pytest.mark.parametrize("width", [1_000_000, 16_000])
def test_hostile_huge_header_gives_a_short_refusal(
    folder: DataFolder, tmp_path: Path, kind: str, width: int
) -> None:
    path = tmp_path / f"{kind}.csv"
    path.write_text(
        ",".join(f"列{i}" for i in range(width)) + "\n" + ",".join(["1"] * width) + "\n",
        encoding="utf-8",
    )
    before = counts(folder)

    result = run(folder, "import", kind, str(path))

    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    if width > 16_384:
        assert (
            "the header row has 1,000,000 columns, more than a spreadsheet can hold" in result.err
        )
    else:
        assert (
            "(headers found: 列0, 列1, 列2, 列3, 列4, 列5, 列6, 列7 … and 15,992 more)"
            in result.err
        )
    assert len(result.err) < 400
    assert counts(folder) == before


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_hostile_200kb_key_is_not_echoed(folder: DataFolder, tmp_path: Path, kind: str) -> None:
    huge = "9" * 200_000
    if kind == "attlog":
        path = tmp_path / "1_attlog.dat"
        path.write_text(attlog_line(huge, "2026-04-01 09:00:00") + "\n", encoding="ascii")
        column = "PIN"
    else:
        path = table_file(kind, tmp_path / f"{kind}.csv", [good_row(kind, huge)])
        column = {"roster": "工号", "punches": "工号", "queue": "票号", "cases": "办件编号"}[kind]
    before = counts(folder)

    result = run(folder, "import", kind, str(path))

    assert result.code == 1
    assert result.lines[1].startswith(f"row {1 if kind == 'attlog' else 2}, column {column}: ")
    assert huge[:200] not in result.out + result.err
    json_result = run(folder, "import", kind, str(path), "--json")
    assert len(json_result.out) < 3000
    assert counts(folder) == before


# --- item 29: control characters in imported text ------------------------------------

ESCAPED = "\x1b[31m张三\x1b[0m\x07"


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_hostile_control_characters_stripped_with_a_warning(
    folder: DataFolder, tmp_path: Path, kind: str
) -> None:
    if kind == "attlog":
        path = tmp_path / "1_attlog.dat"
        path.write_text(
            attlog_line("\x1b[2J" + PIN, "2026-04-01 09:00:00", device="\x1b]0;pwned\x07SN1")
            + "\n",
            encoding="utf-8",
        )
        column, value = "PIN", PIN
    elif kind == "roster":
        path = table_file(kind, tmp_path / "roster.csv", [["99001", ESCAPED, "税务局", "Z01"]])
        column, value = "姓名", "张三"
    elif kind == "punches":
        path = table_file(kind, tmp_path / "p.csv", [[PIN, "2026-04-01 09:00:00", "\x9b1mSN1"]])
        column, value = "机器号", "SN1"
    elif kind == "queue":
        path = table_file(kind, tmp_path / "q.csv", [good_row(kind, "HX-901\x1b[0m")])
        column, value = "票号", "HX-901"
    else:
        path = table_file(kind, tmp_path / "c.csv", [good_row(kind, "\x1b[1mYZ-1")])
        column, value = "办件编号", "YZ-1"

    result = run(folder, "import", kind, str(path))

    assert result.code == 0, result.out + result.err
    assert "\x1b" not in result.out + result.err
    assert "\x9b" not in result.out + result.err
    assert result.lines[0].startswith(f"{kind} {path.name}: read 1, imported 1, skipped 0")
    warned = [(column, 1 if kind == "attlog" else 2)]
    if kind == "attlog":
        warned.append(("Device", 1))
    assert f"warnings {len(warned)}" in result.lines[0]
    assert result.lines[1:] == [
        f"warning: row {row}, column {name}: removed control characters (such as terminal "
        "colour codes) from the text"
        for name, row in warned
    ]
    if kind == "roster":
        assert query(folder, "SELECT name FROM staff WHERE staff_no = '99001'") == [(value,)]
    elif kind in ("attlog", "punches"):
        stored = query(
            folder,
            "SELECT s.pin, e.device_sn FROM attendance_events e "
            "JOIN staff s ON s.id = e.staff_id WHERE e.source = 'import'",
        )
        assert stored == [(PIN, "SN1")]
    else:
        column_name = KEY[kind]
        assert query(folder, f"SELECT count(*) FROM cases WHERE {column_name} = '{value}'") == [
            (1,)
        ]
    for table, name in (
        ("staff", "name"),
        ("cases", "ticket_no"),
        ("cases", "case_no"),
        ("attendance_events", "device_sn"),
    ):
        assert query(folder, f"SELECT count(*) FROM {table} WHERE instr({name}, char(27)) > 0") == [
            (0,)
        ]
