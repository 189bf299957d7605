"""Turn the core's input errors into a translated message and the field it is about.

The core's messages are English and start with the name of the field (`ends_at … is not
after starts_at …`, `approved_by is empty`); the known ones are translated here, anything
else is shown as the core wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from hallwatch.domain.errors import HallWatchError

# The core's field names → the dialogs' field names.
FIELDS = {
    "starts_at": "start",
    "ends_at": "end",
    "time": "time",
    "approved_by": "approver",
    "reason": "reason",
    "kind": "kind",
}


@dataclass(frozen=True, slots=True)
class Refused:
    """An expected refusal from the core, carried back to the GUI thread as a result."""

    message: str
    hint: str = ""

    @classmethod
    def of(cls, error: HallWatchError) -> Refused:
        return cls(error.message, error.hint)


def _rules() -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[str | None, str]]]]:
    return [
        (
            re.compile(r"^ends_at (.+) is not after starts_at (.+)$"),
            lambda m: (
                "end",
                QCoreApplication.translate("InputErrors", "The end must be after the start."),
            ),
        ),
        (
            re.compile(r"^(starts_at|ends_at|time) (.+) is in the future$"),
            lambda m: (
                FIELDS[m[1]],
                QCoreApplication.translate(
                    "InputErrors", "This time is in the future: record what has happened."
                ),
            ),
        ),
        (
            re.compile(r"^approved_by is empty$"),
            lambda m: (
                "approver",
                QCoreApplication.translate("InputErrors", "Name who approved it."),
            ),
        ),
        (
            re.compile(r"^reason is empty$"),
            lambda m: ("reason", QCoreApplication.translate("InputErrors", "Give the reason.")),
        ),
        (
            re.compile(r"^starts_at–ends_at overlaps (.+)'s (.+) of (.+)$"),
            lambda m: (
                "start",
                QCoreApplication.translate(
                    "InputErrors",
                    "Overlaps the %2 of %1 (%3): change the times, or cancel that leave first.",
                )
                .replace("%1", m[1])
                .replace("%2", m[2])
                .replace("%3", m[3]),
            ),
        ),
        (
            re.compile(r"^time: (.+) is on (.+) until (.+)$"),
            lambda m: (
                "time",
                QCoreApplication.translate(
                    "InputErrors", "%1 is on %2 until %3: approved leave is not an absence."
                )
                .replace("%1", m[1])
                .replace("%2", m[2])
                .replace("%3", m[3]),
            ),
        ),
    ]


def explain(refused: Refused) -> tuple[str | None, str]:
    """Return (dialog field or None, translated message) for a refusal."""
    for pattern, render in _rules():
        match = pattern.match(refused.message)
        if match:
            return render(match)
    field = None
    head = re.match(r"^(\w+)\b", refused.message)
    if head and head[1] in FIELDS:
        field = FIELDS[head[1]]
    text = refused.message if not refused.hint else f"{refused.message}; {refused.hint}"
    return field, text
