"""The command line beside the open window: two real processes on one file.

The window holds the file's lock (one window per database); the command
line reads and writes beside it through SQLite's own locking, and the
window notices the change (``PRAGMA data_version``) and reloads without
losing what the user is typing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from services.importing.importing_samples import google_file

from desktop_crm.services.database.setup import ensure_defaults
from desktop_crm.store import close_database, open_store
from desktop_crm.ui.main_window import MainWindow

PEOPLE = 300


def _cli_env(home: Path) -> dict[str, str]:
    return {**os.environ, "DESKTOP_CRM_HOME": str(home), "PYTHONIOENCODING": "utf-8",
            "QT_QPA_PLATFORM": "offscreen"}


def _cli(db: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_crm", "--db", str(db), *args],
                          capture_output=True, text=True, encoding="utf-8",
                          env=_cli_env(home), timeout=120)


def _people_file(path: Path) -> Path:
    rows = [{"First Name": f"Person{i:03d}", "Last Name": "Lee" if i % 3 == 0 else "Kim",
             "Organization Name": f"Org {i % 17}",
             "E-mail 1 - Value": f"p{i}@example.org"} for i in range(PEOPLE)]
    return google_file(path, rows)


@pytest.fixture
def open_window(qtbot, tmp_path: Path):
    db = tmp_path / "crm.sqlite3"
    open_store(db)  # as the window does: it holds the lock while it is open
    ensure_defaults()
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.show_view("contacts")
    yield window
    window.close()
    close_database()


def test_the_window_shows_a_command_line_import_and_keeps_what_is_typed(
        qtbot, open_window: MainWindow, tmp_path: Path) -> None:
    win = open_window
    home = tmp_path / "home"
    assert _cli(win.db_path, home, "contacts", "add", "--first-name", "Zoe",
                "--last-name", "Lee").returncode == 0
    qtbot.waitUntil(lambda: win.contacts.model.total == 1, timeout=5000)
    # The user is typing a search when the import lands.
    win.search.setFocus()
    qtbot.keyClicks(win.search, "Le")
    assert win.contacts.model.total == 1
    before = win.change_watcher.reloads
    source = _people_file(tmp_path / "people.csv")
    importing = subprocess.Popen(
        [sys.executable, "-m", "desktop_crm", "--db", str(win.db_path), "import", str(source),
         "--yes"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_cli_env(home))
    qtbot.waitUntil(lambda: importing.poll() is not None, timeout=60000)
    out, err = importing.communicate()
    assert importing.returncode == 0, err
    lees = 1 + len([i for i in range(PEOPLE) if i % 3 == 0])
    qtbot.waitUntil(lambda: win.contacts.model.total == lees, timeout=5000)
    assert win.change_watcher.reloads > before
    assert win.search.text() == "Le" and win.search.hasFocus()
    assert win.search.cursorPosition() == 2
    qtbot.keyClicks(win.search, "e")  # typing goes on where it was
    assert win.search.text() == "Lee"
    assert "1,0" not in win.counts.text() and f"{PEOPLE + 1:,} contacts" in win.counts.text()


def test_a_reload_waits_while_a_dialog_is_open(qtbot, open_window: MainWindow,
                                               tmp_path: Path) -> None:
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    win = open_window
    dialog = QDialog(win)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.setModal(True)
    dialog.show()
    field.setFocus()
    qtbot.keyClicks(field, "half-typed note")
    assert _cli(win.db_path, tmp_path / "home", "contacts", "add",
                "--first-name", "Ann").returncode == 0
    win.change_watcher.check()
    assert win.change_watcher.pending and win.contacts.model.total == 0
    assert field.text() == "half-typed note"
    dialog.close()
    qtbot.waitUntil(lambda: win.contacts.model.total == 1, timeout=5000)
    assert not win.change_watcher.pending


def test_the_window_does_not_reload_for_its_own_saves(qtbot, open_window: MainWindow) -> None:
    from desktop_crm.services.contacts import create_contact

    win = open_window
    create_contact({"first_name": "Ann"})  # the window's own connection
    win.context.data_changed.emit()
    before = win.change_watcher.reloads
    assert not win.change_watcher.check()
    assert win.change_watcher.reloads == before


def _wait_for_window(proc: subprocess.Popen, db: Path, timeout: float = 30) -> None:
    from desktop_crm.store.holders import holders

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else "the window exited"
        if any(pid == proc.pid for pid, _ in holders(db)):
            return
        time.sleep(0.1)
    raise AssertionError("the window did not open its database")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the window by /proc")
def test_every_command_works_while_the_app_is_open(tmp_path: Path) -> None:
    db, home = tmp_path / "crm.sqlite3", tmp_path / "home"
    assert _cli(db, home, "contacts", "add", "--first-name", "Ann").returncode == 0
    app = subprocess.Popen([sys.executable, "-m", "desktop_crm", "--db", str(db)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           env=_cli_env(home))
    try:
        _wait_for_window(app, db)
        source = _people_file(tmp_path / "people.csv")
        results = {
            "import": _cli(db, home, "import", str(source), "--yes"),
            "contacts list": _cli(db, home, "contacts", "list", "--json", "--limit", "1000"),
            "backup": _cli(db, home, "backup"),
            "export": _cli(db, home, "export", "--format", "json", "--out",
                           str(tmp_path / "all.json")),
            "add": _cli(db, home, "contacts", "add", "--first-name", "Bob"),
        }
        for name, result in results.items():
            assert result.returncode == 0, (name, result.stderr)
            assert "already open" not in result.stderr
        assert len(json.loads(results["contacts list"].stdout)) == PEOPLE + 1
        exported = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
        assert len(exported["tables"]["contact"]) == PEOPLE + 1
        assert app.poll() is None, "the window is still open"
    finally:
        app.terminate()
        app.wait(timeout=30)
    assert _cli(db, home, "contacts", "list").returncode == 0


def test_an_upgrade_is_refused_while_the_window_has_the_file(tmp_path: Path) -> None:
    """A newer command line never upgrades a file under an open (older) window."""
    from desktop_crm.store.errors import UpgradeWhileOpenError
    from desktop_crm.store.lock import FileLock

    sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
    from test_migrations import make_v1_file  # noqa: E402

    db = tmp_path / "old.sqlite3"
    make_v1_file(db)
    before = db.read_bytes()
    window_lock = FileLock(db.with_name(db.name + ".lock"))
    window_lock.acquire()
    try:
        with pytest.raises(UpgradeWhileOpenError, match="Close the window"):
            open_store(db, window=False)
    finally:
        window_lock.release()
    assert db.read_bytes() == before
    result = open_store(db, window=False)  # once the window is closed
    try:
        assert result.upgraded_from == 1
    finally:
        close_database()


def test_a_save_that_meets_a_long_outside_write_is_a_message_not_a_traceback(
        qtbot, open_window: MainWindow, tmp_path: Path) -> None:
    import sys as _sys

    from modal_helpers import answer_next_modal
    from PySide6.QtCore import QTimer

    from desktop_crm.services.contacts import count_contacts, create_contact
    from desktop_crm.store import db
    from desktop_crm.ui import database_errors

    win = open_window
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, time\n"
        f"c = sqlite3.connect({str(win.db_path)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE'); c.execute(\"UPDATE profile SET name = 'x'\")\n"
        "print('locked', flush=True); time.sleep(30)\n")], stdout=subprocess.PIPE, text=True)
    previous = database_errors.install(win, win.db_path)
    try:
        assert holder.stdout.readline().strip() == "locked"
        db.execute_sql("PRAGMA busy_timeout = 200")  # the test need not wait 5 s
        shown = answer_next_modal(lambda box: box.close())
        QTimer.singleShot(0, lambda: create_contact({"first_name": "Ann"}))
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    finally:
        _sys.excepthook = previous
        holder.kill()
        holder.wait()
    assert "is busy" in shown[0] and "Nothing was changed" in shown[0]
    assert count_contacts() == 0


def test_a_restore_from_the_command_line_shows_in_the_open_window(
        qtbot, open_window: MainWindow, tmp_path: Path) -> None:
    win = open_window
    home = tmp_path / "home"
    for name in ("Ann", "Bob"):
        assert _cli(win.db_path, home, "contacts", "add", "--first-name", name).returncode == 0
    made = _cli(win.db_path, home, "backup", "--to", str(tmp_path / "two.sqlite3"))
    assert made.returncode == 0, made.stderr
    assert _cli(win.db_path, home, "contacts", "add", "--first-name", "Cy").returncode == 0
    qtbot.waitUntil(lambda: win.contacts.model.total == 3, timeout=5000)
    restoring = subprocess.Popen(
        [sys.executable, "-m", "desktop_crm", "--db", str(win.db_path), "backup", "--restore",
         str(tmp_path / "two.sqlite3")], stderr=subprocess.PIPE, text=True, env=_cli_env(home))
    qtbot.waitUntil(lambda: restoring.poll() is not None, timeout=60000)
    assert restoring.returncode == 0, restoring.stderr.read()
    qtbot.waitUntil(lambda: win.contacts.model.total == 2, timeout=5000)
