"""Setting up a hall: details, units, windows, staff, schedules, holidays."""
