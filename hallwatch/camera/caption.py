"""Burn a caption (time, hall, window, inspector, device, finding) into a photo's bottom band."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from hallwatch.camera.jpeg import BLOCK, encode_jpeg, join_rows, splice_band
from hallwatch.domain.errors import FontMissingError
from hallwatch.resources import resources_dir

# Where Debian/UOS/Kylin, Windows and macOS keep a CJK TrueType font.
KNOWN_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)


@functools.cache
def find_cjk_font() -> Path:
    """Return a font file that draws Chinese: $HALLWATCH_CJK_FONT, shipped, known, fc-match."""
    override = os.environ.get("HALLWATCH_CJK_FONT")
    candidates: list[Path] = [Path(override)] if override else []
    shipped = resources_dir() / "fonts"
    if shipped.is_dir():
        candidates += sorted(p for p in shipped.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))
    candidates += [Path(p) for p in KNOWN_FONTS]
    for path in candidates:
        if path.is_file():
            return path
    found = _fc_match()
    if found is not None:
        return found
    raise FontMissingError(
        "no font that can draw Chinese captions is installed",
        "install fonts-wqy-zenhei (apt install fonts-wqy-zenhei) or set HALLWATCH_CJK_FONT",
    )


def _fc_match() -> Path | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        result = subprocess.run(
            [fc_match, "-f", "%{file}", ":lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = Path(result.stdout.strip())
    # fc-match always answers; only a TrueType file (Pillow and ReportLab) will do.
    if result.returncode == 0 and path.is_file() and path.suffix.lower() in (".ttf", ".ttc"):
        return path
    return None


@functools.lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(find_cjk_font()), size)


def band_top(height: int, lines: int = 2) -> int:
    """Return the first pixel row of the caption band for a picture of this height."""
    wanted = _line_height(height) * lines + 2 * _padding(height)
    top = max(0, height - wanted)
    return top - top % BLOCK


def _line_height(height: int) -> int:
    return max(14, round(height * 0.034))


def _padding(height: int) -> int:
    return max(4, round(height * 0.012))


def burn_caption(frame: np.ndarray, lines: Sequence[str]) -> np.ndarray:
    """Return a copy of a BGR frame with the lines written on a dark band at its bottom.

    Only rows from `band_top()` down differ from the frame.
    """
    top, band = caption_band(frame, lines)
    out = frame.copy()
    out[top:] = band
    return out


def caption_band(frame: np.ndarray, lines: Sequence[str]) -> tuple[int, np.ndarray]:
    """Return the band's first row and its BGR pixels: the frame's bottom, darkened, captioned."""
    height, width = frame.shape[:2]
    top = band_top(height, len(lines))
    # A darkened band (×0.31), not a black one: what is behind the caption stays visible.
    # Pillow gets the BGR pixels as they are: white text is the same in either order.
    source = frame[top:]
    band = (source >> 2) + (source >> 4)
    image = Image.fromarray(band)
    draw = ImageDraw.Draw(image)
    line_height = _line_height(height)
    font = _font(max(10, round(line_height * 0.82)))
    padding = _padding(height)
    y = (height - top - line_height * len(lines)) // 2
    for line in lines:
        text = _fit(draw, line, font, width - 2 * padding)
        x = padding
        # Drawn in pieces (split at the double spaces): the hall, window, inspector and
        # device pieces repeat from photo to photo and come from a cache; rendering CJK
        # glyphs costs about 1 ms a line, a third of a snapshot's whole caption.
        for piece in text.split(GAP):
            if piece:
                # The time changes with every photo: caching it would only churn.
                mask = _mask(piece, font) if piece[0].isdigit() else _piece_mask(piece, font)
                image.paste((255, 255, 255), (x, y, x + mask.width, y + mask.height), mask)
            x += round(draw.textlength(piece + GAP, font=font))
        y += line_height
    return top, np.asarray(image)


GAP = "  "


@functools.lru_cache(maxsize=64)
def _piece_mask(text: str, font: ImageFont.FreeTypeFont) -> Image.Image:
    return _mask(text, font)


def _mask(text: str, font: ImageFont.FreeTypeFont) -> Image.Image:
    """Return the coverage mask of text as draw.text would put it at (0, 0)."""
    _left, _top, right, bottom = font.getbbox(text)
    mask = Image.new("L", (max(1, int(right)), max(1, int(bottom))), 0)
    ImageDraw.Draw(mask).text((0, 0), text, font=font, fill=255)
    return mask


def captioned_jpeg(frame: np.ndarray, lines: Sequence[str], quality: int = 90) -> bytes:
    """Return the JPEG of the frame with its caption band (a camera's JPEG re-encoded)."""
    top, band = caption_band(frame, lines)
    out = frame.copy()
    out[top:] = band
    return encode_jpeg(out, quality)


def encode_captioned(
    frame: np.ndarray, lines: Sequence[str], quality: int = 90
) -> tuple[bytes, bytes]:
    """Return (original, captioned) JPEGs of a frame, the pixels above the band encoded once.

    A worker thread encodes the top two thirds of the original (OpenCV releases the
    GIL) while this thread draws and encodes the caption band, then the bottom third:
    two even streams of work for two cores. The parts are joined at a restart marker,
    byte for byte what one cv2.imencode with the same restart interval writes, and
    the band is spliced in after the original's rows above it.
    """
    height = frame.shape[0]
    # Split on a multiple of 8 block rows: the bottom part's restart markers then
    # already carry the numbers (RST0…RST7 in turn) they need in the whole file.
    step = 8 * BLOCK if height >= 4 * 8 * BLOCK else BLOCK
    split = round(height * 2 / 3 / step) * step
    if split >= height:
        split = 0
    started = threading.Event()
    pending = _pool().submit(
        _encode_when_started, frame[:split] if split else frame, quality, started
    )
    # Drawing text holds the GIL: let the encoder get into OpenCV first, or it may
    # wait up to the interpreter's switch interval (5 ms) to begin.
    started.wait()
    try:
        top, band = caption_band(frame, lines)
        band_jpeg = encode_jpeg(band, quality)
        bottom = encode_jpeg(frame[split:], quality) if split else b""
    finally:
        upper = pending.result()
    original = join_rows(upper, bottom, split) if split else upper
    if original is None:
        original = encode_jpeg(frame, quality)
    captioned = splice_band(original, band_jpeg, top) if top else band_jpeg
    if captioned is None:
        out = frame.copy()
        out[top:] = band
        captioned = encode_jpeg(out, quality)
    return original, captioned


def _encode_when_started(part: np.ndarray, quality: int, started: threading.Event) -> bytes:
    started.set()
    return encode_jpeg(part, quality)


_encoder: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    global _encoder
    if _encoder is None:
        _encoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jpeg-encode")
    return _encoder


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, room: int) -> str:
    if draw.textlength(text, font=font) <= room:
        return text
    while text and draw.textlength(text + "…", font=font) > room:
        text = text[:-1]
    return text + "…"
