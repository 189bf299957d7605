"""The first-run wizard: a new hall with its calendar and rules, or the demo hall."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from hallwatch.domain.rules import HallRules
from hallwatch.services.hall.rules import load_rules
from hallwatch.storage.database import Database
from hallwatch.storage.models import Hall, Holiday, Setting
from ui.app import create_application
from ui.wizard import FirstRunWizard
from ui.wizard.first_run_wizard import DEMO_PAGE, DONE_PAGE, NEW_HALL_PAGE

Button = QWizard.WizardButton


@pytest.fixture
def wizard(qtbot: QtBot, db: Database) -> Iterator[FirstRunWizard]:
    create_application()
    assert FirstRunWizard.needed(db)
    dialog = FirstRunWizard(db, demo_until=date(2026, 3, 31), today=date(2026, 5, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.wait_idle()


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_wizard_creates_hall(qtbot: QtBot, db: Database, wizard: FirstRunWizard) -> None:
    assert wizard.windowTitle() == "窗口效能监察客户端 — 首次使用"
    assert wizard.button(Button.NextButton).text() == "下一步 >"
    wizard.button(Button.NextButton).click()
    assert wizard.currentId() == NEW_HALL_PAGE
    page = wizard.currentPage()
    code = page.findChild(QLineEdit, "field_code")
    name = page.findChild(QLineEdit, "field_name")
    assert code is not None
    assert name is not None
    qtbot.keyClicks(code, "SZ-01")
    create = wizard.button(Button.CommitButton)
    assert create.text() == "创建"
    create.click()
    error = page.findChild(QLabel, "error_name")
    assert error is not None
    qtbot.waitUntil(lambda: error.isVisible())
    assert error.text() == "此项必填。"
    assert _count(db, Hall) == 0

    name.setText("市民服务中心")
    create.click()
    qtbot.waitUntil(lambda: wizard.currentId() == DONE_PAGE)
    summary = wizard.findChild(QLabel, "done_summary")
    assert summary is not None
    assert "已导入 2026 年国家法定节假日" in summary.text()
    # chinesecalendar 1.11 stops at 2026: the wizard says so instead of guessing.
    assert "尚无 2027 年的数据" in summary.text()
    wizard.button(Button.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.hall is not None
    assert (wizard.hall.code, wizard.hall.name, wizard.hall.is_demo) == (
        "SZ-01",
        "市民服务中心",
        False,
    )
    assert not FirstRunWizard.needed(db)
    with db.read() as session:
        assert load_rules(session, wizard.hall.id) == HallRules()
        national = session.scalars(select(Holiday.day).where(Holiday.national.is_(True))).all()
    assert {day.year for day in national} == {2026}
    assert date(2026, 10, 1) in national
    assert _count(db, Setting) == len(HallRules().as_settings())


def test_wizard_opens_demo(qtbot: QtBot, db: Database, wizard: FirstRunWizard) -> None:
    wizard.choice_page.demo.click()
    wizard.button(Button.NextButton).click()
    assert wizard.currentId() == DEMO_PAGE
    progress = wizard.findChild(QProgressBar, "demo_progress")
    assert progress is not None
    wizard.button(Button.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == DONE_PAGE, timeout=30_000)
    assert progress.value() == 100
    wizard.button(Button.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.hall is not None
    assert wizard.hall.is_demo
    assert wizard.hall.code == "DEMO"
    assert _count(db, Hall) == 1


def test_wizard_cancelled_makes_nothing(db: Database, wizard: FirstRunWizard) -> None:
    wizard.button(Button.NextButton).click()
    wizard.button(Button.CancelButton).click()
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert wizard.hall is None
    assert FirstRunWizard.needed(db)
