"""Letters on the tiny demo hall: drafting, numbering, issuing, crash safety, lifecycle."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import threading
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from sqlalchemy import func, select

from hallwatch.cli.main import main
from hallwatch.demo.generator import generate_demo
from hallwatch.domain.enums import (
    ComplaintStatus,
    FindingStatus,
    LetterKind,
    LetterStatus,
    SuggestionStatus,
)
from hallwatch.domain.errors import ConflictError, DataFolderError, FieldError, NotFoundError
from hallwatch.letters.fonts import LetterTextError
from hallwatch.services.checks.snapshots import take_snapshot
from hallwatch.services.checks.spot_checks import add_finding
from hallwatch.services.data.audit import verify_audit
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.hall.halls import create_hall
from hallwatch.services.letters import lifecycle as L
from hallwatch.services.letters.numbering import NoNumberLeftError, register_lines, register_report
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import (
    AuditEntry,
    Complaint,
    Finding,
    Hall,
    Letter,
    NumberBlock,
    Staff,
    Suggestion,
    SyncState,
    Unit,
    Window,
)

ZONE = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 3, 10)  # a Tuesday
ISSUE_DAY = date(2026, 3, 12)


def at(clock: str, day: date = DAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=ZONE)


@dataclass
class Demo:
    hall_id: uuid.UUID
    windows: dict[str, uuid.UUID]
    staff: dict[str, uuid.UUID]
    blobs: BlobStore


@pytest.fixture
def demo(db: Database, folder: DataFolder) -> Demo:
    hall_id = generate_demo(db, scale="tiny", until=date(2026, 3, 31)).hall_id
    with db.read() as session:
        windows = {n: i for n, i in session.execute(select(Window.number, Window.id))}
        staff = {n: i for n, i in session.execute(select(Staff.staff_no, Staff.id))}
    return Demo(hall_id, windows, staff, BlobStore(folder.blobs_dir))


def _finding(
    db: Database, demo: Demo, window: str, staff_no: str, clock: str, note: str = "低头玩手机"
) -> uuid.UUID:
    with db.write("finding.add") as session:
        return add_finding(
            session,
            demo.hall_id,
            window_no=window,
            category="behaviour.phone",
            description=note,
            staff_no=staff_no,
            observed_at=at(clock),
            now=at(clock),
        ).id


def _draft(db: Database, demo: Demo, *findings: uuid.UUID, kind: str = "warning") -> uuid.UUID:
    with db.write("letter.draft") as session:
        return L.draft_from_findings(session, demo.hall_id, list(findings), kind, now=at("11:00"))


def _issue(db: Database, demo: Demo, letter_id: uuid.UUID, day: date = ISSUE_DAY) -> L.LetterRow:
    with db.write("letter.issue") as session:
        return L.issue_letter(session, letter_id, demo.blobs, now=at("15:00", day))


def _due(db: Database, demo: Demo, start: date, days: int) -> date:
    with db.read() as session:
        return hall_calendar(session, demo.hall_id).add_working_days(start, days).day


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _register(db: Database) -> list[tuple[str, int, int]]:
    with db.read() as session:
        return [
            (b.series, b.year, b.next_number)
            for b in session.scalars(select(NumberBlock).order_by(NumberBlock.series))
        ]


def test_letter_draft_from_findings_fills_facts_evidence_and_deadline(
    db: Database, demo: Demo
) -> None:
    first = _finding(db, demo, "A01", "01002", "09:05", "低头玩手机约5分钟")
    second = _finding(db, demo, "A01", "01002", "10:21", "")
    shot = take_snapshot(db, demo.hall_id, "synthetic:A01", window_id=demo.windows["A01"],
                         finding_id=first)  # fmt: skip
    letter_id = _draft(db, demo, second, first)
    with db.read() as session:
        detail = L.get_letter(session, letter_id, today=DAY)
        name = session.get(Staff, demo.staff["01002"]).name  # type: ignore[union-attr]
    assert detail.is_draft
    assert detail.row.status_word == "草稿"
    assert detail.row.doc_no == ""
    f = detail.fields
    assert f["addressee"] == f"{name}同志"
    # Facts in the order observed, dates and times written the official way.
    assert f["facts"][0].startswith("2026年3月10日9时05分，检查组在A01号窗口发现")
    assert "低头玩手机约5分钟" in f["facts"][0]
    assert f["facts"][1].startswith("2026年3月10日10时21分")
    assert f["facts"][1].endswith("。")
    # The evidence names the photo by id, time and hash.
    assert len(detail.evidence) == 1
    assert detail.evidence[0].snapshot_id == str(shot.id)
    assert shot.original_sha256 in detail.evidence[0].words
    assert "摄于A01号窗口" in detail.evidence[0].words
    # Five working days after the day it was drafted (by the hall's calendar).
    due = _due(db, demo, DAY, 5)
    assert detail.row.deadline == due
    # The text keeps {deadline}: it prints the letter's deadline, which issuing may move.
    assert "{deadline}前" in f["requirements"]
    with db.read() as session:
        draft = _text(L.letter_pdf(session, letter_id, demo.blobs, now=at("12:00")))
    assert f"{due.year}年{due.month}月{due.day}日前" in draft.replace("\n", "")
    assert set(detail.finding_ids) == {first, second}


def test_letter_warning_needs_one_person(db: Database, demo: Demo) -> None:
    a = _finding(db, demo, "A01", "01002", "09:05")
    b = _finding(db, demo, "B01", "02002", "09:10")
    with db.write() as session, pytest.raises(FieldError) as error:
        L.draft_from_findings(session, demo.hall_id, [a, b], "warning", now=at("11:00"))
    assert error.value.field == "finding_ids"
    assert error.value.code == "several_people"
    with db.write() as session, pytest.raises(FieldError) as error:
        L.draft_from_findings(session, demo.hall_id, [a], "告诫", now=at("11:00"))
    assert error.value.field == "kind"
    assert "warning (效能告诫书)" in str(error.value)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Letter)) == 0


def test_letter_finding_leads_to_one_letter_of_a_kind(db: Database, demo: Demo) -> None:
    finding = _finding(db, demo, "A01", "01002", "09:05")
    first = _draft(db, demo, finding)
    _issue(db, demo, first)
    with pytest.raises(L.AlreadyDraftedError, match="效告〔2026〕1号"):
        _draft(db, demo, finding, _finding(db, demo, "A01", "01002", "09:30"))
    # Another kind may follow the same finding (a notice to the unit).
    _draft(db, demo, finding, kind="rectification")
    with db.write() as session:
        L.revoke_letter(session, first, "重新起草")
    _draft(db, demo, finding)


def test_letter_draft_pdf_is_marked_and_unnumbered(db: Database, demo: Demo) -> None:
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    with db.read() as session:
        pdf = L.letter_pdf(session, letter_id, demo.blobs, now=at("12:00"))
    text = _text(pdf)
    assert "草稿" in text
    assert "\u3014" not in text  # no number on a draft
    assert "效能告诫书" in text
    assert _register(db) == []  # drafting takes no number


def test_letter_issue_numbers_freezes_and_audits(db: Database, demo: Demo) -> None:
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    row = _issue(db, demo, letter_id)
    assert row.doc_no == "效告〔2026〕1号"
    assert row.status is LetterStatus.ISSUED
    with db.read() as session:
        letter = session.get(Letter, letter_id)
        assert letter is not None
        stored = demo.blobs.read(letter.pdf_sha256)
        assert L.letter_pdf(session, letter_id, demo.blobs) == stored
        # A reprint from the saved fields gives the same bytes.
        assert L.rerender_issued(session, letter_id, demo.blobs) == stored
        audited = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity_id == str(letter_id))
        ).all()
        assert "letter.issue:update" in audited
        assert verify_audit(session, demo.blobs).ok
    text = _text(stored)
    assert "效告〔2026〕1号" in text
    assert "草稿" not in text
    assert "2026年3月12日" in text
    # Issued letters never change.
    with db.write() as session, pytest.raises(ConflictError, match="no longer a draft"):
        L.update_draft(session, letter_id, {"title": "另一个标题"})


def test_letter_numbers_continue_across_restarts(folder: DataFolder, demo: Demo) -> None:
    db = Database.open(folder)
    try:
        drafts = [
            _draft(db, demo, _finding(db, demo, "A01", "01002", f"09:0{k}")) for k in range(3)
        ]
        assert _issue(db, demo, drafts[0]).doc_no == "效告〔2026〕1号"
        assert _issue(db, demo, drafts[1]).doc_no == "效告〔2026〕2号"
    finally:
        db.close()
    with Database.open(folder) as again:
        assert _issue(again, demo, drafts[2]).doc_no == "效告〔2026〕3号"
        # Another kind has its own series; a new year starts again at 1.
        notice = _draft(again, demo, _finding(again, demo, "A01", "01002", "09:30"),
                        kind="supervision")  # fmt: skip
        assert _issue(again, demo, notice).doc_no == "效督〔2026〕1号"
        late = _draft(again, demo, _finding(again, demo, "A01", "01002", "09:40"))
        assert _issue(again, demo, late, date(2027, 1, 5)).doc_no == "效告〔2027〕1号"
        assert sorted(_register(again)) == [("效告", 2026, 4), ("效告", 2027, 2), ("效督", 2026, 2)]
        with again.read() as session:
            reports = {(r.series, r.year): r for r in register_report(session, demo.hall_id)}
        assert (reports[("效告", 2026)].issued, reports[("效告", 2026)].gaps) == (3, ())
    # Every number taken is held by a letter; a lost one would be named.
    code, out, err = _cli(folder, "letter", "register")
    assert code == 0, err
    assert "效告〔2026〕: 3 issued (0 revoked); no gaps; blocks 1–99999 (next 4" in out
    with sqlite3.connect(folder.db_path) as raw:  # damage from outside HallWatch
        raw.execute("DELETE FROM letters WHERE doc_no = ?", ("效告〔2026〕2号",))
    code, out, err = _cli(folder, "letter", "register", "--json")
    assert code == 1
    gaps = {(r["series"], r["year"]): r["gaps"] for r in json.loads(out)}
    assert gaps[("效告", 2026)] == [2]


def test_letter_altered_pdf_is_refused_and_reported(
    db: Database, demo: Demo, folder: DataFolder
) -> None:
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    _issue(db, demo, letter_id)
    code, out, err = _cli(folder, "audit", "verify")
    assert code == 0, err
    assert "1 issued letter(s)" in out
    with db.read() as session:
        sha = session.get_one(Letter, letter_id).pdf_sha256
    path = demo.blobs.path(sha)
    path.chmod(0o644)
    path.write_bytes(path.read_bytes().replace(b"/Title", b"/Titel", 1))
    with db.read() as session, pytest.raises(ConflictError, match="was altered"):
        L.letter_pdf(session, letter_id, demo.blobs)
    code, out, err = _cli(folder, "audit", "verify")
    assert code == 1
    assert f"letter 效告〔2026〕1号 ({letter_id}): its PDF {sha[:12]}… was altered" in err
    path.unlink()
    with db.read() as session, pytest.raises(NotFoundError, match="missing"):
        L.letter_pdf(session, letter_id, demo.blobs)


def test_letter_same_draft_issued_from_two_windows(folder: DataFolder, demo: Demo) -> None:
    """Two app windows (two connections) issue one draft at once: one number, one letter."""
    db = Database.open(folder)
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    db.close()
    results: list[object] = []

    def issue() -> None:
        with Database.open(folder) as window:
            try:
                results.append(_issue(window, demo, letter_id).doc_no)
            except ConflictError as error:
                results.append(error)

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    numbers = [r for r in results if isinstance(r, str)]
    refusals = [r for r in results if isinstance(r, ConflictError)]
    assert numbers == ["效告〔2026〕1号"]
    assert len(refusals) == 1
    assert "already issued as 效告〔2026〕1号" in str(refusals[0])
    with Database.open(folder) as check:
        assert _register(check) == [("效告", 2026, 2)]


_CRASH = textwrap.dedent(
    """
    import os, signal, sys, uuid
    from pathlib import Path
    from datetime import datetime
    from zoneinfo import ZoneInfo
    from hallwatch.services.letters import lifecycle as letters
    from hallwatch.storage.blobs import BlobStore
    from hallwatch.storage.database import Database, DataFolder

    folder = DataFolder(Path(sys.argv[1]))
    store = BlobStore(folder.blobs_dir)
    real_put = BlobStore.put

    def put_then_die(self, data):
        real_put(self, data)  # the PDF is on disk, the number not yet committed
        sys.stdout.write("stored\\n")
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    BlobStore.put = put_then_die
    with Database.open(folder) as db, db.write("letter.issue") as session:
        letters.issue_letter(
            session, uuid.UUID(sys.argv[2]), store,
            now=datetime(2026, 3, 12, 15, tzinfo=ZoneInfo("Asia/Shanghai")),
        )
    """
)


def test_letter_crash_while_issuing_consumes_no_number(folder: DataFolder, demo: Demo) -> None:
    with Database.open(folder) as db:
        letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
        before = _register(db)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", _CRASH, str(folder.root), str(letter_id)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == -9, done.stderr
    assert done.stdout == "stored\n"
    with Database.open(folder) as db:
        with db.read() as session:
            letter = session.get(Letter, letter_id)
            assert letter is not None
            assert letter.status is LetterStatus.DRAFT
            assert letter.number is None
            assert letter.doc_no == ""
            assert verify_audit(session, demo.blobs).ok
        assert _register(db) == before
        # The next issue takes number 1: none was lost.
        assert _issue(db, demo, letter_id).doc_no == "效告〔2026〕1号"


def test_letter_revoke_keeps_number(db: Database, demo: Demo) -> None:
    first = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    second = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:15"))
    _issue(db, demo, first)
    with db.write() as session, pytest.raises(FieldError) as error:
        L.revoke_letter(session, first, "  ")
    assert error.value.field == "reason"
    with db.write("letter.revoke") as session:
        L.revoke_letter(session, first, "事实认定有误", at=at("16:00", ISSUE_DAY))
    with db.read() as session:
        detail = L.get_letter(session, first)
        assert detail.row.status is LetterStatus.REVOKED
        assert detail.row.doc_no == "效告〔2026〕1号"  # kept, never reused
        assert detail.revoked_reason == "事实认定有误"
        assert "撤销" in detail.history[-1][1]
        # The frozen PDF can still be printed for the file.
        assert L.letter_pdf(session, first, demo.blobs)
    assert _issue(db, demo, second).doc_no == "效告〔2026〕2号"
    with db.write() as session, pytest.raises(ConflictError, match="already revoked"):
        L.revoke_letter(session, first, "再次撤销")


def test_letter_bad_character_stops_issue_without_a_number(db: Database, demo: Demo) -> None:
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    # Saving refuses it at once, naming the field …
    with db.write() as session, pytest.raises(LetterTextError) as error:
        L.update_draft(session, letter_id, {"facts": "第一段。\n当事人在窗口发表情😀。"})
    assert error.value.field == "facts[2]"
    # … and a draft that got one anyway (synced in, say) cannot be issued.
    with db.write() as session:
        letter = session.get(Letter, letter_id)
        assert letter is not None
        letter.fields = {**letter.fields, "facts": ["当事人在窗口发表情😀。"]}
    with pytest.raises(LetterTextError) as error:
        _issue(db, demo, letter_id)
    assert error.value.field == "facts"
    with db.read() as session:
        assert session.get(Letter, letter_id).status is LetterStatus.DRAFT  # type: ignore[union-attr]
    assert _register(db) == []


def test_letter_long_facts_paginate_and_issue(db: Database, demo: Demo) -> None:
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    facts = [f"第{k}段事实：该窗口工作人员在办理业务过程中多次离开座位，群众等候时间较长。" * 4
             for k in range(1, 41)]  # fmt: skip
    with db.write() as session:
        L.update_draft(session, letter_id, {"facts": facts})
    _issue(db, demo, letter_id)
    with db.read() as session:
        pdf = L.letter_pdf(session, letter_id, demo.blobs)
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 5
    assert "— 3 —" in pages[2].extract_text()


def test_letter_enrolled_device_numbers_only_from_leased_blocks(db: Database, demo: Demo) -> None:
    drafts = [_draft(db, demo, _finding(db, demo, "A01", "01002", f"09:0{k}")) for k in range(3)]
    with db.write() as session:
        session.add(SyncState(key="server_url", value="https://hall.example.gov.cn"))
    with pytest.raises(NoNumberLeftError, match="sync"):
        _issue(db, demo, drafts[0])
    with db.read() as session:
        device = session.scalar(select(SyncState.value).where(SyncState.key == "device_id"))
    with db.write() as session:
        session.add(
            NumberBlock(
                hall_id=demo.hall_id, series="效告", year=2026, first=41, last=42,
                next_number=41, device_id=device or "",
            )
        )  # fmt: skip
    assert _issue(db, demo, drafts[0]).doc_no == "效告〔2026〕41号"
    assert _issue(db, demo, drafts[1]).doc_no == "效告〔2026〕42号"
    with pytest.raises(NoNumberLeftError):
        _issue(db, demo, drafts[2])
    with db.read() as session:
        assert session.get(Letter, drafts[2]).status is LetterStatus.DRAFT  # type: ignore[union-attr]
        lines = register_lines(session, demo.hall_id)
    assert [(x.first, x.last, x.left) for x in lines] == [(41, 42, 0)]


def test_letter_lifecycle_delivery_acknowledgement_and_overdue(db: Database, demo: Demo) -> None:
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    with db.write() as session, pytest.raises(ConflictError):
        L.record_delivery(session, letter_id, method="直接送达", delivered_to="张三")
    _issue(db, demo, letter_id)
    due = _due(db, demo, ISSUE_DAY, 5)  # counted from the issue day, not the draft's
    two_late = _due(db, demo, due, 2)
    with db.read() as session:
        # Two working days past the deadline, the letter is flagged.
        late = L.list_letters(session, demo.hall_id, overdue_only=True, today=two_late)
        assert [r.id for r in late] == [letter_id]
        assert late[0].overdue_days == 2
        assert L.list_letters(session, demo.hall_id, overdue_only=True, today=due) == []
    with db.write() as session, pytest.raises(FieldError) as error:
        L.record_delivery(session, letter_id, method="直接送达", delivered_to="张三",
                          at=at("09:00", DAY))  # fmt: skip
    assert error.value.code == "time_order"
    with db.write() as session:
        L.record_delivery(session, letter_id, method="直接送达", delivered_to="张三",
                          at=at("16:00", ISSUE_DAY))  # fmt: skip
        L.record_acknowledged(
            session, letter_id, note="已提交书面说明", at=at("10:00", date(2026, 3, 16))
        )
    with db.read() as session:
        detail = L.get_letter(session, letter_id, today=two_late)
        assert detail.row.status is LetterStatus.ACKNOWLEDGED
        assert not detail.row.overdue
        assert [words for _, words in detail.history][2] == "直接送达，签收人：张三"
        issued = L.list_letters(session, demo.hall_id, status=LetterStatus.ISSUED)
        assert issued == []
        found = L.list_letters(session, demo.hall_id, text="效告〔2026〕1号")
        assert [r.id for r in found] == [letter_id]


def test_letter_rectification_closed_by_reinspection_photos(db: Database, demo: Demo) -> None:
    finding = _finding(db, demo, "A01", "01002", "09:05", "桌面杂乱")
    letter_id = _draft(db, demo, finding, kind="rectification")
    with db.read() as session:
        detail = L.get_letter(session, letter_id)
    assert detail.fields["addressee"]  # the unit
    assert detail.fields["items"][0]["problem"] == "桌面杂乱"
    before = take_snapshot(db, demo.hall_id, "synthetic:A01", window_id=demo.windows["A01"])
    # The item's deadline came from the finding (March): past today, so issuing refuses it.
    with pytest.raises(FieldError) as error, db.write("letter.issue") as session:
        L.issue_letter(session, letter_id, demo.blobs)
    assert (error.value.field, error.value.code) == ("items[1]", "past")
    later = date.today() + timedelta(days=20)
    with db.write() as session:
        L.update_draft(session, letter_id, {"items": [{"problem": "桌面杂乱", "deadline": later}]})
    with db.write("letter.issue") as session:
        row = L.issue_letter(session, letter_id, demo.blobs)  # now: after the first photo
    assert row.deadline is not None
    assert row.deadline >= later  # the notice runs to its last item's deadline
    with db.read() as session:
        printed = _text(L.letter_pdf(session, letter_id, demo.blobs)).replace("\n", "")
    assert f"整改期限：{later.year}年{later.month}月{later.day}日" in printed
    assert row.doc_no == f"效改〔{datetime.now(ZONE).year}〕1号"
    with db.read() as session:
        assert session.get(Finding, finding).status is FindingStatus.RECTIFYING  # type: ignore[union-attr]
    with db.write() as session, pytest.raises(FieldError) as error:
        L.record_rectified(session, letter_id, [])
    assert error.value.code == "required"
    with db.write() as session, pytest.raises(FieldError) as error:
        L.record_rectified(
            session, letter_id, [before.id], at=datetime.now(ZONE) + timedelta(hours=1)
        )
    assert error.value.code == "time_order"
    after = take_snapshot(db, demo.hall_id, "synthetic:A01", window_id=demo.windows["A01"])
    with db.write() as session:
        L.record_rectified(session, letter_id, [after.id], note="桌面已整理",
                           at=datetime.now(ZONE) + timedelta(minutes=1))  # fmt: skip
    with db.read() as session:
        detail = L.get_letter(session, letter_id)
        assert detail.row.status is LetterStatus.RECTIFIED
        assert detail.rectification["snapshots"][0]["sha256"] == after.original_sha256
        assert session.get(Finding, finding).status is FindingStatus.CLOSED  # type: ignore[union-attr]
    # Only a rectification notice is closed this way.
    warning = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:30"))
    with db.write("letter.issue") as session:
        L.issue_letter(session, warning, demo.blobs)
    with db.write() as session, pytest.raises(ConflictError, match="re-inspection"):
        L.record_rectified(session, warning, [after.id])


def test_letter_from_confirmed_suggestion_and_accepted_complaint(db: Database, demo: Demo) -> None:
    with db.write() as session:
        suggestion = Suggestion(
            hall_id=demo.hall_id, rule="attendance.cautions_in_year", staff_id=demo.staff["01002"],
            subject_id=str(demo.staff["01002"]), period="2026", action="warning_letter",
            title="王某（01002）2026年已诫勉谈话2次，建议发出效能告诫书",
            facts={"count": 2, "months": ["2026-01", "2026-02"]}, status=SuggestionStatus.OPEN,
        )  # fmt: skip
        complaint = Complaint(
            hall_id=demo.hall_id, window_id=demo.windows["B01"], received_at=at("14:00"),
            channel="12345热线", content="窗口人员态度生硬，多次催促。",
            status=ComplaintStatus.REGISTERED,
        )  # fmt: skip
        session.add_all([suggestion, complaint])
        session.flush()
        suggestion_id, complaint_id = suggestion.id, complaint.id
    with db.write() as session, pytest.raises(ConflictError, match="confirmed"):
        L.draft_from_suggestion(session, suggestion_id)
    with db.write() as session, pytest.raises(ConflictError, match="accepted"):
        L.draft_from_complaint(session, complaint_id)
    with db.write() as session:
        session.get(Suggestion, suggestion_id).status = SuggestionStatus.CONFIRMED  # type: ignore[union-attr]
        session.get(Complaint, complaint_id).status = ComplaintStatus.ACCEPTED  # type: ignore[union-attr]
    with db.write() as session:
        from_suggestion = L.draft_from_suggestion(session, suggestion_id, now=at("11:00"))
        from_complaint = L.draft_from_complaint(session, complaint_id, now=at("15:00"))
    with db.read() as session:
        s = L.get_letter(session, from_suggestion)
        c = L.get_letter(session, from_complaint)
    assert s.source == "suggestion"
    assert s.row.kind is LetterKind.WARNING
    assert s.fields["facts"][0] == "王某（01002）2026年已诫勉谈话2次。"
    assert "2026年1月、2026年2月" in s.fields["facts"][1]
    assert c.source == "complaint"
    assert c.row.kind is LetterKind.SUPERVISION
    assert c.fields["facts"][0].startswith("2026年3月10日14时00分，我室经12345热线收到群众投诉")
    assert c.row.recipient  # the unit of window B01
    # One letter per record: a second draft is refused and names the first …
    with db.write() as session, pytest.raises(L.AlreadyDraftedError) as again:
        L.draft_from_suggestion(session, suggestion_id, now=at("11:05"))
    assert again.value.letter_id == from_suggestion
    with db.write() as session, pytest.raises(L.AlreadyDraftedError):
        L.draft_from_complaint(session, complaint_id, now=at("15:05"))
    # … until that one is discarded (or revoked).
    with db.write() as session:
        L.discard_draft(session, from_suggestion)
    with db.write() as session:
        L.draft_from_suggestion(session, suggestion_id, now=at("11:10"))


def test_letter_update_draft_names_bad_fields(db: Database, demo: Demo) -> None:
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    for changes, field in [
        ({"title": ""}, "title"),
        ({"addressee": "  "}, "addressee"),
        ({"code": "效〔告〕"}, "code"),
        ({"facts": "字" * (L.MAX_FACTS_CHARS + 1)}, "facts"),
        ({"nonsense": "x"}, "nonsense"),
        ({"items": [{"problem": "桌面杂乱", "deadline": "3月5日"}]}, "items[1]"),
    ]:
        with db.write() as session, pytest.raises(FieldError) as error:
            L.update_draft(session, letter_id, changes)
        assert error.value.field == field, changes
    with db.write() as session:
        L.update_draft(
            session, letter_id, {"facts": "第一段。\n\n第二段。", "deadline": date(2026, 3, 20)}
        )
    with db.read() as session:
        detail = L.get_letter(session, letter_id)
    assert detail.fields["facts"] == ["第一段。", "第二段。"]
    assert detail.row.deadline == date(2026, 3, 20)
    with db.write() as session:
        L.discard_draft(session, letter_id)
    with db.read() as session, pytest.raises(NotFoundError):
        L.get_letter(session, letter_id)


def test_letter_qr_encodes_the_verify_address(db: Database, demo: Demo, tmp_path: Path) -> None:
    cv2 = pytest.importorskip("cv2")
    with db.write() as session:
        template = L.hall_template(session, demo.hall_id, LetterKind.WARNING)
        changed = L.save_template(
            session, demo.hall_id, LetterKind.WARNING,
            type(template)(**{**template.as_dict(), "verify_base": "https://hall.example.gov.cn"}),
        )  # fmt: skip
    assert changed
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    _issue(db, demo, letter_id)
    with db.read() as session:
        pdf = L.letter_pdf(session, letter_id, demo.blobs)
    (tmp_path / "l.pdf").write_bytes(pdf)
    signed = str(len(pypdf.PdfReader(io.BytesIO(pdf)).pages) - 1)  # the page before the receipt
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", signed, "-l", signed, str(tmp_path / "l.pdf"),
         str(tmp_path / "p")], check=True,
    )  # fmt: skip
    image = cv2.imread(str(next(tmp_path.glob("p*.png"))))
    text, _points, _ = cv2.QRCodeDetectorAruco().detectAndDecode(image)
    assert text.startswith(f"https://hall.example.gov.cn/verify/letters/{letter_id}?h=")


def _cli(folder: DataFolder, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stderr
    sys.stderr = err
    try:
        code = main(["--data-dir", str(folder.root), *args], out=out)
    finally:
        sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def test_cli_letter_draft_issue_render_list(
    db: Database, demo: Demo, folder: DataFolder, tmp_path: Path
) -> None:
    finding = _finding(db, demo, "A01", "01002", "09:05")
    code, out, err = _cli(folder, "letter", "draft", "--finding", str(finding))
    assert code == 0, err
    letter_id = uuid.UUID(out.strip())
    code, out, err = _cli(
        folder, "letter", "render", str(letter_id), "--out", str(tmp_path / "d.pdf")
    )
    assert code == 0, err
    assert "草稿" in _text((tmp_path / "d.pdf").read_bytes())
    code, out, err = _cli(folder, "letter", "issue", str(letter_id))
    assert code == 0, err
    doc_no = out.strip()
    assert doc_no.startswith("效告〔")
    assert doc_no.endswith("〕1号")
    code, out, err = _cli(folder, "letter", "issue", str(letter_id))
    assert code != 0
    assert "already issued" in err
    assert "Traceback" not in err
    code, out, err = _cli(folder, "letter", "render", doc_no, "--out", str(tmp_path / "i.pdf"))
    assert code == 0, err
    with db.read() as session:
        letter = session.get(Letter, letter_id)
        assert letter is not None
        assert (tmp_path / "i.pdf").read_bytes() == demo.blobs.read(letter.pdf_sha256)
    code, out, err = _cli(folder, "letter", "list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["id"], r["doc_no"], r["status"]) for r in rows] == [
        (str(letter_id), doc_no, "issued")
    ]
    code, out, err = _cli(folder, "letter", "draft", "--finding", "not-an-id")
    assert code != 0
    assert "--finding" in err


def test_letter_reprint_holds_after_answers_and_settings_change(db: Database, demo: Demo) -> None:
    """What an issued letter printed is frozen: later records and settings don't touch it."""
    finding = _finding(db, demo, "A01", "01002", "09:05")
    shot = take_snapshot(
        db, demo.hall_id, "synthetic:A01", window_id=demo.windows["A01"], finding_id=finding
    )
    letter_id = _draft(db, demo, finding)
    _issue(db, demo, letter_id)
    with db.read() as session:
        stored = L.letter_pdf(session, letter_id, demo.blobs)
    # The appendix carries the photo as taken: the hash under it is the embedded bytes'.
    images = [
        hashlib.sha256(x.get_object().get_data()).hexdigest()
        for page in pypdf.PdfReader(io.BytesIO(stored)).pages
        for x in page["/Resources"].get("/XObject", {}).values()
        if x.get_object()["/Subtype"] == "/Image"
    ]
    assert images == [shot.original_sha256]
    assert f"SHA-256{shot.original_sha256}" in _text(stored).replace(" ", "").replace("\n", "")
    with db.write() as session:
        L.record_delivery(session, letter_id, method="直接送达", delivered_to="张三",
                          at=at("16:00", ISSUE_DAY))  # fmt: skip
        L.record_acknowledged(session, letter_id, note="已提交书面说明", at=at("17:00", ISSUE_DAY))
        template = L.hall_template(session, demo.hall_id, LetterKind.WARNING)
        L.save_template(
            session, demo.hall_id, LetterKind.WARNING,
            type(template)(**{**template.as_dict(), "issuing_body": "另一个机关"}),
        )  # fmt: skip
        hall = session.get_one(Hall, demo.hall_id)
        hall.timezone = "Asia/Urumqi"
    with db.read() as session:
        assert L.rerender_issued(session, letter_id, demo.blobs) == stored
        assert L.get_letter(session, letter_id).acknowledgement == "已提交书面说明"


def test_letter_deadline_counts_from_the_issue_day(db: Database, demo: Demo) -> None:
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    late_issue = date(2026, 3, 30)
    row = _issue(db, demo, letter_id, late_issue)
    due = _due(db, demo, late_issue, 5)
    assert row.deadline == due
    assert not row.overdue
    with db.read() as session:
        printed = _text(L.letter_pdf(session, letter_id, demo.blobs))
    running = re.sub(r"—\d+—", "", re.sub(r"\s", "", printed))  # page numbers out
    assert f"并于{due.year}年{due.month}月{due.day}日前" in running
    # A deadline set by hand is kept, but never one already past on the issue day.
    other = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:30"))
    with db.write() as session:
        L.update_draft(session, other, {"deadline": date(2026, 3, 20)})
    with pytest.raises(FieldError) as error:
        _issue(db, demo, other, late_issue)
    assert (error.value.field, error.value.code) == ("deadline", "past")
    assert _register(db) == [("效告", 2026, 2)]  # the refusal took no number


def test_letter_numbers_unique_across_halls_of_one_database(db: Database, demo: Demo) -> None:
    with db.write() as session:
        other = create_hall(session, code="H2", name="第二分中心")
    first = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    assert _issue(db, demo, first).doc_no == "效告〔2026〕1号"
    with db.write() as session:
        unit = Unit(hall_id=other.id, code="U1", name="第二分中心综合窗口")
        session.add(unit)
        session.flush()
        window = Window(hall_id=other.id, number="Z01", unit_id=unit.id)
        session.add(window)
        session.flush()
        finding = add_finding(
            session, other.id, window_id=window.id, category="behaviour.phone",
            observed_at=at("09:10"), now=at("09:10"),
        )  # fmt: skip
        letter_id = L.draft_from_findings(session, other.id, [finding.id], "supervision")
    with db.write() as session:
        L.update_draft(session, letter_id, {"code": "效告", "addressee": "第二分中心"})
    with db.write() as session:
        row = L.issue_letter(session, letter_id, demo.blobs, now=at("15:00", ISSUE_DAY))
    assert row.doc_no == "效告〔2026〕2号"  # one office's series, whichever hall


def test_letter_bad_stored_or_given_shapes_are_field_errors(db: Database, demo: Demo) -> None:
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    for changes, field in [
        ({"items": "桌面杂乱"}, "items"),
        ({"items": ["桌面杂乱"]}, "items[1]"),
        ({"items": [{"problem": "桌面杂乱", "deadline": 20260401}]}, "items[1]"),
        ({"evidence": None}, "evidence"),
    ]:
        with db.write() as session, pytest.raises(FieldError) as error:
            L.update_draft(session, letter_id, changes)
        assert error.value.field == field, changes
    # Evidence naming a photo this device does not have: named, and no number taken.
    with db.write() as session:
        letter = session.get_one(Letter, letter_id)
        letter.fields = {
            **letter.fields,
            "appendix": True,
            "evidence": [{"snapshot_id": str(uuid.uuid4()), "sha256": "0" * 64, "taken_at": ""}],
        }
    with db.read() as session:
        assert "照片1" in L.get_letter(session, letter_id).evidence[0].words
    with pytest.raises(NotFoundError, match="photo 1 of the evidence"):
        _issue(db, demo, letter_id)
    assert _register(db) == []


def test_letter_disk_full_while_issuing_is_said_and_takes_no_number(
    db: Database, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))

    def full(self: BlobStore, data: bytes) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(BlobStore, "put", full)
    with pytest.raises(DataFolderError, match="is full: free space and try again; no number"):
        _issue(db, demo, letter_id)
    with db.read() as session:
        assert session.get_one(Letter, letter_id).status is LetterStatus.DRAFT
    assert _register(db) == []


@pytest.mark.parametrize(
    ("field", "text", "code"),
    [
        ("requirements", "请于{deadline:>20}前整改。", "unknown_placeholder"),
        ("requirements", "共{days!r}个工作日。", "unknown_placeholder"),
        ("basis", "依据{第十二条。", "invalid"),
        ("signer_body", "某" * 27, "too_long"),
        ("printed_by", "某" * 17, "too_long"),
    ],
)
def test_letter_template_refuses_what_would_break_a_draft(
    db: Database, demo: Demo, field: str, text: str, code: str
) -> None:
    with db.write() as session:
        template = L.hall_template(session, demo.hall_id, LetterKind.WARNING)
        with pytest.raises(FieldError) as error:
            L.save_template(
                session, demo.hall_id, LetterKind.WARNING,
                type(template)(**{**template.as_dict(), field: text}),
            )  # fmt: skip
    assert (error.value.field, error.value.code) == (field, code)


def test_letter_revoked_notice_reopens_its_findings(db: Database, demo: Demo) -> None:
    finding = _finding(db, demo, "A01", "01002", "09:05", "桌面杂乱")
    letter_id = _draft(db, demo, finding, kind="rectification")
    with db.write() as session:
        L.update_draft(session, letter_id, {"items": [{"problem": "桌面杂乱", "deadline": ""}]})
    _issue(db, demo, letter_id)
    with db.write() as session:
        assert session.get_one(Finding, finding).status is FindingStatus.RECTIFYING
        L.revoke_letter(session, letter_id, "整改对象有误")
    with db.read() as session:
        assert session.get_one(Finding, finding).status is FindingStatus.OPEN


def test_cli_letter_lifecycle_to_rectified(db: Database, demo: Demo, folder: DataFolder) -> None:
    finding = _finding(db, demo, "A01", "01002", "09:05", "桌面杂乱")
    code, out, err = _cli(folder, "letter", "draft", "--finding", str(finding),
                          "--kind", "rectification")  # fmt: skip
    assert code == 0, err
    letter_id = out.strip()
    with db.write() as session:
        L.update_draft(session, uuid.UUID(letter_id), {"items": [{"problem": "桌面杂乱"}]})
    code, out, err = _cli(folder, "letter", "issue", letter_id)
    assert code == 0, err
    doc_no = out.strip()
    assert _cli(folder, "letter", "deliver", doc_no, "--to", "王科长")[0] == 0
    code, out, err = _cli(folder, "letter", "acknowledge", doc_no, "--note", "已收到")
    assert code == 0, err
    # A malformed photo id is named; a photo taken after the notice closes it.
    code, out, err = _cli(folder, "letter", "rectify", doc_no, "--photo", "nonsense")
    assert code != 0
    assert "--photo" in err
    shot = take_snapshot(db, demo.hall_id, "synthetic:A01", window_id=demo.windows["A01"],
                         finding_id=finding)  # fmt: skip
    code, out, err = _cli(folder, "letter", "rectify", doc_no, "--photo", str(shot.id),
                          "--note", "已整理")  # fmt: skip
    assert code == 0, err
    code, out, err = _cli(folder, "letter", "list", "--json")
    (row,) = [r for r in json.loads(out) if r["doc_no"] == doc_no]
    assert row["status"] == "rectified"


def _issue_with_no_room(db: Database, demo: Demo, letter_id: uuid.UUID) -> None:
    from sqlalchemy import text

    with db.write("letter.issue") as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
        # The database may not grow by a page: a real SQLITE_FULL at the flush.
        session.execute(text(f"PRAGMA max_page_count = {pages}"))
        session.execute(text("DELETE FROM alerts"))  # (takes the write lock now)
        L.issue_letter(session, letter_id, demo.blobs, now=at("15:00", ISSUE_DAY))


def test_letter_refused_at_commit_keeps_no_numbered_pdf(db: Database, demo: Demo) -> None:
    """SQLite itself is full after the PDF was stored: the PDF goes, the number stays free."""
    from hallwatch.storage.space import DiskFullError

    letter_id = _draft(db, demo, _finding(db, demo, "A01", "01002", "09:05"))
    before = set(demo.blobs)
    register = _register(db)
    with pytest.raises(DiskFullError, match="is full: free space and try again") as refused:
        _issue_with_no_room(db, demo, letter_id)
    assert refused.value.params == (str(db.folder.root),)
    assert set(demo.blobs) == before  # the numbered PDF was taken back
    assert _register(db) == register
    with db.read() as session:
        assert session.get_one(Letter, letter_id).status is LetterStatus.DRAFT
    db.close()  # a fresh connection: max_page_count is per connection
    row = _issue(db, demo, letter_id)
    assert row.doc_no.endswith("〔2026〕1号")
    assert len(set(demo.blobs) - before) == 1


def _save_then_fail(db: Database, demo: Demo, data: bytes, named_meanwhile: bool) -> str:
    from hallwatch.storage.models import Blob

    stored: list[str] = []
    try:
        with db.write("first"):
            stored.append(demo.blobs.put(data))  # created here, so tracked
            if named_meanwhile:
                with db.write("second") as other:  # commits first and names it
                    other.add(Blob(sha256=stored[0], size=len(data), media_type="x/pdf"))
            raise RuntimeError("refused")
    except RuntimeError:
        return stored[0]
    raise AssertionError("the save did not fail")


def test_letter_pdf_named_by_a_committed_row_is_kept_on_rollback(db: Database, demo: Demo) -> None:
    """Content-addressed: a failed save never deletes a file another save now names."""
    shared = b"%PDF-1.4 the same bytes, stored by two saves"
    assert demo.blobs.read(_save_then_fail(db, demo, shared, named_meanwhile=True)) == shared
    lone = _save_then_fail(db, demo, b"%PDF-1.4 stored by a save that failed", False)
    assert not demo.blobs.has(lone)
