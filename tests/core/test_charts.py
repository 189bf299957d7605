"""Chart series: daily volume, waiting times and lights agree with the rows they count."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import CaseStatus, Light
from hallwatch.domain.errors import InputError
from hallwatch.services.cases.entry import CaseDraft, create_case
from hallwatch.services.cases.view import CaseFilter, count_cases, view_context
from hallwatch.services.hall.halls import list_halls
from hallwatch.services.setup.entities import UnitDraft, WindowDraft, create_unit, create_window
from hallwatch.services.stats.charts import daily_volume, lights_by_day, wait_histogram
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.queries import hall as hall_queries

ZONE = ZoneInfo("Asia/Shanghai")
UNTIL = date(2026, 3, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DataFolder:
    folder = DataFolder(tmp_path_factory.mktemp("charts") / "data")
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=UNTIL)
    return folder


def _count(conn: object, sql: str, *params: object) -> int:
    return int(conn.execute(sql, params).fetchone()[0])  # type: ignore[attr-defined]


def test_daily_volume_counts_each_day_in_the_hall_zone(demo: DataFolder) -> None:
    start, end = date(2026, 3, 2), date(2026, 3, 31)
    with direct.reading(demo) as conn:
        hall_id = hall_queries.halls(conn)[0].id
        days = daily_volume(conn, hall_id, start, end)
        assert len(days) == 30
        assert [d.day for d in days] == [start + timedelta(n) for n in range(30)]
        # Local midnight of 2 March is 16:00 UTC on 1 March.
        taken = _count(
            conn,
            "SELECT count(*) FROM cases WHERE deleted = 0"
            " AND taken_at >= '2026-03-01 16:00:00' AND taken_at < '2026-03-31 16:00:00'",
        )
        assert sum(d.tickets for d in days) == taken > 100
        finished = _count(
            conn,
            "SELECT count(*) FROM cases WHERE deleted = 0 AND status = 'finished'"
            " AND finished_at >= '2026-03-01 16:00:00' AND finished_at < '2026-03-31 16:00:00'",
        )
        assert sum(d.finished for d in days) == finished
        weekend = next(d for d in days if d.day == date(2026, 3, 7))  # a Saturday
        assert (weekend.tickets, weekend.received) == (0, 0)
        with pytest.raises(InputError, match="starts"):
            daily_volume(conn, hall_id, end, start)


def test_lights_on_the_last_day_match_the_cases_view(demo: DataFolder) -> None:
    with direct.reading(demo) as conn:
        hall_id = hall_queries.halls(conn)[0].id
        (last,) = lights_by_day(conn, hall_id, UNTIL, UNTIL)
        view = view_context(conn, hall_id, datetime(2026, 3, 31, 20, 0, tzinfo=ZONE))
        for light in Light:
            assert last.counts[light] == count_cases(conn, view, CaseFilter(light=light)), light
        assert sum(last.counts.values()) > 10
        days = lights_by_day(conn, hall_id, date(2026, 3, 1), UNTIL)
    assert all(d.day.weekday() < 5 for d in days)  # March 2026 has no make-up days


def test_wait_histogram_buckets_hand_made_tickets(folder: DataFolder) -> None:
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 1))
        with db.write("setup") as session:
            hall_id = list_halls(session)[0].id
            unit = create_unit(session, hall_id, UnitDraft("QT", "测试局"))
            window = create_window(session, hall_id, WindowDraft("Q01", unit.id))
            for number, taken, waited in (
                ("Q1", "09:00", 3),
                ("Q2", "09:10", 12),
                ("Q3", "09:20", 70),
            ):
                start = datetime.fromisoformat(f"2026-03-10T{taken}").replace(tzinfo=ZONE)
                create_case(
                    session,
                    hall_id,
                    CaseDraft(
                        window_id=window.id,
                        ticket_no=number,
                        status=CaseStatus.CALLED,
                        taken_at=start,
                        called_at=start + timedelta(minutes=waited),
                    ),
                    now=datetime(2026, 3, 10, 18, 0, tzinfo=ZONE),
                )
    with direct.reading(folder) as conn:
        buckets = dict(wait_histogram(conn, hall_id, date(2026, 3, 10), date(2026, 3, 10)))
    assert buckets == {
        "0–5": 1, "5–10": 0, "10–15": 1, "15–20": 0, "20–30": 0, "30–45": 0, "45–60": 0, "60+": 1,
    }  # fmt: skip
