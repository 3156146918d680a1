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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...io.formats import FORMATS
from ...io.parse import FIELDS, parse_file
from ...io.records import ImportFileError, ParseResult, RowProblem
from ...store import bulk as store_bulk
from ...store.database import db
from ..errors import ServiceError, ValidationError
from ..validation import clean_text, validate_tier
from .apply import Progress, write_plan
from .plan import BatchOptions, plan_import
from .preview import ImportPreview

FORMAT_CHOICES = ("auto", *FORMATS)


class ImportFileProblem(ServiceError):
    """A file refused as a whole (empty, binary, unreadable); nothing was written."""


@dataclass
class ImportResult:
    batch_id: int
    preview: ImportPreview

    @property
    def counts(self) -> dict[str, int]:
        return self.preview.counts

    def to_dict(self) -> dict[str, Any]:
        return {"batch": self.batch_id, **self.preview.to_dict()}


def read_file(path: str | os.PathLike[str], fmt: str = "auto",
              mapping: Mapping[str, str] | None = None,
              encoding: str | None = None) -> ParseResult:
    """Parse ``path``; every refusal names the file and what is wrong."""
    path = Path(path)
    if fmt not in FORMAT_CHOICES:
        raise ValidationError("format", f"'{fmt}' is not one of: {', '.join(FORMAT_CHOICES)}")
    if not path.exists():
        raise ImportFileProblem(f"{path}: no such file")
    try:
        parsed = parse_file(path, fmt, dict(mapping) if mapping else None, encoding)
    except ImportFileError as exc:
        raise ImportFileProblem(f"{path}: {exc.reason}; nothing was imported") from None
    except ValueError as exc:
        raise ValidationError("--map", str(exc)) from None
    if not parsed.records and not parsed.problems:
        raise ImportFileProblem(
            f"{path}: the file has a header ({', '.join(parsed.header[:5])}) but no rows; "
            "nothing was imported")
    return parsed


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
    """Pause the cyclic collector: planning makes ~10 objects per row and no cycles, and
    repeated full collections over 100,000 live records would double the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def batch_options(tag: str = "", tier: str = "") -> BatchOptions:
    """A tag for everyone in the file and a tier for the new people, checked."""
    tag = clean_text(tag)
    if len(tag) > 100:
        raise ValidationError("tag", "is longer than 100 characters")
    return BatchOptions(tag, validate_tier(tier) if clean_text(tier) else "")


def preview_parsed(parsed: ParseResult, path: str | os.PathLike[str],
                   decisions: Mapping[int, str] | None = None,
                   batch: BatchOptions | None = None) -> ImportPreview:
    """What importing ``parsed`` would do now; reads the database, writes nothing."""
    found: list[tuple[int, str, str]] = []
    with _gc_paused():
        plan = plan_import(parsed.records, decisions, warnings=found, batch=batch)
    return ImportPreview(Path(path), parsed, plan, _warnings(parsed, found))


def preview_import(path: str | os.PathLike[str], fmt: str = "auto",
                   mapping: Mapping[str, str] | None = None,
                   decisions: Mapping[int, str] | None = None,
                   encoding: str | None = None,
                   batch: BatchOptions | None = None) -> ImportPreview:
    return preview_parsed(read_file(path, fmt, mapping, encoding), path, decisions, batch)


def import_parsed(parsed: ParseResult, path: str | os.PathLike[str],
                  decisions: Mapping[int, str] | None = None,
                  progress: Progress | None = None,
                  check_cancel: Callable[[], None] | None = None,
                  release_records: bool = False,
                  batch: BatchOptions | None = None) -> ImportResult:
    """Plan and write in one transaction; a cancel or an error leaves nothing written.

    ``release_records=True`` lets the import use up ``parsed.records`` (left
    empty afterwards; counts, problems and warnings stay): for a caller that
    parsed the file only to import it, it keeps a big import's memory down.
    """
    with _gc_paused(), db.atomic():
        found: list[tuple[int, str, str]] = []
        if progress:
            progress("matching", 0, 1)
        records = parsed.records
        if release_records:
            parsed.records = []
        plan = plan_import(records, decisions, warnings=found, check_cancel=check_cancel,
                           consume=release_records, batch=batch)
        del records
        preview = ImportPreview(Path(path), parsed, plan, _warnings(parsed, found))
        summary = {"counts": preview.counts, "rows": parsed.total_rows,
                   "encoding": parsed.encoding}
        created = preview.counts["new"] + preview.counts["review"]
        with store_bulk.indexes_paused("contact", created):
            batch_id = write_plan(plan, str(path), parsed.format, summary, progress,
                                  check_cancel)
    return ImportResult(batch_id, preview)


def import_file(path: str | os.PathLike[str], fmt: str = "auto",
                mapping: Mapping[str, str] | None = None,
                decisions: Mapping[int, str] | None = None,
                progress: Progress | None = None,
                check_cancel: Callable[[], None] | None = None) -> ImportResult:
    return import_parsed(read_file(path, fmt, mapping), path, decisions, progress, check_cancel,
                         release_records=True)


def release_thread_connection() -> None:
    """Close the calling thread's database connection (a worker thread's, when its job ends).

    The store keeps one connection per thread; a worker that imported must not
    leave its own open behind.
    """
    if not db.is_closed():
        db.close()
