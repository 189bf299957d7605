"""Direct reads (plain sqlite3) agree with the ORM on the same rows, and never write."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from hallwatch.services.attendance import load_seasons
from hallwatch.services.board import board_state
from hallwatch.services.calendar import hall_calendar
from hallwatch.services.demo import generate_demo
from hallwatch.services.halls import list_halls
from hallwatch.services.rules import load_rules, save_rules
from hallwatch.services.setup import list_units
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder

UNTIL = date(2026, 3, 31)


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> DataFolder:
    folder = DataFolder(tmp_path_factory.mktemp("direct") / "data")
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=UNTIL)
        with db.write("test") as session:
            hall = list_halls(session)[0]
            # A rule that differs from the default, so reading it is tested.
            rules = load_rules(session, hall.id)
            save_rules(session, hall.id, replace(rules, yellow_days=3))
    return folder


def test_direct_readers_agree_with_the_orm(demo_folder: DataFolder) -> None:
    with (
        Database.open(demo_folder) as db,
        db.read() as session,
        direct.reading(demo_folder) as conn,
    ):
        halls = list_halls(session)
        assert direct.halls(conn) == halls
        hall_id = halls[0].id
        assert direct.rules(conn, hall_id) == load_rules(session, hall_id)
        assert direct.rules(conn, hall_id).yellow_days == 3
        assert direct.seasons(conn, hall_id) == load_seasons(session, hall_id)
        assert len(direct.seasons(conn, hall_id)) >= 2
        assert direct.units(conn, hall_id) == [
            (u.id, u.name, u.short_name) for u in list_units(session, hall_id)
        ]
        ours, theirs = direct.calendar(conn, hall_id), hall_calendar(session, hall_id)
        day = date(2026, 1, 1)
        while day <= date(2026, 12, 31):
            assert ours.day_info(day) == theirs.day_info(day), day
            day += timedelta(days=1)


@pytest.mark.parametrize(
    "local_time",
    ["2026-03-31T08:50", "2026-03-31T09:10", "2026-03-31T10:40", "2026-03-31T12:15",
     "2026-03-31T15:30", "2026-03-31T18:00", "2026-04-04T10:00"],
)  # fmt: skip
def test_board_is_the_same_through_a_session_and_a_direct_connection(
    demo_folder: DataFolder, local_time: str
) -> None:
    at = datetime.fromisoformat(local_time + "+08:00").astimezone(UTC)
    with Database.open(demo_folder) as db, db.read() as session:
        hall_id = list_halls(session)[0].id
        through_session = board_state(session, hall_id, at)
    with direct.reading(demo_folder) as conn:
        through_direct = board_state(conn, hall_id, at)
    assert through_direct == through_session
    assert len(through_direct.cards) == 8


def test_direct_connection_cannot_write(demo_folder: DataFolder) -> None:
    with (
        direct.reading(demo_folder) as conn,
        pytest.raises(sqlite3.OperationalError, match="readonly"),
    ):
        conn.execute("DELETE FROM settings")


def test_is_at_head_only_for_a_database_at_this_schema(
    demo_folder: DataFolder, tmp_path: Path
) -> None:
    assert direct.is_at_head(demo_folder)
    assert not direct.is_at_head(DataFolder(tmp_path / "missing"))

    not_sqlite = DataFolder(tmp_path / "text")
    not_sqlite.root.mkdir()
    not_sqlite.db_path.write_text("hallwatch\n", encoding="utf-8")
    assert not direct.is_at_head(not_sqlite)

    for revision in ("0001", "9999"):  # older: must upgrade; newer: must be refused
        other = DataFolder(tmp_path / f"rev-{revision}")
        other.root.mkdir()
        shutil.copyfile(demo_folder.db_path, other.db_path)
        with sqlite3.connect(other.db_path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.close()
        assert not direct.is_at_head(other)
