"""The command line: one clear line and a non-zero exit for every bad input."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hallwatch.cli.main import main
from hallwatch.storage import migrate
from hallwatch.storage.database import DataFolder


def run(folder: DataFolder | Path, *args: str) -> tuple[int, str, str]:
    """Run the real console script in a child process, as a user would."""
    root = folder.root if isinstance(folder, DataFolder) else folder
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ui.launcher import main; main()",
            "--data-dir",
            str(root),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
        stdin=subprocess.DEVNULL,
    )
    return result.returncode, result.stdout, result.stderr


def _dump(path: Path) -> list[str]:
    """The database's content as SQL (independent of WAL checkpoints)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-03-06", "1", "2026-03-09"),  # Friday: the weekend is skipped
        ("2026-03-07", "1", "2026-03-09"),  # accepted on a Saturday: counting starts Monday
        ("2026-09-30", "5", "2026-10-13"),  # National Day, and Saturday 10-10 is a make-up day
        ("2026-03-09", "0", "2026-03-09"),
        ("2026-12-30", "5", "2027-01-06 provisional"),  # 2027 is not known yet
    ],
)
def test_cli_deadline_prints_due_date(
    folder: DataFolder, start: str, days: str, expected: str
) -> None:
    out = io.StringIO()
    assert main(["--data-dir", str(folder.root), "deadline", start, days], out=out) == 0
    assert out.getvalue().strip() == expected
    # Asking a question creates nothing.
    assert not folder.root.exists()


def test_cli_deadline_uses_hall_holiday_table(folder: DataFolder) -> None:
    assert (
        main(["--data-dir", str(folder.root), "init", "--hall", "市民中心"], out=io.StringIO()) == 0
    )
    with sqlite3.connect(folder.db_path) as conn:
        hall_id = conn.execute("SELECT id FROM halls").fetchone()[0]
        # The hall closes on Monday 2026-03-09 (a workday in the national calendar).
        conn.execute(
            "INSERT INTO holidays (id, hall_id, created_at, updated_hlc, updated_by, deleted, "
            "day, is_workday, name, source, national) VALUES (?, ?, '2026-01-01 00:00:00', '', "
            "'', 0, '2026-03-09', 0, '系统升级闭厅', '大厅通知', 0)",
            ("0190aaaa000070008000000000000001", hall_id),
        )
    out = io.StringIO()
    assert main(["--data-dir", str(folder.root), "deadline", "2026-03-06", "1"], out=out) == 0
    assert out.getvalue().strip() == "2026-03-10"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deadline", "2026-02-30", "5"], "DATE '2026-02-30' is not a date"),
        (["deadline", "9.3.2026", "5"], "write it as YYYY-MM-DD"),
        (["deadline", "2026-03-09", "-3"], "N -3 is negative"),
        (["deadline", "2026-03-09", "five"], "N 'five' is not a whole number"),
    ],
)
def test_cli_deadline_bad_input_one_line(folder: DataFolder, args: list[str], message: str) -> None:
    code, out, err = run(folder, *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_cli_info_json_shows_head_revision(folder: DataFolder) -> None:
    assert run(folder, "init", "--hall", "市民中心")[0] == 0
    code, out, _err = run(folder, "info", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["schema_revision"] == migrate.head_revision()
    assert info["halls"] == [
        {"code": "MAIN", "name": "市民中心", "timezone": "Asia/Shanghai", "demo": False}
    ]
    assert info["counts"]["halls"] == 1


def test_cli_info_without_database_says_what_to_do(folder: DataFolder) -> None:
    code, _out, err = run(folder, "info")
    assert code == 1
    assert "no HallWatch database" in err
    assert "hallwatch init" in err
    assert not folder.db_path.exists()


def test_cli_unwritable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _out, err = run(blocker / "data", "init")
    assert code == 1
    assert "not writable" in err
    assert len(err.strip().splitlines()) == 1


def test_cli_newer_database_refused(folder: DataFolder) -> None:
    assert run(folder, "init")[0] == 0
    with sqlite3.connect(folder.db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed'")
    before = _dump(folder.db_path)
    code, _out, err = run(folder, "info")
    assert code == 1
    assert "newer HallWatch" in err
    assert len(err.strip().splitlines()) == 1
    assert _dump(folder.db_path) == before


def test_cli_corrupt_database_refused(folder: DataFolder) -> None:
    assert run(folder, "init", "--hall", "市民中心")[0] == 0
    with sqlite3.connect(folder.db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(folder.db_path.read_bytes())
    # Scribble over every page but the first (the schema stays readable).
    for page in range(1, pages):
        start = page * page_size
        data[start : start + page_size] = b"\xa5" * page_size
    folder.db_path.write_bytes(bytes(data))
    code, _out, err = run(folder, "info")
    assert code == 1
    assert "damaged" in err
    assert "hallwatch restore" in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_cli_no_command_without_front_end(
    folder: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(folder.root)]) == 2
    assert "no command given" in capsys.readouterr().err


def test_cli_no_command_opens_app(folder: DataFolder) -> None:
    opened: list[DataFolder] = []

    def open_app(chosen: DataFolder) -> int:
        opened.append(chosen)
        return 0

    assert main(["--data-dir", str(folder.root)], open_app=open_app) == 0
    assert main([f"--data-dir={folder.root}"], open_app=open_app) == 0
    assert opened == [folder, folder]


def test_cli_arguments_beyond_the_folder_go_through_the_full_parser(
    folder: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    def open_app(chosen: DataFolder) -> int:
        raise AssertionError("the app must not open")

    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir", "--help"], open_app=open_app)
    assert stopped.value.code == 2  # --data-dir needs a folder; not a folder named --help
    with pytest.raises(SystemExit):
        main(["--data-dir", str(folder.root), "--bogus"], open_app=open_app)
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err
    code = main(["--data-dir", str(folder.root), "deadline", "2026-09-30", "1"], open_app=open_app)
    assert code == 0
    assert "2026-10-08" in capsys.readouterr().out  # 国庆节 is 1–7 October in 2026


def test_cli_demo_then_info_shows_head_and_rows(folder: DataFolder) -> None:
    code, out, err = run(folder, "demo", "--scale", "tiny", "--seed", "3", "--until", "2026-03-31")
    assert code == 0, err
    assert "demo hall" in out
    code, out, _err = run(folder, "info", "--json")
    info = json.loads(out)
    assert info["schema_revision"] == info["schema_head"] == migrate.head_revision()
    assert info["counts"]["cases"] > 100
    assert info["counts"]["attendance_events"] > 100
    assert info["halls"][0]["demo"] is True
    code, out, _err = run(folder, "audit", "verify")
    assert code == 0
    assert out.startswith("audit OK")


def test_cli_demo_bad_scale_and_date(folder: DataFolder) -> None:
    code, _out, err = run(folder, "demo", "--scale", "XL")
    assert code == 2
    assert "XL" in err
    code, _out, err = run(folder, "demo", "--until", "yesterday")
    assert code == 2
    assert "--until 'yesterday' is not a date" in err


def test_cli_output_into_a_closed_pipe_is_not_an_error(folder: DataFolder) -> None:
    assert run(folder, "init", "--hall", "市民中心")[0] == 0
    command = (
        f"{sys.executable} -c 'from ui.launcher import main; main()' "
        f"--data-dir {folder.root} info | true"
    )
    # `true` exits without reading: every write of ours meets a closed pipe.
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr


@pytest.fixture(scope="module")
def demo_hall(tmp_path_factory: pytest.TempPathFactory) -> DataFolder:
    folder = DataFolder(tmp_path_factory.mktemp("cli-demo") / "data")
    assert main(["--data-dir", str(folder.root), "demo", "--scale", "tiny"], out=io.StringIO()) == 0
    return folder


def _finding_category(folder: DataFolder, finding_id: str) -> str:
    with sqlite3.connect(folder.db_path) as conn:
        row = conn.execute(
            "SELECT category FROM findings WHERE id = ?", (finding_id.replace("-", ""),)
        ).fetchone()
    assert row is not None, finding_id
    return str(row[0])


@pytest.mark.parametrize(
    ("category", "code"),
    [
        ("presence.empty", "presence.empty"),  # the code, as before
        ("吃拿卡要", "service.favours"),  # the whole label
        ("空岗", "presence.empty"),  # a unique beginning of the label 空岗（无人顶岗…）
        ("使用服务忌语（如", "service.forbidden_phrase"),  # full-width bracket as typed
        ("使用服务忌语(如", "service.forbidden_phrase"),  # or half-width
    ],
)
def test_cli_finding_add_takes_the_item_label(
    demo_hall: DataFolder, category: str, code: str
) -> None:
    status, out, err = run(demo_hall, "finding", "add", "--window", "A01", "--category", category)
    assert status == 0, err
    assert _finding_category(demo_hall, out.strip()) == code


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["finding", "add", "--window", "A01", "--category", "工作时间"],
            "--category '工作时间' fits 3 items: 工作时间玩手机 (behaviour.phone); "
            "工作时间睡觉、打瞌睡 (behaviour.dozing); "
            "工作时间办理私事 (behaviour.private_business); "
            "give more of the label, or the code",
        ),
        (
            ["finding", "add", "--window", "A01", "--category", "飞行"],
            "category '飞行' is not an item",
        ),
        (["finding", "add", "--window", "A01", "--category", ""], "--category is empty"),
        (
            ["finding", "add", "--window", "A01", "--category", "空岗", "--check", ""],
            "--check is empty",
        ),
        (["letter", "draft", "--suggestion", ""], "--suggestion is empty"),
        (["letter", "draft", "--complaint", " "], "--complaint is empty"),
        (["letter", "draft", "--finding", ""], "--finding is empty"),
        (["letter", "issue", ""], "no letter given"),
        (["letter", "render", "", "--out", "x.pdf"], "no letter given"),
        (["letter", "revoke", "", "--reason", "x"], "no letter given"),
        (["letter", "rectify", "", "--photo", ""], "--photo is empty"),
    ],
)
def test_cli_empty_or_ambiguous_ids_get_one_line(
    demo_hall: DataFolder, args: list[str], words: str
) -> None:
    before = _dump(demo_hall.db_path)
    status, out, err = run(demo_hall, *args)
    assert status == 2
    assert out == ""
    assert err.strip() == f"hallwatch: {words}" or words in err
    assert len(err.strip().splitlines()) == 1
    assert "internal error" not in err
    assert _dump(demo_hall.db_path) == before
