"""Snapshots kept as evidence: capture, photo import, integrity, orphan files.

A snapshot is two blobs and a row. The original JPEG (the camera's bytes, or the
frame encoded once) and a copy with a burned-in caption are written to the
content-addressed store first, each fsynced and renamed into place; the row
that names them commits after. So a committed row always has its files; a
failed transaction or a crash leaves at most an orphan file, which
`orphan_blobs` reports and `remove_orphan_blobs` clears (never the normal flow).
"""

from __future__ import annotations

import contextvars
import errno
import functools
import hashlib
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Insert, Select, bindparam, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from hallwatch.camera.caption import captioned_jpeg, encode_captioned
from hallwatch.camera.jpeg import decode_jpeg
from hallwatch.camera.masking import mask_credentials
from hallwatch.camera.photos import exif_time_gap, read_photo
from hallwatch.camera.sources import (
    PATH_MANUAL_IMPORT,
    PATH_SNAPSHOT_URL,
    PATH_STREAM,
    capture_camera,
)
from hallwatch.domain.errors import EvidenceStoreError, InputError, NotFoundError
from hallwatch.domain.timeutil import hall_zone, utcnow
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.changelog import insert_synced, note_demo_hall, table_of
from hallwatch.storage.models import (
    Blob,
    Device,
    Finding,
    Hall,
    ImportBatch,
    Letter,
    Snapshot,
    Window,
)

if TYPE_CHECKING:
    import numpy as np

    from hallwatch.storage.database import Database

JPEG_QUALITY = 90
JPEG_TYPE = "image/jpeg"
# A photo's EXIF time further than this from the finding's is shown as a warning.
EXIF_TOLERANCE = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """A stored snapshot as the rest of the program sees it."""

    id: uuid.UUID
    hall_id: uuid.UUID
    window_id: uuid.UUID | None
    finding_id: uuid.UUID | None
    taken_at: datetime
    taken_by: str
    source_kind: str
    source_label: str
    original_sha256: str
    original_size: int
    captioned_sha256: str
    captioned_size: int
    width: int
    height: int
    imported: bool
    exif_time: datetime | None
    # "stream", "snapshot_url" or "manual_import" ("" for rows older than the column).
    capture_path: str = ""


@dataclass(frozen=True, slots=True)
class ImportedPhoto:
    """An imported photo's snapshot and how far its EXIF time lies from the finding's."""

    snapshot: SnapshotInfo
    exif_gap: timedelta | None

    @property
    def time_suspicious(self) -> bool:
        """Whether the photo may not show the finding's moment (no EXIF time, or far off)."""
        return self.exif_gap is None or self.exif_gap > EXIF_TOLERANCE


@dataclass(frozen=True, slots=True)
class EvidenceProblem:
    """A snapshot whose file is missing or no longer matches its recorded hash."""

    snapshot_id: uuid.UUID
    which: str  # "original" or "captioned"
    kind: str  # "missing" or "altered"
    sha256: str
    # The device that took the photo: lets `audit verify` print it like a chain problem.
    device_id: str

    @property
    def message(self) -> str:
        state = FILE_STATES.get(self.kind, self.kind)
        return f"snapshot {self.snapshot_id}: the {self.which} photo {self.sha256[:12]}… {state}"


# How `file_state` words a problem file.
FILE_STATES = {
    "missing": "is missing",
    "altered": "was altered (its hash differs)",
    "unreadable": "cannot be read (check the folder's permissions)",
}


@dataclass(frozen=True, slots=True)
class _Context:
    hall_name: str
    zone: ZoneInfo
    window_id: uuid.UUID | None
    window_number: str
    finding_id: uuid.UUID | None
    finding_label: str
    device: str
    hall_is_demo: bool = False


def capture_snapshot(
    db: Database,
    hall_id: uuid.UUID,
    frame_or_jpeg: np.ndarray | bytes,
    *,
    window_id: uuid.UUID | None = None,
    finding_id: uuid.UUID | None = None,
    taken_by: str | None = None,
    device: str | None = None,
    source_kind: str,
    source_label: str = "",
    now: datetime | None = None,
    imported: bool = False,
    exif_time: datetime | None = None,
    capture_path: str = "",
) -> SnapshotInfo:
    """Store a frame or a camera's JPEG as evidence: original, captioned copy, row.

    capture_path says which way the photo came: PATH_STREAM (the default for a
    camera's frame), PATH_SNAPSHOT_URL (the window's second address), or
    PATH_MANUAL_IMPORT (the default for an imported file).
    """
    path = capture_path or (PATH_MANUAL_IMPORT if imported else PATH_STREAM)
    taken_at = now or utcnow()
    user = taken_by if taken_by is not None else db.user
    with db.read() as session:
        context = _context(session, hall_id, window_id, finding_id, device, db.device_id)
    lines = _caption_lines(context, taken_at, user, imported, exif_time)
    if isinstance(frame_or_jpeg, bytes | bytearray | memoryview):
        # The camera's bytes are the original, unchanged; only the copy is re-encoded.
        original = bytes(frame_or_jpeg)
        decoded = decode_jpeg(original)
        if decoded is None:
            raise InputError("the photo is not a readable JPEG", "take or choose another photo")
        frame = decoded
        captioned = captioned_jpeg(frame, lines, JPEG_QUALITY)
    else:
        frame = frame_or_jpeg
        if frame.ndim != 3 or frame.shape[2] != 3 or frame.dtype.name != "uint8":
            raise InputError("the frame is not an 8-bit BGR picture")
        original, captioned = encode_captioned(frame, lines, JPEG_QUALITY)
    height, width = frame.shape[:2]
    store = BlobStore(db.folder.blobs_dir)
    original_sha = hashlib.sha256(original).hexdigest()
    captioned_sha = hashlib.sha256(captioned).hexdigest()
    with db.write("snapshot.capture") as session:
        info = _insert_row(
            session,
            hall_id,
            context,
            original=(original_sha, len(original)),
            captioned=(captioned_sha, len(captioned)),
            taken_at=taken_at,
            taken_by=user,
            source_kind=source_kind,
            source_label=source_label,
            size=(width, height),
            imported=imported,
            exif_time=exif_time,
            capture_path=path,
        )
        # The files are written once the row is built, not while: building it is
        # Python, and a writer thread then waited for the interpreter lock after
        # each of its calls (issue 11). Now both writers spend their time in the
        # kernel: one file on a worker, the other on this thread, fsyncs
        # overlapping. The transaction commits only once both are safe on disk, so
        # a committed row always has its files. The worker runs in this context:
        # the write sees the file it creates and takes it back if it does not commit.
        pending = _pool().submit(
            contextvars.copy_context().run, _put, store, original, original_sha
        )
        try:
            _put(store, captioned, captioned_sha)
        finally:
            pending.result()  # none may still write when the write ends
        return info


def _insert_row(
    session: Session,
    hall_id: uuid.UUID,
    context: _Context,
    *,
    original: tuple[str, int],
    captioned: tuple[str, int],
    taken_at: datetime,
    taken_by: str,
    source_kind: str,
    source_label: str,
    size: tuple[int, int],
    imported: bool,
    exif_time: datetime | None,
    capture_path: str,
) -> SnapshotInfo:
    (original_sha, original_size), (captioned_sha, captioned_size) = original, captioned
    note_demo_hall(session, hall_id, context.hall_is_demo)
    stored_at = utcnow()
    session.execute(
        _blob_insert(),
        [
            {"sha256": sha, "size": length, "media_type": JPEG_TYPE, "created_at": stored_at}
            for sha, length in ((original_sha, original_size), (captioned_sha, captioned_size))
        ],
    )
    # Core, not session.add: the ORM's flush of the row with its audit entry took
    # as long as encoding the photo (issue 11); the change is recorded the same way.
    row = insert_synced(
        session,
        Snapshot,
        {
            "hall_id": hall_id,
            "finding_id": context.finding_id,
            "window_id": context.window_id,
            "taken_at": taken_at,
            "taken_by": taken_by[:60],
            "source_kind": source_kind[:16],
            # A label given raw (a window's camera_source) is masked here too.
            "source_label": mask_credentials(source_label)[:200],
            "original_sha256": original_sha,
            "original_size": original_size,
            "captioned_sha256": captioned_sha,
            "captioned_size": captioned_size,
            "width": size[0],
            "height": size[1],
            "imported": imported,
            "exif_time": exif_time,
            "capture_path": capture_path,
        },
    )
    return _stored_info(row)


def take_snapshot(
    db: Database,
    hall_id: uuid.UUID,
    source: str,
    *,
    window_id: uuid.UUID | None = None,
    finding_id: uuid.UUID | None = None,
    taken_by: str | None = None,
    device: str | None = None,
    timeout: float = 5.0,
    snapshot_url: str | None = None,
) -> SnapshotInfo:
    """Take one photo from a camera and store it (the CLI's `snapshot`).

    When the source gives no photo, the snapshot address is tried: snapshot_url, or
    by default (None) the window's own `camera_snapshot_url`; "" tries nothing else.
    The row's capture_path says which one produced the photo.
    """
    if snapshot_url is None:
        snapshot_url = ""
        if window_id is not None:
            with db.read() as session:
                window = session.get(Window, window_id)
                snapshot_url = window.camera_snapshot_url if window is not None else ""
    shot = capture_camera(source, snapshot_url, timeout=timeout)
    return capture_snapshot(
        db,
        hall_id,
        shot.capture.jpeg if shot.capture.jpeg is not None else shot.capture.frame,
        window_id=window_id,
        finding_id=finding_id,
        taken_by=taken_by,
        device=device,
        source_kind=shot.kind,
        source_label=shot.label,
        now=utcnow(),
        capture_path=shot.capture_path,
    )


def import_photo(
    db: Database,
    hall_id: uuid.UUID,
    path: Path,
    *,
    window_id: uuid.UUID | None = None,
    finding_id: uuid.UUID | None = None,
    taken_by: str | None = None,
    device: str | None = None,
    now: datetime | None = None,
) -> ImportedPhoto:
    """Store a JPEG file as evidence, flagged imported, with its EXIF time checked."""
    photo = read_photo(path)
    with db.read() as session:
        hall = session.get(Hall, hall_id)
        if hall is None:
            raise NotFoundError(f"no hall with id {hall_id}")
        zone = hall_zone(hall.timezone)
        finding = session.get(Finding, finding_id) if finding_id else None
        observed = finding.observed_at if finding is not None else None
    exif = photo.exif_time
    if exif is not None and exif.tzinfo is None:
        # Phones write wall-clock time: read it in the hall's zone.
        exif = exif.replace(tzinfo=zone)
    snapshot = capture_snapshot(
        db,
        hall_id,
        photo.jpeg,
        window_id=window_id,
        finding_id=finding_id,
        taken_by=taken_by,
        device=device,
        source_kind="import",
        source_label=path.name,
        now=now,
        imported=True,
        exif_time=exif,
    )
    reference = observed or snapshot.taken_at
    return ImportedPhoto(snapshot, exif_time_gap(exif, reference))


def find_window(session: Session, hall_id: uuid.UUID, number: str) -> uuid.UUID:
    """Return the id of the hall's window with this number, or say which numbers exist."""
    window_id = session.scalar(
        select(Window.id).where(
            Window.hall_id == hall_id, Window.number == number, Window.deleted.is_(False)
        )
    )
    if window_id is None:
        numbers = session.scalars(
            select(Window.number)
            .where(Window.hall_id == hall_id, Window.deleted.is_(False))
            .order_by(Window.number)
            .limit(12)
        ).all()
        more = "…" if len(numbers) == 12 else ""
        known = f" (windows: {', '.join(numbers)}{more})" if numbers else ""
        raise NotFoundError(f"no window {number} in this hall{known}", "check the window number")
    return window_id


def snapshots_of(session: Session, finding_id: uuid.UUID) -> list[SnapshotInfo]:
    """Return a finding's snapshots, oldest first (its gallery)."""
    rows = session.scalars(
        select(Snapshot)
        .where(Snapshot.finding_id == finding_id, Snapshot.deleted.is_(False))
        .order_by(Snapshot.taken_at, Snapshot.id)
    )
    return [_info(row) for row in rows]


def verify_snapshot_files(session: Session, store: BlobStore) -> tuple[int, list[EvidenceProblem]]:
    """Re-hash every snapshot's files; return how many snapshots and what is wrong."""
    problems: list[EvidenceProblem] = []
    checked: dict[str, str] = {}  # sha256 -> "" (intact), "missing", "altered"
    rows = session.execute(
        select(
            Snapshot.id, Snapshot.original_sha256, Snapshot.captioned_sha256, Snapshot.updated_by
        ).order_by(Snapshot.taken_at, Snapshot.id)
    ).all()
    for snapshot_id, original, captioned, device in rows:
        for which, sha256 in (("original", original), ("captioned", captioned)):
            if not sha256:
                continue
            if sha256 not in checked:
                checked[sha256] = file_state(store, sha256)
            if checked[sha256]:
                problems.append(
                    EvidenceProblem(snapshot_id, which, checked[sha256], sha256, device or "")
                )
    return len(rows), problems


def orphan_blobs(db: Database) -> list[str]:
    """Return the hashes of files in the blob store that no row names (left by a failed save)."""
    with db.read() as session:
        named: set[str] = set()
        for column in (
            Snapshot.original_sha256,
            Snapshot.captioned_sha256,
            Letter.pdf_sha256,
            ImportBatch.file_sha256,
            Blob.sha256,
        ):
            named.update(value for value in session.scalars(select(column)) if value)
    return [sha256 for sha256 in BlobStore(db.folder.blobs_dir) if sha256 not in named]


def remove_orphan_blobs(db: Database, older_than: timedelta = timedelta(hours=1)) -> list[str]:
    """Delete orphan files older than older_than (a younger one may be a save in progress)."""
    store = BlobStore(db.folder.blobs_dir)
    cutoff = utcnow().timestamp() - older_than.total_seconds()
    removed = []
    for sha256 in orphan_blobs(db):
        path = store.path(sha256)
        try:
            if path.stat().st_mtime <= cutoff:
                path.unlink()
                removed.append(sha256)
        except FileNotFoundError:
            continue
    return removed


# --- helpers ------------------------------------------------------------------------


_workers: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    global _workers
    if _workers is None:
        _workers = ThreadPoolExecutor(max_workers=1, thread_name_prefix="blob-put")
    return _workers


def _put(store: BlobStore, data: bytes, sha256: str) -> str:
    try:
        return store.put(data, sha256)
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise EvidenceStoreError(
                f"the disk holding {store.root} is full: free space and try again",
                "the photo was not saved: take the photo again",
            ) from None
        raise EvidenceStoreError(
            f"the photo could not be saved in {store.root} ({error.strerror or error})",
            "check the data folder's disk and permissions, then take the photo again",
        ) from None


def file_state(store: BlobStore, sha256: str) -> str:
    """Return "" for an intact blob, else "missing", "altered" or "unreadable"."""
    try:
        return "" if store.hash_of(sha256) == sha256 else "altered"
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "unreadable"


def _context(
    session: Session,
    hall_id: uuid.UUID,
    window_id: uuid.UUID | None,
    finding_id: uuid.UUID | None,
    device: str | None,
    device_id: str,
) -> _Context:
    # Core selects of the few columns the caption needs: loading the ORM objects
    # took a tenth of a snapshot's time (issue 11).
    finding_label = ""
    if finding_id is not None:
        findings = table_of(Finding).c
        finding = session.execute(
            select(
                findings.id,
                findings.hall_id,
                findings.window_id,
                findings.category,
                findings.deleted,
            ).where(findings.id == finding_id)
        ).first()
        if finding is None or finding.deleted or finding.hall_id != hall_id:
            raise NotFoundError(f"no finding {finding_id} in this hall", "check the finding id")
        if window_id is None:
            window_id = finding.window_id
        elif finding.window_id is not None and finding.window_id != window_id:
            raise InputError(
                f"finding {finding_id} is about another window",
                "take the photo at the finding's window or leave out --finding",
            )
        finding_label = f"{finding.category} #{str(finding.id)[:8]}"
    # The hall, the window's number and the device's name in one statement (three
    # took half a millisecond more: each statement costs more than its reading).
    hall = session.execute(
        _context_select(), {"hall": hall_id, "window": window_id, "device": device_id}
    ).first()
    if hall is None or hall.deleted:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")
    number = ""
    if window_id is not None:
        if hall.number is None:
            raise NotFoundError(f"no window {window_id} in this hall", "check the window")
        number = hall.number
    if device is None:
        device = hall.device or device_id[:8]
    return _Context(
        hall.name,
        hall_zone(hall.timezone),
        window_id,
        number,
        finding_id,
        finding_label,
        device,
        bool(hall.is_demo),
    )


def _caption_lines(
    context: _Context,
    taken_at: datetime,
    taken_by: str,
    imported: bool,
    exif_time: datetime | None,
) -> list[str]:
    local = taken_at.astimezone(context.zone)
    offset = local.strftime("%z")
    when = f"{local:%Y-%m-%d %H:%M:%S} UTC{offset[:3]}:{offset[3:]}"
    window = f"窗口 {context.window_number}" if context.window_number else "窗口 —"
    first = f"{when}  {context.hall_name}  {window}"
    if imported:
        shot = (
            f"{exif_time.astimezone(context.zone):%Y-%m-%d %H:%M:%S}"
            if exif_time is not None and exif_time.tzinfo is not None
            else "无"
        )
        first = f"导入 {when}  拍摄时间(EXIF) {shot}  {context.hall_name}  {window}"
    finding = context.finding_label or "—"
    second = f"检查人 {taken_by or '—'}  设备 {context.device}  问题 {finding}"
    return [first, second]


@functools.cache
def _context_select() -> Select[Any]:
    """The hall's caption facts, its live window's number (None: no such window), the device."""
    halls, windows, devices = table_of(Hall).c, table_of(Window).c, table_of(Device).c
    number = select(windows.number).where(
        windows.id == bindparam("window"),
        windows.hall_id == halls.id,
        windows.deleted.is_(False),
    )
    name = select(devices.name).where(devices.id == bindparam("device"))
    return select(
        halls.name,
        halls.timezone,
        halls.deleted,
        halls.is_demo,
        number.scalar_subquery().label("number"),
        name.scalar_subquery().label("device"),
    ).where(halls.id == bindparam("hall"))


@functools.cache
def _blob_insert() -> Insert:
    # Built once: building the statement cost as much as running it.
    return sqlite_insert(table_of(Blob)).on_conflict_do_nothing()


def _stored_info(row: dict[str, Any]) -> SnapshotInfo:
    """Return the info of a row inserted just now, from the values it was stored with."""
    return SnapshotInfo(**{name: row[name] for name in SnapshotInfo.__slots__})


def _info(row: Snapshot) -> SnapshotInfo:
    return SnapshotInfo(
        id=row.id,
        hall_id=row.hall_id,
        window_id=row.window_id,
        finding_id=row.finding_id,
        taken_at=row.taken_at,
        taken_by=row.taken_by,
        source_kind=row.source_kind,
        source_label=row.source_label,
        original_sha256=row.original_sha256,
        original_size=row.original_size,
        captioned_sha256=row.captioned_sha256,
        captioned_size=row.captioned_size,
        width=row.width,
        height=row.height,
        imported=row.imported,
        exif_time=row.exif_time,
        capture_path=row.capture_path,
    )


__all__ = [
    "FILE_STATES",
    "PATH_MANUAL_IMPORT",
    "PATH_SNAPSHOT_URL",
    "PATH_STREAM",
    "EvidenceProblem",
    "EvidenceStoreError",
    "ImportedPhoto",
    "SnapshotInfo",
    "capture_snapshot",
    "file_state",
    "find_window",
    "import_photo",
    "orphan_blobs",
    "remove_orphan_blobs",
    "snapshots_of",
    "take_snapshot",
    "verify_snapshot_files",
]
