"""The hall board (看板) over a tiny demo hall, with the clock pinned to a fixture moment.

The moment is the minute before a window's primary arrives late in the demo data (the
day sheet says when); the other states are arranged on that day with the core services,
the way inspectors would record them: a leave, a left-post mark, an absence.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import AttendanceKind, LeaveKind, WindowEventKind
from hallwatch.services.attendance.board import WindowCard, WindowState, board_state
from hallwatch.services.attendance.sheets import add_leave, month_sheet, record_mark
from hallwatch.services.hall.halls import HallInfo, find_hall
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import AttendanceEvent, WindowEvent
from ui.app import create_application
from ui.base.context import AppContext
from ui.board.board_view import REFRESH_INTERVAL_MS, BoardView
from ui.board.mark_dialog import MarkAction, MarkDialog

ZONE = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Fixture:
    db: Database
    hall: HallInfo
    moment: datetime
    late: WindowCard  # its primary arrives a few minutes after the moment
    on_leave: WindowCard  # same stand-in (AB角) as the late window, given a leave
    off_post: WindowCard  # left the post 16 minutes before the moment (15 allowed)
    absent: WindowCard  # noted absent, and their stand-in is out on official business
    to_mark: WindowCard  # the window the test marks absent through the board
    untouched: WindowCard  # nothing arranged: on duty


def _late_moment(db: Database, hall: HallInfo) -> tuple[datetime, uuid.UUID]:
    """Return the minute before a primary's late arrival that the board shows as late."""
    with db.read() as session:
        end = datetime(2026, 3, 31, 23, 0, tzinfo=ZONE)
        for person in month_sheet(session, hall.id, 2026, 3, now=end):
            for day in person.days:
                arrived = day.slots[0]
                if arrived is None or not time(9, 2) <= arrived.time() <= time(9, 25):
                    continue
                moment = (arrived - timedelta(minutes=1)).replace(second=0, microsecond=0)
                cards = board_state(session, hall.id, moment).cards
                if any(
                    c.staff_id == person.staff_id and c.state is WindowState.LATE for c in cards
                ):
                    return moment, person.staff_id
    raise AssertionError("the demo month has no late arrival that the board shows")


@pytest.fixture
def fixture(folder: DataFolder) -> Iterator[Fixture]:
    db = Database.open(folder)
    generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    with db.read() as session:
        hall = find_hall(session)
    moment, late_staff = _late_moment(db, hall)
    with db.read() as session:
        cards = board_state(session, hall.id, moment).cards
    late = next(c for c in cards if c.staff_id == late_staff)
    # The late window's stand-in has not come either, so its sibling cannot be covered.
    on_leave = next(
        c for c in cards if c.backup_id == late.backup_id and c.window_id != late.window_id
    )
    others: dict[uuid.UUID | None, list[WindowCard]] = {}
    for card in cards:
        if card.backup_id != late.backup_id:
            others.setdefault(card.backup_id, []).append(card)
    groups = [group for group in others.values() if len(group) >= 2]
    assert len(groups) >= 3, "the tiny demo has four units of two windows"
    assert all(c.state is WindowState.ON_DUTY for group in groups for c in group), (
        "at the moment, everyone but the late one is at the window"
    )
    # Off post: the one who came earliest, so 16 minutes away fit after their arrival.
    off_post = min((c for group in groups for c in group), key=lambda c: c.since or moment)
    groups = [group for group in groups if off_post not in group]
    absent, to_mark = groups[0][0], groups[0][1]
    untouched = groups[1][0]
    assert off_post.since is not None
    left_at = moment - timedelta(minutes=16)
    assert off_post.since < left_at
    with db.write("test") as session:
        assert on_leave.staff_id is not None
        assert absent.backup_id is not None
        add_leave(
            session,
            hall.id,
            on_leave.staff_id,
            LeaveKind.OUTING,
            moment - timedelta(minutes=5),
            moment + timedelta(hours=2),
            "到区政务办送材料",
            "主任",
        )
        # The stand-in of the absent windows is out on official business.
        add_leave(
            session,
            hall.id,
            absent.backup_id,
            LeaveKind.OFFICIAL,
            moment - timedelta(hours=1),
            moment + timedelta(hours=3),
            "市里开会",
            "中心办公室",
        )
        assert off_post.staff_id is not None
        assert absent.staff_id is not None
        record_mark(
            session,
            hall.id,
            off_post.staff_id,
            AttendanceKind.LEFT_POST,
            left_at,
            window_id=off_post.window_id,
            now=moment,
        )
        record_mark(
            session,
            hall.id,
            absent.staff_id,
            AttendanceKind.ABSENT_NOTED,
            moment - timedelta(minutes=5),
            window_id=absent.window_id,
            now=moment,
        )
    yield Fixture(db, hall, moment, late, on_leave, off_post, absent, to_mark, untouched)
    db.close()


@pytest.fixture
def view(qtbot: QtBot, fixture: Fixture) -> Iterator[BoardView]:
    create_application()  # the zh_CN translation
    context = AppContext(fixture.db, fixture.hall, now=lambda: fixture.moment)
    board = BoardView(context)
    qtbot.addWidget(board)
    board.resize(1200, 800)
    board.show()
    qtbot.waitUntil(lambda: len(board.cards()) == 8, timeout=5000)
    yield board
    board.close()
    context.wait_idle()
    qtbot.wait(10)


def _events(db: Database, kind: AttendanceKind) -> list[Any]:
    """Return (staff_id, window_id, note, occurred_at) of the events of a kind."""
    with db.read() as session:
        query = select(
            AttendanceEvent.staff_id,
            AttendanceEvent.window_id,
            AttendanceEvent.note,
            AttendanceEvent.occurred_at,
        ).where(AttendanceEvent.kind == kind)
        return list(session.execute(query).all())


def test_board_view_shows_the_fixture_states(view: BoardView, fixture: Fixture) -> None:
    expected = {
        fixture.late.number: "迟到",
        fixture.on_leave.number: "请假/公出",
        fixture.off_post.number: "脱岗",
        fixture.absent.number: "空岗",  # no 顶岗: the stand-in is out on business
        fixture.to_mark.number: "在岗",
        fixture.untouched.number: "在岗",
    }
    assert {number: view.state_text(number) for number in expected} == expected
    late = view.card(fixture.late.number)
    assert late is not None
    assert late.detail.startswith("迟到")
    assert view.count_text(WindowState.LATE) == "迟到 1"
    assert view.count_text(WindowState.OFF_POST) == "脱岗 1"
    assert view.count_text(WindowState.ON_LEAVE) == "请假/公出 1"
    assert view.all_chip.text() == "全部 8"
    # Zones keep the cards together, in number order within each.
    numbers = [card.number for card in view.cards()]
    assert numbers == sorted(numbers)


def test_board_view_marks_absent_through_quick_actions(
    qtbot: QtBot, view: BoardView, fixture: Fixture
) -> None:
    grid = view.grid
    rect = grid.card_rect(fixture.to_mark.window_id)
    assert rect is not None
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    menu = view.menu
    assert menu is not None
    assert menu.isVisible()
    assert menu.card.window_id == fixture.to_mark.window_id
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert "标记缺勤(&B)…" in texts
    assert "暂停服务(&P)…" in texts
    assert not menu.snapshot_action.isEnabled()
    assert not menu.finding_action.isEnabled()
    assert menu.snapshot_action.toolTip() == "随“明查暗访”功能提供。"

    menu.actions_by_mark[MarkAction.ABSENT].trigger()
    dialog = view.dialog
    assert isinstance(dialog, MarkDialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "标记缺勤"
    # The time defaults to now in the hall's zone.
    assert dialog.time.dateTime().toString("yyyy-MM-dd HH:mm") == fixture.moment.strftime(
        "%Y-%m-%d %H:%M"
    )
    dialog.note.setText("巡查时不在窗口，电话未接")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: view.state_text(fixture.to_mark.number) == "空岗", timeout=5000)
    card = view.card(fixture.to_mark.number)
    assert card is not None
    assert card.detail == "已记旷工"

    noted = [
        e for e in _events(fixture.db, AttendanceKind.ABSENT_NOTED) if e.staff_id == card.staff_id
    ]
    assert len(noted) == 1
    assert noted[0].window_id == fixture.to_mark.window_id
    assert noted[0].note == "巡查时不在窗口，电话未接"
    at = noted[0].occurred_at
    assert (at if at.tzinfo else at.replace(tzinfo=UTC)) == fixture.moment


def test_board_view_pause_and_resume(qtbot: QtBot, view: BoardView, fixture: Fixture) -> None:
    card = view.card(fixture.untouched.number)
    assert card is not None
    menu = view.open_quick_actions(card)
    menu.actions_by_mark[MarkAction.PAUSE].trigger()
    dialog = view.dialog
    assert dialog is not None
    dialog.note.setText("系统升级")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: view.state_text(card.number) == "暂停服务", timeout=5000)
    paused = view.card(card.number)
    assert paused is not None
    assert "系统升级" in paused.detail
    # A paused window offers to resume, not to pause again.
    menu = view.open_quick_actions(paused)
    assert MarkAction.PAUSE not in menu.actions_by_mark
    menu.actions_by_mark[MarkAction.RESUME].trigger()
    assert view.dialog is not None
    view.dialog.save_button.click()
    qtbot.waitUntil(lambda: view.state_text(card.number) == "在岗", timeout=5000)
    with fixture.db.read() as session:
        kinds = list(
            session.scalars(
                select(WindowEvent.kind)
                .where(WindowEvent.window_id == card.window_id)
                .order_by(WindowEvent.created_at)
            )
        )
    assert kinds == [WindowEventKind.PAUSED, WindowEventKind.RESUMED]


def test_board_view_refuses_a_time_in_the_future(
    qtbot: QtBot, view: BoardView, fixture: Fixture
) -> None:
    card = view.card(fixture.untouched.number)
    assert card is not None
    dialog = view.open_mark_dialog(card, MarkAction.LEFT_POST)
    dialog.time.setDateTime(dialog.time.dateTime().addSecs(3600))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.errors["time"].isVisible(), timeout=5000)
    assert "晚于当前时间" in dialog.errors["time"].text()
    assert dialog.isVisible()
    assert not [
        e for e in _events(fixture.db, AttendanceKind.LEFT_POST) if e.staff_id == card.staff_id
    ]


def test_board_view_filters_by_unit_and_state(
    qtbot: QtBot, view: BoardView, fixture: Fixture
) -> None:
    qtbot.waitUntil(lambda: view.unit.count() == 5, timeout=5000)
    assert view.unit.select(fixture.late.unit_id)
    assert {c.unit_id for c in view.cards()} == {fixture.late.unit_id}
    assert view.all_chip.text() == "全部 2"
    view.unit.setCurrentIndex(0)
    qtbot.mouseClick(view.chips[WindowState.LATE], Qt.MouseButton.LeftButton)
    assert [c.number for c in view.cards()] == [fixture.late.number]
    assert not view.all_chip.isChecked()
    qtbot.mouseClick(view.chips[WindowState.OFF_POST], Qt.MouseButton.LeftButton)
    assert {c.number for c in view.cards()} == {fixture.late.number, fixture.off_post.number}
    # The counts stay those of the whole board.
    assert view.count_text(WindowState.ON_DUTY).startswith("在岗 ")
    qtbot.mouseClick(view.all_chip, Qt.MouseButton.LeftButton)
    assert len(view.cards()) == 8
    assert view.all_chip.isChecked()


def test_board_view_keyboard_moves_and_opens_actions(qtbot: QtBot, view: BoardView) -> None:
    grid = view.grid
    grid.setFocus()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid, timeout=3000)
    first = view.cards()[0]
    assert grid.current_id == first.window_id
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert grid.current_id == view.cards()[1].window_id
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    below = grid.current_card()
    assert below is not None
    assert below.zone != first.zone
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert view.menu is not None
    assert view.menu.isVisible()
    assert view.menu.card.window_id == below.window_id
    view.menu.close()


def test_board_view_drops_answers_older_than_the_last_request(
    qtbot: QtBot, view: BoardView
) -> None:
    assert view.timer.isActive()
    assert view.timer.interval() == REFRESH_INTERVAL_MS == 30_000
    board = view.board
    assert board is not None
    old = view._generation
    view.refresh()
    # An answer to the earlier request (here: an empty board) must not replace the newer one.
    view._on_loaded(old, type(board)(board.hall_id, board.at, (), {}))
    assert len(view.cards()) == 8
    qtbot.waitUntil(lambda: view._generation == old + 1 and view.board is not board, timeout=5000)
    assert len(view.cards()) == 8


def test_board_view_card_click_position_maps_to_card(view: BoardView) -> None:
    for card in view.cards():
        rect = view.grid.card_rect(card.window_id)
        assert rect is not None
        found = view.grid.card_at(rect.center())
        assert found is not None
        assert found.window_id == card.window_id
    assert view.grid.card_at(QPoint(1, 1)) is None


def test_board_view_follows_a_language_switch(
    qtbot: QtBot, view: BoardView, fixture: Fixture
) -> None:
    from ui.i18n import switch_language

    chip = view.chips[WindowState.ON_DUTY]
    try:
        switch_language("en")
        qtbot.waitUntil(lambda: chip.text().startswith("On duty "), timeout=3000)
        assert view.state_text(fixture.late.number) == "Late"
        assert view.unit.itemText(0) == "All units"
    finally:
        switch_language("zh_CN")
    qtbot.waitUntil(lambda: chip.text().startswith("在岗 "), timeout=3000)
    assert view.unit.itemText(0) == "全部单位"


def test_board_view_without_a_hall(qtbot: QtBot, db: Database) -> None:
    create_application()
    context = AppContext(db, None)
    board = BoardView(context)
    qtbot.addWidget(board)
    board.show()
    assert board.cards() == []
    assert board.all_chip.text() == "全部 0"
    board.refresh()
    assert board.cards() == []
    context.wait_idle()


def test_board_in_the_real_main_window(qtbot: QtBot, fixture: Fixture) -> None:
    from ui.app import open_main_window

    create_application()
    window = open_main_window(fixture.db.folder, now=lambda: fixture.moment)
    assert window is not None
    qtbot.addWidget(window)
    board = window.page("board")
    assert isinstance(board, BoardView)
    qtbot.waitUntil(lambda: len(board.cards()) == 8, timeout=5000)
    assert board.state_text(fixture.late.number) == "迟到"
    assert board.state_text(fixture.on_leave.number) == "请假/公出"
    assert board.state_text(fixture.off_post.number) == "脱岗"
    assert board.state_text(fixture.absent.number) == "空岗"
    # A change made elsewhere in the app (here: a mark written by another screen)
    # reaches the board through the shared context.
    with fixture.db.write("test") as session:
        assert fixture.untouched.staff_id is not None
        record_mark(
            session,
            fixture.hall.id,
            fixture.untouched.staff_id,
            AttendanceKind.ABSENT_NOTED,
            fixture.moment - timedelta(minutes=1),
            window_id=fixture.untouched.window_id,
            now=fixture.moment,
        )
    window.context.notify_changed({"attendance_events"})
    # Its stand-in (AB角) is in the hall, so the window is covered, and the card says by whom.
    qtbot.waitUntil(
        lambda: (
            (card := board.card(fixture.untouched.number)) is not None and "顶岗" in card.detail
        ),
        timeout=5000,
    )
    assert board.state_text(fixture.untouched.number) == "在岗"
    window.close()
    window.context.wait_idle()
    window.context.close()


def test_main_window_marks_absent_while_its_database_is_still_opening(
    qtbot: QtBot, fixture: Fixture
) -> None:
    """The window shows the board from direct reads; a mark waits for the ORM, then lands."""
    from ui.app import open_main_window

    create_application()
    window = open_main_window(fixture.db.folder, now=lambda: fixture.moment)
    assert window is not None
    qtbot.addWidget(window)
    board = window.page("board")
    assert isinstance(board, BoardView)
    # Drawn before the event loop ran: the first board is read before the window shows.
    assert len(board.cards()) == 8
    assert board.state_text(fixture.to_mark.number) == "在岗"
    assert not window.context.database_ready()

    menu = board.open_quick_actions(fixture.to_mark)
    menu.actions_by_mark[MarkAction.ABSENT].trigger()
    dialog = board.dialog
    assert isinstance(dialog, MarkDialog)
    dialog.note.setText("开窗即巡查")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: board.state_text(fixture.to_mark.number) == "空岗", timeout=5000)
    assert window.context.database_ready()
    notes = [e.note for e in _events(fixture.db, AttendanceKind.ABSENT_NOTED)]
    assert "开窗即巡查" in notes
    window.close()
    window.context.wait_idle()
    window.context.close()
