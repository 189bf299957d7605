"""The audit log: check its hash chains."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.storage.changelog import ChainProblem, verify_chain
from hallwatch.storage.models import AuditEntry, SyncState


@dataclass(frozen=True, slots=True)
class AuditReport:
    entries: int
    devices: int
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_audit(session: Session) -> AuditReport:
    """Walk every device's chain; report the first break in each."""
    local_device = session.scalar(select(SyncState.value).where(SyncState.key == "device_id"))
    local_head = session.scalar(select(SyncState.value).where(SyncState.key == "audit_head"))
    device_ids = session.scalars(select(AuditEntry.device_id).distinct()).all()
    if local_head and local_device and local_device not in device_ids:
        # Every entry of this device is gone, yet it recorded a head.
        device_ids = [*device_ids, local_device]
    problems: list[ChainProblem] = []
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
    return AuditReport(entries=total, devices=len(device_ids), problems=problems)
