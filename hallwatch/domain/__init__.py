"""Dataclasses, enums, rules and calendars. No I/O."""
