"""Counting a big file before importing it (the window's preview, ``--dry-run``) writes
nothing and never takes the database's write lock: another connection writes at once
while it counts, and the counts are the ones the import then gives."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importing_samples import google_file, linkedin_file

from desktop_crm.services import importing
from desktop_crm.services.contacts import count_contacts, create_contact
from desktop_crm.store.database import db


def _row(first: str, last: str, org: str, email: str = "", title: str = "Engineer",
         url: str = "") -> list[str]:
    return [first, last, url, email, org, title, "01 Mar 2022"]


def _rows() -> list[list[str]]:
    """130 rows in batches of 40: people again in later batches with more to say, one of
    the contacts there before updated twice, organizations spelled two ways, and
    near-duplicates across batches."""
    rows = [[f"Pat{i}", hashlib.md5(str(i).encode()).hexdigest()[:10],
             f"https://www.linkedin.com/in/pat-{i}", f"pat{i}@org{i % 5}.example" if i % 3 == 0
             else "", f"Org {i % 9}" if i % 2 else f"ORG {i % 9}", "Engineer", "01 Mar 2022"]
            for i in range(130)]
    rows[5] = _row("Dana", "Fox", "Fox Labs", "dana@fox.io", url="https://www.linkedin.com/in/dana")
    rows[47] = _row("Dana", "Fox", "Fox Labs", "dana@fox.io", "Director")  # title to history
    rows[90] = _row("Dana", "Fox", "Fox Labs", "dana.fox@fox.io", "Director")  # a new email
    rows[125] = _row("Dana", "Fox", "fox labs", "dana.fox@fox.io", "Director")  # nothing new
    rows[8] = _row("Ann", "Old", "Acme", "ann@x.org", "CTO")  # there before, as Intern
    rows[60] = _row("Ann", "Old", "Globex", "ann@x.org", "CEO")  # a later batch: again
    rows[100] = _row("Ann", "Old", "Globex", "ann@x.org", "CEO")  # nothing new
    rows[12] = _row("Jon", "Smith", "Acme")
    rows[85] = _row("John", "Smith", "ACME Inc.")  # near batch 1's Jon: to review
    rows[20] = _row("Kwame", "Mensah", "")
    rows[70] = _row("Kwame", "Mensah", "Initech")  # the same name, one without organization
    return rows


def _stream(path: Path) -> importing.Stream:
    stream = importing.open_file(path, batch_size=40, stream_bytes=1)
    assert stream.fraction_read is not None  # read in batches
    return stream


class _Writer:
    """Another connection to the same database that writes (and commits) while the count
    runs, without waiting: a held write lock would make it fail at once."""

    def __init__(self, where: str | Path, contact_id: int) -> None:
        self.where, self.contact_id, self.wrote = where, contact_id, 0

    def __call__(self, counts: dict[str, int]) -> None:
        if self.wrote:
            return
        sql = "UPDATE contact SET notes = 'written meanwhile' WHERE id = "
        if isinstance(self.where, Path):
            with closing(sqlite3.connect(self.where, timeout=0)) as other:
                other.execute(sql + "?", (self.contact_id,))
                other.commit()
        else:
            import psycopg

            with psycopg.connect(self.where) as other:
                other.execute("SET lock_timeout = '200ms'")
                other.execute(sql + "%s", (self.contact_id,))
        self.wrote = sum(counts.values())


@pytest.mark.parametrize("ties", [importing.TieChoice(), importing.TieChoice("of", "Robin Friend"),
                                  importing.TieChoice("none")], ids=["mine", "of", "none"])
def test_counting_writes_nothing_lets_others_write_and_gives_the_import_s_counts(
        db_path: Path | str, tmp_path: Path, ties: importing.TieChoice) -> None:
    ann = create_contact({"first_name": "Ann", "last_name": "Old", "emails": ["ann@x.org"],
                          "title": "Intern", "organization": "Acme"})
    create_contact({"first_name": "Jonathan", "last_name": "Smithe", "organization": "Acme"})
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    writer = _Writer(db_path, ann.id)
    dry = importing.dry_run_stream(_stream(path), path, ties=ties, counted=writer)
    assert 0 < writer.wrote < 130  # written while the count was under way
    assert count_contacts() == 2 and importing.list_imports() == []
    real = importing.import_stream(_stream(path), path, ties=ties)
    assert real.counts == dry.counts
    assert real.ties.made == dry.ties.made
    assert _reviews(real) == _reviews(dry)
    assert {i.incoming.name for i in dry.preview.items if i.action == "update"} == {
        "Ann Old", "Dana Fox"}
    assert dry.counts["review"] >= 2


def _reviews(result: importing.ImportResult) -> list[tuple[int, str, str]]:
    return sorted((i.row, i.candidate.name, i.candidate.reason)
                  for i in result.preview.items if i.action == "review" and i.candidate)


def test_counting_again_after_an_import_gives_the_re_import_s_counts(
        db_path: Path | str, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    importing.import_stream(_stream(path), path)
    dry = importing.dry_run_stream(_stream(path), path)
    again = importing.import_stream(_stream(path), path)
    assert dry.counts == again.counts and dry.ties.made == again.ties.made == 0
    assert again.counts["new"] == again.counts["updated"] == 0


_first = st.sampled_from(["Ann", "Anne", "Bob", "Zoë", "Zoe", "Jon", "John", "陈"])
_last = st.sampled_from(["Lee", "Leigh", "Ray", "Smith", "Smyth", ""])
_org = st.sampled_from(["", "Acme", "ACME Inc.", "Globex", "Initech"])
_email = st.sampled_from(["", "a@x.io", "b@acme.com", "c@acme.com", "d@gmail.com"])
_phone = st.sampled_from(["", "+1 418 656 9254", "+44 20 7946 0000"])
_label = st.sampled_from(["", "Friends", "Alumni ::: Friends", "Mentors"])
_person = st.fixed_dictionaries({
    "First Name": _first, "Last Name": _last, "Organization Name": _org,
    "Organization Title": st.sampled_from(["", "CTO", "Engineer"]), "E-mail 1 - Value": _email,
    "Phone 1 - Value": _phone, "Labels": _label, "Notes": st.sampled_from(["", "met at a fair"])})


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_person, min_size=1, max_size=14), size=st.integers(1, 5),
       ties=st.sampled_from([importing.TieChoice(), importing.TieChoice("of", "Robin Friend")]))
def test_the_count_is_the_import_s_whatever_the_file(
        db_path: Path | str, tmp_path: Path, rows: list[dict[str, str]], size: int,
        ties: importing.TieChoice) -> None:
    if not count_contacts():
        create_contact({"first_name": "Ann", "last_name": "Lee", "emails": ["a@x.io"],
                        "organization": "Acme", "title": "Intern"})
        create_contact({"first_name": "Jon", "last_name": "Smyth", "organization": "Globex"})
    path = google_file(tmp_path / "contacts.csv", rows)
    stream = importing.open_file(path, batch_size=size, stream_bytes=1)
    dry = importing.dry_run_stream(stream, path, ties=ties)
    real = importing.import_stream(importing.open_file(path, batch_size=size, stream_bytes=1),
                                   path, ties=ties)
    try:
        assert (dry.counts, dry.ties.made) == (real.counts, real.ties.made)
        assert _reviews(dry) == _reviews(real)
    finally:
        importing.undo_import(real.batch_id)


def _temp_store() -> int:
    return int(db.execute_sql("PRAGMA temp_store").fetchone()[0])


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_big_file_s_scratch_tables_go_to_disk_unless_the_file_is_encrypted(
        db_path: Path | str, tmp_path: Path, encrypted: bool) -> None:
    if not isinstance(db_path, Path):
        pytest.skip("SQLite's temporary storage")
    if encrypted:
        from desktop_crm.services.database import encryption

        encryption.turn_on("correct horse battery staple")
    seen: list[int] = []
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    importing.dry_run_stream(_stream(path), path, check_cancel=lambda: seen.append(_temp_store()))
    importing.import_stream(_stream(path), path, check_cancel=lambda: seen.append(_temp_store()))
    # In memory (2) when encrypted: a temporary file would hold the people unencrypted.
    assert set(seen) == ({2} if encrypted else {1})
    assert _temp_store() == 2  # as the store opens it, afterwards
