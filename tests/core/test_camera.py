"""Camera sources: parsing, masking, a generated video file, a Digest-auth JPEG camera, faults."""

from __future__ import annotations

import hashlib
import logging
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import cv2
import numpy as np
import pytest
from camera_servers import OneClientMjpeg, RtspCamera, ffmpeg_mjpeg
from PIL import Image

from hallwatch.camera import (
    CameraError,
    HttpJpegSource,
    LocalCameraSource,
    StreamSource,
    SyntheticSource,
    VideoFileSource,
    mask_credentials,
    open_source,
)
from hallwatch.camera import caption as caption_module
from hallwatch.camera.jpeg import decode_jpeg, encode_jpeg, join_rows, splice_band
from hallwatch.camera.photos import exif_time_gap, read_photo
from hallwatch.camera.sources import capture_options, split_transport
from hallwatch.domain.errors import InputError

USER = "admin"
PASSWORD = "Hk9!s3cr3t"
REALM = "IP Camera(C1234)"
NONCE = "5f3b2c1a9e8d7c6b"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


def camera_jpeg() -> bytes:
    """A camera-like JPEG, as a Hikvision would send it (no restart markers)."""
    frame = SyntheticSource("cam", seed=3, width=640, height=360).read()
    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    return bytes(data)


class CameraHandler(BaseHTTPRequestHandler):
    """A Hikvision-style snapshot URL: a JPEG only with the right Digest (or Basic) auth."""

    jpeg: ClassVar[bytes] = b""
    scheme: ClassVar[str] = "digest"
    seen_auth: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        if self.path.startswith("/index.html"):
            self._send(200, b"<html><body>camera web page</body></html>", "text/html")
            return
        header = self.headers.get("Authorization", "")
        self.seen_auth.append(header)
        if not self._authorised(header):
            self.send_response(401)
            if self.scheme == "digest":
                challenge = f'Digest realm="{REALM}", qop="auth", nonce="{NONCE}", algorithm=MD5'
            else:
                challenge = f'Basic realm="{REALM}"'
            self.send_header("WWW-Authenticate", challenge)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(200, self.jpeg, "image/jpeg")

    def _authorised(self, header: str) -> bool:
        if self.scheme == "basic":
            import base64

            token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            return header == f"Basic {token}"
        if not header.startswith("Digest "):
            return False
        items = urllib.request.parse_keqv_list(urllib.request.parse_http_list(header[7:]))
        if items.get("username") != USER or items.get("nonce") != NONCE:
            return False
        ha1 = _md5(f"{USER}:{REALM}:{PASSWORD}")
        ha2 = _md5(f"GET:{items['uri']}")
        expected = _md5(f"{ha1}:{NONCE}:{items['nc']}:{items['cnonce']}:auth:{ha2}")
        return items.get("response") == expected

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def camera_server() -> Iterator[str]:
    """Yield the base URL (no credentials) of a loopback camera that needs Digest auth."""
    CameraHandler.jpeg = camera_jpeg()
    CameraHandler.scheme = "digest"
    CameraHandler.seen_auth = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), CameraHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def make_video(path: Path, frames: int = 12, size: tuple[int, int] = (320, 240)) -> Path:
    """Write a small MJPG AVI with cv2.VideoWriter; frame k is a uniform grey of 20 * k."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, size)
    assert writer.isOpened()
    for index in range(frames):
        frame = np.full((size[1], size[0], 3), 20 * index % 256, np.uint8)
        cv2.putText(frame, str(index), (20, 60), cv2.FONT_HERSHEY_SIMPLEX, 2, (0, 0, 255), 3)
        writer.write(frame)
    writer.release()
    return path


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- masking -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        (
            "rtsp://admin:Hk9!s3cr3t@10.0.0.5:554/Streaming/Channels/101",
            "rtsp://admin:***@10.0.0.5:554/Streaming/Channels/101",
        ),
        ("rtsp://admin:p@ss@10.0.0.5/cam", "rtsp://admin:***@10.0.0.5/cam"),
        ("http://10.0.0.5/cgi-bin/snapshot.cgi?channel=1", "same"),
        (
            "http://10.0.0.5/snap.jpg?user=admin&password=Hk9&channel=1",
            "http://10.0.0.5/snap.jpg?user=admin&password=***&channel=1",
        ),
        (
            "http://10.0.0.5/x?loginuse=admin&loginpas=zz",
            "http://10.0.0.5/x?loginuse=admin&loginpas=***",
        ),
        ("camera rtsp://u:v@h/ failed", "camera rtsp://u:***@h/ failed"),
        ("rtsp://admin@10.0.0.5/", "same"),
        # "@" and ":" in the password (typed unencoded), and "/" and "?" too.
        ("rtsp://admin:p@ss@10.0.0.5:554/x", "rtsp://admin:***@10.0.0.5:554/x"),
        ("rtsp://admin:a:b@c@10.0.0.5/x", "rtsp://admin:***@10.0.0.5/x"),
        ("rtsp://admin:ab/cd@10.0.0.5/x?channel=1", "rtsp://admin:***@10.0.0.5/x?channel=1"),
        ("rtsp://admin:p?ss@10.0.0.5/x", "rtsp://admin:***@10.0.0.5/x"),
        ("rtsp://:p@ss@10.0.0.5/x", "rtsp://:***@10.0.0.5/x"),
        # percent-encoded, and an IPv6 host
        ("rtsp://admin:p%40ss%3A1@10.0.0.5/x", "rtsp://admin:***@10.0.0.5/x"),
        ("http://admin:pw@[fe80::1]:8080/picture", "http://admin:***@[fe80::1]:8080/picture"),
        # query-string credentials, as cheap cameras and NVR gateways take them
        ("http://h/v.cgi?user=admin&pwd=123456", "http://h/v.cgi?user=admin&pwd=***"),
        ("http://h/v.cgi?usr=a&passwd=x&x=1", "http://h/v.cgi?usr=a&passwd=***&x=1"),
        ("http://h/v.cgi?user=a&pw=x", "http://h/v.cgi?user=a&pw=***"),
        ("http://h/snapshot.cgi?user=a&pass=x", "http://h/snapshot.cgi?user=a&pass=***"),
        ("http://h/live?token=eyJhbGciOi.x.y", "http://h/live?token=***"),
        ("http://h/live?access_token=abc&ch=1", "http://h/live?access_token=***&ch=1"),
        ("http://h/p?auth=YWRtaW46MTIz==&ch=1", "http://h/p?auth=***&ch=1"),
        ("http://h/p?key=k3y&PASSWORD=Z", "http://h/p?key=***&PASSWORD=***"),
        # Hikvision and Dahua addresses keep everything but the secret
        (
            "rtsp://admin:Hik@2024@192.168.1.64:554/Streaming/Channels/101?transportmode=unicast",
            "rtsp://admin:***@192.168.1.64:554/Streaming/Channels/101?transportmode=unicast",
        ),
        (
            "http://admin:Hik@2024@192.168.1.64/ISAPI/Streaming/channels/101/picture",
            "http://admin:***@192.168.1.64/ISAPI/Streaming/channels/101/picture",
        ),
        (
            "rtsp://admin:Dh:pass1@192.168.1.108:554/cam/realmonitor?channel=1&subtype=0",
            "rtsp://admin:***@192.168.1.108:554/cam/realmonitor?channel=1&subtype=0",
        ),
        (
            "http://192.168.1.108/cgi-bin/snapshot.cgi?channel=1&loginuse=admin&loginpas=Dh1",
            "http://192.168.1.108/cgi-bin/snapshot.cgi?channel=1&loginuse=admin&loginpas=***",
        ),
        # a device index, a file path, a name: nothing to mask
        ("0", "same"),
        ("/home/inspector/videos/hall A@2.mp4", "same"),
        ("file:/srv/cctv/a01.mkv", "same"),
        ("synthetic:A01?size=640x480", "same"),
        # text around an address: an error message, an FFmpeg log line, two addresses
        (
            "OpenCV: cannot open 'rtsp://admin:p@ss@10.0.0.5/x': 401",
            "OpenCV: cannot open 'rtsp://admin:***@10.0.0.5/x': 401",
        ),
        (
            "[tcp @ 0x55d] Connection to tcp://10.0.0.5:554?timeout=0 failed",
            "same",
        ),
        (
            "[rtsp @ 0x5] method DESCRIBE failed: rtsp://a:b@h1/x, then http://c:d@h2/y?pwd=1",
            "[rtsp @ 0x5] method DESCRIBE failed: rtsp://a:***@h1/x, then http://c:***@h2/y?pwd=***",
        ),
    ],
)
def test_mask_credentials_hides_passwords(raw: str, masked: str) -> None:
    assert mask_credentials(raw) == (raw if masked == "same" else masked)


# --- parsing --------------------------------------------------------------------------


def test_open_source_picks_the_right_source(tmp_path: Path) -> None:
    assert isinstance(open_source("0"), LocalCameraSource)
    assert isinstance(open_source("synthetic:A01"), SyntheticSource)
    assert isinstance(open_source(f"file:{tmp_path / 'v.mp4'}"), VideoFileSource)
    assert isinstance(open_source(str(tmp_path / "v.avi")), VideoFileSource)
    rtsp = open_source("rtsp://admin:pw@10.0.0.5:554/cam/realmonitor?channel=1&subtype=0")
    assert isinstance(rtsp, StreamSource)
    assert rtsp.kind == "rtsp"
    assert "pw" not in rtsp.label
    hik = open_source("http://admin:pw@10.0.0.5/ISAPI/Streaming/channels/101/picture")
    assert isinstance(hik, HttpJpegSource)
    assert isinstance(open_source("http://10.0.0.5/cgi-bin/snapshot.cgi?channel=1"), HttpJpegSource)
    assert isinstance(open_source("http://10.0.0.5/mjpg/video.mjpg"), StreamSource)
    assert isinstance(open_source("jpeg:http://10.0.0.5/live"), HttpJpegSource)
    assert isinstance(open_source("stream:http://10.0.0.5/picture"), StreamSource)
    big = open_source("synthetic:A02?size=1920x1080&seed=4")
    assert isinstance(big, SyntheticSource)
    assert (big.width, big.height, big.seed) == (1920, 1080, 4)


@pytest.mark.parametrize("text", ["", "bogus", "ftp://admin:pw@h/x", "synthetic:A?size=big"])
def test_open_source_rejects_nonsense(text: str) -> None:
    with pytest.raises(CameraError) as caught:
        open_source(text)
    assert "pw" not in str(caught.value)


# --- synthetic and file sources ---------------------------------------------------------


def test_synthetic_source_is_deterministic_and_moves() -> None:
    clock = lambda: datetime(2026, 3, 9, 9, 30, tzinfo=UTC)  # noqa: E731
    with SyntheticSource("A01", seed=7, clock=clock) as first:
        a0, a1 = first.read(), first.read()
    with SyntheticSource("A01", seed=7, clock=clock) as second:
        b0 = second.read()
    assert a0.shape == (720, 1280, 3)
    assert a0.dtype == np.uint8
    assert np.array_equal(a0, b0)
    assert not np.array_equal(a0, a1)


def test_video_file_source_reads_frames_and_starts_again(tmp_path: Path) -> None:
    video = make_video(tmp_path / "hall.avi", frames=3)
    with open_source(f"file:{video}") as source:
        greys = [int(np.median(source.read())) for _ in range(4)]
        shot = source.capture()
    assert source.kind == "file"
    assert greys[:3] == pytest.approx([0, 20, 40], abs=3)
    assert greys[3] == pytest.approx(0, abs=3)  # back to the first frame at the end
    assert shot.jpeg is None
    assert shot.frame.shape == (240, 320, 3)


def test_video_file_source_missing_and_not_a_video(tmp_path: Path) -> None:
    with pytest.raises(CameraError, match="not found"):
        VideoFileSource(tmp_path / "none.mp4").open()
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"this is not a video" * 100)
    with pytest.raises(CameraError, match="not a video file") as caught:
        VideoFileSource(junk).open()
    assert caught.value.code == "not_stream"


# --- a JPEG camera over HTTP ---------------------------------------------------------------


def test_http_jpeg_source_with_digest_keeps_the_camera_bytes(camera_server: str) -> None:
    url = f"http://{USER}:{PASSWORD}@{camera_server}/ISAPI/Streaming/channels/101/picture"
    with open_source(url, timeout=3) as source:
        shot = source.capture()
        again = source.read()
    assert shot.jpeg == CameraHandler.jpeg
    assert shot.frame.shape == (360, 640, 3)
    assert again.shape == (360, 640, 3)
    assert any(header.startswith("Digest ") for header in CameraHandler.seen_auth)
    assert source.kind == "http"
    assert PASSWORD not in source.label


def test_http_jpeg_source_with_basic_auth(camera_server: str) -> None:
    CameraHandler.scheme = "basic"
    source = HttpJpegSource(f"http://{camera_server}/cgi-bin/snapshot.cgi?channel=1", 3,
                            username=USER, password=PASSWORD)  # fmt: skip
    with source:
        assert source.capture().jpeg == CameraHandler.jpeg


def test_wrong_password_fails_fast_and_never_shows_it(
    camera_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "Wr0ng-pa55word"
    url = f"http://{USER}:{wrong}@{camera_server}/ISAPI/Streaming/channels/101/picture"
    started = time.monotonic()
    with pytest.raises(CameraError) as caught, open_source(url, timeout=3) as source:
        source.read()
    assert time.monotonic() - started < 3
    assert caught.value.code == "auth"
    assert "refused the user name or password" in str(caught.value)
    assert wrong not in str(caught.value)
    assert wrong not in repr(caught.value.args)
    assert caplog.records  # httpx did log its requests …
    assert wrong not in caplog.text  # … without the password


def test_password_in_query_is_kept_out_of_logs(
    camera_server: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"http://{camera_server}/cgi-bin/snapshot.cgi?loginuse=admin&loginpas={PASSWORD}"
    with pytest.raises(CameraError) as caught, open_source(url, timeout=3) as source:
        source.read()
    assert PASSWORD not in str(caught.value)
    assert "httpx" in {record.name for record in caplog.records}
    assert PASSWORD not in caplog.text


def test_not_a_jpeg(camera_server: str) -> None:
    with pytest.raises(CameraError, match="did not send a JPEG") as caught:
        open_source(f"jpeg:http://{camera_server}/index.html", timeout=3).read()
    assert caught.value.code == "not_jpeg"
    assert "text/html" in str(caught.value)


def test_dead_http_camera_fails_fast(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    port = _closed_port()
    url = f"http://{USER}:{PASSWORD}@127.0.0.1:{port}/ISAPI/Streaming/channels/101/picture"
    started = time.monotonic()
    with pytest.raises(CameraError) as caught:
        open_source(url, timeout=2).read()
    assert time.monotonic() - started < 3
    assert caught.value.code in ("unreachable", "timeout")
    assert PASSWORD not in str(caught.value)
    assert PASSWORD not in caplog.text


# --- streams -----------------------------------------------------------------------------


def test_dead_rtsp_camera_fails_fast_without_password(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"rtsp://{USER}:{PASSWORD}@127.0.0.1:{_closed_port()}/Streaming/Channels/101"
    started = time.monotonic()
    with pytest.raises(CameraError, match="refused the connection") as caught:
        open_source(url, timeout=2).read()
    assert time.monotonic() - started < 3
    assert caught.value.code == "refused"
    assert "rtsp://admin:***@127.0.0.1" in str(caught.value)
    assert PASSWORD not in str(caught.value)
    assert PASSWORD not in caplog.text
    out, err = capfd.readouterr()
    assert PASSWORD not in out + err


def test_silent_rtsp_camera_times_out(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    # Accepts the connection, never says a word: FFmpeg must give up at the timeout.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    port = listener.getsockname()[1]
    try:
        url = f"rtsp://{USER}:{PASSWORD}@127.0.0.1:{port}/Streaming/Channels/101"
        started = time.monotonic()
        with pytest.raises(CameraError) as caught:
            open_source(url, timeout=1.5).read()
        elapsed = time.monotonic() - started
    finally:
        listener.close()
    assert elapsed < 5
    assert caught.value.code in ("timeout", "not_stream")
    assert PASSWORD not in str(caught.value)
    assert PASSWORD not in caplog.text
    out, err = capfd.readouterr()
    assert PASSWORD not in out + err


def test_http_page_is_not_a_stream(camera_server: str) -> None:
    started = time.monotonic()
    with pytest.raises(CameraError) as caught:
        open_source(f"stream:http://{camera_server}/index.html", timeout=2).read()
    assert time.monotonic() - started < 5
    assert caught.value.code in ("not_stream", "timeout")


class _FakeCapture:
    """Stands in for cv2.VideoCapture: gives `frames` frames, then nothing."""

    def __init__(self, frames: int) -> None:
        self.frames = frames

    def isOpened(self) -> bool:
        return True

    def read(self) -> tuple[bool, np.ndarray | None]:
        return (True, self.retrieve()[1]) if self.grab() else (False, None)

    def grab(self) -> bool:
        time.sleep(0.03)  # a live camera: the buffer is empty, the next frame takes a while
        self.frames -= 1
        return self.frames >= 0

    def retrieve(self) -> tuple[bool, np.ndarray]:
        return True, np.zeros((4, 4, 3), np.uint8)

    def release(self) -> None:
        pass


def test_stream_drop_reconnects_once_then_fails_clearly() -> None:
    opened: list[int] = []

    class Flaky(StreamSource):
        def _make_capture(self) -> Any:
            opened.append(1)
            # First connection: 2 frames; the reconnect: 1 more; then the camera is gone.
            return _FakeCapture(2 if len(opened) == 1 else (1 if len(opened) == 2 else 0))

    source = Flaky(f"rtsp://{USER}:{PASSWORD}@10.0.0.9/Streaming/Channels/101", timeout=1)
    with source:
        source.read()
        source.read()
        source.read()  # dropped: reconnects and gets a frame
        with pytest.raises(CameraError, match="dropped") as caught:
            source.read()
    assert len(opened) == 3
    assert PASSWORD not in str(caught.value)


# --- JPEG rows, captions, photos -------------------------------------------------------------


def _noisy(height: int, width: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.clip(rng.normal(120, 40, (height, width, 3)), 0, 255).astype(np.uint8)


def test_rows_encoded_apart_join_into_the_same_bytes() -> None:
    frame = _noisy(200, 300)
    whole = encode_jpeg(frame)
    assert join_rows(encode_jpeg(frame[:96]), encode_jpeg(frame[96:]), 96) == whole
    for top in range(16, 200, 16):  # any block row, whatever its restart number
        assert splice_band(whole, encode_jpeg(frame[top:]), top) == whole
    tall = _noisy(1080, 96)
    assert caption_module.encode_captioned(tall, ["x"])[0] == encode_jpeg(tall)
    tiny = _noisy(12, 40)  # smaller than the band: the copy is all band
    original, captioned = caption_module.encode_captioned(tiny, ["x"])
    assert original == encode_jpeg(tiny)
    assert decode_jpeg(captioned) is not None
    assert splice_band(whole, encode_jpeg(frame[150:]), 150) is None  # not on a block row
    camera = camera_jpeg()  # no restart markers: cannot be spliced
    assert splice_band(camera, encode_jpeg(frame[160:]), 160) is None


def test_encode_captioned_changes_only_the_band() -> None:
    frame = _noisy(720, 1280)
    original, captioned = caption_module.encode_captioned(
        frame, ["2026-03-09 窗口 A01", "检查人 张三"]
    )
    assert original == encode_jpeg(frame)
    top = caption_module.band_top(720)
    assert 600 <= top < 720
    assert top % 16 == 0
    plain, marked = decode_jpeg(original), decode_jpeg(captioned)
    assert plain is not None
    assert marked is not None
    # Above the band (but for one row of chroma smoothing) the pixels are the original's.
    assert np.array_equal(plain[: top - 2], marked[: top - 2])
    assert np.abs(plain[top:].astype(int) - marked[top:].astype(int)).mean() > 40


def test_caption_font_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    caption_module.find_cjk_font.cache_clear()
    monkeypatch.setattr(caption_module, "KNOWN_FONTS", ())
    monkeypatch.setattr(caption_module, "_fc_match", lambda: None)
    monkeypatch.setenv("HALLWATCH_RESOURCES", "/nonexistent")
    monkeypatch.delenv("HALLWATCH_CJK_FONT", raising=False)
    try:
        with pytest.raises(caption_module.FontMissingError, match="fonts-wqy-zenhei"):
            caption_module.find_cjk_font()
    finally:
        caption_module.find_cjk_font.cache_clear()


def _photo_with_exif(path: Path, when: str, offset: str | None = None) -> Path:
    image = Image.fromarray(_noisy(120, 160)[:, :, ::-1])
    exif = Image.Exif()
    exif[0x0110] = "Phone"
    ifd = exif.get_ifd(0x8769)
    ifd[0x9003] = when
    if offset:
        ifd[0x9011] = offset
    image.save(path, "JPEG", exif=exif, quality=85)
    return path


def test_read_photo_reads_exif_time(tmp_path: Path) -> None:
    photo = read_photo(_photo_with_exif(tmp_path / "a.jpg", "2026:03:09 09:31:05"))
    assert photo.exif_time == datetime(2026, 3, 9, 9, 31, 5)
    assert (photo.width, photo.height) == (160, 120)
    zoned = read_photo(_photo_with_exif(tmp_path / "b.jpg", "2026:03:09 09:31:05", "+08:00"))
    assert zoned.exif_time == datetime(2026, 3, 9, 9, 31, 5, tzinfo=timezone(timedelta(hours=8)))
    finding_time = datetime(2026, 3, 9, 1, 25, 5, tzinfo=UTC)
    assert exif_time_gap(zoned.exif_time, finding_time) == timedelta(minutes=6)
    assert exif_time_gap(None, finding_time) is None


def test_read_photo_rejects_what_is_not_a_jpeg(tmp_path: Path) -> None:
    text = tmp_path / "note.jpg"
    text.write_text("hello")
    with pytest.raises(InputError, match="not a JPEG"):
        read_photo(text)
    with pytest.raises(InputError, match="not found"):
        read_photo(tmp_path / "missing.jpg")


# --- single-client stream servers, the cause of each failure (issue 11, item 8) -------------


def test_ffmpeg_single_client_mjpeg_is_read_without_a_test_connection() -> None:
    with ffmpeg_mjpeg() as url, open_source(url, timeout=5) as source:
        shot = source.capture()
    assert isinstance(source, StreamSource)
    assert shot.frame.shape == (480, 640, 3)
    assert float(shot.frame.std()) > 10  # ffmpeg's test pattern, not a blank frame


def test_one_client_server_is_opened_once() -> None:
    with OneClientMjpeg() as server, open_source(server.url, timeout=5) as source:
        frames = [source.read() for _ in range(3)]
    assert server.connections == 1
    assert all(frame.shape == (240, 320, 3) for frame in frames)


class StreamHandler(BaseHTTPRequestHandler):
    """An HTTP camera: Digest auth in front of a web page (not a stream)."""

    def do_GET(self) -> None:
        if self.path.startswith("/locked"):
            self.send_response(401)
            challenge = f'Digest realm="{REALM}", qop="auth", nonce="{NONCE}", algorithm=MD5'
            self.send_header("WWW-Authenticate", challenge)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/missing"):
            self.send_error(404)
            return
        body = b"<html><body>login</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def web_camera() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), StreamHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [
        ("/locked/video.mjpg", "auth", "refused the user name or password"),
        ("/index.html", "not_stream", "it sent text/html"),
        ("/missing/video.mjpg", "not_stream", "it answered HTTP 404"),
    ],
)
def test_stream_failure_is_worded_by_its_cause(
    web_camera: str, path: str, code: str, words: str
) -> None:
    url = f"stream:http://{USER}:{PASSWORD}@{web_camera}{path}"
    with pytest.raises(CameraError) as caught:
        open_source(url, timeout=3).read()
    assert caught.value.code == code
    assert words in str(caught.value)
    assert PASSWORD not in str(caught.value)
    if code != "auth":
        assert "password" not in str(caught.value)  # not blamed on the password


def test_refused_stream_says_refused() -> None:
    port = _closed_port()
    with pytest.raises(CameraError) as caught:
        open_source(f"http://127.0.0.1:{port}/video.mjpg", timeout=2).read()
    assert caught.value.code == "refused"
    assert f"nothing listens at port {port}" in str(caught.value)


# --- RTSP transport (item 9) --------------------------------------------------------------


def test_rtsp_transport_hint_is_taken_out_of_the_address() -> None:
    url = "rtsp://admin:pw@10.0.0.5/cam/realmonitor?channel=1&transport=udp&subtype=0"
    assert split_transport(url) == (
        "rtsp://admin:pw@10.0.0.5/cam/realmonitor?channel=1&subtype=0",
        "udp",
    )
    assert split_transport("rtsp://h/x?transport=tcp") == ("rtsp://h/x", "tcp")
    assert split_transport("rtsp://h/x?transport=sctp") == ("rtsp://h/x?transport=sctp", "")
    assert split_transport("http://h/x?transport=udp") == ("http://h/x?transport=udp", "")
    assert capture_options("udp") == "rtsp_transport;udp"
    with pytest.raises(CameraError, match="unknown RTSP transport"):
        StreamSource("rtsp://h/x", transport="sctp")


def test_rtsp_tries_tcp_then_udp_and_says_which(monkeypatch: pytest.MonkeyPatch) -> None:
    # FFmpeg reads OPENCV_FFMPEG_CAPTURE_OPTIONS at each open: record what each open saw.
    seen: list[str | None] = []

    def video_capture(url: str, *_args: Any) -> Any:
        import os

        seen.append(os.environ.get("OPENCV_FFMPEG_CAPTURE_OPTIONS"))
        # An encoder that answers TCP with "461 Unsupported transport".
        return _FakeCapture(5) if seen[-1] == "rtsp_transport;udp" else _Closed()

    monkeypatch.setattr(cv2, "VideoCapture", video_capture)
    listener = socket.socket()  # the RTSP port answers (so the failure is "not a stream")
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    port = listener.getsockname()[1]
    try:
        source = open_source(f"rtsp://{USER}:{PASSWORD}@127.0.0.1:{port}/live", timeout=2)
        with source:
            source.read()
        forced = open_source(f"rtsp://127.0.0.1:{port}/live?transport=tcp", timeout=2)
        with pytest.raises(CameraError) as caught:
            forced.open()
    finally:
        listener.close()
    assert seen == ["rtsp_transport;tcp", "rtsp_transport;udp", "rtsp_transport;tcp"]
    assert isinstance(source, StreamSource)
    assert source.transport == "udp"
    assert source.path_label == f"rtsp://{USER}:***@127.0.0.1:{port}/live (RTSP over UDP)"
    assert caught.value.code == "not_stream"


class _Closed:
    def isOpened(self) -> bool:
        return False

    def release(self) -> None:
        pass


# --- FFmpeg's own log lines (item 11) --------------------------------------------------------


def test_ffmpeg_lines_go_to_the_log_masked_not_to_stderr(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.INFO, logger="hallwatch.camera.ffmpeg")
    url = f"rtsp://{USER}:{PASSWORD}@127.0.0.1:{_closed_port()}/Streaming/Channels/101"
    with pytest.raises(CameraError):
        open_source(url, timeout=2).read()
    out, err = capfd.readouterr()
    assert err == ""
    assert out == ""
    ffmpeg = [r.getMessage() for r in caplog.records if r.name == "hallwatch.camera.ffmpeg"]
    assert any("Connection refused" in line for line in ffmpeg)
    assert PASSWORD not in caplog.text


def test_real_rtsp_camera_over_tcp() -> None:
    with RtspCamera() as camera, open_source(camera.url(), timeout=5) as source:
        frame = source.read()
    assert frame.shape == (240, 320, 3)
    assert camera.setups == ["tcp"]
    assert source.path_label.endswith("(RTSP over TCP)")


def test_real_udp_only_rtsp_camera_is_read_over_udp() -> None:
    # The encoder answers a TCP SETUP with 461: HallWatch asks again over UDP.
    with RtspCamera(transports=("udp",)) as camera:
        url = camera.url(credentials=f"{USER}:{PASSWORD}")
        with open_source(url, timeout=5) as source:
            frame = source.read()
        hinted = open_source(f"{camera.url()}?transport=udp", timeout=5)
        with hinted:
            hinted.read()
    assert frame.shape == (240, 320, 3)
    assert camera.setups == ["tcp", "udp", "udp"]  # the hint goes straight to UDP
    assert source.path_label == (f"rtsp://{USER}:***@127.0.0.1:{camera.port}/live (RTSP over UDP)")


def test_a_process_without_stderr_still_says_why_the_camera_failed() -> None:
    # A windowed app (pythonw, a frozen build) may have no fd 2 at all.
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "os.close(2)\n"
        "from hallwatch.camera import CameraError, open_source\n"
        "try:\n"
        f"    open_source('rtsp://a:pw@127.0.0.1:{_closed_port()}/x', timeout=2).read()\n"
        "except CameraError as error:\n"
        "    print(error.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
        cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert done.stdout.strip() == "refused"
    assert done.returncode == 0
