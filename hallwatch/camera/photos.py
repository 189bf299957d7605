"""Manual photo import: a JPEG file from a phone or camera, with its EXIF time."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from hallwatch.camera.sources import JPEG_MAGIC
from hallwatch.domain.errors import InputError

# EXIF tags (Pillow's ExifTags.Base): in the Exif IFD, and the IFD's pointer.
EXIF_IFD = 0x8769
DATETIME_ORIGINAL = 0x9003
OFFSET_TIME_ORIGINAL = 0x9011
DATETIME = 0x0132
MAX_PHOTO_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Photo:
    """A JPEG file's bytes, size and EXIF time (aware when the file gives its offset)."""

    jpeg: bytes
    width: int
    height: int
    exif_time: datetime | None


def read_photo(path: Path) -> Photo:
    """Read a JPEG file and its EXIF DateTimeOriginal; InputError names a file that is not one."""
    try:
        if path.stat().st_size > MAX_PHOTO_BYTES:
            raise InputError(f"{path} is larger than 50 MB", "choose the photo itself")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"photo {path} not found", "check the path") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    if not data.startswith(JPEG_MAGIC):
        raise InputError(f"{path} is not a JPEG photo", "choose a .jpg file")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            exif = image.getexif()
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise InputError(f"{path} is a damaged JPEG", "choose another photo") from None
    return Photo(data, width, height, _exif_time(exif))


def _exif_time(exif: Image.Exif) -> datetime | None:
    ifd = exif.get_ifd(EXIF_IFD)
    text = ifd.get(DATETIME_ORIGINAL) or exif.get(DATETIME)
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.strptime(text.strip().rstrip("\x00"), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = ifd.get(OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str) and len(offset) >= 6 and offset[0] in "+-":
        try:
            hours, minutes = int(offset[1:3]), int(offset[4:6])
        except ValueError:
            return moment
        delta = timedelta(hours=hours, minutes=minutes)
        return moment.replace(tzinfo=timezone(delta if offset[0] == "+" else -delta))
    return moment


def exif_time_gap(exif_time: datetime | None, finding_time: datetime) -> timedelta | None:
    """Return how far the photo's EXIF time lies from the finding's time (None: no EXIF time).

    Both must be aware; the service turns a naive EXIF time into the hall's zone first.
    """
    if exif_time is None:
        return None
    return abs(exif_time - finding_time)
