"""Warmth from what happened, and inferred ties: used only when better, labelled, confirmable, dismissable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.organizations import resolve_organization
from desktop_crm.services.errors import ValidationError
from desktop_crm.services.network import path_to_organization, path_to_person
from desktop_crm.services.network.guesses import confirm_inferred, dismiss_inferred, inferred_ties
from desktop_crm.services.network.relationships import add_relationship, find_relationship
from desktop_crm.services.network.warmth import decay, describe, tie_cost, your_histories
from desktop_crm.store.models import ContactHistory, Meeting, OutreachAttempt


def person(first: str, **fields) -> int:
    return create_contact({"first_name": first, "last_name": "Test", **fields}).id


def met(contact_id: int, when: dt.datetime, thanked: bool = False) -> None:
    Meeting.create(contact=contact_id, starts_at=when, status="done",
                   thank_you_sent_at=when + dt.timedelta(hours=20) if thanked else None)


def first_names(result) -> list[list[str]]:
    return [[s.person.name.split()[0] for s in p.steps] for p in result.paths]


def test_decay_follows_the_two_and_six_year_shape() -> None:
    assert decay(0) == pytest.approx(1.0)
    assert decay(730) == pytest.approx(0.25 * (1 - 730 / 2190))
    assert decay(2190) == 0.0 and decay(5000) == 0.0
    assert decay(30) > decay(300) > decay(1000)
    assert tie_cost(0) > tie_cost(3) > tie_cost(10) > 1.0


def test_the_one_you_met_last_month_comes_first(db_path: Path, now: dt.datetime) -> None:
    ana, ben, tara = person("Ana"), person("Ben"), person("Tara")
    for middle in (ana, ben):
        add_relationship(None, middle, "friend", "known")
        add_relationship(middle, tara, "friend", "known")
    assert first_names(path_to_person(tara))[0][0] == "Ana"  # equal: stable order
    met(ben, now - dt.timedelta(days=30), thanked=True)
    assert first_names(path_to_person(tara))[0] == ["Ben", "Tara"]

    history = your_histories(ben)[ben]
    words = describe("known", history)
    assert words.level == "warm"
    month = (now - dt.timedelta(days=30)).strftime("%B")
    assert words.text == f"warm: met once, last in {month}, thank-you sent"
    assert describe("known", your_histories(ana).get(ana)).text == "cool: known, nothing recorded yet"


def test_an_old_meeting_counts_less_than_a_recent_one(db_path: Path, now: dt.datetime) -> None:
    ana, ben, tara = person("Ana"), person("Ben"), person("Tara")
    for middle in (ana, ben):
        add_relationship(None, middle, "friend", "known")
        add_relationship(middle, tara, "friend", "known")
    met(ana, now - dt.timedelta(days=4 * 365))
    met(ben, now - dt.timedelta(days=20))
    assert first_names(path_to_person(tara))[0] == ["Ben", "Tara"]
    old = describe("known", your_histories(ana)[ana]).text
    assert old.startswith("cool: met once, last in ") and str((now - dt.timedelta(days=4 * 365)).year) in old


def test_unanswered_outreach_cools_a_tie(db_path: Path, now: dt.datetime) -> None:
    ana = person("Ana")
    add_relationship(None, ana, "friend", "known")
    for days in (3, 10, 20):
        OutreachAttempt.create(contact=ana, at=now - dt.timedelta(days=days), answered=False)
    words = describe("known", your_histories(ana)[ana])
    assert words.text == "cold: 3 messages unanswered" and words.score < 3


def colleagues(db_path: Path) -> dict[str, int]:
    ids = {"Ana": person("Ana", organization="Helios"), "Tom": person("Tom", organization="Helios"),
           "Ben": person("Ben"), "Cy": person("Cy"), "Dee": person("Dee")}
    add_relationship(None, ids["Ana"], "friend", "close")
    return ids


def test_colleagues_make_an_inferred_path_only_when_nothing_known_is_as_good(db_path: Path) -> None:
    p = colleagues(db_path)
    result = path_to_person(p["Tom"])
    assert result.uses_inferred and first_names(result)[0] == ["Ana", "Tom"]
    step = result.paths[0].steps[-1]
    assert step.inferred and step.why == "both at Helios"
    assert result.paths[0].describe() == "You → Ana Test (close friend) → Tom Test (probably knows them: both at Helios)"
    assert result.to_dict()["paths"][0]["steps"][-1]["inferred"] is True

    # A known path as short: the guess is not needed.
    add_relationship(None, p["Ben"], "friend", "acquaintance")
    add_relationship(p["Ben"], p["Tom"], "friend", "acquaintance")
    known = path_to_person(p["Tom"])
    assert not known.uses_inferred and first_names(known)[0] == ["Ben", "Tom"]
    assert not any(s.inferred for path in known.paths for s in path.steps)


def test_a_longer_known_path_loses_to_a_warmer_shorter_guess(db_path: Path) -> None:
    p = colleagues(db_path)
    add_relationship(None, p["Ben"], "friend", "acquaintance")
    add_relationship(p["Ben"], p["Cy"], "friend", "acquaintance")
    add_relationship(p["Cy"], p["Dee"], "friend", "acquaintance")
    add_relationship(p["Dee"], p["Tom"], "friend", "acquaintance")
    result = path_to_person(p["Tom"])
    assert result.uses_inferred and first_names(result)[0] == ["Ana", "Tom"]
    assert "inferred" in result.message


def test_former_colleagues_and_shared_labels_are_guesses_too(db_path: Path) -> None:
    ana, tom = person("Ana", organization="Orbit"), person("Tom", organization="Helios")
    ContactHistory.create(contact=ana, kind="import", field="organization", old_value="Helios", new_value="Orbit")
    assert inferred_ties(ana) == [(tom, "both have worked at Helios")]


def test_confirming_makes_a_real_tie_and_dismissing_never_brings_it_back(db_path: Path) -> None:
    p = colleagues(db_path)
    dismiss_inferred(p["Tom"], p["Ana"])
    assert inferred_ties(p["Ana"]) == []
    gone = path_to_person(p["Tom"])
    assert not gone.found
    assert gone.message.startswith("No known path from you to Tom Test")

    other = person("Una", organization="Helios")
    assert [who for who, _ in inferred_ties(p["Ana"])] == [other]
    rel = confirm_inferred(p["Ana"], other)
    assert rel.kind == "colleague" and "both at Helios" in rel.how
    assert find_relationship(p["Ana"], other) is not None
    assert inferred_ties(p["Ana"]) == []  # now known, no longer a guess
    with pytest.raises(ValidationError):
        confirm_inferred(p["Ana"], other)


def test_telephoto_to_an_organization_counts_colleague_guesses(db_path: Path) -> None:
    ana = person("Ana", organization="Orbit")
    person("Tom", organization="Helios")
    add_relationship(None, ana, "friend", "close")
    ContactHistory.create(contact=ana, kind="import", field="organization", old_value="Helios", new_value="Orbit")
    result = path_to_organization(resolve_organization("Helios"))
    assert result.found and result.uses_inferred
    assert result.paths[0].steps[-1].why == "both have worked at Helios"


def test_no_path_names_who_knows_the_target(db_path: Path) -> None:
    maelle, camille = person("Maëlle"), person("Camille")
    add_relationship(camille, maelle, "friend", "close")
    result = path_to_person(maelle)
    assert not result.found
    assert [p.name for p in result.known_by] == ["Camille Test"]
    assert result.message == (
        "No known path from you to Maëlle Test: Camille Test knows Maëlle, "
        "but nobody you know is recorded as knowing Camille yet."
    )
