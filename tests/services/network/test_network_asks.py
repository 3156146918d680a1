"""Who to ask next, and one answer everywhere: Find a way, the prep sheet, the list and the drafts agree."""

from __future__ import annotations

from pathlib import Path

from desktop_crm.services import prep
from desktop_crm.services.contacts import create_contact, update_contact
from desktop_crm.services.contacts.organizations import resolve_organization, update_organization
from desktop_crm.services.contacts.profile import update_profile
from desktop_crm.services.meetings.email_drafts import draft_introduction_ask
from desktop_crm.services.network import introductions_to_ask, path_to_organization, path_to_person
from desktop_crm.services.network.relationships import add_relationship


def person(first: str, **fields) -> int:
    return create_contact({"first_name": first, "last_name": "Test", **fields}).id


def test_each_target_gets_the_first_step_of_its_warmest_path(db_path: Path) -> None:
    update_profile({"name": "Alex Morgan", "pitch": "I build data platforms."})
    ana, tara = person("Ana"), person("Tara", organization="Helios", tier="target")
    known = person("Kim", tier="target")  # you know Kim: no introduction needed
    add_relationship(None, ana, "friend", "close")
    add_relationship(None, known, "friend", "close")
    add_relationship(ana, tara, "colleague", "known")
    asks = introductions_to_ask()
    assert [(a.target, a.introducer.name, a.introduce_to.name) for a in asks] == [
        ("Tara Test", "Ana Test", "Tara Test")]
    ask = asks[0]
    assert ask.path.ids == path_to_person(tara).paths[0].ids
    assert ask.email_subject == "Would you introduce me to Tara?"
    assert ask.email_body.startswith("Hi Ana,") and "Tara Test at Helios" in ask.email_body
    assert ask.email_body == draft_introduction_ask(ana, tara).body
    assert ask.to_dict()["introducer"]["name"] == "Ana Test"

    update_contact(tara, {"status": "met"})
    assert introductions_to_ask() == []


def test_a_bridge_into_the_organization_is_asked_before_a_slightly_warmer_friend(db_path: Path) -> None:
    friend, bridge = person("Fay"), person("Bo", tier="bridge")
    sue, sam = person("Sue", organization="Northwind"), person("Sam", organization="Northwind")
    add_relationship(None, friend, "friend", "known")
    add_relationship(None, bridge, "friend", "known")
    add_relationship(friend, sue, "friend", "known")
    add_relationship(bridge, sue, "friend", "acquaintance")
    add_relationship(bridge, sam, "colleague", "acquaintance")
    org = resolve_organization("Northwind")
    update_organization(org, {"is_target": True})
    result = path_to_organization(org)
    assert result.paths[0].steps[0].person.name == "Bo Test"  # two ties into Northwind, a bridge
    assert result.paths[0].reaches_org == 2
    assert result.paths[0].cost > min(p.cost for p in result.paths)  # though not the cheapest
    asks = introductions_to_ask()
    assert asks[0].introducer.name == "Bo Test" and "knows 2 people there" in asks[0].why
    assert "a bridge" in asks[0].why


def test_find_a_way_and_the_prep_sheet_say_the_same(db_path: Path) -> None:
    """Maëlle knows Camille; you know neither: both say so, in the same words."""
    maelle, camille = person("Maëlle"), person("Camille")
    add_relationship(camille, maelle, "friend", "close")
    found = path_to_person(maelle)
    sheet = prep.prep_for_contact(maelle)
    assert not found.found and sheet.connection.path == []
    assert sheet.connection.note == found.message
    assert "Camille Test knows Maëlle" in sheet.connection.note
    assert sheet.connection.introducers == []
    assert sheet.intro_candidates == ["Camille Test"]  # whom she could introduce you to

    ana = person("Ana")
    add_relationship(None, ana, "friend", "close")
    add_relationship(ana, camille, "friend", "known")
    found = path_to_person(maelle)
    sheet = prep.prep_for_contact(maelle)
    assert [s.name for s in sheet.connection.path] == [s.person.name for s in found.paths[0].steps]
    assert sheet.connection.introducers[0].startswith("Ana Test (close friend) → Camille Test → Maëlle Test")


def test_a_prep_sheet_names_the_guess_its_path_rests_on(db_path: Path) -> None:
    ana, tom = person("Ana", organization="Helios"), person("Tom", organization="Helios")
    add_relationship(None, ana, "friend", "close")
    sheet = prep.prep_for_contact(tom)
    assert [s.name for s in sheet.connection.path] == ["Ana Test", "Tom Test"]
    assert sheet.connection.path[-1].relation_label == "probably knows them: both at Helios"
    assert sheet.connection.note == "A guess: Ana Test probably knows Tom Test (both at Helios)."
