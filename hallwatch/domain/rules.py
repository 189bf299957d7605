"""A hall's rules: every threshold of DESIGN §5 and DOMAIN.md, with their defaults.

Nothing here is a constant of the trade: each hall sets its own values in its
settings (synced like any row). `validate()` names the field that is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from hallwatch.domain.errors import InputError


@dataclass(frozen=True, slots=True)
class HallRules:
    # Attendance. A season's schedule may set its own grace; this is the hall's default.
    late_grace_minutes: int = 0
    # Late or early by this many minutes or more (inclusive) = half a day's absence.
    half_day_minutes: int = 30
    # Left the post and not back within this many minutes = off post (脱岗).
    off_post_minutes: int = 15
    # Punches this close together are one punch.
    duplicate_punch_seconds: int = 60
    # Known clock error of punch devices, by serial number: seconds to add.
    device_offsets: dict[str, int] = field(default_factory=dict)
    # Cases: yellow light when this many working days or fewer are left.
    yellow_days: int = 1
    # Ratings: working days to follow up a bad rating.
    bad_rating_followup_days: int = 5
    # Accountability: late/early arrivals in a month that suggest a caution talk (诫勉),
    # and caution talks in a year that suggest a formal warning letter (效能告诫).
    lates_for_caution: int = 3
    cautions_for_warning: int = 3
    # Findings: default rectification deadline in working days.
    rectify_days: int = 5

    def validate(self) -> HallRules:
        """Return self, or raise InputError naming the first field out of range."""
        limits = {
            "late_grace_minutes": (0, 120),
            "half_day_minutes": (1, 240),
            "off_post_minutes": (1, 240),
            "duplicate_punch_seconds": (0, 3600),
            "yellow_days": (0, 30),
            "bad_rating_followup_days": (1, 60),
            "lates_for_caution": (1, 31),
            "cautions_for_warning": (1, 12),
            "rectify_days": (1, 60),
        }
        for name, (low, high) in limits.items():
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise InputError(
                    f"rule {name} = {value!r} is out of range", f"give a whole number {low}–{high}"
                )
        for serial, offset in self.device_offsets.items():
            if not isinstance(offset, int) or abs(offset) > 86_400:
                raise InputError(
                    f"clock offset of device {serial} = {offset!r} is out of range",
                    "give seconds between -86400 and 86400",
                )
        return self

    def as_settings(self) -> dict[str, Any]:
        """Return the rules as setting key → JSON value."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_settings(cls, values: dict[str, Any]) -> HallRules:
        """Build rules from stored settings; unknown keys are ignored, missing ones default."""
        known = {f.name for f in fields(cls)}
        rules = replace(cls(), **{k: v for k, v in values.items() if k in known})
        return rules.validate()
