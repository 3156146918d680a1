"""A PostgreSQL server behind the same store: opening, refusing, moving, connection trouble.

These need a real server (``DESKTOP_CRM_TEST_PG``, see tests/pg_server.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pg_server
import pytest

from desktop_crm.services.contacts import count_contacts, create_contact
from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.database.backup import export_backup
from desktop_crm.services.database.moving import move_to, table_counts
from desktop_crm.store import StoreError, close_database, open_store
from desktop_crm.store.database import db
from desktop_crm.store.migrations import CURRENT_VERSION

psycopg = pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgresql]'")

pytestmark = pg_server.NEEDS_SERVER




def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DESKTOP_CRM_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "desktop_crm", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def _with(url: str, **parts: str) -> str:
    split = urlsplit(url)
    user = split.username or ""
    password = parts.get("password", split.password or "")
    host = split.hostname or ""
    port = parts.get("port", str(split.port or 5432))
    path = "/" + parts.get("dbname", split.path.lstrip("/"))
    return urlunsplit(split._replace(netloc=f"{user}:{password}@{host}:{port}", path=path))


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        return {r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}


def test_a_new_server_database_gets_the_latest_schema_and_its_version() -> None:
    url = pg_server.empty_database()
    try:
        result = open_store(url)
        assert result.created and result.steps == [CURRENT_VERSION]
        assert "crm" not in str(result.path) or ":" + (urlsplit(url).password or "-") + "@" \
            not in str(result.path)  # no password in what is shown
        close_database()
        again = open_store(url)  # a second open changes nothing
        assert not again.created and again.steps == []
        close_database()
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == CURRENT_VERSION
    finally:
        close_database()
        pg_server.drop_database(url)


def test_a_database_of_another_program_or_a_newer_schema_is_refused_untouched() -> None:
    url = pg_server.empty_database()
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE invoices (id int)")
        with pytest.raises(StoreError, match="invoices"):
            open_store(url)
        assert _tables(url) == {"invoices"}
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP TABLE invoices")
        open_store(url)
        close_database()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("UPDATE schema_version SET version = %s", (CURRENT_VERSION + 1,))
        with pytest.raises(StoreError, match="newer version"):
            open_store(url)
    finally:
        close_database()
        pg_server.drop_database(url)


@pytest.mark.parametrize("trouble, said", [
    ({"password": "not-the-password"}, "refused the user name or password"),
    ({"port": "1"}, "does not answer"),
    ({"dbname": "crm_no_such_database"}, "no such database"),
])
def test_connection_trouble_is_one_line_exit_1_and_nothing_written(
        tmp_path: Path, trouble: dict[str, str], said: str) -> None:
    url = _with(pg_server.url_for("postgres"), **trouble)
    done = _run(tmp_path / "home", "--db", url, "contacts", "add", "--first-name", "Ada")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and said in lines[0] and "nothing was written" in lines[0]
    assert "Traceback" not in done.stderr
    assert (trouble.get("password") or "§") not in done.stderr  # never the password
    with psycopg.connect(pg_server.SERVER) as conn:
        assert conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s",
                            ("crm_no_such_database",)).fetchone()[0] == 0


def test_a_dropped_connection_leaves_no_half_batch_and_the_store_reconnects(pg_db) -> None:
    url = pg_db
    create_contact({"first_name": "Before"})
    pid = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with pytest.raises(Exception) as info:  # noqa: B017 - the driver's error, through peewee
        with db.atomic():
            bulk_create_contacts([{"first_name": f"Batch{i}"} for i in range(300)])
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            create_contact({"first_name": "After the drop"})
    from desktop_crm.store import explain

    message = str(explain(url, info.value))
    assert "connection to the server was lost" in message and "nothing" in message
    assert count_contacts() == 1  # reconnected by itself; the batch is not there


def test_sqlite_only_features_say_why_on_a_server(pg_db, tmp_path: Path) -> None:
    db_path = pg_db
    close_database()
    home = tmp_path / "home"
    backup = _run(home, "--db", db_path, "backup")
    assert backup.returncode == 1 and "on a server" in backup.stderr
    assert "Traceback" not in backup.stderr and len(backup.stderr.strip().splitlines()) == 1
    os.environ["DESKTOP_CRM_NEW_PASSPHRASE"] = "correct horse battery"
    try:
        encrypt = _run(home, "--db", db_path, "encryption", "on")
    finally:
        del os.environ["DESKTOP_CRM_NEW_PASSPHRASE"]
    assert encrypt.returncode == 1 and "on a server" in encrypt.stderr
    assert "Traceback" not in encrypt.stderr
    added = _run(home, "--db", db_path, "contacts", "add", "--first-name", "Ada")
    assert added.returncode == 0, added.stderr  # the daily file backup is skipped, not failed
    open_store(db_path)


def test_move_to_a_server_and_back_keeps_every_row(demo_db, tmp_path: Path) -> None:
    before_counts, before = table_counts(), export_backup()["tables"]
    url = pg_server.empty_database()
    back = tmp_path / "back.sqlite3"
    try:
        moved = move_to(url, demo_db)
        assert moved.counts == before_counts and moved.counts["contact"] > 0
        open_store(url)
        assert table_counts() == before_counts
        assert export_backup()["tables"] == before
        # The server has its statistics at once: its planner does not wait for autovacuum.
        estimated = db.execute_sql("SELECT reltuples FROM pg_class WHERE relname = 'contact'")
        assert estimated.fetchone()[0] == before_counts["contact"]
        returned = move_to(back, url)
        assert returned.counts == before_counts
        open_store(back)
        assert table_counts() == before_counts
        assert export_backup()["tables"] == before
        close_database()
        open_store(url)
        with pytest.raises(Exception, match="already holds data"):
            move_to(back, url)  # never over a database with data in it
    finally:
        close_database()
        pg_server.drop_database(url)


def test_the_postgres_scheme_opens_the_same_database(pg_db) -> None:
    """``postgres://`` (what many hosts hand out) is the same address as ``postgresql://``."""
    from desktop_crm.services.contacts import create_contact, list_contacts

    create_contact({"first_name": "Ada", "last_name": "Lovelace"})
    close_database()
    open_store("postgres://" + pg_db.split("://", 1)[1])
    assert [c.full_name for c in list_contacts()] == ["Ada Lovelace"]
