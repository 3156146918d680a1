"""The change log's format: one ``created`` entry per table and chunk, one ``changed``
entry per contact; batches logged by older versions (id ranges, one ``create`` per
row, whole old rows) are still undone, and still keep later work."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from pathlib import Path

import pg_server
import pytest
from importing_samples import LINKEDIN_ROWS, google_file, linkedin_file

from desktop_crm import clock
from desktop_crm.services import importing
from desktop_crm.services.contacts import create_contact, get_contact, update_contact
from desktop_crm.services.contacts.trash import empty_trash, trash_contacts
from desktop_crm.services.database.backup import export_backup
from desktop_crm.services.errors import ServiceError
from desktop_crm.store.database import db
from desktop_crm.store.models import Contact, ImportChange


def _tables() -> dict:
    """Every table but the import log, without ``version`` (an undo is a write: versions
    move on while the content returns to what it was)."""
    return {k: [{c: x for c, x in row.items() if c != "version"} for row in v]
            for k, v in export_backup()["tables"].items()
            if k not in ("import_batch", "import_change")}


def _changes(batch_id: int) -> list[tuple[str, int, str, str]]:
    return [(c.table, c.row_id, c.action, c.old_values)
            for c in ImportChange.select().where(ImportChange.batch == batch_id)
            .order_by(ImportChange.id)]


def _as_old_format(batch_id: int, created_as: str = "create_range") -> None:
    """Rewrite a batch's log as older versions wrote it: ``create_range`` (or one
    ``create`` per id) per table, and ``update`` holding the whole old row."""
    with db.atomic():
        rows = []
        for table, row_id, action, payload in _changes(batch_id):
            data = json.loads(payload)
            if action == "created":
                ids = data["ids"]
                if created_as == "create_range":
                    assert ids == list(range(ids[0], ids[-1] + 1))
                    rows.append((batch_id, table, ids[0], "create_range",
                                 json.dumps({"last": ids[-1]})))
                else:
                    rows += [(batch_id, table, i, "create", "{}") for i in ids]
            elif action == "changed":
                columns = [c.name for c in db.get_columns(table)]
                now = db.execute_sql(f'SELECT * FROM "{table}" WHERE id = ?', (row_id,)).fetchone()
                whole = dict(zip(columns, now, strict=True))
                whole.update({k: v[0] for k, v in data.items()})
                rows.append((batch_id, table, row_id, "update", json.dumps(whole, default=str)))
        ImportChange.delete().where(ImportChange.batch == batch_id).execute()
        ImportChange.insert_many(rows, fields=[
            ImportChange.batch, ImportChange.table, ImportChange.row_id, ImportChange.action,
            ImportChange.old_values]).execute()


def test_a_fresh_import_records_created_ids_per_table(db_path: Path, tmp_path: Path) -> None:
    before = _tables()
    result = importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS))
    changes = _changes(result.batch_id)
    assert {c[2] for c in changes} == {"created"}
    assert len({c[0] for c in changes}) == len(changes)  # one per table (one chunk)
    ids = sorted(c.id for c in Contact.select())
    contact = json.loads(next(c for c in changes if c[0] == "contact")[3])
    assert contact["ids"] == ids and len(contact["sums"]) == len(ids)
    assert "updated_at" not in contact["columns"] and "notes" in contact["columns"]
    report = importing.undo_import(result.batch_id)
    assert report.counts["contact"] == len(ids) and report.kept == []
    assert _tables() == before


def test_an_update_records_only_the_fields_it_changed(db_path: Path, tmp_path: Path) -> None:
    create_contact({"first_name": "Ann", "last_name": "Lee", "organization": "Acme",
                    "title": "Engineer", "tier": "target"})
    result = importing.import_file(google_file(tmp_path / "g.csv", [
        {"First Name": "Ann", "Last Name": "Lee", "Organization Name": "Acme",
         "Organization Title": "CTO"}]))
    changed = [json.loads(c[3]) for c in _changes(result.batch_id) if c[2] == "changed"]
    assert len(changed) == 1 and changed[0]["title"] == ["Engineer", "CTO"]
    assert "tier" not in changed[0] and "first_name" not in changed[0]


def _as_repr_fingerprints(batch_id: int) -> None:
    """Rewrite a batch's ``created`` entries as written before fingerprints had a kind:
    crc32 of each row's repr, and no ``fp`` key."""
    with db.atomic():
        for change in ImportChange.select().where(ImportChange.batch == batch_id,
                                                  ImportChange.action == "created"):
            data = json.loads(change.old_values)
            names = ", ".join(f'"{c}"' for c in data["columns"])
            sums = []
            for row_id in data["ids"]:
                values = db.execute_sql(f'SELECT {names} FROM "{change.table}" WHERE id = ?',
                                        (row_id,)).fetchone()
                values = tuple(str(v) if isinstance(v, dt.datetime) else v for v in values)
                sums.append(zlib.crc32(repr(values).encode("utf-8", "surrogatepass")))
            del data["fp"]
            change.old_values = json.dumps(data | {"sums": sums})
            change.save()


def test_a_fresh_import_records_the_fingerprints_kind(db_path: Path, tmp_path: Path) -> None:
    result = importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS))
    created = [json.loads(c[3]) for c in _changes(result.batch_id) if c[2] == "created"]
    assert created and all(entry["fp"] == 2 for entry in created)


def test_batches_with_repr_fingerprints_are_still_undone_exactly(
        db_path: Path, tmp_path: Path) -> None:
    """Logs written before fingerprints had a kind: a row still as written is deleted, a
    row edited since is kept."""
    before = _tables()
    first = importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS))
    _as_repr_fingerprints(first.batch_id)
    importing.undo_import(first.batch_id)
    assert _tables() == before
    second = importing.import_file(linkedin_file(tmp_path / "d.csv", LINKEDIN_ROWS))
    _as_repr_fingerprints(second.batch_id)
    edited = min(c.id for c in Contact.select())
    update_contact(edited, {"title": "Principal"})
    report = importing.undo_import(second.batch_id)
    assert [c.id for c in Contact.select()] == [edited]
    assert any("changed since the import" in line for line in report.kept)


@pytest.mark.parametrize("created_as", ["create_range", "create"])
def test_batches_in_older_formats_are_still_undone_exactly(
        db_path: Path, tmp_path: Path, created_as: str) -> None:
    create_contact({"first_name": "Ann", "last_name": "Lee", "organization": "Acme"})
    before = _tables()
    result = importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS))
    assert result.counts["updated"] == 1
    _as_old_format(result.batch_id, created_as)
    assert {c[2] for c in _changes(result.batch_id)} == {created_as, "update"}
    importing.undo_import(result.batch_id)
    assert _tables() == before


def test_older_batches_keep_a_hand_typed_contact_and_later_edits(
        db_path: Path, tmp_path: Path, now: dt.datetime) -> None:
    """Older logs hold no fingerprints: rows count as the batch's when created at its time."""
    pg_server.sqlite_only(db_path, "a server's id sequence never gives a freed id again")
    ann = create_contact({"first_name": "Ann", "last_name": "Lee", "organization": "Acme",
                          "title": "Intern"})
    result = importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS))
    _as_old_format(result.batch_id)
    last = max(c.id for c in Contact.select())
    trash_contacts([last])
    empty_trash()
    clock.set_now(now.replace(tzinfo=dt.UTC) + dt.timedelta(minutes=5))
    mine = create_contact({"first_name": "Dora", "last_name": "Hand", "emails": ["d@h.io"]})
    assert mine.id == last
    update_contact(ann.id, {"title": "Principal", "tier": "bridge"})
    report = importing.undo_import(result.batch_id)
    assert get_contact(mine.id).emails[0]["email"] == "d@h.io"
    assert (get_contact(ann.id).title, get_contact(ann.id).tier) == ("Principal", "bridge")
    assert any("Ann Lee" in line and "title" in line for line in report.kept)
    assert sorted(c.first_name for c in Contact.select()) == ["Ann", "Dora"]


@pytest.mark.parametrize("old_format", ["first", "second", "both", "neither"])
def test_a_later_import_of_the_same_people_blocks_undo_in_any_record_format(
        db_path: Path, tmp_path: Path, old_format: str) -> None:
    first = importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS))
    # The second import updates a person the first created and creates a new one.
    second = importing.import_file(google_file(tmp_path / "g.csv", [
        {"First Name": "Ann", "Last Name": "Lee", "Organization Name": "Acme",
         "Organization Title": "CTO"},
        {"First Name": "Una", "Last Name": "Newcomer", "Organization Name": "Elsewhere"}]))
    assert second.counts["updated"] == 1 and second.counts["new"] == 1
    if old_format in ("first", "both"):
        _as_old_format(first.batch_id)
    if old_format in ("second", "both"):
        _as_old_format(second.batch_id)
    with pytest.raises(ServiceError, match=f"later import.*{second.batch_id}"):
        importing.undo_import(first.batch_id)
    importing.undo_import(second.batch_id)
    importing.undo_import(first.batch_id)
    assert Contact.select().count() == 0
