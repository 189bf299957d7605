"""A write run through the context refreshes the screens that show what it changed.

No screen says which tables it changed: the database's own change summary does.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDateTime, Qt
from pytestqt.qtbot import QtBot

from hallwatch.demo.generator import generate_demo
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage import direct
from hallwatch.storage.changes import ChangeSummary
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Hall
from hallwatch.storage.queries import hall as hall_queries
from ui.app import create_application
from ui.base.context import AppContext
from ui.cases.case_dialog import CaseDialog
from ui.cases.cases_view import CasesView

AT = datetime(2026, 3, 25, 2, 0, tzinfo=UTC)


def test_context_write_refreshes_another_screen_showing_its_table(
    qtbot: QtBot, folder: DataFolder
) -> None:
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    create_application()
    with direct.reading(folder) as conn:
        hall = hall_queries.halls(conn)[0]
    context = AppContext(folder, hall, now=lambda: AT)
    changed: list[set[str]] = []
    context.data_changed.connect(changed.append)
    entering, watching = CasesView(context), CasesView(context)
    for view in (entering, watching):
        qtbot.addWidget(view)
        view.show()
    qtbot.waitUntil(
        lambda: all(not v.loading and v.item.count() > 1 for v in (entering, watching)),
        timeout=10_000,
    )
    before = watching.model.count

    # A case entered on one screen (the dialog declares no table)...
    qtbot.mouseClick(entering.new_button, Qt.MouseButton.LeftButton)
    dialog = entering.dialog
    assert isinstance(dialog, CaseDialog)
    dialog.item.setCurrentIndex(1)
    dialog.ticket_no.setText("M001")
    dialog.status.setCurrentIndex(dialog.status.findData("waiting"))
    taken = dialog.times["taken_at"]
    taken.check.setChecked(True)
    taken.edit.setDateTime(QDateTime.fromString("2026-03-25 09:30", "yyyy-MM-dd HH:mm"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)

    # ...shows on the other, from the one announcement the write made.
    qtbot.waitUntil(
        lambda: not watching.loading and watching.model.count == before + 1, timeout=10_000
    )
    assert len(changed) == 1
    assert "cases" in changed[0]
    assert not changed[0] & {"audit_entries", "sync_outbox", "sync_state"}
    for view in (entering, watching):
        view.close()
    context.wait_idle()
    context.close()


def test_context_write_that_changed_nothing_emits_nothing(qtbot: QtBot, folder: DataFolder) -> None:
    with Database.open(folder) as db, db.write("hall.create") as session:
        hall_id = create_hall(session, code="H1", name="一号大厅").id
    context = AppContext(folder, None)
    changed: list[set[str]] = []
    summaries: list[ChangeSummary] = []
    context.data_changed.connect(changed.append)
    context.changes_committed.connect(summaries.append)
    answers: list[Any] = []

    def rename(name: str) -> None:
        with context.db.write("hall.edit") as session:
            found = session.get(Hall, hall_id)
            assert found is not None
            found.name = name

    def nothing() -> None:
        with context.db.write("nothing"):
            pass

    def run(fn: Any) -> None:
        answers.clear()
        context.run(fn, answers.append, answers.append, write=True)
        qtbot.waitUntil(lambda: bool(answers), timeout=5000)

    run(lambda: rename("一号大厅"))  # the same name: no UPDATE
    run(nothing)
    qtbot.wait(50)
    assert changed == []
    run(lambda: rename("二号大厅"))
    assert changed == [{"halls"}]
    assert summaries[0].ids == {"halls": frozenset({hall_id})}
    context.wait_idle()
    context.close()


def test_context_write_announced_though_its_screen_is_gone(
    qtbot: QtBot, folder: DataFolder
) -> None:
    from PySide6.QtWidgets import QWidget

    with Database.open(folder) as db, db.write("hall.create") as session:
        hall_id = create_hall(session, code="H1", name="一号大厅").id
    context = AppContext(folder, None)
    changed: list[set[str]] = []
    context.data_changed.connect(changed.append)
    answers: list[Any] = []
    screen = QWidget()

    def rename() -> None:
        with context.db.write("hall.edit") as session:
            found = session.get(Hall, hall_id)
            assert found is not None
            found.name = "二号大厅"

    context.run(rename, answers.append, answers.append, write=True, owner=screen)
    shiboken6.delete(screen)  # closed before the answer comes
    qtbot.waitUntil(lambda: bool(changed), timeout=5000)
    context.wait_idle()
    qtbot.wait(50)
    assert changed == [{"halls"}]
    assert answers == []
    context.close()


def test_a_write_by_the_command_line_in_another_process_refreshes_the_open_view(
    qtbot: QtBot, folder: DataFolder, tmp_path: Path
) -> None:
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    create_application()
    with direct.reading(folder) as conn:
        hall = hall_queries.halls(conn)[0]
    context = AppContext(folder, hall, now=lambda: AT)
    context.watch_other_writers(interval_ms=100)
    changed: list[set[str]] = []
    context.data_changed.connect(changed.append)
    view = CasesView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.model.count > 0, timeout=10_000)
    before = view.model.count

    # Two tickets imported by `hallwatch import queue` in a process of its own.
    export = tmp_path / "queue.csv"
    export.write_text(
        "票号,窗口,取号时间,叫号时间,状态\n"
        "X901,A01,2026-03-25 09:01,2026-03-25 09:05,已弃号\n"
        "X902,A01,2026-03-25 09:02,,等候中\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", "from ui.launcher import main; main()",
         "--data-dir", str(folder.root), "import", "queue", str(export)],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr

    qtbot.waitUntil(lambda: any("cases" in tables for tables in changed), timeout=10_000)
    qtbot.waitUntil(lambda: not view.loading and view.model.count == before + 2, timeout=10_000)
    # Nothing more to say once it is said: a quiet database announces nothing.
    said = len(changed)
    qtbot.wait(500)
    assert len(changed) == said
    context.wait_idle()
    context.close()
