"""The State Council's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知), as text.

Each November the notice gives next year's days off and make-up working days, one
numbered section per festival::

    二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。
    1月26日（周日）、2月8日（周六）上班。

`parse_notice` turns the pasted text into one `NoticeDay` per day. It reads what the
notices have written since 2008: single days ("1月1日（周三）放假1天"), ranges within
a month ("10月1日至8日") and across months ("9月29日至10月6日", "12月31日至1月2日"),
补休 days, "与周末连休" / "与中秋节连休" remarks (which add no day), and the
make-up days ("…上班"). Text pasted from a web page usually arrives with ASCII
punctuation, wrapped lines or traditional characters in the title; all of these are
read. Everything the notice says twice is cross-checked, so a wrong year or a torn
paste is refused instead of saved: the weekday in brackets must be that date's weekday
in the notice's year, and "共N天" must count the days of the range.

Pure: no I/O, no database. The service (services/setup/holiday_notice.py) saves the result.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from hallwatch.domain.errors import FieldError

__all__ = [
    "HolidayNotice",
    "NoticeDay",
    "notice_title",
    "parse_notice",
]

FIELD = "notice"
TITLE = "国务院办公厅关于{year}年部分节假日安排的通知"

_WEEKDAYS = "一二三四五六日天"
_NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_NUMERALS |= {"九": 9, "十": 10}

# After NFKC folding: （）：，；become ASCII, 、 and 。 stay.
_TITLE_YEAR = re.compile(r"(?:关于|關於|关於)(\d{4})年部分[节節]假日安排")
_BODY_YEAR = re.compile(r"现将(\d{4})年")
_DOC_NO = re.compile(r"国办发(?:明电)?〔\d{4}〕\d+号")
# A section: "六、国庆节、中秋节:" at the start of a line or after a full stop.
_SECTION = re.compile(r"(?:^|(?<=[\n。]))[ \t\u3000]*([一二三四五六七八九十]+)、([^:\n。]{1,30}?):")
# A date with the bracket that may follow it: (2024年)12月31日(周二) or 8日(周三).
_DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^)]*)\))?")
_COUNT = re.compile(r"(?:共|放假|放假调休)(\d{1,2}|[一二两三四五六七八九十]{1,2})天")
_RANGE = ("至", "到", "-", "~", "—", "–")
_OFF = re.compile(r"放假|补休|休息|休假|连休")
# The signature that closes a notice ("国务院办公厅 2024年11月12日") is not a day off.
_SIGNATURE = re.compile(r"国务院办公厅\n?\d{4}年\d{1,2}月\d{1,2}日")
_WEEKDAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_BRACKETS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True, slots=True)
class NoticeDay:
    """One day the notice names: off (放假/补休) or a make-up working day (上班)."""

    day: date
    is_workday: bool
    # The section's festival ("国庆节、中秋节"); a make-up day: "…调休上班".
    name: str
    # The sentence it comes from, as the notice wrote it (for a preview).
    said: str


@dataclass(frozen=True, slots=True)
class HolidayNotice:
    """A parsed notice: its year, title, document number and every day it names."""

    year: int
    title: str
    doc_no: str
    days: tuple[NoticeDay, ...]

    @property
    def source(self) -> str:
        """The source document as a holiday row records it."""
        return f"{self.title}（{self.doc_no}）" if self.doc_no else self.title

    def holidays(self) -> tuple[date, ...]:
        return tuple(d.day for d in self.days if not d.is_workday)

    def workdays(self) -> tuple[date, ...]:
        return tuple(d.day for d in self.days if d.is_workday)


def notice_title(year: int) -> str:
    """Return the title the notice for year carries."""
    return TITLE.format(year=year)


def _fold(text: str) -> str:
    """NFKC, no spaces, one line per paragraph.

    A line break inside a sentence (a paste from a PDF or a narrow window) must not split
    a date from its bracket, so a line joins the next unless it ends a sentence or the
    next one starts a section.
    """
    folded = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[ \t\u3000\xa0\ufeff]+", "", line) for line in folded.split("\n")]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            continue
        if current and (
            current.endswith(("。", ":")) or re.match(r"[一二三四五六七八九十]+、", line)
        ):
            paragraphs.append(current)
            current = ""
        current += line
    if current:
        paragraphs.append(current)
    return _SIGNATURE.sub("", "\n".join(paragraphs))


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 2 and text[0] == "十":
        return 10 + _NUMERALS[text[1]]
    return _NUMERALS[text]


def _year_of(text: str, year: int | None) -> int:
    found = _TITLE_YEAR.search(text) or _BODY_YEAR.search(text)
    named = int(found.group(1)) if found else None
    if year is not None and named is not None and named != year:
        raise FieldError(
            FIELD,
            f"the notice is for {named}, not {year}",
            f"import it as {named}, or paste the notice for {year}",
            code="notice_year_mismatch",
            params=(named, year),
        )
    chosen = year if year is not None else named
    if chosen is None:
        raise FieldError(
            FIELD,
            "the notice does not say its year (its title 国务院办公厅关于YYYY年…的通知 is missing)",
            "paste the notice with its title, or give the year",
            code="notice_no_year",
        )
    return chosen


@dataclass(slots=True)
class _Clause:
    text: str  # as folded, brackets kept
    dates: list[tuple[date, str]]  # each date with its bracket's text
    ranges: list[tuple[date, date]]


def _dates(clause: str, year: int, said: str) -> _Clause:
    """Read the dates of one clause; 'A至B' becomes a range."""
    found: list[tuple[date, str]] = []
    ranges: list[tuple[date, date]] = []
    month: int | None = None
    current_year = year
    matches = list(_DATE.finditer(clause))
    for index, match in enumerate(matches):
        year_text, month_text, day_text, bracket = match.groups()
        written = _BRACKETS.sub("", match.group(0))
        previous = found[-1][0] if found else None
        if year_text:
            current_year = int(year_text)
        if month_text:
            month = int(month_text)
        if month is None:
            raise FieldError(
                FIELD,
                f"{said!r}: {written} has no month",
                "paste the whole sentence as the notice writes it",
                code="notice_bad_date",
                params=(said, written),
            )
        between = clause[matches[index - 1].end() : match.start()] if index else ""
        is_range = previous is not None and between in _RANGE
        # "12月31日至1月2日" runs into the next year.
        if is_range and previous is not None and not year_text:
            current_year = previous.year
            if (month, int(day_text)) < (previous.month, previous.day):
                current_year += 1
        try:
            day = date(current_year, month, int(day_text))
        except ValueError:
            raise FieldError(
                FIELD,
                f"{said!r}: {written} is not a date in {current_year}",
                "check the pasted text against the notice",
                code="notice_bad_date",
                params=(said, written),
            ) from None
        found.append((day, bracket or ""))
        if is_range:
            start = found[-2][0]
            if day < start:
                raise FieldError(
                    FIELD,
                    f"{said!r}: the range ends before it starts",
                    "check the pasted text against the notice",
                    code="notice_bad_date",
                    params=(said, written),
                )
            ranges.append((start, day))
    return _Clause(clause, found, ranges)


def _check_weekday(day: date, bracket: str, said: str) -> None:
    match = _WEEKDAY.search(bracket)
    if match is None:
        return
    written = _WEEKDAYS.index(match.group(1))
    if min(written, 6) != day.weekday():
        actual = "一二三四五六日"[day.weekday()]
        raise FieldError(
            FIELD,
            f"{said!r}: {day.month}月{day.day}日 is a 周{actual} in {day.year}, "
            f"the notice says 周{match.group(1)}",
            "check the year: the notice is for the year its title names",
            code="notice_weekday",
            params=(said, day.isoformat(), actual, match.group(1)),
        )


def _sections(text: str) -> list[tuple[str, str]]:
    """Return (festival, text) for each numbered section."""
    heads = list(_SECTION.finditer(text))
    sections = []
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        body = text[head.end() : end]
        # The last section ends with its paragraph: the closing remarks follow.
        if index + 1 == len(heads):
            body = body.lstrip("\n").split("\n", 1)[0]
        sections.append((head.group(2).strip(), body))
    return sections


# The preview shows a sentence with the notice's own (full-width) punctuation again.
_WIDE = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"})


def _section_days(festival: str, body: str, year: int) -> list[NoticeDay]:
    days: list[NoticeDay] = []
    for sentence in re.split(r"[。;\n]", body):
        sentence = sentence.strip()
        said = sentence.translate(_WIDE)
        if not _DATE.search(sentence):
            continue  # "不调休", remarks
        off: list[date] = []
        counted: int | None = None
        for clause_text in sentence.split(","):
            count = _COUNT.search(_BRACKETS.sub("", clause_text))
            if count is not None:
                counted = _number(count.group(1))
            clause = _dates(clause_text, year, said)
            if not clause.dates:
                continue
            for day, bracket in clause.dates:
                _check_weekday(day, bracket, said)
            plain = _BRACKETS.sub("", clause_text)
            in_range = {d for start, end in clause.ranges for d in _span(start, end)}
            named = in_range | {d for d, _bracket in clause.dates}
            if "上班" in plain:
                days.extend(NoticeDay(d, True, f"{festival}调休上班", said) for d in sorted(named))
            elif _OFF.search(plain):
                off.extend(sorted(named))
            else:
                raise FieldError(
                    FIELD,
                    f"{said!r}: cannot tell whether these days are off or working days",
                    "paste the sentence as the notice writes it (…放假 or …上班)",
                    code="notice_unclear",
                    params=(said,),
                )
        if counted is not None and off and counted != len(set(off)):
            raise FieldError(
                FIELD,
                f"{said!r}: says {counted} days but names {len(set(off))}",
                "check the pasted text against the notice",
                code="notice_count",
                params=(said, counted, len(set(off))),
            )
        days.extend(NoticeDay(d, False, festival, said) for d in off)
    return days


def _span(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def parse_notice(text: str, year: int | None = None) -> HolidayNotice:
    """Parse a pasted notice into its days; raise FieldError (field "notice") on anything unclear.

    year: the year the admin means (from the form or --year); the title's year is used
    when it is None, and a title naming another year is refused.
    """
    folded = _fold(text)
    chosen = _year_of(folded, year)
    doc_no = _DOC_NO.search(folded)
    days: dict[date, NoticeDay] = {}
    for festival, body in _sections(folded):
        for entry in _section_days(festival, body, chosen):
            earlier = days.get(entry.day)
            if earlier is not None and earlier.is_workday != entry.is_workday:
                raise FieldError(
                    FIELD,
                    f"{entry.day.isoformat()} is both a day off and a working day "
                    f"({earlier.said!r}, {entry.said!r})",
                    "check the pasted text against the notice",
                    code="notice_twice",
                    params=(entry.day.isoformat(),),
                )
            if earlier is None:
                days[entry.day] = entry
    if not days:
        raise FieldError(
            FIELD,
            "no holiday or working day found in the text",
            "paste the notice's numbered sections (一、元旦：1月1日放假…)",
            code="notice_no_days",
        )
    return HolidayNotice(
        chosen,
        notice_title(chosen),
        doc_no.group(0) if doc_no else "",
        tuple(sorted(days.values(), key=lambda d: d.day)),
    )
