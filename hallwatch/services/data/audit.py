"""The audit log and the evidence: check the hash chains, every photo and every issued letter."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.services.checks.snapshots import (
    FILE_STATES,
    EvidenceProblem,
    file_state,
    verify_snapshot_files,
)
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.changelog import ChainProblem, verify_chain
from hallwatch.storage.folder import DataFolder
from hallwatch.storage.models import AuditEntry, Letter, SyncState


@dataclass(frozen=True, slots=True)
class LetterFileProblem:
    """An issued letter whose frozen PDF is gone or no longer matches its SHA-256."""

    letter_id: uuid.UUID
    doc_no: str
    kind: str  # "missing" or "altered"
    sha256: str
    device_id: str

    @property
    def message(self) -> str:
        state = FILE_STATES.get(self.kind, self.kind)
        return f"letter {self.doc_no} ({self.letter_id}): its PDF {self.sha256[:12]}… {state}"


@dataclass(frozen=True, slots=True)
class AuditReport:
    entries: int
    devices: int
    # Chain breaks first, then evidence files; both have .device_id and .message.
    problems: list[ChainProblem | EvidenceProblem | LetterFileProblem] = field(default_factory=list)
    snapshots: int = 0
    letters: int = 0  # issued letters whose PDF was re-hashed

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def chain_problems(self) -> list[ChainProblem]:
        return [p for p in self.problems if isinstance(p, ChainProblem)]

    @property
    def evidence_problems(self) -> list[EvidenceProblem | LetterFileProblem]:
        return [p for p in self.problems if isinstance(p, EvidenceProblem | LetterFileProblem)]


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
    problems: list[ChainProblem | EvidenceProblem | LetterFileProblem] = []
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
    snapshots = letters = 0
    if store is not None:
        snapshots, evidence = verify_snapshot_files(session, store)
        problems.extend(evidence)
        letters, damaged = verify_letter_files(session, store)
        problems.extend(damaged)
    return AuditReport(
        entries=total,
        devices=len(device_ids),
        problems=problems,
        snapshots=snapshots,
        letters=letters,
    )


def verify_letter_files(session: Session, store: BlobStore) -> tuple[int, list[LetterFileProblem]]:
    """Re-hash the frozen PDF of every issued letter; return how many and what is wrong."""
    rows = session.execute(
        select(Letter.id, Letter.doc_no, Letter.pdf_sha256, Letter.updated_by)
        .where(Letter.pdf_sha256 != "", Letter.deleted.is_(False))
        .order_by(Letter.issued_at, Letter.id)
    ).all()
    problems = []
    for letter_id, doc_no, sha256, device in rows:
        state = file_state(store, sha256)
        if state:
            problems.append(LetterFileProblem(letter_id, doc_no, state, sha256, device or ""))
    return len(rows), problems


def _session_blobs(session: Session) -> BlobStore | None:
    """Return the blob store beside the session's SQLite file (None for another database)."""
    database = session.get_bind().engine.url.database
    if not database or database == ":memory:":
        return None
    return BlobStore(DataFolder(Path(database).parent).blobs_dir)
