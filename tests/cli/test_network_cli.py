"""The network commands end to end, as subprocesses: relationships, path, gatekeepers, reach, wide-angle."""

from __future__ import annotations

import json

import pytest

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.database.setup import ensure_defaults
from desktop_crm.store import close_database, open_store
from desktop_crm.store.models import Introduction


@pytest.fixture
def network(cli) -> dict[str, int]:
    """People on the CLI's database, written in-process, then the file is closed for the CLI."""
    open_store(cli.db)
    ensure_defaults()
    people = {}
    for first, last, org, industry, city in (
        ("Ana", "Silva", "Helios", "Energy", "Oslo"),
        ("Ana", "Souza", "Northwind", "Software", "Berlin"),
        ("Ben", "Okafor", "Northwind", "Software", "Berlin"),
        ("Jürgen", "Müller", "Helios", "Energy", "Hamburg"),
        ("Tara", "Lund", "Vega", "Biotech", "Basel"),
        ("Zed", "Far", "Vega", "Biotech", "Basel"),
    ):
        people[f"{first} {last}"] = create_contact(
            {"first_name": first, "last_name": last, "organization": org, "industry": industry, "location": city}
        ).id
    Introduction.create(introducer=people["Ana Silva"], introduced=people["Jürgen Müller"], status="met")
    close_database()
    return people


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_relationships_add_list_remove(cli, network) -> None:
    added = json.loads(ok(cli("relationships", "add", "me", "Ana Silva", "--strength", "close", "--kind", "friend", "--json")))
    assert (added["person_a"], added["person_b"], added["strength"]) == ("You", "Ana Silva", "close")
    result = cli("relationships", "add", "ana silva", "jürgen", "--kind", "colleague", "--how", "same team", "--since", "2019")
    assert result.returncode == 0 and "Ana Silva knows Jürgen Müller (known, colleague)" in result.stderr
    ok(cli("relationships", "add", str(network["Ben Okafor"]), "ME", "--strength", "acquaintance"))

    everything = json.loads(ok(cli("relationships", "list", "--json")))
    assert len(everything) == 3
    mine = json.loads(ok(cli("relationships", "list", "me", "--json")))
    assert {r["person_b"] for r in mine} == {"Ana Silva", "Ben Okafor"}
    table = ok(cli("relationships", "list", "Jürgen Müller"))
    assert "same team" in table and "2019" in table and "colleague" in table

    ok(cli("relationships", "remove", "jürgen", "Ana Silva"))
    ok(cli("relationships", "remove", str(added["id"])))
    left = json.loads(ok(cli("relationships", "list", "--json")))
    assert [r["person_b"] for r in left] == ["Ben Okafor"]


def test_ambiguous_and_unknown_names_are_errors_that_say_which(cli, network) -> None:
    result = cli("relationships", "add", "me", "Ana")
    assert result.returncode == 1
    assert "'Ana' matches 2 people: Ana Silva (id" in result.stderr and "Ana Souza (id" in result.stderr
    assert "Traceback" not in result.stderr
    path = cli("path", "--to", "ana")
    assert path.returncode == 1 and "Ana Souza" in path.stderr
    unknown = cli("relationships", "remove", "Nobody", "me")
    assert unknown.returncode == 1 and "no contact matches 'Nobody'" in unknown.stderr
    twice = cli("relationships", "add", "me", "you")
    assert twice.returncode == 1 and "'me' twice" in twice.stderr
    kind = cli("relationships", "add", "me", "Ben", "--kind", "boss")
    assert kind.returncode == 1 and "'boss' is not one of: friend, colleague" in kind.stderr
    not_an_id = cli("relationships", "remove", "abc")
    assert not_an_id.returncode == 1 and "'abc' is not an id" in not_an_id.stderr


def test_usage_errors_exit_2(cli, network) -> None:
    assert cli("relationships", "add", "me", "Ben", "--strength", "best").returncode == 2
    assert cli("path").returncode == 2
    assert cli("path", "--to", "Ben", "--org", "Vega").returncode == 2
    assert cli("gatekeepers", "--limit", "0").returncode == 2


def test_path_to_a_person_and_an_organization(cli, network) -> None:
    ok(cli("relationships", "add", "me", "Ana Silva", "--strength", "close", "--kind", "friend"))
    ok(cli("relationships", "add", "Ana Silva", "Jürgen", "--strength", "close", "--kind", "colleague"))
    ok(cli("relationships", "add", "me", "Ben", "--strength", "acquaintance"))
    ok(cli("relationships", "add", "Ben", "Jürgen", "--strength", "acquaintance"))
    text = ok(cli("path", "--to", "Jürgen Müller"))
    assert "1. You → Ana Silva (close friend) → Jürgen Müller (close colleague)" in text
    assert "2. You → Ben Okafor (acquaintance) → Jürgen Müller (acquaintance)" in text
    assert "First step: Ask Ana Silva to introduce you to Jürgen Müller." in text
    assert "Subject: Would you introduce me to Jürgen?" in text and "Hi Ana," in text

    data = json.loads(ok(cli("path", "--org", "helios", "--json")))
    assert data["found"] and data["target"] == "Helios"
    assert data["paths"][0]["ids"] == [0, network["Ana Silva"]]
    assert data["first_ask"].startswith("You already know Ana Silva")


def test_no_path_says_so_and_suggests_people_near_the_target(cli, network) -> None:
    ok(cli("relationships", "add", "me", "Ana Silva"))
    ok(cli("relationships", "add", "me", "Tara Lund"))
    # Tara and Zed both work at Vega: a guess, which the user dismisses here.
    ok(cli("relationships", "dismiss", "Tara Lund", "Zed Far"))
    text = ok(cli("path", "--to", "Zed Far"))
    assert text.startswith("No known path from you to Zed Far")
    assert "Tara Lund (1 step away) works at Vega" in text
    data = json.loads(ok(cli("path", "--to", "Zed", "--json")))
    assert not data["found"] and data["suggestions"][0]["name"] == "Tara Lund"


def test_gatekeepers_reach_and_wide_angle(cli, network) -> None:
    ok(cli("relationships", "add", "me", "Ana Silva", "--strength", "close"))
    ok(cli("relationships", "add", "Ana Silva", "Jürgen"))
    ok(cli("relationships", "add", "Ana Silva", "Tara"))
    ok(cli("relationships", "add", "Tara", "Zed"))
    ranked = json.loads(ok(cli("gatekeepers", "--json")))
    assert ranked[0]["name"] == "Ana Silva" and ranked[0]["introductions"] == 1 and ranked[0]["meetings"] == 1
    assert "Ana Silva" in ok(cli("gatekeepers"))

    reach = json.loads(ok(cli("reach", "--json")))
    assert [level["people"] for level in reach["levels"]] == [1, 2, 1]
    assert reach["levels"][1]["by_tier"]["primary"] == 2
    assert {i["industry"] for i in reach["levels"][1]["by_industry"]} == {"Energy", "Biotech"}
    assert "Estimated contact pool" in ok(cli("reach"))

    hits = json.loads(ok(cli("wide-angle", "--industry", "biotech", "--steps", "3", "--json")))
    assert [(h["name"], h["steps"], h["via"]) for h in hits] == [("Tara Lund", 2, "Ana Silva"), ("Zed Far", 3, "Ana Silva")]
    none = cli("wide-angle")
    assert none.returncode == 1 and "give at least one of --industry" in none.stderr


def _linkedin(path, rows) -> str:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    body = "".join(",".join(r) + "\r\n" for r in rows)
    path.write_bytes(("\ufeffNotes:\r\n\"Some emails are missing.\"\r\n\r\n" + header + body).encode("utf-8"))
    return str(path)


def test_import_your_export_then_a_friends_and_find_a_way_through_them(cli, tmp_path) -> None:
    mine = _linkedin(tmp_path / "Connections.csv", [
        ["Ana", "Silva", "https://www.linkedin.com/in/anasilva", "", "Acme", "Engineer", "30 May 2024"],
        ["Ben", "Okafor", "https://www.linkedin.com/in/benokafor", "", "Vega", "Manager", "01 Jun 2023"],
    ])
    data = json.loads(ok(cli("import", mine, "--yes", "--json")))
    assert data["ties"] == 2 and data["tie_mode"] == "mine"
    assert "You know 2 people directly" in ok(cli("reach"))
    again = json.loads(ok(cli("import", mine, "--yes", "--json")))
    assert again["ties"] == 0

    friends = _linkedin(tmp_path / "ana.csv", [
        ["Zoe", "Target", "https://www.linkedin.com/in/zoe", "", "Helios", "CTO", "30 May 2020"],
    ])
    data = json.loads(ok(cli("import", friends, "--of", "Ana Silva", "--yes", "--json")))
    assert data["ties"] == 1 and data["ties_of"]["name"] == "Ana Silva"
    path = json.loads(ok(cli("path", "--to", "Zoe Target", "--json")))
    assert [s["name"] for s in path["paths"][0]["steps"]] == ["Ana Silva", "Zoe Target"]
    assert path["paths"][0]["inferred"] is False

    none = _linkedin(tmp_path / "other.csv", [["Cy", "Nobody", "", "", "Orbit", "", "01 Jan 2020"]])
    data = json.loads(ok(cli("import", none, "--no-ties", "--yes", "--json")))
    assert data["ties"] == 0
    assert "No known path" in ok(cli("path", "--to", "Cy Nobody"))


def test_colleagues_are_an_inferred_path_labelled_as_a_guess(cli, tmp_path) -> None:
    mine = _linkedin(tmp_path / "Connections.csv", [
        ["Ana", "Silva", "", "", "Acme", "Engineer", "30 May 2024"],
    ])
    ok(cli("import", mine, "--yes"))
    ok(cli("contacts", "add", "--first-name", "Tom", "--last-name", "Boss", "--organization", "Acme"))
    data = json.loads(ok(cli("path", "--to", "Tom Boss", "--json")))
    assert data["found"] and data["uses_inferred"]
    step = data["paths"][0]["steps"][-1]
    assert step["inferred"] is True and step["why"] == "both at Acme"
    assert "probably knows them: both at Acme" in data["paths"][0]["text"]
    assert "inferred" in ok(cli("path", "--to", "Tom Boss"))
    ok(cli("relationships", "confirm", "Ana Silva", "Tom Boss"))
    data = json.loads(ok(cli("path", "--to", "Tom Boss", "--json")))
    assert not data["uses_inferred"] and data["paths"][0]["steps"][-1]["kind"] == "colleague"
