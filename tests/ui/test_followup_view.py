"""差评整改 view: generate the tasks, record a call, close the loop; file and approve an appeal."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hallwatch.domain.enums import CaseStatus
from hallwatch.domain.halls import HallInfo
from hallwatch.services.accountability.followups import (
    AppealStatus,
    FollowUpStatus,
    followup_id_for,
)
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import AuditEntry, Case, RatingFollowUp, Staff, Unit, Window
from ui.app import create_application
from ui.base.context import AppContext
from ui.ratings.followup_view import FollowUpView
from ui.widgets.hall_time import to_wall

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 10, 9, 10, 0, tzinfo=SHANGHAI)
LEFT = Qt.MouseButton.LeftButton


class Hall:
    def __init__(self, db: Database, info: HallInfo, cases: dict[str, uuid.UUID]) -> None:
        self.db, self.info, self.cases = db, info, cases


@pytest.fixture
def hall(folder: DataFolder) -> Iterator[Hall]:
    db = Database.open(folder)
    with db.write("test.setup") as session:
        info = create_hall(session, code="SZ-01", name="市民中心")
        unit = Unit(hall_id=info.id, code="U1", name="市场监督管理局")
        session.add(unit)
        session.flush()
        window = Window(hall_id=info.id, unit_id=unit.id, number="A12")
        staff = Staff(hall_id=info.id, unit_id=unit.id, staff_no="0007", name="李娜")
        session.add_all([window, staff])
        session.flush()
        cases = {}
        for name, number, rating, day in (
            ("bad", "SZ2026000001", 2, 30),
            ("very_bad", "SZ2026000002", 1, 30),
            ("good", "SZ2026000003", 5, 30),
        ):
            case = Case(
                hall_id=info.id,
                unit_id=unit.id,
                window_id=window.id,
                staff_id=staff.id,
                ticket_no=f"A{number[-3:]}",
                case_no=number,
                status=CaseStatus.FINISHED,
                taken_at=datetime(2026, 9, day, 9, 0, tzinfo=SHANGHAI),
                finished_at=datetime(2026, 9, day, 9, 30, tzinfo=SHANGHAI),
                rating=rating,
                rating_raw=str(rating),
                rated_at=datetime(2026, 9, day, 9, 40, tzinfo=SHANGHAI),
            )
            session.add(case)
            session.flush()
            cases[name] = case.id
    yield Hall(db, info, cases)
    db.close()


def _view(qtbot: QtBot, hall: Hall) -> tuple[FollowUpView, AppContext]:
    create_application()
    context = AppContext(hall.db, hall.info, now=lambda: NOW)
    view = FollowUpView(context)
    qtbot.addWidget(view)
    view.show()
    context.wait_idle()
    assert view.generate_button.text() == "生成整改任务"
    qtbot.mouseClick(view.generate_button, LEFT)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    assert "新增整改任务：2" in view.info.text()
    return view, context


def _type(widget: QWidget, text: str) -> None:
    """Type Chinese as an input method commits it (QTest's key clicks know no such keys)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _choose(qtbot: QtBot, view: FollowUpView, task_id: uuid.UUID) -> None:
    assert view.select_task(task_id)
    selected = view.selected()
    assert selected is not None
    assert selected.id == task_id


def test_followup_view_call_then_close(qtbot: QtBot, hall: Hall) -> None:
    view, context = _view(qtbot, hall)
    task_id = followup_id_for(hall.cases["bad"])
    _choose(qtbot, view, task_id)
    row = view.selected()
    assert row is not None
    assert view.model.data(view.model.index(view.model.row_of(task_id), 1)) == "2026-10-13"
    assert view.model.data(view.model.index(view.model.row_of(task_id), 0)) == "待处理"
    assert "不满意" in view.summary.text()

    # Closing before the call is refused, with what to do.
    qtbot.mouseClick(view.close_button, LEFT)
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=10_000)
    assert "请先记录回访" in view.message.text()

    view.call_at.setDateTime(to_wall(datetime(2026, 10, 8, 15, 30, tzinfo=SHANGHAI), SHANGHAI))
    view.call_by.clear()
    _type(view.call_by, "王督查")
    view.call_content.clear()
    _type(view.call_content, "已电话回访，办事人表示理解")
    qtbot.mouseClick(view.record_button, LEFT)

    def called() -> bool:
        shown = view.selected()
        return shown is not None and shown.call_at is not None

    qtbot.waitUntil(called, timeout=10_000)
    assert view.info.text() == "回访记录已保存。"
    qtbot.mouseClick(view.close_button, LEFT)
    # A closed task leaves the open list.
    qtbot.waitUntil(lambda: view.model.row_of(task_id) == -1, timeout=10_000)
    context.wait_idle()
    with hall.db.read() as session:
        stored = session.get_one(RatingFollowUp, task_id)
        assert stored.status == FollowUpStatus.CLOSED
        assert stored.call_at == datetime(2026, 10, 8, 15, 30, tzinfo=SHANGHAI)
        assert (stored.call_by, stored.call_content) == ("王督查", "已电话回访，办事人表示理解")
        assert (stored.closed_by, stored.closed_at) == ("tester", NOW)
        assert session.get_one(Case, hall.cases["bad"]).rating == 2
        actions = [
            entry.action
            for entry in session.query(AuditEntry)
            .filter(AuditEntry.entity_id == str(task_id))
            .order_by(AuditEntry.seq)
        ]
    assert actions == ["followups.open:create", "followup.call:update", "followup.close:update"]

    view.filter.setCurrentIndex(view.filter.findData("closed"))
    qtbot.waitUntil(lambda: view.model.row_of(task_id) == 0, timeout=10_000)
    _choose(qtbot, view, task_id)
    assert view.model.data(view.model.index(0, 0)) == "已关闭"
    assert not view.record_button.isEnabled()
    assert not view.close_button.isEnabled()
    context.wait_idle()
    view.close()


def test_followup_view_appeal_needs_another_reviewer(qtbot: QtBot, hall: Hall) -> None:
    view, context = _view(qtbot, hall)
    task_id = followup_id_for(hall.cases["very_bad"])
    _choose(qtbot, view, task_id)
    assert view.appeal_button.isEnabled()
    assert not view.approve_button.isEnabled()
    _type(view.appeal_reason, "办事人误按评价键")
    qtbot.mouseClick(view.appeal_button, LEFT)

    def appeal_is(status: AppealStatus) -> bool:
        shown = view.selected()
        return shown is not None and shown.appeal_status == status

    qtbot.waitUntil(lambda: appeal_is(AppealStatus.PENDING), timeout=10_000)
    assert view.approve_button.isEnabled()
    assert not view.appeal_button.isEnabled()
    assert "tester" in view.appeal_state.text()

    # Who filed it cannot approve it.
    _type(view.review_note, "录像显示系误评")
    qtbot.mouseClick(view.approve_button, LEFT)
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=10_000)
    assert "不能复核自己的申诉" in view.message.text()

    context.user = "张审核"
    qtbot.mouseClick(view.approve_button, LEFT)
    qtbot.waitUntil(lambda: appeal_is(AppealStatus.APPROVED), timeout=10_000)
    assert "不计入差评率" in view.appeal_state.text()
    number = view.model.row_of(task_id)
    assert view.model.data(view.model.index(number, 11)) == "复核通过（误评）"
    assert not view.approve_button.isEnabled()
    context.wait_idle()
    with hall.db.read() as session:
        stored = session.get_one(RatingFollowUp, task_id)
        case = session.get_one(Case, hall.cases["very_bad"])
    assert stored.rating_mistaken
    assert (stored.appeal_by, stored.reviewed_by) == ("tester", "张审核")
    assert stored.review_note == "录像显示系误评"
    assert (case.rating, case.rating_raw) == (1, "1")
    view.close()
