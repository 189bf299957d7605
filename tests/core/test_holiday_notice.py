"""The State Council's holiday notice, parsed from its published text.

The fixtures are the notices for 2025 (国办发明电〔2024〕12号, 2024-11-12) and 2026
(2025-11-04) as the State Council published them; the parsed days must be exactly
chinesecalendar's for those years.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from hallwatch.domain.errors import FieldError
from hallwatch.domain.holiday_notice import HolidayNotice, parse_notice
from hallwatch.storage.database import DataFolder

DATA = Path(__file__).parent / "data"


def _notice_text(year: int) -> str:
    return (DATA / f"holiday_notice_{year}.txt").read_text(encoding="utf-8")


def _package_days(year: int) -> tuple[set[date], set[date]]:
    """chinesecalendar's days off and weekend working days of a year."""
    first = date(year, 1, 1)
    days = [
        first + timedelta(days=n) for n in range(366) if (first + timedelta(days=n)).year == year
    ]
    # The package's holiday table lists each notice's days off, weekends inside them too.
    off = {d for d in days if d in chinese_calendar.holidays}
    assert all(chinese_calendar.is_holiday(d) for d in off)
    make_up = {d for d in days if d.weekday() >= 5 and chinese_calendar.is_workday(d)}
    return off, make_up


def _assert_matches_package(notice: HolidayNotice, year: int) -> None:
    off, make_up = _package_days(year)
    assert set(notice.holidays()) == off
    assert set(notice.workdays()) == make_up
    # Every 调休 day of the package is a day off of the notice.
    assert {d for d in off if chinese_calendar.is_in_lieu(d)} <= set(notice.holidays())
    # Each day carries its section's festival, the one the package names.
    chinese = {h.value: h.chinese for h in chinese_calendar.Holiday}
    for entry in notice.days:
        _on_holiday, name = chinese_calendar.get_holiday_detail(entry.day)
        assert chinese[name] in entry.name, entry


@pytest.mark.parametrize("year", [2025, 2026])
def test_published_notice_gives_the_package_days(year: int) -> None:
    notice = parse_notice(_notice_text(year))
    assert notice.year == year
    assert notice.title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    _assert_matches_package(notice, year)


def test_2025_notice_in_detail() -> None:
    notice = parse_notice(_notice_text(2025))
    assert notice.doc_no == "国办发明电〔2024〕12号"
    assert notice.source == "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）"
    days = {d.day: d for d in notice.days}
    assert days[date(2025, 1, 1)].name == "元旦"
    assert days[date(2025, 1, 1)].said == "1月1日（周三）放假1天，不调休"
    # Across the month: 1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）.
    assert [d for d in notice.holidays() if d != date(2025, 1, 1) and d.month <= 2] == [
        date(2025, 1, 28) + timedelta(days=n) for n in range(8)
    ]
    assert days[date(2025, 1, 26)].is_workday
    assert days[date(2025, 1, 26)].name == "春节调休上班"
    assert days[date(2025, 10, 8)].name == "国庆节、中秋节"
    assert len(notice.holidays()) == 28
    assert len(notice.workdays()) == 5


def test_web_paste_with_ascii_punctuation_and_wrapped_lines() -> None:
    # News sites republish the notice with ASCII brackets and commas; a paste from a
    # narrow window or a PDF breaks lines inside sentences.
    text = _notice_text(2026)
    ascii_text = unicodedata.normalize("NFKC", text)
    assert "(周四)" in ascii_text
    _assert_matches_package(parse_notice(ascii_text), 2026)
    wrapped = text.replace("至23日", "至\n23日").replace(
        "（周日）、2月28日", "（周日）、\r\n2月28日"
    )
    wrapped = wrapped.replace("（农历正月初七、周一）", "（农历正月\n初七、周一）")
    _assert_matches_package(parse_notice(wrapped), 2026)


def test_traditional_characters_as_some_sites_republish_it() -> None:
    text = (
        "國務院辦公廳關於2026年部分節假日安排的通知,全文如下:\n"
        "一、元旦:1月1日(周四)至3日(周六)放假調休,共3天。1月4日(周日)上班。\n"
        "二、春節:2月15日(農曆臘月二十八、周日)至23日(農曆正月初七、周一)放假調休,共9天。"
        "2月14日(周六)、2月28日(周六)上班。\n"
    )
    notice = parse_notice(text)
    assert notice.year == 2026
    assert len(notice.holidays()) == 3 + 9
    assert notice.workdays() == (date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28))


def test_forms_older_notices_use() -> None:
    text = (
        "国务院办公厅关于2023年部分节假日安排的通知\n"
        "一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。\n"
        "二、清明节：4月5日（星期三）放假，共1天。\n"
        "三、端午节：6月22日（星期四）至24日（星期六）放假调休，共3天。6月25日（星期日）上班。\n"
        "四、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、"
        "10月8日（星期日）上班。\n"
        "五、劳动节：4月29日至5月3日放假调休，共5天，与周末连休。\n"
        "节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。\n"
        "国务院办公厅\n2022年12月8日\n"
    )
    notice = parse_notice(text)
    off = set(notice.holidays())
    assert date(2022, 12, 31) in off
    assert date(2023, 1, 2) in off
    assert {date(2023, 9, 29) + timedelta(days=n) for n in range(8)} <= off
    assert date(2023, 10, 7) in notice.workdays()
    # The signature's date is not a holiday.
    assert date(2022, 12, 8) not in off


def test_lines_as_the_brief_quotes_them() -> None:
    text = (
        "国务院办公厅关于2027年部分节假日安排的通知\n"
        "一、元旦：1月1日（周五）放假1天。\n"
        "二、劳动节：5月1日至5日放假调休，共5天。4月25日（周日）上班。\n"
        "三、国庆节：10月1日（周五）至7日（周四）放假调休，共7天，与中秋节连休。"
        "9月26日（周日）、10月9日（周六）上班。\n"
        "四、补休：6月14日（周一）补休。\n"
        "四、清明节：4月5日（周一）放假，与周末连休。\n"
    )
    notice = parse_notice(text)
    assert notice.year == 2027
    off = notice.holidays()
    assert date(2027, 1, 1) in off
    assert [d for d in off if d.month == 5] == [date(2027, 5, d) for d in range(1, 6)]
    assert [d for d in off if d.month == 10] == [date(2027, 10, d) for d in range(1, 8)]
    assert date(2027, 6, 14) in off
    assert date(2027, 4, 5) in off
    assert notice.workdays() == (date(2027, 4, 25), date(2027, 9, 26), date(2027, 10, 9))


@pytest.mark.parametrize(
    ("text", "year", "code", "words"),
    [
        # The 2026 notice imported as 2027: its title says otherwise.
        (_notice_text(2026), 2027, "notice_year_mismatch", "the notice is for 2026, not 2027"),
        # Without its title the weekdays give a wrong year away.
        (
            "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。",
            2027,
            "notice_weekday",
            "1月1日 is a 周五 in 2027, the notice says 周四",
        ),
        ("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。", None, "notice_no_year", "year"),
        (
            "国务院办公厅关于2026年部分节假日安排的通知\n三、清明节：4月4日（周六）至6日（周一）放假，共4天。",
            None,
            "notice_count",
            "says 4 days but names 3",
        ),
        (
            "国务院办公厅关于2026年部分节假日安排的通知\n鼓励单位和个人错峰出行。",
            None,
            "notice_no_days",
            "no holiday",
        ),
        (
            "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：2月30日（周一）放假。",
            None,
            "notice_bad_date",
            "2月30日 is not a date in 2026",
        ),
        (
            "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日（周四）另行通知。",
            None,
            "notice_unclear",
            "cannot tell",
        ),
        (
            "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月3日（周六）放假。\n"
            "二、春节：1月3日（周六）上班。",
            None,
            "notice_twice",
            "2026-01-03 is both a day off and a working day",
        ),
    ],
)
def test_unclear_notice_is_refused_with_one_message(
    text: str, year: int | None, code: str, words: str
) -> None:
    with pytest.raises(FieldError) as refused:
        parse_notice(text, year)
    assert refused.value.code == code
    assert refused.value.field == "notice"
    assert words in str(refused.value)
    assert "\n" not in str(refused.value)


# --- saving a notice -------------------------------------------------------------------
# holiday_notice_2027_sample.txt is NOT a published notice: it is a sample in the
# official wording for a year chinesecalendar does not know, as the 2027 notice will be.


def test_saving_a_notice_makes_its_year_known_and_moves_the_provisional_deadlines(
    folder: DataFolder,
) -> None:
    from sqlalchemy import select

    from hallwatch.demo.generator import generate_demo
    from hallwatch.services.hall.halls import list_halls
    from hallwatch.services.setup.entities import HolidayDraft, create_holiday, list_holidays
    from hallwatch.services.setup.holiday_notice import (
        NEW,
        SAME,
        import_notice,
        preview_notice,
        saved_notice_text,
    )
    from hallwatch.storage.database import Database
    from hallwatch.storage.models import Case, CaseEvent

    text = (DATA / "holiday_notice_2027_sample.txt").read_text(encoding="utf-8")
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 12, 31))
        with db.read() as session:
            hall_id = list_halls(session)[0].id
            provisional = session.execute(
                select(Case.id, Case.promised_due, Case.legal_due).where(
                    Case.due_provisional.is_(True)
                )
            ).all()
        assert provisional  # December cases due in 2027 are guessed Monday to Friday
        with db.write("holidays") as session:
            # The hall's own closure on a day the notice names stays.
            create_holiday(session, hall_id, HolidayDraft(date(2027, 2, 20), False, "闭厅"))
        with db.read() as session:
            preview = preview_notice(session, hall_id, text)
            assert list_holidays(session, hall_id, 2027)[0].name == "闭厅"
        assert (preview.year, preview.holidays, preview.workdays) == (2027, 28, 4)
        assert {line.change for line in preview.lines} == {NEW, "kept"}
        assert preview.source == "国务院办公厅关于2027年部分节假日安排的通知"
        with db.write("holidays") as session:
            result = import_notice(session, hall_id, text)
        assert (result.added, result.updated, result.unchanged) == (31, 0, 0)
        assert result.kept_hall_days == (date(2027, 2, 20),)
        assert result.cases_changed >= len(provisional)
        with db.read() as session:
            assert session.scalar(select(Case.id).where(Case.due_provisional.is_(True))) is None
            moved = session.scalars(select(CaseEvent).where(CaseEvent.kind == "due_changed")).all()
            assert {e.case_id for e in moved} >= {c.id for c in provisional}
            rows = {r.day: r for r in list_holidays(session, hall_id, 2027)}
            assert rows[date(2027, 10, 9)].is_workday
            assert rows[date(2027, 10, 9)].name == "国庆节调休上班"
            assert rows[date(2027, 10, 1)].source == preview.source
            assert rows[date(2027, 10, 1)].national
            assert saved_notice_text(session, hall_id, 2027) == text
            # Saving again changes nothing and moves no case.
            again = preview_notice(session, hall_id, text)
            assert {line.change for line in again.lines} == {SAME, "kept"}
        with db.write("holidays") as session:
            repeat = import_notice(session, hall_id, text)
        assert (repeat.added, repeat.updated, repeat.cases_changed) == (0, 0, 0)
        assert repeat.unchanged == 31


def test_a_refused_notice_changes_nothing(folder: DataFolder) -> None:
    from hallwatch.services.hall.halls import create_hall
    from hallwatch.services.setup.holiday_notice import import_notice
    from hallwatch.storage.database import Database
    from hallwatch.storage.models import Holiday, Setting

    with Database.open(folder) as db:
        with db.write("hall.create") as session:
            hall = create_hall(session, code="MAIN", name="市民中心", timezone="Asia/Shanghai")
        with pytest.raises(FieldError), db.write("holidays") as session:
            import_notice(session, hall.id, _notice_text(2026), 2027)
        with db.read() as session:
            assert session.query(Holiday).count() == 0
            assert session.query(Setting).count() == 0
