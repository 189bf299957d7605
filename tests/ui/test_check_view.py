"""检查: a whole spot-check session with the keyboard alone."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.services.data.audit import verify_audit
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Finding, Snapshot, SpotCheck, Window
from hallwatch.storage.queries import hall as hall_queries
from ui.base.context import AppContext
from ui.checks.check_view import CheckView

MOMENT = datetime(2026, 3, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
CTRL = Qt.KeyboardModifier.ControlModifier


def _phone_photo(path: Path, when: str) -> Path:
    image = Image.new("RGB", (160, 120), (90, 120, 150))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = when  # DateTimeOriginal
    image.save(path, "JPEG", exif=exif, quality=85)
    return path


def test_spot_check_session_with_the_keyboard(
    qtbot: QtBot, folder: DataFolder, tmp_path: Path
) -> None:
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    with direct.reading(folder) as conn:
        hall = hall_queries.halls(conn)[0]
    context = AppContext(folder, hall, now=lambda: MOMENT)
    view = CheckView(context)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitUntil(lambda: view.state is not None, timeout=10_000)
    assert view.session_label.text() == "未在检查中。按 Ctrl+N 开始。"
    assert view.kind.currentText() == "明查"

    # Ctrl+N, the team, Enter: the session starts and the windows list has the focus.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_N, CTRL)
    assert view.team.hasFocus()
    qtbot.keyClicks(view.team, "Team A")
    qtbot.keyClick(view.team, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state.check is not None, timeout=10_000)  # type: ignore[union-attr]
    assert view.windows.count() == 8

    def finding_at(steps: int, note: str, item_steps: int) -> None:
        view.windows.setFocus()
        for _ in range(steps):
            qtbot.keyClick(view.windows, Qt.Key.Key_Down)
        qtbot.keyClick(view.windows, Qt.Key.Key_Return)
        assert view.category.hasFocus()
        for _ in range(item_steps):
            qtbot.keyClick(view.category, Qt.Key.Key_Down)
        qtbot.keyClick(view.category, Qt.Key.Key_Tab)  # the person (proposed)
        qtbot.keyClick(view.staff, Qt.Key.Key_Tab)
        assert view.description.hasFocus()
        qtbot.keyClicks(view.description, note)
        before = view.findings.rowCount()
        qtbot.keyClick(view.description, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: view.findings.rowCount() == before + 1, timeout=10_000)

    # Three windows walked: the first without a finding, then two findings.
    view.windows.setCurrentRow(0)
    finding_at(1, "phone during service", 0)  # the second window, the first item
    # Two photos of it, with Space, from the window's camera (the demo's is synthetic).
    qtbot.waitUntil(lambda: view.preview.frames > 0, timeout=10_000)
    view.windows.setFocus()
    for taken in (1, 2):
        qtbot.waitUntil(lambda: view.preview.latest() is not None, timeout=10_000)
        qtbot.keyClick(view.windows, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda n=taken: view.findings.item(0, 6).text() == str(n), timeout=10_000)
    assert view.photo_status.text().startswith("已保存照片：")
    # The finding's gallery: two thumbnails; Enter opens one full size with its hash.
    qtbot.waitUntil(lambda: view.gallery.count() == 2, timeout=10_000)
    view.gallery.setFocus()
    view.gallery.setCurrentRow(1)
    qtbot.keyClick(view.gallery, Qt.Key.Key_Return)
    viewer = view.gallery.viewer
    assert viewer is not None
    assert viewer.windowTitle() == "照片 2"
    assert view.gallery.photos[1].info.original_sha256 in viewer.findChildren(QLabel)[-1].text()
    viewer.close()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=5000)
    finding_at(1, "no name badge", 6)  # the third window, another item
    # A phone photo of it, taken an hour before the finding: kept, flagged, and said so.
    phone = _phone_photo(tmp_path / "phone.jpg", "2026:03:25 09:00:00")
    view.import_photo(str(phone))
    qtbot.waitUntil(lambda: "时间不符" in view.photo_status.text(), timeout=10_000)
    assert "相差 60 分钟" in view.photo_status.text()
    qtbot.waitUntil(lambda: view.findings.item(1, 6).text() == "1", timeout=10_000)
    state = view.state
    assert state is not None
    windows = [row.window_no for row in state.findings]
    assert sorted(windows) == sorted([state.walk[1].number, state.walk[2].number])
    assert "2" in view.session_label.text()

    # A mistaken third finding, removed with Delete after the question.
    finding_at(1, "wrong window", 0)
    asked: list[str] = []
    view.confirm = lambda question: asked.append(question) or True  # type: ignore[method-assign]
    view.findings.setFocus()
    wrong = [f.description for f in view.state.findings].index("wrong window")  # type: ignore[union-attr]
    view.findings.selectRow(wrong)
    qtbot.keyClick(view.findings, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: view.findings.rowCount() == 2, timeout=10_000)
    assert len(asked) == 1
    assert asked[0].startswith("删除窗口 B02 的问题记录")
    view.activateWindow()

    # Ctrl+E, a summary, Enter: the session closes.
    qtbot.keyClick(view, Qt.Key.Key_E, CTRL)
    assert view.summary.hasFocus()
    qtbot.keyClicks(view.summary, "two problems")
    qtbot.keyClick(view.summary, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state.check is None, timeout=10_000)  # type: ignore[union-attr]
    with Database.open(folder) as db, db.read() as session:
        check = session.scalars(select(SpotCheck).where(SpotCheck.team == "Team A")).one()
        assert check is not None
        assert check.ended_at is not None
        assert check.summary == "two problems"
        assert check.team == "Team A"
        found = session.execute(
            select(Window.number, Finding.description, Finding.staff_id)
            .join(Window, Window.id == Finding.window_id)
            .where(Finding.spot_check_id == check.id, Finding.deleted.is_(False))
        ).all()
    assert sorted(description for _n, description, _s in found) == [
        "no name badge",
        "phone during service",
    ]
    with Database.open(folder) as db, db.read() as session:
        photos = session.execute(
            select(Finding.description, Snapshot.original_sha256, Snapshot.captioned_sha256)
            .join(Snapshot, Snapshot.finding_id == Finding.id)
            .where(Finding.spot_check_id == check.id, Finding.deleted.is_(False))
        ).all()
        report = verify_audit(session)
    assert sorted(description for description, _o, _c in photos) == [
        "no name badge",
        "phone during service",
        "phone during service",
    ]
    assert all(original != captioned for _d, original, captioned in photos)
    assert report.ok
    assert report.snapshots == 3
    view.close()
    context.wait_idle()
    context.close()


def test_check_view_findings_draft_a_letter_of_the_chosen_kind(
    qtbot: QtBot, folder: DataFolder
) -> None:
    from hallwatch.domain.enums import LetterKind, LetterStatus
    from hallwatch.services.checks.checklist import load_checklist
    from hallwatch.services.checks.spot_checks import add_finding, start_spot_check
    from hallwatch.services.hall.halls import find_hall
    from hallwatch.storage.models import Letter, LetterFinding, Staff

    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
        with db.write() as session:
            hall_id = find_hall(session).id
            staff = {s.staff_no: (s.id, s.name, s.unit_id) for s in session.scalars(select(Staff))}
            item = next(i for i in load_checklist(session, hall_id).items if i.rectify)
            check_id = start_spot_check(
                session, hall_id, "open", team="效能办", inspector="tester", now=MOMENT
            )
            # One person twice (A01), a colleague of the same unit (A02), another unit (B01).
            for minute, (window_no, staff_no) in enumerate(
                (("A01", "01001"), ("A02", "01002"), ("A01", "01001"), ("B01", "02001")), 1
            ):
                add_finding(
                    session,
                    hall_id,
                    category=item.code,
                    window_no=window_no,
                    description=f"第{minute}条",
                    staff_id=staff[staff_no][0],
                    observed_at=MOMENT.replace(minute=minute),
                    spot_check_id=check_id,
                    now=MOMENT.replace(minute=minute),
                )
    with direct.reading(folder) as conn:
        hall = hall_queries.halls(conn)[0]
    context = AppContext(folder, hall, now=lambda: MOMENT.replace(minute=30))
    view = CheckView(context)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitUntil(lambda: view.findings.rowCount() == 4, timeout=10_000)
    state = view.state
    assert state is not None
    order = [f.description for f in state.findings]
    assert view.draft_button.text() == "起草公文"
    assert [a.text() for a in view.letter_menu.actions()] == [
        "效能告诫书",
        "督办通知书",
        "整改通知书",
    ]
    assert not view.draft_button.isEnabled()

    def choose(*descriptions: str) -> None:
        view.findings.clearSelection()
        for description in descriptions:
            row = order.index(description)
            rect = view.findings.visualRect(view.findings.model().index(row, 0))
            qtbot.mouseClick(
                view.findings.viewport(), Qt.MouseButton.LeftButton, CTRL, rect.center()
            )
        assert [f.description for f in view.selected_findings()] == sorted(
            descriptions, key=order.index
        )

    def draft(kind: LetterKind) -> list[object]:
        drafted: list[object] = []
        view.letter_drafted.connect(drafted.append)
        view.letter_actions[kind].trigger()
        qtbot.waitUntil(lambda: not view.busy, timeout=10_000)
        view.letter_drafted.disconnect(drafted.append)
        return drafted

    # Two people cannot share one warning letter: said in Chinese, with their names.
    choose("第1条", "第2条")
    assert view.draft_button.isEnabled()
    assert draft(LetterKind.WARNING) == []
    assert view.message.isVisible()
    assert view.message.text().startswith("一份效能告诫书只能发给一个人，所选问题记录涉及多人")
    assert staff["01001"][1] in view.message.text()
    assert staff["01002"][1] in view.message.text()

    # One person's two findings: one warning letter to that person.
    choose("第1条", "第3条")
    [letter_id] = draft(LetterKind.WARNING)
    assert not view.message.isVisible()
    assert view.letter_status.text() == (
        "已根据 2 条问题记录起草效能告诫书（草稿），请到“公文”中查看、修改和签发。"
    )

    # Two units cannot share one notice; one unit's findings make a supervision notice.
    choose("第1条", "第2条", "第4条")
    assert draft(LetterKind.SUPERVISION) == []
    assert view.message.text().startswith("一份通知书只能发给一个单位")
    choose("第1条", "第2条")
    [notice_id] = draft(LetterKind.SUPERVISION)
    # A rectification notice to the other unit, from its one finding.
    choose("第4条")
    [rectify_id] = draft(LetterKind.RECTIFICATION)
    assert view.letter_status.text().startswith("已根据 1 条问题记录起草整改通知书")
    context.wait_idle()

    with Database.open(folder) as db, db.read() as session:
        letters = {x.id: x for x in session.scalars(select(Letter))}
        assert set(letters) == {letter_id, notice_id, rectify_id}
        warning, notice = letters[letter_id], letters[notice_id]  # type: ignore[index]
        assert (warning.kind, warning.status) == (LetterKind.WARNING, LetterStatus.DRAFT)
        assert warning.recipient_staff_id == staff["01001"][0]
        assert notice.kind is LetterKind.SUPERVISION
        assert notice.recipient_unit_id == staff["01001"][2]
        assert letters[rectify_id].recipient_unit_id == staff["02001"][2]  # type: ignore[index]
        linked = session.scalars(
            select(Finding.description)
            .join(LetterFinding, LetterFinding.finding_id == Finding.id)
            .where(LetterFinding.letter_id == letter_id)
        ).all()
        assert sorted(linked) == ["第1条", "第3条"]
    view.close()
    context.wait_idle()
    context.close()
