"""FFmpeg's and OpenCV's own log lines: into our log, masked, never onto the user's terminal.

FFmpeg (inside OpenCV) writes lines such as `[tcp @ 0x…] Connection to tcp://…
failed: Connection refused` straight to file descriptor 2 from C, where Python's
logging cannot see or mask them; some carry the camera's address with its password.
While a camera is opened or read, `native_log()` points fd 2 at a private temporary
file; what arrives there is handed, masked, to the `hallwatch.camera.ffmpeg` logger
(the log file of the CLI and the app) and to the caller, which reads the cause of a
failure from it (401, refused, timed out). fd 2 is process-wide, so the redirection
is shared and counted: it lasts while any thread is inside, and whatever else writes
to stderr meanwhile goes to the log too rather than being lost.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Iterator

from hallwatch.camera.masking import mask_credentials

log = logging.getLogger("hallwatch.camera.ffmpeg")

# Lines longer than this are cut in the log (a 401 page body, a binary dump).
MAX_LINE = 500


class _Redirect:
    """The shared state of the fd-2 redirection (one per process)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.saved = -1
        self.file = -1
        self.logged = 0  # bytes of the file already handed to the logger


_STATE = _Redirect()


@contextlib.contextmanager
def native_log() -> Iterator[list[str]]:
    """Send what C code writes to fd 2 meanwhile to the log; yield the (masked) lines.

    The list is filled when the block ends: every line written while this block ran
    (other threads' included, which is harmless for reading a failure's cause).
    """
    lines: list[str] = []
    state = _STATE
    with state.lock:
        try:
            if state.file < 0:
                state.file = _append_file()
            if state.depth == 0:
                with contextlib.suppress(Exception):
                    sys.stderr.flush()
                try:
                    state.saved = os.dup(2)
                except OSError:
                    state.saved = -1  # no stderr at all (a windowed app): fd 2 is free
                os.dup2(state.file, 2)
            start = os.fstat(state.file).st_size
        except OSError:
            # No temporary file (a full or read-only disk): let FFmpeg write where it
            # writes rather than fail the camera for the sake of its log.
            log.debug("cannot redirect fd 2 for FFmpeg's log", exc_info=True)
            redirected = False
        else:
            state.depth += 1
            redirected = True
    if not redirected:
        yield lines
        return
    try:
        yield lines
    finally:
        with state.lock:
            state.depth -= 1
            last = state.depth == 0
            if last:
                if state.saved >= 0:
                    os.dup2(state.saved, 2)
                    os.close(state.saved)
                else:
                    with contextlib.suppress(OSError):
                        os.close(2)
                state.saved = -1
            end = os.fstat(state.file).st_size
            data = _read_at(state.file, start, end - start) if end > start else b""
            _hand_over(state, end, last)
            if last:
                os.ftruncate(state.file, 0)
                state.logged = 0
        lines.extend(_masked_lines(data))


def _append_file() -> int:
    # O_APPEND: FFmpeg's threads and ours write at the end, never over each other.
    handle, path = tempfile.mkstemp(prefix="hallwatch-ffmpeg-")
    os.close(handle)
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_BINARY", 0)
    if os.name == "nt":
        return os.open(path, flags | getattr(os, "O_TEMPORARY", 0))  # removed when closed
    try:
        return os.open(path, flags)
    finally:
        os.unlink(path)  # nobody else ever sees the file, and it goes away with us


def _read_at(fd: int, offset: int, size: int) -> bytes:
    # Not os.pread (POSIX only); moving the offset is harmless: O_APPEND writes ignore it.
    os.lseek(fd, offset, os.SEEK_SET)
    chunks = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _hand_over(state: _Redirect, end: int, last: bool) -> None:
    """Log the new complete lines (all of them when the redirection ends)."""
    if end <= state.logged:
        return
    data = _read_at(state.file, state.logged, end - state.logged)
    if not last:
        cut = data.rfind(b"\n") + 1
        data = data[:cut]
    state.logged += len(data)
    for line in _masked_lines(data):
        log.info("%s", line)


def _masked_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", "replace")
    out = []
    for raw in text.replace("\r", "\n").split("\n"):
        line = raw.strip()
        if line:
            out.append(mask_credentials(line[:MAX_LINE]))
    return out


__all__ = ["native_log"]
