"""`hallwatch rules|holiday|leave|mapping`: the settings screens' checks, from a terminal."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hallwatch.cli.main import main
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Case, CaseEvent, Holiday, Leave, Setting

DATA = Path(__file__).parent / "data"


def cli(folder: DataFolder, *args: str) -> tuple[int, str]:
    """Run a command in this process; return its exit code and standard output."""
    out = io.StringIO()
    code = main(["--data-dir", str(folder.root), *args], out=out)
    return code, out.getvalue()


def run(folder: DataFolder, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
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
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def demo(folder: DataFolder) -> DataFolder:
    code, _out = cli(folder, "demo", "--scale", "tiny", "--until", "2026-12-31")
    assert code == 0
    return folder


def _one_line_error(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "internal error" not in err
    for word in words:
        assert word in err
    return err


# --- rules ------------------------------------------------------------------------------


def test_rules_show_and_set_every_threshold(
    demo: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = cli(demo, "rules", "show", "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["rules"]["half_day_minutes"] == {"value": 30, "min": 1, "max": 240}
    assert set(shown["rules"]) == {
        "late_grace_minutes",
        "half_day_minutes",
        "off_post_minutes",
        "duplicate_punch_seconds",
        "yellow_days",
        "bad_rating_followup_days",
        "lates_for_caution",
        "cautions_for_warning",
        "rectify_days",
    }
    assert cli(demo, "rules", "set", "half_day_minutes", "20") == (
        0,
        "half_day_minutes: 30 → 20\n",
    )
    assert cli(demo, "rules", "set", "device_offset.SN123", "180")[0] == 0
    assert cli(demo, "rules", "set", "device_offset.ZK-02", "-45")[0] == 0
    code, out = cli(demo, "rules", "show")
    assert "half_day_minutes             20   (1–240)" in out
    assert "device_offset.SN123  +180 s" in out
    assert "device_offset.ZK-02  -45 s" in out
    assert cli(demo, "rules", "set", "half_day_minutes", "20")[1] == (
        "half_day_minutes is already 20: unchanged\n"
    )
    assert cli(demo, "rules", "set", "device_offset.ZK-02", "none")[1] == (
        "device_offset.ZK-02: -45 → removed\n"
    )
    with Database.open(demo) as db, db.read() as session:
        offsets = session.scalar(select(Setting.value).where(Setting.key == "device_offsets"))
        half_day = session.scalar(select(Setting.value).where(Setting.key == "half_day_minutes"))
    assert (offsets, half_day) == ({"SN123": 180}, 20)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["half_day_minutes", "999"],
            "rule half_day_minutes = 999 is out of range; give a whole number 1–240",
        ),
        (
            ["yellow_days", "two"],
            "yellow_days 'two' is not a whole number; give a whole number 0–30",
        ),
        (["device_offset.SN1", "90000"], "clock offset of device SN1 = 90000 is out of range"),
        (["device_offset.", "10"], "clock offset row 1 has no device serial number"),
        (["late_grace", "5"], "'late_grace' is not a rule; use one of late_grace_minutes"),
    ],
)
def test_rules_set_refuses_what_the_screen_refuses(
    demo: DataFolder, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    with Database.open(demo) as db, db.read() as session:
        before = session.scalars(select(Setting.value).order_by(Setting.key)).all()
    assert cli(demo, "rules", "set", *args)[0] == 2
    _one_line_error(capsys, words)
    with Database.open(demo) as db, db.read() as session:
        assert session.scalars(select(Setting.value).order_by(Setting.key)).all() == before


# --- holidays ---------------------------------------------------------------------------


def test_holiday_add_list_remove(demo: DataFolder, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(demo, "holiday", "add", "2026-12-28", "--name", "系统升级闭厅") == (
        0,
        "added 2026-12-28 周一  放假  系统升级闭厅\n",
    )
    _code, out = cli(demo, "holiday", "list", "--year", "2026", "--json")
    rows = {row["day"]: row for row in json.loads(out)}
    assert rows["2026-12-28"] == {
        "day": "2026-12-28",
        "is_workday": False,
        "name": "系统升级闭厅",
        "source": "",
        "national": False,
    }
    assert rows["2026-10-10"]["is_workday"] is True  # the demo imported the national days
    # A closure moves the due dates of the cases that ran over it, as the screen's does.
    with Database.open(demo) as db, db.read() as session:
        moved = session.scalar(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.kind == "due_changed")
        )
    assert moved
    assert cli(demo, "holiday", "add", "2026-12-28")[0] == 2
    _one_line_error(capsys, "2026-12-28 already has an entry (系统升级闭厅)")
    assert cli(demo, "holiday", "add", "2026-13-01")[0] == 2
    _one_line_error(capsys, "DATE '2026-13-01' is not a date")
    assert (
        cli(demo, "holiday", "remove", "2026-12-28")[1]
        == "removed 2026-12-28 周一  放假  系统升级闭厅\n"
    )
    assert cli(demo, "holiday", "remove", "2026-12-28")[0] == 1
    _one_line_error(capsys, "the holiday table has no entry for 2026-12-28")
    assert cli(demo, "holiday", "list", "--year", "2027") == (0, "no entries in 2027\n")


def test_holiday_import_notice_asks_then_saves_and_moves_provisional_deadlines(
    demo: DataFolder,
) -> None:
    notice = DATA / "holiday_notice_2027_sample.txt"  # a sample in the official wording
    with Database.open(demo) as db, db.read() as session:
        provisional = session.scalar(
            select(func.count()).select_from(Case).where(Case.due_provisional.is_(True))
        )
    assert provisional
    # A script without --yes gets the preview and nothing is saved.
    code, out, err = run(demo, "holiday", "import-notice", str(notice))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        "国务院办公厅关于2027年部分节假日安排的通知: 28 days off, 4 make-up working days"
    )
    assert "  2027-02-05 周五  放假  春节  (new)" in lines
    assert "  2027-10-09 周六  上班  国庆节调休上班  (new)" in lines
    assert lines[-1] == "nothing saved; run again with --yes to save"
    with Database.open(demo) as db, db.read() as session:
        assert not session.scalar(
            select(func.count()).select_from(Holiday).where(Holiday.day >= date(2027, 1, 1))
        )
    code, out, err = run(demo, "holiday", "import-notice", str(notice), "--yes")
    assert code == 0, err
    summary = out.splitlines()[-1]
    assert summary.startswith("saved 2027: 32 added, 0 corrected, 0 already there, 0 removed")
    with Database.open(demo) as db, db.read() as session:
        assert not session.scalar(
            select(func.count()).select_from(Case).where(Case.due_provisional.is_(True))
        )
        events = session.scalar(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.kind == "due_changed")
        )
    assert events is not None
    assert provisional is not None
    assert events >= provisional
    assert f"due dates of {events} cases recomputed" in summary
    code, out, _err = run(demo, "deadline", "2027-09-30", "1")
    assert out.strip() == "2027-10-08"  # 10-1 to 10-7 off; no longer "provisional"
    code, out, _err = run(demo, "holiday", "list", "--year", "2027")
    assert (
        "2027-10-09 周六  上班  国庆节调休上班  [国家] 国务院办公厅关于2027年部分节假日安排的通知"
        in out
    )


def test_holiday_import_notice_refusals(demo: DataFolder, tmp_path: Path) -> None:
    code, out, err = run(
        demo, "holiday", "import-notice", str(DATA / "holiday_notice_2026.txt"), "--year", "2027"
    )
    assert code == 2
    assert out == ""
    assert err.strip() == (
        "hallwatch: the notice is for 2026, not 2027; "
        "import it as 2026, or paste the notice for 2027"
    )
    torn = tmp_path / "torn.txt"
    # Saved by Notepad on a Chinese Windows: GB18030, and the paste lost a line.
    torn.write_bytes(
        "国务院办公厅关于2027年部分节假日安排的通知\n二、春节：2月5日（农历除夕、周五）至12日放假调休，共9天。".encode(
            "gb18030"
        )
    )
    code, out, err = run(demo, "holiday", "import-notice", str(torn), "--yes")
    assert code == 2
    assert "says 9 days but names 8" in err
    assert len(err.strip().splitlines()) == 1
    code, _out, err = run(demo, "holiday", "import-notice", str(tmp_path / "missing.txt"))
    assert code == 2
    assert "cannot read" in err
    assert "missing.txt" in err


# --- leave ------------------------------------------------------------------------------


def test_leave_add_with_the_screen_s_checks(
    demo: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    with Database.open(demo) as db, db.read() as session:
        leaves = session.scalar(select(func.count()).select_from(Leave)) or 0
    code, out = cli(
        demo, "leave", "add", "--staff", "01001", "--kind", "病假", "--from", "2026-12-21T09:00",
        "--to", "2026-12-21T12:00", "--reason", "门诊",
    )  # fmt: skip
    assert code == 0
    with Database.open(demo) as db, db.read() as session:
        leave = session.scalars(select(Leave).where(Leave.reason == "门诊")).one()
        assert str(leave.id) == out.strip()
        assert leave.kind.value == "sick"
        assert leave.approved_by == "tester"
        assert leave.starts_at.hour == 1  # 09:00 in Shanghai
    # A date alone is the whole day.
    day = ["--from", "2026-12-22", "--to", "2026-12-22"]
    assert cli(
        demo, "leave", "add", "--staff", "01002", "--kind", "personal", *day,
        "--approved-by", "王主任",
    )[0] == 0  # fmt: skip
    for args, words in [
        (["--staff", "01001", "--kind", "事假",
          "--from", "2026-12-21T11:00", "--to", "2026-12-21T15:00"],
         "overlaps 张瑞娜's 病假 of 2026-12-21 09:00–2026-12-21 12:00"),
        (["--staff", "01001", "--kind", "年假", "--from", "2026-12-23", "--to", "2026-12-23"],
         "--kind '年假' is not a kind of leave; choose 公假 (official), 事假 (personal)"),
        (["--staff", "77777", "--kind", "事假", "--from", "2026-12-23", "--to", "2026-12-23"],
         "--staff 77777 is not a staff member of"),
        (["--staff", "01001", "--kind", "事假",
          "--from", "2026-12-23T15:00", "--to", "2026-12-23T09:00"],
         "ends_at 2026-12-23 09:00+08:00 is not after starts_at 2026-12-23 15:00+08:00"),
        (["--staff", "01001", "--kind", "事假", "--from", "明天", "--to", "2026-12-23"],
         "--from '明天' is not a date and time"),
    ]:  # fmt: skip
        assert cli(demo, "leave", "add", *args)[0] == 2, args
        _one_line_error(capsys, words)
    with Database.open(demo) as db, db.read() as session:
        assert session.scalar(select(func.count()).select_from(Leave)) == leaves + 2


# --- mappings and rating scales ---------------------------------------------------------


def test_mapping_save_show_list_and_import_uses_it(
    demo: DataFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(demo, "mapping", "list") == (0, "no mapping or rating scale saved yet\n")
    code, out = cli(
        demo, "mapping", "save", "叫号系统", "--kind", "queue",
        "--column", "ticket_no=排队号", "rating=评", "--state", "4=abandoned", "已过号=abandoned",
        "--rating", "1=1", "2=3", "3=5",
    )  # fmt: skip
    assert code == 0
    assert out == (
        "saved queue mapping '叫号系统': 2 columns, 2 state words, "
        "rating scale 1→非常不满意, 2→基本满意, 3→非常满意\n"
    )
    code, out = cli(demo, "mapping", "show", "叫号系统", "--json")
    assert json.loads(out) == {
        "name": "叫号系统",
        "kind": "queue",
        "columns": {"ticket_no": "排队号", "rating": "评"},
        "states": {"4": "abandoned", "已过号": "abandoned"},
        "rating_scale": {"1": 1, "2": 3, "3": 5},
    }
    assert json.loads(cli(demo, "mapping", "list", "--json")[1]) == [
        {"name": "叫号系统", "kind": "queue", "rating_scale": True}
    ]
    for args, words in [
        (["--kind", "queue", "--state", "4=gone"],
         "state word '4' is mapped to 'gone', which is not a state"),
        (["--kind", "queue", "--column", "bogus=票号"],
         "the mapping names fields this import does not know: bogus"),
        (["--kind", "queue", "--rating", "9=7"],
         "rating value '9' is mapped to 7, which is not a level"),
        (["--kind", "queue", "--rating", "9=好"], "--rating 9= '好' is not a whole number"),
        (["--kind", "fax", "--column", "a=b"], "--kind 'fax' is not an import kind"),
        (["--kind", "queue", "--column", "ticket_no"], "--column 'ticket_no' is not KEY=VALUE"),
        (["--kind", "queue"], "nothing to save"),
    ]:  # fmt: skip
        assert cli(demo, "mapping", "save", "坏的", *args)[0] == 2, args
        _one_line_error(capsys, words)
    assert cli(demo, "mapping", "show", "坏的")[0] == 1
    _one_line_error(capsys, "no saved import mapping named '坏的'; saved mappings: 叫号系统")
    # The saved mapping and scale are the ones an import applies.
    export = tmp_path / "queue.csv"
    export.write_text(
        "排队号,事项,窗口,取号时间,叫号时间,办结时间,评,状态\n"
        "Q901,企业设立登记,A01,2026-12-01 09:00:00,2026-12-01 09:05:00,2026-12-01 09:20:00,3,\n"
        # The source writes its states as numbers: 4 is its 弃号.
        "Q902,企业设立登记,A01,2026-12-01 09:10:00,,,,4\n",
        encoding="utf-8",
    )
    code, out = cli(demo, "import", "queue", str(export), "--mapping", "叫号系统", "--json")
    report = json.loads(out)
    assert code == 0, report
    with Database.open(demo) as db, db.read() as session:
        assert session.scalar(select(Case.rating).where(Case.ticket_no == "Q901")) == 5
        status = session.scalar(select(Case.status).where(Case.ticket_no == "Q902"))
        assert status is not None
        assert status.value == "abandoned"


def _on_a_terminal(folder: DataFolder, answer: str, *args: str) -> tuple[int, str]:
    """Run a command whose stdin is a terminal (a pty) that types answer."""
    import pty

    controller, terminal = pty.openpty()
    try:
        os.write(controller, answer.encode())
        script = [sys.executable, "-c", "from ui.launcher import main; main()"]
        result = subprocess.run(
            [*script, "--data-dir", str(folder.root), *args],
            stdin=terminal,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    return result.returncode, result.stdout + result.stderr


def test_holiday_import_notice_asks_on_a_terminal(folder: DataFolder) -> None:
    assert cli(folder, "init", "--hall", "市民中心")[0] == 0
    notice = str(DATA / "holiday_notice_2026.txt")
    code, said = _on_a_terminal(folder, "n\n", "holiday", "import-notice", notice)
    assert code == 0
    assert "save these days into the holiday table of 市民中心? [y/N]" in said
    assert "nothing saved" in said
    with Database.open(folder) as db, db.read() as session:
        assert not session.scalar(select(func.count()).select_from(Holiday))
    code, said = _on_a_terminal(folder, "y\n", "holiday", "import-notice", notice)
    assert code == 0, said
    assert "saved 2026: 39 added, 0 corrected, 0 already there, 0 removed" in said
    with Database.open(folder) as db, db.read() as session:
        assert session.scalar(select(func.count()).select_from(Holiday)) == 39
        sources = set(session.scalars(select(Holiday.source)))
    assert sources == {"国务院办公厅关于2026年部分节假日安排的通知"}
