"""The preview of a big file: shown from its first batch, counted as a worker reads on.

A file the importing service streams (:func:`importing.streams`) is never read
whole: :func:`importing.open_file` reads its start (format, encoding, mapping,
the first batch of records), which the dialog shows at once as the *head*;
then the worker runs the import as a dry run (:func:`importing.dry_run_stream`:
planned as the import plans, nothing written, no write lock held, so the command
line or another window may write meanwhile), so the counts are the import's own,
filled in batch by batch. The job's state lives in plain attributes the dialog polls
(see :mod:`.worker`): nothing crosses threads but Qt's ``finished``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...io.records import ContactRecord, ParseResult
from ...services import importing

FIRST_ROWS = 50  # rows of the first batch shown while the rest is counted


@dataclass(frozen=True)
class Head:
    """What the start of a big file says: its format, encoding, mapping and first rows."""

    path: Path
    parsed: ParseResult  # format, encoding, header, mapping, samples (records empty)
    rows: list[tuple[int, str, str, str]]  # (row, name, organization, email)


def _row(record: ContactRecord) -> tuple[int, str, str, str]:
    name = " ".join(p for p in (record.first_name, record.last_name) if p)
    email = record.emails[0][1] if record.emails else ""
    return record.row, name, record.organization, email


class Counting:
    """One big file's preview job: ``head`` once the first batch is read, ``counts`` as
    each batch is matched, ``fraction()`` of the file read; the job returns the dry
    run's :class:`~importing.ImportPreview` (or the usual preview when the file turned
    out to be read whole)."""

    def __init__(self, path: Path, fmt: str, mapping: dict[str, str],
                 encoding: str | None, batch: importing.BatchOptions,
                 ties: importing.TieChoice) -> None:
        self.path, self.fmt, self.mapping, self.encoding = path, fmt, mapping, encoding
        self.batch, self.ties = batch, ties
        self.head: Head | None = None
        self.counts: dict[str, int] | None = None
        self._read = 0.0

    def fraction(self) -> float:
        """How much of the file has been read (0 before the start, 1 at the end), as the
        reader last said (the window never touches the file the worker reads)."""
        return self._read

    def _progress(self, progress: Callable[[str, int, int], None]) -> Callable[[str, int, int], None]:
        def report(stage: str, done: int, total: int) -> None:
            if stage == "reading" and total > 0:
                self._read = min(1.0, done / total)
            progress(stage, done, total)
        return report

    def _counted(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)

    def job(self, progress: Callable[[str, int, int], None],
            check_cancel: Callable[[], None]) -> importing.ImportPreview:
        progress = self._progress(progress)
        stream = importing.open_file(self.path, self.fmt, self.mapping or None,
                                     encoding=self.encoding, progress=progress)
        check_cancel()
        if stream.fraction_read is None or stream.empty:
            # Read whole after all (a vCard, another encoding): today's preview.
            parsed = stream.result
            parsed.records = next(stream.batches, [])
            preview = importing.preview_parsed(parsed, self.path, batch=self.batch,
                                               progress=progress, check_cancel=check_cancel)
            preview.entries()
            return preview
        first = next(stream.batches)
        self.head = Head(self.path, stream.result, [_row(r) for r in first[:FIRST_ROWS]])
        stream.batches = _again(first, stream.batches)
        del first
        result = importing.dry_run_stream(stream, self.path, progress, check_cancel,
                                          batch=self.batch, ties=self.ties,
                                          counted=self._counted)
        self.counts, self._read = result.preview.counts, 1.0
        result.preview.entries()  # built here, not in the window's thread
        return result.preview


def _again(first: list[Any], rest: Any) -> Any:
    """``first`` then ``rest``, letting go of ``first`` once it is taken."""
    batch: list[Any] | None = first
    del first
    yield batch
    batch = None
    yield from rest
