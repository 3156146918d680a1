"""File > Open a server database…: the dialog, its trial connection, the remembered choice.

The dialog's checks and the address's round trip run everywhere; trying, opening
and moving the window between a file and a server need a real server
(``DESKTOP_CRM_TEST_PG``, see tests/pg_server.py) and are skipped without one.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pg_server
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_crm.services.database.servers import ServerAddress, describe_database
from desktop_crm.ui.server_dialog import ServerDialog

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)


@given(user=_text, password=st.text(max_size=20), database=_text,
       host=st.sampled_from(["localhost", "db.example.org", "127.0.0.1", "::1"]),
       port=st.integers(1, 65535))
def test_an_address_survives_its_url_whatever_the_characters(user, password, database, host, port) -> None:
    address = ServerAddress(host, port, database, user, password)
    assert ServerAddress.from_url(address.url()) == address
    kept = address.url(with_password=False)
    assert ServerAddress.from_url(kept) == ServerAddress(host, port, database, user, "")
    assert urlsplit(kept).password is None


def test_the_window_names_a_server_without_user_or_password() -> None:
    assert describe_database("postgresql://ana:secret@db.example.org:5433/crm") == "crm on db.example.org:5433 (PostgreSQL)"
    assert describe_database(Path("/home/ana/contacts.sqlite3")) == "contacts.sqlite3"


def test_empty_fields_are_said_under_each_and_nothing_is_tried(qtbot) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.host.setText("")
    assert dialog.test_connection() is False
    assert not dialog.errors["host"].isHidden() and not dialog.errors["database"].isHidden()
    assert not dialog.errors["user"].isHidden()
    assert "Fill in the fields" in dialog.result_line.text()
    dialog.open_button.click()
    assert dialog.result() != ServerDialog.DialogCode.Accepted and dialog.chosen_url == ""


def test_a_pasted_url_fills_the_fields(qtbot) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.url, "postgresql://ana%40office:pw@db.example.org:6543/alumni")
    assert (dialog.host.text(), dialog.port.value(), dialog.database.text(), dialog.user.text(),
            dialog.password.text()) == ("db.example.org", 6543, "alumni", "ana@office", "pw")


# With a real server ---------------------------------------------------------------
needs_server = pg_server.NEEDS_SERVER


@pytest.fixture
def server_url():
    pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgresql]'")
    url = pg_server.fresh_database()
    yield url
    pg_server.drop_database(url)


def _fill(dialog: ServerDialog, url: str, **change: object) -> None:
    address = ServerAddress.from_url(url)
    dialog.host.setText(str(change.get("host", address.host)))
    dialog.port.setValue(int(change.get("port", address.port)))
    dialog.database.setText(str(change.get("database", address.database)))
    dialog.user.setText(address.user)
    dialog.password.setText(str(change.get("password", address.password)))


@needs_server
def test_test_connection_says_what_is_there_or_why_not_in_one_line(qtbot, server_url) -> None:
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, server_url)
    assert dialog.test_connection() is True
    assert "a Desktop CRM database (schema" in dialog.result_line.text()
    for change, said in (({"password": "not-the-password"}, "refused the user name or password"),
                         ({"port": 1}, "does not answer"),
                         ({"database": "crm_no_such_database"}, "no such database")):
        _fill(dialog, server_url, **change)
        assert dialog.test_connection() is False
        text = dialog.result_line.text()
        assert said in text and "\n" not in text and "not-the-password" not in text
        dialog.open_button.click()
        assert dialog.result() != ServerDialog.DialogCode.Accepted  # stays open with the reason


@needs_server
def test_an_empty_database_is_offered_and_nothing_is_written_by_trying(qtbot) -> None:
    pytest.importorskip("psycopg")
    url = pg_server.empty_database()
    try:
        dialog = ServerDialog()
        qtbot.addWidget(dialog)
        _fill(dialog, url)
        assert dialog.test_connection() is True
        assert "empty database" in dialog.result_line.text()
        import psycopg

        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT count(*) FROM information_schema.tables "
                                "WHERE table_schema = 'public'").fetchone()[0] == 0
    finally:
        pg_server.drop_database(url)


@needs_server
def test_the_window_moves_to_the_server_remembers_it_without_password_and_comes_back(
        qtbot, server_url, tmp_path, monkeypatch) -> None:
    from desktop_crm.services.contacts import count_contacts, create_contact
    from desktop_crm.services.database.opening import close_database, open_database
    from desktop_crm.ui.database_switch import DatabaseSwitch, opener_at_start, remembered_server
    from desktop_crm.ui.main_window import MainWindow

    local = tmp_path / "contacts.sqlite3"

    def open_local():
        return open_database(local)

    windows: list[MainWindow] = []

    def make_window(opened):
        window = MainWindow(opened.path)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    first = make_window(open_local())
    create_contact({"first_name": "Local", "last_name": "Only"})
    assert not first.local_action.isEnabled()
    switch = DatabaseSwitch(first, make_window, reopen=open_local, open_local=open_local)
    dialog_url = server_url
    remembered = ServerAddress.from_url(server_url).url(with_password=False)
    try:
        first.database_requested.emit(dialog_url, remembered)
        on_server = switch.window
        assert on_server is not first and "(PostgreSQL)" in on_server.windowTitle()
        assert "(PostgreSQL)" in on_server.database_label.text()
        assert on_server.local_action.isEnabled()
        assert count_contacts() == 0  # the server's database, not the file
        assert remembered_server() == remembered and ":" + "leadpw" not in remembered_server()
        from desktop_crm import paths

        settings_text = "".join(p.read_text() for p in paths.data_dir().rglob("*.ini"))
        assert remembered in settings_text
        assert ServerAddress.from_url(server_url).password not in settings_text
        # The next start without --db opens the remembered server; --db wins over it.
        assert opener_at_start(open_local, remembered=False) is open_local
        on_server.use_local_database()
        back = switch.window
        assert back.windowTitle() == "contacts.sqlite3" and count_contacts() == 1
        assert remembered_server() == ""
    finally:
        close_database()


@needs_server
def test_a_remembered_server_asks_for_the_password_at_start_when_libpq_has_none(
        qapp, server_url, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from desktop_crm.services.database.opening import close_database
    from desktop_crm.ui.database_switch import opener_at_start, remember_server

    password = ServerAddress.from_url(server_url).password
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    asked: list[str] = []

    def answer(parent, title, label, echo):
        asked.append(label)
        return password, True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    remember_server(server_url)  # kept without the password
    opener = opener_at_start(lambda: pytest.fail("the local file was opened"), remembered=True)
    try:
        result = opener()
        assert "(PostgreSQL)" in describe_database(server_url)
        assert str(result.path).startswith("postgresql://") and password not in str(result.path)
        assert len(asked) == 1 and "never saved" in asked[0]
    finally:
        close_database()


def test_a_server_that_does_not_answer_leaves_the_window_painting(qtbot, monkeypatch) -> None:
    """The trial runs off the UI thread: while a silent server uses up the connect
    timeout, the event loop keeps turning, the buttons cannot be pressed twice, and the
    wait ends in one line."""
    import socket

    from PySide6.QtCore import QTimer

    import desktop_crm.store.server as server

    pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgresql]'")
    monkeypatch.setattr(server, "CONNECT_TIMEOUT_S", 1)
    silent = socket.socket()  # accepts the connection (the kernel does) and never speaks
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        dialog = ServerDialog()
        qtbot.addWidget(dialog)
        dialog.url.setText(f"postgresql://crm@127.0.0.1:{silent.getsockname()[1]}/crm")
        dialog._url_typed(dialog.url.text())
        ticks, buttons = [], []
        timer = QTimer()
        timer.timeout.connect(lambda: (ticks.append(1), buttons.append(dialog.buttons.isEnabled())))
        timer.start(50)
        assert dialog.test_connection() is False
        timer.stop()
    finally:
        silent.close()
    assert len(ticks) >= 10  # a second of waiting, the timer heard all along
    assert buttons and not any(buttons)
    assert dialog.buttons.isEnabled()
    said = dialog.result_line.text()
    assert not dialog.result_line.isHidden() and "Trying" not in said
    assert "127.0.0.1" in said and len(said.splitlines()) == 1


def _silent_server():
    """A port that accepts connections (the kernel does) and never speaks."""
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    return silent


def test_a_remembered_server_that_does_not_answer_can_be_left_for_the_local_file(
        qtbot, monkeypatch) -> None:
    """At start no window is there yet: the connection is tried off the UI thread behind
    a dialog naming the server, and "Use the local file" stops the wait at once."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    import desktop_crm.store.server as server
    from desktop_crm.ui.database_switch import opener_at_start, remember_server

    pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgresql]'")
    monkeypatch.setattr(server, "CONNECT_TIMEOUT_S", 5)
    silent = _silent_server()
    remember_server(f"postgresql://crm@127.0.0.1:{silent.getsockname()[1]}/crm")
    seen: list[str] = []

    def cancel() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QProgressDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, cancel)
            return
        seen.append(dialogs[0].labelText())
        dialogs[0].findChild(QPushButton).click()  # "Use the local file"

    QTimer.singleShot(200, cancel)
    opened = []
    try:
        import time

        start = time.monotonic()
        result = opener_at_start(lambda: opened.append("local") or "local file",
                                 remembered=True)()
        waited = time.monotonic() - start
    finally:
        silent.close()
        from desktop_crm.ui.widgets import worker

        for job in list(worker._ABANDONED):  # the abandoned try ends by its own timeout
            job.wait()
    assert result == "local file" and opened == ["local"]
    assert waited < 3  # not the 5 s timeout
    assert seen and "Connecting to crm on 127.0.0.1:" in seen[0]


def test_a_remembered_server_that_times_out_is_said_with_the_local_file_offered(
        qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    import desktop_crm.store.server as server
    from desktop_crm.ui.database_switch import opener_at_start, remember_server

    pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgresql]'")
    monkeypatch.setattr(server, "CONNECT_TIMEOUT_S", 1)
    asked: list[str] = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    silent = _silent_server()
    remember_server(f"postgresql://crm@127.0.0.1:{silent.getsockname()[1]}/crm")
    try:
        result = opener_at_start(lambda: "local file", remembered=True)()
    finally:
        silent.close()
    assert result == "local file"
    assert len(asked) == 1 and "does not answer" in asked[0] and "local database file" in asked[0]
