"""The window on a server database follows what another copy of the app changes.

Two real processes (the command line beside the window) and a plain connection
(as psql would) change contacts; the open Contacts view shows it within a few
seconds without the user doing anything (LISTEN/NOTIFY behind the store's
data version), and the window's own saves do not reload it. Needs a real
server (``DESKTOP_CRM_TEST_PG``, see tests/pg_server.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pg_server
import pytest

from desktop_crm.services.contacts import create_contact
from desktop_crm.store import close_database, open_store
from desktop_crm.ui.main_window import MainWindow

psycopg = pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgresql]'")

pytestmark = pg_server.NEEDS_SERVER


def _cli(url: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DESKTOP_CRM_HOME": str(home), "PYTHONIOENCODING": "utf-8",
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "desktop_crm", "--db", url, *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


@pytest.fixture
def server_window(qtbot):
    url = pg_server.fresh_database()
    result = open_store(url)
    window = MainWindow(result.path)
    qtbot.addWidget(window)
    window.show()
    window.show_view("contacts")
    yield window, url
    window.close()
    close_database()
    pg_server.drop_database(url)


def _names(window: MainWindow) -> list[str]:
    model = window.contacts.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_the_contacts_view_shows_another_copys_changes_by_itself(
        qtbot, server_window, tmp_path: Path) -> None:
    win, url = server_window
    own = create_contact({"first_name": "Ann", "last_name": "Lee"})
    win.context.data_changed.emit()  # the window's own save reloads it, as a form does
    assert _names(win) == ["Ann Lee"]
    reloads = win.change_watcher.reloads
    # Another copy of the app, in its own process, adds a contact.
    added = _cli(url, tmp_path / "home", "contacts", "add", "--first-name", "Zoe",
                 "--last-name", "Berg")
    assert added.returncode == 0, added.stderr
    qtbot.waitUntil(lambda: sorted(_names(win)) == ["Ann Lee", "Zoe Berg"], timeout=5000)
    assert win.change_watcher.reloads == reloads + 1
    # psql, or any other connection, renames the window's contact.
    with psycopg.connect(url, autocommit=True) as other:
        other.execute("UPDATE contact SET first_name = 'Annika', version = version + 1 "
                      "WHERE id = %s", (own.id,))
    qtbot.waitUntil(lambda: "Annika Lee" in _names(win), timeout=5000)
    assert win.change_watcher.reloads == reloads + 2


def test_the_windows_own_saves_on_a_server_do_not_reload_it(qtbot, server_window) -> None:
    win, _url = server_window
    before = win.change_watcher.reloads
    create_contact({"first_name": "Ann"})  # the window's own connection, no reload asked
    qtbot.wait(1500)  # a poll or more
    assert not win.change_watcher.check()
    assert win.change_watcher.reloads == before
