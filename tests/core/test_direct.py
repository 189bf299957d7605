"""Plain-SQL reads decode what the ORM stored, see a session's unflushed changes, never write."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.attendance import DaySchedule, ScheduleSeason
from hallwatch.domain.halls import HallInfo
from hallwatch.domain.rules import HallRules
from hallwatch.services.attendance.sheets import load_seasons
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.hall.halls import list_halls
from hallwatch.services.hall.rules import load_rules, save_rules
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Hall, Holiday, Schedule, Setting, Unit
from hallwatch.storage.queries import hall as hall_queries

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


def test_hall_readers_decode_what_the_orm_stored(demo_folder: DataFolder) -> None:
    # The readers are the one implementation (services answer through them), so they
    # are checked against the ORM's own rows, loaded as models: what the ORM wrote and
    # what plain SQL reads back must be the same values.
    with (
        Database.open(demo_folder) as db,
        db.read() as session,
        direct.reading(demo_folder) as conn,
    ):
        halls = session.scalars(select(Hall).where(Hall.deleted.is_(False)).order_by(Hall.code))
        expected = [HallInfo(h.id, h.code, h.name, h.timezone, h.is_demo) for h in halls]
        assert hall_queries.halls(conn) == expected
        hall_id = expected[0].id
        assert hall_queries.zone(conn, hall_id).key == expected[0].timezone

        settings = session.scalars(
            select(Setting).where(Setting.hall_id == hall_id, Setting.deleted.is_(False))
        )
        stored = HallRules.from_settings({row.key: row.value for row in settings})
        assert hall_queries.rules(conn, hall_id) == stored
        assert stored.yellow_days == 3  # the rule the fixture changed

        schedules = session.scalars(
            select(Schedule)
            .where(Schedule.hall_id == hall_id, Schedule.deleted.is_(False))
            .order_by(Schedule.season_start, Schedule.name)
        ).all()
        assert len(schedules) >= 2
        assert hall_queries.seasons(conn, hall_id) == [
            ScheduleSeason(
                s.season_start,
                s.season_end,
                DaySchedule(
                    s.am_start, s.am_end, s.pm_start, s.pm_end, s.late_grace_minutes or 0, s.name
                ),
            )
            for s in schedules
        ]

        units = session.scalars(
            select(Unit).where(Unit.hall_id == hall_id, Unit.deleted.is_(False)).order_by(Unit.code)
        )
        assert hall_queries.units(conn, hall_id) == [
            (u.id, u.name, u.short_name or "") for u in units
        ]

        holidays = session.scalars(
            select(Holiday).where(Holiday.hall_id == hall_id, Holiday.deleted.is_(False))
        ).all()
        assert len(holidays) > 10
        calendar = hall_queries.calendar(conn, hall_id)
        for row in holidays:
            info = calendar.day_info(row.day)
            assert (info.is_workday, info.name) == (row.is_workday, row.name), row.day


def test_services_read_through_a_session_what_it_has_not_flushed(
    demo_folder: DataFolder, tmp_path: Path
) -> None:
    # The services answer with plain SQL under the session: a change made in the same
    # write, not flushed yet, must be seen as the ORM's own queries would see it.
    copy = DataFolder(tmp_path / "copy")
    copy.root.mkdir()
    shutil.copyfile(demo_folder.db_path, copy.db_path)
    with Database.open(copy) as db, db.write("test") as session:
        hall_id = list_halls(session)[0].id
        row = session.scalars(
            select(Setting).where(Setting.hall_id == hall_id, Setting.key == "yellow_days")
        ).one()
        row.value = 4
        assert load_rules(session, hall_id).yellow_days == 4
        day = date(2026, 6, 3)
        assert hall_calendar(session, hall_id).is_workday(day)
        session.add(Holiday(hall_id=hall_id, day=day, is_workday=False, name="闭馆"))
        assert not hall_calendar(session, hall_id).is_workday(day)
        before = len(load_seasons(session, hall_id))
        assert before >= 2
        session.rollback()


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
