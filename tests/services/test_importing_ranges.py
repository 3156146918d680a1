"""Undo records as id ranges: one row per table an import created, older batches still undone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from importing_samples import LINKEDIN_ROWS, google_file, linkedin_file

from desktop_crm.services import importing
from desktop_crm.services.backup import export_backup
from desktop_crm.services.errors import ServiceError
from desktop_crm.store.database import db
from desktop_crm.store.models import Contact, ImportChange


def _tables() -> dict:
    return {k: v for k, v in export_backup()["tables"].items()
            if k not in ("import_batch", "import_change")}


def _changes(batch_id: int) -> list[tuple[str, int, str, str]]:
    return [(c.table, c.row_id, c.action, c.old_values)
            for c in ImportChange.select().where(ImportChange.batch == batch_id)
            .order_by(ImportChange.id)]


def _as_old_format(batch_id: int) -> None:
    """Rewrite a batch's ranges as the one-``create``-per-row records older versions wrote."""
    with db.atomic():
        for table, first, action, old in _changes(batch_id):
            if action != "create_range":
                continue
            last = json.loads(old)["last"]
            ImportChange.delete().where((ImportChange.batch == batch_id)
                                        & (ImportChange.table == table)
                                        & (ImportChange.action == action)).execute()
            ImportChange.insert_many(
                [(batch_id, table, i, "create", "{}") for i in range(first, last + 1)],
                fields=[ImportChange.batch, ImportChange.table, ImportChange.row_id,
                        ImportChange.action, ImportChange.old_values]).execute()


def test_a_fresh_import_records_one_id_range_per_table(db_path: Path, tmp_path: Path) -> None:
    before = _tables()
    result = importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS))
    changes = _changes(result.batch_id)
    assert {c[2] for c in changes} == {"create_range"}
    assert len({c[0] for c in changes}) == len(changes)  # one per table
    ids = sorted(c.id for c in Contact.select())
    contact_range = next(c for c in changes if c[0] == "contact")
    assert contact_range[1] == ids[0] and json.loads(contact_range[3]) == {"last": ids[-1]}
    counts = importing.undo_import(result.batch_id)
    assert counts["contact"] == len(ids)
    assert _tables() == before


def test_batches_written_one_row_per_id_are_still_undone_exactly(
        db_path: Path, tmp_path: Path) -> None:
    before = _tables()
    result = importing.import_file(linkedin_file(tmp_path / "c.csv", LINKEDIN_ROWS))
    created = Contact.select().count()
    _as_old_format(result.batch_id)
    assert {c[2] for c in _changes(result.batch_id)} == {"create"}
    assert importing.undo_import(result.batch_id)["contact"] == created
    assert _tables() == before


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
