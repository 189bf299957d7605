"""Rating scales: each source's ratings mapped to the five national levels (好差评).

The national scale has five levels, stored as 1 非常不满意 … 5 非常满意. Queue
systems often rate on their own scale (a three-key pad writing 1/3/4, say), so a
hall keeps one scale per source as a setting, key `rating_scale:<source>`, value
`{"levels": {raw value: level}}`. Without a saved scale a source rates 1–5 like the
national scale. The five national words (非常满意 … 非常不满意, and their English
names) are read as their level on every scale; empty cells and 未评价 mean "not
rated". Any other value is outside the source's scale: a row error.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallwatch.domain.errors import InputError
from hallwatch.storage.models import Setting

SETTING_PREFIX = "rating_scale:"
MAX_SOURCE = 60
# rating_raw keeps the value as the source wrote it, in at most this many characters.
MAX_RAW = 16

NATIONAL_LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
_WORDS = {
    "非常满意": 5,
    "满意": 4,
    "基本满意": 3,
    "一般": 3,
    "不满意": 2,
    "非常不满意": 1,
    "verysatisfied": 5,
    "satisfied": 4,
    "basicallysatisfied": 3,
    "fairlysatisfied": 3,
    "dissatisfied": 2,
    "unsatisfied": 2,
    "verydissatisfied": 1,
    "veryunsatisfied": 1,
}
_NOT_RATED = frozenset(
    {"", "未评价", "未评", "无评价", "暂无评价", "无", "-", "—", "--", "none", "notrated", "na"}
)
DEFAULT_LEVELS = {str(level): level for level in range(1, 6)}

_SPACE = re.compile(r"\s+")
# 4分, 4星, 4级, 4.0: the number is what counts.
_NUMBER = re.compile(r"^(\d+)(?:\.0+)?(?:分|星|级|stars?)?$")


def fold_rating(value: str) -> str:
    """Return a rating value folded for comparison: NFKC, lower case, no spaces, 4.0 → 4."""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", value).casefold())
    match = _NUMBER.match(text)
    return str(int(match.group(1))) if match else text


@dataclass(frozen=True, slots=True)
class RatingScale:
    """How one source's rating values map to the national levels 1..5."""

    source: str
    levels: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LEVELS))
    # False: no scale is saved for this source and the default 1–5 applies.
    saved: bool = False

    def level(self, value: str) -> int | None:
        """Return the national level of a raw value, None when not rated.

        Raises ValueError, with a reason fit for a row error, for a value outside
        the scale.
        """
        key = fold_rating(value)
        found = self.levels.get(key)
        if found is not None:
            return found
        if key in _NOT_RATED:
            return None
        word = _WORDS.get(key)
        if word is not None:
            return word
        raise ValueError(
            f"rating {value!r} is outside the rating scale of {self.source!r} ({self.describe()})"
        )

    def describe(self) -> str:
        """Return the scale as text: 1→1 非常不满意, 3→3 基本满意 …"""
        parts = [
            f"{raw}→{NATIONAL_LEVELS[level]}"
            for raw, level in sorted(self.levels.items(), key=lambda item: (item[1], item[0]))
        ]
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {"levels": dict(self.levels)}


def _check_source(source: str) -> str:
    source = source.strip()
    if not source:
        raise InputError("the rating scale has no source", "name the queue system it is for")
    if len(source) > MAX_SOURCE:
        raise InputError(
            f"the source name {source[:20]!r}… is too long", f"use at most {MAX_SOURCE} characters"
        )
    return source


def check_levels(levels: Mapping[Any, Any]) -> dict[str, int]:
    """Return a scale's levels folded and checked, or raise InputError naming the bad one."""
    if not levels:
        raise InputError("the rating scale is empty", "map at least one value to a level 1–5")
    checked: dict[str, int] = {}
    for raw, level in levels.items():
        key = fold_rating(str(raw))
        if not key or key in _NOT_RATED:
            raise InputError(
                f"the rating value {raw!r} cannot be mapped",
                "give the value as the source writes it",
            )
        if len(key) > MAX_RAW:
            raise InputError(
                f"the rating value {str(raw)[:20]!r} is too long",
                f"use at most {MAX_RAW} characters",
            )
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            raise InputError(
                f"rating value {raw!r} is mapped to {level!r}, which is not a level",
                "give a level 1 (非常不满意) to 5 (非常满意)",
            )
        if key in checked and checked[key] != level:
            raise InputError(f"the rating value {raw!r} is mapped twice", "map it once")
        checked[key] = level
    return checked


def save_rating_scale(
    session: Session, hall_id: uuid.UUID, source: str, levels: Mapping[Any, int]
) -> RatingScale:
    """Save (or replace) a source's rating scale as a hall setting; return it as saved."""
    source = _check_source(source)
    scale = RatingScale(source, check_levels(levels), saved=True)
    key = SETTING_PREFIX + source
    value = scale.as_json()
    row = session.scalar(select(Setting).where(Setting.hall_id == hall_id, Setting.key == key))
    if row is None:
        session.add(Setting(hall_id=hall_id, key=key, value=value))
    elif row.value != value or row.deleted:
        row.value = value
        row.deleted = False
    session.flush()
    return scale


def load_rating_scale(session: Session, hall_id: uuid.UUID, source: str) -> RatingScale:
    """Return the source's saved rating scale, or the default 1–5 scale."""
    source = source.strip()
    value = session.scalar(
        select(Setting.value).where(
            Setting.hall_id == hall_id,
            Setting.key == SETTING_PREFIX + source,
            Setting.deleted.is_(False),
        )
    )
    if value is None:
        return RatingScale(source)
    levels = value.get("levels") if isinstance(value, dict) else None
    if not isinstance(levels, dict):
        raise InputError(f"the saved rating scale of {source!r} is damaged", "save it again")
    return RatingScale(source, check_levels(levels), saved=True)


def list_rating_scales(session: Session, hall_id: uuid.UUID) -> list[str]:
    """Return the sources that have a saved rating scale, sorted."""
    keys = session.scalars(
        select(Setting.key).where(
            Setting.hall_id == hall_id,
            Setting.key.startswith(SETTING_PREFIX, autoescape=True),
            Setting.deleted.is_(False),
        )
    )
    return sorted(key[len(SETTING_PREFIX) :] for key in keys)
