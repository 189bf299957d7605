"""Schema revisions: Alembic owns the schema; this module drives it."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(script_location: Path | None = None) -> Config:
    """Return an Alembic config for HallWatch's revisions (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    return config


@functools.cache
def script_directory(script_location: Path | None = None) -> ScriptDirectory:
    """Return the revision scripts (read once per process: opening stays fast)."""
    return ScriptDirectory.from_config(alembic_config(script_location))


def head_revision(script_location: Path | None = None) -> str:
    """Return the newest revision this HallWatch knows."""
    head = script_directory(script_location).get_current_head()
    assert head is not None, "no migration scripts shipped"
    return head


def first_revision(script_location: Path | None = None) -> str:
    """Return the first revision (the schema of the first release)."""
    base = script_directory(script_location).get_base()
    assert base is not None, "no migration scripts shipped"
    return base


def known_revisions(script_location: Path | None = None) -> set[str]:
    """Return every revision id this HallWatch can upgrade from."""
    return {rev.revision for rev in script_directory(script_location).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    """Return the database's revision, or None for an empty database."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(
    connection: Connection, target: str = "head", script_location: Path | None = None
) -> None:
    """Upgrade the database on this connection to target."""
    config = alembic_config(script_location)
    config.attributes["connection"] = connection
    command.upgrade(config, target)
