"""`hallwatch-server` starts a real server on loopback and answers its health check."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx

from hallwatch import __version__
from hallwatch.storage import migrate


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_server_health_on_loopback() -> None:
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from hallwatch.server.cli import main; main()",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not start in 30 s"
                time.sleep(0.1)
        assert answer.status_code == 200
        body = answer.json()
        assert body["status"] == "ok"
        assert body["version"] == __version__
        assert body["schema"] == migrate.head_revision()
        assert "T" in body["time"]  # the server's clock, for devices to measure their offset
    finally:
        server.terminate()
        server.wait(timeout=10)
