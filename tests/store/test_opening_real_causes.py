"""Opening says what is really wrong: another program's file, a lock, a read-only
file, a full disk; only damage is called damage. Refused files are left untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_crm.store import CorruptDatabaseError, close_database, explain, open_store
from desktop_crm.store.errors import (
    DanglingLinkError,
    DatabaseBusyError,
    DiskFullError,
    NotOurDatabaseError,
    ReadOnlyDatabaseError,
    UnusablePathError,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign(path: Path, version: int) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('mine')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("version", [0, 3])
def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path, version: int) -> None:
    path = _foreign(tmp_path / "other.sqlite3", version)
    before = _digest(path)
    with pytest.raises(NotOurDatabaseError, match="another program") as caught:
        open_store(path)
    assert "damaged" not in str(caught.value)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite3"]  # no -wal, no backup


def test_an_empty_sqlite_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    sqlite3.connect(path).close()
    assert open_store(path).steps
    close_database()


def test_a_dangling_link_creates_nothing(tmp_path: Path) -> None:
    link = tmp_path / "link.sqlite3"
    link.symlink_to(tmp_path / "gone" / "deeper" / "db.sqlite3")
    with pytest.raises(DanglingLinkError, match="does not exist"):
        open_store(link)
    assert not (tmp_path / "gone").exists()


def test_a_path_that_cannot_be_a_file_is_said_and_nothing_is_made(tmp_path: Path) -> None:
    """A folder, a name too long for the file system, a path through a file: one
    sentence naming the path and why, and nothing written anywhere."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes.txt").write_text("mine")
    cases = {
        tmp_path / "folder": "it is a folder",
        tmp_path / ("x" * 300): "too long",
        tmp_path / "notes.txt" / "crm.sqlite3": "notes.txt",
        tmp_path / "notes.txt" / "deeper" / "crm.sqlite3": "Not a directory",
    }
    before = sorted(p.name for p in tmp_path.iterdir())
    for path, why in cases.items():
        with pytest.raises(UnusablePathError) as raised:
            open_store(path)
        assert str(path) in str(raised.value) and why in str(raised.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert list((tmp_path / "folder").iterdir()) == []
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_sqlite_errors_are_named_for_what_they_are(tmp_path: Path) -> None:
    full = tmp_path / "full.sqlite3"
    conn = sqlite3.connect(full)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("PRAGMA max_page_count = 3")
    with pytest.raises(sqlite3.OperationalError) as disk:
        conn.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    conn.close()
    assert isinstance(explain(full, disk.value), DiskFullError)
    ro = sqlite3.connect(f"{full.as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as readonly:
        ro.execute("INSERT INTO t VALUES ('y')")
    ro.close()
    assert isinstance(explain(full, readonly.value), ReadOnlyDatabaseError)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    with pytest.raises(sqlite3.DatabaseError) as damaged:
        sqlite3.connect(junk).execute("SELECT * FROM sqlite_master").fetchall()
    assert isinstance(explain(junk, damaged.value), CorruptDatabaseError)
    for problem in (DiskFullError(full), ReadOnlyDatabaseError(full)):
        assert "damaged" not in str(problem).replace("not damaged", "")
        assert "restore a backup" not in str(problem)


def test_another_process_holding_an_exclusive_lock_is_busy_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite3"
    open_store(path)
    close_database()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        "c.execute('PRAGMA locking_mode = EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True); time.sleep(30)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(DatabaseBusyError) as caught:
            open_store(path)
        assert time.monotonic() - started >= 4  # it waited for the busy timeout first
        message = str(caught.value)
        assert "busy" in message and "damaged" not in message
        if sys.platform.startswith("linux"):
            assert f"process {holder.pid}" in message
    finally:
        holder.kill()
        holder.wait()
        close_database()


def test_a_read_only_folder_is_said_to_be_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "crm.sqlite3"
    open_store(path)
    close_database()
    for extra in ("-wal", "-shm", ".lock"):
        Path(str(path) + extra).unlink(missing_ok=True)
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    else:
        folder.chmod(0o555)
        made = True
    if not made:
        pytest.skip("cannot make a folder read-only here")
    try:
        before = _digest(path)
        with pytest.raises((ReadOnlyDatabaseError,)) as caught:
            open_store(path)
        assert "read-only" in str(caught.value) and "damaged" not in str(caught.value)
        assert _digest(path) == before
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        folder.chmod(0o755)
        close_database()
