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
    copy = DataFolder(tmp_path / "copy")
    copy.root.mkdir()
    with (
        contextlib.closing(sqlite3.connect(demo_folder.db_path)) as src,
        contextlib.closing(sqlite3.connect(copy.db_path)) as dst,
    ):
        src.backup(dst)
    return copy


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
        (("import", "queue", "q.csv"), "importing queue comes with a later release"),
        (("import", "cases", "q.csv"), "importing cases comes with a later release"),
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
