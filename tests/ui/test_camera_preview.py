"""The live preview: frames arrive off the GUI thread; a silent camera never freezes the screen."""

from __future__ import annotations

import socket
import time

from pytestqt.qtbot import QtBot

from ui.checks.camera_preview import CameraPreview, wait_for_cameras


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
