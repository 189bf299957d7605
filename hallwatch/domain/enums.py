"""Closed vocabularies stored in the database as their string values."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class Role(StrEnum):
    INSPECTOR = "inspector"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    VIEWER = "viewer"


class AssignmentRole(StrEnum):
    PRIMARY = "primary"
    BACKUP = "backup"  # AB角: the stand-in who covers an empty window


class AttendanceKind(StrEnum):
    PUNCH = "punch"  # a device punch; in/out is decided by the rules, not the device
    CHECK_IN = "check_in"
    CHECK_OUT = "check_out"
    LEFT_POST = "left_post"
    RETURNED = "returned"
    ABSENT_NOTED = "absent_noted"
    CORRECTION = "correction"  # 补签: a signed correction for a missing punch


class AttendanceSource(StrEnum):
    DEVICE = "device"
    IMPORT = "import"
    MANUAL = "manual"
    SPOT_CHECK = "spot_check"


class LeaveKind(StrEnum):
    OFFICIAL = "official"  # 公假
    PERSONAL = "personal"  # 事假
    SICK = "sick"  # 病假
    OUTING = "outing"  # 临时外出
    VACATION = "vacation"  # 休假


class ItemType(StrEnum):
    IMMEDIATE = "immediate"  # 即办件
    PROMISED = "promised"  # 承诺件


class CaseStatus(StrEnum):
    WAITING = "waiting"  # ticket taken, not yet called
    CALLED = "called"
    ABANDONED = "abandoned"  # 过号/弃号
    ACCEPTED = "accepted"  # 受理, the clock runs
    PAUSED = "paused"  # 补正/挂起, the clock stops
    FINISHED = "finished"
    TRANSFERRED = "transferred"


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    SEVERE = "severe"  # 严重超期: past the legal limit


class SpotCheckKind(StrEnum):
    OPEN = "open"  # 明查
    COVERT = "covert"  # 暗访
    SURPRISE = "surprise"  # 突击检查
    VIDEO = "video"  # 视频巡查


class FindingStatus(StrEnum):
    OPEN = "open"
    RECTIFYING = "rectifying"
    CLOSED = "closed"


class ComplaintStatus(StrEnum):
    REGISTERED = "registered"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    INVESTIGATING = "investigating"
    HANDLED = "handled"
    REPLIED = "replied"
    ARCHIVED = "archived"


class LetterKind(StrEnum):
    WARNING = "warning"  # 效能告诫书
    SUPERVISION = "supervision"  # 督办通知书
    RECTIFICATION = "rectification"  # 整改通知书


class LetterStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    DELIVERED = "delivered"
    ACKNOWLEDGED = "acknowledged"
    RECTIFIED = "rectified"
    REVOKED = "revoked"


class OutboxState(StrEnum):
    PENDING = "pending"
    ACKED = "acked"
    REJECTED = "rejected"  # can never succeed; shown in the sync problems list


class WindowEventKind(StrEnum):
    PAUSED = "paused"  # 暂停服务
    RESUMED = "resumed"


class SuggestionStatus(StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


def parse_word(value: E | str, words: Mapping[E, str], what: str) -> E:
    """Return the member for itself, its value ("covert") or its Chinese word (暗访).

    Raises FieldError on the field "kind", naming `what` and the choices.
    """
    from hallwatch.domain.errors import FieldError

    kind = type(next(iter(words)))
    if isinstance(value, kind):
        return value
    text = value.strip()
    for member, word in words.items():
        if text in (member.value, word):
            return member
    raise FieldError(
        "kind",
        f"{what} {value!r} is not known",
        "choose one of: " + ", ".join(f"{m.value} ({w})" for m, w in words.items()),
        code="unknown_kind",
        params=(value,),
    )
