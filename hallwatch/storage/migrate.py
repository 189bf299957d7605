"""Schema revisions: Alembic owns the schema; this module drives it.

Opening a database only needs to know the newest revision and which ones
exist; reading that from the revision files' headers spares the app's
start-up Alembic's import and script loading (about 0.2 s). Alembic itself
is loaded only to upgrade, and a test keeps both readings in agreement.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*[\"'](\w+)[\"']", re.M)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(?:None|[\"'](\w+)[\"'])", re.M)


@functools.cache
def revision_graph(script_location: Path | None = None) -> dict[str, str | None]:
    """Return revision → the revision it revises, read from the scripts' headers."""
    graph: dict[str, str | None] = {}
    for path in sorted(((script_location or MIGRATIONS_DIR) / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision and down:
            graph[revision.group(1)] = down.group(1)
    return graph


def alembic_config(script_location: Path | None = None) -> Config:
    """Return an Alembic config for HallWatch's revisions (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location or MIGRATIONS_DIR))
    return config


@functools.cache
def script_directory(script_location: Path | None = None) -> ScriptDirectory:
    """Return Alembic's view of the revision scripts (read once per process)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(script_location))


def head_revision(script_location: Path | None = None) -> str:
    """Return the newest revision this HallWatch knows."""
    graph = revision_graph(script_location)
    heads = set(graph) - {down for down in graph.values() if down}
    assert len(heads) == 1, f"migration scripts must have one head, not {sorted(heads)}"
    return heads.pop()


def first_revision(script_location: Path | None = None) -> str:
    """Return the first revision (the schema of the first release)."""
    bases = [rev for rev, down in revision_graph(script_location).items() if down is None]
    assert len(bases) == 1, "migration scripts must have one base"
    return bases[0]


def known_revisions(script_location: Path | None = None) -> set[str]:
    """Return every revision id this HallWatch can upgrade from."""
    return set(revision_graph(script_location))


def current_revision(connection: Connection) -> str | None:
    """Return the database's revision, or None for an empty database."""
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(value) if value is not None else None


def upgrade(
    connection: Connection, target: str = "head", script_location: Path | None = None
) -> None:
    """Upgrade the database on this connection to target."""
    from alembic import command

    config = alembic_config(script_location)
    config.attributes["connection"] = connection
    command.upgrade(config, target)
