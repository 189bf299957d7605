"""Status, light, rating and kind words follow the UI's language (the core keeps Chinese)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from pytestqt.qtbot import QtBot

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.cases import LIGHT_WORDS
from hallwatch.domain.checklist import CATEGORY_LABELS, SEVERITY_LABELS
from hallwatch.domain.enums import CaseStatus, LetterKind, LetterStatus, Light, SpotCheckKind
from hallwatch.services.cases.view import RATING_WORDS
from hallwatch.services.cases.view import STATUS_WORDS as CASE_STATUS_WORDS
from hallwatch.services.checks.spot_checks import KIND_WORDS as CHECK_KIND_WORDS
from hallwatch.services.checks.spot_checks import add_finding
from hallwatch.services.letters import lifecycle as L
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.queries import hall as hall_queries
from ui.base.context import AppContext
from ui.cases.case_table_model import COLUMNS as CASE_COLUMNS
from ui.cases.cases_view import CasesView
from ui.checks.check_view import CheckView
from ui.i18n import switch_language
from ui.letters.letter_table_model import COLUMNS as LETTER_COLUMNS
from ui.letters.letters_view import LettersView
from ui.words import (
    case_status_word,
    category_word,
    letter_kind_word,
    letter_status_word,
    light_word,
    rating_word,
    severity_word,
    spot_check_kind_word,
)

AT = datetime(2026, 3, 25, 2, 0, tzinfo=UTC)
CJK = re.compile(r"[\u3400-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")

TABLES = [
    (case_status_word, CASE_STATUS_WORDS),
    (light_word, LIGHT_WORDS),
    (rating_word, RATING_WORDS),
    (letter_status_word, L.STATUS_WORDS),
    (letter_kind_word, L.KIND_WORDS),
    (spot_check_kind_word, CHECK_KIND_WORDS),
    (category_word, CATEGORY_LABELS),
    (severity_word, SEVERITY_LABELS),
]


@pytest.fixture
def english() -> Iterator[None]:
    switch_language("en")
    try:
        yield
    finally:
        switch_language("zh_CN")


@pytest.fixture
def demo(folder: DataFolder) -> DataFolder:
    with Database.open(folder) as db:
        hall_id = generate_demo(db, scale="tiny", until=date(2026, 3, 31)).hall_id
        with db.write("finding.add") as session:
            found = add_finding(
                session,
                hall_id,
                window_no="A01",
                category="presence.left_post",
                description="离岗",
                observed_at=datetime(2026, 3, 10, 10, 0, tzinfo=UTC),
                now=datetime(2026, 3, 10, 10, 0, tzinfo=UTC),
            )
        with db.write("letter.draft") as session:
            L.draft_from_findings(session, hall_id, [found.id], "warning", now=AT)
    return folder


def _context(folder: DataFolder) -> AppContext:
    with direct.reading(folder) as conn:
        hall = hall_queries.halls(conn)[0]
    return AppContext(folder, hall, now=lambda: AT)


def test_words_in_zh_cn_are_the_cores_words_and_english_is_the_source() -> None:
    # Every enum member and code: the Chinese UI says what the core, the CLI and exports say.
    for word, table in TABLES:
        for value, chinese in table.items():
            assert word(value) == chinese, (word.__name__, value)
    assert {CaseStatus(s) for s in CASE_STATUS_WORDS} == set(CaseStatus)
    assert set(L.STATUS_WORDS) == set(LetterStatus)
    assert set(L.KIND_WORDS) == set(LetterKind)
    assert set(CHECK_KIND_WORDS) == set(SpotCheckKind)
    assert set(LIGHT_WORDS) == set(Light)
    switch_language("en")
    try:
        for word, table in TABLES:
            for value in table:
                text = word(value)
                assert ENGLISH_WORD.search(text), (word.__name__, text)
                assert not CJK.search(text), (word.__name__, text)
    finally:
        switch_language("zh_CN")
    assert light_word(Light.RED) == "红灯"


def test_cases_view_says_status_light_rating_and_timeline_in_either_language(
    qtbot: QtBot, demo: DataFolder
) -> None:
    context = _context(demo)
    view = CasesView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.model.count > 100, timeout=10_000)
    model = view.model
    rows = range(min(model.count, 200))
    columns = [CASE_COLUMNS.index(name) for name in ("status", "light", "rating")]

    def words() -> set[str]:
        return {model.data(model.index(r, c)) for r in rows for c in columns} - {""}

    chinese = words()
    core = {*CASE_STATUS_WORDS.values(), *LIGHT_WORDS.values(), *RATING_WORDS.values()}
    assert chinese
    assert chinese <= core

    # The timeline of a rated, finished case: word for word the core's Chinese.
    rated = next(
        r
        for r in (model.row_at(i) for i in rows)
        if r and r.rating and r.status is CaseStatus.FINISHED
    )
    view.table.selectRow(next(i for i in rows if model.row_at(i) == rated))
    qtbot.waitUntil(lambda: "评价：" in view.detail.toPlainText(), timeout=5000)
    with context.direct() as conn:
        from hallwatch.services.cases.view import case_detail

        detail = case_detail(conn, view._view, rated.case_id)  # type: ignore[arg-type]
    assert [view.step_text(step) for step in detail.timeline] == [
        step.what for step in detail.timeline
    ]
    assert {step.step for step in detail.timeline} >= {"taken", "accepted", "finished", "rated"}

    try:
        switch_language("en")
        qtbot.waitUntil(lambda: view.status.itemText(1) == "Waiting", timeout=3000)
        english = words()
        assert english
        assert not any(CJK.search(text) for text in english)
        assert "Red" in english or "Green" in english
        assert view.light.itemText(view.light.findData("severe")) == "Severely overdue"
        steps = [view.step_text(step) for step in detail.timeline]
        assert not any(CJK.search(text) for text in steps), steps
        assert any(text.startswith("Rated: ") for text in steps)
        assert view.detail_html(detail).count("Promised deadline") == 1
    finally:
        switch_language("zh_CN")
    qtbot.waitUntil(lambda: view.status.itemText(1) == "等候", timeout=3000)
    assert words() == chinese
    view.close()
    context.wait_idle()
    context.close()


def test_letters_view_says_kind_and_status_in_english(
    qtbot: QtBot, demo: DataFolder, english: None
) -> None:
    context = _context(demo)
    view = LettersView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.loading and len(view.model.rows) == 1, timeout=10_000)
    model = view.model
    assert model.data(model.index(0, LETTER_COLUMNS.index("kind"))) == "Efficiency warning letter"
    assert model.data(model.index(0, LETTER_COLUMNS.index("status"))) == "Draft"
    assert view.status.itemText(view.status.findData("revoked")) == "Revoked"
    assert view.kind.itemText(view.kind.findData("rectification")) == "Rectification notice"
    switch_language("zh_CN")
    qtbot.waitUntil(
        lambda: view.kind.itemText(view.kind.findData("rectification")) == "整改通知书",
        timeout=3000,
    )
    assert model.data(model.index(0, LETTER_COLUMNS.index("status"))) == "草稿"
    view.close()
    context.wait_idle()
    context.close()


def test_check_view_says_categories_and_severities_in_english(
    qtbot: QtBot, demo: DataFolder, english: None
) -> None:
    context = _context(demo)
    view = CheckView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.state is not None and view.category.count() > 0, timeout=10_000)
    assert [view.severity.itemText(i) for i in range(3)] == ["Minor", "Serious", "Severe"]
    categories = {view.category.itemText(i).split(" › ")[0] for i in range(view.category.count())}
    assert "Presence at the window" in categories
    assert not any(CJK.search(text) for text in categories)
    assert view.kind.currentText() == "Open inspection"
    view.close()
    context.wait_idle()
    context.close()


def test_case_dialog_status_and_rating_follow_the_language(
    qtbot: QtBot, demo: DataFolder, english: None
) -> None:
    from hallwatch.services.cases.view import FilterChoices
    from ui.cases.case_dialog import CaseDialog

    context = _context(demo)
    dialog = CaseDialog(context, FilterChoices([], [], [], []))
    qtbot.addWidget(dialog)
    assert dialog.status.itemText(dialog.status.findData("finished")) == "Finished"
    assert dialog.rating.itemText(dialog.rating.findData(1)) == "Very dissatisfied"
    switch_language("zh_CN")
    qtbot.waitUntil(
        lambda: dialog.rating.itemText(dialog.rating.findData(1)) == "非常不满意", timeout=3000
    )
    assert dialog.status.itemText(dialog.status.findData("finished")) == "已办结"
    context.close()
