"""Hostile files through the five importers (issue 11 items 19-21): huge CSV cells, a
quote that never closes, CR-only and mixed line endings, an .xlsx whose <dimension>
lies. Each one imports, or is refused in one line naming the row and column, with no
internal error, no traceback, and nothing changed."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from import_fixtures import (
    SmallHall,
    cli,
    counts,
    device_line,
    small_hall,
    xlsx_with_wrong_dimension,
)

from hallwatch.services.imports import ImportFileError, import_file
from hallwatch.storage.database import Database

DAY = date(2026, 4, 1)
TABLE_KINDS = ("roster", "punches", "queue", "cases")

# Per kind: a header with a remark column last, and three good rows (lines 2-4).
TABLES: dict[str, tuple[str, list[str]]] = {
    "roster": (
        "工号,姓名,单位,窗口,考勤号,备注",
        [
            "07001,孙悦,税务局,B01,7001,",
            "07002,周正,税务局,B02,7002,",
            "07003,吴迪,税务局,B03,7003,",
        ],
    ),
    "punches": (
        "工号,姓名,打卡时间,备注",
        [
            "1001,张瑞娜,2026-04-01 08:31:07,",
            "1002,马辉林,2026-04-01 08:40:00,",
            "3001,宋娜,2026-04-01 09:00:00,",
        ],
    ),
    "queue": (
        "票号,业务类型,窗口,工号,取号时间,叫号时间,办结时间,状态,备注",
        [
            f"A00{n},企业设立登记,A01,01001,2026-04-01 09:0{n}:00,2026-04-01 09:1{n}:00,"
            f"2026-04-01 09:2{n}:00,办结,"
            for n in (1, 2, 3)
        ],
    ),
    "cases": (
        "办件编号,事项名称,受理时间,承诺时限,法定时限,暂停天数,延期天数,办结时间,办件状态,备注",
        [f"YZ2026040100{n},企业设立登记,2026-04-01 10:0{n}:00,,,,,,在办," for n in (1, 2, 3)],
    ),
}


@pytest.fixture
def hall(db: Database) -> SmallHall:
    return small_hall(db)


def table_lines(kind: str, remark_of_row_3: str = "") -> list[str]:
    """The kind's header and rows, with this remark in file line 3 (the second row)."""
    header, rows = TABLES[kind]
    rows = list(rows)
    rows[1] += remark_of_row_3
    return [header, *rows]


def remark_column(kind: str) -> int:
    return len(TABLES[kind][0].split(","))


def attlog_lines() -> list[str]:
    return [
        device_line("1001", datetime.combine(DAY, time(8, 31, 7)), verify=15),
        device_line("1002", datetime.combine(DAY, time(8, 40)), status=255),
        device_line("3001", datetime.combine(DAY, time(9, 0)), verify=15),
    ]


def refused(
    hall: SmallHall, kind: str, path: Path, capsys: pytest.CaptureFixture[str]
) -> ImportFileError:
    """Check a refusal through the service and the CLI; return the service's error."""
    before = counts(hall.db)
    with pytest.raises(ImportFileError) as caught:
        import_file(hall.db, hall.id, kind, path)
    assert counts(hall.db) == before
    capsys.readouterr()
    code, out = cli(hall.db, "import", kind, str(path))
    err = capsys.readouterr().err
    assert code != 0
    assert out == ""
    assert "internal error" not in err
    assert "Traceback" not in err
    # One line for the refusal (progress lines go to stderr too, before it).
    last = [line for line in err.splitlines() if line.startswith("hallwatch:")]
    assert len(last) == 1
    assert len(last[0]) < 600
    assert counts(hall.db) == before
    return caught.value


# --- item 19: large CSV fields ---------------------------------------------------------


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_cell_over_128_kb_is_read(hall: SmallHall, tmp_path: Path, kind: str) -> None:
    # Python's csv refuses cells over 128 KB by default ("field larger than field limit").
    path = tmp_path / f"{kind}.csv"
    path.write_text("\r\n".join(table_lines(kind, "长" * 70_000)) + "\r\n", encoding="utf-8")
    assert path.stat().st_size > 200 * 1024
    report = import_file(hall.db, hall.id, kind, path)
    assert report.error_count == 0, report.errors
    assert (report.rows_read, report.rows_imported) == (3, 3)


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_ten_mb_line_refused_naming_row_and_column(
    hall: SmallHall, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{kind}.csv"
    path.write_text("\n".join(table_lines(kind, "x" * 10_000_000)) + "\n", encoding="utf-8")
    error = refused(hall, kind, path, capsys)
    assert error.code == "field_too_large"
    column = remark_column(kind)
    assert f"line 3, column {column} (备注) holds more than 1 MB" in str(error)
    assert (error.params["row"], error.params["column"]) == (3, column)
    assert "'xxxxxxxx" in str(error)
    assert len(str(error)) < 500


@pytest.mark.parametrize("kind", TABLE_KINDS)
@pytest.mark.parametrize("after", ["short", "long"])
def test_unclosed_quote_refused_naming_the_line_it_opened(
    hall: SmallHall, tmp_path: Path, kind: str, after: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = table_lines(kind, '"请于周五前补交材料')
    # More rows follow: the open quote swallows them (to the end, or past 1 MB).
    more = TABLES[kind][1] * (1 if after == "short" else 40_000)
    path = tmp_path / f"{kind}.csv"
    path.write_text("\r\n".join([*lines, *more]) + "\r\n", encoding="gb18030")
    error = refused(hall, kind, path, capsys)
    assert error.code == "unclosed_quote"
    column = remark_column(kind)
    assert f'the quote (") opened in line 3, column {column} (备注) is never closed' in str(error)
    assert "line 3" in error.hint
    assert error.params["row"] == 3


def test_attlog_ten_mb_line_is_one_row_error_with_a_short_message(
    hall: SmallHall, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = attlog_lines()
    lines.insert(1, "9" * 10_000_000)
    path = tmp_path / "1_attlog.dat"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="ascii")
    before = counts(hall.db)
    report = import_file(hall.db, hall.id, "attlog", path)
    assert report.blocked
    assert [error.row for error in report.errors] == [2]
    assert len(str(report.errors[0])) < 500
    assert counts(hall.db) == before
    capsys.readouterr()
    code, out = cli(hall.db, "import", "attlog", str(path))
    assert code != 0
    assert "row 2" in out
    assert len(out) < 2000
    assert "internal error" not in capsys.readouterr().err
    assert counts(hall.db) == before


def test_line_without_an_end_in_16_mb_refused(
    hall: SmallHall, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(b"1001\t" + b"7" * (17 * 1024 * 1024))
    error = refused(hall, "attlog", path, capsys)
    assert error.code == "line_too_long"
    assert "line 1 of 1_attlog.dat is longer than 16 MB" in str(error)


# --- item 20: line endings -------------------------------------------------------------


def _write_endings(path: Path, lines: list[str], endings: list[str], encoding: str) -> Path:
    text = "".join(line + endings[i % len(endings)] for i, line in enumerate(lines))
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("kind", TABLE_KINDS)
@pytest.mark.parametrize(
    ("endings", "encoding"),
    [(["\r"], "utf-8"), (["\r\n", "\r", "\n"], "gb18030"), (["\r", "\n", "\r\n"], "utf-8-sig")],
    ids=["cr", "mixed-gb18030", "mixed-bom"],
)
def test_tables_read_every_line_ending(
    hall: SmallHall, tmp_path: Path, kind: str, endings: list[str], encoding: str
) -> None:
    # A quoted remark over two lines (split by the same endings) stays one cell.
    lines = table_lines(kind, '"第一行')
    lines.insert(3, '第二行"')
    path = _write_endings(tmp_path / f"{kind}.csv", lines, endings, encoding)
    report = import_file(hall.db, hall.id, kind, path)
    assert report.error_count == 0, report.errors
    assert (report.rows_read, report.rows_imported) == (3, 3)


@pytest.mark.parametrize("endings", [["\r"], ["\r\n", "\r", "\n"]], ids=["cr", "mixed"])
def test_attlog_reads_every_line_ending(
    hall: SmallHall, tmp_path: Path, endings: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write_endings(tmp_path / "1_attlog.dat", attlog_lines() * 2, endings, "ascii")
    code, out = cli(hall.db, "import", "attlog", str(path))
    assert code == 0, out
    report = import_file(hall.db, hall.id, "attlog", path, dry_run=True)
    # Six lines read as six: three punches and their three repeats (merged).
    assert report.rows_read == 6
    assert "internal error" not in capsys.readouterr().err


# --- item 21: an .xlsx whose <dimension> claims less than it holds ----------------------


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_xlsx_wrong_dimension_reads_every_row_and_column(
    hall: SmallHall, tmp_path: Path, kind: str
) -> None:
    header, rows = TABLES[kind]
    cells: list[list[object]] = [header.split(",")]
    cells += [row.split(",") for row in rows]
    path = xlsx_with_wrong_dimension(tmp_path / f"{kind}.xlsx", cells, claimed="A1:B2")
    report = import_file(hall.db, hall.id, kind, path)
    assert report.error_count == 0, report.errors
    assert (report.rows_read, report.rows_imported) == (3, 3)
