"""Opening database files: new files, and every kind of file we must refuse untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from desktop_crm.store import (
    CorruptDatabaseError,
    DatabaseInUseError,
    NewerVersionError,
    NotADatabaseError,
    close_database,
    db,
    open_store,
)
from desktop_crm.store.migrations import CURRENT_VERSION


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_created_at_current_schema_with_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.sqlite3"
    result = open_store(path)
    try:
        assert result.created
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 1
    finally:
        close_database()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_new_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "private.sqlite3"
    open_store(path)
    close_database()
    mode = stat.S_IMODE(os.stat(path).st_mode)
    assert mode == 0o600


def test_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my notes, not a database\n")
    before = digest(path)
    with pytest.raises(NotADatabaseError) as info:
        open_store(path)
    assert str(path) in str(info.value)
    assert "not a Desktop CRM database" in str(info.value)
    assert digest(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    before = digest(path)
    with pytest.raises(CorruptDatabaseError) as info:
        open_store(path)
    assert str(path) in str(info.value)
    assert "backup" in str(info.value)
    assert digest(path) == before


def test_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future_thing (x)")
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 5}")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NewerVersionError) as info:
        open_store(path)
    assert "newer version" in str(info.value)
    assert str(path) in str(info.value)
    assert digest(path) == before


def test_database_in_use_by_another_copy_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    open_store(path)
    try:
        from desktop_crm.store.database import acquire_lock

        with pytest.raises(DatabaseInUseError) as info:
            acquire_lock(path)
        assert "already open" in str(info.value)
    finally:
        close_database()
    # Released on close: it opens again.
    open_store(path)
    close_database()
