"""Imports and bulk actions are one transaction each: a failure mid-way leaves nothing half-done.

The failure is real: a trigger (SQLite or PostgreSQL) refuses one row deep inside the work
(after earlier chunks were written), as a full disk or a dropped connection
would. Kills during an import are covered by tests/cli/test_cli_kill_harness.py.
"""

from __future__ import annotations

import pytest

from desktop_crm.services.contacts import bulk_actions
from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.importing.service import import_file
from desktop_crm.store import DATABASE_ERRORS as DB_ERRORS
from desktop_crm.store.database import db, on_server
from desktop_crm.store.models import Contact


def _refuse(when: str, event: str = "UPDATE") -> None:
    """A trigger that fails the write of one row, in the engine's own dialect."""
    if on_server():
        when = when.replace("old.", "OLD.").replace("new.", "NEW.")
        db.execute_sql(
            "CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'refused mid-way'; END $$")
        db.execute_sql(
            f'CREATE TRIGGER "refuse_one" BEFORE {event} ON "contact" FOR EACH ROW '
            f"WHEN ({when}) EXECUTE FUNCTION refuse_one()")
        return
    db.execute_sql(
        f'CREATE TRIGGER "refuse_one" BEFORE {event} ON "contact" WHEN {when} '
        "BEGIN SELECT RAISE(ABORT, 'refused mid-way'); END"
    )


def _state() -> list[tuple]:
    return list(Contact.select(Contact.id, Contact.tier, Contact.version, Contact.deleted_at).order_by(Contact.id).tuples())


def test_a_bulk_action_failing_mid_way_changes_no_row(db_path) -> None:
    ids = bulk_create_contacts([{"first_name": f"P{i}", "last_name": "Bulk"} for i in range(1500)])
    before = _state()
    _refuse(f"old.id = {ids[-1]}")  # the last chunk: earlier chunks were already written
    with pytest.raises(DB_ERRORS):
        bulk_actions.set_tier(ids, "target")
    assert _state() == before
    with pytest.raises(DB_ERRORS):
        bulk_actions.trash_contacts(ids)
    assert _state() == before


def test_an_import_failing_mid_way_writes_nothing(db_path, tmp_path) -> None:
    bulk_create_contacts([{"first_name": "Already", "last_name": "Here"}])
    before = _state()
    rows = ["First Name,Last Name,Email Address"]
    rows += [f"Person{i},Import,p{i}@example.org" for i in range(2000)]
    (tmp_path / "people.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    _refuse("new.first_name = 'Person1999'", "INSERT")
    with pytest.raises(DB_ERRORS):
        import_file(tmp_path / "people.csv")
    assert _state() == before
    assert db.execute_sql("SELECT count(*) FROM import_batch").fetchone()[0] == 0
