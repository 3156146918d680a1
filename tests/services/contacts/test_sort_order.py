"""Names sort as a person files them: accents and scripts folded, in SQLite, on an index."""

from __future__ import annotations

import sqlite3

import pg_server
from hypothesis import given
from hypothesis import strategies as st

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.contacts.table import TableSpec, count_rows, fetch_rows
from desktop_crm.store import close_database, db, open_store
from desktop_crm.store.migrations import STEPS
from desktop_crm.store.models import Contact
from desktop_crm.store.sort_keys import person_sort_key

NAMES = [
    ("Tomás", "Ó Briain"), ("Anna", "Zieliński"), ("Aoife", "Ní Bhriain"), ("Petra", "Nováková"),
    ("Jonas", "Zimmer"), ("Dmitri", "Иванов"), ("Lena", "Nowak"), ("Ola", "Øvrebø"), ("Olga", "Orlova"),
]
EXPECTED = ["Иванов", "Ní Bhriain", "Nováková", "Nowak", "Ó Briain", "Orlova", "Øvrebø", "Zieliński", "Zimmer"]


def _names(spec: TableSpec) -> list[str]:
    query = spec.query()
    return [row.name.split(" ", 1)[1] for row in fetch_rows(query, 0, 100, count_rows(query))]


def test_the_table_sorts_accented_and_other_script_names_where_a_person_expects(db_path):
    for first, last in NAMES:
        create_contact({"first_name": first, "last_name": last})
    assert _names(TableSpec(sort="name")) == EXPECTED
    assert _names(TableSpec(sort="name", descending=True)) == EXPECTED[::-1]


def test_bulk_imported_people_get_the_same_keys(db_path):
    bulk_create_contacts([{"first_name": f, "last_name": last} for f, last in NAMES])
    assert _names(TableSpec(sort="name")) == EXPECTED


def test_the_name_sort_reads_an_index_not_the_whole_table(db_path):
    pg_server.sqlite_only(db_path, "EXPLAIN QUERY PLAN is SQLite's; a server plans by its statistics")
    create_contact({"first_name": "Tomás", "last_name": "Ó Briain"})
    plan_rows = db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT id FROM contact WHERE deleted_at IS NULL ORDER BY sort_name, id LIMIT 100"
    ).fetchall()
    plan = " ".join(str(r[-1]) for r in plan_rows)
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan
    assert "TEMP B-TREE" not in plan


def test_upgrading_recomputes_old_keys(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_store(path)
    create_contact({"first_name": "Tomás", "last_name": "Ó Briain"})
    close_database()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE contact SET sort_name = 'ó briain tomás'")  # the key before folding
    before = next(v for v, step in STEPS if step.__name__ == "_accent_folding_sort_names_v7") - 1
    conn.execute(f"PRAGMA user_version = {before}")
    conn.commit()
    conn.close()
    result = open_store(path)
    try:
        assert result.upgraded_from == before
        assert Contact.get().sort_name == person_sort_key("Tomás", "Ó Briain")
        assert Contact.get().sort_name.startswith("o briain tomas")
    finally:
        close_database()


@given(st.text(max_size=20), st.text(max_size=20))
def test_a_key_starts_with_ascii_letters_and_is_stable(first, last):
    key = person_sort_key(first, last)
    assert key == person_sort_key(first, last)
    folded = key.split("\x1f", 1)[0]
    assert folded.isascii()


def test_upgrading_folds_the_organization_keys(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_store(path)
    create_contact({"first_name": "Ana", "organization": "Østergaard"})
    close_database()
    conn = sqlite3.connect(path)
    before = next(v for v, step in STEPS if step.__name__ == "_organization_sort_folds_accents_v10") - 1
    conn.execute("UPDATE contact SET org_sort = lower('Østergaard')")  # the key before folding
    conn.execute("UPDATE organization SET sort_key = ''")
    conn.execute(f"PRAGMA user_version = {before}")
    conn.commit()
    conn.close()
    open_store(path)
    try:
        from desktop_crm.store.database import db

        assert db.execute_sql("SELECT org_sort FROM contact").fetchone()[0].startswith("ostergaard")
    finally:
        close_database()
