"""Queue-system imports (排队叫号): one row per ticket into the cases table.

A row gives the ticket number and its take-ticket time (both required), and as the
export has them: the case number, business type (a service item of the catalogue,
by code or name), unit, window, operator (staff number, PIN or name), call,
accepted, finish and rating times, state, hold minutes and rating. A time of day
without a date is put on the row's date (a 日期 column, else the day the ticket was
taken). Ratings are mapped to the national levels with the source's rating scale
(ratings.py). A ticket accepted (受理时间) for a service item gets its due dates.

Checked by row: times in order (called after taken, accepted after called, finished
after all of them) and none in the future, hold minutes within the service time,
windows, staff, units and items the hall knows, a state the import knows and that
agrees with the times (finished needs a finish time, called a call time, waiting has
neither), a rating on the source's scale and only on a ticket that was served. A
rating without a rating time was given when the ticket was finished.

Duplicates: a ticket is its number on the day it was taken (numbers start again
every day). The same ticket twice in a file is merged when both rows say the same,
else an error. A ticket already stored with the same take time is the same ticket:
left alone, or updated field by field where the file says something else (an export
taken before the day was over, imported again later); a stored ticket with that
number and day but another take time is an error, as two tickets cannot share a
number on one day.

A ticket and its case (issue 11): an approval export imported first leaves cases with
no take time. A ticket naming such a case's number, or carrying the case's ticket
number on the day the case was accepted, goes into that case's row: it adds the
ticket's times, its end of service and what the case lacks (window, staff, a
rating), and never changes the case's state, finish, limits or due dates, which the
approval system keeps. So a rating given in both systems is one rating.

States: the words vendors write (STATES; 已弃号, 已过号, 正在办理, 等候中, 已评价 …),
and any a saved mapping adds for its source (numeric codes too). Finish times: the
queue's finish is the end of service at the window (service_finished_at), which
service minutes count from. It is the case's finish as well (finished_at) unless the
ticket was accepted for a service item with a promised limit: that case goes on, open,
until the approval system reports its own finish. A placeholder finish (0001-01-01
00:00:00, 1900-01-01, 0000-00-00 …) is "not finished yet"; any other time before 1970
is refused, quoting the cell as the file wrote it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.enums import CaseStatus
from hallwatch.services.imports.caserows import (
    DERIVED,
    F_NUMBER,
    F_TAKEN,
    MAX_CASE_NO,
    MAX_TICKET,
    NONE,
    STATUS_INDEX,
    STATUSES,
    STRIDE,
    CaseContext,
    CaseTable,
    Plan,
    RowChecker,
    local_ordinal,
    parse_minutes,
    say,
    status_words,
    with_mapped_states,
)
from hallwatch.services.imports.report import RowError, RowProblem
from hallwatch.services.imports.values import parse_date, text_value
from hallwatch.storage.models import Case

ROW_SOURCE = "queue"

STATES = status_words(
    {
        CaseStatus.WAITING: (
            "等待",
            "等候",
            "候办",
            "未叫号",
            "待叫号",
            "排队",
            "排队中",
            "等待中",
            "等候中",
            "候办中",
            "待办理",
            "queued",
            "waiting",
        ),
        CaseStatus.CALLED: (
            "已叫号",
            "叫号",
            "呼叫",
            "已呼叫",
            "正在叫号",
            "重呼",
            "已重呼",
            "办理中",
            "正在办理",
            "受理中",
            "服务中",
            "正在服务",
            "calling",
            "serving",
            "inservice",
        ),
        CaseStatus.ABANDONED: (
            "弃号",
            "已弃号",
            "过号",
            "已过号",
            "跳号",
            "已跳过",
            "跳过",
            "放弃",
            "已放弃",
            "离开",
            "未到",
            "未办理",
            "作废",
            "取消",
            "已取消",
            "missed",
            "noshow",
            "cancelled",
            "canceled",
        ),
        CaseStatus.FINISHED: (
            "办结",
            "已办结",
            "完成",
            "已完成",
            "办理完成",
            "结束",
            "已结束",
            "办毕",
            "已评价",
            "待评价",
            "未评价",
            "评价完成",
            "服务完成",
            "done",
            "completed",
            "complete",
        ),
        CaseStatus.TRANSFERRED: (
            "转移",
            "已转移",
            "转窗",
            "转办",
            "已转办",
            "转出",
            "已转出",
            "转窗口",
            "转其他窗口",
            "transfer",
        ),
        CaseStatus.PAUSED: ("挂起", "已挂起", "暂停", "暂停办理", "hold", "onhold", "suspended"),
        CaseStatus.ACCEPTED: ("受理", "已受理"),
    }
)
STATE_EXAMPLES = (
    "等待, 已叫号, 过号, 办结, 转移 or 挂起 (waiting, called, abandoned, finished, "
    "transferred, on hold)"
)


class QueueChecker(RowChecker):
    """Read one ticket of a queue export."""

    kind = "queue"

    def __init__(self, table: CaseTable, ctx: CaseContext) -> None:
        super().__init__(table, ctx)
        self.states = with_mapped_states(STATES, table.mapping)

    def check(self, cells: list[Any], number: int, plan: Plan) -> tuple[Any, list[int], str, str]:
        ticket = self.text(cells, "ticket_no", MAX_TICKET, "ticket number")
        if not ticket:
            raise RowProblem(
                self.names["ticket_no"], "", "the ticket number is empty", "empty_ticket"
            )
        case_no = self.text(cells, "case_no", MAX_CASE_NO, "case number")
        base: date | None = None
        day_value = self.cell(cells, "date")
        if day_value is not None and text_value(day_value):
            try:
                base = parse_date(day_value)
            except ValueError as error:
                text = text_value(day_value)
                raise RowProblem(
                    self.names["date"], text, f"cannot read the date: {error}", "bad_date"
                ) from None
        taken = self.moment(cells, "taken_at", base, "take-ticket time", required=True)
        assert taken is not None
        base = base or taken.date()
        called = self.moment(cells, "called_at", base, "call time")
        accepted = self.moment(cells, "accepted_at", base, "accepted time")
        # A ticket still at the window has no finish yet: vendors write 0001-01-01 00:00:00.
        finished = self.moment(cells, "finished_at", base, "finish time", placeholder=True)
        rated = self.moment(cells, "rated_at", base, "rating time")
        taken_s = self.to_epoch(taken, "taken_at")
        earlier = [("the ticket was taken", taken_s, taken)]
        called_s = accepted_s = finished_s = rated_s = NONE
        if called is not None:
            called_s = self.to_epoch(called, "called_at")
            self.before("called_at", called, called_s, earlier)
            earlier.append(("it was called", called_s, called))
        if accepted is not None:
            accepted_s = self.to_epoch(accepted, "accepted_at")
            self.before("accepted_at", accepted, accepted_s, earlier)
            earlier.append(("it was accepted", accepted_s, accepted))
        if finished is not None:
            finished_s = self.to_epoch(finished, "finished_at")
            self.before("finished_at", finished, finished_s, earlier)
        if rated is not None:
            rated_s = self.to_epoch(rated, "rated_at")
            self.before("rated_at", rated, rated_s, earlier[:1])

        state = self.status(cells, self.states, STATE_EXAMPLES)
        if state is None:
            if finished is not None:
                derived = CaseStatus.FINISHED
            elif called is not None:
                derived = CaseStatus.CALLED
            else:
                derived = CaseStatus.WAITING
            status = STATUS_INDEX[derived] + DERIVED
        else:
            status = STATUS_INDEX[state]
            self._agree(cells, state, called, finished)

        hold = NONE
        hold_value = self.cell(cells, "hold_minutes")
        if hold_value is not None:
            try:
                minutes = parse_minutes(hold_value)
            except ValueError as error:
                raise RowProblem(
                    self.names["hold_minutes"],
                    text_value(hold_value),
                    f"cannot read the hold minutes: {error}",
                    "bad_minutes",
                ) from None
            if minutes is not None:
                hold = minutes
                if called_s >= 0 and finished_s >= 0 and hold * 60 > finished_s - called_s + 59:
                    service = (finished_s - called_s) // 60
                    raise RowProblem(
                        self.names["hold_minutes"],
                        str(hold),
                        f"a hold of {hold} minutes is longer than the service "
                        f"({service} minutes from call to finish)",
                        "hold_too_long",
                    )

        level, raw_index = self.rating(cells, plan)
        self.rated_unserved(cells, status, level)
        unit, window, staff, item = self.places(cells)
        promised_due = legal_due = provisional = 0
        promised = legal = NONE
        case_finished_s = finished_s
        if item >= 0:
            # The item's limits as the ticket was served: the case keeps them.
            promised, legal = self.ctx.item_limits[item]
        if accepted is not None and item >= 0:
            promised_due, legal_due, guessed = self.ctx.due(
                accepted.date().toordinal(), promised, legal, 0, 0
            )
            provisional = int(guessed)
            if promised > 0:
                # Accepted at the window for a case with a limit: the end of service is
                # not the case's finish, which the approval system reports days later.
                case_finished_s = NONE
                if STATUSES[status % DERIVED] is CaseStatus.FINISHED:
                    status = STATUS_INDEX[CaseStatus.ACCEPTED] + (status // DERIVED) * DERIVED
        row = [
            number,
            taken_s,
            called_s,
            accepted_s,
            case_finished_s,
            (rated_s if rated_s >= 0 else finished_s) if level > 0 else NONE,
            unit,
            window,
            staff,
            item,
            status,
            hold,
            NONE,
            NONE,
            promised_due,
            legal_due,
            provisional,
            level,
            raw_index,
            finished_s,
            promised,
            legal,
        ]
        return (taken.date().toordinal(), ticket), row, ticket, case_no

    def _agree(
        self,
        cells: list[Any],
        state: CaseStatus,
        called: datetime | None,
        finished: datetime | None,
    ) -> None:
        said = self.text(cells, "state")
        if state is CaseStatus.FINISHED and finished is None:
            raise RowProblem(
                self.names.get("finished_at") or self.names["state"],
                "",
                f"the state is {said} but the finish time is empty",
                "finished_without_time",
            )
        if state is CaseStatus.CALLED and called is None and "called_at" in self.at:
            raise RowProblem(
                self.names["called_at"],
                "",
                f"the state is {said} but the call time is empty",
                "called_without_time",
            )
        if state is CaseStatus.WAITING and (called is not None or finished is not None):
            what = "a call time" if called is not None else "a finish time"
            raise RowProblem(
                self.names["state"],
                said,
                f"the state is {said} (waiting) but the ticket has {what}",
                "state_conflict",
            )

    def duplicate(self, number: int, plan: Plan, first: int, key: Any) -> RowError:
        day = date.fromordinal(key[0])
        ticket = key[1]
        return RowError(
            number,
            self.names["ticket_no"],
            ticket,
            f"ticket {ticket} of {day} appears again with other values "
            f"(first on row {plan.get(first, F_NUMBER)})",
            "duplicate_ticket",
        )


def match_queue(
    session: Session, ctx: CaseContext, plan: Plan
) -> tuple[dict[int, uuid.UUID], dict[int, RowError]]:
    """Match the good rows with the stored tickets of the same number and day."""
    matches: dict[int, uuid.UUID] = {}
    clashes: dict[int, RowError] = {}
    if not plan.rows:
        return matches, clashes
    values = plan.values
    taken = values[F_TAKEN::STRIDE]
    first, last = min(taken), max(taken)
    # A local day reaches at most 14 hours either side of UTC.
    low = datetime.fromtimestamp(first, UTC) - timedelta(days=1)
    high = datetime.fromtimestamp(last, UTC) + timedelta(days=1)
    zone = ctx.zone
    stored: dict[tuple[int, str], tuple[uuid.UUID, datetime]] = {}
    rows = session.execute(
        select(Case.id, Case.ticket_no, Case.taken_at).where(
            Case.hall_id == ctx.hall_id,
            Case.deleted.is_(False),
            Case.taken_at >= low,
            Case.taken_at <= high,
            Case.ticket_no != "",
        )
    )
    for case_id, ticket, taken_at in rows:
        if taken_at is not None:
            day = taken_at.astimezone(zone).date().toordinal()
            stored.setdefault((day, ticket), (case_id, taken_at))
    tickets = plan.tickets
    column = plan.columns.get("ticket_no", "")
    for row in range(plan.rows):
        moment = datetime.fromtimestamp(taken[row], zone)
        found = stored.get((moment.date().toordinal(), tickets[row]))
        if found is None:
            continue
        case_id, taken_at = found
        if int(taken_at.timestamp()) == taken[row]:
            matches[row] = case_id
            continue
        there = taken_at.astimezone(zone).replace(tzinfo=None)
        clashes[row] = RowError(
            plan.get(row, F_NUMBER),
            column,
            tickets[row],
            f"ticket {tickets[row]} of {moment.date()} is already stored with another "
            f"take-ticket time ({say(there)}); two tickets cannot share a number on one day: "
            "check the file, or delete the stored ticket first",
            "ticket_taken",
        )
    matches.update(_link_cases(session, ctx, plan, matches, clashes, low, high))
    return matches, clashes


def _link_cases(
    session: Session,
    ctx: CaseContext,
    plan: Plan,
    matches: dict[int, uuid.UUID],
    clashes: dict[int, RowError],
    low: datetime,
    high: datetime,
) -> dict[int, uuid.UUID]:
    """Link new tickets to the stored cases an approval export brought in first.

    Such a case has no take time. A ticket is its case's when it names the case number,
    or when the case carries the ticket's number and was accepted the day the ticket was
    taken (and the ticket names no other case number).
    """
    rows = [row for row in range(plan.rows) if row not in matches and row not in clashes]
    if not rows:
        return {}
    used = set(matches.values())
    zone = ctx.zone
    numbers = sorted({plan.case_nos[row] for row in rows if plan.case_nos[row]})
    by_number: dict[str, uuid.UUID] = {}
    for start in range(0, len(numbers), 500):
        for case_id, case_no in session.execute(
            select(Case.id, Case.case_no).where(
                Case.hall_id == ctx.hall_id,
                Case.deleted.is_(False),
                Case.taken_at.is_(None),
                Case.case_no.in_(numbers[start : start + 500]),
            )
        ):
            if case_id not in used:
                by_number.setdefault(case_no, case_id)
    wanted = sorted({plan.tickets[row] for row in rows})
    by_ticket: dict[tuple[int, str], tuple[uuid.UUID, str]] = {}
    for start in range(0, len(wanted), 500):
        for case_id, ticket, accepted_at, case_no in session.execute(
            select(Case.id, Case.ticket_no, Case.accepted_at, Case.case_no).where(
                Case.hall_id == ctx.hall_id,
                Case.deleted.is_(False),
                Case.taken_at.is_(None),
                Case.ticket_no.in_(wanted[start : start + 500]),
                Case.accepted_at >= low,
                Case.accepted_at <= high,
            )
        ):
            if accepted_at is not None and case_id not in used:
                day = local_ordinal(int(accepted_at.timestamp()), zone)
                by_ticket.setdefault((day, ticket), (case_id, case_no))
    linked: dict[int, uuid.UUID] = {}
    taken = plan.values[F_TAKEN::STRIDE]
    for row in rows:
        case_no = plan.case_nos[row]
        target: uuid.UUID | None = by_number.get(case_no) if case_no else None
        if target is None:
            found = by_ticket.get((local_ordinal(taken[row], zone), plan.tickets[row]))
            if found is not None and case_no in ("", found[1]):
                target = found[0]
        if target is not None and target not in used:
            linked[row] = target
            used.add(target)
    return linked
