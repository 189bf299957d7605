"""考勤: the day sheet, the month sheets, leave entry and signed corrections (补签)."""
