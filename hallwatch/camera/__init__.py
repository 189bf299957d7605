"""Camera sources, captions and photo import (Qt-free: data in, bytes out)."""

from hallwatch.camera.jpeg import decode_jpeg, encode_jpeg
from hallwatch.camera.masking import mask_credentials
from hallwatch.camera.sources import (
    PATH_MANUAL_IMPORT,
    PATH_SNAPSHOT_URL,
    PATH_STREAM,
    CameraError,
    CameraShot,
    Capture,
    FrameSource,
    HttpJpegSource,
    LocalCameraSource,
    StreamSource,
    SyntheticSource,
    VideoFileSource,
    capture_camera,
    open_source,
    snapshot_source,
)

__all__ = [
    "PATH_MANUAL_IMPORT",
    "PATH_SNAPSHOT_URL",
    "PATH_STREAM",
    "CameraError",
    "CameraShot",
    "Capture",
    "FrameSource",
    "HttpJpegSource",
    "LocalCameraSource",
    "StreamSource",
    "SyntheticSource",
    "VideoFileSource",
    "capture_camera",
    "decode_jpeg",
    "encode_jpeg",
    "mask_credentials",
    "open_source",
    "snapshot_source",
]
