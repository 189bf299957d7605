"""Open cases on the tiny demo: the service and `hallwatch report cases`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from hallwatch.cli.main import main
from hallwatch.demo.generator import DemoSummary, generate_demo
from hallwatch.domain.calendar import WorkCalendar
from hallwatch.domain.cases import LIGHT_ORDER
from hallwatch.domain.enums import CaseStatus, Light
from hallwatch.services.cases.open_cases import open_cases
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Case, Holiday

ZONE = ZoneInfo("Asia/Shanghai")
UNTIL = date(2026, 3, 31)
AT = datetime(2026, 3, 31, 16, 0, tzinfo=ZONE)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataFolder, DemoSummary]:
    folder = DataFolder(tmp_path_factory.mktemp("tiny-cases"))
    with Database.open(folder) as db:
        summary = generate_demo(db, scale="tiny", until=UNTIL)
    return folder, summary


def _open_by_hand(folder: DataFolder, at: datetime) -> set[str]:
    """Case ids open at `at`, filtered in Python over every stored case."""
    at_utc = at.astimezone(UTC)
    with Database.open(folder, create=False) as db, db.read() as session:
        rows = session.execute(
            select(Case.id, Case.status, Case.accepted_at, Case.finished_at)
        ).all()
    return {
        str(row.id)
        for row in rows
        if row.accepted_at is not None
        and row.accepted_at <= at_utc
        and (row.finished_at is None or row.finished_at > at_utc)
        and row.status is not CaseStatus.TRANSFERRED
    }


def test_open_cases_every_light_on_tiny_demo(demo: tuple[DataFolder, DemoSummary]) -> None:
    folder, summary = demo
    with Database.open(folder, create=False) as db, db.read() as session:
        lines = open_cases(session, summary.hall_id, AT)
    assert {line.light for line in lines} == set(Light)
    # Worst first, then by promised due date.
    keys = [(LIGHT_ORDER[line.light], line.promised_due) for line in lines]
    assert keys == sorted(keys)
    for line in lines:
        assert line.accepted_on <= UNTIL
        if line.light is Light.SEVERE:
            assert line.legal_overdue_days > 0
            assert line.overdue_days > 0
        elif line.light is Light.RED:
            assert line.overdue_days > 0
            assert line.legal_overdue_days == 0
        else:
            assert line.overdue_days == 0
            assert line.promised_due >= UNTIL


def test_open_cases_counts_match_hand_query(demo: tuple[DataFolder, DemoSummary]) -> None:
    folder, summary = demo
    with Database.open(folder, create=False) as db, db.read() as session:
        lines = open_cases(session, summary.hall_id, AT)
    assert lines
    assert {str(line.case_id) for line in lines} == _open_by_hand(folder, AT)
    assert len({line.case_id for line in lines}) == len(lines)


def test_open_cases_excludes_finished_and_includes_later_finished(
    demo: tuple[DataFolder, DemoSummary],
) -> None:
    folder, summary = demo
    earlier = datetime(2026, 3, 20, 12, 0, tzinfo=ZONE)
    with Database.open(folder, create=False) as db, db.read() as session:
        now_ids = {line.case_id for line in open_cases(session, summary.hall_id, AT)}
        then_ids = {line.case_id for line in open_cases(session, summary.hall_id, earlier)}
        status = {row.id: row.status for row in session.execute(select(Case.id, Case.status))}
        finished = {
            row.id: row.finished_at for row in session.execute(select(Case.id, Case.finished_at))
        }
    at_utc = AT.astimezone(UTC)
    # Nothing finished by 16:00 on 03-31 is listed.
    assert all(finished[case_id] is None or finished[case_id] > at_utc for case_id in now_ids)
    assert all(
        status[case_id] in (CaseStatus.ACCEPTED, CaseStatus.PAUSED) or finished[case_id]
        for case_id in now_ids
    )
    # On 03-20 cases finished later were still open: they are listed then.
    assert any(status[case_id] is CaseStatus.FINISHED for case_id in then_ids)
    assert {str(case_id) for case_id in then_ids} == _open_by_hand(folder, earlier)


def test_open_cases_reflect_changed_holiday_table(db: Database) -> None:
    summary = generate_demo(db, scale="tiny", until=UNTIL)
    with db.read() as session:
        before = {line.case_id: line for line in open_cases(session, summary.hall_id, AT)}
    # The hall closes on Wed 2026-04-01: every due date on or after it moves one working day.
    with db.write("holiday") as session:
        session.add(
            Holiday(
                hall_id=summary.hall_id,
                day=date(2026, 4, 1),
                is_workday=False,
                name="停电",
                national=False,
            )
        )
    with db.read() as session:
        after = {line.case_id: line for line in open_cases(session, summary.hall_id, AT)}
    moved = [case_id for case_id, line in before.items() if line.promised_due == date(2026, 4, 1)]
    assert moved
    for case_id in moved:
        assert after[case_id].promised_due == date(2026, 4, 2)
    cal = WorkCalendar()
    assert cal.is_workday(date(2026, 4, 1))


def test_open_cases_accepted_after_at_not_listed(demo: tuple[DataFolder, DemoSummary]) -> None:
    folder, summary = demo
    morning = datetime.combine(UNTIL, time(8, 0), tzinfo=ZONE)
    with Database.open(folder, create=False) as db, db.read() as session:
        lines = open_cases(session, summary.hall_id, morning)
    assert all(line.accepted_on < UNTIL for line in lines)


# --- the CLI ---------------------------------------------------------------------------


def _run(folder: DataFolder, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from ui.launcher import main; main()"]
    return subprocess.run(
        [*command, "--data-dir", str(folder.root), "report", "cases", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_report_cases_json(demo: tuple[DataFolder, DemoSummary]) -> None:
    folder, _summary = demo
    result = _run(folder, "--at", "2026-03-31T16:00", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == len(_open_by_hand(folder, AT))
    keys = {
        *("case_no", "ticket_no", "unit", "window", "staff", "item", "accepted_on"),
        *("promised_due", "legal_due", "provisional", "light", "overdue_days"),
        *("legal_overdue_days", "promised_days", "legal_days"),
    }
    for row in rows:
        assert set(row) == keys
        assert date.fromisoformat(row["promised_due"]) <= date.fromisoformat(row["legal_due"])
        # Every demo case carries its own limits, as an import or an entry stores them.
        assert 0 <= row["promised_days"] <= row["legal_days"]
    assert {row["light"] for row in rows} == {light.value for light in Light}


def test_cli_report_cases_text(demo: tuple[DataFolder, DemoSummary]) -> None:
    folder, _summary = demo
    out = io.StringIO()
    args = ["--data-dir", str(folder.root), "report", "cases", "--at", "2026-03-31T16:00"]
    assert main(args, out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("在办件 截至 2026-03-31 16:00")
    assert lines[1].split()[:3] == ["办件编号", "取号", "单位"]
    assert lines[-1].startswith(f"共 {len(lines) - 3} 件")
    text = out.getvalue()
    for word in ("绿灯", "黄灯", "红灯", "严重超期"):
        assert word in text


@pytest.mark.parametrize("value", ["2026-03-32T10:00", "yesterday"])
def test_cli_report_cases_bad_at_one_line(demo: tuple[DataFolder, DemoSummary], value: str) -> None:
    folder, _summary = demo
    result = _run(folder, "--at", value)
    assert result.returncode == 2
    assert f"--at {value!r} is not a date and time" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
