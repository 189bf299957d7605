"""The cases view's core: counts, pages, lights and search agree with the ORM and the rules."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.cases import CaseDue, light
from hallwatch.domain.enums import CaseStatus, Light
from hallwatch.domain.errors import InputError
from hallwatch.services.cases.view import (
    OPEN_STATUSES,
    CaseFilter,
    CaseSort,
    case_detail,
    case_page,
    count_cases,
    export_cases,
    filter_choices,
    view_context,
)
from hallwatch.services.hall.halls import list_halls
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.models import Case
from hallwatch.storage.queries import hall as hall_queries

AT = datetime(2026, 3, 25, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DataFolder:
    folder = DataFolder(tmp_path_factory.mktemp("case-view") / "data")
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    return folder


def test_count_and_pages_cover_every_case_once_in_order(demo: DataFolder) -> None:
    with Database.open(demo) as db, db.read() as session:
        hall_id = list_halls(session)[0].id
        live = session.scalar(select(func.count()).select_from(Case).where(Case.deleted.is_(False)))
    with direct.reading(demo) as conn:
        view = view_context(conn, hall_id, AT)
        everything = CaseFilter()
        assert count_cases(conn, view, everything) == live
        seen = []
        offset = 0
        while page := case_page(conn, view, everything, offset, 37):
            seen.extend(page)
            offset += len(page)
        assert len(seen) == live
        assert len({row.case_id for row in seen}) == live
        taken = [row.taken_at for row in seen if row.taken_at is not None]
        assert taken == sorted(taken, reverse=True)
        oldest_first = case_page(conn, view, CaseFilter(descending=False), 0, 5)
        assert [r.case_id for r in oldest_first] == [r.case_id for r in seen[::-1][:5]]
        by_number = case_page(conn, view, CaseFilter(sort=CaseSort.CASE_NO), 0, live)
        numbers = [row.case_no for row in by_number]
        assert numbers == sorted(numbers, reverse=True)


def test_light_filters_split_the_open_cases_as_the_rules_do(demo: DataFolder) -> None:
    with direct.reading(demo) as conn:
        hall_id = hall_queries.halls(conn)[0].id
        view = view_context(conn, hall_id, AT)
        open_filter = CaseFilter(statuses=frozenset(OPEN_STATUSES))
        open_rows = case_page(conn, view, open_filter, 0, 10_000)
        expected = Counter(
            light(
                view.calendar,
                CaseDue(row.promised_due, row.legal_due, row.provisional),
                view.today,
                None,
                view.yellow_days,
            )
            for row in open_rows
            if row.promised_due is not None and row.legal_due is not None
        )
        assert sum(expected.values()) > 10
        assert len(expected) >= 3  # the demo has open cases of several lights
        for wanted in Light:
            shown = case_page(conn, view, CaseFilter(light=wanted), 0, 10_000)
            assert count_cases(conn, view, CaseFilter(light=wanted)) == expected[wanted]
            assert {row.light for row in shown} <= {wanted}
            assert all(row.status in OPEN_STATUSES for row in shown)


def test_filters_search_and_detail(demo: DataFolder) -> None:
    with direct.reading(demo) as conn:
        hall_id = hall_queries.halls(conn)[0].id
        view = view_context(conn, hall_id, AT)
        choices = filter_choices(conn, hall_id)
        assert len(choices.units) == 4
        assert len(choices.windows) == 8
        unit_id, unit_label = choices.units[0]
        of_unit = case_page(conn, view, CaseFilter(unit_id=unit_id), 0, 10_000)
        assert of_unit
        assert {row.unit_name for row in of_unit} == {unit_label}
        finished = CaseFilter(statuses=frozenset({CaseStatus.FINISHED}))
        assert {r.status for r in case_page(conn, view, finished, 0, 10_000)} == {
            CaseStatus.FINISHED
        }
        day = CaseFilter(start=date(2026, 3, 24), end=date(2026, 3, 24))
        rows = case_page(conn, view, day, 0, 10_000)
        assert rows
        assert {r.taken_at.astimezone(view.zone).date() for r in rows if r.taken_at} == {
            date(2026, 3, 24)
        }
        sample = next(r for r in rows if r.case_no)
        by_case = case_page(conn, view, CaseFilter(text=sample.case_no[:-2]), 0, 100)
        assert sample.case_id in {r.case_id for r in by_case}
        assert all(r.case_no.startswith(sample.case_no[:-2]) for r in by_case)
        by_ticket = case_page(conn, view, CaseFilter(text=sample.ticket_no), 0, 1000)
        assert sample.case_id in {r.case_id for r in by_ticket}
        detail = case_detail(conn, view, sample.case_id)
        steps = [step.what for step in detail.timeline]
        assert steps[0].startswith("取号")
        assert any(step.startswith("受理") for step in steps)
        assert "承诺办结期限" in steps
        with pytest.raises(InputError, match="starts"):
            count_cases(conn, view, CaseFilter(start=date(2026, 3, 2), end=date(2026, 3, 1)))


def test_export_writes_the_whole_result_to_excel(demo: DataFolder, tmp_path: Path) -> None:
    target = tmp_path / "办件.xlsx"
    with direct.reading(demo) as conn:
        hall_id = hall_queries.halls(conn)[0].id
        view = view_context(conn, hall_id, AT)
        wanted = CaseFilter(statuses=frozenset({CaseStatus.FINISHED}))
        total = count_cases(conn, view, wanted)
        assert export_cases(conn, view, wanted, str(target), page_size=50) == total
    sheet = load_workbook(target, read_only=True).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("取号", "办件编号", "事项")
    assert len(rows) == total + 1
    assert {row[6] for row in rows[1:]} == {"已办结"}
    assert not (tmp_path / "办件.xlsx.partial").exists()


def test_a_hall_closure_moves_due_dates_and_the_timeline_says_so(folder: DataFolder) -> None:
    from hallwatch.services.setup.entities import HolidayDraft, create_holiday, remove_holiday
    from hallwatch.storage.models import CaseEvent

    closure = date(2026, 3, 26)  # a Thursday, a working day
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
        with db.read() as session:
            hall_id = list_halls(session)[0].id
            spanning = session.execute(
                select(Case.id, Case.promised_due, Case.legal_due).where(
                    Case.accepted_at < datetime(2026, 3, 25, 16, 0, tzinfo=UTC),  # 26th 00:00
                    Case.legal_due >= closure,
                )
            ).all()
            untouched = session.execute(
                select(Case.id, Case.promised_due).where(Case.legal_due < closure)
            ).first()
        assert spanning
        assert untouched is not None
        with db.write("holidays") as session:
            row = create_holiday(
                session, hall_id, HolidayDraft(closure, is_workday=False, name="停电闭厅")
            )
        with db.read() as session:
            after = {
                case_id: (promised, legal)
                for case_id, promised, legal in session.execute(
                    select(Case.id, Case.promised_due, Case.legal_due).where(
                        Case.id.in_([c.id for c in spanning])
                    )
                )
            }
            events = session.scalars(select(CaseEvent)).all()
            assert session.get(Case, untouched.id).promised_due == untouched.promised_due  # type: ignore[union-attr]
        for case_id, promised, legal in spanning:
            # One working day fewer in the span: the dates at or after it come later.
            assert after[case_id][1] > legal
            assert (after[case_id][0] > promised) == (promised >= closure)
        assert len(events) == len(spanning)
        assert {e.kind for e in events} == {"due_changed"}
        assert events[0].recorded_by == "tester"
        with db.write("holidays") as session:
            remove_holiday(session, hall_id, row.id)
        with db.read() as session:
            query = select(Case.id, Case.promised_due).where(Case.id.in_([c.id for c in spanning]))
            back = {case_id: promised for case_id, promised in session.execute(query)}
            assert back == {case_id: promised for case_id, promised, _legal in spanning}
            assert session.scalar(select(func.count()).select_from(CaseEvent)) == 2 * len(spanning)
    with direct.reading(folder) as conn:
        view = view_context(conn, hall_id, AT)
        steps = [step.what for step in case_detail(conn, view, spanning[0].id).timeline]
    moves = [step for step in steps if step.startswith("期限调整（节假日表变更）")]
    assert len(moves) == 2
    assert f"法定 {spanning[0].legal_due.isoformat()} → " in moves[0]
