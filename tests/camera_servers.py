"""Stream servers on 127.0.0.1 that tests start and stop: ffmpeg -listen 1, a one-client MJPEG.

Both serve exactly one client, as cheap encoders do: a test connection made before
the real one would use the stream up.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import cv2
import numpy as np
import pytest

BOUNDARY = "hallwatchframe"


def free_port() -> int:
    """Return a port nothing listens on (a closed port)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def require_ffmpeg() -> str:
    """Return ffmpeg's path; skip without it, but fail in CI (scripts/setup.sh installs it)."""
    path = shutil.which("ffmpeg")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("ffmpeg is missing: scripts/setup.sh installs it")
        pytest.skip("ffmpeg is not installed")
    return path


def _listening(port: int) -> bool:
    """Whether something listens on 127.0.0.1:port, found without connecting to it."""
    wanted = f":{port:04X}"
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as handle:
                next(handle)
                for line in handle:
                    fields = line.split()
                    if fields[1].endswith(wanted) and fields[3] == "0A":  # LISTEN
                        return True
        except OSError:
            continue
    return False


@contextmanager
def ffmpeg_mjpeg(width: int = 640, height: int = 480) -> Iterator[str]:
    """Yield the URL of an MJPEG stream that ffmpeg serves to one client, then exits."""
    ffmpeg = require_ffmpeg()
    port = free_port()
    url = f"http://127.0.0.1:{port}/stream.mjpg"
    process = subprocess.Popen(
        [ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "lavfi",
         "-i", f"testsrc=size={width}x{height}:rate=10", "-f", "mpjpeg", "-listen", "1", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while not _listening(port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"ffmpeg did not start listening on port {port}")
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def jpeg_frame(width: int = 320, height: int = 240, index: int = 0) -> bytes:
    """A real JPEG of a synthetic frame (cv2.imencode)."""
    frame = np.full((height, width, 3), (40 + 10 * index) % 256, np.uint8)
    cv2.rectangle(frame, (20 + index, 20), (120 + index, 120), (0, 0, 255), -1)
    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    return bytes(data)


class OneClientMjpeg:
    """A multipart MJPEG server that accepts exactly one connection and then closes.

    `connections` counts what it accepted; anyone after the first is refused, since
    the listening socket is closed at once.
    """

    def __init__(self, frames: int = 50) -> None:
        self.frames = frames
        self.connections = 0
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(1)
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}/video.mjpg"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._stop = threading.Event()

    def __enter__(self) -> OneClientMjpeg:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._listener.close()
        self._thread.join(10)

    def _serve(self) -> None:
        try:
            client, _ = self._listener.accept()
        except OSError:
            return
        self.connections += 1
        self._listener.close()  # one client, as a cheap encoder
        with client:
            client.settimeout(5)
            try:
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = client.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                client.sendall(
                    b"HTTP/1.0 200 OK\r\n"
                    b"Content-Type: multipart/x-mixed-replace; boundary=" + BOUNDARY.encode() +
                    b"\r\nCache-Control: no-cache\r\n\r\n"
                )  # fmt: skip
                for index in range(self.frames):
                    if self._stop.is_set():
                        return
                    body = jpeg_frame(index=index)
                    client.sendall(
                        f"--{BOUNDARY}\r\nContent-Type: image/jpeg\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n".encode()
                        + body
                        + b"\r\n"
                    )
                    time.sleep(0.05)
            except OSError:
                return


class DigestCamera:
    """A Hikvision-style picture URL on 127.0.0.1 that answers only with HTTP Digest auth.

    `jpeg` is what it serves (a real JPEG from cv2.imencode); `requests` counts them.
    """

    realm = "IP Camera(DS-2CD)"
    nonce = "7d5c3e9a1b2f4c6d"

    def __init__(self, user: str, password: str, jpeg: bytes | None = None) -> None:
        self.user, self.password = user, password
        self.jpeg = jpeg if jpeg is not None else jpeg_frame(640, 360, 3)
        self.requests = 0
        camera = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                camera.requests += 1
                if not camera._authorised(self.headers.get("Authorization", "")):
                    self.send_response(401)
                    self.send_header(
                        "WWW-Authenticate",
                        f'Digest realm="{camera.realm}", qop="auth", nonce="{camera.nonce}"',
                    )
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(camera.jpeg)))
                self.end_headers()
                self.wfile.write(camera.jpeg)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,))
        self._thread.daemon = True

    def url(self, path: str = "/ISAPI/Streaming/channels/101/picture") -> str:
        return f"http://{self.user}:{self.password}@127.0.0.1:{self.port}{path}"

    def __enter__(self) -> DigestCamera:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _authorised(self, header: str) -> bool:
        if not header.startswith("Digest "):
            return False
        items = urllib.request.parse_keqv_list(urllib.request.parse_http_list(header[7:]))
        if items.get("username") != self.user or items.get("nonce") != self.nonce:
            return False
        ha1 = _md5(f"{self.user}:{self.realm}:{self.password}")
        ha2 = _md5(f"GET:{items.get('uri', '')}")
        expected = _md5(f"{ha1}:{self.nonce}:{items.get('nc')}:{items.get('cnonce')}:auth:{ha2}")
        return items.get("response") == expected


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class RtspCamera:
    """An RTSP camera on 127.0.0.1: ffmpeg makes the RTP (MJPEG), this relays it.

    ffmpeg (`-f rtp`) sends RTP/JPEG packets to a local UDP port; the RTSP server here
    answers OPTIONS, DESCRIBE, SETUP, PLAY and TEARDOWN and forwards the packets over
    the RTSP connection (TCP interleaved) or to the client's UDP port. `transports`
    says which SETUPs it accepts; any other is answered "461 Unsupported Transport",
    as encoders that do only UDP answer. `setups` records what clients asked for.
    """

    def __init__(self, transports: tuple[str, ...] = ("tcp", "udp")) -> None:
        self.transports = transports
        self.setups: list[str] = []
        self._ffmpeg = require_ffmpeg()
        self._relay = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._relay.bind(("127.0.0.1", 0))
        self._relay.settimeout(0.2)
        self._rtcp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._rtcp.bind(("127.0.0.1", 0))
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(4)
        self._listener.settimeout(0.2)
        self.port = int(self._listener.getsockname()[1])
        self._stop = threading.Event()
        self._sinks: list[Any] = []  # callables that take one RTP packet
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._process: subprocess.Popen[bytes] | None = None
        self.sdp = ""

    def url(self, path: str = "/live", credentials: str = "") -> str:
        auth = f"{credentials}@" if credentials else ""
        return f"rtsp://{auth}127.0.0.1:{self.port}{path}"

    def __enter__(self) -> RtspCamera:
        import tempfile

        relay_port = self._relay.getsockname()[1]
        sdp_file = tempfile.NamedTemporaryFile(suffix=".sdp", delete=False)
        sdp_file.close()
        self._process = subprocess.Popen(
            [self._ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
             "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-c:v", "mjpeg",
             "-pix_fmt", "yuvj420p", "-huffman", "default", "-q:v", "5", "-f", "rtp",
             "-sdp_file", sdp_file.name,
             f"rtp://127.0.0.1:{relay_port}?pkt_size=1200"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            with open(sdp_file.name, encoding="ascii", errors="replace") as handle:
                text = handle.read()
            if "m=video" in text:
                break
            if self._process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("ffmpeg did not start its RTP stream")
            time.sleep(0.05)
        os.unlink(sdp_file.name)
        lines = []
        for line in text.splitlines():
            if line.startswith("m=video"):
                fields = line.split()
                fields[1] = "0"
                line = " ".join(fields)
            elif line.startswith("c="):
                line = "c=IN IP4 0.0.0.0"
            lines.append(line)
        lines.append("a=control:trackID=0")
        self.sdp = "\r\n".join(lines) + "\r\n"
        for target in (self._accept, self._pump):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)
        for sock in (self._listener, self._relay, self._rtcp):
            sock.close()

    def _pump(self) -> None:
        while not self._stop.is_set():
            try:
                packet = self._relay.recv(65536)
            except OSError:
                continue
            with self._lock:
                sinks = list(self._sinks)
            for sink in sinks:
                try:
                    sink(packet)
                except OSError:
                    with self._lock:
                        if sink in self._sinks:
                            self._sinks.remove(sink)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                continue
            thread = threading.Thread(target=self._session, args=(client,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _session(self, client: socket.socket) -> None:
        client.settimeout(0.2)
        buffer = b""
        sink: Any = None
        send_lock = threading.Lock()
        try:
            while not self._stop.is_set():
                try:
                    chunk = client.recv(65536)
                except TimeoutError:
                    continue
                if not chunk:
                    return
                buffer += chunk
                while True:
                    if buffer.startswith(b"$") and len(buffer) >= 4:  # the client's RTCP
                        size = int.from_bytes(buffer[2:4], "big")
                        if len(buffer) < 4 + size:
                            break
                        buffer = buffer[4 + size :]
                        continue
                    end = buffer.find(b"\r\n\r\n")
                    if end < 0:
                        break
                    request, buffer = buffer[:end].decode("latin-1"), buffer[end + 4 :]
                    reply, sink = self._answer(request, client, send_lock, sink)
                    with send_lock:
                        client.sendall(reply.encode("latin-1"))
        except OSError:
            return
        finally:
            with self._lock:
                if sink in self._sinks:
                    self._sinks.remove(sink)
            client.close()

    def _answer(
        self, request: str, client: socket.socket, send_lock: threading.Lock, sink: Any
    ) -> tuple[str, Any]:
        first, *header_lines = request.split("\r\n")
        method, url = first.split(" ")[:2]
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        cseq = headers.get("cseq", "0")
        head = f"RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\n"
        if method == "OPTIONS":
            return head + "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n", sink
        if method == "DESCRIBE":
            body = self.sdp.encode("ascii")
            base = url.rstrip("/") + "/"
            return (
                head + f"Content-Base: {base}\r\nContent-Type: application/sdp\r\n"
                f"Content-Length: {len(body)}\r\n\r\n" + self.sdp,
                sink,
            )
        if method == "SETUP":
            transport = headers.get("transport", "")
            kind = "tcp" if "/TCP" in transport.upper() else "udp"
            self.setups.append(kind)
            if kind not in self.transports:
                return f"RTSP/1.0 461 Unsupported Transport\r\nCSeq: {cseq}\r\n\r\n", sink
            if kind == "tcp":

                def sink(packet: bytes) -> None:
                    with send_lock:
                        client.sendall(b"$\x00" + len(packet).to_bytes(2, "big") + packet)

                answer = "RTP/AVP/TCP;unicast;interleaved=0-1"
            else:
                ports = transport.split("client_port=")[1].split(";")[0]
                rtp_port = int(ports.split("-")[0])
                server = self._rtcp.getsockname()[1]

                def sink(packet: bytes) -> None:
                    self._rtcp.sendto(packet, ("127.0.0.1", rtp_port))

                answer = f"RTP/AVP;unicast;client_port={ports};server_port={server}-{server + 1}"
            return head + f"Transport: {answer}\r\nSession: 4242;timeout=60\r\n\r\n", sink
        if method == "PLAY":
            with self._lock:
                if sink is not None and sink not in self._sinks:
                    self._sinks.append(sink)
            return head + "Session: 4242\r\nRange: npt=0.000-\r\n\r\n", sink
        if method == "TEARDOWN":
            with self._lock:
                if sink in self._sinks:
                    self._sinks.remove(sink)
            return head + "Session: 4242\r\n\r\n", None
        return f"RTSP/1.0 405 Method Not Allowed\r\nCSeq: {cseq}\r\n\r\n", sink
