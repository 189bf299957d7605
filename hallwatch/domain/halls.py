"""A hall as the rest of the program sees it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class HallInfo:
    id: uuid.UUID
    code: str
    name: str
    timezone: str
    is_demo: bool
