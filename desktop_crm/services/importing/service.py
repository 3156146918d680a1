"""The use cases: read a file, preview its import, import it.

``read_file`` turns the parser's refusals into a :class:`ImportFileProblem`
(a ServiceError naming the file and the reason) and a mistyped ``--map``
into a ValidationError naming the column. ``import_parsed`` plans again
inside the write transaction, so what is written matches the database at
that moment even if it changed since the preview.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...io.formats import FORMATS
from ...io.parse import FIELDS, STREAM_BYTES, Stream, parse_file, stream_file
from ...io.records import ContactRecord, ImportFileError, ParseResult, RowProblem
from ...store import bulk as store_bulk
from ...store.database import db
from ...store.import_queries import reading, scratch_on_disk, set_batch_summary
from ..database.backups import before
from ..database.opening import release_thread_connection  # noqa: F401 - importing's API
from ..errors import ServiceError, ValidationError
from ..validation import clean_text, validate_tier
from .apply import Progress, write_plan
from .dry import DryWriter, count_ties
from .plan import BatchOptions, Plan, PlanItem, finish_near_duplicates, plan_import
from .preview import ACTION_COUNT, COUNT_KEYS, ImportPreview
from .snapshot import Snapshot
from .ties import TieChoice, TieResult, count_new_ties, mark_label_tags, record_import_ties

FORMAT_CHOICES = ("auto", *FORMATS)
# A big file read as a stream is imported this many records at a time.
BATCH_SIZE = 50_000


class ImportFileProblem(ServiceError):
    """A file refused as a whole (empty, binary, unreadable); nothing was written."""


@dataclass
class ImportResult:
    batch_id: int
    preview: ImportPreview
    ties: TieResult = field(default_factory=TieResult)
    tie_choice: TieChoice = field(default_factory=TieChoice)

    @property
    def counts(self) -> dict[str, int]:
        return self.preview.counts

    def to_dict(self) -> dict[str, Any]:
        return {"batch": self.batch_id, **self.preview.to_dict(),
                **ties_dict(self.tie_choice, self.ties.made, self.ties.of_id, self.ties.of_created)}


def ties_dict(choice: TieChoice, made: int, of_id: int | None = None, created: bool = False) -> dict[str, Any]:
    """The ties part of an import's JSON: ``ties`` (how many were, or would be, made) and whose."""
    out: dict[str, Any] = {"ties": made, "tie_mode": choice.mode}
    if choice.mode == "of":
        out["ties_of"] = {"name": choice.of_name, "id": of_id, "created": created}
    return out


def would_make_ties(preview: ImportPreview, choice: TieChoice | None = None) -> int:
    """How many ties importing this preview would record (a dry run writes none)."""
    return count_new_ties(preview.plan, choice or TieChoice())


def read_file(path: str | os.PathLike[str], fmt: str = "auto",
              mapping: Mapping[str, str] | None = None,
              encoding: str | None = None,
              progress: Progress | None = None) -> ParseResult:
    """Parse ``path``; every refusal names the file and what is wrong.
    ``progress("reading", done, total)`` follows it."""
    path = _existing(path, fmt)
    with _file_problems(path), _gc_paused():
        parsed = parse_file(path, fmt, dict(mapping) if mapping else None, encoding,
                            _reading(progress))
    if not parsed.records and not parsed.problems:
        raise _no_rows(path, parsed)
    return parsed


def _existing(path: str | os.PathLike[str], fmt: str) -> Path:
    if fmt not in FORMAT_CHOICES:
        raise ValidationError("format", f"'{fmt}' is not one of: {', '.join(FORMAT_CHOICES)}")
    if not Path(path).exists():
        raise ImportFileProblem(f"{path}: no such file")
    return Path(path)


def _reading(progress: Progress | None) -> Callable[[int, int], None] | None:
    return (lambda done, total: progress("reading", done, total)) if progress else None


@contextmanager
def _file_problems(path: Path) -> Iterator[None]:
    """The parser's refusals as a message naming the file; a mistyped ``--map`` as one
    naming the column."""
    try:
        yield
    except ImportFileError as exc:
        raise ImportFileProblem(f"{path}: {exc.reason}; nothing was imported") from None
    except ValueError as exc:
        raise ValidationError("--map", str(exc)) from None


def _no_rows(path: Path, parsed: ParseResult) -> ImportFileProblem:
    return ImportFileProblem(
        f"{path}: the file has a header ({', '.join(parsed.header[:5])}) but no rows; "
        "nothing was imported")


def parse_mapping(items: list[str] | None) -> dict[str, str]:
    """``["Firma=organization", ...]`` -> ``{"Firma": "organization"}``, checked."""
    mapping: dict[str, str] = {}
    for item in items or ():
        column, sep, field_name = item.rpartition("=")
        if not sep or not column.strip() or not field_name.strip():
            raise ValidationError("--map", f"'{item}' should look like COLUMN=FIELD")
        if field_name.strip() not in FIELDS:
            raise ValidationError(
                "--map", f"'{field_name.strip()}' in '{item}' is not a field; fields are: "
                f"{', '.join(FIELDS)}")
        mapping[column.strip()] = field_name.strip()
    return mapping


def _warnings(parsed: ParseResult, found: list[tuple[int, str, str]]) -> list[RowProblem]:
    return [*parsed.warnings, *(RowProblem(row, col, reason) for row, col, reason in found)]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while an import builds its objects, and keep them out
    of its later scans.

    Planning makes ~10 objects per row and no cycles: repeated full collections over
    100,000 live records would double the time. Afterwards the objects are frozen
    (``gc.freeze``): scanning a million of them when the collector wakes up holds the
    GIL for half a second at a time, and the window stalls. They are freed as usual
    when nothing uses them; the next import unfreezes whatever is left first.
    """
    enabled = gc.isenabled()
    gc.disable()
    if enabled:
        gc.unfreeze()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def batch_options(tag: str = "", tier: str = "") -> BatchOptions:
    """A tag for everyone in the file and a tier for the new people, checked."""
    tag = clean_text(tag)
    if len(tag) > 100:
        raise ValidationError("tag", "is longer than 100 characters")
    return BatchOptions(tag, validate_tier(tier) if clean_text(tier) else "")


def preview_parsed(parsed: ParseResult, path: str | os.PathLike[str],
                   decisions: Mapping[int, str] | None = None,
                   batch: BatchOptions | None = None,
                   progress: Progress | None = None,
                   check_cancel: Callable[[], None] | None = None) -> ImportPreview:
    """What importing ``parsed`` would do now; reads the database, writes nothing."""
    found: list[tuple[int, str, str]] = []
    with _gc_paused():
        plan = plan_import(parsed.records, decisions, warnings=found, batch=batch,
                           progress=progress, check_cancel=check_cancel)
    return ImportPreview(Path(path), parsed, plan, _warnings(parsed, found))


def preview_import(path: str | os.PathLike[str], fmt: str = "auto",
                   mapping: Mapping[str, str] | None = None,
                   decisions: Mapping[int, str] | None = None,
                   encoding: str | None = None,
                   batch: BatchOptions | None = None,
                   progress: Progress | None = None,
                   check_cancel: Callable[[], None] | None = None) -> ImportPreview:
    """Read ``path`` and preview its import; ``progress`` follows ``reading``, then
    ``matching`` and ``near-duplicates``."""
    parsed = read_file(path, fmt, mapping, encoding, progress)
    if check_cancel:
        check_cancel()
    return preview_parsed(parsed, path, decisions, batch, progress, check_cancel)


def import_parsed(parsed: ParseResult, path: str | os.PathLike[str],
                  decisions: Mapping[int, str] | None = None,
                  progress: Progress | None = None,
                  check_cancel: Callable[[], None] | None = None,
                  release_records: bool = False,
                  batch: BatchOptions | None = None,
                  ties: TieChoice | None = None) -> ImportResult:
    """Plan and write in one transaction; a cancel or an error leaves nothing written.

    ``release_records=True`` lets the import use up ``parsed.records`` (left
    empty afterwards; counts, problems and warnings stay): for a caller that
    parsed the file only to import it, it keeps a big import's memory down.
    ``ties`` says whose contacts the file holds (default: yours, a tie from you
    to each person; see :mod:`.ties`).
    """
    records = parsed.records
    if release_records:
        parsed.records = []
    return _import(parsed, iter([records]), path, decisions, progress, check_cancel,
                   release_records, batch, ties)


def open_file(path: str | os.PathLike[str], fmt: str = "auto",
              mapping: Mapping[str, str] | None = None,
              encoding: str | None = None,
              progress: Progress | None = None,
              batch_size: int | None = None, stream_bytes: int | None = None) -> Stream:
    """:func:`read_file` for an import without a preview: a big UTF-8 CSV file
    (``stream_bytes`` or more) is read in batches of ``batch_size`` records as the
    import goes (:func:`import_stream`), so memory stays the same whatever its length;
    any other file is read whole, as one batch. The defaults are :data:`BATCH_SIZE`
    and the parser's ``STREAM_BYTES``, read at each call."""
    path = _existing(path, fmt)
    batch_size = batch_size or BATCH_SIZE
    stream_bytes = stream_bytes or STREAM_BYTES
    with _file_problems(path), _gc_paused():
        stream = stream_file(path, fmt, dict(mapping) if mapping else None, encoding,
                             _reading(progress), batch_size, stream_bytes)
    if stream.empty and not stream.result.problems:
        raise _no_rows(path, stream.result)
    return stream


def import_stream(stream: Stream, path: str | os.PathLike[str],
                  progress: Progress | None = None,
                  check_cancel: Callable[[], None] | None = None,
                  batch: BatchOptions | None = None,
                  ties: TieChoice | None = None) -> ImportResult:
    """Import a file opened by :func:`open_file`, batch by batch, in one transaction.

    A file in several batches is one import (one undo). Each batch is matched with
    the contacts there before and with those the earlier batches made (same email,
    LinkedIn URL or name and organization); near-duplicates are looked for within
    the batch and among the contacts there before. The preview kept in the result
    lists the people updated and to review; its counts are of everyone.
    """
    if stream.fraction_read is None:  # read whole: one batch, no scratch tables
        return _import(stream.result, stream.batches, path, None, progress, check_cancel,
                       True, batch, ties)
    with scratch_on_disk():
        return _import(stream.result, stream.batches, path, None, progress, check_cancel,
                       True, batch, ties, stream.fraction_read)


def streams(path: str | os.PathLike[str], encoding: str | None = None) -> bool:
    """Whether :func:`open_file` may read ``path`` as a stream: big enough (``STREAM_BYTES``,
    read at each call) and no encoding forced. Only a plain UTF-8 CSV file is then really
    streamed (``Stream.fraction_read`` says so); any other is read whole."""
    if encoding is not None:
        return False
    try:
        return Path(path).stat().st_size >= STREAM_BYTES
    except OSError:
        return False


Counted = Callable[[dict[str, int]], None]


def dry_run_stream(stream: Stream, path: str | os.PathLike[str],
                   progress: Progress | None = None,
                   check_cancel: Callable[[], None] | None = None,
                   batch: BatchOptions | None = None,
                   ties: TieChoice | None = None,
                   counted: Counted | None = None) -> ImportResult:
    """What :func:`import_stream` would do, with nothing written: each batch is planned
    as the import plans it, and what it would write is kept in the import's scratch
    tables instead (see :mod:`.dry`), in a read transaction. It never takes the
    database's write lock: another window or the command line may write meanwhile.

    A big file is never whole in memory, and its later batches are matched with the
    people the earlier ones would make exactly as the import would. The result's
    ``batch_id`` names nothing (0); its ``ties.made`` is how many ties the import would
    record. ``counted(counts)`` is given the counts so far after each batch (a window
    fills them in as it reads on).
    """
    with reading():
        return _write_import(stream.result, stream.batches, path, None, progress,
                             check_cancel, True, batch, ties, stream.fraction_read,
                             counted, dry=True)


def _write_import(parsed: ParseResult, batches: Iterator[list[ContactRecord]],
                  path: str | os.PathLike[str], decisions: Mapping[int, str] | None,
                  progress: Progress | None, check_cancel: Callable[[], None] | None,
                  consume: bool, batch: BatchOptions | None, ties: TieChoice | None,
                  fraction_read: Callable[[], float] | None = None,
                  counted: Counted | None = None, dry: bool = False) -> ImportResult:
    """Plan and write each batch in one transaction (``dry``: write nothing, see
    :func:`dry_run_stream`)."""
    choice = ties or TieChoice()
    found: list[tuple[int, str, str]] = []
    if progress:
        progress("matching", 0, 0)
    with _gc_paused(), db.atomic(), _closing(Snapshot(dry)) as snapshot:
        parts = _Parts()
        snapshot.in_batches = fraction_read is not None
        writer = DryWriter() if dry else None

        def write(plan: Plan, batch_id: int | None) -> int:
            pending = plan.pending
            if writer is not None:
                writer.write(plan)
                return 0
            # The near-duplicate search runs beside the index building (see plan.py).
            return write_plan(plan, str(path), parsed.format, None, progress, check_cancel,
                              meanwhile=pending.start if pending else None, batch_id=batch_id)

        def tie(plan: Plan, batch_id: int) -> TieResult:
            if dry:
                return count_ties(plan, choice, snapshot, first=not parts.count)
            return record_import_ties(batch_id, plan, choice, parsed.format)

        def plan_part(records: list[ContactRecord]) -> Plan:
            return plan_import(records, decisions, snapshot, found, check_cancel, consume,
                               batch, later=True, progress=progress)

        plan = plan_part(next(batches, []))
        created = sum(1 for item in plan.items if item.contact_id is None)
        if fraction_read is not None:  # a file read in parts: guess how many it will make
            created = int(created / max(fraction_read(), 1e-6))
        batch_id: int | None = None
        with _paused(created, dry):
            while True:
                batch_id = write(plan, batch_id)
                if counted is not None:  # this part's counts before the next is read
                    finish_near_duplicates(plan)
                    counted(parts.so_far(plan, len(parsed.problems)))
                records = next(batches, None)
                if records is None:
                    break
                # A big file's next part: this one is finished, and remembered.
                finish_near_duplicates(plan)
                parts.add(plan, tie(plan, batch_id))
                snapshot.remember(plan.items, plan.entries)
                plan = plan_part(records)
                del records
        finish_near_duplicates(plan)
        plan.entries = []  # no batch after this one to find its people
        if parts.count:
            parts.add(plan, None)
            preview = ImportPreview(Path(path), parsed, Plan(parts.kept, snapshot),
                                    _warnings(parsed, found), tally=parts.tally)
        else:
            preview = ImportPreview(Path(path), parsed, plan, _warnings(parsed, found))
        if counted is not None:
            counted(preview.counts)
        summary = {"counts": preview.counts, "rows": parsed.total_rows,
                   "encoding": parsed.encoding}
        if progress:
            progress("ties", 0, 0)
        made = parts.made(tie(plan, batch_id))
        if not dry:
            mark_label_tags(batch_id, parsed.format)
            set_batch_summary(batch_id, summary | {"ties": choice.to_dict() | made.to_dict()})
    if not dry:  # committed: a server plans the next queries with the new rows counted
        counts = preview.counts
        store_bulk.refresh_statistics(counts["new"] + counts["review"] + counts["updated"])
    return ImportResult(batch_id, preview, made, choice)


@contextmanager
def _paused(created: int, dry: bool) -> Iterator[None]:
    """The contact table's indexes and insert triggers paused for a big load (not for a
    dry run, which writes nothing)."""
    if dry:
        yield
        return
    with store_bulk.indexes_paused("contact", created), \
            store_bulk.insert_triggers_paused(created):
        yield


@contextmanager
def _closing(snapshot: Snapshot) -> Iterator[Snapshot]:
    """``snapshot`` closed when the import ends (its scratch tables dropped); on an error
    the transaction's rollback drops them anyway, and the error is what is raised."""
    try:
        yield snapshot
    except BaseException:
        with suppress(Exception):
            snapshot.close()
        raise
    snapshot.close()


# An automatic backup first, whichever way the file came in.
_import = before("import")(_write_import)


class _Parts:
    """What the earlier parts of a big file did: counts, the people worth listing, ties."""

    def __init__(self) -> None:
        self.count = 0
        self.tally = dict.fromkeys(COUNT_KEYS, 0)
        self.kept: list[PlanItem] = []
        self.ties = TieResult()

    def add(self, plan: Plan, made: TieResult | None) -> None:
        self.count += 1
        for item in self._counted(plan):
            self.tally[ACTION_COUNT[item.action]] += 1
        self.kept += [item for item in plan.items if item.action in ("update", "review")]
        if made is not None:
            self.made(made)

    def so_far(self, plan: Plan, not_importable: int) -> dict[str, int]:
        """The counts of the earlier parts and of ``plan`` (not added yet)."""
        counts = dict(self.tally)
        for item in self._counted(plan):
            counts[ACTION_COUNT[item.action]] += 1
        counts["not_importable"] = not_importable
        return counts

    @staticmethod
    def _counted(plan: Plan) -> list[PlanItem]:
        """``plan``'s items less the rows of people an earlier part already counted (made
        or met): read whole, a person's rows are one person, counted once, so a file
        counts the same however it is read. Call before the part is remembered."""
        met = [item for item in plan.items
               if item.contact_id is not None and item.action in ("update", "unchanged")]
        joined = plan.snapshot.joined([item.contact_id for item in met]) if met else None
        if not joined:
            return plan.items
        again = {id(item) for item, before in zip(met, joined, strict=True) if before}
        return [item for item in plan.items if id(item) not in again]

    def made(self, ties: TieResult) -> TieResult:
        """``ties`` added to the earlier parts' (the friend found or made by the first)."""
        if self.count:
            self.ties.made += ties.made
            self.ties.of_id = self.ties.of_id or ties.of_id
            self.ties.of_created = self.ties.of_created or ties.of_created
            return self.ties
        return ties


def import_file(path: str | os.PathLike[str], fmt: str = "auto",
                mapping: Mapping[str, str] | None = None,
                decisions: Mapping[int, str] | None = None,
                progress: Progress | None = None,
                check_cancel: Callable[[], None] | None = None,
                ties: TieChoice | None = None) -> ImportResult:
    if decisions:
        return import_parsed(read_file(path, fmt, mapping, progress=progress), path,
                             decisions, progress, check_cancel, release_records=True,
                             ties=ties)
    return import_stream(open_file(path, fmt, mapping, progress=progress), path, progress,
                         check_cancel, ties=ties)


