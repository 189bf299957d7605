"""The words for the core's codes (statuses, lights, ratings, kinds), in the UI's language.

The core keeps Chinese words beside its enums for the command line, exports and
letters (hallwatch.services.cases.view.STATUS_WORDS, hallwatch.domain.cases.LIGHT_WORDS
…). A screen shows the enum through these functions instead, so that the English UI
says "Red" and the Chinese one says 红灯 (the zh_CN translation is the core's word;
tests/ui/test_words.py keeps the two in step). An unknown value falls back to the
core's own word, never to nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hallwatch.domain.enums import CaseStatus, LetterKind, LetterStatus, Light, SpotCheckKind


def case_status_word(status: CaseStatus | str) -> str:
    """Return the word for a case's status (办件状态)."""
    words = {
        CaseStatus.WAITING: QCoreApplication.translate("Words", "Waiting"),
        CaseStatus.CALLED: QCoreApplication.translate("Words", "Called"),
        CaseStatus.ABANDONED: QCoreApplication.translate("Words", "No-show / abandoned"),
        CaseStatus.ACCEPTED: QCoreApplication.translate("Words", "Accepted"),
        CaseStatus.PAUSED: QCoreApplication.translate("Words", "Clock paused"),
        CaseStatus.FINISHED: QCoreApplication.translate("Words", "Finished"),
        CaseStatus.TRANSFERRED: QCoreApplication.translate("Words", "Transferred"),
    }
    return words.get(CaseStatus(status), str(status))


def light_word(light: Light | str | None) -> str:
    """Return the word for a case's light (亮灯); none for a case without one."""
    if not light:
        return ""
    words = {
        Light.GREEN: QCoreApplication.translate("Words", "Green"),
        Light.YELLOW: QCoreApplication.translate("Words", "Yellow"),
        Light.RED: QCoreApplication.translate("Words", "Red"),
        Light.SEVERE: QCoreApplication.translate("Words", "Severely overdue"),
    }
    return words.get(Light(light), str(light))


def rating_word(level: int | None) -> str:
    """Return the word for a rating level 1–5 (好差评); none for an unrated case."""
    if not level:
        return ""
    words = {
        5: QCoreApplication.translate("Words", "Very satisfied"),
        4: QCoreApplication.translate("Words", "Satisfied"),
        3: QCoreApplication.translate("Words", "Fairly satisfied"),
        2: QCoreApplication.translate("Words", "Dissatisfied"),
        1: QCoreApplication.translate("Words", "Very dissatisfied"),
    }
    return words.get(level, str(level))


def letter_status_word(status: LetterStatus | str) -> str:
    """Return the word for a letter's status."""
    words = {
        LetterStatus.DRAFT: QCoreApplication.translate("Words", "Draft"),
        LetterStatus.ISSUED: QCoreApplication.translate("Words", "Issued"),
        LetterStatus.DELIVERED: QCoreApplication.translate("Words", "Delivered"),
        LetterStatus.ACKNOWLEDGED: QCoreApplication.translate("Words", "Acknowledged"),
        LetterStatus.RECTIFIED: QCoreApplication.translate("Words", "Rectified"),
        LetterStatus.REVOKED: QCoreApplication.translate("Words", "Revoked"),
    }
    return words.get(LetterStatus(status), str(status))


def letter_kind_word(kind: LetterKind | str) -> str:
    """Return the name of a kind of letter (效能告诫书 …)."""
    words = {
        LetterKind.WARNING: QCoreApplication.translate("Words", "Efficiency warning letter"),
        LetterKind.SUPERVISION: QCoreApplication.translate("Words", "Supervision notice"),
        LetterKind.RECTIFICATION: QCoreApplication.translate("Words", "Rectification notice"),
    }
    return words.get(LetterKind(kind), str(kind))


def spot_check_kind_word(kind: SpotCheckKind | str) -> str:
    """Return the word for a kind of spot check (明查 …)."""
    words = {
        SpotCheckKind.OPEN: QCoreApplication.translate("Words", "Open inspection"),
        SpotCheckKind.COVERT: QCoreApplication.translate("Words", "Covert visit"),
        SpotCheckKind.SURPRISE: QCoreApplication.translate("Words", "Surprise check"),
        SpotCheckKind.VIDEO: QCoreApplication.translate("Words", "Video patrol"),
    }
    return words.get(SpotCheckKind(kind), str(kind))


def category_word(category: str) -> str:
    """Return the word for a checklist category (在岗情况 …); a hall's own code as it is."""
    words = {
        "presence": QCoreApplication.translate("Words", "Presence at the window"),
        "appearance": QCoreApplication.translate("Words", "Dress and appearance"),
        "behaviour": QCoreApplication.translate("Words", "Work discipline"),
        "service": QCoreApplication.translate("Words", "Service standards"),
        "order": QCoreApplication.translate("Words", "Order at the window"),
    }
    return words.get(category, category)


def severity_word(level: int) -> str:
    """Return the word for a finding's severity 1–3."""
    words = {
        1: QCoreApplication.translate("Words", "Minor"),
        2: QCoreApplication.translate("Words", "Serious"),
        3: QCoreApplication.translate("Words", "Severe"),
    }
    return words.get(level, str(level))
