"""JPEG bytes: encode with a restart marker per block row, decode, join and splice rows.

A restart marker resets the encoder's state, so with one after every row of
16×16 blocks each row's bytes stand alone: rows encoded separately (in parallel,
or a caption band alone) can be joined into one valid file, the same bytes one
encoder pass would write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np

JPEG_MAGIC = b"\xff\xd8\xff"
# OpenCV writes 4:2:0: a block row is 16 pixels high, a block 16 wide.
BLOCK = 16


def decode_jpeg(data: bytes) -> np.ndarray | None:
    """Return the BGR pixels of JPEG bytes, or None when they are not a readable JPEG."""
    if not data.startswith(JPEG_MAGIC):
        return None
    frame = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    return frame if frame is not None else None


def encode_jpeg(frame: np.ndarray, quality: int = 90) -> bytes:
    """Return a frame as JPEG bytes, with a restart marker after every row of blocks.

    The markers cost about 0.1 % in size; they let rows be encoded apart and joined
    (join_rows, splice_band).
    """
    per_row = max(1, -(-frame.shape[1] // BLOCK))
    params = [cv2.IMWRITE_JPEG_QUALITY, quality, cv2.IMWRITE_JPEG_RST_INTERVAL, per_row]
    ok, buffer = cv2.imencode(".jpg", frame, params)
    if not ok:
        raise ValueError(f"OpenCV could not encode a {frame.shape} frame as JPEG")
    return bytes(buffer)


_RST = re.compile(rb"\xff[\xd0-\xd7]")
_SOF0, _DRI, _SOS = 0xC0, 0xDD, 0xDA


@dataclass(frozen=True, slots=True)
class _Layout:
    header: bytes  # SOI up to the end of SOS, the SOF height zeroed
    sof: int
    entropy_start: int
    mcu_height: int
    mcu_width: int
    width: int
    restart: int


def _layout(data: bytes) -> _Layout | None:
    """Parse a baseline JPEG's header; None for anything this splice does not handle."""
    if not data.startswith(b"\xff\xd8"):
        return None
    pos, restart, sof = 2, 0, -1
    width = hmax = vmax = 0
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        body = data[pos + 4 : pos + 2 + length]
        if marker in (0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            return None  # progressive, lossless, arithmetic: not ours
        if marker == _SOF0:
            sof = pos
            width = int.from_bytes(body[3:5], "big")
            samplings = body[6 : 6 + 3 * body[5]][1::3]
            hmax = max(s >> 4 for s in samplings)
            vmax = max(s & 0x0F for s in samplings)
        elif marker == _DRI:
            restart = int.from_bytes(body[0:2], "big")
        elif marker == _SOS:
            end = pos + 2 + length
            if sof < 0 or not restart:
                return None
            header = bytearray(data[:end])
            header[sof + 5 : sof + 7] = b"\0\0"
            return _Layout(bytes(header), sof, end, 8 * vmax, 8 * hmax, width, restart)
        pos += 2 + length
    return None


def splice_band(original: bytes, band: bytes, top: int) -> bytes | None:
    """Return original's block rows above `top` followed by band's rows (None: cannot)."""
    outer, inner = _layout(original), _layout(band)
    if outer is None or inner is None or outer.header != inner.header:
        return None
    # One restart interval must be exactly one block row, and the band start on one.
    if outer.restart != -(-outer.width // outer.mcu_width) or top % outer.mcu_height:
        return None
    rows_above = top // outer.mcu_height
    rows = -(-_height(original) // outer.mcu_height)
    if not 0 < rows_above < rows:
        return None
    # The band is near the end: find the marker after row rows_above - 1 from there.
    # (In entropy-coded data 0xFF is followed by 0x00 or a marker, so the search is exact.)
    number = (rows_above - 1) % 8
    marker = bytes((0xFF, 0xD0 + number))
    cut = len(original)
    for _ in range((rows - 2 - (rows_above - 1)) // 8 + 1):
        cut = original.rfind(marker, outer.entropy_start, cut)
        if cut < 0:
            return None
    return original[: cut + 2] + _renumbered(band[inner.entropy_start :], rows_above)


def join_rows(first: bytes, second: bytes, rows_at: int) -> bytes | None:
    """Return one JPEG of first's rows then second's (encoded apart, split at pixel row rows_at)."""
    outer, inner = _layout(first), _layout(second)
    if outer is None or inner is None or outer.header != inner.header:
        return None
    if outer.restart != -(-outer.width // outer.mcu_width) or rows_at % outer.mcu_height:
        return None
    rows_above = rows_at // outer.mcu_height
    if not first.endswith(b"\xff\xd9"):
        return None
    height = rows_at + _height(second)
    header = bytearray(first[: outer.entropy_start])
    header[outer.sof + 5 : outer.sof + 7] = height.to_bytes(2, "big")
    marker = bytes((0xFF, 0xD0 + (rows_above - 1) % 8))
    return (
        bytes(header)
        + first[outer.entropy_start : -2]
        + marker
        + _renumbered(second[inner.entropy_start :], rows_above)
    )


def _height(data: bytes) -> int:
    layout = _layout(data)
    assert layout is not None
    return int.from_bytes(data[layout.sof + 5 : layout.sof + 7], "big")


def _renumbered(entropy: bytes, rows_above: int) -> bytes:
    if rows_above % 8 == 0:
        return entropy  # already numbered from RST0, as it must continue
    tail = bytearray(entropy)
    # Restart markers count RST0…RST7 in turn across the whole scan.
    for index, start in enumerate([m.start() for m in _RST.finditer(tail)]):
        tail[start + 1] = 0xD0 + (rows_above + index) % 8
    return bytes(tail)
