"""Camera sources, captions and photo import (Qt-free: data in, bytes out)."""

from hallwatch.camera.jpeg import decode_jpeg, encode_jpeg
from hallwatch.camera.masking import mask_credentials
from hallwatch.camera.sources import (
    CameraError,
    Capture,
    FrameSource,
    HttpJpegSource,
    LocalCameraSource,
    StreamSource,
    SyntheticSource,
    VideoFileSource,
    open_source,
)

__all__ = [
    "CameraError",
    "Capture",
    "FrameSource",
    "HttpJpegSource",
    "LocalCameraSource",
    "StreamSource",
    "SyntheticSource",
    "VideoFileSource",
    "decode_jpeg",
    "encode_jpeg",
    "mask_credentials",
    "open_source",
]
