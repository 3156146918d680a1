"""A big file's import remembers what its earlier batches made in temporary tables of
its connection: they are there while it runs and gone when it ends, however it ends
(imported, dry run rolled back, cancelled), and the next import starts clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from importing_samples import linkedin_file

from desktop_crm.services import importing
from desktop_crm.services.contacts import count_contacts
from desktop_crm.store import import_queries as q


def _rows(count: int = 130) -> list[list[str]]:
    rows = [[f"Pat{i}", f"Lee{i}", f"https://www.linkedin.com/in/pat-{i}", "", f"Org {i % 7}",
             "Engineer", "01 Mar 2022"] for i in range(count)]
    rows.append(["Pat3", "Lee3", "https://www.linkedin.com/in/pat-3", "", "Org 3",
                 "Director", "01 Mar 2022"])  # the same person again, in a later batch
    # (found there, and counted once: 130 people, as when the file is read whole)
    return rows


class _Watch:
    """A ``check_cancel`` that notes the scratch tables seen, and cancels when told to."""

    def __init__(self, cancel_when_seen: bool = False) -> None:
        self.seen: set[str] = set()
        self.cancel_when_seen = cancel_when_seen

    def __call__(self) -> None:
        self.seen.update(q.import_scratch_tables())
        if self.cancel_when_seen and self.seen:
            raise importing.ImportCancelled()


def _people(counts: dict[str, int]) -> int:
    """How many people the counts name (each once, whatever their rows did)."""
    assert counts["updated"] == 0  # the later row changed a person this import made
    return counts["new"] + counts["review"]


def _stream(path: Path) -> importing.Stream:
    stream = importing.open_file(path, batch_size=40, stream_bytes=1)
    assert stream.fraction_read is not None  # read in batches
    return stream


def test_an_import_drops_its_tables_at_the_end(db_path: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    watch = _Watch()
    result = importing.import_stream(_stream(path), path, check_cancel=watch)
    assert watch.seen == set(q._SCRATCH)  # there while it ran
    assert q.import_scratch_tables() == []
    assert count_contacts() == 130 and _people(result.counts) == 130
    again = importing.import_stream(_stream(path), path)  # starts clean, all unchanged
    assert again.counts["unchanged"] == 130 and q.import_scratch_tables() == []


def test_a_dry_run_leaves_no_tables(db_path: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    watch = _Watch()
    dry = importing.dry_run_stream(_stream(path), path, check_cancel=watch)
    assert "import_made" in watch.seen and q.import_scratch_tables() == []
    assert count_contacts() == 0 and _people(dry.counts) == 130


def test_a_cancelled_import_leaves_no_tables_and_the_next_one_works(
        db_path: Path, tmp_path: Path) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", _rows())
    with pytest.raises(importing.ImportCancelled):
        importing.import_stream(_stream(path), path, check_cancel=_Watch(cancel_when_seen=True))
    assert q.import_scratch_tables() == [] and count_contacts() == 0
    result = importing.import_stream(_stream(path), path)
    assert count_contacts() == 130 and _people(result.counts) == 130
