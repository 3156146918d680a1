"""One-word names with no organization ("Kausik", "Mom"): a phone's address book.

Two cards with the same one-word name and different numbers are two people (they
were joined into one, their numbers mixed); the same name with the same number is
one; importing the book again finds each, and a full name or an organization keeps
the rule it had (the name is enough).
"""

from __future__ import annotations

from pathlib import Path

from desktop_crm.services.contacts import list_contacts
from desktop_crm.services.importing.service import import_file


def _card(name: str, phone: str = "", org: str = "") -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", f"N:;{name};;;"]
    if phone:
        lines.append(f"TEL;TYPE=CELL:{phone}")
    if org:
        lines.append(f"ORG:{org}")
    return "\r\n".join([*lines, "END:VCARD"]) + "\r\n"


def _book(tmp_path: Path, *cards: str) -> Path:
    path = tmp_path / "phone.vcf"
    path.write_text("".join(cards), encoding="utf-8", newline="")
    return path


def _people() -> list[tuple[str, list[str]]]:
    return sorted((c.full_name, sorted(p["e164"] or p["raw"] for p in c.phones))
                  for c in list_contacts(limit=100))


def test_two_people_with_one_word_names_and_different_numbers_stay_two(db_path, tmp_path: Path) -> None:
    book = _book(tmp_path, _card("Kausik", "+91 98765 43210"), _card("Kausik", "+91 91234 56789"),
                 _card("Mom", "+1 415 555 0101"), _card("Mom", "+1 415 555 0101"))
    result = import_file(book)
    # The second Kausik is offered for review (same name, maybe the same person), never
    # joined silently; imported, it stays a person of its own.
    assert (result.counts["new"], result.counts["review"]) == (2, 1)
    assert _people() == [("Kausik", ["+919123456789"]), ("Kausik", ["+919876543210"]),
                         ("Mom", ["+14155550101"])]
    again = import_file(book)
    assert (again.counts["new"], again.counts["updated"]) == (0, 0)
    assert again.counts["unchanged"] == 3
    assert len(_people()) == 3


def test_a_one_word_name_without_numbers_is_still_one_person(db_path, tmp_path: Path) -> None:
    result = import_file(_book(tmp_path, _card("Plumber"), _card("Plumber")))
    assert result.counts["new"] == 1
    assert _people() == [("Plumber", [])]


def test_a_full_name_or_an_organization_joins_as_before(db_path, tmp_path: Path) -> None:
    book = _book(tmp_path, _card("Ann Lee", "+1 415 555 0101"), _card("Ann Lee", "+1 415 555 0199"),
                 _card("Kofi", "+233 20 123 4567", "Globex"), _card("Kofi", "+233 20 765 4321", "Globex"))
    result = import_file(book)
    assert result.counts["new"] == 2
    assert _people() == [("Ann Lee", ["+14155550101", "+14155550199"]),
                         ("Kofi", ["+233201234567", "+233207654321"])]


def test_a_number_added_later_still_finds_the_person(db_path, tmp_path: Path) -> None:
    import_file(_book(tmp_path, _card("Kausik", "+91 98765 43210")))
    again = import_file(_book(tmp_path, _card("Kausik", "+91 98765 43210") .replace(
        "END:VCARD", "TEL;TYPE=HOME:+91 80 1234 5678\r\nEND:VCARD")))
    assert again.counts["new"] == 0 and again.counts["updated"] == 1
    assert _people() == [("Kausik", ["+918012345678", "+919876543210"])]
