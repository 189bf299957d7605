"""The live preview: frames arrive off the GUI thread; a silent camera never freezes the screen."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator

import pytest
from camera_servers import DigestCamera, free_port
from pytestqt.qtbot import QtBot

from ui.checks.camera_preview import CameraPreview, wait_for_cameras
from ui.i18n import current_language, switch_language


@pytest.fixture(autouse=True)
def english(qapp: object) -> Iterator[None]:
    """These tests read the English words; the last test switches to Chinese itself."""
    before = current_language()
    switch_language("en")
    yield
    switch_language(before)


def test_preview_shows_frames_and_keeps_the_newest(qtbot: QtBot) -> None:
    preview = CameraPreview()
    qtbot.addWidget(preview)
    preview.show()
    preview.set_source("synthetic:A01?size=1280x720", "")
    qtbot.waitUntil(lambda: preview.frames >= 5, timeout=10_000)
    frame = preview.latest()
    assert frame is not None
    assert frame.shape == (720, 1280, 3)
    preview.stop()
    wait_for_cameras()


def test_a_camera_that_never_answers_does_not_hold_the_screen(qtbot: QtBot) -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never says a word
    port = silent.getsockname()[1]
    preview = CameraPreview()
    qtbot.addWidget(preview)
    preview.show()
    try:
        preview.set_source(f"rtsp://inspector:s3cret@127.0.0.1:{port}/stream", "…")
        qtbot.wait(200)  # the thread is stuck opening the stream
        started = time.perf_counter()
        preview.set_source("", "no camera")  # the inspector moves to the next window
        assert time.perf_counter() - started < 0.2
        assert preview.text() == "no camera"
    finally:
        wait_for_cameras(15_000)
        silent.close()


def test_a_camera_that_never_answers_is_said_without_its_password(qtbot: QtBot) -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    port = silent.getsockname()[1]
    preview = CameraPreview()
    qtbot.addWidget(preview)
    preview.show()
    try:
        preview.set_source(f"rtsp://inspector:s3cret@127.0.0.1:{port}/stream", "…")
        qtbot.waitUntil(lambda: preview.text() not in ("…", ""), timeout=15_000)
        assert "127.0.0.1" in preview.text()
        assert "s3cret" not in preview.text()
    finally:
        preview.stop()
        wait_for_cameras(15_000)
        silent.close()


def test_a_dead_stream_falls_back_to_the_snapshot_address(qtbot: QtBot) -> None:
    dead = f"rtsp://inspector:s3cret@127.0.0.1:{free_port()}/stream"
    with DigestCamera("admin", "Hk@pw:1") as camera:
        preview = CameraPreview()
        qtbot.addWidget(preview)
        preview.show()
        with qtbot.waitSignal(preview.fell_back, timeout=10_000) as fell_back:
            preview.set_source(dead, "…", camera.url())
        qtbot.waitUntil(lambda: preview.frames >= 1, timeout=10_000)
        thread = preview.reader
        assert thread is not None
        assert thread.capture_path == "snapshot_url"
        assert "refused the connection" in fell_back.args[0]
        assert "s3cret" not in fell_back.args[0]
        assert "Hk@pw:1" not in thread.label
        frame = preview.latest()
        assert frame is not None
        assert frame.shape == (360, 640, 3)
        preview.stop()
        wait_for_cameras()


def test_no_picture_from_either_address_is_said_once(qtbot: QtBot) -> None:
    preview = CameraPreview()
    qtbot.addWidget(preview)
    preview.show()
    dead = f"rtsp://inspector:s3cret@127.0.0.1:{free_port()}/stream"
    snap = f"http://admin:pw2@127.0.0.1:{free_port()}/cgi-bin/snapshot.cgi?channel=1"
    with qtbot.waitSignal(preview.camera_failed, timeout=15_000) as failed:
        preview.set_source(dead, "…", snap)
    message = failed.args[0]
    assert "Neither the camera's stream nor its snapshot address" in message
    assert "import a photo" in message
    # Both addresses are named, passwords masked.
    assert "/stream" in message
    assert "snapshot.cgi" in message
    assert "s3cret" not in message
    assert "pw2" not in message
    assert preview.text() == message
    preview.stop()  # the thread may still be ending: a QThread must not die running
    wait_for_cameras()


def test_a_failure_is_said_in_chinese_with_the_masked_address(qtbot: QtBot) -> None:
    switch_language("zh_CN")
    preview = CameraPreview()
    qtbot.addWidget(preview)
    preview.show()
    dead = f"rtsp://inspector:s3cret@127.0.0.1:{free_port()}/stream"
    with qtbot.waitSignal(preview.camera_failed, timeout=15_000) as failed:
        preview.set_source(dead, "…")
    words, address = failed.args[0].split("\n")
    assert "摄像头" in words
    assert not re.search(r"[A-Za-z]{3,}", words)  # no English left in the sentence
    assert address.startswith("rtsp://")
    assert "127.0.0.1" in address
    assert "s3cret" not in address
    assert preview.text() == failed.args[0]
    preview.stop()
    wait_for_cameras()
