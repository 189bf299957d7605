"""The audit log and the evidence: check the hash chains and every snapshot's files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.services.snapshots import EvidenceProblem, verify_snapshot_files
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.changelog import ChainProblem, verify_chain
from hallwatch.storage.folder import DataFolder
from hallwatch.storage.models import AuditEntry, SyncState


@dataclass(frozen=True, slots=True)
class AuditReport:
    entries: int
    devices: int
    # Chain breaks first, then evidence files; both have .device_id and .message.
    problems: list[ChainProblem | EvidenceProblem] = field(default_factory=list)
    snapshots: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def chain_problems(self) -> list[ChainProblem]:
        return [p for p in self.problems if isinstance(p, ChainProblem)]

    @property
    def evidence_problems(self) -> list[EvidenceProblem]:
        return [p for p in self.problems if isinstance(p, EvidenceProblem)]


def verify_audit(session: Session, blobs: BlobStore | None = None) -> AuditReport:
    """Walk every device's chain (report the first break in each) and re-hash the evidence.

    blobs defaults to the blob store of the data folder the session's database is in.
    """
    local_device = session.scalar(select(SyncState.value).where(SyncState.key == "device_id"))
    local_head = session.scalar(select(SyncState.value).where(SyncState.key == "audit_head"))
    device_ids = session.scalars(select(AuditEntry.device_id).distinct()).all()
    if local_head and local_device and local_device not in device_ids:
        # Every entry of this device is gone, yet it recorded a head.
        device_ids = [*device_ids, local_device]
    problems: list[ChainProblem | EvidenceProblem] = []
    total = 0
    for device_id in sorted(device_ids):
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.device_id == device_id).order_by(AuditEntry.seq)
        ).all()
        total += len(entries)
        head = local_head if device_id == local_device else None
        problem = verify_chain(entries, device_id, head)
        if problem is not None:
            problems.append(problem)
    store = blobs if blobs is not None else _session_blobs(session)
    snapshots = 0
    if store is not None:
        snapshots, evidence = verify_snapshot_files(session, store)
        problems.extend(evidence)
    return AuditReport(
        entries=total, devices=len(device_ids), problems=problems, snapshots=snapshots
    )


def _session_blobs(session: Session) -> BlobStore | None:
    """Return the blob store beside the session's SQLite file (None for another database)."""
    database = session.get_bind().engine.url.database
    if not database or database == ":memory:":
        return None
    return BlobStore(DataFolder(Path(database).parent).blobs_dir)
