"""Near-duplicates in a big file read in batches: the same people are offered for review
as when the file is read whole, across batches and against the contacts there before,
and none is merged silently."""

from __future__ import annotations

import hashlib
from pathlib import Path

from importing_samples import linkedin_file

from desktop_crm.services import importing
from desktop_crm.services.contacts import count_contacts, create_contact


def _filler(count: int, start: int = 0) -> list[list[str]]:
    """People with nothing near one another (distinct names, organizations by number)."""
    return [[f"Pat{i}", hashlib.md5(str(i).encode()).hexdigest()[:10],
             f"https://www.linkedin.com/in/pat-{i}", "", f"Org {i % 7}", "Engineer",
             "01 Mar 2022"] for i in range(start, start + count)]


def _row(first: str, last: str, org: str, email: str = "") -> list[str]:
    return [first, last, "", email, org, "Engineer", "01 Mar 2022"]


def _rows() -> list[list[str]]:
    """120 rows (batches of 40): near-duplicate pairs whose two halves are in different
    batches, by organization, by company email domain, by the same name where one side
    has no organization, and one of a contact there before."""
    rows = _filler(120)
    rows[3] = _row("Jon", "Smith", "Acme")
    rows[85] = _row("John", "Smith", "ACME Inc.")  # batch 3, near batch 1's Jon
    rows[12] = _row("Mariana", "Oliveira", "", "mariana@globex.com")
    rows[50] = _row("Marianna", "Oliveira", "Globex Corp", "m.oliveira@globex.com")  # domain
    rows[20] = _row("Kwame", "Mensah", "")
    rows[70] = _row("Kwame", "Mensah", "Initech")  # same name, one without organization
    rows[30] = _row("Ingrid", "Bergman", "Hooli")
    rows[45] = _row("Ingrid", "Bergmann", "Hooli")  # batch 2
    rows[110] = _row("Ingrid", "Bergmann", "Hooli")  # same as row 45 by name and org: joined
    rows[100] = _row("Sofia", "Rosi", "Umbrella GmbH")  # near the contact there before
    rows[60] = _row("Chidi", "Okafor", "", "chidi@gmail.com")
    rows[95] = _row("Chidi", "Okafr", "", "chidi.o@gmail.com")  # free mail: no block
    return rows


def _reviews(result: importing.ImportResult) -> set[tuple[str, str, str]]:
    """(person, candidate's name, why) of every person offered for review."""
    return {(i.incoming.name, i.candidate.name, i.candidate.reason)
            for i in result.preview.items if i.action == "review" and i.candidate}


def _streamed(path: Path, batch_size: int = 40) -> importing.ImportResult:
    stream = importing.open_file(path, batch_size=batch_size, stream_bytes=1)
    assert stream.fraction_read is not None  # read in batches
    return importing.import_stream(stream, path)


def test_batches_offer_the_same_people_for_review_as_one_read(
        db_path: Path, tmp_path: Path) -> None:
    create_contact({"first_name": "Sofia", "last_name": "Rossi", "organization": "Umbrella"})
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    whole = importing.import_parsed(importing.read_file(path), path)
    expected = _reviews(whole)
    assert {(p, c) for p, c, _ in expected} == {
        ("John Smith", "Jon Smith"), ("Marianna Oliveira", "Mariana Oliveira"),
        ("Kwame Mensah", "Kwame Mensah"), ("Ingrid Bergmann", "Ingrid Bergman"),
        ("Sofia Rosi", "Sofia Rossi")}
    made = count_contacts()
    importing.undo_import(whole.batch_id)
    for size in (40, 7):
        streamed = _streamed(path, size)
        assert _reviews(streamed) == expected, size
        # Row 110 repeats row 45 (a batch before): one person either way, counted by
        # the streamed import as a row of someone it met already.
        assert [streamed.counts[k] for k in ("new", "review", "updated")] == [
            whole.counts[k] for k in ("new", "review", "updated")], size
        assert count_contacts() == made  # never merged: each near-duplicate is kept apart
        importing.undo_import(streamed.batch_id)


def test_a_later_batch_points_at_the_contact_an_earlier_one_made(
        db_path: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    result = _streamed(path)
    john = next(i for i in result.preview.items if i.incoming.name == "John Smith")
    assert john.action == "review" and john.decision == "separate"
    jon = john.candidate.contact_id
    assert jon is not None and john.candidate.target == f"contact:{jon}"
    assert "same organization" in john.candidate.reason


def test_counting_in_batches_names_the_same_rows_and_contacts_as_the_preview_of_the_whole(
        db_path: Path, tmp_path: Path) -> None:
    create_contact({"first_name": "Sofia", "last_name": "Rossi", "organization": "Umbrella"})
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    whole = importing.preview_parsed(importing.read_file(path), path)
    stream = importing.open_file(path, batch_size=40, stream_bytes=1)
    counted = importing.dry_run_stream(stream, path)

    def pairs(items) -> set[tuple[int, str, str]]:
        return {(i.row, i.candidate.target, i.candidate.name) for i in items
                if i.action == "review"}

    # An earlier row of the file (not written by a count), or a contact there before.
    assert pairs(counted.preview.items) == pairs(whole.items)
    assert (90, "row:8", "Jon Smith") in pairs(whole.items)
