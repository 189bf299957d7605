"""Migration 0009: punches that an old import corrected go back to the device's time.

Before 0009 a punch import added the device's clock offset before storing the time,
and judging the day added it again. A database of that release is built at 0008 with
plain SQL, its punches shaped as the old importer wrote them, and opened by this one.
"""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hallwatch.cli.main import main
from hallwatch.storage import migrate
from hallwatch.storage.database import Database, DataFolder, make_engine

ZONE = ZoneInfo("Asia/Shanghai")
DAY = "2026-05-18"  # a Monday, a working day
HALL = "0190aaaa0000700080000000000000a1"
UNIT = "0190aaaa0000700080000000000000b1"
SYNC = "'2026-05-01 01:00:00', '', 'dev-1', 0, NULL"
SYNC_COLUMNS = "created_at, updated_hlc, updated_by, deleted, server_seq"
FAST = -180  # the device's clock runs three minutes fast: add -180 s to its times

# What really happened, each half: in a little early, out a little late (normal).
HAPPENED = ["08:57:00", "12:02:00", "13:57:00", "17:32:00"]


def _create_at(path: Path, revision: str) -> None:
    engine = make_engine(path)
    with engine.connect() as conn:
        migrate.upgrade(conn, revision)
        conn.commit()
    engine.dispose()


def _utc(local: str) -> str:
    """Return a hall wall-clock time of DAY as the database stores it (UTC text)."""
    moment = datetime.fromisoformat(f"{DAY} {local}").replace(tzinfo=ZONE).astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat(sep=" ")


def _shifted(local: str, seconds: int) -> str:
    return (datetime.fromisoformat(f"{DAY} {local}") + timedelta(seconds=seconds)).strftime(
        "%H:%M:%S"
    )


def _id(number: int) -> str:
    return f"0190aaaa00007000800000000000{number:04x}"


def _fill(path: Path) -> dict[str, tuple[str, str]]:
    """Write the hall, its people and punches; return punch id → (stored time, raw)."""
    punches: dict[str, tuple[str, str]] = {}
    with sqlite3.connect(path) as conn:
        conn.execute(
            f"INSERT INTO halls (id, hall_id, {SYNC_COLUMNS}, code, name, timezone, address, "
            f"is_demo) VALUES ('{HALL}', '{HALL}', {SYNC}, 'H1', '市民中心', 'Asia/Shanghai', "
            "'', 0)"
        )
        conn.execute(
            f"INSERT INTO units (id, hall_id, {SYNC_COLUMNS}, code, name, short_name) "
            f"VALUES ('{UNIT}', '{HALL}', {SYNC}, 'U1', '市场监督管理局', '市场监管')"
        )
        conn.execute(
            f"INSERT INTO schedules (id, hall_id, {SYNC_COLUMNS}, name, season_start, "
            "season_end, am_start, am_end, pm_start, pm_end, late_grace_minutes) VALUES "
            f"('{_id(1)}', '{HALL}', {SYNC}, '全年', '01-01', '12-31', '09:00:00.000000', "
            "'12:00:00.000000', '14:00:00.000000', '17:30:00.000000', 0)"
        )
        conn.execute(
            f"INSERT INTO settings (id, hall_id, {SYNC_COLUMNS}, key, value) VALUES "
            f"('{_id(2)}', '{HALL}', {SYNC}, 'device_offsets', ?)",
            (json.dumps({"SN-FAST": FAST}),),
        )
        for number, (staff_no, name) in enumerate(
            [
                ("0101", "李娜"),
                ("0102", "王强"),
                ("0103", "张敏"),
                ("0104", "赵磊"),
                ("0105", "陈静"),
            ]
        ):
            conn.execute(
                f"INSERT INTO staff (id, hall_id, {SYNC_COLUMNS}, unit_id, staff_no, name, pin, "
                f"gender, phone, position, active) VALUES ('{_id(16 + number)}', '{HALL}', "
                f"{SYNC}, '{UNIT}', '{staff_no}', '{name}', '{int(staff_no)}', '', '', '', 1)"
            )

        counter = iter(range(256, 10_000))

        def punch(staff: int, stored_local: str, device: str, raw: str) -> str:
            row_id = _id(next(counter))
            stored = _utc(stored_local)
            conn.execute(
                f"INSERT INTO attendance_events (id, hall_id, {SYNC_COLUMNS}, staff_id, "
                "window_id, kind, occurred_at, source, device_sn, raw, note, approved_by, "
                f"clock_suspect, batch_id) VALUES (?, '{HALL}', {SYNC}, ?, NULL, 'punch', ?, "
                "'import', ?, ?, '', '', 0, NULL)",
                (row_id, _id(16 + staff), stored, device, raw),
            )
            punches[row_id] = (stored, raw)
            return row_id

        for clock in HAPPENED:
            device = _shifted(clock, -FAST)  # what the fast clock showed
            # 李娜: imported with the offset set: the old import stored the true time.
            punch(0, clock, "SN-FAST", f"      101\t{DAY} {device}\tSN-FAST\t0\t1\t0")
            # 王强: imported before the offset was set: stored as the device showed it.
            punch(1, device, "SN-FAST", f"      102\t{DAY} {device}\tSN-FAST\t0\t1\t0")
        # 张敏: a CSV export, `2026/5/18 9:00` (no seconds), corrected by the old import.
        for clock in HAPPENED:
            device = _shifted(clock, -FAST)
            hour, minute = int(device[:2]), device[3:5]
            punch(2, clock, "SN-FAST", f"103,张敏,2026/5/18 {hour}:{minute},SN-FAST")
        # 赵磊: date and time in cells of their own (a workbook row joined by tabs).
        for clock in HAPPENED:
            device = _shifted(clock, -FAST)
            punch(3, clock, "SN-FAST", f"104\t赵磊\t2026/5/18\t{device[:5]}\tSN-FAST")
        # 陈静: a device without an offset, and a punch that kept no raw text.
        punch(4, "08:50:00", "SN-OK", f"      105\t{DAY} 08:50:00\tSN-OK\t0\t1\t0")
        punch(4, "17:40:00", "SN-FAST", "")
        # A pending outbox mutation carries 李娜's first punch as the old import sent it.
        first = next(iter(punches))
        conn.execute(
            "INSERT INTO sync_outbox (device_id, seq, kind, payload, hlc, schema_version, "
            "created_at, state, result) VALUES ('dev-1', 1, 'attendance_events.bulk_create', "
            "?, '', '0008', '2026-05-18 10:00:00', 'pending', '')",
            (
                json.dumps(
                    {
                        "table": "attendance_events",
                        "op": "bulk_create",
                        "columns": ["id", "staff_id", "occurred_at", "device_sn", "raw"],
                        "rows": [
                            [
                                f"{first[:8]}-{first[8:12]}-{first[12:16]}-{first[16:20]}-"
                                f"{first[20:]}",
                                _id(16),
                                datetime.fromisoformat(punches[first][0])
                                .replace(tzinfo=UTC)
                                .isoformat(),
                                "SN-FAST",
                                punches[first][1],
                            ]
                        ],
                    }
                ),
            ),
        )
    return punches


def test_migration_0009_old_corrected_punches_judged_once(folder: DataFolder) -> None:
    folder.root.mkdir(parents=True)
    _create_at(folder.db_path, "0008")
    before = _fill(folder.db_path)

    # Read by today's code without the migration, 李娜 would be three minutes early.
    with Database.open(folder) as db:
        assert db.revision() == migrate.head_revision()
    assert list(folder.backups_dir.glob("before-upgrade-0008-*.db"))

    out = io.StringIO()
    assert (
        main(["--data-dir", str(folder.root), "report", "attendance", DAY, "--json"], out=out) == 0
    )
    rows = {row["name"]: row for row in json.loads(out.getvalue())}
    for name in ("李娜", "王强", "张敏", "赵磊"):
        row = rows[name]
        assert row["punches"] == HAPPENED, name
        assert (row["late_minutes"], row["early_minutes"], row["status"]) == (0, 0, "normal")

    with sqlite3.connect(folder.db_path) as conn:
        after = dict(conn.execute("SELECT id, occurred_at FROM attendance_events").fetchall())
        payload = json.loads(conn.execute("SELECT payload FROM sync_outbox").fetchone()[0])
    changed = {row_id for row_id, (stored, _raw) in before.items() if after[row_id] != stored}
    # The twelve punches that the old import corrected, and only those, moved by 3 min.
    assert len(changed) == 12
    for row_id in changed:
        moved = datetime.fromisoformat(after[row_id]) - datetime.fromisoformat(before[row_id][0])
        assert moved == timedelta(seconds=-FAST)
    untouched = [before[row_id][1] for row_id in set(before) - changed]
    assert sorted(raw[:10] for raw in untouched) == sorted(
        ["      102\t"] * 4 + ["      105\t", ""]
    )
    # The pending mutation now carries the device's time too.
    first = next(iter(before))
    assert payload["rows"][0][2] == (
        datetime.fromisoformat(after[first]).replace(tzinfo=UTC).isoformat()
    )


def test_migration_0009_without_offsets_changes_nothing(folder: DataFolder) -> None:
    folder.root.mkdir(parents=True)
    _create_at(folder.db_path, "0008")
    before = _fill(folder.db_path)
    with sqlite3.connect(folder.db_path) as conn:
        conn.execute("UPDATE settings SET value = '{}' WHERE key = 'device_offsets'")
    with Database.open(folder) as db:
        assert db.revision() == migrate.head_revision()
    with sqlite3.connect(folder.db_path) as conn:
        after = dict(conn.execute("SELECT id, occurred_at FROM attendance_events").fetchall())
    assert after == {row_id: stored for row_id, (stored, _raw) in before.items()}
