"""Cancelling a cases export is the person's choice, not bad input, and leaves no file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from hallwatch.demo.generator import generate_demo
from hallwatch.domain.errors import CancelledError, InputError
from hallwatch.services.cases.view import CaseFilter, count_cases, export_cases, view_context
from hallwatch.storage import direct
from hallwatch.storage.database import Database, DataFolder
from hallwatch.storage.queries import hall as hall_queries

AT = datetime(2026, 3, 25, 2, 0, tzinfo=UTC)


def test_export_cases_cancelled_midway_raises_cancelled_and_leaves_nothing(
    folder: DataFolder, tmp_path: Path
) -> None:
    with Database.open(folder) as db:
        generate_demo(db, scale="tiny", until=date(2026, 3, 31))
    out = tmp_path / "out"
    out.mkdir()
    target = out / "办件.xlsx"
    seen: list[float] = []
    with direct.reading(folder) as conn:
        view = view_context(conn, hall_queries.halls(conn)[0].id, AT)
        total = count_cases(conn, view, CaseFilter())
        assert total > 200
        with pytest.raises(CancelledError) as raised:
            export_cases(
                conn,
                view,
                CaseFilter(),
                str(target),
                progress=lambda fraction, _text: seen.append(fraction),
                cancelled=lambda: len(seen) >= 2,  # after two pages of 50
                page_size=50,
            )
    assert not isinstance(raised.value, InputError)
    assert seen == [50 / total, 100 / total]
    assert list(out.iterdir()) == []
