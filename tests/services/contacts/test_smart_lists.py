"""Smart lists: saved filters, validated on the way in and on the way out."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm.services.contacts.smart_lists import (
    create_smart_list,
    delete_smart_list,
    list_smart_lists,
    rename_smart_list,
)
from desktop_crm.services.contacts.table import ContactFilter
from desktop_crm.services.errors import ValidationError
from desktop_crm.store.models import SmartList


def test_a_saved_filter_comes_back_equal(db_path) -> None:
    flt = ContactFilter(tiers=("target",), location="Berlin", contacted_before=dt.date(2024, 3, 1))
    created = create_smart_list("Berlin targets", flt)
    assert [s.filter for s in list_smart_lists()] == [flt]
    assert created.name == "Berlin targets"


def test_names_must_be_present_and_unique_any_case(db_path) -> None:
    flt = ContactFilter(tiers=("bridge",))
    create_smart_list("Bridges", flt)
    with pytest.raises(ValidationError, match="already exists"):
        create_smart_list("bridges", flt)
    with pytest.raises(ValidationError, match="needs a name"):
        create_smart_list("  ", flt)
    with pytest.raises(ValidationError, match="at least one filter"):
        create_smart_list("Everyone", ContactFilter())


def test_rename_and_delete(db_path) -> None:
    s = create_smart_list("A", ContactFilter(tag="x"))
    rename_smart_list(s.id, "B")
    assert [x.name for x in list_smart_lists()] == ["B"]
    delete_smart_list(s.id)
    assert list_smart_lists() == []


def test_a_damaged_saved_list_is_skipped_not_fatal(db_path) -> None:
    create_smart_list("Good", ContactFilter(tag="x"))
    SmartList.create(name="Broken", filters='{"tiers": ["gold"]}', position=9)
    SmartList.create(name="Garbage", filters="{not json", position=10)
    assert [s.name for s in list_smart_lists()] == ["Good"]
