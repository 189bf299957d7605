"""The data folder and its SQLite database.

`Database.open` is the one way in: it checks the folder, refuses a database
from a newer HallWatch or one that is not a database at all, takes a backup
copy before upgrading an older schema in place, and sets the pragmas every
connection needs (foreign keys, WAL, synchronous=FULL, a busy timeout).

Sessions come in two kinds: `read()` for queries and `write()` for changes.
A write session starts with BEGIN IMMEDIATE, so two processes never both read
and then fail to upgrade their lock halfway through a change; every synced
change in it is recorded in the audit chain and the outbox (see changelog).
Once a write commits, what it changed goes to `changes.collect()` (see changes).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import sqlite3
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Insert, Table, create_engine, event, exc, select
from sqlalchemy.engine.interfaces import DBAPICursor, ExecutionContext
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.sql import operators
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, BooleanClauseList

from hallwatch.domain.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    DataFolderError,
    NewerSchemaError,
)
from hallwatch.domain.ids import uuid7
from hallwatch.domain.timeutil import utcnow
from hallwatch.storage import changelog, changes, migrate
from hallwatch.storage.blobs import NewBlob, discard_new_blobs, track_new_blobs
from hallwatch.storage.changelog import Actor
from hallwatch.storage.folder import (
    BUSY_TIMEOUT_MS,
    DataFolder,
    check_sqlite_file,
    current_user,
)
from hallwatch.storage.models import Blob, Device, ImportBatch, Letter, Snapshot, SyncState
from hallwatch.storage.space import disk_full_error

log = logging.getLogger(__name__)


def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy's begin event emit BEGIN itself (pysqlite's own
    # transaction handling would defer it and break BEGIN IMMEDIATE).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit is on disk when it returns, power cut or not. With NORMAL a WAL
    # commit may roll back after a power loss, and an issued letter already printed
    # would lose its number to the next one.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _on_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("hallwatch_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# The table a write in raw SQL names (an importer's executemany, a text() statement).
_RAW_WRITE = re.compile(
    r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
    r"\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)


def _after_cursor_execute(
    _conn: Any,
    cursor: DBAPICursor,
    statement: str,
    _parameters: Any,
    context: ExecutionContext | None,
    _executemany: bool,
) -> None:
    # Every INSERT, UPDATE and DELETE of a write, whether from an ORM flush, a Core
    # executemany or raw SQL, passes here: the one place that sees them all.
    recorder = changes.current_recorder()
    if recorder is None:
        return
    # sqlite3 counts a RETURNING statement's rows only as they are fetched.
    if cursor.rowcount == 0 and "RETURNING" not in statement:
        return  # an UPDATE that matched nothing, an INSERT OR IGNORE that ignored
    compiled = getattr(context, "compiled", None)
    target = _target(compiled) if compiled is not None else None
    if target is None:
        table = _raw_table(statement)
        if table is not None:
            recorder.note(table, None)
        return
    if recorder.last_context is context:
        return  # the next batch of one insertmanyvalues statement: ids already noted
    recorder.last_context = context
    table, key = target
    ids = None
    if key is not None and recorder.wants_ids(table):
        try:
            ids = [parameters[key] for parameters in context.compiled_parameters]  # type: ignore[union-attr]
        except KeyError:  # a multi-row VALUES, or an id from a SQL expression
            ids = None
    recorder.note(table, ids)


# What a compiled statement writes, worked out once for each (SQLAlchemy caches them).
_TARGETS: weakref.WeakKeyDictionary[Any, tuple[str, str | None] | None] = (
    weakref.WeakKeyDictionary()
)


def _target(compiled: Any) -> tuple[str, str | None] | None:
    """Return the table a compiled INSERT/UPDATE/DELETE writes and its id parameter's name."""
    try:
        return _TARGETS[compiled]
    except KeyError:
        pass
    except TypeError:  # not weakly referable: work it out each time
        return _find_target(compiled)
    found = _TARGETS[compiled] = _find_target(compiled)
    return found


def _find_target(compiled: Any) -> tuple[str, str | None] | None:
    dml = getattr(compiled, "statement", None)
    table = getattr(dml, "table", None)
    if not isinstance(dml, UpdateBase) or not isinstance(table, Table):
        return None
    id_column = table.c.get("id")
    if id_column is None:
        return table.name, None
    if isinstance(dml, Insert):
        return table.name, None if dml.select is not None else "id"
    bind = _id_parameter(getattr(dml, "whereclause", None), id_column)
    # The name it was compiled under: an anonymous one ("id_1") is only known there.
    return table.name, None if bind is None else compiled.bind_names.get(bind)


@functools.lru_cache(maxsize=256)
def _raw_table(statement: str) -> str | None:
    """Return the table a write in raw SQL names, None for anything else."""
    match = _RAW_WRITE.match(statement)
    return None if match is None else match.group(1)


def _id_parameter(clause: Any, id_column: Any) -> BindParameter[Any] | None:
    """Return the parameter a WHERE clause compares the id column with (`id = ?`)."""
    if isinstance(clause, BooleanClauseList) and clause.operator is operators.and_:
        for part in clause.clauses:
            found = _id_parameter(part, id_column)
            if found is not None:
                return found
        return None
    if (
        isinstance(clause, BinaryExpression)
        and clause.operator is operators.eq
        and isinstance(clause.right, BindParameter)
        and clause.left.shares_lineage(id_column)
    ):
        return clause.right
    return None


def make_engine(path: Path) -> Engine:
    """Return an engine for a HallWatch SQLite file with the pragmas set."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "after_cursor_execute", _after_cursor_execute)
    return engine


def integrity_problems(path: Path, quick: bool = False) -> list[str]:
    """Return SQLite's integrity complaints about a file (empty when sound)."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database consistently with SQLite's online backup, atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with contextlib.closing(sqlite3.connect(source)) as src:
        src.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        with contextlib.closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
    # A killed copy leaves only the .partial file, never a half-written target.
    os.replace(partial, target)


def translate_db_error(error: BaseException, path: Path) -> Exception:
    """Turn a driver error into a HallWatchError that says what to do."""
    text = str(getattr(error, "orig", error))
    # Before "locked": a full disk while the WAL grows can surface as either.
    full = disk_full_error(error, path.parent, detail="nothing was changed")
    if full is not None:
        return full
    if "locked" in text or "busy" in text:
        return DatabaseBusyError(
            f"the database {path} is busy: another HallWatch is writing to it",
            "wait a moment and try again, or close the other program",
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return CorruptDatabaseError(
            f"the database {path} is damaged ({text})",
            "restore the latest backup with 'hallwatch restore FILE'",
        )
    if "disk I/O error" in text:
        return DataFolderError(
            f"the database {path} could not be read or written (disk I/O error)",
            "check the disk (is it full, removed or failing?), then try again",
        )
    return error if isinstance(error, Exception) else RuntimeError(text)


# Every column that names a blob: a file one of them names is never deleted.
_BLOB_COLUMNS = (
    Blob.sha256,
    Snapshot.original_sha256,
    Snapshot.captioned_sha256,
    Letter.pdf_sha256,
    ImportBatch.file_sha256,
)


class Database:
    """An open HallWatch database; hands out read and write sessions."""

    def __init__(self, folder: DataFolder, engine: Engine) -> None:
        self.folder = folder
        self.engine = engine
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._writes = sessionmaker(
            bind=engine.execution_options(hallwatch_write=True), expire_on_commit=False
        )
        changelog.install(self._sessions)
        changelog.install(self._writes)
        self.device_id = ""
        self.user = current_user()

    @classmethod
    def open(
        cls,
        folder: DataFolder,
        *,
        create: bool = True,
        script_location: Path | None = None,
    ) -> Database:
        """Open (and create or upgrade) the database of a data folder."""
        exists = folder.db_path.exists()
        if not exists and not create:
            raise DataFolderError(
                f"no HallWatch database in {folder.root}",
                "run 'hallwatch init' or 'hallwatch demo' first, or pass the right --data-dir",
            )
        folder.ensure_writable()
        if exists:
            check_sqlite_file(folder.db_path)
        engine = make_engine(folder.db_path)
        try:
            database = cls(folder, engine)
            database._prepare(exists, script_location)
        except exc.DBAPIError as error:
            engine.dispose()
            raise translate_db_error(error, folder.db_path) from None
        except BaseException:
            engine.dispose()
            raise
        return database

    def _prepare(self, existed: bool, script_location: Path | None) -> None:
        head = migrate.head_revision(script_location)
        with self.engine.connect() as conn:
            current = migrate.current_revision(conn)
        if current is not None and current not in migrate.known_revisions(script_location):
            raise NewerSchemaError(
                f"the database in {self.folder.root} was written by a newer HallWatch "
                f"(schema {current}; this version knows up to {head})",
                "install the newer HallWatch to open it",
            )
        if current != head:
            if existed and current is not None:
                self._backup_before_upgrade(current)
            with self.engine.connect() as conn:
                migrate.upgrade(conn, "head", script_location)
                conn.commit()
            log.info("database %s upgraded from %s to %s", self.folder.db_path, current, head)
        self.device_id = self._ensure_device()

    def _backup_before_upgrade(self, current: str) -> None:
        problems = integrity_problems(self.folder.db_path, quick=True)
        if problems:
            raise CorruptDatabaseError(
                f"the database {self.folder.db_path} is damaged ({problems[0]}); "
                "it was not upgraded",
                "restore the latest backup with 'hallwatch restore FILE'",
            )
        stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
        target = self.folder.backups_dir / f"before-upgrade-{current}-{stamp}.db"
        copy_database(self.folder.db_path, target)
        log.info("backup before upgrade: %s", target)

    def _ensure_device(self) -> str:
        with self.engine.connect() as conn:
            row = conn.execute(select(SyncState.value).where(SyncState.key == "device_id"))
            found = row.scalar_one_or_none()
        if found:
            return found
        device_id = str(uuid7())
        with self._writes() as session, session.begin():
            session.add(SyncState(key="device_id", value=device_id))
            session.add(Device(id=device_id, name=_hostname(), is_local=True, created_at=utcnow()))
        return device_id

    @property
    def actor(self) -> Actor:
        return Actor(user=self.user, device_id=self.device_id)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """Yield a session for queries; it is rolled back at the end."""
        try:
            with self._sessions() as session:
                yield session
        except exc.OperationalError as error:
            raise translate_db_error(error, self.folder.db_path) from None
        except exc.DatabaseError as error:
            raise translate_db_error(error, self.folder.db_path) from None

    @contextlib.contextmanager
    def write(self, action: str = "edit", actor: Actor | None = None) -> Iterator[Session]:
        """Yield a session whose changes commit together with their audit and outbox.

        Blob files stored inside the block are taken back when it does not commit
        (see `undo_new_blobs`): a refused letter leaves no numbered PDF behind.
        What it changed goes to `changes.collect()` once it has committed.
        """
        with self.undo_new_blobs():
            try:
                with changes.recording() as recorder, self._writes() as session, session.begin():
                    session.info["actor"] = actor or self.actor
                    session.info["action"] = action
                    yield session
                changes.report(recorder.summary())
            except exc.OperationalError as error:
                raise translate_db_error(error, self.folder.db_path) from None
            except exc.DatabaseError as error:
                raise translate_db_error(error, self.folder.db_path) from None
            except OSError as error:
                full = disk_full_error(error, self.folder.root, detail="nothing was changed")
                if full is None:
                    raise
                raise full from None

    @contextlib.contextmanager
    def undo_new_blobs(self) -> Iterator[None]:
        """Delete blob files stored inside the block if it fails and no committed row names them.

        For a save whose files are written before its `write()` block opens (a
        snapshot's two JPEGs): wrap both in it.
        """
        with track_new_blobs() as created:
            try:
                yield
            except BaseException:
                if created:
                    self._discard(created)
                raise

    def _discard(self, created: list[NewBlob]) -> None:
        try:
            with self._sessions() as session:

                def referenced(sha256: str) -> bool:
                    return any(
                        session.scalar(select(column).where(column == sha256).limit(1))
                        for column in _BLOB_COLUMNS
                    )

                removed = discard_new_blobs(created, referenced)
        except Exception:
            # Cannot tell whether a row names them: keep them (an orphan is harmless).
            log.warning("could not check %d new blob(s) after a failed save", len(created))
            return
        if removed:
            log.info("removed %d blob(s) of a save that did not commit", len(removed))

    def revision(self) -> str | None:
        """Return the schema revision of the open database."""
        with self.engine.connect() as conn:
            return migrate.current_revision(conn)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _hostname() -> str:
    try:
        return os.uname().nodename
    except AttributeError:  # Windows
        return os.environ.get("COMPUTERNAME", "")
