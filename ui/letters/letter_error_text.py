"""The letters' errors in Chinese: what happened to which letter, and what to do.

The core's messages are English (for the command line and logs). Field errors carry
a code that is translated here or in the shared ErrorText; the conflicts a letter
meets (no longer a draft, already revoked, a register with no number left) carry
none, so their text depends on what the person was doing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from hallwatch.domain.errors import (
    ConflictError,
    FieldError,
    HallWatchError,
    InputError,
    LetterFontError,
    NoNumberLeftError,
    NotFoundError,
)
from ui.settings.error_text import ErrorText


class LetterErrorText(QObject):
    """Translated messages for the errors of hallwatch.services.letters.lifecycle."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shared = ErrorText(self)

    def templates(self) -> dict[str, str]:
        # %1, %2 … are the error's params, in order.
        return {
            "char_not_in_font": self.tr(
                "The character “%1” (%2) is not in the letter's font and would print as an "
                "empty box: write it another way (a common variant, or 某)."
            ),
            "time_order": self.tr("This time is before the letter was issued."),
            "unknown_field": self.tr("This field cannot be changed here."),
            "no_person": self.tr(
                "A warning letter is addressed to a person, and these records name nobody."
            ),
            "no_unit": self.tr("This notice is addressed to a unit, and these records name none."),
            "several_people": self.tr("These findings name several people (%1): one letter each."),
            "several_units": self.tr("These findings are at several units: one notice each."),
            "past": self.tr(
                "This deadline (%1) is already past on the day of issue: set a later one."
            ),
        }

    def conflicts(self) -> dict[str, str]:
        return {
            "save": self.tr(
                "This letter is no longer a draft (issued in another window or on another "
                "device?): refresh the list."
            ),
            "issue": self.tr(
                "This letter is no longer a draft (issued in another window or on another "
                "device?): refresh the list."
            ),
            "discard": self.tr("Only a draft can be deleted; an issued letter is revoked instead."),
            "pdf": self.tr(
                "The stored PDF of this letter was altered (its hash no longer matches): "
                "restore it from a backup."
            ),
            "deliver": self.tr(
                "Only an issued letter that was not delivered yet can be recorded as "
                "delivered: refresh the list."
            ),
            "acknowledge": self.tr(
                "Only an issued or delivered letter can be acknowledged: refresh the list."
            ),
            "rectify": self.tr(
                "Only an issued rectification notice is closed by a re-inspection: "
                "refresh the list."
            ),
            "revoke": self.tr(
                "This letter was revoked already, or is a draft (delete a draft instead): "
                "refresh the list."
            ),
        }

    def describe(self, error: BaseException | str, action: str = "save") -> str:
        """Return the Chinese message for an error met while doing `action`."""
        if isinstance(error, str):
            return self.shared.describe(error)
        code = getattr(error, "code", None)
        template = self.templates().get(code) if isinstance(code, str) else None
        if template is not None:
            params = getattr(error, "params", ())
            for index in range(len(params), 0, -1):
                template = template.replace(f"%{index}", str(params[index - 1]))
            return self._where(error) + template
        if action == "capture" and isinstance(error, HallWatchError):
            return self.tr(
                "No photo could be taken: check the window's camera (Settings › Windows), "
                "or import the re-inspection photos."
            )
        if isinstance(error, NoNumberLeftError):
            return self.tr(
                "No letter number is left: connect and sync so that the server leases a new "
                "block of numbers (a standalone installation: use another series code in the "
                "letter template)."
            )
        if isinstance(error, LetterFontError):
            return self.tr(
                "The Chinese fonts for letters are missing: reinstall HallWatch or put a "
                "Song/FangSong TrueType font in its fonts folder."
            )
        if isinstance(error, FieldError):
            return self._where(error) + self.shared.describe(error)
        if isinstance(error, ConflictError):
            return self.conflicts().get(action, self.conflicts()["save"])
        if isinstance(error, NotFoundError):
            if action in ("pdf", "issue"):
                return self.tr(
                    "A file of this letter (its PDF or a photo) is missing from the data "
                    "folder: restore it from a backup or sync it from the server."
                )
            if action == "rectify":
                return self.tr("A chosen photo no longer exists: choose the photos again.")
            return self.tr("This letter no longer exists (removed on another device?).")
        if isinstance(error, InputError) and action == "rectify":
            return self.tr("This file cannot be used: choose an intact JPEG photo (.jpg, ≤ 50 MB).")
        if isinstance(error, HallWatchError):
            return self.shared.describe(error)
        return self.shared.describe(str(error))

    def _where(self, error: BaseException) -> str:
        """Name a part of the body that has no field of its own (paragraphs[3], items[2])."""
        field = getattr(error, "field", "")
        if isinstance(field, str) and field.startswith("paragraphs["):
            return self.tr("Paragraph %1 of the body: ").replace("%1", field[11:-1])
        if isinstance(field, str) and field.startswith("facts["):
            return self.tr("Paragraph %1 of the facts: ").replace("%1", field[6:-1])
        if isinstance(field, str) and field.startswith("items["):
            return self.tr("Item %1: ").replace("%1", field[6:-1])
        if isinstance(field, str) and field.startswith("appendix["):
            return self.tr("Photo %1 of the appendix: ").replace("%1", field[9:-1])
        return ""
