"""统计: the period's figures per unit and for the whole hall, and the four charts."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCharts import QBarSeries
from pytestqt.qtbot import QtBot

from hallwatch.demo.generator import generate_demo
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.queries import hall as hall_queries
from ui.app import create_application
from ui.base.context import AppContext
from ui.cases.cases_area import CasesArea

AT = datetime(2026, 3, 31, 9, 0, tzinfo=UTC)  # 17:00 in the hall


def test_stats_tab_shows_units_the_hall_and_charts(qtbot: QtBot, folder: DataFolder) -> None:
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    create_application()
    with direct.reading(folder) as conn:
        hall = hall_queries.halls(conn)[0]
        units = hall_queries.units(conn, hall.id)
    context = AppContext(folder, hall, now=lambda: AT)
    area = CasesArea(context)
    qtbot.addWidget(area)
    area.resize(1400, 900)
    area.show()
    stats = area.show_stats()
    assert area.tabText(area.currentIndex()) == "统计"
    qtbot.waitUntil(lambda: stats.loaded is not None, timeout=20_000)  # type: ignore[attr-defined]
    table = stats.table  # type: ignore[attr-defined]
    assert table.horizontalHeaderItem(4).text() == "办结率"
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert names[-1] == "全大厅"
    assert len(names) == len(units) + 1
    # The whole hall's tickets are the daily volume chart's tickets, day by day.
    total_tickets = int(table.item(table.rowCount() - 1, 1).text())
    volume = stats.charts["volume"].chart()  # type: ignore[attr-defined]
    (series,) = volume.series()
    assert isinstance(series, QBarSeries)
    tickets = series.barSets()[0]
    assert tickets.label() == "取号"
    assert sum(tickets.at(i) for i in range(tickets.count())) == total_tickets > 0
    assert tickets.count() == 31  # 1–31 March
    lights = stats.charts["lights"].chart()  # type: ignore[attr-defined]
    assert [s.label() for s in lights.series()[0].barSets()] == ["绿灯", "黄灯", "红灯", "严重超期"]
    assert stats.charts["waits"].chart().title() == "等候时长（分钟）"  # type: ignore[attr-defined]
    # By window: one row per window that served, plus the hall.
    stats.group.setCurrentIndex(1)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: stats.table.rowCount() == 8 + 1, timeout=20_000)  # type: ignore[attr-defined]
    area.close()
    context.wait_idle()
    context.close()
