"""Telephoto on hand-built networks: warmest paths, ties, equal paths, no path, the ask and the email."""

from __future__ import annotations

from desktop_crm.services.contacts import create_contact, update_contact
from desktop_crm.services.contacts.profile import update_profile
from desktop_crm.services.contacts.trash import trash_contacts
from desktop_crm.services.network import (
    get_graph,
    path_to_organization,
    path_to_person,
    record_introduction_link,
)
from desktop_crm.services.network.guesses import dismiss_inferred
from desktop_crm.services.network.relationships import add_relationship, find_relationship
from desktop_crm.store.models import OutreachAttempt


def people(*names: str, **fields) -> dict[str, int]:
    """Create one contact per first name; return name -> id."""
    return {name: create_contact({"first_name": name, "last_name": "Test", **fields}).id for name in names}


def link(a: int | None, b: int, strength: str = "close", kind: str = "friend") -> None:
    add_relationship(a, b, kind, strength)


def names(result) -> list[list[str]]:
    return [[s.person.name.split()[0] for s in p.steps] for p in result.paths]


def test_closer_ties_make_the_warmer_path(db_path) -> None:
    p = people("Ana", "Ben", "Tara")
    link(None, p["Ben"], "acquaintance")
    link(p["Ben"], p["Tara"], "acquaintance")
    link(None, p["Ana"], "close")
    link(p["Ana"], p["Tara"], "close", "colleague")
    result = path_to_person(p["Tara"])
    assert names(result) == [["Ana", "Tara"], ["Ben", "Tara"]]
    assert result.paths[0].cost < result.paths[1].cost
    assert result.paths[0].describe() == "You → Ana Test (close friend) → Tara Test (close colleague)"
    assert result.first_ask == "Ask Ana Test to introduce you to Tara Test."
    assert result.introducer_id == p["Ana"] and result.introduce_to_id == p["Tara"]


def test_several_equal_paths_are_all_listed_and_worse_ones_left_out(db_path) -> None:
    p = people("Ana", "Ben", "Cy", "Dee", "Tara")
    for name in ("Ana", "Ben", "Cy", "Dee"):
        link(None, p[name], "close")
    for name in ("Ana", "Ben", "Cy"):
        link(p[name], p["Tara"], "close")
    link(p["Dee"], p["Tara"], "acquaintance")
    result = path_to_person(p["Tara"])
    assert sorted(n[0] for n in names(result)) == ["Ana", "Ben", "Cy"]
    assert len({round(path.cost, 6) for path in result.paths}) == 1
    four = path_to_person(p["Tara"], count=4)
    assert names(four)[-1] == ["Dee", "Tara"]


def test_one_introducer_gives_distinct_second_steps(db_path) -> None:
    p = people("Ana", "Ben", "Cy", "Tara")
    link(None, p["Ana"])
    link(p["Ana"], p["Ben"])
    link(p["Ana"], p["Cy"], "known")
    link(p["Ben"], p["Tara"])
    link(p["Cy"], p["Tara"])
    result = path_to_person(p["Tara"])
    assert names(result) == [["Ana", "Ben", "Tara"], ["Ana", "Cy", "Tara"]]
    assert "who can take you on towards Tara Test" in result.first_ask


def test_unreachable_target_says_so_and_suggests_people_near_it(db_path) -> None:
    tara = create_contact(
        {"first_name": "Tara", "last_name": "Far", "organization": "Helios", "industry": "Energy", "location": "Oslo"}
    ).id
    near = people("Olav", organization="Helios")
    same_industry = people("Ines", industry="Energy")
    same_city = people("Lou", location="Oslo")
    stranger = people("Zed", industry="Retail")
    for cid in (*near.values(), *same_industry.values(), *same_city.values(), *stranger.values()):
        link(None, cid, "known")
    # Olav and Tara are colleagues, so the app guesses they know each other; the user said no.
    dismiss_inferred(near["Olav"], tara)
    result = path_to_person(tara)
    assert not result.found and result.paths == []
    assert result.message.startswith("No known path from you to Tara Far")
    assert [(s.person.name, s.reason) for s in result.suggestions] == [
        ("Olav Test", "works at Helios"),
        ("Ines Test", "works in Energy"),
        ("Lou Test", "is based in Oslo"),
    ]
    assert result.email_body == ""


def test_someone_you_know_directly_needs_no_introduction(db_path) -> None:
    p = people("Ana", "Tara")
    link(None, p["Tara"], "acquaintance")
    link(None, p["Ana"])
    link(p["Ana"], p["Tara"])
    result = path_to_person(p["Tara"])
    assert names(result)[0] == ["Tara"]
    assert result.first_ask.startswith("You already know Tara Test")
    assert names(result)[1] == ["Ana", "Tara"]


def test_people_who_answered_cost_less_and_do_not_contact_costs_more(db_path) -> None:
    p = people("Ana", "Ben", "Cy", "Tara")
    for name in ("Ana", "Ben", "Cy"):
        link(None, p[name], "known")
        link(p[name], p["Tara"], "known")
    OutreachAttempt.create(contact=p["Cy"], answered=True)
    update_contact(p["Ana"], {"status": "do_not_contact"})
    result = path_to_person(p["Tara"])
    assert [n[0] for n in names(result)] == ["Cy", "Ben", "Ana"]


def test_path_to_an_organization_reaches_anyone_there(db_path) -> None:
    p = people("Ana", "Ben")
    staff = people("Sam", "Sue", organization="Northwind")
    link(None, p["Ana"])
    link(p["Ana"], staff["Sue"], "known")
    link(None, p["Ben"], "acquaintance")
    link(p["Ben"], staff["Sam"], "acquaintance")
    result = path_to_organization(create_contact({"first_name": "X", "organization": "Northwind"}).organization_id)
    assert names(result) == [["Ana", "Sue"], ["Ben", "Sam"]]
    assert result.target == "Northwind" and result.target_kind == "organization"


def test_draft_email_names_introducer_target_and_your_pitch(db_path) -> None:
    update_profile({"name": "Alex Morgan", "pitch": "I build data platforms.", "target_roles": "Data lead"})
    p = people("Ana")
    tara = create_contact({"first_name": "Tara", "last_name": "Lund", "organization": "Helios", "industry": "Energy"}).id
    link(None, p["Ana"])
    link(p["Ana"], tara)
    result = path_to_person(tara)
    assert result.email_subject == "Would you introduce me to Tara?"
    body = result.email_body
    assert body.startswith("Hi Ana,")
    assert "Can I introduce you to Alex Morgan, who is exploring data lead roles in energy" in body
    assert "I build data platforms." in body and "Tara Lund at Helios" in body
    assert "$" not in body


def test_trashed_people_are_not_on_any_path(db_path) -> None:
    p = people("Ana", "Ben", "Tara")
    link(None, p["Ana"])
    link(p["Ana"], p["Tara"])
    link(None, p["Ben"], "acquaintance")
    link(p["Ben"], p["Tara"], "acquaintance")
    trash_contacts([p["Ana"]])
    assert names(path_to_person(p["Tara"])) == [["Ben", "Tara"]]


def test_cached_graph_follows_writes(db_path) -> None:
    p = people("Ana", "Ben")
    first = get_graph()
    assert first is get_graph()  # nothing changed: the same object
    link(p["Ana"], p["Ben"])
    second = get_graph()
    assert second is not first and second.graph.has_edge(p["Ana"], p["Ben"])


def test_introduction_creates_ties_without_weakening_existing_ones(db_path) -> None:
    p = people("Ana", "Tara", "Cy")
    link(None, p["Cy"], "close")
    created = record_introduction_link(p["Ana"], p["Tara"])
    assert {(r.person_a_id, r.person_b_id, r.kind) for r in created} == {
        (None, p["Tara"], "introduced_by"),
        (p["Ana"], p["Tara"], "other"),
    }
    assert find_relationship(None, p["Tara"]).how == "introduced by Ana Test"
    assert record_introduction_link(p["Ana"], p["Tara"]) == []
    assert record_introduction_link(p["Ana"], p["Cy"])[0].person_a_id == p["Ana"]
    assert find_relationship(None, p["Cy"]).strength == "close"
