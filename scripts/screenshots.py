"""Screenshots of the main screens on the demo hall, for a person to look at.

    ./dev screenshots [OUT_DIR]        (runs under Xvfb when there is no display)

Makes a tiny demo hall in a temporary folder (fixed end date, so every run
shows the same data), pins the app's clock to a busy morning, and saves one
PNG per screen: board.png, attendance.png, suggestions.png, settings.png, …,
letters.png (the demo's letters and one overdue notice) and letter-preview.png.
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication

from hallwatch.demo.generator import generate_demo
from hallwatch.demo.letters import add_demo_letters
from hallwatch.services.checks.spot_checks import add_finding
from hallwatch.services.letters import lifecycle as letters
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.database import Database, DataFolder
from ui.app import create_application, open_main_window

DEMO_UNTIL = date(2026, 3, 31)
# A morning with a late arrival and a leave in the demo data.
MOMENT = datetime(2026, 3, 25, 9, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def settle(app: QApplication, window: object, seconds: float = 1.5) -> None:
    """Let background loads finish and their results paint."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        window.context.wait_idle(100)  # type: ignore[attr-defined]
        app.processEvents()
        time.sleep(0.02)


def add_letters(db: Database, hall_id: uuid.UUID) -> None:
    """The demo's letters, and a rectification notice a week past its deadline."""
    add_demo_letters(db, hall_id)
    seen = datetime(2026, 3, 5, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    with db.write("finding.add") as session:
        finding = add_finding(
            session,
            hall_id,
            window_no="B01",
            category="appearance.no_badge",
            description="窗口工作人员未按规定佩戴工作牌",
            observed_at=seen,
            now=seen,
        )
    with db.write("letter.draft") as session:
        letter_id = letters.draft_from_findings(
            session, hall_id, [finding.id], "rectification", now=seen + timedelta(hours=1)
        )
    with db.write("letter.issue") as session:
        blobs = BlobStore(db.folder.blobs_dir)
        letters.issue_letter(session, letter_id, blobs, now=seen + timedelta(hours=5))


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "screenshots").absolute()
    out.mkdir(parents=True, exist_ok=True)
    folder = DataFolder(Path(tempfile.mkdtemp(prefix="hallwatch-shots-")) / "data")
    with Database.open(folder) as db:
        demo = generate_demo(db, scale="tiny", until=DEMO_UNTIL)
        add_letters(db, demo.hall_id)
    app = create_application()
    window = open_main_window(folder, now=lambda: MOMENT)
    if window is None:
        return 1
    window.resize(1440, 900)
    shots = {"board": "board", "attendance": "attendance", "settings": "settings"}
    for section, name in shots.items():
        window.show_section(section)
        settle(app, window)
        window.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")
    window.show_section("attendance")
    page = window.page("attendance")
    suggestions = getattr(page, "suggestions", None)
    if suggestions is not None:
        page.setCurrentWidget(suggestions)  # type: ignore[attr-defined]
        suggestions._on_run()
        settle(app, window)
        window.grab().save(str(out / "suggestions.png"))
        print(out / "suggestions.png")
    # 办件: the list with one case's timeline, the follow-ups of bad ratings, the alerts.
    window.show_section("cases")
    area = window.page("cases")
    cases = area.cases  # type: ignore[attr-defined]
    settle(app, window)
    cases.table.selectRow(2)
    settle(app, window, 1.0)
    window.grab().save(str(out / "cases.png"))
    print(out / "cases.png")
    followups = area.followups  # type: ignore[attr-defined]
    area.setCurrentWidget(followups)  # type: ignore[attr-defined]
    followups.generate()
    settle(app, window)
    window.grab().save(str(out / "followups.png"))
    print(out / "followups.png")
    window.scanner.scan_now()
    settle(app, window)
    area.show_alerts()  # type: ignore[attr-defined]
    settle(app, window)
    window.grab().save(str(out / "alerts.png"))
    print(out / "alerts.png")
    stats = area.show_stats()  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while stats.loaded is None and time.monotonic() < deadline:
        settle(app, window, 0.3)
    settle(app, window, 0.5)
    window.grab().save(str(out / "stats.png"))
    print(out / "stats.png")
    # 检查: a session under way, a finding recorded, the window's (synthetic) camera live.
    window.show_section("checks")
    checks = window.page("checks")
    settle(app, window)
    checks.team.setText("效能办 张、李")  # type: ignore[attr-defined]
    checks.start_session()  # type: ignore[attr-defined]
    settle(app, window)
    checks.windows.setCurrentRow(3)  # type: ignore[attr-defined]
    checks.description.setText("窗口人员低头看手机，群众在窗口前等候")  # type: ignore[attr-defined]
    checks.record_finding()  # type: ignore[attr-defined]
    settle(app, window)
    checks.capture()  # type: ignore[attr-defined]
    settle(app, window)
    window.grab().save(str(out / "checks.png"))
    print(out / "checks.png")
    # 公文: the overdue notice chosen; then a draft's preview.
    window.show_section("letters")
    page = window.page("letters")
    settle(app, window)
    rows = page.model.rows  # type: ignore[attr-defined]
    page.table.selectRow(next((k for k, r in enumerate(rows) if r.overdue), 0))  # type: ignore[attr-defined]
    settle(app, window, 1.0)
    window.grab().save(str(out / "letters.png"))
    print(out / "letters.png")
    page.table.selectRow(next((k for k, r in enumerate(rows) if not r.doc_no), 0))  # type: ignore[attr-defined]
    settle(app, window, 1.0)
    window.grab().save(str(out / "letters-draft.png"))
    print(out / "letters-draft.png")
    page.panel.show_preview()  # type: ignore[attr-defined]
    settle(app, window, 2.0)
    preview = page.panel.preview  # type: ignore[attr-defined]
    if preview is not None:
        preview.grab().save(str(out / "letter-preview.png"))
        print(out / "letter-preview.png")
        preview.close()
    register = page.show_register()  # type: ignore[attr-defined]
    settle(app, window, 1.0)
    register.grab().save(str(out / "letter-register.png"))
    print(out / "letter-register.png")
    register.close()
    window.show_section("board")
    settle(app, window, 1.0)
    window.grab().save(str(out / "board-alerts.png"))
    print(out / "board-alerts.png")
    window.close()
    window.context.wait_idle()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
