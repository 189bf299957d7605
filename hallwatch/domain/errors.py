"""Typed errors that carry a message fit for the person at the keyboard.

Every error a user can cause or meet is one of these: the CLI prints its
message on one line, the UI shows it translated. Anything else is a bug, and
is logged with its traceback instead of shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path


class HallWatchError(Exception):
    """An expected failure: says what happened and what to do."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class InputError(HallWatchError):
    """The user gave something malformed (a date, a count, a file)."""

    exit_code = 2


class CancelledError(HallWatchError):
    """The user stopped a long operation; nothing was written (not a fault of the input)."""


class DataFolderError(HallWatchError):
    """The data folder cannot be used (missing, not writable, not ours)."""


class NewerSchemaError(HallWatchError):
    """The database was written by a newer HallWatch."""


class CorruptDatabaseError(HallWatchError):
    """The database file fails SQLite's integrity check."""


class DatabaseBusyError(HallWatchError):
    """Another process holds the database lock for longer than we wait."""


class NotFoundError(HallWatchError):
    """An id or number that names nothing."""


class ConflictError(HallWatchError):
    """The request contradicts what is already saved."""


class FieldError(InputError):
    """Bad input in one field: `field` names it; `code` and `params` let a UI translate it.

    The message (English, for the command line and logs) names the field too.
    """

    def __init__(
        self,
        field: str,
        message: str,
        hint: str = "",
        *,
        code: str = "invalid",
        params: Sequence[object] = (),
    ) -> None:
        super().__init__(message, hint)
        self.field = field
        self.code = code
        self.params = tuple(str(p) for p in params)


class CodedConflictError(ConflictError):
    """A refusal that a UI translates: `code` names the case, `params` its values."""

    def __init__(
        self, message: str, hint: str = "", *, code: str, params: Sequence[object] = ()
    ) -> None:
        super().__init__(message, hint)
        self.code = code
        self.params = tuple(str(p) for p in params)


class InUseError(CodedConflictError):
    """A removal refused because other rows still depend on the row; says which."""


# --- the errors of particular capabilities ------------------------------------------


class BackupDamagedError(CorruptDatabaseError):
    """A member of a backup does not read back whole; `params`: the file, the member."""

    code = "backup_damaged"

    def __init__(self, source: Path, member: str, why: str = "") -> None:
        detail = f"{member}: {why}" if why else member
        super().__init__(f"the backup {source} is damaged ({detail}): use another backup")
        self.params: tuple[str, ...] = (str(source), member)


class AlreadyDraftedError(ConflictError):
    """The record already leads to a letter that stands (a draft or one not revoked)."""

    def __init__(self, what: str, letter_id: uuid.UUID, doc_no: str | None) -> None:
        name = doc_no or "a draft"
        super().__init__(
            f"{what} already has a letter: {name}",
            "open it under Letters; revoke or discard it to draft another",
        )
        self.letter_id = letter_id
        self.doc_no = doc_no


class NoNumberLeftError(ConflictError):
    """The register has no number left for the series and year."""


class EvidenceStoreError(DataFolderError):
    """A photo's file could not be written to the data folder (disk full, permissions)."""


class FollowUpRefused(CodedConflictError):
    """A step that the task's state does not allow; `code` and `params` let a UI translate it.

    Codes: closed, call_missing, appeal_filed, no_appeal, appeal_reviewed, own_appeal.
    """


class LetterFontError(HallWatchError):
    """No usable CJK TrueType font for a role."""


class LetterTextError(FieldError):
    """A field holds a character that the letter's fonts cannot print."""


class DiskFullError(DataFolderError):
    """The disk holding a folder has no space left; nothing was changed.

    `code` and `params` let a UI translate it (params: the folder).
    """

    code = "disk_full"

    def __init__(self, folder: Path | str, detail: str = "") -> None:
        super().__init__(f"the disk holding {folder} is full: free space and try again", detail)
        self.folder = str(folder)
        self.params: tuple[str, ...] = (self.folder,)


class FontMissingError(HallWatchError):
    """No font that can draw Chinese is installed."""
