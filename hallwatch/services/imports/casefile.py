"""Approval-system imports (审批系统办件): one row per case into the cases table.

A row gives the case number and its accepted time (both required; a date alone is
read as the start of that day), and as the export has them: the ticket number,
service item (by code or name), unit, window, staff, promised and legal limits in
working days (from the service item when the file has none), paused working days
(补正, 挂起, excluded steps), extension days (延期), finish time, state and rating.

Due dates are computed as domain.cases.due_dates does, with the hall's calendar
(its holiday table, then chinesecalendar): the day of acceptance is not counted,
pauses push both dates, an extension the legal one. When a due date relies on a year
that neither knows, it is counted Monday to Friday and marked provisional (待确认):
the row goes in, with a warning that names the row and the year.

Checked by row: a finish not before the acceptance and no time in the future, limits
that are whole numbers with the promised one not longer than the legal one, a state
that agrees with the finish time, the units, windows, staff and items of the hall, a
rating on the source's scale and not on a withdrawn case.

Duplicates: a case is its case number. The same number twice in a file is merged when
both rows say the same, else an error. A case number already stored is the same case
(an export of the month imported again): left alone, or updated field by field where
the file says something else, such as a case finished since. A case number not stored
yet, with a ticket number that a stored queue ticket of the acceptance day has (and no
case number of its own), is that ticket's case: it goes into the ticket's row, which
the approval system keeps from then on (its state, finish, limits and due dates win;
the ticket's times, end of service and rating stay).

Limits: each case stores its promised and legal working days, from the file or else
the item's at the import, and every later recomputation of its due dates (a changed
holiday table) counts from those, never from the catalogue as it is then.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.enums import CaseStatus
from hallwatch.services.imports.caserows import (
    DERIVED,
    F_ACCEPTED,
    F_NUMBER,
    MAX_CASE_NO,
    MAX_TICKET,
    NONE,
    QUEUE_SOURCE,
    STATUS_INDEX,
    CaseContext,
    CaseTable,
    Plan,
    RowChecker,
    local_ordinal,
    parse_days,
    status_words,
    with_mapped_states,
)
from hallwatch.services.imports.report import RowError, RowProblem
from hallwatch.services.imports.values import text_value
from hallwatch.storage.models import Case

ROW_SOURCE = "approval"
# Up to this many good rows, stored case numbers are looked up by number; beyond, all
# of the hall's are read at once.
LOOKUP_BY_NUMBER = 5_000

STATES = status_words(
    {
        CaseStatus.ACCEPTED: (
            "受理",
            "已受理",
            "在办",
            "办理中",
            "正在办理",
            "审批中",
            "审核中",
            "审查中",
            "待审批",
            "承办",
            "inprogress",
            "open",
            "pending",
            "processing",
        ),
        CaseStatus.PAUSED: (
            "挂起",
            "已挂起",
            "暂停",
            "暂停计时",
            "补正",
            "补正中",
            "补齐补正",
            "中止",
            "特别程序",
            "hold",
            "onhold",
            "suspended",
        ),
        CaseStatus.FINISHED: (
            "办结",
            "已办结",
            "完成",
            "已完成",
            "办毕",
            "结案",
            "已结案",
            "准予许可",
            "不予许可",
            "done",
            "completed",
            "closed",
        ),
        CaseStatus.ABANDONED: (
            "撤件",
            "撤回",
            "已撤回",
            "撤销申请",
            "作废",
            "withdrawn",
            "cancelled",
            "canceled",
        ),
        CaseStatus.TRANSFERRED: ("转办", "已转办", "移交", "已移交", "转出", "transfer"),
    }
)
STATE_EXAMPLES = (
    "在办, 补正, 办结, 撤件 or 转办 (accepted, paused, finished, abandoned, transferred)"
)
_LIMITS = {
    "promised_days": "promised limit (承诺时限)",
    "legal_days": "legal limit (法定时限)",
    "paused_days": "paused days",
    "extended_days": "extension days",
}


class CaseChecker(RowChecker):
    """Read one case of an approval-system export."""

    kind = "cases"

    def __init__(self, table: CaseTable, ctx: CaseContext) -> None:
        super().__init__(table, ctx)
        self.states = with_mapped_states(STATES, table.mapping)

    def days(self, cells: list[Any], name: str) -> int | None:
        value = self.cell(cells, name)
        try:
            return parse_days(value)
        except ValueError as error:
            raise RowProblem(
                self.names[name],
                text_value(value),
                f"cannot read the {_LIMITS[name]}: {error}",
                "bad_days",
            ) from None

    def check(self, cells: list[Any], number: int, plan: Plan) -> tuple[Any, list[int], str, str]:
        case_no = self.text(cells, "case_no", MAX_CASE_NO, "case number")
        if not case_no:
            raise RowProblem(self.names["case_no"], "", "the case number is empty", "empty_case_no")
        ticket = self.text(cells, "ticket_no", MAX_TICKET, "ticket number")
        accepted = self.moment(
            cells, "accepted_at", None, "accepted time", date_only=True, required=True
        )
        assert accepted is not None
        finished = self.moment(
            cells, "finished_at", accepted.date(), "finish time", date_only=True, placeholder=True
        )
        rated = self.moment(cells, "rated_at", accepted.date(), "rating time")
        accepted_s = self.to_epoch(accepted, "accepted_at")
        earlier = [("it was accepted", accepted_s, accepted)]
        finished_s = rated_s = NONE
        if finished is not None:
            finished_s = self.to_epoch(finished, "finished_at")
            self.before("finished_at", finished, finished_s, earlier)
        if rated is not None:
            rated_s = self.to_epoch(rated, "rated_at")
            self.before("rated_at", rated, rated_s, earlier)

        state = self.status(cells, self.states, STATE_EXAMPLES)
        if state is None:
            derived = CaseStatus.FINISHED if finished is not None else CaseStatus.ACCEPTED
            status = STATUS_INDEX[derived] + DERIVED
        else:
            status = STATUS_INDEX[state]
            said = self.text(cells, "state")
            if state is CaseStatus.FINISHED and finished is None:
                raise RowProblem(
                    self.names.get("finished_at") or self.names["state"],
                    "",
                    f"the state is {said} but the finish time is empty",
                    "finished_without_time",
                )
            if state in (CaseStatus.ACCEPTED, CaseStatus.PAUSED) and finished is not None:
                raise RowProblem(
                    self.names["state"],
                    said,
                    f"the state is {said} (still open) but the case has a finish time",
                    "state_conflict",
                )

        unit, window, staff, item = self.places(cells)
        promised = self.days(cells, "promised_days")
        legal = self.days(cells, "legal_days")
        paused = self.days(cells, "paused_days")
        extended = self.days(cells, "extended_days")
        if item >= 0:
            item_promised, item_legal = self.ctx.item_limits[item]
            promised = item_promised if promised is None else promised
            legal = item_legal if legal is None else legal
        for name, value in (("promised_days", promised), ("legal_days", legal)):
            if value is None:
                where = (
                    "the service item is unknown"
                    if item < 0 and not self.text(cells, "item")
                    else "the service item has none"
                )
                raise RowProblem(
                    self.names.get(name) or self.names.get("item", ""),
                    "",
                    f"no {_LIMITS[name]}: the file gives none and {where}; add the column or "
                    "the item",
                    "missing_limit",
                )
        assert promised is not None
        assert legal is not None
        if promised > legal:
            raise RowProblem(
                self.names.get("promised_days") or self.names.get("item", ""),
                str(promised),
                f"the promised limit ({promised} working days) is longer than the legal limit "
                f"({legal})",
                "limit_order",
            )
        promised_due, legal_due, guessed = self.ctx.due(
            accepted.date().toordinal(), promised, legal, paused or 0, extended or 0
        )
        level, raw_index = self.rating(cells, plan)
        self.rated_unserved(cells, status, level)
        row = [
            number,
            NONE,
            NONE,
            accepted_s,
            finished_s,
            (rated_s if rated_s >= 0 else finished_s) if level > 0 else NONE,
            unit,
            window,
            staff,
            item,
            status,
            NONE,
            NONE if paused is None else paused,
            NONE if extended is None else extended,
            promised_due,
            legal_due,
            int(guessed),
            level,
            raw_index,
            NONE,
            promised,
            legal,
        ]
        return case_no, row, ticket, case_no

    def duplicate(self, number: int, plan: Plan, first: int, key: Any) -> RowError:
        return RowError(
            number,
            self.names["case_no"],
            str(key),
            f"case {key} appears again with other values (first on row "
            f"{plan.get(first, F_NUMBER)})",
            "duplicate_case",
        )


def match_cases(
    session: Session, ctx: CaseContext, plan: Plan
) -> tuple[dict[int, uuid.UUID], dict[int, RowError]]:
    """Match the good rows with the stored cases of the same case number."""
    wanted = plan.case_nos
    stored: dict[str, uuid.UUID] = {}
    query = select(Case.id, Case.case_no).where(
        Case.hall_id == ctx.hall_id, Case.deleted.is_(False), Case.case_no != ""
    )
    if len(wanted) <= LOOKUP_BY_NUMBER:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for case_id, case_no in session.execute(query.where(Case.case_no.in_(chunk))):
                stored.setdefault(case_no, case_id)
    else:
        for case_id, case_no in session.execute(query):
            stored.setdefault(case_no, case_id)
    matches = {row: stored[case_no] for row, case_no in enumerate(wanted) if case_no in stored}
    matches.update(_link_tickets(session, ctx, plan, matches))
    return matches, {}


def _link_tickets(
    session: Session, ctx: CaseContext, plan: Plan, matches: dict[int, uuid.UUID]
) -> dict[int, uuid.UUID]:
    """Link new cases to the stored queue tickets they were accepted from.

    A ticket is its number on the day it was taken; a case accepted that day with that
    ticket number is the ticket's case, unless the ticket already belongs to another
    case number. The queue export may have come first: the case then goes into the
    ticket's row, so the two exports' ratings are one rating.
    """
    rows = [row for row in range(plan.rows) if row not in matches and plan.tickets[row]]
    if not rows:
        return {}
    used = set(matches.values())
    accepted = [plan.get(row, F_ACCEPTED) for row in rows]
    # A local day reaches at most 14 hours either side of UTC.
    low = datetime.fromtimestamp(min(accepted), UTC) - timedelta(days=1)
    high = datetime.fromtimestamp(max(accepted), UTC) + timedelta(days=1)
    numbers = sorted({plan.tickets[row] for row in rows})
    stored: dict[tuple[int, str], uuid.UUID] = {}
    for start in range(0, len(numbers), 500):
        found = session.execute(
            select(Case.id, Case.ticket_no, Case.taken_at).where(
                Case.hall_id == ctx.hall_id,
                Case.deleted.is_(False),
                Case.source == QUEUE_SOURCE,
                Case.case_no == "",
                Case.ticket_no.in_(numbers[start : start + 500]),
                Case.taken_at >= low,
                Case.taken_at <= high,
            )
        )
        for case_id, ticket, taken_at in found:
            if taken_at is not None and case_id not in used:
                day = local_ordinal(int(taken_at.timestamp()), ctx.zone)
                stored.setdefault((day, ticket), case_id)
    linked: dict[int, uuid.UUID] = {}
    for row, epoch in zip(rows, accepted, strict=True):
        key = (local_ordinal(epoch, ctx.zone), plan.tickets[row])
        if key in stored:
            linked[row] = stored.pop(key)
    return linked
