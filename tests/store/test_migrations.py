"""Upgrading a file written with the first schema: backup first, nothing lost."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from desktop_crm.store import close_database, db, open_store
from desktop_crm.store.backup import prune_backups
from desktop_crm.store.migrations import CURRENT_VERSION, _split_sql
from desktop_crm.store.models import Contact, ContactEmail, Relationship


def make_v1_file(path: Path) -> None:
    sql = resources.files("desktop_crm.store").joinpath("schema_v1.sql").read_text("utf-8")
    conn = sqlite3.connect(path)
    for statement in _split_sql(sql):
        conn.execute(statement)
    now = "2024-05-30 10:00:00"
    conn.execute(
        "INSERT INTO organization VALUES (1, 'Acmé GmbH', 'Software', 'Berlin', '', 1, '', ?, ?, NULL)",
        (now, now),
    )
    conn.execute(
        "INSERT INTO contact (id, first_name, last_name, sort_name, organization_id, title, industry, "
        "location, linkedin_url, how_met, notes, interests, tier, is_gatekeeper, status, sources, "
        "created_at, updated_at) VALUES (1, 'Zoë', 'Müller', 'müller zoë', 1, 'CTO', '', 'Berlin', '', "
        "'', 'met at PyCon', '', 'target', 0, 'asked', '', ?, ?)",
        (now, now),
    )
    conn.execute("INSERT INTO contact_email (contact_id, label, email, position) VALUES (1, 'work', 'zoe@acme.example', 0)")
    conn.execute(
        "INSERT INTO relationship (person_a_id, person_b_id, kind, strength, how, since, created_at) "
        "VALUES (NULL, 1, 'colleague', 'close', 'worked together', '2019', ?)",
        (now,),
    )
    conn.execute(
        "INSERT INTO outreach_attempt (contact_id, at, channel, message, answered, created_at) "
        "VALUES (1, '2024-06-01 09:00:00', 'email', 'hello', 0, ?)",
        (now,),
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_v1_file_with_data_upgrades_in_place_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_v1_file(path)
    result = open_store(path)
    try:
        assert result.upgraded_from == 1
        assert result.backup is not None and result.backup.exists()
        assert result.backup.parent == path.parent
        assert db.execute_sql("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        zoe = Contact.get_by_id(1)
        assert (zoe.first_name, zoe.last_name, zoe.organization.name) == ("Zoë", "Müller", "Acmé GmbH")
        assert ContactEmail.get(ContactEmail.contact == 1).email == "zoe@acme.example"
        assert Relationship.get(Relationship.person_b == 1).how == "worked together"
        # The new column was filled from the old data.
        assert str(zoe.last_contact_at).startswith("2024-06-01")
        # Search still finds the person, accents folded.
        hits = db.execute_sql("SELECT rowid FROM contact_fts WHERE contact_fts MATCH 'zoe'").fetchall()
        assert hits == [(1,)]
    finally:
        close_database()
    backup = sqlite3.connect(result.backup)
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
        assert backup.execute("SELECT first_name FROM contact").fetchall() == [("Zoë",)]
    finally:
        backup.close()


def test_opening_an_upgraded_file_again_does_nothing(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_v1_file(path)
    open_store(path)
    close_database()
    again = open_store(path)
    close_database()
    assert again.steps == [] and again.backup is None


def test_only_the_newest_backups_are_kept(tmp_path: Path) -> None:
    for i in range(8):
        (tmp_path / f"db.sqlite3.v1-2024010{i}.bak").write_text("x")
    removed = prune_backups(tmp_path, "db.sqlite3.v*.bak", keep=5)
    assert len(removed) == 3
    left = sorted(p.name for p in tmp_path.glob("*.bak"))
    assert left[0].endswith("20240103.bak") and len(left) == 5
