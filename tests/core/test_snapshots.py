"""Snapshots as evidence: capture, caption, blobs and row together, faults, audit, CLI."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from camera_servers import OneClientMjpeg, RtspCamera, ffmpeg_mjpeg
from sqlalchemy import func, select
from test_camera import (
    PASSWORD,
    USER,
    CameraHandler,
    _closed_port,
    _noisy,
    _photo_with_exif,
    camera_server,
    make_video,
)

from hallwatch.camera import open_source
from hallwatch.camera.caption import band_top
from hallwatch.camera.jpeg import decode_jpeg
from hallwatch.cli.main import main
from hallwatch.domain.enums import FindingStatus
from hallwatch.services.checks import snapshots
from hallwatch.services.checks.snapshots import (
    EvidenceStoreError,
    capture_snapshot,
    import_photo,
    orphan_blobs,
    remove_orphan_blobs,
    snapshots_of,
)
from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.halls import create_hall
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import AuditEntry, Blob, Finding, Snapshot, Window

__all__ = ["camera_server"]  # the fixture, used here

OBSERVED = datetime(2026, 3, 9, 1, 30, tzinfo=UTC)  # 09:30 in the hall


class Hall:
    def __init__(self, hall_id: uuid.UUID, window_id: uuid.UUID, finding_id: uuid.UUID) -> None:
        self.id, self.window_id, self.finding_id = hall_id, window_id, finding_id


@pytest.fixture
def hall(db: Database) -> Hall:
    """A hall with windows A01 and A02 and a finding at A01."""
    with db.write("test.setup") as session:
        info = create_hall(session, code="YZ", name="云州市政务服务中心")
        a01 = Window(hall_id=info.id, number="A01", name="社保窗口")
        a02 = Window(hall_id=info.id, number="A02")
        session.add_all([a01, a02])
        session.flush()
        finding = Finding(
            hall_id=info.id,
            window_id=a01.id,
            category="no_badge",
            observed_at=OBSERVED,
            status=FindingStatus.OPEN,
        )
        session.add(finding)
        session.flush()
        return Hall(info.id, a01.id, finding.id)


def _count(db: Database, model: type[Snapshot] | type[Blob]) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_capture_from_video_file_stores_original_caption_and_row(
    db: Database, hall: Hall, tmp_path: Path
) -> None:
    video = make_video(tmp_path / "hall.avi", frames=5, size=(640, 480))
    with open_source(f"file:{video}") as source:
        source.read()
        shot = source.capture()
    info = capture_snapshot(
        db,
        hall.id,
        shot.frame,
        window_id=hall.window_id,
        finding_id=hall.finding_id,
        taken_by="张三",
        device="laptop-7",
        source_kind=source.kind,
        source_label=source.label,
        now=OBSERVED,
    )
    store = BlobStore(db.folder.blobs_dir)
    original = store.read(info.original_sha256)
    assert hashlib.sha256(original).hexdigest() == info.original_sha256
    assert store.hash_of(info.captioned_sha256) == info.captioned_sha256
    assert info.original_size == len(original)
    assert (info.width, info.height) == (640, 480)
    decoded = decode_jpeg(original)
    assert decoded is not None
    assert np.abs(decoded.astype(int) - shot.frame.astype(int)).mean() < 3
    with db.read() as session:
        row = session.get(Snapshot, info.id)
        assert row is not None
        assert (row.finding_id, row.window_id, row.taken_by) == (
            hall.finding_id,
            hall.window_id,
            "张三",
        )
        assert row.source_kind == "file"
        assert not row.imported
        # The row is in the audit chain like every other change.
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "snapshots")).one()
        assert (entry.entity_id, entry.action) == (str(info.id), "snapshot.capture:create")
        assert [s.id for s in snapshots_of(session, hall.finding_id)] == [info.id]
        blobs = set(session.scalars(select(Blob.sha256)))
    assert {info.original_sha256, info.captioned_sha256} <= blobs


def test_caption_differs_only_in_its_band(db: Database, hall: Hall) -> None:
    frame = _noisy(720, 1280, seed=2)
    info = capture_snapshot(
        db, hall.id, frame, window_id=hall.window_id, source_kind="synthetic", now=OBSERVED
    )
    store = BlobStore(db.folder.blobs_dir)
    plain = decode_jpeg(store.read(info.original_sha256))
    marked = decode_jpeg(store.read(info.captioned_sha256))
    assert plain is not None
    assert marked is not None
    top = band_top(720)
    band_change = np.abs(plain[top:].astype(int) - marked[top:].astype(int)).mean()
    assert band_change > 40
    # Every block row above the band is the original's, byte for byte; once decoded, only
    # the row next to the band may move by chroma smoothing.
    assert np.array_equal(plain[: top - 2], marked[: top - 2])


def test_capture_from_digest_camera_keeps_its_bytes(
    db: Database, hall: Hall, camera_server: str
) -> None:
    url = f"http://{USER}:{PASSWORD}@{camera_server}/ISAPI/Streaming/channels/101/picture"
    info = snapshots.take_snapshot(db, hall.id, url, window_id=hall.window_id, timeout=3)
    store = BlobStore(db.folder.blobs_dir)
    assert store.read(info.original_sha256) == CameraHandler.jpeg
    assert info.original_sha256 == hashlib.sha256(CameraHandler.jpeg).hexdigest()
    assert info.source_kind == "http"
    assert PASSWORD not in info.source_label
    assert "admin:***@" in info.source_label
    plain = decode_jpeg(CameraHandler.jpeg)
    marked = decode_jpeg(store.read(info.captioned_sha256))
    assert plain is not None
    assert marked is not None
    top = band_top(plain.shape[0])
    # The camera's JPEG is re-encoded for the copy: above the band only that loss remains.
    assert np.abs(plain[:top].astype(int) - marked[:top].astype(int)).mean() < 2
    assert np.abs(plain[top:].astype(int) - marked[top:].astype(int)).mean() > 20


def test_finding_of_another_window_is_refused(db: Database, hall: Hall) -> None:
    from hallwatch.domain.errors import InputError

    with db.read() as session:
        a02 = session.scalar(select(Window.id).where(Window.number == "A02"))
    with pytest.raises(InputError, match="another window"):
        capture_snapshot(
            db,
            hall.id,
            _noisy(64, 64),
            window_id=a02,
            finding_id=hall.finding_id,
            source_kind="synthetic",
        )
    assert _count(db, Snapshot) == 0


def test_a_removed_window_or_one_of_another_hall_is_refused(db: Database, hall: Hall) -> None:
    from hallwatch.domain.errors import NotFoundError

    with db.write("test.setup") as session:
        other = create_hall(session, code="QT", name="另一大厅")
        elsewhere = Window(hall_id=other.id, number="B01")
        session.add(elsewhere)
        a02 = session.scalars(select(Window).where(Window.number == "A02")).one()
        a02.deleted = True
        session.flush()
        elsewhere_id, a02_id = elsewhere.id, a02.id
    for window_id in (elsewhere_id, a02_id, uuid.uuid4()):
        with pytest.raises(NotFoundError, match="no window"):
            capture_snapshot(
                db, hall.id, _noisy(64, 64), window_id=window_id, source_kind="synthetic"
            )
    with pytest.raises(NotFoundError, match="no hall"):
        capture_snapshot(db, uuid.uuid4(), _noisy(64, 64), source_kind="synthetic")
    assert _count(db, Snapshot) == 0
    assert _count(db, Blob) == 0
    # The window shown in the caption is the one asked for, and the device's own name.
    info = capture_snapshot(
        db, hall.id, _noisy(64, 64), window_id=hall.window_id, source_kind="synthetic"
    )
    with db.read() as session:
        row = session.get(Snapshot, info.id)
        assert row is not None
        assert row.window_id == hall.window_id


def test_disk_full_leaves_no_row(db: Database, hall: Hall, monkeypatch: pytest.MonkeyPatch) -> None:
    real_put = BlobStore.put
    calls: list[int] = []

    def put(store: BlobStore, data: bytes, sha256: str | None = None) -> str:
        calls.append(len(data))
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_put(store, data, sha256)

    monkeypatch.setattr(BlobStore, "put", put)
    with pytest.raises(EvidenceStoreError, match=r"disk .* is full") as caught:
        capture_snapshot(db, hall.id, _noisy(240, 320), source_kind="synthetic")
    assert "take the photo again" in str(caught.value)
    assert _count(db, Snapshot) == 0
    assert _count(db, Blob) == 0
    # The file that did get written is taken back with the write: no orphan is left.
    assert orphan_blobs(db) == []
    assert list(BlobStore(db.folder.blobs_dir)) == []


def test_failed_transaction_leaves_no_row_and_reports_orphans(
    db: Database, hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_row: object) -> None:
        raise RuntimeError("power cut")

    # Fails after the row is inserted, inside the transaction.
    monkeypatch.setattr(snapshots, "_stored_info", broken)
    with pytest.raises(RuntimeError, match="power cut"):
        capture_snapshot(db, hall.id, _noisy(240, 320), source_kind="synthetic")
    assert _count(db, Snapshot) == 0
    # The write that did not commit took its two files back.
    assert orphan_blobs(db) == []
    # A crash (the process killed between the files and the commit) leaves files no row
    # names: they are reported, and removed once old enough.
    store = BlobStore(db.folder.blobs_dir)
    left = sorted(store.put(bytes([n]) * 5000) for n in (1, 2))
    orphans = orphan_blobs(db)
    assert sorted(orphans) == left
    assert remove_orphan_blobs(db) == []  # too young: may be a save in progress
    assert sorted(remove_orphan_blobs(db, older_than=timedelta(0))) == sorted(orphans)
    assert orphan_blobs(db) == []


def test_import_photo_flags_it_and_checks_exif_time(
    db: Database, hall: Hall, tmp_path: Path
) -> None:
    near = _photo_with_exif(tmp_path / "near.jpg", "2026:03:09 09:34:00")
    result = import_photo(db, hall.id, near, finding_id=hall.finding_id)
    assert result.snapshot.imported
    assert result.snapshot.source_kind == "import"
    assert result.exif_gap == timedelta(minutes=4)
    assert not result.time_suspicious
    assert BlobStore(db.folder.blobs_dir).read(result.snapshot.original_sha256) == near.read_bytes()
    with db.read() as session:
        row = session.get(Snapshot, result.snapshot.id)
        assert row is not None
        assert row.imported
        assert row.exif_time == datetime(2026, 3, 9, 1, 34, tzinfo=UTC)
    far = _photo_with_exif(tmp_path / "far.jpg", "2026:03:08 17:00:00")
    assert import_photo(db, hall.id, far, finding_id=hall.finding_id).time_suspicious


# --- audit verify ----------------------------------------------------------------------------


@pytest.fixture
def captured(db: Database, hall: Hall) -> tuple[DataFolder, uuid.UUID, str]:
    info = capture_snapshot(
        db, hall.id, _noisy(240, 320), window_id=hall.window_id, source_kind="synthetic"
    )
    return db.folder, info.id, info.original_sha256


def _verify(folder: DataFolder, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(["--data-dir", str(folder.root), "audit", "verify"], out=out)
    return code, out.getvalue(), capsys.readouterr().err


def test_audit_verify_passes_intact_evidence(
    captured: tuple[DataFolder, uuid.UUID, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _, _ = captured
    code, out, _ = _verify(folder, capsys)
    assert code == 0
    assert "audit OK" in out
    assert "1 photo(s) and 0 issued letter(s) match their recorded SHA-256" in out


def test_audit_verify_detects_a_replaced_photo(
    captured: tuple[DataFolder, uuid.UUID, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, snapshot_id, sha256 = captured
    path = BlobStore(folder.blobs_dir).path(sha256)
    path.chmod(0o644)
    path.write_bytes(
        _photo_with_exif(folder.root / "other.jpg", "2026:03:09 09:00:00").read_bytes()
    )
    code, _, err = _verify(folder, capsys)
    assert code == 1
    assert f"snapshot {snapshot_id}" in err
    assert "original photo" in err
    assert "altered" in err
    assert err.startswith("evidence FAILED")
    with Database.open(folder) as db, db.read() as session:
        report = verify_audit(session)
    assert not report.chain_problems
    assert [p.snapshot_id for p in report.evidence_problems] == [snapshot_id]


def test_audit_verify_detects_a_missing_photo(
    captured: tuple[DataFolder, uuid.UUID, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, snapshot_id, sha256 = captured
    BlobStore(folder.blobs_dir).path(sha256).unlink()
    code, _, err = _verify(folder, capsys)
    assert code == 1
    assert f"snapshot {snapshot_id}" in err
    assert "missing" in err


# --- the snapshot command --------------------------------------------------------------------


def _cli(folder: DataFolder, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--data-dir", str(folder.root), "snapshot", *args], out=out)
    return code, out.getvalue()


def test_snapshot_command_prints_id_and_sha256(db: Database, hall: Hall, tmp_path: Path) -> None:
    video = make_video(tmp_path / "hall.avi")
    code, out = _cli(db.folder, "--source", f"file:{video}", "--window", "A01")
    assert code == 0
    words = out.split()
    assert words[0] == "snapshot"
    assert words[2] == "sha256"
    snapshot_id, sha256 = uuid.UUID(words[1]), words[3]
    assert BlobStore(db.folder.blobs_dir).hash_of(sha256) == sha256
    with db.read() as session:
        row = session.get(Snapshot, snapshot_id)
        assert row is not None
        assert row.original_sha256 == sha256
        assert row.window_id == hall.window_id


def test_snapshot_command_json_with_finding(db: Database, hall: Hall) -> None:
    code, out = _cli(
        db.folder,
        "--source",
        "synthetic:A01",
        "--window",
        "A01",
        "--finding",
        str(hall.finding_id),
        "--json",
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["finding"] == str(hall.finding_id)
    assert len(payload["sha256"]) == 64
    assert payload["source"] == "synthetic:A01"


def test_snapshot_command_imports_a_photo(db: Database, hall: Hall, tmp_path: Path) -> None:
    photo = _photo_with_exif(tmp_path / "p.jpg", "2025:01:01 08:00:00")
    code, out = _cli(
        db.folder, "--photo", str(photo), "--window", "A01", "--finding", str(hall.finding_id)
    )
    assert code == 0
    assert out.startswith("snapshot ")
    assert "warning: the photo's EXIF time is" in out


@pytest.mark.parametrize("option", ["--source", "--snapshot-url", "--photo"])
def test_an_empty_snapshot_option_is_refused_not_read_as_the_default(
    db: Database, hall: Hall, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.write("test.setup") as session:
        window = session.get(Window, hall.window_id)
        assert window is not None
        window.camera_source = "synthetic:A01"  # what an empty value would have fallen to
    code, _out = _cli(db.folder, option, " ", "--window", "A01")
    err = capsys.readouterr().err
    assert code == 2  # bad input, as every refused option
    assert err.count("\n") == 1
    assert f"{option} is empty" in err
    assert _count(db, Snapshot) == 0


def test_snapshot_command_errors_are_one_line_without_password(
    db: Database, hall: Hall, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"rtsp://{USER}:{PASSWORD}@127.0.0.1:{_closed_port()}/Streaming/Channels/101"
    code, _ = _cli(db.folder, "--source", url, "--window", "A01", "--timeout", "2")
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith("hallwatch: camera rtsp://admin:***@127.0.0.1")
    assert PASSWORD not in err
    log = (db.folder.logs_dir / "hallwatch.log").read_text(encoding="utf-8")
    assert PASSWORD not in log
    assert _count(db, Snapshot) == 0

    code, _ = _cli(db.folder, "--source", "synthetic:x", "--window", "Z99")
    assert code == 1
    assert "no window Z99" in capsys.readouterr().err
    code, _ = _cli(db.folder, "--window", "A01")
    assert code == 2
    assert "has no camera set" in capsys.readouterr().err
    code, _ = _cli(db.folder, "--source", "synthetic:x", "--window", "A01", "--finding", "nope")
    assert code == 2
    assert "not a finding id" in capsys.readouterr().err


# --- single-client streams, the snapshot address, FFmpeg's log (issue 11) --------------------


def _stored(db: Database, snapshot_id: uuid.UUID) -> tuple[Snapshot, bytes]:
    with db.read() as session:
        row = session.get(Snapshot, snapshot_id)
        assert row is not None
        session.expunge(row)
    return row, BlobStore(db.folder.blobs_dir).read(row.original_sha256)


def test_snapshot_command_reads_a_single_client_ffmpeg_stream(db: Database, hall: Hall) -> None:
    with ffmpeg_mjpeg() as url:
        code, out = _cli(db.folder, "--source", url, "--window", "A01", "--json")
    assert code == 0
    payload = json.loads(out)
    row, original = _stored(db, uuid.UUID(payload["id"]))
    assert original.startswith(b"\xff\xd8\xff")
    picture = decode_jpeg(original)
    assert picture is not None
    assert picture.shape == (480, 640, 3)
    assert (row.width, row.height, row.source_kind) == (640, 480, "http")
    assert row.capture_path == payload["capture_path"] == "stream"


def test_snapshot_from_a_one_client_python_server(db: Database, hall: Hall) -> None:
    with OneClientMjpeg() as server:
        info = snapshots.take_snapshot(db, hall.id, server.url, window_id=hall.window_id)
    assert server.connections == 1
    assert (info.width, info.height, info.capture_path) == (320, 240, "stream")


def _set_camera(db: Database, window_id: uuid.UUID, source: str, snapshot_url: str) -> None:
    with db.write("test.camera") as session:
        window = session.get(Window, window_id)
        assert window is not None
        window.camera_source, window.camera_snapshot_url = source, snapshot_url


def test_dead_stream_falls_back_to_the_digest_snapshot_url(
    db: Database, hall: Hall, camera_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    dead = f"rtsp://{USER}:{PASSWORD}@127.0.0.1:{_closed_port()}/Streaming/Channels/101"
    picture = f"http://{USER}:{PASSWORD}@{camera_server}/ISAPI/Streaming/channels/101/picture"
    _set_camera(db, hall.window_id, dead, picture)
    code, out = _cli(db.folder, "--window", "A01", "--timeout", "2", "--json")
    assert code == 0, capsys.readouterr().err
    payload = json.loads(out)
    assert payload["capture_path"] == "snapshot_url"
    assert "snapshot address" in payload["warning"]
    row, original = _stored(db, uuid.UUID(payload["id"]))
    assert original == CameraHandler.jpeg  # the camera's own bytes, unchanged
    assert row.capture_path == "snapshot_url"
    assert row.source_label == (
        f"http://{USER}:***@{camera_server}/ISAPI/Streaming/channels/101/picture"
    )
    assert any(header.startswith("Digest ") for header in CameraHandler.seen_auth)
    assert PASSWORD not in out + capsys.readouterr().err


def test_stream_and_snapshot_url_both_dead_offer_the_photo_import(
    db: Database, hall: Hall, capsys: pytest.CaptureFixture[str]
) -> None:
    dead = f"rtsp://{USER}:{PASSWORD}@127.0.0.1:{_closed_port()}/x"
    picture = f"http://{USER}:{PASSWORD}@127.0.0.1:{_closed_port()}/cgi-bin/snapshot.cgi"
    _set_camera(db, hall.window_id, dead, picture)
    code, _ = _cli(db.folder, "--window", "A01", "--timeout", "2")
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert "the snapshot address failed too" in err
    assert err.rstrip().endswith("import a photo taken with a phone instead")
    assert PASSWORD not in err
    assert _count(db, Snapshot) == 0
    photo = _photo_with_exif(Path(db.folder.root) / "phone.jpg", "2026:03:09 09:31:05")
    code, out = _cli(db.folder, "--photo", str(photo), "--window", "A01", "--json")
    assert code == 0
    assert json.loads(out)["capture_path"] == "manual_import"


def test_cli_stderr_has_one_line_and_ffmpeg_lines_go_to_the_log(
    db: Database, hall: Hall, tmp_path: Path
) -> None:
    # A real process: FFmpeg writes to fd 2 from C, which no capsys would see.
    port = _closed_port()
    url = f"rtsp://{USER}:{PASSWORD}@127.0.0.1:{port}/Streaming/Channels/101"
    script = "import sys; from hallwatch.cli.main import main; sys.exit(main())"
    done = subprocess.run(
        [sys.executable, "-c", script, "--data-dir", str(db.folder.root),
         "snapshot", "--source", url, "--window", "A01", "--timeout", "2"],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(
        f"hallwatch: camera rtsp://{USER}:***@127.0.0.1:{port}/Streaming/Channels/101 "
        "refused the connection"
    )
    log = (db.folder.logs_dir / "hallwatch.log").read_text(encoding="utf-8")
    assert "hallwatch.camera.ffmpeg: [tcp @ 0x" in log
    assert "Connection refused" in log
    assert PASSWORD not in log + done.stderr


def test_snapshot_command_says_the_rtsp_transport(db: Database, hall: Hall) -> None:
    with RtspCamera(transports=("udp",)) as camera:
        url = camera.url("/Streaming/Channels/101", f"{USER}:{PASSWORD}")
        code, out = _cli(db.folder, "--source", url, "--window", "A01", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["source"] == (
        f"rtsp://{USER}:***@127.0.0.1:{camera.port}/Streaming/Channels/101 (RTSP over UDP)"
    )
    row, original = _stored(db, uuid.UUID(payload["id"]))
    assert (row.width, row.height, row.capture_path) == (320, 240, "stream")
    assert original.startswith(b"\xff\xd8\xff")
