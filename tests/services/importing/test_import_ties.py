"""Ties from what is imported: your own export, a friend's export, no ties, undo, older databases."""

from __future__ import annotations

import json
from pathlib import Path

from importing_samples import LINKEDIN_ROWS, google_file, linkedin_file

from desktop_crm.services import importing
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.resolve import resolve_contact
from desktop_crm.services.network import compute_reach, path_to_person
from desktop_crm.services.network.relationships import add_relationship, list_relationships
from desktop_crm.store.database import db
from desktop_crm.store.models import Contact, Relationship

FRIEND_ROWS = [
    ["Zoe", "Target", "https://www.linkedin.com/in/zoetarget", "", "Helios", "CTO", "30 May 2020"],
    ["Yan", "Far", "https://www.linkedin.com/in/yanfar", "", "Orbit", "Engineer", "02 Jun 2021"],
    ["Ann", "Lee", "https://www.linkedin.com/in/annlee", "", "Acme", "Engineer", "30 May 2024"],
]


def ties_from_you() -> dict[str, Relationship]:
    rows = Relationship.select().where(Relationship.person_a.is_null(), Relationship.deleted_at.is_null())
    return {r.person_b.full_name: r for r in rows}


def test_your_linkedin_export_makes_everyone_first_degree_once(db_path: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    result = importing.import_file(path)
    assert result.ties.made == 3 and result.to_dict()["ties"] == 3
    ties = ties_from_you()
    assert set(ties) == {"Ann Lee", "Bruno Díaz", "Chen Wei 陈"}
    assert {t.strength for t in ties.values()} == {"acquaintance"}
    assert ties["Bruno Díaz"].since == "2023-01-02"
    assert ties["Ann Lee"].how == "LinkedIn connection"
    assert compute_reach().levels[0].people == 3
    assert path_to_person(resolve_contact("Ann Lee")).first_ask.startswith("You already know Ann Lee")

    again = importing.import_file(path)
    assert again.ties.made == 0
    assert Relationship.select().count() == 3


def test_an_address_book_gives_known_ties_and_its_labels_are_groups(db_path: Path, tmp_path: Path) -> None:
    path = google_file(tmp_path / "contacts.csv", [
        {"First Name": "Dana", "Last Name": "Kay", "Labels": "Climbing ::: * myContacts",
         "E-mail 1 - Value": "dana@example.com"},
        {"First Name": "Eli", "Last Name": "Moss", "Labels": "Climbing", "E-mail 1 - Value": "eli@example.com"},
    ])
    result = importing.import_file(path)
    assert result.ties.made == 2
    assert {t.strength for t in ties_from_you().values()} == {"known"}
    origin = db.execute_sql("SELECT origin FROM tag WHERE name = 'Climbing'").fetchone()[0]
    assert origin == "google"


def test_no_ties_records_none(db_path: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    result = importing.import_file(path, ties=importing.TieChoice("none"))
    assert result.ties.made == 0 and result.to_dict()["ties"] == 0
    assert Relationship.select().count() == 0
    assert Contact.select().count() == 3


def test_a_friends_export_is_your_second_degree_through_them(db_path: Path, tmp_path: Path) -> None:
    ana = create_contact({"first_name": "Ana", "last_name": "Silva"}).id
    add_relationship(None, ana, "friend", "close")
    path = linkedin_file(tmp_path / "ana-connections.csv", FRIEND_ROWS)
    result = importing.import_file(path, ties=importing.TieChoice("of", "Ana Silva"))
    assert result.ties.made == 3 and result.ties.of_id == ana and not result.ties.of_created
    assert set(ties_from_you()) == {"Ana Silva"}  # none from you to her connections
    zoe = resolve_contact("Zoe Target")
    found = path_to_person(zoe)
    assert [s.person.name for s in found.paths[0].steps] == ["Ana Silva", "Zoe Target"]
    assert found.first_ask == "Ask Ana Silva to introduce you to Zoe Target."
    assert compute_reach().levels[1].people == 3


def test_a_friend_not_yet_known_is_added_and_undo_takes_back_exactly_the_import(
        db_path: Path, tmp_path: Path) -> None:
    mine = create_contact({"first_name": "Kim", "last_name": "Hand"}).id
    add_relationship(None, mine, "friend", "close")
    before = len(list_relationships())
    path = linkedin_file(tmp_path / "dora.csv", FRIEND_ROWS)
    result = importing.import_file(path, ties=importing.TieChoice("of", "Dora New"))
    dora = resolve_contact("Dora New")
    assert result.ties.of_created and result.ties.of_id == dora
    assert result.ties.made == 4  # three from Dora, and you know Dora
    assert "Dora New" in ties_from_you()
    data = json.loads(db.execute_sql("SELECT summary FROM import_batch WHERE id = ?",
                                     (result.batch_id,)).fetchone()[0])
    assert data["ties"]["mode"] == "of" and data["ties"]["made"] == 4

    importing.undo_import(result.batch_id)
    assert len(list_relationships()) == before
    assert Contact.get_or_none(Contact.id == dora) is None
    assert set(ties_from_you()) == {"Kim Hand"}


def test_undo_removes_the_ties_it_made_and_keeps_older_ones(db_path: Path, tmp_path: Path) -> None:
    ann = create_contact({"first_name": "Ann", "last_name": "Lee", "organization": "Acme",
                          "linkedin_url": "https://www.linkedin.com/in/annlee"}).id
    add_relationship(None, ann, "friend", "close", how="school")
    result = importing.import_file(linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS))
    assert result.ties.made == 2  # Ann was already tied to you
    assert ties_from_you()["Ann Lee"].strength == "close"
    importing.undo_import(result.batch_id)
    assert set(ties_from_you()) == {"Ann Lee"}
    assert ties_from_you()["Ann Lee"].how == "school"


def test_older_imports_are_connected_once_and_undoably(db_path: Path, tmp_path: Path) -> None:
    result = importing.import_file(linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS),
                                   ties=importing.TieChoice("none"))
    # An import from before ties existed: its summary says nothing about ties.
    db.execute_sql("UPDATE import_batch SET summary = '{\"counts\": {}}' WHERE id = ?", (result.batch_id,))
    hand = create_contact({"first_name": "Hand", "last_name": "Made"}).id  # not imported: left alone
    assert importing.connect_offer() == 3
    batch, made = importing.connect_imported()
    assert made == 3 and set(ties_from_you()) == {"Ann Lee", "Bruno Díaz", "Chen Wei 陈"}
    assert hand not in {r.person_b_id for r in ties_from_you().values()}
    assert importing.connect_offer() == 0
    assert any(b.id == batch and b.format == "ties" for b in importing.list_imports())
    importing.undo_import(batch)
    assert ties_from_you() == {}
    assert importing.connect_offer() == 3


def test_a_dry_run_counts_the_ties_it_would_make(db_path: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", LINKEDIN_ROWS)
    preview = importing.preview_import(path)
    assert importing.would_make_ties(preview) == 3
    assert importing.would_make_ties(preview, importing.TieChoice("of", "Nobody Yet")) == 4
    assert importing.would_make_ties(preview, importing.TieChoice("none")) == 0
    assert Relationship.select().count() == 0
