"""Live camera preview: frames read in their own QThread, shown at up to PREVIEW_FPS.

The thread opens the window's source (hallwatch.camera.open_source), reads frames,
keeps the newest one for a capture and hands a scaled QImage to the GUI thread; a
slow or dead camera never blocks the GUI. Messages carry the masked source only.
When the stream gives no picture and the window has a snapshot address, the thread
polls that address instead (a JPEG per request, SNAPSHOT_FPS a second) and says so;
`capture_path` tells a capture which of the two the picture came from.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ui.settings.error_text import ErrorText

log = logging.getLogger(__name__)

PREVIEW_FPS = 20
# A snapshot URL answers one JPEG per request: ask for a few a second, not twenty.
SNAPSHOT_FPS = 2
PREVIEW_WIDTH = 960
# Threads of previews that were stopped but have not finished yet (a slow camera).
_RUNNING: set[QThread] = set()


def wait_for_cameras(msecs: int = 6000) -> None:
    """Let stopped preview threads end (at quit: a QThread must not die running)."""
    for thread in list(_RUNNING):
        thread.wait(msecs)
        _RUNNING.discard(thread)


class PreviewThread(QThread):
    frame_ready = Signal(QImage)
    # The error (a CameraError, masked): the widget words it in the user's language.
    failed = Signal(object)
    # The stream failed (its error); frames now come from the snapshot address.
    fell_back = Signal(object)

    def __init__(self, source: str, parent: QWidget | None = None, snapshot_url: str = "") -> None:
        super().__init__(parent)
        self.source = source
        self.snapshot_url = snapshot_url
        self.capture_path = ""
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._latest: Any = None  # the newest BGR frame (numpy), for a capture
        self.kind = ""
        self.label = ""

    def stop(self) -> None:
        self._stop.set()

    def latest(self) -> Any:
        """Return a copy of the newest frame (None before the first one)."""
        with self._lock:
            return None if self._latest is None else self._latest.copy()

    def run(self) -> None:
        from hallwatch.camera import CameraError, mask_credentials, open_source, snapshot_source
        from hallwatch.camera.sources import PATH_SNAPSHOT_URL, PATH_STREAM, both_failed
        from hallwatch.domain.errors import HallWatchError

        try:
            try:
                if not self.source.strip():
                    raise CameraError("no camera source given", code="bad_source")
                self._show(open_source(self.source, timeout=5.0), PATH_STREAM, PREVIEW_FPS)
            except CameraError as error:
                if not self.snapshot_url.strip() or self._stop.is_set():
                    raise
                stream_error = error
                if self.source.strip():
                    self.fell_back.emit(error)
                try:
                    fallback = snapshot_source(self.snapshot_url, timeout=5.0)
                    self._show(fallback, PATH_SNAPSHOT_URL, SNAPSHOT_FPS)
                except CameraError as second:
                    if not self.source.strip():
                        raise
                    raise both_failed(stream_error, second) from None
        except HallWatchError as error:
            self.failed.emit(error)
        except Exception as error:  # a camera library's own error: a camera failure, masked
            log.warning("camera preview failed: %s", mask_credentials(repr(error)))
            self.failed.emit(CameraError(mask_credentials(f"{type(error).__name__}: {error}")))

    def _show(self, camera: Any, capture_path: str, fps: int) -> None:
        """Read frames from camera until stopped; raise its CameraError when it fails."""
        import cv2

        interval = 1.0 / fps
        with camera:
            self.kind, self.label = camera.kind, camera.path_label
            self.capture_path = capture_path
            while not self._stop.is_set():
                started = time.monotonic()
                frame = camera.read()
                self.label = camera.path_label  # an RTSP stream knows its transport now
                with self._lock:
                    self._latest = frame
                height, width = frame.shape[:2]
                if width > PREVIEW_WIDTH:
                    scale = PREVIEW_WIDTH / width
                    frame = cv2.resize(frame, (PREVIEW_WIDTH, int(height * scale)))
                rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
                h, w = rgb.shape[:2]
                image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
                self.frame_ready.emit(image)
                self._stop.wait(max(0.0, interval - (time.monotonic() - started)))


class CameraPreview(QLabel):
    """Shows one source's live frames; `latest()` is what a capture takes."""

    # The camera gives no picture at all (the shown message, translated, addresses
    # masked): offer the photo import.
    camera_failed = Signal(str)
    # The stream failed (the message, as camera_failed's) and the snapshot address stands in.
    fell_back = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)  # a failure's sentence on a narrow preview
        self.setMinimumSize(QSize(320, 180))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("QLabel#preview { background: #263238; color: #eceff1; }")
        # The thread reading the current source (not `thread`: that is QObject.thread()).
        self.reader: PreviewThread | None = None
        self.source = ""
        self.snapshot_url = ""
        self.frames = 0
        # The current source's failure, and the stream's when the snapshot URL stands in.
        self.failure = ""
        self.fallback = ""
        self._image: QImage | None = None
        self.error_text = ErrorText(self)

    def set_source(self, source: str, idle_text: str, snapshot_url: str = "") -> None:
        """Show this source (restarting the thread); no source and no snapshot URL: idle_text.

        snapshot_url is the window's second address, shown when the source fails.
        """
        same = (source, snapshot_url) == (self.source, self.snapshot_url)
        if same and self.reader is not None:
            return
        self.stop()
        self.source, self.snapshot_url = source, snapshot_url
        self.failure = self.fallback = ""
        self._image = None
        self.setText(idle_text)
        if not source and not snapshot_url:
            return
        thread = PreviewThread(source, self, snapshot_url)
        thread.frame_ready.connect(self._on_frame)
        thread.failed.connect(self._on_failed)
        thread.fell_back.connect(self._on_fell_back)
        self.reader = thread
        thread.start()

    def stop(self) -> None:
        """Stop showing the camera; the thread ends on its own, the GUI never waits.

        A camera that does not answer keeps its thread in open() until the timeout;
        waiting for it here would freeze the screen for seconds. The thread is set
        free of this widget and kept until it has finished (see wait_for_cameras).
        """
        thread = self.reader
        self.reader = None
        if thread is not None:
            thread.frame_ready.disconnect(self._on_frame)
            thread.failed.disconnect(self._on_failed)
            thread.fell_back.disconnect(self._on_fell_back)
            thread.stop()
            thread.setParent(None)
            _RUNNING.add(thread)
            thread.finished.connect(lambda t=thread: _RUNNING.discard(t))

    def latest(self) -> Any:
        return self.reader.latest() if self.reader is not None else None

    def _on_frame(self, image: QImage) -> None:
        self.frames += 1
        if self._image is None:
            self.setText("")
        self._image = image
        self.update()

    def _on_failed(self, error: BaseException) -> None:
        both = getattr(error, "code", "") == "camera_and_snapshot_failed"
        message = self._words(error, self.source, self.snapshot_url if both else "")
        self._image = None
        self.failure = message
        self.setText(message)
        self.camera_failed.emit(message)

    def _on_fell_back(self, error: BaseException) -> None:
        message = self._words(error, self.source, "")
        self.fallback = message
        self.fell_back.emit(message)

    def _words(self, error: BaseException, *addresses: str) -> str:
        """The failure in the user's language, over the masked address(es) it concerns."""
        from hallwatch.camera import mask_credentials

        log.info("camera preview: %s", error)  # the core's English words, for support
        shown = [mask_credentials(address) for address in addresses if address.strip()]
        return "\n".join([self.error_text.describe(error), *shown])

    def paintEvent(self, event: QPaintEvent) -> None:
        image = self._image
        if image is None:
            super().paintEvent(event)
            return
        # Drawn here, not as the label's pixmap: a pixmap would change the label's size
        # hint with every frame and make the layout move.
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#263238"))
        scaled = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - scaled.width()) // 2
        y = (self.height() - scaled.height()) // 2
        painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
        painter.end()
