"""Typed errors that carry a message fit for the person at the keyboard.

Every error a user can cause or meet is one of these: the CLI prints its
message on one line, the UI shows it translated. Anything else is a bug, and
is logged with its traceback instead of shown.
"""

from __future__ import annotations

from collections.abc import Sequence


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


class InUseError(ConflictError):
    """A removal refused because other rows still depend on the row; says which."""

    def __init__(
        self, message: str, hint: str = "", *, code: str, params: Sequence[object] = ()
    ) -> None:
        super().__init__(message, hint)
        self.code = code
        self.params = tuple(str(p) for p in params)
