"""Which column holds what: header recognition and saved mappings.

Exports name their columns differently by vendor (工号, 考勤号码, AC-No., 人员编号 …).
`detect_columns` recognises the common Chinese and English headers on its own; a
`ColumnMapping` names the rest, and can be saved per source as a hall setting
(key `import_mapping:<name>`), so the next export from that source imports in
one step. Headers are compared after NFKC folding (full-width letters and
brackets), case folding and dropping spaces and punctuation.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.enums import CaseStatus
from hallwatch.domain.errors import InputError, NotFoundError
from hallwatch.services.imports.reading import SourceInfo, TableReader, TableRow
from hallwatch.services.imports.report import (
    MAX_COLUMN,
    ErrorLog,
    ImportFileError,
    RowError,
    clip,
    listing,
)
from hallwatch.services.imports.values import (
    clean_text,
    parse_local_datetime,
    parse_time,
    text_value,
)
from hallwatch.storage.models import Setting

SETTING_PREFIX = "import_mapping:"
MAX_NAME = 60
# Rows searched for the header row (exports often start with a title and a blank row).
HEADER_SEARCH_ROWS = 30
# Columns a header row may have: a spreadsheet's own limit (Excel: 16,384, column XFD).
MAX_COLUMNS = 16_384


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A field an import reads, the headers it is known by, and whether it must be there."""

    name: str
    label: str  # how messages name it
    required: bool
    aliases: tuple[str, ...]
    # Substrings that identify it inside longer headers (e.g. 员工工号), after the exact names.
    partial: tuple[str, ...] = ()


# Punch-time headers: some always hold a date and a time, others may hold a time only
# (then a separate date column says the day).
_DATETIME_ALIASES = (
    "日期时间",
    "打卡日期时间",
    "签到日期时间",
    "考勤日期时间",
    "datetime",
    "timestamp",
)
_TIME_ALIASES = (
    "打卡时间",
    "签到时间",
    "考勤时间",
    "刷卡时间",
    "记录时间",
    "识别时间",
    "通行时间",
    "时间",
    "time",
    "punchtime",
    "checktime",
    "clocktime",
    "recordtime",
)
_DATE_ALIASES = ("日期", "打卡日期", "考勤日期", "签到日期", "刷卡日期", "记录日期", "date")
_NAME_ALIASES = ("姓名", "name", "员工姓名", "人员姓名", "职工姓名", "名字", "fullname")
_UNIT_ALIASES = (
    "部门",
    "单位",
    "department",
    "dept",
    "所属部门",
    "所属单位",
    "部门名称",
    "单位名称",
    "进驻单位",
    "窗口单位",
    "unit",
)
_WINDOW_ALIASES = ("窗口", "窗口号", "窗口编号", "window", "windowno", "windownumber")

PUNCH_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "pin",
        "staff PIN (工号/考勤号码)",
        True,
        (
            "工号",
            "pin",
            "考勤号码",
            "考勤号",
            "人员编号",
            "用户编号",
            "登记号码",
            "员工编号",
            "考勤编号",
            "员工号",
            "职工号",
            "acno",
            "userid",
            "用户id",
            "人员id",
            "employeeid",
            "employeeno",
            "empno",
            "badgenumber",
            "enrollnumber",
            "staffno",
            "编号",
        ),
        ("工号", "考勤号", "人员编号", "员工编号"),
    ),
    FieldSpec(
        "datetime",
        "punch time (日期时间)",
        False,
        _DATETIME_ALIASES + _TIME_ALIASES,
        ("日期时间", "打卡时间", "签到时间", "考勤时间", "刷卡时间"),
    ),
    FieldSpec("date", "punch date (日期)", False, _DATE_ALIASES),
    FieldSpec("time", "time of day (时间)", False, _TIME_ALIASES),
    # ZKTime's 签到/签退 sheets: a row per day and period, the sign-out a punch of its own.
    FieldSpec(
        "time_out",
        "sign-out time (签退时间)",
        False,
        ("签退时间", "签退", "签退时刻", "签退日期时间", "signouttime", "clockouttime"),
        ("签退",),
    ),
    FieldSpec("name", "name (姓名)", False, _NAME_ALIASES, ("姓名",)),
    FieldSpec("department", "department (部门)", False, _UNIT_ALIASES),
    FieldSpec(
        "device",
        "device (机器号)",
        False,
        (
            "机器号",
            "设备号",
            "设备编号",
            "机器编号",
            "设备名称",
            "设备序列号",
            "考勤机",
            "设备",
            "终端",
            "device",
            "deviceid",
            "deviceno",
            "devicesn",
            "machine",
            "machineno",
            "terminal",
            "sn",
        ),
        ("机器号", "设备"),
    ),
    FieldSpec("window", "window (窗口)", False, _WINDOW_ALIASES),
)

ROSTER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "staff_no",
        "staff number (工号)",
        True,
        (
            "工号",
            "员工编号",
            "人员编号",
            "职工号",
            "员工号",
            "职工编号",
            "staffno",
            "staffnumber",
            "employeeno",
            "employeeid",
            "empno",
            "编号",
        ),
        ("工号", "人员编号", "员工编号"),
    ),
    FieldSpec("name", "name (姓名)", True, _NAME_ALIASES, ("姓名",)),
    FieldSpec("unit", "unit (单位/部门)", False, _UNIT_ALIASES, ("单位", "部门")),
    FieldSpec("window", "window (窗口)", False, _WINDOW_ALIASES, ("窗口",)),
    FieldSpec(
        "pin",
        "punch-clock PIN (考勤号)",
        False,
        ("考勤号", "考勤号码", "考勤编号", "打卡号", "指纹号", "登记号码", "pin", "acno"),
        ("考勤",),
    ),
    FieldSpec(
        "phone",
        "phone (电话)",
        False,
        ("电话", "手机", "手机号", "手机号码", "联系电话", "电话号码", "phone", "mobile", "tel"),
        ("电话", "手机"),
    ),
    FieldSpec("position", "position (岗位)", False, ("岗位", "职务", "职位", "position", "post")),
    FieldSpec("gender", "gender (性别)", False, ("性别", "gender", "sex")),
    FieldSpec(
        "role",
        "window role (A/B角)",
        False,
        ("角色", "ab角", "岗位类型", "顶岗角色", "主备岗", "role"),
    ),
)

# Queue (排队叫号) and approval-system (审批系统) exports: one row per ticket or case.
_TICKET = FieldSpec(
    "ticket_no",
    "ticket number (票号/排队号)",
    True,
    (
        "票号",
        "排队号",
        "取号号码",
        "排队号码",
        "取号号",
        "取号编号",
        "排号",
        "小票号",
        "叫号号码",
        "顺序号",
        "号码",
        "ticketno",
        "ticket",
        "ticketnumber",
        "queueno",
        "queuenumber",
    ),
    ("票号", "排队号", "取号号"),
)
_CASE_NO = FieldSpec(
    "case_no",
    "case number (办件编号)",
    False,
    (
        "办件编号",
        "办件号",
        "办件流水号",
        "受理编号",
        "受理号",
        "申办编号",
        "业务编号",
        "业务流水号",
        "流水号",
        "caseno",
        "casenumber",
        "caseid",
        "applicationno",
    ),
    ("办件编号", "办件号", "受理编号", "申办编号"),
)
_ITEM = FieldSpec(
    "item",
    "service item (事项/业务类型)",
    False,
    (
        "事项",
        "事项名称",
        "事项编码",
        "业务类型",
        "业务名称",
        "办理事项",
        "服务事项",
        "申办事项",
        "办理业务",
        "业务类别",
        "业务",
        "servicetype",
        "service",
        "serviceitem",
        "business",
        "businesstype",
        "item",
        "itemname",
    ),
    ("事项", "业务类型", "业务名称"),
)
_UNIT = FieldSpec("unit", "unit (单位/部门)", False, _UNIT_ALIASES, ("单位", "部门"))
_WINDOW = FieldSpec(
    "window",
    "window (窗口)",
    False,
    (
        *_WINDOW_ALIASES,
        "窗口名称",
        "受理窗口",
        "办理窗口",
        "服务窗口",
        "叫号窗口",
        "counter",
        "counterno",
    ),
    ("窗口",),
)
_STAFF = FieldSpec(
    "staff",
    "staff (工号/操作员)",
    False,
    (
        "工号",
        "操作员",
        "操作员工号",
        "操作员姓名",
        "办理人",
        "办理人员",
        "办理人姓名",
        "受理人",
        "受理人员",
        "经办人",
        "工作人员",
        "窗口人员",
        "柜员",
        "柜员号",
        "叫号员",
        "staffno",
        "staff",
        "operator",
        "clerk",
        "employeeno",
        "employeeid",
    ),
    ("工号", "操作员", "办理人", "受理人", "经办人"),
)
_DATE = FieldSpec(
    "date", "date (日期)", False, ("日期", "业务日期", "办理日期", "取号日期", "date")
)
_TAKEN = FieldSpec(
    "taken_at",
    "take-ticket time (取号时间)",
    True,
    (
        "取号时间",
        "取票时间",
        "领号时间",
        "取号日期时间",
        "排队时间",
        "到达时间",
        "taketime",
        "takentime",
        "tickettime",
        "issuedtime",
        "arrivaltime",
        "queuetime",
    ),
    ("取号时间", "取号"),
)
_CALLED = FieldSpec(
    "called_at",
    "call time (叫号时间)",
    False,
    (
        "叫号时间",
        "呼叫时间",
        "首次叫号时间",
        "开始办理时间",
        "办理开始时间",
        "calltime",
        "calledtime",
        "calledat",
    ),
    ("叫号时间", "呼叫时间", "叫号"),
)
_ACCEPTED = FieldSpec(
    "accepted_at",
    "accepted time (受理时间)",
    False,
    (
        "受理时间",
        "受理日期",
        "收件时间",
        "收件日期",
        "受理日期时间",
        "accepted",
        "acceptedtime",
        "accepttime",
        "acceptedat",
        "accepteddate",
    ),
    ("受理时间", "受理日期", "收件时间"),
)
_FINISHED = FieldSpec(
    "finished_at",
    "finish time (办结时间)",
    False,
    (
        "办结时间",
        "完成时间",
        "结束时间",
        "办理结束时间",
        "办理完成时间",
        "办结日期",
        "finishtime",
        "finishedtime",
        "finishedat",
        "endtime",
        "completedtime",
        "finished",
    ),
    ("办结时间", "完成时间", "结束时间", "办结日期"),
)
_STATE = FieldSpec(
    "state",
    "state (状态)",
    False,
    ("状态", "办理状态", "业务状态", "票号状态", "排队状态", "办件状态", "status", "state"),
    ("状态",),
)
_HOLD = FieldSpec(
    "hold_minutes",
    "hold minutes (挂起时长)",
    False,
    (
        "挂起时长",
        "挂起分钟",
        "挂起时长分钟",
        "挂起时间",
        "暂停时长",
        "holdminutes",
        "hold",
        "holdtime",
    ),
    ("挂起时长", "暂停时长"),
)
_RATING = FieldSpec(
    "rating",
    "rating (评价)",
    False,
    (
        "评价",
        "满意度",
        "评价结果",
        "评价等级",
        "评价值",
        "好差评",
        "满意度评价",
        "服务评价",
        "rating",
        "satisfaction",
        "evaluation",
    ),
    ("评价", "满意度"),
)
_RATED = FieldSpec(
    "rated_at",
    "rating time (评价时间)",
    False,
    ("评价时间", "评价日期时间", "ratedtime", "ratingtime", "ratedat", "evaluationtime"),
    ("评价时间",),
)

QUEUE_FIELDS: tuple[FieldSpec, ...] = (
    _TICKET,
    _CASE_NO,
    _ITEM,
    _UNIT,
    _WINDOW,
    _STAFF,
    _DATE,
    _TAKEN,
    _CALLED,
    _ACCEPTED,
    _FINISHED,
    _STATE,
    _HOLD,
    _RATING,
    _RATED,
)

CASE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(_CASE_NO.name, _CASE_NO.label, True, _CASE_NO.aliases, _CASE_NO.partial),
    FieldSpec(_TICKET.name, _TICKET.label, False, _TICKET.aliases, _TICKET.partial),
    _ITEM,
    _UNIT,
    _WINDOW,
    _STAFF,
    FieldSpec(_ACCEPTED.name, _ACCEPTED.label, True, _ACCEPTED.aliases, _ACCEPTED.partial),
    FieldSpec(
        "promised_days",
        "promised limit (承诺时限, working days)",
        False,
        (
            "承诺时限",
            "承诺期限",
            "承诺办结时限",
            "承诺办理时限",
            "承诺天数",
            "承诺时限工作日",
            "promiseddays",
            "promisedlimit",
        ),
        ("承诺",),
    ),
    FieldSpec(
        "legal_days",
        "legal limit (法定时限, working days)",
        False,
        (
            "法定时限",
            "法定期限",
            "法定办结时限",
            "法定办理时限",
            "法定天数",
            "法定时限工作日",
            "legaldays",
            "legallimit",
        ),
        ("法定",),
    ),
    FieldSpec(
        "paused_days",
        "paused working days (暂停/补正天数)",
        False,
        (
            "暂停天数",
            "暂停工作日",
            "补正天数",
            "挂起天数",
            "中止天数",
            "特别程序天数",
            "特别程序时限",
            "pauseddays",
            "pausedays",
        ),
        ("暂停", "补正", "挂起", "中止", "特别程序"),
    ),
    FieldSpec(
        "extended_days",
        "extension working days (延期天数)",
        False,
        (
            "延期天数",
            "延长天数",
            "延期时限",
            "延期工作日",
            "延长时限",
            "extendeddays",
            "extensiondays",
            "extension",
        ),
        ("延期", "延长"),
    ),
    _FINISHED,
    _STATE,
    _RATING,
    _RATED,
)

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "punches": PUNCH_FIELDS,
    "roster": ROSTER_FIELDS,
    "queue": QUEUE_FIELDS,
    "cases": CASE_FIELDS,
}
# Kinds whose fields are each their own column (no punch-style date/time split): every
# field's exact header names are tried before any field's partial ones.
ROW_KINDS = ("queue", "cases")

_DROP = re.compile(r"[\s_\-.:：()（）\[\]【】/\\*#'\"]+")


def normalize_header(text: Any) -> str:
    """Return a header folded for comparison: NFKC, lower case, no spaces or punctuation.

    A BOM, zero-width marks and control characters are dropped too: a header pasted
    from a second export still reads as the header.
    """
    if text is None:
        return ""
    value = clean_text(str(text))[0]
    return _DROP.sub("", unicodedata.normalize("NFKC", value).casefold())


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_place(index: int) -> str:
    """Return how messages name a column's place: 'column E (#5)'."""
    return f"column {column_letter(index)} (#{index + 1})"


def mapping_kind(kind: str) -> str:
    """Return the kind of column mapping an import kind uses (attlog files read as punches)."""
    return kind if kind in FIELDS else "punches"


def field_specs(kind: str) -> tuple[FieldSpec, ...]:
    """Return the fields a table import of this kind reads."""
    return FIELDS[mapping_kind(kind)]


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Field → header text, for the columns detection gets wrong or cannot find.

    An empty header text means "this file has no such column".
    """

    kind: str
    fields: dict[str, str] = field(default_factory=dict)
    name: str = ""
    # A source's own state words or numeric state codes → CaseStatus value (queue and
    # case imports), on top of the words the import knows.
    states: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        value: dict[str, Any] = {"kind": self.kind, "fields": dict(self.fields)}
        if self.states:
            value["states"] = dict(self.states)
        return value

    @classmethod
    def from_json(cls, value: Any, name: str = "") -> ColumnMapping:
        if not isinstance(value, dict) or not isinstance(value.get("fields"), dict):
            raise InputError(f"the saved import mapping {name!r} is damaged", "save it again")
        states = value.get("states", {})
        if not isinstance(states, dict):
            raise InputError(f"the saved import mapping {name!r} is damaged", "save it again")
        fields = {str(k): str(v) for k, v in value["fields"].items()}
        words = {str(k): str(v) for k, v in states.items()}
        return cls(str(value.get("kind", "")), fields, name, words)


# --- header row and columns --------------------------------------------------


def find_header_row(
    rows: Sequence[Sequence[Any]], kind: str, mapping: ColumnMapping | None = None
) -> int:
    """Return the index (in rows) of the header row among the first rows of a table."""
    specs = field_specs(kind)
    exact = {alias for spec in specs for alias in spec.aliases}
    partial = {part for spec in specs for part in spec.partial}
    wanted = {normalize_header(text) for text in (mapping.fields.values() if mapping else ())}
    wanted.discard("")
    first_filled: int | None = None
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [normalize_header(cell) for cell in cells[:MAX_COLUMNS]]
        filled = [name for name in names if name]
        if not filled:
            continue
        if first_filled is None:
            first_filled = index
        if wanted and wanted <= set(filled):
            return index
        known = sum(1 for name in filled if name in exact or any(p in name for p in partial))
        if known >= 2:
            return index
    return first_filled if first_filled is not None else 0


def detect_columns(
    kind: str, headers: Sequence[str], samples: Sequence[Sequence[Any]] = ()
) -> dict[str, int]:
    """Return field → column index for the headers this kind recognises."""
    if len(headers) > MAX_COLUMNS:
        raise ImportFileError(
            "too_many_columns",
            f"the header row has {len(headers):,} columns, more than a spreadsheet can hold "
            f"({MAX_COLUMNS:,}): this is not an export's table",
            "check that you chose the right file, or export the data again",
            columns=len(headers),
        )
    names = [normalize_header(header) for header in headers]
    found: dict[str, int] = {}
    used: set[int] = set()
    specs = field_specs(kind)
    if mapping_kind(kind) in ROW_KINDS:
        return _detect_row_columns(names, specs)
    time_fields = {"datetime", "date", "time"}
    for spec in specs:
        if spec.name in time_fields:
            continue
        column = _match(names, spec, used)
        if column is not None:
            found[spec.name] = column
            used.add(column)
    if kind != "roster":
        found.update(_detect_time_columns(names, used, samples))
    return found


def _detect_row_columns(names: list[str], specs: Sequence[FieldSpec]) -> dict[str, int]:
    # 叫号员 is the operator, not a call time; 取号号码 the ticket, not a take time: a
    # field's exact name wins over another field's partial match.
    found: dict[str, int] = {}
    used: set[int] = set()
    where: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        where.setdefault(name, []).append(i)
    for spec in specs:
        for alias in spec.aliases:
            column = next((i for i in where.get(alias, ()) if i not in used), None)
            if column is not None:
                found[spec.name] = column
                used.add(column)
                break
    for spec in specs:
        if spec.name in found:
            continue
        for part in spec.partial:
            column = next(
                (i for i, name in enumerate(names) if i not in used and part in name), None
            )
            if column is not None:
                found[spec.name] = column
                used.add(column)
                break
    return found


def _match(names: list[str], spec: FieldSpec, used: set[int]) -> int | None:
    for alias in spec.aliases:
        for column, name in enumerate(names):
            if column not in used and name == alias:
                return column
    for part in spec.partial:
        for column, name in enumerate(names):
            if column not in used and part in name:
                return column
    return None


def _detect_time_columns(
    names: list[str], used: set[int], samples: Sequence[Sequence[Any]]
) -> dict[str, int]:
    def first(aliases: Sequence[str], partial: Sequence[str] = ()) -> int | None:
        spec = FieldSpec("", "", False, tuple(aliases), tuple(partial))
        return _match(names, spec, used)

    both = first(_DATETIME_ALIASES, ("日期时间",))
    day = first(_DATE_ALIASES)
    clock = first(_TIME_ALIASES, ("打卡时间", "签到时间", "考勤时间", "刷卡时间"))
    if both is not None:
        return {"datetime": both}
    if day is not None and clock is not None and day != clock:
        # A "时间" column may hold the whole moment; then the date column is redundant.
        if _all_parse(samples, clock, parse_local_datetime):
            return {"datetime": clock}
        return {"date": day, "time": clock}
    if clock is not None:
        return {"datetime": clock}
    if day is not None:
        # A "日期" column that holds the time too.
        return {"datetime": day}
    return {}


def _all_parse(samples: Sequence[Sequence[Any]], column: int, parse: Any) -> bool:
    values = [row[column] for row in samples if column < len(row) and row[column] not in (None, "")]
    if not values:
        return False
    try:
        for value in values:
            parse(value)
    except ValueError:
        return False
    return True


def resolve_columns(
    kind: str,
    headers: Sequence[str],
    samples: Sequence[Sequence[Any]] = (),
    mapping: ColumnMapping | None = None,
) -> dict[str, int]:
    """Return field → column: detection, overridden by a mapping; refuse missing fields."""
    columns = detect_columns(kind, headers, samples)
    if mapping is not None:
        columns = apply_mapping(columns, headers, mapping)
    missing = missing_fields(kind, columns)
    if missing:
        specs = {spec.name: spec for spec in field_specs(kind)}
        labels = ", ".join(specs[name].label for name in missing)
        raise ImportFileError(
            "missing_columns",
            f"the file has no column for {labels} (headers found: {_found(headers)})",
            "rename the column in the file or choose it in a saved mapping (--mapping NAME)",
            missing=missing,
            headers=[str(h) for h in headers],
        )
    problem = duplicate_column(kind, headers, columns, mapping)
    if problem is not None:
        raise problem
    return columns


def _found(headers: Sequence[Any]) -> str:
    return listing([h for h in (str(h).strip() for h in headers) if h]) or "none"


_POSITION = re.compile(r"^\s*#\s*(\d{1,7})\s*$")


def duplicate_column(
    kind: str,
    headers: Sequence[Any],
    columns: dict[str, int],
    mapping: ColumnMapping | None = None,
) -> ImportFileError | None:
    """Return the refusal of a field whose header heads two columns, None when there is none.

    Two columns both headed 工号 may hold different numbers (two exports glued side by
    side); taking the first would be a silent guess. Both are refused alike, even when
    they agree, because a disagreement deep in the file would otherwise pass unseen; a
    saved mapping that takes the field from a position (#5) settles it.
    """
    folded: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        name = normalize_header(header)
        if name:
            folded.setdefault(name, []).append(index)
    chosen = {
        name
        for name, header in (mapping.fields.items() if mapping is not None else ())
        if _POSITION.match(header or "")
    }
    specs = {spec.name: spec for spec in field_specs(kind)}
    for name, index in sorted(columns.items(), key=lambda item: item[1]):
        if name in chosen or index >= len(headers):
            continue
        same = folded.get(normalize_header(headers[index]), [])
        if len(same) < 2:
            continue
        header = str(headers[index]).strip()
        places = [column_place(i) for i in same]
        label = specs[name].label if name in specs else name
        return ImportFileError(
            "duplicate_column",
            f"two columns are headed {header!r} ({listing(places, 4)}): the import cannot "
            f"tell which one holds the {label}",
            f"delete or rename one of them, or save a mapping that takes {name} from one "
            f"position (for example {name} = #{same[0] + 1})",
            field=name,
            header=header,
            columns=[column_letter(i) for i in same],
        )
    return None


def apply_mapping(
    columns: dict[str, int], headers: Sequence[str], mapping: ColumnMapping
) -> dict[str, int]:
    """Return the detected columns changed as a mapping says (by header text)."""
    result = dict(columns)
    exact: dict[str, int] = {}
    folded: dict[str, int] = {}
    for place, text in enumerate(headers):
        exact.setdefault(str(text).strip(), place)
        folded.setdefault(normalize_header(text), place)
    known = {spec.name for spec in field_specs(mapping.kind or "punches")}
    for name, header in mapping.fields.items():
        if name not in known:
            continue
        if not header:
            result.pop(name, None)
            continue
        # "#5": the fifth column, whatever it is headed (two columns may share a header).
        position = _POSITION.match(header)
        index: int | None
        if position is not None:
            index = int(position.group(1)) - 1
            if not 0 <= index < len(headers):
                index = None
        else:
            index = exact.get(header.strip())
            if index is None:
                index = folded.get(normalize_header(header))
        if index is None:
            label = f"the mapping {mapping.name!r}" if mapping.name else "the column mapping"
            raise ImportFileError(
                "mapping_column_missing",
                f"{label} takes {name} from column {header!r}, which this file does not have "
                f"(headers found: {_found(headers)})",
                "choose the columns again and save the mapping",
                field=name,
                column=header,
                headers=[str(h) for h in headers],
            )
        # A column holds one field: whatever detection gave it goes.
        for other, column in list(result.items()):
            if column == index and other != name:
                del result[other]
        result[name] = index
    if mapping.fields.get("datetime"):
        result.pop("date", None)
        result.pop("time", None)
    elif mapping.fields.get("date") or mapping.fields.get("time"):
        result.pop("datetime", None)
    return result


def missing_fields(kind: str, columns: dict[str, int]) -> list[str]:
    """Return the required fields that no column holds."""
    missing = [
        spec.name for spec in field_specs(kind) if spec.required and spec.name not in columns
    ]
    if field_specs(kind) is PUNCH_FIELDS and "datetime" not in columns:
        if "date" in columns and "time" not in columns:
            missing.append("time")
        elif "time" in columns and "date" not in columns:
            missing.append("date")
        elif "date" not in columns:
            missing.append("datetime")
    return missing


def is_time_only(samples: Sequence[Sequence[Any]], column: int) -> bool:
    """Return True when a column's sample values are times of day without a date."""
    return _all_parse(samples, column, parse_time) and not _all_parse(
        samples, column, parse_local_datetime
    )


# --- saved mappings ----------------------------------------------------------


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InputError("the mapping has no name", "give it the name of the export's source")
    if len(name) > MAX_NAME:
        raise InputError(
            f"the mapping name {name[:20]!r}… is too long", f"use at most {MAX_NAME} characters"
        )
    return name


def save_mapping(session: Session, hall_id: uuid.UUID, mapping: ColumnMapping) -> ColumnMapping:
    """Save (or replace) a named mapping as a hall setting; return it as saved."""
    name = _check_name(mapping.name)
    kinds = {spec.name for spec in field_specs(mapping.kind)}
    unknown = sorted(set(mapping.fields) - kinds)
    if unknown:
        raise InputError(
            f"the mapping names fields this import does not know: {listing(unknown)}",
            f"use {', '.join(sorted(kinds))}",
        )
    states = check_state_words(mapping.kind, mapping.states)
    key = SETTING_PREFIX + name
    value = ColumnMapping(mapping.kind, dict(mapping.fields), name, states).as_json()
    row = session.scalar(select(Setting).where(Setting.hall_id == hall_id, Setting.key == key))
    if row is None:
        session.add(Setting(hall_id=hall_id, key=key, value=value))
    elif row.value != value or row.deleted:
        row.value = value
        row.deleted = False
    session.flush()
    return ColumnMapping(mapping.kind, dict(mapping.fields), name, states)


def check_state_words(kind: str, states: dict[str, str]) -> dict[str, str]:
    """Return a mapping's state words checked: each names a status of a queue or case import."""
    if not states:
        return {}
    if mapping_kind(kind) not in ROW_KINDS:
        raise InputError(
            f"a {kind} mapping takes no state words", "state words belong to queue or case imports"
        )
    known = {status.value for status in CaseStatus}
    checked: dict[str, str] = {}
    for word, status in states.items():
        text = str(word).strip()
        if not text or len(text) > MAX_NAME:
            raise InputError(
                f"the state word {str(word)[:20]!r} cannot be mapped",
                f"give the word or code as the source writes it, at most {MAX_NAME} characters",
            )
        value = str(status).strip().lower()
        if value not in known:
            raise InputError(
                f"state word {text!r} is mapped to {status!r}, which is not a state",
                f"use one of {', '.join(sorted(known))}",
            )
        checked[text] = value
    return checked


def load_mapping(session: Session, hall_id: uuid.UUID, name: str) -> ColumnMapping:
    """Return a saved mapping by name, or say which ones there are."""
    name = name.strip()
    value = session.scalar(
        select(Setting.value).where(
            Setting.hall_id == hall_id,
            Setting.key == SETTING_PREFIX + name,
            Setting.deleted.is_(False),
        )
    )
    if value is None:
        saved = list_mappings(session, hall_id)
        hint = f"saved mappings: {listing(saved)}" if saved else "no mapping is saved yet"
        raise NotFoundError(f"no saved import mapping named {clip(name)!r}", hint)
    return ColumnMapping.from_json(value, name)


def list_mappings(session: Session, hall_id: uuid.UUID, kind: str | None = None) -> list[str]:
    """Return the names of the saved mappings (of one kind when given), sorted."""
    rows = session.execute(
        select(Setting.key, Setting.value).where(
            Setting.hall_id == hall_id,
            Setting.key.startswith(SETTING_PREFIX, autoescape=True),
            Setting.deleted.is_(False),
        )
    )
    names = []
    for key, value in rows:
        if kind is None or (isinstance(value, dict) and value.get("kind") == kind):
            names.append(key[len(SETTING_PREFIX) :])
    return sorted(names)


# --- the data rows of a table ------------------------------------------------

# Lines that office software prints below (or between) the records: page footers
# (Excel's "Page &P of &N" left as text, 第 1 页 共 3 页), totals and signatures.
_FOOTER = re.compile(
    r"^(?:page\s*\S*\s*of\s*\S*|第\s*\S*\s*页.*|共\s*\S*\s*页.*|&[pn].*"
    r"|合\s*计.*|总\s*计.*|小\s*计.*|制\s*表.*|审\s*核.*|打印(?:时间|日期|人).*"
    r"|total.*|printed.*)$",
    re.IGNORECASE,
)


def footer_text(cells: Sequence[Any]) -> str:
    """Return the text of a footer line (page footer, total, signature), '' for a record.

    A footer starts with the footer's words and fills at most one more cell, or only
    numbers beside it (a totals line: 合计 0 0 2).
    """
    filled = [cell for cell in cells if cell not in (None, "") and str(cell).strip()]
    if not filled or not isinstance(filled[0], str):
        return ""
    text = filled[0].strip()
    if not _FOOTER.match(text):
        return ""
    if len(filled) <= 2 or all(_NUMBER.match(str(cell).strip()) for cell in filled[1:]):
        return text
    return ""


_NUMBER = re.compile(r"^[-+]?\d+(?:[.,:]\d+)*%?$")


class DataTable:
    """The header and the data rows of a CSV/Excel table, as every table import reads them.

    Rows come cleaned: a BOM or zero-width mark goes silently from every cell, control
    characters (terminal escapes) go with a warning naming the row and the column; blank
    rows are skipped, footer lines and a repeated header (a second export pasted below
    the first, or a page header) are skipped with a warning naming the line.
    """

    def __init__(self, info: SourceInfo, kind: str, mapping: ColumnMapping | None = None) -> None:
        self.info = info
        self.kind = kind
        self.mapping = mapping
        self.reader = TableReader(info)
        self.headers: list[str] = []
        self.columns: dict[str, int] = {}
        self.header_row = 0
        self.warnings = ErrorLog()
        # Rows passed over with a warning (footers, repeated headers), by kind.
        self.skipped: dict[str, int] = {"footer_rows": 0, "header_rows": 0}
        self._rows = iter(self.reader)
        self._after: list[TableRow] = []
        head: list[TableRow] = []
        for row in self._rows:
            head.append(row)
            if len(head) >= HEADER_SEARCH_ROWS:
                break
        self.head = head
        if head:
            index = find_header_row([row.cells for row in head], kind, mapping)
            self.header_row = head[index].number
            self.headers = [text_value(cell) for cell in head[index].cells]
            self._after = head[index + 1 :]

    def samples(self, count: int = 20) -> list[list[Any]]:
        """Return the cells of the first data rows (for recognising columns by their values)."""
        return [row.cells for row in self._after if any(row.cells)][:count]

    def resolve(self) -> dict[str, int]:
        """Recognise the columns (or refuse the file) and return field → column."""
        self.columns = resolve_columns(self.kind, self.headers, self.samples(), self.mapping)
        return self.columns

    def column_name(self, index: int) -> str:
        """Return how messages name a column: its header, else its place."""
        header = self.headers[index] if index < len(self.headers) else ""
        return clip(header, MAX_COLUMN) if header else column_place(index)

    def rows(self) -> Iterator[TableRow]:
        """Yield the cleaned data rows (call resolve first)."""
        used = sorted(set(self.columns.values()))
        names = {index: self.column_name(index) for index in used}
        header = {
            index: normalize_header(self.headers[index])
            for index in used
            if index < len(self.headers) and normalize_header(self.headers[index])
        }
        warnings = self.warnings
        # The repeated-header test starts with the first used column's cell; its folded
        # form is kept per value (a PIN column repeats a few hundred values), cleared
        # now and then so memory stays flat.
        first_header = next(iter(header.items()), None)
        folded: dict[tuple[type, Any], str] = {}
        for row in _chain(self._after, self._rows):
            cells = row.cells
            dirty: list[int] = []
            raw = row.raw
            # Every cell's text is part of the row's text (tabs aside, which cleaning
            # keeps): a printable row needs no cell looked at.
            if not raw.isprintable() and not raw.replace("\t", "").isprintable():
                for index, cell in enumerate(cells):
                    if type(cell) is str and not cell.isprintable():
                        cells[index], controls = clean_text(cell)
                        if controls and index in names:
                            dirty.append(index)
            # A truthy cell is filled; only an all-falsy row needs the exact test.
            if not any(cells) and not any(cell not in (None, "") for cell in cells):
                continue
            # A footer starts with text: a row led by a record's text or a number or
            # date cell needs no footer test.
            lead = cells[0]
            if lead.__class__ is str:
                lead_text = lead.strip()
                maybe_footer = not lead_text or _FOOTER.match(lead_text) is not None
            else:
                maybe_footer = lead is None or isinstance(lead, str)
            footer = footer_text(cells) if maybe_footer else ""
            if footer:
                self.skipped["footer_rows"] += 1
                warnings.add(
                    RowError(
                        row.number,
                        "",
                        clip(footer),
                        f"skipped a footer line, not a record ({clip(footer)!r})",
                        "footer_skipped",
                    )
                )
                continue
            if first_header is not None:
                index, name = first_header
                if index < len(cells):
                    value = cells[index]
                    key = (value.__class__, value)
                    found = folded.get(key)
                    if found is None:
                        if len(folded) >= _FOLDED_KEPT:
                            folded.clear()
                        found = folded[key] = normalize_header(value)
                    repeated = found == name and all(
                        index < len(cells) and normalize_header(cells[index]) == name
                        for index, name in header.items()
                    )
                else:
                    repeated = False
            else:
                repeated = False
            if repeated:
                self.skipped["header_rows"] += 1
                warnings.add(
                    RowError(
                        row.number,
                        "",
                        "",
                        f"skipped row {row.number}: it repeats the header of row "
                        f"{self.header_row} (a second export pasted below the first?)",
                        "header_repeated",
                    )
                )
                continue
            for index in dirty:
                warnings.add(
                    RowError(
                        row.number,
                        names[index],
                        clip(text_value(cells[index])),
                        "removed control characters (such as terminal colour codes) from the text",
                        "control_characters",
                    )
                )
            yield row


# Folded header texts DataTable.rows keeps at most (see there).
_FOLDED_KEPT = 4096


def _chain(first: list[TableRow], rest: Iterator[TableRow]) -> Iterator[TableRow]:
    yield from first
    yield from rest
