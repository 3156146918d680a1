"""A big import leaves a server's statistics up to date, so its planner does not guess.

Right after a bulk load PostgreSQL knows nothing of the new rows until autovacuum
comes by; meanwhile it planned the map's graph as if the tables were empty (a path
took seconds instead of milliseconds). Needs a real server (tests/pg_server.py).
"""

from __future__ import annotations

from pathlib import Path

import pg_server
import pytest

from desktop_crm.services.contacts import count_contacts
from desktop_crm.services.importing.service import import_file
from desktop_crm.store.database import db

pytest.importorskip("psycopg", reason="the PostgreSQL driver: pip install -e '.[postgresql]'")
pytestmark = pg_server.NEEDS_SERVER


def _estimated(table: str) -> float:
    return db.execute_sql("SELECT reltuples FROM pg_class WHERE relname = ?", (table,)).fetchone()[0]


def test_a_big_import_leaves_the_servers_statistics_current(pg_db, tmp_path: Path, now) -> None:
    rows = ["First Name,Last Name,Company,E-mail Address"]
    rows += [f"Person{i},Family{i},Org {i % 40},p{i}@example.org" for i in range(1500)]
    path = tmp_path / "people.csv"
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    assert _estimated("contact") <= 0  # a new database: never analysed
    import_file(path)
    assert count_contacts() == 1500
    assert _estimated("contact") == 1500
    assert _estimated("relationship") == 1500  # the ties to you
