"""Alembic owns the schema: models and migrations agree, old databases upgrade intact."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from hallwatch.domain.errors import CorruptDatabaseError, DataFolderError, NewerSchemaError
from hallwatch.storage import migrate
from hallwatch.storage.database import Database, DataFolder, make_engine
from hallwatch.storage.models import Base

EXTRA_REVISION = '''"""test: a later release adds a column and a table"""
import sqlalchemy as sa
from alembic import op

revision = "9000"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("nickname", sa.String(40), nullable=False, server_default=""))
    op.create_table("test_extra", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("test_extra")
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("nickname")
'''

HALL = "0190aaaa0000700080000000000000a1"
UNIT = "0190aaaa0000700080000000000000b1"
STAFF = "0190aaaa0000700080000000000000c1"
CASE = "0190aaaa0000700080000000000000d1"
SYNC = "'2026-03-09 01:00:00', '', '', 0, NULL"
SYNC_COLUMNS = "created_at, updated_hlc, updated_by, deleted, server_seq"


def _fill_first_revision(path: Path) -> None:
    """Rows written with plain SQL as the first release's schema has them."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(
            f"INSERT INTO halls (id, hall_id, {SYNC_COLUMNS}, code, name, timezone, address, "
            f"is_demo) VALUES ('{HALL}', '{HALL}', {SYNC}, 'H1', '市民中心', 'Asia/Shanghai', "
            "'人民路1号', 0)"
        )
        conn.execute(
            f"INSERT INTO units (id, hall_id, {SYNC_COLUMNS}, code, name, short_name) "
            f"VALUES ('{UNIT}', '{HALL}', {SYNC}, 'U1', '市场监督管理局', '市场监管')"
        )
        conn.execute(
            f"INSERT INTO staff (id, hall_id, {SYNC_COLUMNS}, unit_id, staff_no, name, pin, "
            f"gender, phone, position, active) VALUES ('{STAFF}', '{HALL}', {SYNC}, '{UNIT}', "
            "'0007', '李娜', '7', '女', '13800000000', '窗口受理', 1)"
        )
        conn.execute(
            f"INSERT INTO cases (id, hall_id, {SYNC_COLUMNS}, unit_id, staff_id, ticket_no, "
            "case_no, status, taken_at, hold_minutes, paused_days, extended_days, "
            "due_provisional, rating, rating_raw, source) VALUES "
            f"('{CASE}', '{HALL}', {SYNC}, '{UNIT}', '{STAFF}', 'A001', 'SZ2026000001', "
            "'finished', '2026-03-09 01:05:00', 0, 0, 0, 0, 5, '5', 'queue')"
        )


def _dump(
    path: Path, like: dict[str, list[dict[str, object]]] | None = None
) -> dict[str, list[dict[str, object]]]:
    """Every row of three tables; with `like`, only the columns that `like` has."""
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        dump: dict[str, list[dict[str, object]]] = {}
        for table in ("halls", "units", "cases"):
            rows = [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]
            if like is not None and like[table]:
                keep = like[table][0].keys()
                rows = [{key: row[key] for key in keep} for row in rows]
            dump[table] = rows
        return dump


def _create_at(path: Path, revision: str, script_location: Path | None = None) -> None:
    engine = make_engine(path)
    with engine.connect() as conn:
        migrate.upgrade(conn, revision, script_location)
        conn.commit()
    engine.dispose()


@pytest.fixture
def later_release(tmp_path: Path) -> Path:
    """The shipped migrations plus one revision of a pretend later release."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts)
    head = migrate.head_revision()
    (scripts / "versions" / "9000_test.py").write_text(EXTRA_REVISION.format(head=head))
    return scripts


def test_migrations_match_models(tmp_path: Path) -> None:
    path = tmp_path / "head.db"
    _create_at(path, "head")
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_migrations_first_revision_upgrades_to_head_with_rows(folder: DataFolder) -> None:
    folder.root.mkdir(parents=True)
    _create_at(folder.db_path, migrate.first_revision())
    _fill_first_revision(folder.db_path)
    before = _dump(folder.db_path)
    with Database.open(folder) as db:
        assert db.revision() == migrate.head_revision()
    after = _dump(folder.db_path, like=before)
    assert after == before


def test_migrations_open_upgrades_old_database_after_backup(
    folder: DataFolder, later_release: Path
) -> None:
    folder.root.mkdir(parents=True)
    _create_at(folder.db_path, migrate.first_revision())
    _fill_first_revision(folder.db_path)
    with sqlite3.connect(folder.db_path) as conn:
        staff_before = conn.execute("SELECT staff_no, name, phone FROM staff").fetchall()
    before = _dump(folder.db_path)

    with Database.open(folder, script_location=later_release) as db:
        assert db.revision() == "9000"

    with sqlite3.connect(folder.db_path) as conn:
        staff_after = conn.execute("SELECT staff_no, name, phone, nickname FROM staff").fetchall()
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert staff_after == [(*staff_before[0], "")]
    assert "test_extra" in tables
    assert _dump(folder.db_path, like=before) == before
    copies = list(folder.backups_dir.glob("before-upgrade-*.db"))
    assert len(copies) == 1
    # The copy is the database as it was before the upgrade.
    with sqlite3.connect(copies[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            migrate.first_revision()
        )
        assert conn.execute("SELECT name FROM staff").fetchall() == [("李娜",)]


def _sha(path: Path) -> str:
    """Hash of the database's content as SQL (independent of WAL checkpoints)."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def test_migrations_newer_database_refused_unchanged(folder: DataFolder) -> None:
    Database.open(folder).close()
    with sqlite3.connect(folder.db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed'")
    before = _sha(folder.db_path)
    with pytest.raises(NewerSchemaError, match="newer HallWatch") as caught:
        Database.open(folder)
    assert "f00dfeed" in str(caught.value)
    assert _sha(folder.db_path) == before
    assert not folder.backups_dir.exists()


def test_migrations_not_a_database_refused(folder: DataFolder) -> None:
    folder.root.mkdir(parents=True)
    folder.db_path.write_bytes(b"this is a spreadsheet, not a database" * 100)
    with pytest.raises(CorruptDatabaseError, match="not a HallWatch database"):
        Database.open(folder)
    assert folder.db_path.read_bytes().startswith(b"this is a spreadsheet")


def test_migrations_missing_database_without_create(folder: DataFolder) -> None:
    with pytest.raises(DataFolderError, match="hallwatch init"):
        Database.open(folder, create=False)
    assert not folder.root.exists()


def test_migrations_unwritable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DataFolderError, match="not writable"):
        Database.open(DataFolder(blocker / "data"))


def test_migrations_quick_revision_reading_agrees_with_alembic(later_release: Path) -> None:
    for location in (None, later_release):
        scripts = migrate.script_directory(location)
        assert migrate.head_revision(location) == scripts.get_current_head()
        assert migrate.first_revision(location) == scripts.get_base()
        assert migrate.known_revisions(location) == {
            rev.revision for rev in scripts.walk_revisions()
        }
