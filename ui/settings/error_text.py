"""Turn the core's typed errors into translated text for the person at the keyboard.

The one registry of the core's error codes: FieldError / InUseError / FollowUpRefused
codes (templates), camera codes (camera_templates), import file refusals
(file_templates) and import row problems and warnings (row_templates). Screens that
need other words for a code in their own context (the letters, the check view) say
so before falling back here. tests/ui/test_error_codes.py scans hallwatch/ for every
code raised and checks that this registry says it in Chinese.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from hallwatch.domain.errors import (
    CancelledError,
    DatabaseBusyError,
    HallWatchError,
    NotFoundError,
)

if TYPE_CHECKING:
    from hallwatch.services.imports.report import RowError

# Named params of an import refusal, in the order of %2, %3 … (%1 is the file's name).
FILE_PARAMS: dict[str, tuple[str, ...]] = {
    "bad_csv": ("row",),
    "line_too_long": ("row",),
    "field_too_large": ("row", "column"),
    "unclosed_quote": ("row", "column"),
    "duplicate_column": ("header", "columns", "field"),
    "too_many_columns": ("columns",),
}


class ErrorText(QObject):
    """Translated messages for FieldError / InUseError codes (see
    hallwatch.services.setup.entities)."""

    def templates(self) -> dict[str, str]:
        # %1, %2 … are the error's params, in order.
        return {
            "required": self.tr("This field is required."),
            "too_long": self.tr("Too long: at most %1 characters."),
            "invalid": self.tr("This value is not valid."),
            "missing": self.tr("The chosen entry no longer exists; choose again."),
            "hall_code": self.tr("Use letters, digits, '-' and '_' only, e.g. SZ-01."),
            "hall_code_taken": self.tr("A hall with code %1 already exists."),
            "timezone": self.tr("Unknown time zone %1; use a name like Asia/Shanghai."),
            "unit_code_taken": self.tr("Code %1 is already used by %2."),
            "unit_code_removed": self.tr(
                "Code %1 belonged to the removed unit %2; choose another code."
            ),
            "unit_in_use": self.tr(
                "%1 still has active windows (%2) and staff (%3): move or deactivate them first."
            ),
            "window_number": self.tr("Use up to two capital letters and 1–3 digits, e.g. A12."),
            "window_number_taken": self.tr("Window %1 already exists."),
            "window_number_inactive": self.tr(
                "Window %1 already exists but is inactive: select it and make it active again."
            ),
            "window_number_removed": self.tr(
                "Number %1 belonged to a removed window; choose another."
            ),
            "window_assigned": self.tr(
                "Window %1 is still assigned to %2: end or remove those assignments first."
            ),
            "window_inactive": self.tr("Window %1 is inactive."),
            "staff_no_taken": self.tr("Staff number %1 is already used by %2."),
            "pin": self.tr("Letters and digits only."),
            "pin_taken": self.tr("PIN %1 is already used by %2 (%3): clear it there first."),
            "phone": self.tr("Give 7–20 digits, e.g. 13800138000 or 0755-12345678."),
            "staff_assigned": self.tr(
                "%1 is still assigned to windows %2: end or remove those assignments first."
            ),
            "staff_inactive": self.tr("%1 is inactive."),
            "ends_before_start": self.tr("The end date is before the start date."),
            "primary_overlap": self.tr("Window %1 already has %2 as primary from %3 to %4."),
            "month_day": self.tr("Write the day as MM-DD, e.g. 05-01."),
            "time_order": self.tr(
                "Times must run: morning start < morning end ≤ afternoon start < afternoon end."
            ),
            "range": self.tr("Give a whole number from %1 to %2."),
            "schedule_name_taken": self.tr("A schedule named %1 already exists."),
            "season_overlap": self.tr("The season overlaps %1 (%2 to %3)."),
            "holiday_taken": self.tr("%1 already has an entry (%2): select it to change it."),
            "day_fixed": self.tr("The day of an entry cannot change: remove it and add a new one."),
            "unknown_year": self.tr(
                "The installed national holiday calendar knows the years %2–%3, not %1. "
                "Enter the days of %1 by hand from the State Council's notice; until then "
                "%1 is counted Monday to Friday."
            ),
            "offset_serial": self.tr("Row %1 has no device serial number."),
            "offset_twice": self.tr("Device %1 is listed twice."),
            "offset_range": self.tr("The offset of device %1 must be %2 to %3 seconds."),
            "case_or_ticket": self.tr("Give a case number or a ticket number."),
            "future": self.tr("This time is in the future: enter what has happened."),
            "case_time_order": self.tr("Times must run: ticket taken, called, accepted, finished."),
            "finished_status": self.tr(
                "A finished case needs its finishing time, and only a finished case has one."
            ),
            "rating_unfinished": self.tr("Only a finished case is rated."),
            "case_no_taken": self.tr("Case number %1 is already used."),
            "disk_full": self.tr(
                "The disk holding %1 is full: free space and try again. Nothing was changed."
            ),
            "backup_damaged": self.tr(
                "The backup %1 is damaged (%2): use another backup. Your data is untouched."
            ),
            "limit_order": self.tr(
                "The promised limit is longer than the legal limit: it cannot be."
            ),
            "snapshot_url": self.tr(
                "The snapshot address must start with http:// or https://, e.g. "
                "http://IP/ISAPI/Streaming/channels/101/picture."
            ),
            "ambiguous_category": self.tr(
                "“%1” fits %2 checklist items: give more of the label, or the code."
            ),
            # Spot checks, findings and the checklist.
            "before_start": self.tr("This time is before the spot check started."),
            "after_end": self.tr("This time is after the spot check ended."),
            "unknown_item": self.tr("%1 is not an item of the hall's checklist."),
            "inactive_item": self.tr(
                "Checklist item %1 is no longer in use: choose an item in use, or take it "
                "back into use in the checklist."
            ),
            "unknown_category": self.tr("%1 is not a checklist category."),
            "invalid_code": self.tr(
                "Checklist code %1 is not valid: write it as category.name in lower case, "
                "e.g. service.attitude."
            ),
            "code_category": self.tr("Code %1 must start with its category, %2."),
            "code_taken": self.tr(
                "Checklist code %1 is already used: a code keeps its meaning for good, "
                "choose another."
            ),
            "item_removed": self.tr(
                "Checklist item %1 cannot be removed, as findings may name it: take it out "
                "of use instead."
            ),
            "category_changed": self.tr(
                "Checklist item %1 cannot move to another category: add a new item there."
            ),
            "checklist_empty": self.tr(
                "The checklist has no item in use: keep at least one item active."
            ),
            "checklist_damaged": self.tr(
                "The saved checklist is damaged: save the checklist again."
            ),
            "finding_in_letter": self.tr(
                "%1 letter(s) cite this finding: revoke or change the letter first."
            ),
            # Letters and templates.
            "out_of_range": self.tr("Give a number from %1 to %2."),
            "unknown_placeholder": self.tr(
                "The template uses an unknown placeholder {%1}: use one of those listed."
            ),
            "unknown_field": self.tr("This field cannot be changed here."),
            "unknown_kind": self.tr("Unknown kind “%1”: choose one from the list."),
            "ambiguous": self.tr(
                "This names several letters: give the letter's number or more of its id."
            ),
            "past": self.tr("This deadline (%1) is already past: set a later one."),
            "no_person": self.tr(
                "These records name nobody, and a warning letter is addressed to a person: "
                "record who it was, or draft a notice to the unit."
            ),
            "no_unit": self.tr(
                "These records belong to no unit: give the window or the person a unit "
                "first (Settings)."
            ),
            "several_people": self.tr(
                "These records name several people (%1): draft one letter per person."
            ),
            "several_units": self.tr(
                "These records are at several units: draft one notice per unit."
            ),
            "char_not_in_font": self.tr(
                "The character “%1” (%2) is not in the letter's font and would print as an "
                "empty box: write it another way."
            ),
            "caption_too_long": self.tr(
                "The caption takes %1 lines and leaves too little room for the photo: shorten it."
            ),
            "bad_image": self.tr(
                "The photo cannot be read as a JPEG: attach the original photo from the "
                "evidence store."
            ),
            "not_jpeg": self.tr(
                "The photo is not a JPEG: attach the original photo from the evidence store."
            ),
            # Rating follow-ups (%1 the case, %2 the person named).
            "before_rating": self.tr("The call time is before the rating (%1)."),
            "closed": self.tr("This task was closed by %2; a closed task stays as it is."),
            "call_missing": self.tr(
                "Record the follow-up call (time, who called, what was said) before closing "
                "the task."
            ),
            "appeal_filed": self.tr(
                "This rating was already appealed by %2; a rating is appealed once."
            ),
            "no_appeal": self.tr("There is no appeal to review: file the appeal first."),
            "appeal_reviewed": self.tr(
                "This appeal was already reviewed by %2; an appeal is reviewed once."
            ),
            "own_appeal": self.tr(
                "%1 filed this appeal and cannot also review it: another person must."
            ),
            # The State Council's holiday notice.
            "notice_year_mismatch": self.tr(
                "The notice is for %1, not %2: import it as %1, or paste the notice for %2."
            ),
            "notice_no_year": self.tr(
                "The notice does not say its year (its title 国务院办公厅关于……的通知 is "
                "missing): paste it with its title, or give the year."
            ),
            "notice_bad_date": self.tr(
                "“%1”: %2 is not a date of that year. Check the pasted text against the notice."
            ),
            "notice_weekday": self.tr(
                "“%1”: %2 is a 周%3, and the notice says 周%4. Check the year: a notice is for "
                "the year its title names."
            ),
            "notice_unclear": self.tr(
                "“%1”: cannot tell whether these days are off or working days. Paste the "
                "sentence as the notice writes it (…放假 or …上班)."
            ),
            "notice_count": self.tr(
                "“%1”: says %2 days but names %3. Check the pasted text against the notice."
            ),
            "notice_twice": self.tr(
                "%1 is both a day off and a working day in the text. Check it against the notice."
            ),
            "notice_no_days": self.tr(
                "No holiday or working day was found in the text: paste the notice's numbered "
                "sections (一、元旦：1月1日放假…)."
            ),
        }

    def class_templates(self) -> dict[str, str]:
        """Errors without a code, by class name (classes are not imported: some load slowly)."""
        return {
            "NoNumberLeftError": self.tr(
                "No letter number is left: connect and sync so that the server leases a new "
                "block of numbers (a standalone installation: use another series code in the "
                "letter template)."
            ),
            "LetterFontError": self.tr(
                "The Chinese fonts for letters are missing: reinstall HallWatch or put a "
                "Song/FangSong TrueType font in its fonts folder."
            ),
            "FontMissingError": self.tr(
                "The Chinese font for photo captions is missing: reinstall HallWatch."
            ),
            "NewerSchemaError": self.tr(
                "The database was written by a newer HallWatch: install that version to open it."
            ),
            "CorruptDatabaseError": self.tr(
                "The database file is damaged: restore it from a backup."
            ),
        }

    def field_templates(self) -> dict[tuple[str, str], str]:
        """Wordings of a code that depend on the field (one code, several meanings)."""
        return {
            ("time_order", "now"): self.tr("A spot check cannot end before it started."),
        }

    def camera_templates(self) -> dict[str, str]:
        """CameraError codes: what went wrong with the camera and what to check."""
        return {
            "auth": self.tr(
                "The camera refused the user name or password: check them in the window's "
                "camera settings."
            ),
            "bad_source": self.tr(
                "This is not a camera address: give a device index (0), rtsp://…, http://… "
                "or a video file."
            ),
            "dropped": self.tr(
                "The camera's video stopped: check the camera and its network cable, then "
                "try again."
            ),
            "not_found": self.tr("The video file was not found: check the path."),
            "not_jpeg": self.tr(
                "The camera did not send a JPEG picture: check its snapshot address."
            ),
            "not_stream": self.tr(
                "This address is not a video stream that HallWatch can read: check the stream path."
            ),
            "timeout": self.tr(
                "The camera did not answer in time: check that it is switched on and on the "
                "network, then try again."
            ),
            "unavailable": self.tr(
                "There is no working camera at this index on this computer: plug it in, "
                "close other programs using it, or choose another index."
            ),
            "unreachable": self.tr(
                "The camera cannot be reached: check that it is switched on and that the "
                "address and port are right."
            ),
            "refused": self.tr(
                "The camera refused the connection: nothing listens at that port. Check the "
                "address and port, and that the camera's stream service is switched on."
            ),
            "camera_and_snapshot_failed": self.tr(
                "Neither the camera's stream nor its snapshot address gave a picture: import "
                "a photo taken with a phone instead."
            ),
            "camera": self.tr("The camera failed: check it and try again."),
        }

    def file_templates(self) -> dict[str, str]:
        """Import refusals of a whole file: %1 is the file's name (FILE_PARAMS: %2 …)."""
        return {
            "not_found": self.tr("The file %1 does not exist."),
            "not_a_file": self.tr("%1 is a folder, not a file."),
            "unreadable": self.tr(
                "The file %1 cannot be read. Check that no other program has it open."
            ),
            "empty": self.tr("%1 is empty. Export the data again."),
            "binary": self.tr(
                "%1 is not a text file or workbook. Export the records as CSV, text or .xlsx."
            ),
            "encoding": self.tr(
                "%1 is neither UTF-8 nor GB18030 text. Save it again as UTF-8 or GB18030 "
                "CSV, or as .xlsx."
            ),
            "bad_workbook": self.tr(
                "%1 cannot be read as a workbook. Open it in Excel or WPS (remove a password if "
                "it has one), save it again as .xlsx, or export CSV."
            ),
            "attlog_workbook": self.tr(
                "%1 is an Excel workbook, not a ZKTeco attlog file. Import it as a punch export."
            ),
            "no_rows": self.tr("%1 has no rows to import."),
            "too_many_rows": self.tr("%1 is far too long for a staff roster."),
            "kind_later": self.tr("This kind of import comes with a later release of HallWatch."),
            "unknown_kind": self.tr("HallWatch does not import this kind of file."),
            "bad_csv": self.tr(
                "Line %2 of %1 cannot be read as CSV. Open the file, check that line, save it "
                "again as CSV and import it again."
            ),
            "line_too_long": self.tr(
                "Line %2 of %1 is far too long: this is not a text export. Export the "
                "records again as CSV, text or .xlsx."
            ),
            "field_too_large": self.tr(
                "Line %2 of %1, column %3 holds far more text than a cell of a record. "
                "Shorten or remove that cell and import the file again."
            ),
            "unclosed_quote": self.tr(
                'In %1, the quote (") opened in line %2, column %3 is never closed, so the '
                "lines after it would be read as one cell. Close or remove it and import "
                "the file again."
            ),
            "duplicate_column": self.tr(
                "Two columns are headed “%2” (%3): HallWatch cannot tell which one holds "
                "the %4. Delete or rename one of them, or save a mapping that chooses one."
            ),
            "too_many_columns": self.tr(
                "The header row of %1 has %2 columns, more than a spreadsheet can hold: this "
                "is not an export's table. Check that you chose the right file, or export "
                "the data again."
            ),
            "cancelled": self.tr("The import was cancelled. Nothing was saved."),
        }

    def row_templates(self) -> dict[str, str]:
        """Problems and warnings of one imported row: %1 is the value the file holds."""
        return {
            "unknown_pin": self.tr("Unknown PIN %1: no staff member has it"),
            "ambiguous_pin": self.tr("PIN %1 belongs to several staff members"),
            "empty_pin": self.tr("The PIN is empty"),
            "missing_time": self.tr("The time is missing"),
            "bad_time": self.tr("Cannot read the time “%1”"),
            "bad_date": self.tr("Cannot read the date “%1”"),
            "time_out_of_range": self.tr("The time %1 is out of range"),
            "unknown_window": self.tr("Unknown window %1"),
            "decode": self.tr("The line is not text in the file's encoding"),
            "empty_staff_no": self.tr("The staff number is empty"),
            "too_long": self.tr("“%1” is too long"),
            "bad_role": self.tr("Unknown window role “%1”: write A角 or B角"),
            "duplicate_staff_no": self.tr("Staff number %1 appears again with other values"),
            "duplicate_pin": self.tr("PIN %1 is given to two people in the file"),
            "duplicate_primary": self.tr("Window %1 has two primary staff members in the file"),
            "missing_name": self.tr("A new staff member needs a name"),
            "pin_taken": self.tr("PIN %1 already belongs to another staff member"),
            "empty_ticket": self.tr("The ticket number is empty"),
            "empty_case_no": self.tr("The case number is empty"),
            "empty_time": self.tr("The time is missing"),
            "unknown_item": self.tr("Unknown service item %1"),
            "ambiguous_item": self.tr("Service item %1 matches several items"),
            "unknown_staff": self.tr("Unknown operator %1"),
            "ambiguous_staff": self.tr("Operator %1 matches several staff members"),
            "unknown_unit": self.tr("Unknown unit %1"),
            "unknown_state": self.tr("Unknown state “%1”"),
            "state_conflict": self.tr("The state “%1” does not fit the times given"),
            "called_without_time": self.tr("Called, but the call time is missing"),
            "finished_without_time": self.tr("Finished, but the finish time is missing"),
            "future": self.tr("The time %1 is in the future"),
            "rating_out_of_scale": self.tr("Rating “%1” is not on this source's scale"),
            "rating_unserved": self.tr("A ticket that was never served cannot be rated"),
            "bad_minutes": self.tr("Cannot read the minutes “%1”"),
            "hold_too_long": self.tr("%1 minutes on hold is longer than a day"),
            "bad_days": self.tr("Cannot read the working days “%1”"),
            "missing_limit": self.tr("No time limit: give the limits or a known service item"),
            "limit_order": self.tr("The promised limit is longer than the legal one"),
            "duplicate_ticket": self.tr("Ticket %1 appears twice with different data"),
            "duplicate_case": self.tr("Case %1 appears twice with different data"),
            "provisional_due": self.tr(
                "No holiday data for that year: the due date counts Monday to Friday (待确认)"
            ),
            "called_before_taken": self.tr("Called before the ticket was taken"),
            "accepted_before_taken": self.tr("Accepted before the ticket was taken"),
            "accepted_before_called": self.tr("Accepted before it was called"),
            "finished_before_taken": self.tr("Finished before the ticket was taken"),
            "finished_before_called": self.tr("Finished before it was called"),
            "finished_before_accepted": self.tr("Finished before it was accepted"),
            "rated_before_taken": self.tr("Rated before the ticket was taken"),
            "rated_before_called": self.tr("Rated before it was called"),
            "rated_before_accepted": self.tr("Rated before it was accepted"),
            "devices": self.tr("Too many devices in one file"),
            "missing_column": self.tr("No column holds this field"),
            "ticket_taken": self.tr(
                "Ticket %1 is already stored for that day with another take-ticket time: "
                "check the file, or delete the stored ticket first"
            ),
            "footer_skipped": self.tr("Skipped a footer line, not a record (“%1”)"),
            "header_repeated": self.tr(
                "Skipped: the row repeats the header (a second export pasted below the first?)"
            ),
            "torn_line": self.tr(
                "A record torn when the device's log wrapped round: skipped; check that "
                "punch on the device if it matters"
            ),
            "control_characters": self.tr(
                "Removed control characters (such as terminal colour codes) from the text"
            ),
        }

    def field_name(self, name: str) -> str:
        """Name a field of an import (a column the file should have)."""
        names = {
            "pin": self.tr("Staff PIN"),
            "datetime": self.tr("Punch time"),
            "date": self.tr("Date"),
            "time": self.tr("Time of day"),
            # A sign-in/sign-out sheet's second time (ZKTime's 签退时间): a punch too.
            "time_out": self.tr("Sign-out time"),
            "name": self.tr("Name"),
            "department": self.tr("Department"),
            "device": self.tr("Device"),
            "window": self.tr("Window"),
            "staff_no": self.tr("Staff number"),
            "unit": self.tr("Unit"),
            "phone": self.tr("Phone"),
            "position": self.tr("Position"),
            "gender": self.tr("Gender"),
            "role": self.tr("Window role (A/B)"),
            "file": self.tr("File"),
            "ticket_no": self.tr("Ticket number"),
            "case_no": self.tr("Case number"),
            "item": self.tr("Service item"),
            "staff": self.tr("Operator"),
            "taken_at": self.tr("Ticket taken"),
            "called_at": self.tr("Called"),
            "accepted_at": self.tr("Accepted"),
            "finished_at": self.tr("Finished"),
            "state": self.tr("State"),
            "hold_minutes": self.tr("Minutes on hold"),
            "rating": self.tr("Rating"),
            "rated_at": self.tr("Rated at"),
            "promised_days": self.tr("Promised limit (working days)"),
            "legal_days": self.tr("Legal limit (working days)"),
            "paused_days": self.tr("Paused (working days)"),
            "extended_days": self.tr("Extension (working days)"),
        }
        return names.get(name, name)

    def row_reason(self, error: RowError) -> str:
        """Say why a row was refused or flagged (the core's English if the code is new)."""
        template = self.row_templates().get(error.code)
        return template.replace("%1", error.value) if template is not None else error.reason

    def file_text(
        self,
        code: str,
        params: Mapping[str, Any],
        file: str,
        field_name: Callable[[str], str] | None = None,
    ) -> str | None:
        """Say why a whole file was refused; None for a code this registry does not know."""
        field_name = field_name or self.field_name
        if code == "missing_columns":
            missing = self.tr(", ").join(field_name(name) for name in params.get("missing", []))
            headers = self.tr(", ").join(h for h in params.get("headers", []) if h) or "—"
            text = self.tr("The file has no column for: %1. Columns found: %2.")
            return text.replace("%1", missing).replace("%2", headers)
        if code == "mapping_column_missing":
            text = self.tr(
                "The saved mapping names the column “%1”, which this file does not have."
            )
            return text.replace("%1", str(params.get("column", "")))
        template = self.file_templates().get(code)
        if template is None:
            return None
        values = [file]
        for name in FILE_PARAMS.get(code, ()):
            value = params.get(name, "")
            if name == "field":
                value = field_name(str(value))
            elif isinstance(value, list | tuple):
                value = self.tr(", ").join(str(v) for v in value)
            values.append(str(value))
        return _fill(template, values)

    def describe(self, error: BaseException | str) -> str:
        """Return the translated message for an error (or a worker's error text)."""
        if isinstance(error, str):
            return self.tr("Unexpected error: %1").replace("%1", error)
        code = getattr(error, "code", None)
        # The imports and the camera load slowly (calamine, OpenCV): an error of theirs
        # exists only once they are loaded, so they are not imported here.
        report = sys.modules.get("hallwatch.services.imports.report")
        if report is not None and isinstance(error, report.ImportFileError):
            text = self.file_text(error.code, error.params, str(error.params.get("file", "")))
            if text is not None:
                return text
        sources = sys.modules.get("hallwatch.camera.sources")
        if sources is not None and isinstance(error, sources.CameraError):
            return self.camera_templates().get(str(code), self.camera_templates()["camera"])
        field = getattr(error, "field", "")
        template = None
        if isinstance(code, str):
            template = self.field_templates().get((code, str(field))) or self.templates().get(code)
        if template is not None:
            return _fill(template, getattr(error, "params", ()))
        # Errors that carry no code: their class says what happened.
        kinds = {cls.__name__ for cls in type(error).__mro__}
        for kind, text in self.class_templates().items():
            if kind in kinds:
                return text
        if isinstance(error, CancelledError):
            return self.tr("Cancelled; nothing was changed.")
        if isinstance(error, NotFoundError):
            return self.tr("This entry no longer exists (removed on another device?).")
        if isinstance(error, DatabaseBusyError):
            return self.tr("The database is busy: another program is writing. Try again.")
        if isinstance(error, HallWatchError):
            return self.tr("Could not save: %1").replace("%1", str(error))
        return self.tr("Unexpected error: %1").replace("%1", str(error))


def _fill(template: str, params: Sequence[object]) -> str:
    """Put params into %1, %2 … (highest first, so %1 never eats the start of %10)."""
    for index in range(len(params), 0, -1):
        template = template.replace(f"%{index}", str(params[index - 1]))
    return template
