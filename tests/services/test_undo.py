"""Undo of the last change: bulk actions, edits, adds, trash; one step at a time."""

from __future__ import annotations

import pytest

from desktop_crm.services.contacts import bulk_actions, get_contact
from desktop_crm.services.contacts.bulk import bulk_create_contacts
from desktop_crm.services.contacts.search import search_contact_ids
from desktop_crm.services.errors import ValidationError
from desktop_crm.services.undo import NothingToUndoError, last_step, recording, undo_last
from desktop_crm.store.models import Contact, ContactTag, Organization, Tag


def _three() -> list[int]:
    return bulk_create_contacts(
        [
            {"first_name": "Ana", "last_name": "Silva", "tier": "primary", "tags": ["mentor"]},
            {"first_name": "Lars", "last_name": "Nilsson", "tier": "bridge"},
            {"first_name": "Mei", "last_name": "Chen", "tier": "target", "organization": "Polar"},
        ]
    )


def test_undo_a_bulk_tier_change_restores_each_old_tier(db_path) -> None:
    ids = _three()
    result = bulk_actions.set_tier(ids, "target")
    assert result.count == 3
    assert {c.tier for c in Contact.select()} == {"target"}
    assert "Set tier to Target for 3 contacts" in last_step().label
    undo_last()
    assert [get_contact(i).tier for i in ids] == ["primary", "bridge", "target"]


def test_undo_goes_back_one_step_at_a_time_then_says_nothing_is_left(db_path) -> None:
    ids = _three()
    bulk_actions.set_status(ids, "asked")
    bulk_actions.trash_contacts(ids[:2])
    assert Contact.select().where(Contact.deleted_at.is_null()).count() == 1
    assert undo_last().label.startswith("Moved 2 contacts to the trash")
    assert Contact.select().where(Contact.deleted_at.is_null()).count() == 3
    assert {c.status for c in Contact.select()} == {"asked"}
    undo_last()
    assert {c.status for c in Contact.select()} == {"to_contact"}
    with pytest.raises(NothingToUndoError, match="nothing to undo"):
        undo_last()


def test_undo_tagging_removes_only_the_new_links_and_the_new_tag(db_path) -> None:
    ids = _three()
    bulk_actions.tag_contacts(ids, "mentor")  # Ana already has it
    assert ContactTag.select().count() == 3
    undo_last()
    assert [get_contact(i).tags for i in ids] == [["mentor"], [], []]
    bulk_actions.tag_contacts(ids[1:], "climate")
    undo_last()
    assert not Tag.select().where(Tag.name == "climate").exists()


def test_undo_untag_brings_the_links_back(db_path) -> None:
    ids = _three()
    bulk_actions.untag_contacts(ids, "mentor")
    assert get_contact(ids[0]).tags == []
    undo_last()
    assert get_contact(ids[0]).tags == ["mentor"]


def test_undo_an_edit_restores_fields_children_search_and_organization(db_path) -> None:
    ids = _three()
    bulk_actions.edit_contact(
        ids[0],
        {"last_name": "Souza", "emails": ["ana@new.example"], "tags": ["climate"], "organization": "Helios"},
    )
    assert search_contact_ids("souza") == [ids[0]]
    undo_last()
    ana = get_contact(ids[0])
    assert (ana.last_name, ana.emails, ana.tags, ana.organization) == ("Silva", [], ["mentor"], "")
    assert search_contact_ids("souza") == [] and search_contact_ids("silva") == [ids[0]]
    assert not Organization.select().where(Organization.name == "Helios").exists()


def test_undo_an_add_deletes_the_new_contact(db_path) -> None:
    view = bulk_actions.add_contact({"first_name": "Noah", "emails": ["noah@example.com"]})
    assert last_step().label == "Added Noah"
    undo_last()
    assert Contact.get_or_none(Contact.id == view.id) is None


def test_a_failed_action_records_no_step(db_path) -> None:
    ids = _three()
    with pytest.raises(ValidationError):
        bulk_actions.set_tier(ids, "gold")
    with pytest.raises(RuntimeError):
        with recording("broken") as rec:
            rec.before_update("contact", ids, ("tier",))
            Contact.update(tier="bridge").execute()
            raise RuntimeError("boom")
    assert last_step() is None
    assert get_contact(ids[0]).tier == "primary"


def test_recording_refuses_unknown_tables_and_columns(db_path) -> None:
    with pytest.raises(ValueError, match="no table"):
        with recording("x") as rec:
            rec.before_update("nope; DROP TABLE contact", [1], ("tier",))
    with pytest.raises(ValueError, match="no column"):
        with recording("x") as rec:
            rec.before_update("contact", [1], ("tier; --",))


def test_restore_from_trash_is_undoable_and_empty_selection_is_refused(db_path) -> None:
    ids = _three()
    bulk_actions.trash_contacts(ids)
    bulk_actions.restore_contacts(ids[:1])
    undo_last()
    assert Contact.select().where(Contact.deleted_at.is_null()).count() == 0
    with pytest.raises(ValidationError, match="no contacts are selected"):
        bulk_actions.set_tier([], "target")


def test_export_writes_the_selection_as_csv(db_path, tmp_path) -> None:
    ids = _three()
    out = tmp_path / "people.csv"
    bulk_actions.export_contacts_csv(ids[1:], out)
    text = out.read_text("utf-8-sig")
    assert text.splitlines()[0].startswith("first_name,last_name,organization")
    assert "Lars" in text and "Mei" in text and "Ana" not in text
    with pytest.raises(ValidationError, match="is a folder"):
        bulk_actions.export_contacts_csv(ids, tmp_path)
