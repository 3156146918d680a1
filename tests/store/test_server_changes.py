"""A server tells an open window that another connection committed (LISTEN/NOTIFY).

The window asks :class:`ChangeProbe` on a timer, as it does on SQLite: another
connection's commit (psql, another copy, a worker thread of this process) moves
it once; the asking connection's own commits do not; a lost listener reconnects
by itself and counts as one change. These need a real server
(``DESKTOP_CRM_TEST_PG``, see tests/pg_server.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pg_server
import pytest

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.database.changes import ChangeProbe
from desktop_crm.store import close_database, open_store
from desktop_crm.store.database import db
from desktop_crm.store.migrations import CURRENT_VERSION

psycopg = pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgresql]'")

pytestmark = pg_server.NEEDS_SERVER




def _moves(probe: ChangeProbe, timeout: float = 5.0) -> bool:
    """Whether the probe reports a change within ``timeout`` (the notification travels)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if probe.changed_elsewhere():
            return True
        time.sleep(0.05)
    return False


def _stays_still(probe: ChangeProbe, wait: float = 0.5) -> bool:
    time.sleep(wait)
    return not probe.changed_elsewhere()


def _commit_elsewhere(url: str, sql: str, params: tuple = ()) -> None:
    with psycopg.connect(url, autocommit=True) as other:
        other.execute(sql, params)


def test_another_connections_commit_moves_the_probe_once_and_its_own_do_not(pg_db) -> None:
    url = pg_db
    cid = create_contact({"first_name": "Ann"}).id
    probe = ChangeProbe()
    assert _stays_still(probe)
    create_contact({"first_name": "Own"})  # this connection's commits
    assert _stays_still(probe)
    _commit_elsewhere(url, "UPDATE contact SET first_name = 'Anna', version = version + 1 "
                           "WHERE id = %s", (cid,))
    assert _moves(probe)
    assert _stays_still(probe)  # once per commit, not once per question
    # One transaction of many statements (a bulk action elsewhere) is one change.
    with psycopg.connect(url) as other, other.transaction():
        for note in ("one", "two", "three"):
            other.execute("UPDATE contact SET notes = %s WHERE id = %s", (note, cid))
    assert _moves(probe)
    assert _stays_still(probe)
    # A rolled-back transaction elsewhere changed nothing, and says nothing.
    with psycopg.connect(url) as other:
        other.execute("DELETE FROM contact")
        other.rollback()
    assert _stays_still(probe)


def test_a_worker_threads_commit_counts_as_another_connection(pg_db) -> None:
    probe = ChangeProbe()
    done: list[int] = []

    def work() -> None:
        done.append(create_contact({"first_name": "From a worker"}).id)
        db.close()  # the thread's own connection

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert done
    assert _moves(probe)


def _listener_backends(url: str) -> Callable[[], list[int]]:
    def pids() -> list[int]:
        with psycopg.connect(url, autocommit=True) as admin:
            return [row[0] for row in admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%%'")]
    return pids


def test_a_lost_listener_reconnects_quietly_and_reloads_once(pg_db) -> None:
    url = pg_db
    probe = ChangeProbe()
    listeners = _listener_backends(url)
    [pid] = listeners()
    _commit_elsewhere(url, "SELECT pg_terminate_backend(%s)", (pid,))  # the server lost it
    assert _moves(probe)  # reconnected: what happened meanwhile is unknown, so one reload
    assert _stays_still(probe)
    [again] = listeners()
    assert again != pid
    _commit_elsewhere(url, "UPDATE profile SET version = version + 1")
    assert _moves(probe)  # and it hears again


def test_closing_the_store_stops_listening(pg_db) -> None:
    url = pg_db
    ChangeProbe()
    listeners = _listener_backends(url)
    assert len(listeners()) == 1
    close_database()
    deadline = time.monotonic() + 5
    while listeners() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listeners() == []
    open_store(url)


def _announcing(url: str) -> tuple[set[tuple[str, str, str]], str]:
    """Each table's change trigger (table, name, definition) and the function they call."""
    with psycopg.connect(url) as conn:
        triggers = {tuple(row) for row in conn.execute(
            "SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal")}
        function = conn.execute("SELECT pg_get_functiondef('crm_announce_change'::regproc)").fetchone()[0]
    return triggers, function


def test_a_database_made_before_step_12_announces_as_a_new_one_does() -> None:
    new = pg_server.fresh_database()
    older = pg_server.fresh_database()
    try:
        with psycopg.connect(older, autocommit=True) as conn:  # as step 11 left a server
            for table, trigger in conn.execute(
                    "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c "
                    "ON c.oid = t.tgrelid WHERE t.tgname LIKE '%%_announced'").fetchall():
                conn.execute(f'DROP TRIGGER "{trigger}" ON "{table}"')
            conn.execute("DROP FUNCTION crm_announce_change()")
            conn.execute("UPDATE schema_version SET version = 11")
        assert CURRENT_VERSION == 12
        result = open_store(older)
        assert result.steps == [12]
        close_database()
        triggers, function = _announcing(new)
        assert _announcing(older) == (triggers, function)
        tables = {row[0] for row in triggers if row[1].endswith("_announced")}
        assert {"contact", "organization", "meeting", "contact_tag", "schema_version"} <= tables
        probe_db = older
        open_store(probe_db)
        probe = ChangeProbe()
        _commit_elsewhere(probe_db, "DELETE FROM contact_tag")  # even a link table is heard
        assert _moves(probe)
    finally:
        close_database()
        pg_server.drop_database(new)
        pg_server.drop_database(older)
