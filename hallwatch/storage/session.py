"""The session that `Database.read()` and `Database.write()` hand out, as a type.

Screens pass it on to the services and never query with it: the UI imports neither
SQLAlchemy nor the models (an import-linter contract in pyproject.toml).
"""

from __future__ import annotations

from sqlalchemy.orm import Session as Session

__all__ = ["Session"]
