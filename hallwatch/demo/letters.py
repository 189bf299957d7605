"""A few letters for the demo hall, made the way an inspector makes them.

Kept apart from generate_demo (bulk rows, no PDFs): issuing renders real PDFs,
which the many tests that build a demo hall do not need.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from hallwatch.domain.enums import LetterKind
from hallwatch.letters.templates import from_values
from hallwatch.services.letters import lifecycle as letters
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.database import Database
from hallwatch.storage.models import Finding, Hall

DEMO_VERIFY_BASE = "https://zwfw.example.gov.cn"


def add_demo_letters(db: Database, hall_id: uuid.UUID) -> int:
    """Draft and issue a handful of letters from the demo's findings; return how many."""
    blobs = BlobStore(db.folder.blobs_dir)
    with db.read() as session:
        hall = session.get(Hall, hall_id)
        if hall is None or not hall.is_demo:
            return 0
        rows = session.execute(
            select(Finding.id, Finding.staff_id, Finding.severity, Finding.observed_at)
            .where(Finding.hall_id == hall_id, Finding.staff_id.is_not(None))
            .order_by(Finding.observed_at.desc())
        ).all()
    serious = [r for r in rows if r.severity >= 2]
    if len(serious) < 3:
        return 0
    with db.write("demo.letters") as session:
        for kind in LetterKind:
            template = letters.hall_template(session, hall_id, kind)
            changed = from_values({**template.as_dict(), "verify_base": DEMO_VERIFY_BASE})
            letters.save_template(session, hall_id, kind, changed)
    made = 0
    # An acknowledged warning, an overdue rectification notice, a draft.
    plan = [
        (serious[2], LetterKind.WARNING, "acknowledged"),
        (serious[1], LetterKind.RECTIFICATION, "delivered"),
        (serious[0], LetterKind.WARNING, "draft"),
    ]
    for row, kind, state in plan:
        drafted = row.observed_at + timedelta(hours=2)
        with db.write("letter.draft") as session:
            letter_id = letters.draft_from_findings(session, hall_id, [row.id], kind, now=drafted)
        made += 1
        if state == "draft":
            continue
        issued = drafted + timedelta(hours=1)
        with db.write("letter.issue") as session:
            letters.issue_letter(session, letter_id, blobs, now=issued)
        with db.write("letter.deliver") as session:
            letters.record_delivery(
                session,
                letter_id,
                method="直接送达",
                delivered_to="窗口负责人",
                at=issued + timedelta(hours=2),
            )
            if state == "acknowledged":
                letters.record_acknowledged(
                    session, letter_id, note="已提交书面说明", at=issued + timedelta(days=1)
                )
    return made
