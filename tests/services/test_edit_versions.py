"""Edits carry a version: a save from an old version merges or reports a conflict, never overwrites."""

from __future__ import annotations

import pytest

from desktop_crm.services.conflicts import EditConflict
from desktop_crm.services.contacts import (
    bulk_actions,
    create_contact,
    get_contact,
    trash,
    update_contact,
)
from desktop_crm.services.contacts.organizations import create_organization, update_organization
from desktop_crm.store.models import Contact, Organization


def test_every_write_of_a_row_bumps_its_version(db_path) -> None:
    c = create_contact({"first_name": "Ada", "last_name": "Byron"})
    assert c.version == 1
    assert update_contact(c.id, {"title": "Analyst"}).version == 2
    Contact.update(title="Engineer").where(Contact.id == c.id).execute()  # any store write
    assert get_contact(c.id).version == 3
    trash.trash_contacts([c.id])
    trash.restore_contacts([c.id])
    assert get_contact(c.id).version == 5


def test_a_save_from_the_current_version_writes(db_path) -> None:
    c = create_contact({"first_name": "Ada", "last_name": "Byron"})
    saved = update_contact(c.id, {"title": "Analyst"}, expected_version=c.version, base=c)
    assert saved.title == "Analyst" and saved.version == c.version + 1


def test_both_sides_changing_a_field_is_a_conflict_and_nothing_is_written(db_path) -> None:
    base = create_contact({"first_name": "Ada", "last_name": "Byron", "notes": "met at the fair"})
    theirs = update_contact(base.id, {"title": "Engineer", "notes": "met at the fair; likes chess"})
    with pytest.raises(EditConflict) as info:
        update_contact(base.id, {"title": "Analyst", "notes": "met at the fair"}, base.version, base)
    conflict = info.value
    assert (conflict.your_version, conflict.their_version) == (base.version, theirs.version)
    assert [(f.field, f.mine, f.theirs) for f in conflict.fields] == [("title", "Analyst", "Engineer")]
    assert "changed on another machine" in str(conflict) and "Engineer" in str(conflict)
    after = get_contact(base.id)
    assert (after.title, after.notes, after.version) == ("Engineer", "met at the fair; likes chess", theirs.version)


def test_changes_to_different_fields_merge(db_path) -> None:
    base = create_contact({"first_name": "Ada", "last_name": "Byron", "tags": ["alumni"]})
    update_contact(base.id, {"location": "Leeds", "tags": ["alumni", "mentor"]})
    saved = update_contact(
        base.id,
        {"first_name": "Ada", "last_name": "Byron", "title": "Analyst", "location": "", "tags": ["Alumni"]},
        base.version,
        base,
    )
    assert (saved.title, saved.location, saved.tags) == ("Analyst", "Leeds", ["alumni", "mentor"])


def test_without_a_base_every_differing_field_is_a_conflict(db_path) -> None:
    """The CLI's --if-version knows only the version: it never overwrites a moved row."""
    c = create_contact({"first_name": "Ada", "last_name": "Byron"})
    update_contact(c.id, {"location": "Leeds"})
    with pytest.raises(EditConflict) as info:
        update_contact(c.id, {"location": "York"}, expected_version=c.version)
    assert info.value.fields[0].theirs == "Leeds"
    # the same value as saved is no conflict: nothing would be lost
    assert update_contact(c.id, {"location": "Leeds"}, expected_version=c.version).location == "Leeds"


def test_bulk_actions_bump_every_row_they_write(db_path) -> None:
    ids = [create_contact({"first_name": f"P{i}"}).id for i in range(3)]
    bulk_actions.set_tier(ids, "target")
    assert {get_contact(i).version for i in ids} == {2}


def test_organizations_carry_a_version_too(db_path) -> None:
    org = create_organization({"name": "Maple Health"})
    update_organization(org.id, {"industry": "Health"})
    assert Organization.get_by_id(org.id).version == 2


def test_an_organization_saved_from_an_old_version_merges_or_conflicts(db_path) -> None:
    from desktop_crm.services.contacts.organizations import get_organization

    base = create_organization({"name": "Maple Health"})
    update_organization(base.id, {"industry": "Health"})
    merged = update_organization(base.id, {"name": "Maple Health", "location": "Leeds", "industry": ""},
                                 base.version, base)
    assert (merged.industry, merged.location) == ("Health", "Leeds")
    with pytest.raises(EditConflict) as info:
        update_organization(base.id, {"industry": "Biotech"}, base.version, base)
    assert info.value.fields[0].theirs == "Health"
    assert get_organization(base.id).industry == "Health"


def test_a_relationship_saved_from_an_old_version_merges_or_conflicts(db_path) -> None:
    from desktop_crm.services.network.relationships import add_relationship, update_relationship

    a = create_contact({"first_name": "Ana"}).id
    b = create_contact({"first_name": "Ben"}).id
    base = add_relationship(a, b, "colleague", "known")
    update_relationship(base.id, {"strength": "close"})
    merged = update_relationship(base.id, {"how": "Helios", "strength": "known"}, base.version, base)
    assert (merged.how, merged.strength) == ("Helios", "close")
    with pytest.raises(EditConflict):
        update_relationship(base.id, {"how": "elsewhere"}, base.version, base)


def test_a_meeting_saved_from_an_old_version_merges_or_conflicts(db_path, now) -> None:
    import datetime as dt

    from desktop_crm.services.meetings import get_meeting, schedule_meeting, update_meeting
    from desktop_crm.services.meetings.bundle import save_meeting

    cid = create_contact({"first_name": "Ana"}).id
    base = schedule_meeting(cid, {"when": now + dt.timedelta(days=2), "tz": "UTC", "place": "Café"})
    update_meeting(base.id, {"objective_ask": "Who else should I talk to?"})  # another copy
    merged = save_meeting(cid, base.id, {"place": "Library", "objective_ask": ""}, notes="bring CV",
                          expected_version=base.version, base=base)
    assert (merged.place, merged.objective_ask, merged.notes) == ("Library", "Who else should I talk to?", "bring CV")
    with pytest.raises(EditConflict) as info:
        save_meeting(cid, base.id, {"place": "Station"}, notes="other notes",
                     expected_version=base.version, base=base)
    assert {f.field for f in info.value.fields} == {"place", "notes"}
    assert (get_meeting(base.id).place, get_meeting(base.id).notes) == ("Library", "bring CV")


def test_an_import_that_changes_a_contact_moves_its_version(db_path, tmp_path) -> None:
    """A form open on the contact then sees the import's change instead of overwriting it."""
    from desktop_crm.services.importing.service import import_file

    base = create_contact({"first_name": "Ada", "last_name": "Byron", "emails": ["ada@example.org"]})
    (tmp_path / "people.csv").write_text(
        "First Name,Last Name,Email Address,Job Title\nAda,Byron,ada@example.org,Engineer\n", encoding="utf-8")
    import_file(tmp_path / "people.csv")
    after = get_contact(base.id)
    assert after.title == "Engineer" and after.version > base.version
    with pytest.raises(EditConflict):
        update_contact(base.id, {"title": "Analyst"}, base.version, base)


def _another_copy_writes_between_read_and_write(db_path, monkeypatch, sql: str) -> list[int]:
    """Run ``sql`` (``%s``: the meeting's id) on a second connection of the server right
    before the meeting dialog's save writes its row: the window between the read and the
    compare-and-set that only a server leaves open (SQLite's BEGIN IMMEDIATE takes the
    write lock before the read, so another copy waits there instead)."""
    from desktop_crm.services.meetings import bundle

    if not (isinstance(db_path, str) and db_path.startswith("postgresql")):
        pytest.skip("server only: on SQLite the write lock is taken before the read "
                    "(BEGIN IMMEDIATE), so no copy can write in between")
    psycopg = pytest.importorskip("psycopg")
    real = bundle.save_if_version
    calls: list[int] = []

    def interleaved(row, seen):
        calls.append(seen)
        if len(calls) == 1:
            with psycopg.connect(db_path, autocommit=True) as other:
                other.execute(sql, (row.id,))
        return real(row, seen)

    monkeypatch.setattr(bundle, "save_if_version", interleaved)
    return calls


def test_a_meeting_save_is_a_compare_and_set_and_merges_a_write_in_between(
        db_path, now, monkeypatch) -> None:
    import datetime as dt

    from desktop_crm.services.meetings import get_meeting, schedule_meeting
    from desktop_crm.services.meetings.bundle import save_meeting

    cid = create_contact({"first_name": "Ana"}).id
    base = schedule_meeting(cid, {"when": now + dt.timedelta(days=2), "tz": "UTC", "place": "Café"})
    calls = _another_copy_writes_between_read_and_write(
        db_path, monkeypatch,
        "UPDATE meeting SET objective_ask = 'Two introductions', version = version + 1 WHERE id = %s")
    saved = save_meeting(cid, base.id, {"place": "Library"}, notes="bring CV",
                         expected_version=base.version, base=base)
    assert calls == [base.version, base.version + 1]  # the first write found the row moved
    assert (saved.place, saved.notes, saved.objective_ask) == ("Library", "bring CV", "Two introductions")
    assert get_meeting(base.id).version == base.version + 2


def test_a_meeting_write_in_between_on_the_same_field_is_a_conflict(db_path, now, monkeypatch) -> None:
    import datetime as dt

    from desktop_crm.services.meetings import get_meeting, schedule_meeting
    from desktop_crm.services.meetings.bundle import QuestionEntry, save_meeting

    cid = create_contact({"first_name": "Ana"}).id
    base = schedule_meeting(cid, {"when": now + dt.timedelta(days=2), "tz": "UTC", "place": "Café"})
    _another_copy_writes_between_read_and_write(
        db_path, monkeypatch, "UPDATE meeting SET place = 'Station', version = version + 1 WHERE id = %s")
    with pytest.raises(EditConflict) as info:
        save_meeting(cid, base.id, {"place": "Library"}, questions=[QuestionEntry("What surprised you?")],
                     expected_version=base.version, base=base)
    assert [(f.field, f.mine, f.theirs) for f in info.value.fields] == [("place", "Library", "Station")]
    after = get_meeting(base.id)
    assert (after.place, after.version) == ("Station", base.version + 1)
    from desktop_crm.services.research.answers import meeting_questions

    assert meeting_questions(base.id) == []  # nothing of the save was written


def test_a_meeting_save_from_a_version_alone_never_overwrites(db_path, now) -> None:
    """Without a base (only the version) every field that differs is a conflict; with the
    version still current the save writes and moves it by one (one write, one bump)."""
    import datetime as dt

    from desktop_crm.services.meetings import get_meeting, schedule_meeting, update_meeting
    from desktop_crm.services.meetings.bundle import save_meeting

    cid = create_contact({"first_name": "Ana"}).id
    base = schedule_meeting(cid, {"when": now + dt.timedelta(days=2), "tz": "UTC", "place": "Café"})
    saved = save_meeting(cid, base.id, {"place": "Library"}, notes="bring CV", expected_version=base.version)
    assert saved.version == base.version + 1  # fields and notes in one compare-and-set write
    update_meeting(base.id, {"place": "Station"})
    with pytest.raises(EditConflict):
        save_meeting(cid, base.id, {"place": "Garden"}, expected_version=saved.version)
    assert get_meeting(base.id).place == "Station"
