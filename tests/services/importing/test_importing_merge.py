"""Merge rules: match by email, LinkedIn URL or name + organization; fill, keep, never duplicate."""

from __future__ import annotations

from pathlib import Path

from importing_samples import LINKEDIN_ROWS, generic_file, google_file, linkedin_file

from desktop_crm.services import importing
from desktop_crm.services.contacts import count_contacts, create_contact, get_contact, list_contacts
from desktop_crm.store.models import ContactHistory


def _history(contact_id: int) -> set[tuple[str, str, str]]:
    return {(h.field, h.old_value, h.new_value)
            for h in ContactHistory.select().where(ContactHistory.contact == contact_id)}


def test_linkedin_export_creates_people_with_their_fields(db_path: Path, tmp_path: Path) -> None:
    result = importing.import_file(linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS))
    assert result.counts == {"new": 3, "updated": 0, "unchanged": 0, "review": 0, "not_importable": 1}
    people = {c.full_name: c for c in list_contacts()}
    chen = people["Chen Wei 陈"]
    assert (chen.organization, chen.title, chen.sources) == ("Initech", "PM 🚀", "linkedin")
    assert chen.linkedin_url == "https://www.linkedin.com/in/chenwei"
    assert chen.how_met == "Connected on LinkedIn on 2022-03-15"
    assert people["Bruno Díaz"].emails == [{"label": "", "email": "bruno@globex.com"}]


def test_importing_the_same_file_again_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    importing.import_file(path)
    before = [c.to_dict() for c in list_contacts()]
    again = importing.import_file(path)
    assert again.counts["new"] == 0 and again.counts["updated"] == 0
    assert again.counts["unchanged"] == 3
    assert [c.to_dict() for c in list_contacts()] == before


def test_same_email_in_any_case_updates_and_fills_empty_fields(db_path: Path, tmp_path: Path) -> None:
    ann = create_contact({"first_name": "Ann", "last_name": "Lee", "emails": ["ann@acme.com"]})
    path = google_file(tmp_path / "g.csv", [{
        "First Name": "Ann", "Last Name": "Lee", "E-mail 1 - Value": "ANN@ACME.COM",
        "Organization Name": "Acme", "Organization Title": "Engineer"}])
    result = importing.import_file(path)
    assert result.counts["updated"] == 1 and count_contacts() == 1
    after = get_contact(ann.id)
    assert (after.organization, after.title) == ("Acme", "Engineer")
    assert [e["email"] for e in after.emails] == ["ann@acme.com"]
    assert after.sources == "google"


def test_same_linkedin_url_matches_whatever_its_spelling(db_path: Path, tmp_path: Path) -> None:
    ann = create_contact({"first_name": "Ann", "last_name": "Lee",
                          "linkedin_url": "http://www.LinkedIn.com/in/annlee/?trk=people"})
    path = linkedin_file(tmp_path / "c.csv", [
        ["Annie", "Lee-Smith", "https://linkedin.com/in/annlee", "", "Acme", "CTO", "1 Jan 2024"]])
    result = importing.import_file(path)
    assert result.counts["updated"] == 1 and count_contacts() == 1
    after = get_contact(ann.id)
    assert (after.first_name, after.last_name, after.title) == ("Ann", "Lee", "CTO")
    # The contact keeps its name; the file's spelling is kept in the history.
    assert ("first_name", "Ann", "Annie") in _history(ann.id)
    assert ("last_name", "Lee", "Lee-Smith") in _history(ann.id)


def test_changed_title_and_organization_replace_old_ones_which_go_to_history(
        db_path: Path, tmp_path: Path) -> None:
    bob = create_contact({"first_name": "Bob", "last_name": "Stone", "organization": "Acme",
                          "title": "Engineer", "emails": ["bob@stone.net"]})
    path = google_file(tmp_path / "g.csv", [{
        "First Name": "Bob", "Last Name": "Stone", "E-mail 1 - Value": "bob@stone.net",
        "Organization Name": "Globex", "Organization Title": "Director"}])
    preview = importing.preview_import(path)
    conflicts = {(c.field, c.old, c.new) for c in preview.items[0].conflicts}
    assert conflicts == {("title", "Engineer", "Director"), ("organization", "Acme", "Globex")}
    assert any(e.column == "title" and "Engineer" in e.reason for e in preview.entries())
    importing.import_file(path)
    after = get_contact(bob.id)
    assert (after.organization, after.title) == ("Globex", "Director")
    assert {("title", "Engineer", "Director"), ("organization", "Acme", "Globex")} <= _history(bob.id)


def test_a_second_email_is_appended_not_swapped(db_path: Path, tmp_path: Path) -> None:
    ann = create_contact({"first_name": "Ann", "last_name": "Lee", "organization": "Acme",
                          "emails": ["ann@acme.com"]})
    path = google_file(tmp_path / "g.csv", [{
        "First Name": "ann", "Last Name": "LEE", "Organization Name": "ACME",
        "E-mail 1 - Value": "ann.lee@gmail.com"}])
    assert importing.import_file(path).counts["updated"] == 1
    assert [e["email"] for e in get_contact(ann.id).emails] == ["ann@acme.com", "ann.lee@gmail.com"]


def test_rows_of_one_person_inside_a_file_become_one_contact(db_path: Path, tmp_path: Path) -> None:
    path = generic_file(tmp_path / "mine.csv", ["Name", "Email", "Company", "Phone"], [
        ["Dana Fox", "dana@fox.io", "Fox Labs", ""],
        ["Someone Else", "else@x.org", "", ""],
        ["Dana Fox", "DANA@FOX.IO", "", "+44 20 7946 0000"],
    ])
    result = importing.import_file(path)
    assert result.counts["new"] == 2
    dana = next(i for i in result.preview.items if i.incoming.first_name == "Dana")
    assert dana.incoming.rows == [2, 4]
    (contact,) = [c for c in list_contacts() if c.first_name == "Dana"]
    assert contact.organization == "Fox Labs" and contact.phones[0]["e164"] == "+442079460000"


def test_linkedin_and_google_exports_of_one_person_end_as_one_contact(
        db_path: Path, tmp_path: Path) -> None:
    importing.import_file(linkedin_file(tmp_path / "Connections.csv", [
        ["Renée", "Dupont", "https://www.linkedin.com/in/rdupont", "", "Société X", "CFO",
         "2 Apr 2024"]]))
    importing.import_file(google_file(tmp_path / "contacts.csv", [{
        "First Name": "Renee", "Last Name": "Dupont", "Organization Name": "Societe X",
        "E-mail 1 - Value": "renee@societex.fr", "Phone 1 - Value": "+33 6 12 34 56 78"}]))
    (renee,) = list_contacts()
    assert renee.sources == "linkedin,google"
    assert renee.first_name == "Renée" and renee.emails[0]["email"] == "renee@societex.fr"
    assert renee.linkedin_url.endswith("/rdupont") and renee.phones


def test_near_duplicates_are_offered_for_review_never_merged_silently(
        db_path: Path, tmp_path: Path) -> None:
    john = create_contact({"first_name": "John", "last_name": "Smith", "organization": "Acme"})
    path = generic_file(tmp_path / "p.csv", ["First name", "Last name", "Company"],
                        [["Jon", "Smith", "ACME Inc."]])
    preview = importing.preview_import(path)
    assert preview.counts["review"] == 1
    (item,) = preview.review_items
    assert item.candidate.contact_id == john.id and item.candidate.score >= 90
    entry = next(e for e in preview.entries() if e.action == "review")
    assert entry.row == 2 and "John Smith" in entry.reason
    importing.import_file(path)
    assert count_contacts() == 2


def test_merging_a_reviewed_pair_updates_the_existing_contact(db_path: Path, tmp_path: Path) -> None:
    john = create_contact({"first_name": "John", "last_name": "Smith", "organization": "Acme"})
    path = generic_file(tmp_path / "p.csv", ["First name", "Last name", "Company", "Email"],
                        [["Jon", "Smith", "Acme", "jon@acme.com"]])
    target = importing.preview_import(path).review_items[0].candidate.target
    result = importing.import_file(path, decisions={2: target})
    assert result.counts["updated"] == 1 and count_contacts() == 1
    assert get_contact(john.id).emails[0]["email"] == "jon@acme.com"


def test_near_duplicates_inside_one_file_are_offered_too(db_path: Path, tmp_path: Path) -> None:
    path = generic_file(tmp_path / "p.csv", ["First name", "Last name", "Email"], [
        ["Katherine", "Jones", "kjones@initech.com"],
        ["Katharine", "Jones", "katharine@initech.com"],
    ])
    preview = importing.preview_import(path)
    (item,) = preview.review_items
    assert item.row == 3 and item.candidate.row == 2
    assert "initech.com" in item.candidate.reason
    merged = importing.import_file(path, decisions={3: item.candidate.target})
    assert merged.counts["new"] == 1 and count_contacts() == 1


def test_free_mail_domains_do_not_make_strangers_look_alike(db_path: Path, tmp_path: Path) -> None:
    path = generic_file(tmp_path / "p.csv", ["First name", "Last name", "Email"], [
        ["Maria", "Garcia", "maria1@gmail.com"], ["Mario", "Garcia", "mario@gmail.com"]])
    assert importing.preview_import(path).counts["review"] == 0


def test_an_older_export_naming_the_previous_employer_still_finds_the_person(
        db_path: Path, tmp_path: Path) -> None:
    bob = create_contact({"first_name": "Bob", "last_name": "Stone", "organization": "Acme",
                          "emails": ["bob@stone.net"]})
    importing.import_file(google_file(tmp_path / "new.csv", [{
        "First Name": "Bob", "Last Name": "Stone", "E-mail 1 - Value": "bob@stone.net",
        "Organization Name": "Globex"}]))
    old = generic_file(tmp_path / "old.csv", ["First name", "Last name", "Company"],
                       [["Bob", "Stone", "Acme"]])
    preview = importing.preview_import(old)
    assert preview.items[0].contact_id == bob.id and count_contacts() == 1


def test_a_name_split_otherwise_matches_and_is_left_alone(db_path: Path, tmp_path: Path) -> None:
    ann = create_contact({"first_name": "Ann", "last_name": ""})
    path = generic_file(tmp_path / "p.csv", ["First name", "Last name"], [["", "Ann"]])
    (item,) = importing.import_file(path).preview.items
    assert [c.field for c in item.changes] == ["sources"]
    assert importing.import_file(path).counts["unchanged"] == 1
    assert (get_contact(ann.id).first_name, get_contact(ann.id).last_name) == ("Ann", "")
