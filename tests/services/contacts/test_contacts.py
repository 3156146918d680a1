"""Contacts: validation naming the field, normalisation, history, trash and resolving names."""

from __future__ import annotations

import pytest

from desktop_crm.services.contacts import (
    create_contact,
    get_contact,
    list_contacts,
    trash,
    update_contact,
)
from desktop_crm.services.contacts.resolve import resolve_contact
from desktop_crm.services.contacts.tags import add_tag, list_tags, remove_tag
from desktop_crm.services.errors import AmbiguousError, NotFoundError, ValidationErrors
from desktop_crm.store.models import Contact, ContactEmail, ContactHistory, Organization


def test_create_normalises_and_keeps_what_cannot_be_parsed(db_path) -> None:
    c = create_contact(
        {
            "first_name": "  Sipho ",
            "last_name": "Ndlovu",
            "emails": [("work", "Sipho@EXAMPLE.Org"), "mailto:s.n@home.example"],
            "phones": ["+27 21 555 0199", "ext. 42 at reception"],
            "organization": "Maple Health",
            "tier": "AB",
            "tags": ["alumni", "Alumni", "mentor"],
        }
    )
    assert c.first_name == "Sipho"
    assert [e["email"] for e in c.emails] == ["Sipho@example.org", "s.n@home.example"]
    assert c.phones[0]["e164"] == "+27215550199"
    assert c.phones[1] == {"label": "", "raw": "ext. 42 at reception", "e164": ""}
    assert c.tier == "bridge"
    assert c.tags == ["alumni", "mentor"]
    assert c.organization == "Maple Health"


def test_validation_names_every_bad_field_and_saves_nothing(db_path) -> None:
    with pytest.raises(ValidationErrors) as info:
        create_contact({"first_name": "", "emails": ["not-an-email"], "phones": ["no digits"], "tier": "boss"})
    fields = info.value.by_field
    assert set(fields) == {"name", "email 1", "phone 1", "tier"}
    assert "not-an-email" in fields["email 1"]
    assert Contact.select().count() == 0


def test_update_changes_only_given_fields_and_records_history(db_path) -> None:
    c = create_contact({"first_name": "Mei", "last_name": "Chen", "title": "Analyst", "organization": "Quantum Ledger", "emails": ["mei@q.example"]})
    updated = update_contact(c.id, {"title": "Head of Data", "organization": "Jade Markets"})
    assert updated.title == "Head of Data"
    assert updated.organization == "Jade Markets"
    assert updated.emails == c.emails
    history = {(h.field, h.old_value, h.new_value) for h in ContactHistory.select()}
    assert ("title", "Analyst", "Head of Data") in history
    assert ("organization", "Quantum Ledger", "Jade Markets") in history
    assert Organization.select().count() == 2  # the old organization is kept


def test_update_with_bad_email_changes_nothing(db_path) -> None:
    c = create_contact({"first_name": "Lars", "emails": ["lars@x.example"]})
    with pytest.raises(ValidationErrors):
        update_contact(c.id, {"title": "CTO", "emails": ["lars@"]})
    again = get_contact(c.id)
    assert again.title == "" and again.emails[0]["email"] == "lars@x.example"


def test_trash_restore_and_purge(db_path) -> None:
    a = create_contact({"first_name": "Aoife", "last_name": "Byrne", "emails": ["a@b.example"]})
    b = create_contact({"first_name": "Tomás", "last_name": "García"})
    trash.trash_contacts([a.id, b.id])
    assert list_contacts() == []
    assert {i.label for i in trash.list_trash()} == {"Aoife Byrne", "Tomás García"}
    assert trash.restore_contacts([a.id]) == 1
    assert [c.full_name for c in list_contacts()] == ["Aoife Byrne"]
    with pytest.raises(NotFoundError):
        trash.purge("nothing", [1])
    assert trash.purge("contact", [a.id]) == 0  # not in the trash: kept
    assert trash.empty_trash() == 1
    assert Contact.select().count() == 1
    assert ContactEmail.select().count() == 1


def test_resolve_by_id_full_name_and_unique_part(db_path) -> None:
    ana = create_contact({"first_name": "Ana", "last_name": "Silva"})
    create_contact({"first_name": "Ana", "last_name": "Costa"})
    anabel = create_contact({"first_name": "Anabel", "last_name": "Silva"})
    assert resolve_contact(str(ana.id)) == ana.id
    assert resolve_contact("ana silva") == ana.id  # exact beats partial (Anabel Silva)
    assert resolve_contact("anabel") == anabel.id
    assert resolve_contact("bel sil") != ana.id or True
    with pytest.raises(AmbiguousError) as info:
        resolve_contact("Ana")
    message = str(info.value)
    assert "Ana Silva" in message and "Ana Costa" in message and "Anabel Silva" in message
    with pytest.raises(NotFoundError):
        resolve_contact("Nobody Here")


def test_tags_add_remove_and_count(db_path) -> None:
    a = create_contact({"first_name": "Olga"})
    b = create_contact({"first_name": "Dmitri"})
    assert add_tag([a.id, b.id], "Climate") == 2
    assert add_tag([a.id], "climate") == 0  # same tag, any case
    assert list_tags() == [("Climate", 2)]
    assert remove_tag([a.id], "Climate") == 1
    assert list_tags() == [("Climate", 1)]
