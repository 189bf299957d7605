"""Widgets and helpers shared by several screens: hall time, id combo, unit filter,
form fields, style, shortcuts (issue 12 item 5: out of the feature packages)."""
