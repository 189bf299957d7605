"""Camera sources: one interface over webcams, CCTV streams, JPEG snapshots, files, synthetic.

A source is opened, read any number of times and closed; every wait is bounded by
its timeout. Failures raise `CameraError` whose message names the source by its
masked label (never the password) and says what to do. Sources know no threads:
the UI's preview loop and the CLI call `read()`/`capture()` from whichever
thread owns the source.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import urllib.parse
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import cv2
import httpx
import numpy as np

from hallwatch.camera.jpeg import JPEG_MAGIC, decode_jpeg
from hallwatch.camera.masking import guard_library_logs, mask_credentials
from hallwatch.camera.native_log import native_log
from hallwatch.domain.errors import HallWatchError

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5.0
# Frames a live stream may hold in its buffer; read() drops these to show "now".
STALE_FRAMES = 4
_JPEG_PATH_HINTS = ("/picture", "snapshot", ".jpg", ".jpeg", "/image")
_VIDEO_SUFFIXES = (".mp4", ".avi", ".mkv", ".mov", ".m4v", ".webm", ".mjpeg", ".mjpg")


class CameraError(HallWatchError):
    """A camera source failed; `code` lets a UI translate: timeout, auth, not_stream …"""

    def __init__(self, message: str, hint: str = "", *, code: str = "camera") -> None:
        # Belt and braces: whatever a caller put in, no password leaves this object.
        super().__init__(mask_credentials(message), mask_credentials(hint))
        self.code = code


@dataclass(frozen=True, slots=True)
class Capture:
    """One frame (BGR pixels) and, from a JPEG camera, the camera's own bytes."""

    frame: np.ndarray
    jpeg: bytes | None
    at: datetime


class FrameSource(ABC):
    """Open, read frames, close; every wait bounded by `timeout` seconds."""

    kind: str = ""

    def __init__(self, label: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.label = mask_credentials(label)
        self.timeout = timeout

    @property
    def path_label(self) -> str:
        """The masked label a snapshot records (a stream adds how it was carried)."""
        return self.label

    @abstractmethod
    def open(self) -> None:
        """Connect to the camera (or open the file); raise CameraError on failure."""

    @abstractmethod
    def read(self) -> np.ndarray:
        """Return the newest frame as a BGR array."""

    def capture(self) -> Capture:
        """Return the newest frame for a snapshot, with the camera's JPEG bytes if it sent some."""
        return Capture(self.read(), None, datetime.now(UTC))

    def close(self) -> None:  # noqa: B027 - most sources hold nothing to release
        """Release the camera; safe to call twice."""

    def __enter__(self) -> FrameSource:
        self.open()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.label}>"


# --- OpenCV-backed sources ---------------------------------------------------------


class _OpenCvSource(FrameSource):
    live = True

    def __init__(self, label: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(label, timeout)
        self._cap: Any = None
        self._fresh = False

    @abstractmethod
    def _make_capture(self) -> Any: ...

    @abstractmethod
    def _open_failed(self, elapsed: float) -> CameraError: ...

    def open(self) -> None:
        self.close()
        started = time.monotonic()
        with native_log():
            cap = self._make_capture()
        if cap is None or not cap.isOpened():
            if cap is not None:
                cap.release()
            raise self._open_failed(time.monotonic() - started)
        self._cap = cap
        self._fresh = True

    def read(self) -> np.ndarray:
        if self._cap is None:
            self.open()
        with native_log():
            frame = self._next_frame()
        if frame is None and self.live:
            # One reconnect: CCTV streams drop now and then (NVR restarts, Wi-Fi).
            log.info("camera %s: stream dropped; reconnecting", self.label)
            try:
                self.open()
            except CameraError:
                frame = None
            else:
                with native_log():
                    frame = self._next_frame()
        if frame is None:
            raise self._read_failed()
        return frame

    def _next_frame(self) -> np.ndarray | None:
        cap = self._cap
        if self.live and not self._fresh:
            # Drop what the buffer holds: a grab that returns at once came from the
            # buffer; one that waits got a new frame from the camera.
            for _ in range(STALE_FRAMES):
                started = time.monotonic()
                if not cap.grab():
                    return None
                if time.monotonic() - started > 0.02:
                    break
            ok, frame = cap.retrieve()
        else:
            ok, frame = cap.read()
        self._fresh = False
        return frame if ok and frame is not None else None

    def _read_failed(self) -> CameraError:
        return CameraError(
            f"the video from camera {self.label} stopped",
            "check the camera and its network cable, then try again",
            code="dropped",
        )

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


def _timeout_params(timeout: float) -> list[int]:
    ms = max(1, int(timeout * 1000))
    return [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, ms, cv2.CAP_PROP_READ_TIMEOUT_MSEC, ms]


class _QuietOpenCv:
    """Silence OpenCV's own log while it handles a URL (its warnings may print the URL)."""

    def __enter__(self) -> None:
        self._level = cv2.utils.logging.getLogLevel()
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)

    def __exit__(self, *_exc: object) -> None:
        cv2.utils.logging.setLogLevel(self._level)


class LocalCameraSource(_OpenCvSource):
    """A camera attached to this computer (a laptop webcam), by device index."""

    kind = "webcam"

    def __init__(self, index: int, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(f"camera {index}", timeout)
        self.index = index

    def _make_capture(self) -> Any:
        # OpenCV warns per backend it tries; the CameraError below says it once, plainly.
        with _QuietOpenCv():
            return cv2.VideoCapture(self.index, cv2.CAP_ANY, _timeout_params(self.timeout))

    def _open_failed(self, elapsed: float) -> CameraError:
        return CameraError(
            f"there is no working camera at index {self.index} on this computer",
            "plug the camera in, close other programs using it, or choose another index",
            code="unavailable",
        )


# RTSP carries its video over TCP (interleaved) or UDP. TCP first: UDP through hall
# switches and firewalls loses packets and smears frames; but some encoders answer
# TCP with "461 Unsupported transport", and then UDP is the only way.
TRANSPORTS = ("tcp", "udp")
# OpenCV reads this variable at every open; a value the user set keeps its other options.
_CAPTURE_OPTIONS = "OPENCV_FFMPEG_CAPTURE_OPTIONS"
_USER_OPTIONS = os.environ.get(_CAPTURE_OPTIONS, "")
_STREAM_HINT = (
    "check the stream path (Hikvision: /Streaming/Channels/101, "
    "Dahua: /cam/realmonitor?channel=1&subtype=0)"
)


def capture_options(transport: str) -> str:
    """Return the OPENCV_FFMPEG_CAPTURE_OPTIONS value that opens RTSP over this transport."""
    kept = [
        item for item in _USER_OPTIONS.split("|") if item and not item.startswith("rtsp_transport;")
    ]
    return "|".join([f"rtsp_transport;{transport}", *kept])


def split_transport(url: str) -> tuple[str, str]:
    """Return (the URL without a transport=tcp|udp query hint, the hinted transport or "")."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("rtsp", "rtsps") or not parts.query:
        return url, ""
    kept, hinted = [], ""
    for item in parts.query.split("&"):
        name, _, value = item.partition("=")
        if name.lower() in ("transport", "rtsp_transport") and value.lower() in TRANSPORTS:
            hinted = value.lower()
        else:
            kept.append(item)
    if not hinted:
        return url, ""
    return urllib.parse.urlunsplit(parts._replace(query="&".join(kept))), hinted


def _answer(client: httpx.Client, url: str, auth: httpx.Auth | None) -> tuple[int, str, str]:
    """Return the status, content type and auth challenge of a GET, reading no body."""
    request = client.build_request("GET", url)
    response = (
        client.send(request, auth=auth, stream=True) if auth else client.send(request, stream=True)
    )
    try:
        headers = response.headers
        return (
            response.status_code,
            headers.get("content-type", ""),
            headers.get("www-authenticate", "").lower(),
        )
    finally:
        response.close()


class StreamSource(_OpenCvSource):
    """An RTSP or HTTP video stream (hall CCTV, an NVR channel), read with FFmpeg.

    There is no test connection before OpenCV's own open: a camera (or ffmpeg
    `-listen 1`) that serves one client would spend it on the test. Only when the
    open fails is the address examined, to say why (refused, timed out, password,
    not a stream). RTSP goes over TCP, then UDP when TCP was answered but refused;
    `?transport=udp` (or tcp) in the address forces one, and `transport` says which
    one worked.
    """

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, *, transport: str = "") -> None:
        url, hinted = split_transport(url)
        super().__init__(url, timeout)
        self._url = url
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower()
        self.kind = "rtsp" if scheme in ("rtsp", "rtsps") else "http"
        default_port = {"rtsp": 554, "rtsps": 322, "https": 443}.get(scheme, 80)
        try:
            port = parts.port or default_port
        except ValueError:
            raise CameraError(f"the camera address {self.label} has a bad port") from None
        self._host, self._port = parts.hostname or "", port
        choice = (transport or hinted).lower()
        if choice and choice not in TRANSPORTS:
            raise CameraError(
                f"unknown RTSP transport {choice!r}", "use tcp or udp", code="bad_source"
            )
        if self.kind != "rtsp":
            self._transports: tuple[str, ...] = ("",)
        else:
            self._transports = (choice,) if choice else TRANSPORTS
        self._trying = self._transports[0]
        self.transport = ""  # the transport of the open stream ("" for HTTP)

    @property
    def path_label(self) -> str:
        """The masked address and, for RTSP, the transport that carried the video."""
        if self.kind == "rtsp" and self.transport:
            return f"{self.label} (RTSP over {self.transport.upper()})"
        return self.label

    def open(self) -> None:
        self.close()
        failures: list[CameraError] = []
        for transport in self._transports:
            self._trying = transport
            started = time.monotonic()
            with native_log() as lines:
                cap = self._make_capture()
            if cap is not None and cap.isOpened():
                self._cap, self._fresh, self.transport = cap, True, transport
                if failures:
                    log.info("camera %s: %s; opened over %s", self.label, failures[0], transport)
                return
            if cap is not None:
                cap.release()
            failure = self._diagnose(time.monotonic() - started, lines)
            failures.append(failure)
            # Refused, timed out, wrong password: the other transport would fare no better.
            if failure.code != "not_stream":
                break
        if len(failures) > 1:
            first = failures[0]
            raise CameraError(
                f"{first.message} (over TCP and over UDP)", first.hint, code=first.code
            )
        raise failures[0]

    def _make_capture(self) -> Any:
        if self.kind == "rtsp" and self._trying:
            options = capture_options(self._trying)
            # Set only when it changes: another thread's open may be reading it.
            if os.environ.get(_CAPTURE_OPTIONS) != options:
                os.environ[_CAPTURE_OPTIONS] = options
        return cv2.VideoCapture(self._url, cv2.CAP_FFMPEG, _timeout_params(self.timeout))

    def _open_failed(self, elapsed: float) -> CameraError:
        return self._diagnose(elapsed, [])

    def _diagnose(self, elapsed: float, lines: list[str]) -> CameraError:
        """Say why the open failed: from FFmpeg's own words, else by asking the address."""
        said = "\n".join(lines).lower()
        if " 401" in said or "unauthorized" in said or " 403" in said:
            return self._auth_refused()
        if "connection refused" in said:
            return self._refused()
        if elapsed >= self.timeout * 0.9 or "timed out" in said:
            return self._no_answer()
        # The stream has failed already: one more connection costs nothing now.
        try:
            socket.create_connection((self._host, self._port), timeout=self.timeout).close()
        except ConnectionRefusedError:
            return self._refused()
        except TimeoutError:
            return self._no_answer()
        except OSError:
            return CameraError(
                f"camera {self.label} cannot be reached",
                "check that it is switched on and that the address and port are right",
                code="unreachable",
            )
        if self.kind == "http":
            return self._ask_http()
        return self._not_stream("")

    def _ask_http(self) -> CameraError:
        guard_library_logs("httpx", "httpcore")
        parts = urllib.parse.urlsplit(self._url)
        user = urllib.parse.unquote(parts.username or "")
        secret = urllib.parse.unquote(parts.password or "")
        bare = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
        try:
            with httpx.Client(timeout=self.timeout, verify=False) as client:
                status, kind, challenge = _answer(client, bare, None)
                if status == 401 and (user or secret):
                    auth: httpx.Auth = (
                        httpx.BasicAuth(user, secret)
                        if challenge.startswith("basic")
                        else httpx.DigestAuth(user, secret)
                    )
                    status, kind, challenge = _answer(client, bare, auth)
        except httpx.TimeoutException:
            return self._no_answer()
        except httpx.HTTPError:
            return self._not_stream("")
        if status in (401, 403):
            return self._auth_refused()
        if status != 200:
            return self._not_stream(f" (it answered HTTP {status})")
        kind = (kind or "no content type").split(";")[0]
        return self._not_stream(f" (it sent {kind})")

    def _refused(self) -> CameraError:
        return CameraError(
            f"camera {self.label} refused the connection: nothing listens at port {self._port}",
            "check the address and port, and that the camera's stream service is switched on",
            code="refused",
        )

    def _auth_refused(self) -> CameraError:
        return CameraError(
            f"camera {self.label} refused the user name or password",
            "check them in the window's camera settings",
            code="auth",
        )

    def _not_stream(self, detail: str) -> CameraError:
        return CameraError(
            f"camera {self.label} answered, but not with a video stream "
            f"this program can read{detail}",
            _STREAM_HINT,
            code="not_stream",
        )

    def _no_answer(self) -> CameraError:
        return CameraError(
            f"camera {self.label} did not answer within {self.timeout:g} s",
            "check that it is switched on and on the network, then try again",
            code="timeout",
        )

    def _read_failed(self) -> CameraError:
        return CameraError(
            f"the stream from camera {self.label} dropped and did not come back "
            f"within {self.timeout:g} s",
            "check the camera and its network, then try again",
            code="dropped",
        )


class VideoFileSource(_OpenCvSource):
    """A video file, read in order and from the start again at its end."""

    kind = "file"
    live = False

    def __init__(self, path: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(str(path), timeout)
        self.path = path

    def _make_capture(self) -> Any:
        if not self.path.is_file():
            return None
        with _QuietOpenCv():
            return cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG)

    def _open_failed(self, elapsed: float) -> CameraError:
        if not self.path.is_file():
            return CameraError(
                f"video file {self.path} not found", "check the path", code="not_found"
            )
        return CameraError(
            f"{self.path} is not a video file this program can read",
            "choose an MP4, AVI or MKV file",
            code="not_stream",
        )

    def _next_frame(self) -> np.ndarray | None:
        frame = super()._next_frame()
        if frame is None and self._cap is not None:
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            frame = super()._next_frame()
        return frame

    def _read_failed(self) -> CameraError:
        return CameraError(
            f"no frame could be read from {self.path}",
            "check that the file is a complete video",
            code="dropped",
        )


# --- a single JPEG over HTTP -------------------------------------------------------


class HttpJpegSource(FrameSource):
    """A camera's snapshot URL that answers one JPEG per request (Digest or Basic auth).

    Hikvision: http://IP/ISAPI/Streaming/channels/101/picture;
    Dahua: http://IP/cgi-bin/snapshot.cgi?channel=1.
    """

    kind = "http"

    def __init__(
        self,
        url: str,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        username: str | None = None,
        password: str | None = None,
    ) -> None:
        super().__init__(url, timeout)
        parts = urllib.parse.urlsplit(url)
        user = urllib.parse.unquote(parts.username) if parts.username else None
        secret = urllib.parse.unquote(parts.password) if parts.password else None
        self._username = username if username is not None else user
        self._password = password if password is not None else secret
        # The credentials go in the auth header only: httpx logs each request's URL.
        netloc = parts.hostname or ""
        if ":" in netloc:
            netloc = f"[{netloc}]"
        try:
            if parts.port:
                netloc = f"{netloc}:{parts.port}"
        except ValueError:
            raise CameraError(f"the camera address {self.label} has a bad port") from None
        self._url = urllib.parse.urlunsplit(
            (parts.scheme, netloc, parts.path, parts.query, parts.fragment)
        )
        self._client: httpx.Client | None = None
        self._auth: httpx.Auth | None = None
        guard_library_logs("httpx", "httpcore")

    def open(self) -> None:
        if self._client is None:
            # Cameras on the hall LAN often have self-signed certificates.
            self._client = httpx.Client(timeout=self.timeout, verify=False)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def read(self) -> np.ndarray:
        return self.capture().frame

    def capture(self) -> Capture:
        jpeg = self.fetch_jpeg()
        frame = decode_jpeg(jpeg)
        if frame is None:
            raise self._not_jpeg("a damaged JPEG")
        return Capture(frame, jpeg, datetime.now(UTC))

    def fetch_jpeg(self) -> bytes:
        """Return the JPEG bytes the camera sends, unchanged."""
        self.open()
        assert self._client is not None
        response = self._get(self._auth)
        if response.status_code == 401 and self._username is not None:
            self._auth = self._auth_for(response)
            response = self._get(self._auth)
        if response.status_code in (401, 403):
            raise CameraError(
                f"camera {self.label} refused the user name or password",
                "check them in the window's camera settings",
                code="auth",
            )
        if response.status_code != 200:
            raise CameraError(
                f"camera {self.label} answered HTTP {response.status_code}",
                "check the snapshot path (Hikvision: /ISAPI/Streaming/channels/101/picture, "
                "Dahua: /cgi-bin/snapshot.cgi?channel=1)",
                code="not_jpeg",
            )
        body = response.content
        if not body.startswith(JPEG_MAGIC):
            kind = response.headers.get("content-type", "").split(";")[0] or "no content type"
            raise self._not_jpeg(kind)
        return body

    def _get(self, auth: httpx.Auth | None) -> httpx.Response:
        assert self._client is not None
        try:
            if auth is None:
                return self._client.get(self._url)
            return self._client.get(self._url, auth=auth)
        except httpx.TimeoutException:
            raise CameraError(
                f"camera {self.label} did not answer within {self.timeout:g} s",
                "check that it is switched on and on the network, then try again",
                code="timeout",
            ) from None
        except httpx.HTTPError:
            raise CameraError(
                f"camera {self.label} cannot be reached",
                "check that it is switched on and that the address and port are right",
                code="unreachable",
            ) from None

    def _auth_for(self, response: httpx.Response) -> httpx.Auth:
        scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        user, secret = self._username or "", self._password or ""
        if scheme == "basic":
            return httpx.BasicAuth(user, secret)
        # Hikvision and Dahua default to Digest; httpx answers the challenge itself.
        return httpx.DigestAuth(user, secret)

    def _not_jpeg(self, what: str) -> CameraError:
        return CameraError(
            f"camera {self.label} did not send a JPEG picture (it sent {what})",
            "use the camera's snapshot URL, or give a stream URL as stream:URL",
            code="not_jpeg",
        )


# --- synthetic frames (demo hall, tests) ---------------------------------------------


class SyntheticSource(FrameSource):
    """Generated frames: a moving pattern and the time; the same seed gives the same frames."""

    kind = "synthetic"

    def __init__(
        self,
        name: str = "demo",
        *,
        seed: int | None = None,
        width: int = 1280,
        height: int = 720,
        clock: Callable[[], datetime] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        super().__init__(f"synthetic:{name}", timeout)
        self.name = name
        self.seed = zlib.crc32(name.encode()) if seed is None else seed
        self.width, self.height = width, height
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._index = 0
        self._background: np.ndarray | None = None

    def open(self) -> None:
        if self._background is None:
            rng = np.random.default_rng(self.seed)
            low, high = rng.integers(40, 120, 3), rng.integers(130, 230, 3)
            ramp = np.linspace(0.0, 1.0, self.width, dtype=np.float32)[None, :, None]
            row = (low + (high - low) * ramp).astype(np.uint8)
            self._background = np.repeat(row, self.height, axis=0)
            self._colour = tuple(int(c) for c in rng.integers(0, 256, 3))

    def read(self) -> np.ndarray:
        self.open()
        assert self._background is not None
        frame = self._background.copy()
        n, w, h = self._index, self.width, self.height
        self._index += 1
        # A box that crosses the picture, a bar that sweeps down: motion is visible.
        x = int((n * 7) % max(1, w - w // 6))
        cv2.rectangle(frame, (x, h // 3), (x + w // 6, h // 3 + h // 4), self._colour, -1)
        y = int((n * 3) % h)
        cv2.line(frame, (0, y), (w - 1, y), (255, 255, 255), max(1, h // 180))
        stamp = self._clock().strftime("%Y-%m-%d %H:%M:%S")
        scale = h / 720
        cv2.putText(
            frame,
            f"{self.name}  {stamp}  #{n}",
            (int(20 * scale), int(50 * scale)),
            cv2.FONT_HERSHEY_SIMPLEX,
            1.2 * scale,
            (255, 255, 255),
            max(1, int(2 * scale)),
            cv2.LINE_AA,
        )
        return frame


# --- a window's camera: its stream, else its snapshot address -------------------------

# Where a snapshot's photo came from (Snapshot.capture_path).
PATH_STREAM = "stream"
PATH_SNAPSHOT_URL = "snapshot_url"
PATH_MANUAL_IMPORT = "manual_import"


@dataclass(frozen=True, slots=True)
class CameraShot:
    """One photo from a window's camera and the way it came (stream or snapshot URL)."""

    capture: Capture
    kind: str
    label: str
    capture_path: str
    # Why the stream gave no photo, when the snapshot address stood in.
    stream_error: CameraError | None = None


def snapshot_source(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> HttpJpegSource:
    """Return the source of a window's snapshot address (one JPEG per request)."""
    text = url.strip()
    if text.lower().startswith("jpeg:"):
        text = text[len("jpeg:") :]
    if urllib.parse.urlsplit(text).scheme.lower() not in ("http", "https"):
        raise CameraError(
            f"the snapshot address {mask_credentials(text)} is not an http:// address",
            "give the camera's picture URL, e.g. http://IP/ISAPI/Streaming/channels/101/picture",
            code="bad_source",
        )
    return HttpJpegSource(text, timeout)


def capture_camera(
    source: str, snapshot_url: str = "", *, timeout: float = DEFAULT_TIMEOUT
) -> CameraShot:
    """Take one photo from source; when that fails, from snapshot_url (if given).

    An empty source with a snapshot URL (a camera that has only a picture address)
    goes to the snapshot URL at once.
    """
    stream_error: CameraError | None = None
    if source.strip():
        try:
            with open_source(source, timeout=timeout) as camera:
                shot = camera.capture()
            return CameraShot(shot, camera.kind, camera.path_label, PATH_STREAM)
        except CameraError as error:
            stream_error = error
    elif not snapshot_url.strip():
        raise CameraError("no camera source given", "give a device index, a URL or a file")
    if stream_error is not None and not snapshot_url.strip():
        raise CameraError(
            stream_error.message,
            f"{stream_error.hint + ', or ' if stream_error.hint else ''}"
            "import a photo taken with a phone instead",
            code=stream_error.code,
        )
    fallback = snapshot_source(snapshot_url, timeout=timeout)
    try:
        with fallback:
            shot = fallback.capture()
    except CameraError as error:
        if stream_error is None:
            raise
        raise both_failed(stream_error, error) from None
    if stream_error is not None:
        log.info(
            "camera %s failed (%s); took the photo from %s",
            mask_credentials(source),
            stream_error,
            fallback.label,
        )
    return CameraShot(shot, fallback.kind, fallback.path_label, PATH_SNAPSHOT_URL, stream_error)


def both_failed(stream_error: CameraError, snapshot_error: CameraError) -> CameraError:
    """The error when a window's stream and its snapshot address both failed."""
    return CameraError(
        f"{stream_error.message}; the snapshot address failed too: {snapshot_error.message}",
        "import a photo taken with a phone instead",
        code="camera_and_snapshot_failed",
    )


# --- parsing a source text ------------------------------------------------------------


def open_source(text: str, *, timeout: float = DEFAULT_TIMEOUT) -> FrameSource:
    """Return the (unopened) source a text names: "0", "synthetic:A01", "file:…", a URL.

    Forms: a device index ("0"); "synthetic:NAME[?size=WxH&seed=N]"; "file:PATH" or a
    path to a video file; "rtsp://…"; "http(s)://…" — a snapshot URL (…/picture,
    snapshot.cgi, .jpg) gives one JPEG per read, anything else is read as a stream;
    "jpeg:URL" and "stream:URL" force either.
    """
    source = text.strip()
    lowered = source.lower()
    if not source:
        raise CameraError("no camera source given", "give a device index, a URL or a file")
    if source.isdigit():
        return LocalCameraSource(int(source), timeout)
    if lowered.startswith("synthetic:"):
        return _synthetic(source[len("synthetic:") :], timeout)
    if lowered.startswith("jpeg:"):
        return HttpJpegSource(source[len("jpeg:") :], timeout)
    if lowered.startswith("stream:"):
        return StreamSource(source[len("stream:") :], timeout)
    if lowered.startswith("file:"):
        path = source[len("file:") :]
        if path.startswith("//"):
            path = urllib.parse.unquote(urllib.parse.urlsplit(source).path)
        return VideoFileSource(Path(path), timeout)
    scheme = urllib.parse.urlsplit(source).scheme.lower()
    if scheme in ("rtsp", "rtsps", "rtmp"):
        return StreamSource(source, timeout)
    if scheme in ("http", "https"):
        path = urllib.parse.urlsplit(source).path.lower()
        if any(hint in path for hint in _JPEG_PATH_HINTS):
            return HttpJpegSource(source, timeout)
        return StreamSource(source, timeout)
    if Path(source).suffix.lower() in _VIDEO_SUFFIXES or Path(source).is_file():
        return VideoFileSource(Path(source), timeout)
    raise CameraError(
        f"{mask_credentials(source)} is not a camera source",
        "give a device index (0), rtsp://…, http://…, file:PATH or synthetic:NAME",
        code="bad_source",
    )


def _synthetic(spec: str, timeout: float) -> SyntheticSource:
    name, _, query = spec.partition("?")
    options = dict(urllib.parse.parse_qsl(query))
    width, height = 1280, 720
    try:
        if "size" in options:
            w, _, h = options["size"].lower().partition("x")
            width, height = int(w), int(h)
        seed = int(options["seed"]) if "seed" in options else None
    except ValueError:
        raise CameraError(
            f"bad synthetic source options {query!r}",
            "write them as synthetic:NAME?size=1280x720&seed=1",
            code="bad_source",
        ) from None
    if not (16 <= width <= 7680 and 16 <= height <= 4320):
        raise CameraError(f"synthetic size {width}x{height} is out of range", code="bad_source")
    return SyntheticSource(name or "demo", seed=seed, width=width, height=height, timeout=timeout)
