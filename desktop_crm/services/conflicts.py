"""Edits from several copies at once: a save made from an old version never overwrites.

Every row a form edits carries a ``version`` that the store bumps on each
write (``store.models.VersionedModel``). An editor remembers the version it
loaded and passes it back with its changes. When the row has moved on since,
:func:`merge_edit` compares three values per field: what the editor loaded
(the *base*), what the user typed (*mine*) and what the row holds now
(*theirs*):

* mine equals theirs: nothing to decide;
* only one side changed the field since the base: that side wins (the other
  copy's change to a field the user left alone is kept, and the user's change
  to a field nobody else touched is saved);
* both changed it to different values: a conflict. Nothing is written and
  :class:`EditConflict` lists every such field with both values, so the
  window can show them side by side and the CLI can say what changed.

Without a base (the CLI knows only the version) every field the user gives
that differs from the row is a conflict. The write itself is a compare-and-set
on the version (:func:`save_if_version`), so two copies that read the same
version cannot both win, on SQLite or on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..store.models import VersionedModel
from .errors import ServiceError

ATTEMPTS = 5


@dataclass(frozen=True)
class FieldConflict:
    """One field both copies changed: ``mine`` (what the user typed) and ``theirs`` (saved)."""

    field: str
    mine: Any
    theirs: Any


class EditConflict(ServiceError):
    """A save from ``your_version`` over a row another copy moved to ``their_version``."""

    def __init__(self, what: str, row_id: int, your_version: int, their_version: int,
                 fields: list[FieldConflict]) -> None:
        self.what = what
        self.row_id = row_id
        self.your_version = your_version
        self.their_version = their_version
        self.fields = fields
        listed = "; ".join(
            f"{f.field}: yours {shown(f.mine)!r}, saved {shown(f.theirs)!r}" for f in fields
        )
        super().__init__(
            f"{what} was changed on another machine (you edited version {your_version}, it is "
            f"now version {their_version}); nothing was saved. Fields changed on both sides: "
            f"{listed}."
        )


class StaleWrite(Exception):
    """The row's version moved between reading it and writing it: read again and retry."""


def shown(value: Any) -> str:
    """A field value as one line of text (lists of emails, phones or tags joined)."""
    if isinstance(value, tuple) and len(value) >= 2 and all(isinstance(v, str) for v in value):
        label, text = value[0], value[1]  # (label, email) or (label, phone as typed, e164)
        return f"{text} ({label})" if label else text
    if isinstance(value, (list, tuple)):
        return ", ".join(shown(v) for v in value if shown(v))
    if isinstance(value, Mapping):
        parts = [str(v) for k, v in value.items() if k != "e164" and v]
        return " ".join(parts)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def merge_edit(
    what: str,
    row_id: int,
    your_version: int | None,
    their_version: int,
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    base: Mapping[str, Any] | None = None,
    same: Callable[[str, Any, Any], bool] | None = None,
) -> dict[str, Any]:
    """The changes to write: ``mine`` as is when the row did not move, else merged.

    ``theirs`` and ``base`` hold the row's values now and as loaded, for the
    keys of ``mine``; ``same(key, a, b)`` compares two values of one field
    (default ``==``). Raises :class:`EditConflict` naming every field both sides
    changed; nothing is written then.
    """
    if your_version is None or your_version == their_version:
        return dict(mine)
    equal = same or (lambda _key, a, b: a == b)
    merged: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for key, value in mine.items():
        current = theirs.get(key)
        if equal(key, value, current):
            continue
        if base is not None and key in base:
            if equal(key, base[key], current):
                merged[key] = value  # only I changed it
                continue
            if equal(key, base[key], value):
                continue  # only they changed it: keep theirs
        conflicts.append(FieldConflict(key, value, current))
    if conflicts:
        raise EditConflict(what, row_id, your_version, their_version, conflicts)
    return merged


def save_if_version(row: VersionedModel, seen: int) -> None:
    """Write ``row``'s changed fields only if its version is still ``seen`` (compare-and-set).

    Raises :class:`StaleWrite` when another copy wrote the row in between; the
    caller reads again and merges. The store bumps the version in the same
    statement.
    """
    model = type(row)
    row.prepare_write()
    data = {f: row.__data__.get(f.name) for f in row.dirty_fields if f.name not in ("id", "version")}
    rows = model.update(data).where(model._meta.primary_key == row._pk, model.version == seen).execute()
    if rows != 1:
        raise StaleWrite(f"{model.__name__} {row._pk} moved past version {seen}")
    row.__data__["version"] = seen + 1
    row._dirty.clear()
