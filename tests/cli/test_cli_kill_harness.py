"""Killed at any moment, nothing is half-written: SIGKILL during a 5,000-row import.

The harness of issue 17, small enough for CI: the real command line imports
5,000 people into a database that already holds some, and is killed with
SIGKILL at a random moment (seeded, so every run kills at the same points)
spread over the import's own duration, measured first. After every kill the
database opens with the app, passes ``PRAGMA integrity_check`` and the
search index's own check, and holds the whole batch or none of it; the
backups folder holds no partial copy and, after the next start, no
temporary file.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from services.importing.importing_samples import google_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

ROWS = 5_000
KILLS = 10
BEFORE = 25


def _people_file(path: Path) -> Path:
    rows = [{"First Name": f"Person{i:05d}", "Last Name": f"Family{i % 700}",
             "Organization Name": f"Org {i % 300}", "E-mail 1 - Value": f"p{i}@ex{i % 40}.org",
             "Notes": f"note {i}"} for i in range(ROWS)]
    return google_file(path, rows)


def _run(db: Path, home: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "DESKTOP_CRM_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "desktop_crm", "--db", str(db), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def _state(db: Path) -> tuple[int, int]:
    """(contacts, import batches) after checking the file as a reader would."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO contact_fts(contact_fts) VALUES ('integrity-check')")
        contacts = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
        batches = conn.execute("SELECT count(*) FROM import_batch").fetchone()[0]
        indexed = conn.execute("SELECT count(*) FROM contact_fts").fetchone()[0]
        assert indexed == contacts, "the search index holds every contact, no more"
        return contacts, batches
    finally:
        conn.close()


def _backups_are_whole(home: Path) -> None:
    folder = home / "backups"
    if not folder.exists():
        return
    for path in folder.glob("*.sqlite3"):
        assert path.stat().st_size > 0 and path.stat().st_mode & 0o077 == 0
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", path
        finally:
            conn.close()


def test_ten_kills_during_an_import_leave_the_whole_batch_or_none(tmp_path: Path) -> None:
    source = _people_file(tmp_path / "people.csv")
    base, home = tmp_path / "base.sqlite3", tmp_path / "home"
    home.mkdir()
    assert _run(base, home, "contacts", "add", "--first-name", "Known").wait() == 0
    from desktop_crm.services.contacts import create_contact
    from desktop_crm.store import close_database, open_store

    open_store(base)
    try:
        for i in range(1, BEFORE):
            create_contact({"first_name": f"Known{i}", "notes": "typed by hand"})
    finally:
        close_database()
    # The import's own duration, run to the end once (also the "whole batch" answer).
    whole = tmp_path / "whole.sqlite3"
    shutil.copy(base, whole)
    started = time.monotonic()
    done = _run(whole, tmp_path / "home-whole", "import", str(source), "--yes")
    assert done.wait(timeout=120) == 0, done.stderr.read()
    duration = time.monotonic() - started
    full = _state(whole)
    assert full == (BEFORE + ROWS, 1)
    rng = random.Random(17)
    outcomes = []
    for kill in range(KILLS):
        db, kill_home = tmp_path / f"kill{kill}.sqlite3", tmp_path / f"home{kill}"
        shutil.copy(base, db)
        shutil.copytree(home, kill_home)
        at = rng.uniform(0.1, 1.1) * duration  # some land after the commit, most before
        proc = _run(db, kill_home, "import", str(source), "--yes")
        time.sleep(at)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = _state(db)
        assert state in ((BEFORE, 0), full), f"kill {kill} at {at:.2f} s left {state}"
        outcomes.append("whole" if state == full else "none")
        _backups_are_whole(kill_home)
        # The app opens it, and the next start leaves no temporary file behind.
        after = _run(db, kill_home, "contacts", "list")
        assert after.wait(timeout=60) == 0, after.stderr.read()
        if (kill_home / "backups").exists():
            assert not list((kill_home / "backups").glob(".*")), "a temporary copy lingers"
    print(f"{KILLS} kills over {duration:.2f} s of import: {outcomes.count('none')} left none, "
          f"{outcomes.count('whole')} the whole batch")
    assert "none" in outcomes, "no kill landed before the commit: the harness tests nothing"


@pytest.mark.parametrize("operation", ["undo", "restore"])
def test_five_kills_during_an_undo_or_a_restore_leave_before_or_after(
        tmp_path: Path, operation: str) -> None:
    """The same for ``import --undo`` and ``backup --restore`` of the state before."""
    source = _people_file(tmp_path / "people.csv")
    whole, home = tmp_path / "whole.sqlite3", tmp_path / "home"
    assert _run(whole, home, "contacts", "add", "--first-name", "Known").wait() == 0
    before_import = tmp_path / "before.sqlite3"
    assert _run(whole, home, "backup", "--to", str(before_import)).wait() == 0
    done = _run(whole, home, "import", str(source), "--yes")
    assert done.wait(timeout=120) == 0, done.stderr.read()
    args = (["import", "--undo", "1"] if operation == "undo"
            else ["backup", "--restore", str(before_import)])
    finished, finished_home = tmp_path / "finished.sqlite3", tmp_path / "home-finished"
    shutil.copy(whole, finished)
    shutil.copytree(home, finished_home)
    started = time.monotonic()
    run = _run(finished, finished_home, *args)
    assert run.wait(timeout=120) == 0, run.stderr.read()
    duration = time.monotonic() - started
    after, before = _state(finished)[0], _state(whole)[0]
    assert (before, after) == (1 + ROWS, 1)
    rng = random.Random(operation)
    outcomes = []
    for kill in range(5):
        db, kill_home = tmp_path / f"kill{kill}.sqlite3", tmp_path / f"home{kill}"
        shutil.copy(whole, db)
        shutil.copytree(home, kill_home)
        proc = _run(db, kill_home, *args)
        time.sleep(rng.uniform(0.1, 1.1) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        contacts = _state(db)[0]
        assert contacts in (before, after), f"kill {kill} left {contacts} contacts"
        outcomes.append("done" if contacts == after else "not done")
        _backups_are_whole(kill_home)
    print(f"{operation}: 5 kills over {duration:.2f} s: {outcomes}")
