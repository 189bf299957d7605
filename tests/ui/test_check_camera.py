"""检查: a window whose stream is dead shows its snapshot address, then offers the photo import."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from camera_servers import DigestCamera, free_port
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hallwatch.demo.generator import generate_demo
from hallwatch.storage import direct
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Snapshot, Window
from hallwatch.storage.queries import hall as hall_queries
from ui.base.context import AppContext
from ui.checks.camera_preview import wait_for_cameras
from ui.checks.check_view import CheckView

MOMENT = datetime(2026, 3, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _view(qtbot: QtBot, folder: DataFolder, stream: str, snapshot_url: str) -> CheckView:
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
        with db.write("test.camera") as session:
            for window in session.scalars(select(Window)):
                window.camera_source, window.camera_snapshot_url = stream, snapshot_url
    with direct.reading(folder) as conn:
        hall = hall_queries.halls(conn)[0]
    view = CheckView(AppContext(folder, hall, now=lambda: MOMENT))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitUntil(lambda: view.state is not None, timeout=10_000)
    view.windows.setCurrentRow(1)
    return view


def test_check_view_photo_from_the_snapshot_address(qtbot: QtBot, folder: DataFolder) -> None:
    dead = f"rtsp://admin:s3cret@127.0.0.1:{free_port()}/Streaming/Channels/101"
    with DigestCamera("admin", "Hk@pw:1") as camera:
        view = _view(qtbot, folder, dead, camera.url())
        qtbot.waitUntil(lambda: "抓图地址" in view.photo_status.text(), timeout=10_000)
        assert view.photo_status.text() == "视频流没有画面：正在显示摄像头的抓图地址。"
        qtbot.waitUntil(lambda: view.preview.latest() is not None, timeout=10_000)
        view.capture()
        qtbot.waitUntil(lambda: view.photo_status.text().startswith("已保存照片"), timeout=10_000)
        view.preview.stop()
    wait_for_cameras()
    with Database.open(folder, create=False) as db, db.read() as session:
        row = session.scalars(select(Snapshot)).one()
        assert row.capture_path == "snapshot_url"
        assert "Hk@pw:1" not in row.source_label
        assert row.source_label.startswith("http://admin:***@127.0.0.1:")
        assert (row.width, row.height) == (640, 360)
        original = BlobStore(db.folder.blobs_dir).read(row.original_sha256)
    assert original.startswith(b"\xff\xd8\xff")


def test_check_view_offers_the_import_when_no_address_gives_a_picture(
    qtbot: QtBot, folder: DataFolder
) -> None:
    dead = f"rtsp://admin:s3cret@127.0.0.1:{free_port()}/Streaming/Channels/101"
    snap = f"http://admin:s3cret@127.0.0.1:{free_port()}/cgi-bin/snapshot.cgi?channel=1"
    view = _view(qtbot, folder, dead, snap)
    window = view.current_window()
    assert window is not None
    qtbot.waitUntil(lambda: "请导入" in view.photo_status.text(), timeout=15_000)
    assert view.photo_status.text() == (
        f"窗口 {window.number} 的摄像头没有画面：请导入用手机拍摄的照片。"
    )
    assert view.import_button.hasFocus()
    assert view.import_button.text() == "导入照片…"
    assert "s3cret" not in view.preview.text()
    view.preview.stop()
    wait_for_cameras()
