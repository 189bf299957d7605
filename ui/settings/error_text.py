"""Turn the core's typed errors into translated text for the person at the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QObject

from hallwatch.domain.errors import DatabaseBusyError, HallWatchError, NotFoundError


class ErrorText(QObject):
    """Translated messages for FieldError / InUseError codes (see hallwatch.services.setup)."""

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
        }

    def describe(self, error: BaseException | str) -> str:
        """Return the translated message for an error (or a worker's error text)."""
        if isinstance(error, str):
            return self.tr("Unexpected error: %1").replace("%1", error)
        code = getattr(error, "code", None)
        template = self.templates().get(code) if isinstance(code, str) else None
        if template is not None:
            params = getattr(error, "params", ())
            # Highest first, so %1 never eats the start of %10.
            for index in range(len(params), 0, -1):
                template = template.replace(f"%{index}", str(params[index - 1]))
            return template
        if isinstance(error, NotFoundError):
            return self.tr("This entry no longer exists (removed on another device?).")
        if isinstance(error, DatabaseBusyError):
            return self.tr("The database is busy: another program is writing. Try again.")
        if isinstance(error, HallWatchError):
            return self.tr("Could not save: %1").replace("%1", str(error))
        return self.tr("Unexpected error: %1").replace("%1", str(error))
