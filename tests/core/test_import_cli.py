"""`hallwatch import`: a summary line, one line per row error, and the exit code."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from data_folders import copy_data_folder

from hallwatch.storage.database import DataFolder


def hallwatch(folder: DataFolder, *args: str) -> tuple[int, str, str]:
    """Run the real console script in a child process, as a user would."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ui.launcher import main; main()",
            "--data-dir",
            str(folder.root),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
        stdin=subprocess.DEVNULL,
    )
    return result.returncode, result.stdout, result.stderr


def punch_count(folder: DataFolder) -> int:
    with contextlib.closing(sqlite3.connect(folder.db_path)) as conn:
        return int(
            conn.execute(
                "SELECT count(*) FROM attendance_events WHERE source = 'import'"
            ).fetchone()[0]
        )


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> DataFolder:
    folder = DataFolder(tmp_path_factory.mktemp("cli") / "data")
    code, _out, err = hallwatch(folder, "demo", "--scale", "tiny", "--until", "2026-03-31")
    assert code == 0, err
    return folder


@pytest.fixture
def folder(demo_folder: DataFolder, tmp_path: Path) -> DataFolder:
    """A fresh copy of the demo folder for each test."""
    return copy_data_folder(demo_folder, tmp_path / "copy")


def pins(folder: DataFolder) -> list[str]:
    with contextlib.closing(sqlite3.connect(folder.db_path)) as conn:
        return [pin for (pin,) in conn.execute("SELECT pin FROM staff ORDER BY staff_no")]


def test_cli_import_attlog_prints_summary(folder: DataFolder, tmp_path: Path) -> None:
    pin = pins(folder)[0]
    path = tmp_path / "1_attlog.dat"
    path.write_text(
        f"{pin:>9}\t2026-04-01 08:01:00\t1\t0\t1\t0\n"
        f"{pin:>9}\t2026-04-01 08:01:10\t1\t0\t1\t0\n"
        f"{pin:>9}\t2026-04-01 12:00:00\t1\t1\t1\t0\n",
        encoding="ascii",
    )
    code, out, err = hallwatch(folder, "import", "attlog", str(path))
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "attlog 1_attlog.dat: read 3, imported 2, skipped 0, duplicates 1; batch "
    )
    assert punch_count(folder) == 2

    code, out, _err = hallwatch(folder, "import", "attlog", str(path))
    assert code == 0
    assert "imported 0, skipped 0, duplicates 3; nothing new" in out
    assert punch_count(folder) == 2


def test_cli_import_errors_one_line_each_and_exit_1(folder: DataFolder, tmp_path: Path) -> None:
    pin = pins(folder)[0]
    lines = [f"{pin:>9}\t2026-04-01 08:00:00\t1\t0\t1\t0"]
    lines += [f"{pin:>9}\t2026-04-01 8点\t1\t0\t1\t0"]
    lines += [f"{70000 + i:>9}\t2026-04-01 08:00:00\t1\t0\t1\t0" for i in range(24)]
    path = tmp_path / "1_attlog.dat"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code, out, err = hallwatch(folder, "import", "attlog", str(path))

    assert code == 1
    printed = out.splitlines()
    assert printed[0] == "attlog 1_attlog.dat: read 26, imported 0, skipped 25, duplicates 0"
    assert printed[1] == (
        "row 2, column Time: cannot read the time: '2026-04-01 8点' is not a date and time "
        "(write it as YYYY-MM-DD HH:MM:SS)"
    )
    assert printed[2] == (
        "row 3, column PIN: unknown PIN 70000: no staff member has this PIN or staff number"
    )
    assert len(printed) == 1 + 20 + 1
    assert printed[-1] == "… and 5 more"
    assert "nothing was imported: 25 row(s) have errors" in err
    assert "--keep-good-rows" in err
    assert punch_count(folder) == 0

    code, out, err = hallwatch(folder, "import", "attlog", str(path), "--dry-run")
    assert code == 1
    assert "would import 0" in out

    code, out, err = hallwatch(folder, "import", "attlog", str(path), "--json")
    assert code == 1
    report = json.loads(out)
    assert (report["rows_read"], report["error_count"], report["batch_id"]) == (26, 25, None)
    assert report["errors"][0] == {
        "row": 2,
        "column": "Time",
        "value": "2026-04-01 8点",
        "reason": "cannot read the time: '2026-04-01 8点' is not a date and time "
        "(write it as YYYY-MM-DD HH:MM:SS)",
        "code": "bad_time",
    }

    code, out, err = hallwatch(folder, "import", "attlog", str(path), "--keep-good-rows")
    assert code == 0, err
    assert out.startswith("attlog 1_attlog.dat: read 26, imported 1, skipped 25")
    assert "row 2, column Time: cannot read the time" in out
    assert punch_count(folder) == 1


def test_cli_import_dry_run_saves_nothing(folder: DataFolder, tmp_path: Path) -> None:
    pin = pins(folder)[0]
    path = tmp_path / "p.csv"
    path.write_text(f"工号,打卡时间\n{pin},2026-04-01 08:00:00\n", encoding="gb18030")
    code, out, err = hallwatch(
        folder, "import", "punches", str(path), "--dry-run", "--hall", "DEMO"
    )
    assert code == 0, err
    assert (
        out.strip()
        == "punches p.csv: read 1, would import 1, skipped 0, duplicates 0; dry run, nothing saved"
    )
    assert punch_count(folder) == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("import", "attlog", "missing.dat"), "missing.dat does not exist"),
        (("import", "queue", "q.csv"), "q.csv does not exist"),
        (("import", "cases", "x.dat"), "the file has no column for case number (办件编号)"),
        (("import", "photos", "x.dat"), "unknown import kind 'photos'"),
        (("import", "attlog", "x.dat", "--hall", "NOPE"), "no hall with code NOPE"),
        (
            ("import", "punches", "x.dat", "--mapping", "nope"),
            "no saved import mapping named 'nope'",
        ),
    ],
)
def test_cli_import_failures_are_one_line(
    folder: DataFolder, tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    (tmp_path / "x.dat").write_text("工号,打卡时间\n1,2026-04-01 08:00:00\n", encoding="utf-8")
    resolved = [str(tmp_path / a) if a.endswith((".dat", ".csv")) else a for a in args]
    code, out, err = hallwatch(folder, *resolved)
    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert words in err


def test_cli_import_roster(folder: DataFolder, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("工号,姓名,单位,窗口\n99001,新同事,税务局,Z01\n", encoding="utf-8")
    code, out, err = hallwatch(folder, "import", "roster", str(path))
    assert code == 0, err
    assert out.startswith("roster roster.csv: read 1, imported 1, skipped 0, duplicates 0; batch ")
    code, out, err = hallwatch(folder, "import", "roster", str(path))
    assert code == 0, err
    assert "imported 0, skipped 0, duplicates 0, unchanged 1; nothing new" in out


def cases_where(folder: DataFolder, columns: str, where: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(folder.db_path)) as conn:
        query = f"SELECT {columns} FROM cases WHERE {where} ORDER BY rowid"
        return conn.execute(query).fetchall()


def test_cli_import_queue_round_trip(folder: DataFolder, tmp_path: Path) -> None:
    staff = pins(folder)  # the demo's PINs: 1001, 1002 …
    path = tmp_path / "排队.csv"
    path.write_text(
        "票号,业务类型,窗口,工号,取号时间,叫号时间,办结时间,状态,满意度\n"
        f"A001,企业设立登记,A01,{staff[0]},2026-04-01 09:00:00,2026-04-01 09:05:00,"
        "2026-04-01 09:15:00,办结,5\n"
        f"A002,,A01,{staff[0]},2026-04-01 09:01:00,2026-04-01 09:16:00,,过号,\n"
        "A003,,A02,,2026-04-01 09:02:00,,,,\n",
        encoding="gb18030",
    )

    code, out, err = hallwatch(folder, "import", "queue", str(path))

    assert code == 0, err
    assert out.startswith("queue 排队.csv: read 3, imported 3, skipped 0, duplicates 0; batch ")
    assert len(out.splitlines()) == 1
    stored = cases_where(folder, "id", "taken_at >= '2026-04-01'")
    assert len(stored) == 3

    code, out, err = hallwatch(folder, "import", "queue", str(path), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["rows_imported"], report["rows_unchanged"], report["batch_id"]) == (0, 3, None)
    assert (report["warning_count"], report["warnings"]) == (0, [])

    broken = tmp_path / "broken.csv"
    broken.write_text(
        "票号,窗口,工号,取号时间,叫号时间\n"
        "B001,A01,,2026-04-02 09:00:00,2026-04-02 08:00:00\n"
        "B002,Z99,,2026-04-02 09:00:00,\n"
        "B003,A01,,2026-04-02 09:00:00,\n",
        encoding="utf-8",
    )
    code, out, err = hallwatch(folder, "import", "queue", str(broken))
    assert code == 1
    assert out.splitlines() == [
        "queue broken.csv: read 3, imported 0, skipped 2, duplicates 0",
        "row 2, column 叫号时间: called at 2026-04-02 08:00:00, before the ticket was taken "
        "(2026-04-02 09:00:00); check the times",
        "row 3, column 窗口: unknown window Z99: the hall has no such window; add it (or import "
        "the roster) first",
    ]
    assert "nothing was imported: 2 row(s) have errors" in err
    assert len(err.strip().splitlines()) == 1
    assert len(cases_where(folder, "id", "taken_at >= '2026-04-01'")) == 3


def test_cli_import_queue_source_names_the_rating_scale(folder: DataFolder, tmp_path: Path) -> None:
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.services.imports import save_rating_scale
    from hallwatch.storage.database import Database

    with Database.open(folder, create=False) as db, db.write() as session:
        save_rating_scale(session, find_hall(session).id, "vendor", {"1": 2, "3": 4, "4": 5})
    path = tmp_path / "q.csv"
    path.write_text(
        "Ticket,Window,Take time,Finish time,Rating\n"
        "A001,A01,2026-04-01 09:00,2026-04-01 09:10,4\n"
        "A002,A01,2026-04-01 09:01,2026-04-01 09:20,2\n",
        encoding="utf-8",
    )
    code, out, _err = hallwatch(folder, "import", "queue", str(path), "--source", "vendor")
    assert code == 1
    assert out.splitlines()[1] == (
        "row 3, column Rating: rating '2' is outside the rating scale of 'vendor' "
        "(1→不满意, 3→满意, 4→非常满意)"
    )
    code, out, err = hallwatch(folder, "import", "queue", str(path))
    assert code == 0, err
    ratings = cases_where(folder, "rating, rating_raw", "taken_at >= '2026-04-01'")
    assert ratings == [(4, "4"), (2, "2")]


def test_cli_import_cases_prints_warnings(folder: DataFolder, tmp_path: Path) -> None:
    path = tmp_path / "办件.csv"
    path.write_text(
        "办件编号,事项名称,受理时间,承诺时限,法定时限,办结时间\n"
        "YZ-1,企业变更登记,2026-09-30 10:00:00,,,\n"
        "YZ-2,,2026-11-20 10:00:00,35,40,\n",
        encoding="gb18030",
    )

    code, out, err = hallwatch(folder, "import", "cases", str(path))

    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(
        "cases 办件.csv: read 2, imported 2, skipped 0, duplicates 0, warnings 1; batch "
    )
    assert lines[1] == (
        "warning: row 3, column 受理时间: the due dates (2027-01-08 promised, 2027-01-15 legal) "
        "are provisional: there is no holiday data for 2027, so they count Monday to Friday "
        "until the holiday table has that year"
    )
    stored = cases_where(folder, "case_no, due_provisional", "source = 'approval'")
    assert stored == [("YZ-1", 0), ("YZ-2", 1)]
