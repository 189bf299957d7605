"""Warning letters and notices: draft, issue (number + frozen PDF), deliver, close, revoke.

A draft is made from findings, a confirmed suggestion or a complaint: its facts
come from the evidence (dates as 2026年3月9日, times as 9时05分, window and
person), its evidence list names each photo by id, time and SHA-256, and its
wording comes from the hall's template for the kind. Every field stays editable
until the letter is issued. A draft prints only with 草稿 across it and no number.

Issuing happens in one write transaction (the caller's `db.write`): the number is
taken from the register, the PDF is rendered and its bytes are stored (fsynced)
in the blob store, and the letter row records number, hash and time; the audit
chain records the change in the same commit. A crash before the commit leaves the
draft a draft and the register untouched (an unreferenced blob at most); a refusal
(a full disk at the commit) takes the PDF back too (`Database.write`). After
that the letter never changes: a reprint is the stored PDF, byte for byte, and
re-rendering it from its saved fields gives the same bytes again. Revoking keeps
the number and records who, when and why.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.calendar import DueDate
from hallwatch.domain.enums import (
    ComplaintStatus,
    FindingStatus,
    LetterKind,
    LetterStatus,
    SuggestionStatus,
    parse_word,
)
from hallwatch.domain.errors import (
    AlreadyDraftedError,
    ConflictError,
    DataFolderError,
    FieldError,
    NotFoundError,
)
from hallwatch.domain.timeutil import format_cn_date, format_cn_time, hall_zone, local_day, utcnow
from hallwatch.letters import templates
from hallwatch.letters.fonts import FontRole, check_text, font_map
from hallwatch.letters.render import (
    KIND_TITLES,
    AppendixPhoto,
    LetterContent,
    format_number,
    render_letter,
)
from hallwatch.letters.templates import LetterTemplate
from hallwatch.services.checks.checklist import load_checklist
from hallwatch.services.hall.calendar import hall_calendar
from hallwatch.services.letters.numbering import take_number
from hallwatch.storage.blobs import BlobStore
from hallwatch.storage.models import (
    Blob,
    Complaint,
    Finding,
    Hall,
    Letter,
    LetterFinding,
    Setting,
    Snapshot,
    Staff,
    Suggestion,
    SyncState,
    Unit,
    Window,
    WindowAssignment,
)
from hallwatch.storage.space import disk_full_error

STATUS_WORDS: dict[LetterStatus, str] = {
    LetterStatus.DRAFT: "草稿",
    LetterStatus.ISSUED: "已签发",
    LetterStatus.DELIVERED: "已送达",
    LetterStatus.ACKNOWLEDGED: "已签收回复",
    LetterStatus.RECTIFIED: "已整改",
    LetterStatus.REVOKED: "已撤销",
}
KIND_WORDS: dict[LetterKind, str] = {kind: KIND_TITLES[kind] for kind in LetterKind}
DELIVERY_METHODS = ("直接送达", "邮寄送达", "电子送达", "留置送达")
# The statuses in which a letter still waits for its answer or rectification.
_WAITING = (LetterStatus.ISSUED, LetterStatus.DELIVERED)
_TEXT_FIELDS = (
    "issuing_body",
    "signer_body",
    "code",
    "addressee",
    "intro",
    "basis",
    "decision",
    "requirements",
    "consequences",
    "copied_to",
    "printed_by",
)
_LIMITS = templates.FIELD_LIMITS
_TEXT_LIMIT = 4000
MAX_FACTS_CHARS = 60_000  # about 40 pages: more is not a letter
MAX_REASON = 500


def _standing_letter(session: Session, *where: Any) -> Letter | None:
    """The first letter matching `where` that is neither discarded nor revoked."""
    return session.scalar(
        select(Letter)
        .where(Letter.deleted.is_(False), Letter.status != LetterStatus.REVOKED, *where)
        .order_by(Letter.created_at)
        .limit(1)
    )


# --- rows handed out --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LetterRow:
    id: uuid.UUID
    kind: LetterKind
    status: LetterStatus
    doc_no: str
    title: str
    addressee: str
    recipient: str  # the person (工号) or the unit
    window_no: str
    created_at: datetime
    issued_at: datetime | None
    deadline: date | None
    delivered_at: datetime | None
    overdue: bool
    overdue_days: int  # working days past the deadline

    @property
    def kind_word(self) -> str:
        return KIND_WORDS[self.kind]

    @property
    def status_word(self) -> str:
        return STATUS_WORDS[self.status]


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    snapshot_id: str
    taken_at: str  # ISO, UTC
    sha256: str
    window_no: str
    words: str  # how the letter names it


@dataclass(frozen=True, slots=True)
class LetterDetail:
    row: LetterRow
    fields: dict[str, Any]
    evidence: tuple[EvidenceLine, ...]
    finding_ids: tuple[uuid.UUID, ...]
    source: str
    pdf_sha256: str
    issued_by: str
    delivery_method: str
    delivered_to: str
    acknowledged_at: datetime | None
    acknowledgement: str
    rectified_at: datetime | None
    rectification: dict[str, Any]
    revoked_at: datetime | None
    revoked_by: str
    revoked_reason: str
    history: tuple[tuple[datetime, str], ...]  # (when, what), oldest first

    @property
    def is_draft(self) -> bool:
        return self.row.status is LetterStatus.DRAFT


# --- templates --------------------------------------------------------------------------


def hall_template(session: Session, hall_id: uuid.UUID, kind: LetterKind) -> LetterTemplate:
    """Return the hall's template of a kind: the shipped one with the hall's changes."""
    value = session.scalar(
        select(Setting.value).where(
            Setting.hall_id == hall_id,
            Setting.key == templates.setting_key(kind),
            Setting.deleted.is_(False),
        )
    )
    return templates.merged(kind, value if isinstance(value, dict) else None)


def save_template(
    session: Session, hall_id: uuid.UUID, kind: LetterKind, template: LetterTemplate
) -> bool:
    """Store the hall's changes to a kind's template; return whether anything changed."""
    template.validate()
    changes = templates.changes_from_default(template, kind)
    key = templates.setting_key(kind)
    row = session.scalar(select(Setting).where(Setting.hall_id == hall_id, Setting.key == key))
    if row is None:
        if not changes:
            return False
        session.add(Setting(hall_id=hall_id, key=key, value=changes))
    elif row.value == changes and not row.deleted:
        return False
    else:
        row.value = changes
        row.deleted = False
    session.flush()
    return True


# --- drafting ---------------------------------------------------------------------------


def _hall(session: Session, hall_id: uuid.UUID) -> Hall:
    hall = session.get(Hall, hall_id)
    if hall is None or hall.deleted:
        raise NotFoundError(f"no hall with id {hall_id}", "see 'hallwatch info' for the halls")
    return hall


def parse_kind(value: LetterKind | str) -> LetterKind:
    """Return the kind for an enum, its value (warning) or its Chinese title (效能告诫书)."""
    return parse_word(value, KIND_WORDS, "letter kind")


@dataclass(slots=True)
class _Recipient:
    staff: Staff | None
    unit: Unit | None
    window_no: str

    def values(self) -> dict[str, str]:
        return {
            "name": self.staff.name if self.staff else "",
            "staff_no": self.staff.staff_no if self.staff else "",
            "unit": self.unit.name if self.unit else "",
            "window": self.window_no,
        }


def _deadline(session: Session, hall: Hall, days: int, day: date) -> DueDate:
    """The due date `days` working days after `day` (not counted), by the hall's calendar."""
    return hall_calendar(session, hall.id).add_working_days(day, days)


def _new_draft(
    session: Session,
    hall: Hall,
    kind: LetterKind,
    recipient: _Recipient,
    facts: list[str],
    evidence: list[dict[str, str]],
    items: list[dict[str, str]],
    source: str,
    now: datetime,
) -> Letter:
    template = hall_template(session, hall.id, kind)
    first = _deadline(
        session, hall, template.rectify_days, local_day(now, hall_zone(hall.timezone))
    )
    due, provisional = first.day, first.provisional
    # {deadline} stays in the texts: the letter fills it from its own deadline when
    # it prints, and issuing counts that deadline again from the issue day.
    values = {**recipient.values(), "days": str(template.rectify_days)}
    if kind is LetterKind.WARNING and recipient.staff is None:
        raise FieldError(
            "recipient",
            "a 效能告诫书 is addressed to a person, and these records name nobody",
            "choose findings with a staff member, or draft a 督办通知书 to the unit",
            code="no_person",
        )
    if kind is not LetterKind.WARNING and recipient.unit is None:
        raise FieldError(
            "recipient",
            f"a {KIND_WORDS[kind]} is addressed to a unit, and these records name none",
            "give the window or person a unit first",
            code="no_unit",
        )
    verify_base = template.verify_base or _server_url(session)
    fields: dict[str, Any] = {
        "issuing_body": template.issuing_body,
        "signer_body": template.signer_body,
        "code": template.code,
        "addressee": templates.fill(template.addressee, values),
        "intro": templates.fill(template.intro, values),
        "facts": facts,
        "evidence": evidence,
        "items": items,
        "basis": templates.fill(template.basis, values),
        "decision": templates.fill(template.decision, values),
        "requirements": templates.fill(template.requirements, values),
        "consequences": templates.fill(template.consequences, values),
        "copied_to": templates.fill(template.copied_to, values),
        "printed_by": templates.fill(template.printed_by, values),
        "appendix": bool(evidence),
        "verify_base": verify_base,
        "deadline_provisional": provisional,
        "deadline_auto": True,
        "rectify_days": template.rectify_days,
    }
    _check_font(template.title, fields)
    letter = Letter(
        hall_id=hall.id,
        kind=kind,
        status=LetterStatus.DRAFT,
        series=template.code,
        title=template.title,
        recipient_staff_id=recipient.staff.id if recipient.staff else None,
        recipient_unit_id=recipient.unit.id if recipient.unit else None,
        fields=fields,
        deadline=due,
        source=source,
        created_at=now,
    )
    session.add(letter)
    session.flush()
    return letter


def _server_url(session: Session) -> str:
    return session.scalar(select(SyncState.value).where(SyncState.key == "server_url")) or ""


def _moment_words(moment: datetime, hall: Hall) -> str:
    local = moment.astimezone(hall_zone(hall.timezone))
    return f"{format_cn_date(local.date())}{format_cn_time(local)}"


def _evidence_of(
    snapshots: Iterable[Snapshot], windows: Mapping[uuid.UUID, str]
) -> list[dict[str, str]]:
    lines = []
    for shot in snapshots:
        window_no = windows.get(shot.window_id, "") if shot.window_id else ""
        lines.append(
            {
                "snapshot_id": str(shot.id),
                "taken_at": shot.taken_at.isoformat(),
                "sha256": shot.original_sha256,
                "window_no": window_no,
            }
        )
    return lines


def _evidence_words(line: Mapping[str, Any], index: int, hall: Hall) -> str:
    try:
        taken = _moment_words(datetime.fromisoformat(str(line.get("taken_at"))), hall)
    except ValueError:
        taken = ""  # a damaged or older entry: the photo is still named
    where = f"摄于{line['window_no']}号窗口" if line.get("window_no") else "拍摄"
    short = str(line.get("snapshot_id", "")).replace("-", "")[-8:]
    return f"照片{index}（编号{short}）：{taken}{where}，SHA-256：{line.get('sha256', '')}。"


def draft_from_findings(
    session: Session,
    hall_id: uuid.UUID,
    finding_ids: Sequence[uuid.UUID],
    kind: LetterKind | str = LetterKind.WARNING,
    *,
    now: datetime | None = None,
) -> uuid.UUID:
    """Draft a letter from one or more findings of one person (or one unit)."""
    now = now or utcnow()
    kind = parse_kind(kind)
    hall = _hall(session, hall_id)
    if not finding_ids:
        raise FieldError("finding_ids", "a letter needs at least one finding", code="required")
    findings = []
    for finding_id in dict.fromkeys(finding_ids):
        finding = session.get(Finding, finding_id)
        if finding is None or finding.deleted or finding.hall_id != hall_id:
            raise NotFoundError(
                f"no finding with id {finding_id} in this hall", "refresh the list of findings"
            )
        findings.append(finding)
    findings.sort(key=lambda f: (f.observed_at, str(f.id)))
    linked = select(LetterFinding.letter_id).where(
        LetterFinding.finding_id.in_([f.id for f in findings]), LetterFinding.deleted.is_(False)
    )
    existing = _standing_letter(session, Letter.id.in_(linked), Letter.kind == kind)
    if existing is not None:
        raise AlreadyDraftedError(
            f"a chosen finding (for a {KIND_WORDS[kind]})", existing.id, existing.doc_no
        )
    windows = {w.id: w for w in session.scalars(select(Window).where(Window.hall_id == hall_id))}
    numbers = {wid: w.number for wid, w in windows.items()}
    staff_ids = {f.staff_id for f in findings if f.staff_id is not None}
    if kind is LetterKind.WARNING and len(staff_ids) > 1:
        names = "、".join(
            sorted(s.name for s in session.scalars(select(Staff).where(Staff.id.in_(staff_ids))))
        )
        raise FieldError(
            "finding_ids",
            f"a 效能告诫书 is to one person, and these findings name several ({names})",
            "draft one letter per person",
            code="several_people",
            params=(names,),
        )
    staff = session.get(Staff, next(iter(staff_ids))) if len(staff_ids) == 1 else None
    unit_ids = {
        uid
        for f in findings
        if f.window_id in windows and (uid := windows[f.window_id].unit_id) is not None
    }
    unit_id: uuid.UUID | None
    if staff is not None and staff.unit_id is not None:
        unit_id = staff.unit_id
    elif len(unit_ids) == 1:
        unit_id = next(iter(unit_ids))
    else:
        unit_id = None
        if kind is not LetterKind.WARNING and len(unit_ids) > 1:
            raise FieldError(
                "finding_ids",
                f"a {KIND_WORDS[kind]} is to one unit, and these findings are at several",
                "draft one letter per unit",
                code="several_units",
            )
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    window_nos = list(dict.fromkeys(numbers[f.window_id] for f in findings if f.window_id))
    checklist = load_checklist(session, hall_id)
    people = {s.id: s.name for s in session.scalars(select(Staff).where(Staff.id.in_(staff_ids)))}
    facts, items = [], []
    for finding in findings:
        at = _moment_words(finding.observed_at, hall)
        where = f"在{numbers[finding.window_id]}号窗口" if finding.window_id in numbers else ""
        who = (
            people.get(finding.staff_id, "")
            if finding.staff_id is not None and kind is not LetterKind.WARNING
            else ""
        )
        label = checklist.label(finding.category)
        text = f"{at}，检查组{where}发现{who}{label}"
        description = finding.description.strip().rstrip("。")
        facts.append(f"{text}：{description}。" if description else f"{text}。")
        if kind is LetterKind.RECTIFICATION:
            due = finding.rectify_due
            window = f"{numbers[finding.window_id]}号窗口" if finding.window_id in numbers else ""
            problem = description or f"{window}{label}"
            items.append({"problem": problem, "deadline": due.isoformat() if due else ""})
    shots = session.scalars(
        select(Snapshot)
        .where(Snapshot.finding_id.in_([f.id for f in findings]), Snapshot.deleted.is_(False))
        .order_by(Snapshot.taken_at, Snapshot.id)
    )
    evidence = _evidence_of(shots, numbers)
    recipient = _Recipient(staff, unit, "、".join(window_nos))
    letter = _new_draft(session, hall, kind, recipient, facts, evidence, items, "findings", now)
    for finding in findings:
        session.add(LetterFinding(hall_id=hall_id, letter_id=letter.id, finding_id=finding.id))
    if kind is LetterKind.RECTIFICATION:
        dated = [date.fromisoformat(i["deadline"]) for i in items if i["deadline"]]
        if dated:
            letter.deadline = max([*dated, letter.deadline or dated[0]])
    session.flush()
    return letter.id


def draft_from_suggestion(
    session: Session,
    suggestion_id: uuid.UUID,
    kind: LetterKind | str = LetterKind.WARNING,
    *,
    now: datetime | None = None,
) -> uuid.UUID:
    """Draft a letter from a confirmed accountability suggestion (its facts and person)."""
    now = now or utcnow()
    kind = parse_kind(kind)
    suggestion = session.get(Suggestion, suggestion_id)
    if suggestion is None or suggestion.deleted:
        raise NotFoundError(f"no suggestion with id {suggestion_id}", "refresh the list")
    if suggestion.status is not SuggestionStatus.CONFIRMED:
        raise ConflictError(
            "only a confirmed suggestion can lead to a letter",
            "confirm the suggestion first (问责建议 → 确认)",
        )
    existing = _standing_letter(session, Letter.suggestion_id == suggestion.id)
    if existing is not None:
        raise AlreadyDraftedError("this suggestion", existing.id, existing.doc_no)
    hall = _hall(session, suggestion.hall_id)
    staff = session.get(Staff, suggestion.staff_id) if suggestion.staff_id else None
    unit_id = suggestion.unit_id or (staff.unit_id if staff else None)
    unit = session.get(Unit, unit_id) if unit_id else None
    facts_data = suggestion.facts or {}
    details = [str(d) for d in facts_data.get("details", [])]
    facts = [suggestion.title.split("，建议")[0] + "。"]
    if details:
        facts.append("具体为：" + "；".join(details) + "。")
    months = facts_data.get("months")
    if months:
        facts.append("诫勉谈话月份：" + "、".join(_month_words(str(m)) for m in months) + "。")
    recipient = _Recipient(staff, unit, _window_of(session, staff))
    letter = _new_draft(session, hall, kind, recipient, facts, [], [], "suggestion", now)
    letter.suggestion_id = suggestion.id
    session.flush()
    return letter.id


def _month_words(period: str) -> str:
    year, _, month = period.partition("-")
    return f"{year}年{int(month)}月" if month.isdigit() else period


def _window_of(session: Session, staff: Staff | None) -> str:
    if staff is None:
        return ""
    number = session.scalar(
        select(Window.number)
        .join(WindowAssignment, WindowAssignment.window_id == Window.id)
        .where(WindowAssignment.staff_id == staff.id, WindowAssignment.deleted.is_(False))
        .order_by(WindowAssignment.starts_on.desc())
        .limit(1)
    )
    return number or ""


def draft_from_complaint(
    session: Session,
    complaint_id: uuid.UUID,
    kind: LetterKind | str = LetterKind.SUPERVISION,
    *,
    now: datetime | None = None,
) -> uuid.UUID:
    """Draft a letter from a complaint that was not rejected (its content and subject)."""
    now = now or utcnow()
    kind = parse_kind(kind)
    complaint = session.get(Complaint, complaint_id)
    if complaint is None or complaint.deleted:
        raise NotFoundError(f"no complaint with id {complaint_id}", "refresh the list")
    if complaint.status in (ComplaintStatus.REGISTERED, ComplaintStatus.REJECTED):
        raise ConflictError(
            "only an accepted complaint can lead to a letter",
            "accept the complaint first (受理)",
        )
    existing = _standing_letter(session, Letter.complaint_id == complaint.id)
    if existing is not None:
        raise AlreadyDraftedError("this complaint", existing.id, existing.doc_no)
    hall = _hall(session, complaint.hall_id)
    staff = session.get(Staff, complaint.staff_id) if complaint.staff_id else None
    window = session.get(Window, complaint.window_id) if complaint.window_id else None
    unit_id = complaint.unit_id or (staff.unit_id if staff else None)
    if unit_id is None and window is not None:
        unit_id = window.unit_id
    unit = session.get(Unit, unit_id) if unit_id else None
    received = _moment_words(complaint.received_at, hall)
    channel = f"经{complaint.channel}" if complaint.channel else ""
    facts = [f"{received}，我室{channel}收到群众投诉，反映：{complaint.content.strip()}"]
    if complaint.result.strip():
        facts.append(f"经核查：{complaint.result.strip()}")
    window_no = window.number if window else _window_of(session, staff)
    recipient = _Recipient(staff, unit, window_no)
    letter = _new_draft(session, hall, kind, recipient, facts, [], [], "complaint", now)
    letter.complaint_id = complaint.id
    session.flush()
    return letter.id


# --- editing a draft --------------------------------------------------------------------


def _letter(session: Session, letter_id: uuid.UUID) -> Letter:
    letter = session.get(Letter, letter_id)
    if letter is None or letter.deleted:
        raise NotFoundError(f"no letter with id {letter_id}", "refresh the list of letters")
    return letter


def _draft(session: Session, letter_id: uuid.UUID) -> Letter:
    letter = _letter(session, letter_id)
    if letter.status is not LetterStatus.DRAFT:
        raise ConflictError(
            f"letter {letter.doc_no or letter_id} is {letter.status.value}, no longer a draft",
            "an issued letter never changes: revoke it and draft a new one",
        )
    return letter


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(name, f"{name} should be text", code="invalid")
    value = value.strip()
    limit = _LIMITS.get(name, _TEXT_LIMIT)
    if len(value) > limit:
        raise FieldError(
            name, f"{name} is longer than {limit} characters", code="too_long", params=(limit,)
        )
    return value


def update_draft(session: Session, letter_id: uuid.UUID, changes: Mapping[str, Any]) -> None:
    """Change a draft's fields: title, deadline, facts (list of paragraphs), items, …"""
    letter = _draft(session, letter_id)
    fields = dict(letter.fields or {})
    for name, value in changes.items():
        if name == "title":
            text = _text("title", value)
            if not text:
                raise FieldError("title", "the title must not be empty", code="required")
            letter.title = text
        elif name == "deadline":
            if value is not None and not isinstance(value, date):
                raise FieldError("deadline", "deadline should be a date", code="invalid")
            letter.deadline = value
            fields["deadline_provisional"] = False
            fields["deadline_auto"] = False
        elif name == "facts":
            paragraphs = [p.strip() for p in _paragraphs("facts", value) if p.strip()]
            if sum(len(p) for p in paragraphs) > MAX_FACTS_CHARS:
                raise FieldError(
                    "facts",
                    f"the facts are longer than {MAX_FACTS_CHARS} characters",
                    "shorten them, or attach the details as an appendix",
                    code="too_long",
                    params=(MAX_FACTS_CHARS,),
                )
            fields["facts"] = paragraphs
        elif name == "items":
            fields["items"] = _items(value)
        elif name == "appendix":
            fields["appendix"] = bool(value)
        elif name == "evidence":
            if not isinstance(value, list | tuple | set):
                raise FieldError("evidence", "evidence should be the ids to keep", code="invalid")
            keep = {str(v) for v in value}
            fields["evidence"] = [
                e
                for e in _list_of(fields, "evidence")
                if isinstance(e, dict) and str(e.get("snapshot_id")) in keep
            ]
        elif name in _TEXT_FIELDS:
            text = _text(name, value)
            if name in ("issuing_body", "signer_body", "code", "addressee") and not text:
                raise FieldError(name, f"{name} must not be empty", code="required")
            if name == "code":
                templates.LetterTemplate(
                    **{**templates.default_template(letter.kind).as_dict(), "code": text}
                ).validate()
                letter.series = text
            fields[name] = text
        else:
            raise FieldError(name, f"a letter has no field {name!r}", code="unknown_field")
    _check_font(letter.title, fields)
    letter.fields = fields
    session.flush()


def _check_font(title: str, fields: Mapping[str, Any]) -> None:
    """Refuse, at once and by field, a character the letter's fonts cannot print."""
    fonts = font_map()
    title_font = fonts[FontRole.XIAOBIAOSONG]
    body_font = fonts[FontRole.FANGSONG]
    check_text("title", title, title_font)
    check_text("issuing_body", str(fields.get("issuing_body", "")), title_font)
    for name in _TEXT_FIELDS:
        if name != "issuing_body":
            check_text(name, str(fields.get(name, "")), body_font)
    for k, fact in enumerate(fields.get("facts", []), start=1):
        check_text(f"facts[{k}]" if len(fields["facts"]) > 1 else "facts", fact, body_font)
    for k, item in enumerate(fields.get("items", []), start=1):
        check_text(f"items[{k}]", item.get("problem", ""), body_font)


def _paragraphs(name: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return value.splitlines()
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    raise FieldError(name, f"{name} should be text", code="invalid")


def _items(value: Any) -> list[dict[str, str]]:
    """The items of a 整改通知书: [{problem, deadline (ISO date or "")}], checked one by one."""
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise FieldError("items", "items should be a list of problems", code="invalid")
    items = []
    for k, item in enumerate(value, start=1):
        if not isinstance(item, Mapping):
            raise FieldError(
                f"items[{k}]", f"items[{k}] should give a problem and a deadline", code="invalid"
            )
        problem = _text(f"items[{k}]", str(item.get("problem", "")))
        due = item.get("deadline") or ""
        if isinstance(due, date):
            due = due.isoformat()
        if not isinstance(due, str):
            raise FieldError(
                f"items[{k}]", f"items[{k}] deadline {due!r} is not a date", code="invalid"
            )
        if due:
            try:
                date.fromisoformat(due)
            except ValueError:
                raise FieldError(
                    f"items[{k}]", f"items[{k}] deadline {due!r} is not a date", code="invalid"
                ) from None
        if problem:
            items.append({"problem": problem, "deadline": due})
    return items


def discard_draft(session: Session, letter_id: uuid.UUID) -> None:
    """Throw a draft away (it never had a number)."""
    letter = _draft(session, letter_id)
    letter.deleted = True
    for link in session.scalars(select(LetterFinding).where(LetterFinding.letter_id == letter.id)):
        link.deleted = True
    session.flush()


# --- the document -----------------------------------------------------------------------


def _text_of(f: Mapping[str, Any], key: str, deadline: date | None) -> str:
    """A stored text field with its {deadline} filled from the letter's deadline."""
    text = f.get(key)
    if not isinstance(text, str):
        return ""
    due = format_cn_date(deadline) if deadline is not None else "规定期限"
    return text.replace("{deadline}", due)


def _list_of(f: Mapping[str, Any], key: str) -> list[Any]:
    value = f.get(key)
    return list(value) if isinstance(value, list) else []


def _content(
    session: Session,
    letter: Letter,
    hall: Hall,
    *,
    number: int | None,
    year: int,
    on: date,
    blobs: BlobStore | None,
) -> LetterContent:
    """Assemble what the letter prints from its fields (a draft, or a draft being issued)."""
    f = letter.fields or {}
    due = letter.deadline
    paragraphs: list[tuple[int, str]] = []
    if _text_of(f, "intro", due):
        paragraphs.append((0, _text_of(f, "intro", due)))
    facts = [str(fact) for fact in _list_of(f, "facts") if str(fact).strip()]
    numbered = len(facts) > 1
    for k, fact in enumerate(facts, start=1):
        paragraphs.append((0, f"{k}. {fact}" if numbered else fact))
    evidence = [e for e in _list_of(f, "evidence") if isinstance(e, dict)]
    if evidence:
        paragraphs.append((0, "以上事实有以下证据证实："))
        for k, line in enumerate(evidence, start=1):
            paragraphs.append((0, _evidence_words(line, k, hall)))
    for key in ("basis", "decision"):
        if _text_of(f, key, due):
            paragraphs.append((0, _text_of(f, key, due)))
    items = [i for i in _list_of(f, "items") if isinstance(i, dict) and i.get("problem")]
    if items:
        paragraphs.append((1, "一、整改事项"))
        for k, item in enumerate(items, start=1):
            problem = str(item["problem"]).rstrip("。；;，,")
            when = _item_deadline(item, k)
            limit = f"，整改期限：{format_cn_date(when)}" if when is not None else ""
            paragraphs.append((0, f"{k}. {problem}{limit}。"))
        paragraphs.append((1, "二、有关要求"))
    for key in ("requirements", "consequences"):
        if _text_of(f, key, due):
            paragraphs.append((0, _text_of(f, key, due)))
    appendix: list[AppendixPhoto] = []
    if f.get("appendix") and evidence and blobs is not None:
        appendix = _appendix(session, hall, evidence, blobs)  # the layout adds 附件：现场照片
    return LetterContent(
        kind=letter.kind,
        issuing_body=str(f.get("issuing_body", "")),
        code=str(f.get("code") or letter.series),
        year=year,
        number=number,
        title=letter.title,
        addressee=str(f.get("addressee", "")),
        paragraphs=paragraphs,
        signer_body=str(f.get("signer_body", "")),
        date=on,
        copied_to=_text_of(f, "copied_to", due),
        printed_by=_text_of(f, "printed_by", due),
        printed_date=on,
        verify_url=None,
        appendix=tuple(appendix),
    )


def _item_deadline(item: Mapping[str, Any], k: int) -> date | None:
    text = item.get("deadline") or ""
    if not text:
        return None
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        raise FieldError(
            f"items[{k}]", f"items[{k}] deadline {text!r} is not a date", code="invalid"
        ) from None


def _appendix(
    session: Session, hall: Hall, evidence: list[dict[str, Any]], blobs: BlobStore
) -> list[AppendixPhoto]:
    """The evidence photos as taken (the originals: the hash printed is theirs)."""
    photos = []
    for k, line in enumerate(evidence, start=1):
        try:
            shot = session.get(Snapshot, uuid.UUID(str(line.get("snapshot_id"))))
        except ValueError:
            shot = None
        if shot is None or shot.deleted:
            raise NotFoundError(
                f"photo {k} of the evidence ({line.get('snapshot_id')}) is not on this device",
                "sync, or leave the photo out of the evidence (or the appendix out)",
            )
        sha = shot.original_sha256
        if not blobs.has(sha):
            raise NotFoundError(
                f"the photo file of snapshot {shot.id} is missing from {blobs.root}",
                "restore the evidence files from a backup, or leave the appendix out",
            )
        taken = _moment_words(shot.taken_at, hall)
        where = f" {line['window_no']}号窗口" if line.get("window_no") else ""
        photos.append(
            AppendixPhoto(
                jpeg=blobs.read(sha),
                caption=(f"照片{k}  编号 {shot.id}", f"{taken}{where}", f"SHA-256 {sha}"),
            )
        )
    return photos


def _frozen(content: LetterContent) -> dict[str, Any]:
    """What an issued letter printed, as JSON: enough to render it again, byte for byte."""
    return {
        "kind": content.kind.value,
        "issuing_body": content.issuing_body,
        "code": content.code,
        "year": content.year,
        "number": content.number,
        "title": content.title,
        "addressee": content.addressee,
        "paragraphs": [[level, text] for level, text in content.paragraphs],
        "signer_body": content.signer_body,
        "date": content.date.isoformat(),
        "copied_to": content.copied_to,
        "printed_by": content.printed_by,
        "printed_date": (content.printed_date or content.date).isoformat(),
        "verify_url": content.verify_url,
        "receipt": content.receipt,
        "appendix": [
            {"sha256": hashlib.sha256(p.jpeg).hexdigest(), "caption": list(p.caption)}
            for p in content.appendix
        ],
    }


def _thawed(frozen: Mapping[str, Any], blobs: BlobStore) -> LetterContent:
    appendix = []
    for photo in frozen.get("appendix", []):
        sha = photo["sha256"]
        if not blobs.has(sha):
            raise NotFoundError(
                f"a photo of the appendix ({sha[:12]}…) is missing from {blobs.root}",
                "restore the evidence files from a backup",
            )
        appendix.append(AppendixPhoto(jpeg=blobs.read(sha), caption=tuple(photo["caption"])))
    return LetterContent(
        kind=LetterKind(frozen["kind"]),
        issuing_body=frozen["issuing_body"],
        code=frozen["code"],
        year=frozen["year"],
        number=frozen["number"],
        title=frozen["title"],
        addressee=frozen["addressee"],
        paragraphs=[(int(level), str(text)) for level, text in frozen["paragraphs"]],
        signer_body=frozen["signer_body"],
        date=date.fromisoformat(frozen["date"]),
        copied_to=frozen["copied_to"],
        printed_by=frozen["printed_by"],
        printed_date=date.fromisoformat(frozen["printed_date"]),
        verify_url=frozen["verify_url"],
        receipt=bool(frozen["receipt"]),
        appendix=tuple(appendix),
    )


def _content_hash(letter_id: uuid.UUID, frozen: Mapping[str, Any]) -> str:
    """SHA-256 of what the letter says (the verify address carries its start)."""
    data = {"id": str(letter_id), **{k: v for k, v in frozen.items() if k != "verify_url"}}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draft_pdf(
    session: Session, letter_id: uuid.UUID, blobs: BlobStore | None, *, now: datetime | None = None
) -> bytes:
    """Render a draft with 草稿 across it and no number (dated today)."""
    letter = _draft(session, letter_id)
    hall = _hall(session, letter.hall_id)
    today = local_day(now or utcnow(), hall_zone(hall.timezone))
    content = _content(session, letter, hall, number=None, year=today.year, on=today, blobs=blobs)
    return render_letter(content, draft=True)


def letter_pdf(
    session: Session, letter_id: uuid.UUID, blobs: BlobStore, *, now: datetime | None = None
) -> bytes:
    """Return the letter's PDF: the frozen bytes of an issued letter, else the draft's."""
    letter = _letter(session, letter_id)
    if letter.status is LetterStatus.DRAFT:
        return draft_pdf(session, letter_id, blobs, now=now)
    sha = letter.pdf_sha256
    if not blobs.has(sha):
        raise NotFoundError(
            f"the PDF of {letter.doc_no} ({sha[:12]}…) is missing from {blobs.root}",
            "restore the evidence files from a backup or sync them from the server",
        )
    data = blobs.read(sha)
    if hashlib.sha256(data).hexdigest() != sha:
        raise ConflictError(
            f"the stored PDF of {letter.doc_no} was altered (its hash no longer matches)",
            "restore it from a backup; 'hallwatch audit verify' lists every damaged file",
        )
    return data


def rerender_issued(session: Session, letter_id: uuid.UUID, blobs: BlobStore) -> bytes:
    """Render an issued letter again from what it froze at issue (the same bytes as issued)."""
    letter = _letter(session, letter_id)
    frozen = (letter.fields or {}).get("issued")
    if letter.status is LetterStatus.DRAFT or not isinstance(frozen, dict):
        raise ConflictError(f"letter {letter_id} was never issued", "issue it first")
    return render_letter(_thawed(frozen, blobs), draft=False)


# --- issuing and the lifecycle ----------------------------------------------------------


def issue_letter(
    session: Session, letter_id: uuid.UUID, blobs: BlobStore, *, now: datetime | None = None
) -> LetterRow:
    """Number the draft, freeze its PDF and record both; the caller's commit makes it final.

    Run it in a `db.write("letter.issue")` block: that transaction holds the write
    lock, so two windows issuing the same draft are served one after the other and
    the second is told the letter was issued already.
    """
    now = now or utcnow()
    letter = _letter(session, letter_id)
    if letter.status is not LetterStatus.DRAFT:
        raise ConflictError(
            f"this letter was already issued as {letter.doc_no}"
            if letter.doc_no
            else f"this letter is {letter.status.value}, not a draft",
            "refresh the list of letters",
        )
    hall = _hall(session, letter.hall_id)
    fields = dict(letter.fields or {})
    for name in ("issuing_body", "signer_body", "addressee"):
        if not str(fields.get(name, "")).strip():
            raise FieldError(name, f"{name} must not be empty", code="required")
    _check_font(letter.title, fields)  # names the field, before any number is taken
    today = local_day(now, hall_zone(hall.timezone))
    _settle_deadlines(session, letter, hall, fields, today)
    series = str(fields.get("code") or letter.series)
    number = take_number(session, hall.id, series, today.year)
    content = _content(session, letter, hall, number=number, year=today.year, on=today, blobs=blobs)
    frozen = _frozen(content)
    content_sha = _content_hash(letter.id, frozen)
    verify_base = str(fields.get("verify_base") or "") or _server_url(session)
    if verify_base:
        frozen["verify_url"] = (
            f"{verify_base.rstrip('/')}/verify/letters/{letter.id}?h={content_sha[:16]}"
        )
    # What a reprint renders from `frozen` (rerender_issued); the photos are in hand.
    pdf = render_letter(dataclasses.replace(content, verify_url=frozen["verify_url"]), draft=False)
    try:
        sha = blobs.put(pdf)  # on disk (fsynced) before the commit names it
    except OSError as error:
        full = disk_full_error(error, blobs.root, detail="no number was used")
        if full is not None:
            raise full from None
        raise DataFolderError(
            f"the letter's PDF could not be stored in {blobs.root}: {error.strerror}",
            "free disk space or fix the folder's permissions, then issue again "
            "(no number was used)",
        ) from None
    if session.get(Blob, sha) is None:
        session.add(Blob(sha256=sha, size=len(pdf), media_type="application/pdf"))
    letter.fields = {**fields, "issued": frozen, "content_sha256": content_sha}
    letter.series = series
    letter.year = today.year
    letter.number = number
    letter.doc_no = format_number(series, today.year, number)
    letter.status = LetterStatus.ISSUED
    letter.issued_at = now
    actor = session.info.get("actor")
    letter.issued_by = getattr(actor, "user", "") or ""
    letter.pdf_sha256 = sha
    if letter.kind is LetterKind.RECTIFICATION:
        for finding in _findings(session, letter.id):
            if finding.status is FindingStatus.OPEN:
                finding.status = FindingStatus.RECTIFYING
    session.flush()
    return _rows(session, [letter], today)[0]


def _settle_deadlines(
    session: Session, letter: Letter, hall: Hall, fields: dict[str, Any], today: date
) -> None:
    """Count an automatic deadline from the issue day; refuse one already past."""
    items = [i for i in _list_of(fields, "items") if isinstance(i, dict) and i.get("problem")]
    dated = []
    for k, item in enumerate(items, start=1):
        when = _item_deadline(item, k)
        if when is not None and when < today:
            raise FieldError(
                f"items[{k}]",
                f"items[{k}]: its deadline {when} is already past",
                "give each item a deadline after the issue day",
                code="past",
                params=(when.isoformat(),),
            )
        if when is not None:
            dated.append(when)
    if fields.get("deadline_auto"):
        days = fields.get("rectify_days")
        if not isinstance(days, int) or days < 1:
            days = hall_template(session, hall.id, letter.kind).rectify_days
        due = _deadline(session, hall, days, today)
        letter.deadline = max([due.day, *dated])
        fields["deadline_provisional"] = due.provisional
    elif letter.deadline is not None and letter.deadline < today:
        raise FieldError(
            "deadline",
            f"the deadline {letter.deadline} is before the issue day {today}",
            "set a later deadline",
            code="past",
            params=(letter.deadline.isoformat(),),
        )


def _findings(session: Session, letter_id: uuid.UUID) -> list[Finding]:
    return list(
        session.scalars(
            select(Finding)
            .join(LetterFinding, LetterFinding.finding_id == Finding.id)
            .where(LetterFinding.letter_id == letter_id, LetterFinding.deleted.is_(False))
        )
    )


def _reason(name: str, text: str) -> str:
    text = text.strip()
    if not text:
        raise FieldError(name, f"{name} must not be empty", code="required")
    if len(text) > MAX_REASON:
        raise FieldError(
            name,
            f"{name} is longer than {MAX_REASON} characters",
            code="too_long",
            params=(MAX_REASON,),
        )
    return text


def _short(name: str, text: str, limit: int) -> str:
    text = _reason(name, text)
    if len(text) > limit:
        raise FieldError(
            name, f"{name} is longer than {limit} characters", code="too_long", params=(limit,)
        )
    return text


def _not_before_issue(letter: Letter, at: datetime, name: str) -> None:
    if letter.issued_at is not None and at < letter.issued_at:
        raise FieldError(
            name, f"{name} is before the letter was issued", "check the date", code="time_order"
        )


def record_delivery(
    session: Session,
    letter_id: uuid.UUID,
    *,
    method: str,
    delivered_to: str,
    at: datetime | None = None,
) -> None:
    """Record how, when and to whom an issued letter was delivered (送达)."""
    at = at or utcnow()
    letter = _letter(session, letter_id)
    if letter.status is not LetterStatus.ISSUED:
        raise ConflictError(
            f"letter {letter.doc_no or letter_id} is {STATUS_WORDS[letter.status]}; "
            "only an issued letter can be delivered",
            "refresh the list of letters",
        )
    _not_before_issue(letter, at, "delivered_at")
    letter.delivery_method = _short("method", method, 40)
    letter.delivered_to = _short("delivered_to", delivered_to, 60)
    letter.delivered_at = at
    letter.status = LetterStatus.DELIVERED
    session.flush()


def record_acknowledged(
    session: Session, letter_id: uuid.UUID, *, note: str = "", at: datetime | None = None
) -> None:
    """Record the recipient's signed receipt or written answer (签收回复)."""
    at = at or utcnow()
    letter = _letter(session, letter_id)
    if letter.status not in _WAITING:
        raise ConflictError(
            f"letter {letter.doc_no or letter_id} is {STATUS_WORDS[letter.status]}; "
            "only an issued or delivered letter can be acknowledged",
            "refresh the list of letters",
        )
    _not_before_issue(letter, at, "acknowledged_at")
    letter.acknowledged_at = at
    letter.status = LetterStatus.ACKNOWLEDGED
    if len(note.strip()) > MAX_REASON:
        raise FieldError(
            "note",
            f"note is longer than {MAX_REASON} characters",
            code="too_long",
            params=(MAX_REASON,),
        )
    letter.acknowledgement = note.strip()
    session.flush()


def record_rectified(
    session: Session,
    letter_id: uuid.UUID,
    snapshot_ids: Sequence[uuid.UUID],
    *,
    note: str = "",
    at: datetime | None = None,
) -> None:
    """Close a 整改通知书 with a re-inspection: photos taken after it was issued."""
    at = at or utcnow()
    letter = _letter(session, letter_id)
    if letter.kind is not LetterKind.RECTIFICATION:
        raise ConflictError(
            "only a 整改通知书 is closed by a re-inspection, "
            f"and this is a {KIND_WORDS[letter.kind]}",
            "record its acknowledgement instead",
        )
    if letter.status not in (*_WAITING, LetterStatus.ACKNOWLEDGED):
        raise ConflictError(
            f"letter {letter.doc_no or letter_id} is {STATUS_WORDS[letter.status]}",
            "refresh the list of letters",
        )
    _not_before_issue(letter, at, "rectified_at")
    if not snapshot_ids:
        raise FieldError(
            "snapshot_ids",
            "a re-inspection needs at least one photo",
            "take photos of the rectified windows first",
            code="required",
        )
    shots = []
    for shot_id in dict.fromkeys(snapshot_ids):
        shot = session.get(Snapshot, shot_id)
        if shot is None or shot.deleted or shot.hall_id != letter.hall_id:
            raise NotFoundError(f"no photo with id {shot_id} in this hall", "refresh the gallery")
        if letter.issued_at is not None and shot.taken_at < letter.issued_at:
            raise FieldError(
                "snapshot_ids",
                f"photo {shot_id} was taken before the notice was issued",
                "a re-inspection's photos are taken after the notice",
                code="time_order",
            )
        shots.append(shot)
    letter.rectified_at = at
    letter.status = LetterStatus.RECTIFIED
    letter.rectification = {
        "note": note.strip()[:MAX_REASON],
        "snapshots": [
            {
                "snapshot_id": str(shot.id),
                "sha256": shot.original_sha256,
                "taken_at": shot.taken_at.isoformat(),
            }
            for shot in shots
        ],
    }
    for finding in _findings(session, letter.id):
        finding.status = FindingStatus.CLOSED
    session.flush()


def revoke_letter(
    session: Session, letter_id: uuid.UUID, reason: str, *, at: datetime | None = None
) -> None:
    """Revoke an issued letter: its number stays taken, the reason is kept."""
    at = at or utcnow()
    letter = _letter(session, letter_id)
    if letter.status is LetterStatus.DRAFT:
        raise ConflictError("a draft has no number to revoke", "discard the draft instead")
    if letter.status is LetterStatus.REVOKED:
        raise ConflictError(f"letter {letter.doc_no} was already revoked", "refresh the list")
    letter.revoked_reason = _reason("reason", reason)
    letter.revoked_at = at
    actor = session.info.get("actor")
    letter.revoked_by = getattr(actor, "user", "") or ""
    letter.status = LetterStatus.REVOKED
    if letter.kind is LetterKind.RECTIFICATION:
        # The problems stand until a new notice (or a re-inspection) deals with them.
        for finding in _findings(session, letter.id):
            if finding.status is FindingStatus.RECTIFYING:
                finding.status = FindingStatus.OPEN
    session.flush()


# --- reading ----------------------------------------------------------------------------


def _rows(session: Session, letters: Sequence[Letter], today: date) -> list[LetterRow]:
    staff_ids = {x.recipient_staff_id for x in letters if x.recipient_staff_id}
    unit_ids = {x.recipient_unit_id for x in letters if x.recipient_unit_id}
    people = {
        s.id: f"{s.name}（{s.staff_no}）"
        for s in session.scalars(select(Staff).where(Staff.id.in_(staff_ids)))
    }
    units = {u.id: u.name for u in session.scalars(select(Unit).where(Unit.id.in_(unit_ids)))}
    calendars: dict[uuid.UUID, Any] = {}
    rows = []
    for x in letters:
        overdue_days = 0
        if x.deadline is not None and x.deadline < today and _waiting(x):
            calendar = calendars.get(x.hall_id)
            if calendar is None:
                calendar = calendars[x.hall_id] = hall_calendar(session, x.hall_id)
            # As for cases: working days past the deadline (a weekend after it is 0).
            overdue_days = calendar.working_days_between(x.deadline, today)
        recipient = (
            people.get(x.recipient_staff_id)
            if x.recipient_staff_id and x.kind is LetterKind.WARNING
            else None
        )
        f = x.fields or {}
        rows.append(
            LetterRow(
                x.id,
                x.kind,
                x.status,
                x.doc_no,
                x.title,
                str(f.get("addressee", "")),
                recipient or _unit_name(units, x.recipient_unit_id),
                _window_text(f),
                x.created_at,
                x.issued_at,
                x.deadline,
                x.delivered_at,
                overdue_days > 0,
                overdue_days,
            )
        )
    return rows


def _unit_name(units: Mapping[uuid.UUID, str], unit_id: uuid.UUID | None) -> str:
    return units.get(unit_id, "") if unit_id is not None else ""


def _waiting(letter: Letter) -> bool:
    if letter.status in _WAITING:
        return True
    return letter.kind is LetterKind.RECTIFICATION and letter.status is LetterStatus.ACKNOWLEDGED


def _window_text(f: Mapping[str, Any]) -> str:
    numbers = dict.fromkeys(e.get("window_no", "") for e in f.get("evidence", []))
    numbers.pop("", None)
    return "、".join(numbers)


def list_letters(
    session: Session,
    hall_id: uuid.UUID,
    *,
    kind: LetterKind | None = None,
    status: LetterStatus | None = None,
    overdue_only: bool = False,
    text: str = "",
    today: date | None = None,
) -> list[LetterRow]:
    """Return the hall's letters, newest first, with where each stands."""
    hall = _hall(session, hall_id)
    today = today or local_day(utcnow(), hall_zone(hall.timezone))
    query = select(Letter).where(Letter.hall_id == hall_id, Letter.deleted.is_(False))
    if kind is not None:
        query = query.where(Letter.kind == kind)
    if status is not None:
        query = query.where(Letter.status == status)
    letters = list(session.scalars(query.order_by(Letter.created_at.desc(), Letter.id.desc())))
    rows = _rows(session, letters, today)
    if overdue_only:
        rows = [r for r in rows if r.overdue]
    needle = text.strip()
    if needle:
        rows = [
            r
            for r in rows
            if needle in r.doc_no
            or needle in r.title
            or needle in r.addressee
            or needle in r.recipient
        ]
    return rows


def get_letter(
    session: Session, letter_id: uuid.UUID, *, today: date | None = None
) -> LetterDetail:
    """Return a letter with its fields, evidence and history."""
    letter = _letter(session, letter_id)
    hall = _hall(session, letter.hall_id)
    today = today or local_day(utcnow(), hall_zone(hall.timezone))
    row = _rows(session, [letter], today)[0]
    f = dict(letter.fields or {})
    evidence = tuple(
        EvidenceLine(
            str(e.get("snapshot_id", "")),
            str(e.get("taken_at", "")),
            str(e.get("sha256", "")),
            str(e.get("window_no", "")),
            _evidence_words(e, k, hall),
        )
        for k, e in enumerate((e for e in _list_of(f, "evidence") if isinstance(e, dict)), start=1)
    )
    history: list[tuple[datetime, str]] = [(letter.created_at, "起草")]
    if letter.issued_at:
        history.append((letter.issued_at, f"签发 {letter.doc_no}（{letter.issued_by}）"))
    if letter.delivered_at:
        history.append(
            (letter.delivered_at, f"{letter.delivery_method}，签收人：{letter.delivered_to}")
        )
    if letter.acknowledged_at:
        history.append((letter.acknowledged_at, "签收回复"))
    if letter.rectified_at:
        history.append((letter.rectified_at, "复查整改到位"))
    if letter.revoked_at:
        history.append((letter.revoked_at, f"撤销（{letter.revoked_by}）：{letter.revoked_reason}"))
    links = tuple(
        session.scalars(
            select(LetterFinding.finding_id).where(
                LetterFinding.letter_id == letter.id, LetterFinding.deleted.is_(False)
            )
        )
    )
    return LetterDetail(
        row=row,
        fields=f,
        evidence=evidence,
        finding_ids=links,
        source=letter.source,
        pdf_sha256=letter.pdf_sha256,
        issued_by=letter.issued_by,
        delivery_method=letter.delivery_method,
        delivered_to=letter.delivered_to,
        acknowledged_at=letter.acknowledged_at,
        acknowledgement=letter.acknowledgement,
        rectified_at=letter.rectified_at,
        rectification=dict(letter.rectification or {}),
        revoked_at=letter.revoked_at,
        revoked_by=letter.revoked_by,
        revoked_reason=letter.revoked_reason,
        history=tuple(history),
    )


def find_letter_id(session: Session, text: str) -> uuid.UUID:
    """Return the letter named by its id, a unique id prefix, or its 文号."""
    needle = text.strip()
    if not needle:
        raise FieldError("letter", "no letter given", "give its id or 文号", code="required")
    try:
        return uuid.UUID(needle)
    except ValueError:
        pass
    by_number = session.scalars(
        select(Letter.id).where(Letter.doc_no == needle, Letter.deleted.is_(False))
    ).all()
    if len(by_number) == 1:
        return by_number[0]
    if len(by_number) > 1:  # synced in from before numbers were unique across halls
        raise FieldError(
            "letter",
            f"{needle} names {len(by_number)} letters",
            "give the letter's id (see 'hallwatch letter list')",
            code="ambiguous",
        )
    prefix = needle.lower()
    if len(prefix) >= 6:
        ids = [
            i
            for i in session.scalars(select(Letter.id).where(Letter.deleted.is_(False)))
            if str(i).startswith(prefix) or str(i).replace("-", "").startswith(prefix)
        ]
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise FieldError(
                "letter",
                f"{needle!r} names {len(ids)} letters",
                "give more of the id",
                code="ambiguous",
            )
    raise NotFoundError(f"no letter {needle!r}", "see 'hallwatch letter list'")
