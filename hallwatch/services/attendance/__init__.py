"""Attendance: day and month sheets, window pauses and the board."""
