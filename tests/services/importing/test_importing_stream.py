"""A big file imported in batches (read as a stream): one import, one undo, the same
people as reading it whole, and a person whose rows fall in two batches is one contact."""

from __future__ import annotations

from pathlib import Path

from importing_samples import linkedin_file

from desktop_crm.services import importing
from desktop_crm.services.contacts import count_contacts, create_contact, get_contact
from desktop_crm.services.database.backup import export_backup
from desktop_crm.services.database.backups import list_backups
from desktop_crm.store.database import db


def _tables() -> dict:
    """Every table but the import log, without ``version`` (an undo is a write: versions
    move on while the content returns to what it was)."""
    return {k: [{c: x for c, x in row.items() if c != "version"} for row in v]
            for k, v in export_backup()["tables"].items()
            if k not in ("import_batch", "import_change")}


def _people(count: int, start: int = 0) -> list[list[str]]:
    return [[f"Pat{i}", f"Lee{i}", f"https://www.linkedin.com/in/pat-{i}",
             f"pat{i}@org{i % 5}.example" if i % 3 == 0 else "", f"Org {i % 7}",
             "Engineer", "01 Mar 2022"] for i in range(start, start + count)]


def _import(path: Path, batch_size: int = 40, **options) -> importing.ImportResult:
    stream = importing.open_file(path, batch_size=batch_size, stream_bytes=1)
    assert stream.fraction_read is not None  # read in batches
    return importing.import_stream(stream, path, **options)


def _contacts() -> list[tuple]:
    """Each contact's fields with its emails joined by commas (None without), on either engine."""
    emails: dict[int, list[str]] = {}
    for contact_id, email in db.execute_sql(
            "SELECT contact_id, email FROM contact_email ORDER BY id").fetchall():
        emails.setdefault(contact_id, []).append(email)
    rows = db.execute_sql(
        "SELECT c.id, c.first_name, c.last_name, c.linkedin_url, o.name, c.title, c.how_met "
        "FROM contact c LEFT JOIN organization o ON o.id = c.organization_id "
        "ORDER BY c.id").fetchall()
    return [(*row[1:], ",".join(emails[row[0]]) if row[0] in emails else None) for row in rows]


def test_batches_make_the_same_people_and_ties_as_one_read(db_path: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", _people(150))
    result = _import(path)
    assert result.counts["new"] + result.counts["review"] == 150 and result.ties.made == 150
    streamed = _contacts()
    importing.undo_import(result.batch_id)
    whole = importing.import_parsed(importing.read_file(path), path)
    assert whole.counts["new"] + whole.counts["review"] == 150
    assert _contacts() == streamed
    assert db.execute_sql("SELECT count(*) FROM organization").fetchone()[0] == 7


def test_a_person_in_two_batches_is_one_contact_and_undo_restores_everything(
        db_path: Path, tmp_path: Path) -> None:
    ann = create_contact({"first_name": "Ann", "last_name": "Old", "emails": ["ann@x.org"],
                          "title": "Intern"})
    before = _tables()
    rows = _people(100)
    rows[10] = ["Dana", "Fox", "https://www.linkedin.com/in/dana", "dana@fox.io", "Fox Labs",
                "Engineer", "01 Mar 2022"]
    rows[15] = ["Ann", "Old", "", "ann@x.org", "Acme", "CTO", "01 Mar 2022"]
    # The same people again, further down: in another batch of 40.
    rows.append(["Dana", "Fox", "", "dana@fox.io", "Fox Labs", "Director", "01 Mar 2022"])
    rows.append(["Ann", "Old", "", "ann@x.org", "Acme", "CEO", "01 Mar 2022"])
    path = linkedin_file(tmp_path / "Connections.csv", rows)
    result = _import(path)
    assert count_contacts() == 100  # Ann, Dana once, and 98 others
    # Counted once each, as when the rows are read together: Dana new, Ann updated.
    assert result.counts["new"] + result.counts["review"] == 99
    assert result.counts["updated"] == 1 and result.counts["unchanged"] == 0
    assert {i.incoming.name for i in result.preview.items if i.action == "update"} == {
        "Dana Fox", "Ann Old"}  # the report still lists what each later row changed
    dana = db.execute_sql("SELECT id, title FROM contact WHERE first_name = 'Dana'").fetchall()
    # As when the rows are read together: the first row's title stays, the other is history.
    assert len(dana) == 1 and dana[0][1] == "Engineer"
    assert get_contact(ann.id).title == "CTO"
    history = db.execute_sql("SELECT new_value FROM contact_history WHERE field = 'title' "
                             "ORDER BY id").fetchall()
    assert [h[0] for h in history] == ["CTO", "Director", "CEO"]
    assert result.ties.made == 100  # one tie to each person in the file
    again = _import(path)
    assert again.counts["new"] == 0 and again.counts["updated"] == 0 and again.ties.made == 0
    importing.undo_import(again.batch_id)
    importing.undo_import(result.batch_id)
    assert _tables() == before


def test_a_file_counts_the_same_people_however_it_is_read(db_path: Path,
                                                          tmp_path: Path) -> None:
    """A person whose rows fall in several batches (the same row twice, or changed) and a
    contact there before met in two batches: the counts are the whole read's."""
    create_contact({"first_name": "Ann", "last_name": "Old", "emails": ["ann@x.org"]})
    rows = _people(120)
    rows[5] = ["Ann", "Old", "", "ann@x.org", "Acme", "CTO", "01 Mar 2022"]
    rows += [rows[3], rows[7], ["Ann", "Old", "", "ann@x.org", "Acme", "CTO", "01 Mar 2022"],
             ["Pat8", "Lee8", "https://www.linkedin.com/in/pat-8", "", "Org 1", "Director",
              "01 Mar 2022"]]
    path = linkedin_file(tmp_path / "Connections.csv", rows)
    streamed = _import(path, batch_size=30)
    assert streamed.preview.parsed.total_rows == 124
    importing.undo_import(streamed.batch_id)
    whole = importing.import_parsed(importing.read_file(path), path)
    assert streamed.counts == whole.counts
    assert whole.counts["new"] + whole.counts["review"] == 119 and whole.counts["updated"] == 1
    importing.undo_import(whole.batch_id)
    dry = importing.dry_run_stream(importing.open_file(path, batch_size=30, stream_bytes=1),
                                   path)
    assert dry.counts == whole.counts


def test_the_report_lists_what_every_batch_did(db_path: Path, tmp_path: Path) -> None:
    rows = _people(90)
    rows.append(["", "", "", "", "", "", "01 Feb 2021"])  # nothing to import in this row
    path = linkedin_file(tmp_path / "Connections.csv", rows)
    result = _import(path, batch_size=25)
    counts = result.counts
    assert counts["new"] + counts["review"] == 90 and counts["not_importable"] == 1
    files = importing.write_report(result.preview, result.batch_id)
    text = files.report.read_text()
    assert f"Result: {result.preview.summary_line()}" in text
    assert text.count("To review") == (1 if counts["review"] else 0)
    assert files.not_imported is not None
    listed = importing.list_imports()[0]
    assert listed.counts == counts


def _two_batch_rows() -> list[list[str]]:
    """100 people, two of them again in a later batch (of 40)."""
    rows = _people(100)
    rows[10] = ["Dana", "Fox", "https://www.linkedin.com/in/dana", "dana@fox.io", "Fox Labs",
                "Engineer", "01 Mar 2022"]
    rows.append(["Dana", "Fox", "", "dana@fox.io", "Fox Labs", "Director", "01 Mar 2022"])
    rows.append(["Ann", "Old", "", "ann@x.org", "Acme", "CEO", "01 Mar 2022"])
    return rows


def test_a_dry_run_of_a_stream_says_what_the_import_does_and_keeps_nothing(
        db_path: Path, tmp_path: Path) -> None:
    ann = create_contact({"first_name": "Ann", "last_name": "Old", "emails": ["ann@x.org"],
                          "title": "Intern"})
    before = _tables()
    path = linkedin_file(tmp_path / "Connections.csv", _two_batch_rows())
    stream = importing.open_file(path, batch_size=40, stream_bytes=1)
    assert stream.fraction_read is not None  # read in batches
    dry = importing.dry_run_stream(stream, path, batch=importing.batch_options("fair"))
    assert _tables() == before  # nothing written, no import on record
    assert importing.list_imports() == []
    if isinstance(db_path, Path):  # a file: no backup either (a server keeps its own)
        assert list_backups() == []
    assert get_contact(ann.id).title == "Intern"
    # Dana's two rows (in two batches) are one new person; Ann's row updates her.
    assert dry.counts["new"] + dry.counts["review"] == 100
    assert dry.counts["updated"] == 1
    assert {i.incoming.name for i in dry.preview.items if i.action == "update"} == {
        "Dana Fox", "Ann Old"}
    assert dry.ties.made == 101
    real = _import(path, batch=importing.batch_options("fair"))
    assert real.counts == dry.counts and real.ties.made == dry.ties.made
    assert count_contacts() == 101
