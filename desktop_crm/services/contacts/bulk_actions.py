"""What the user does to contacts from the table and the editor, each one undoable.

Bulk actions take a selection of ids (possibly a million, from "select
all") and write set-wise in chunks inside one recorded undo step; adding and
editing one contact go through :mod:`contacts` inside a step too, so Ctrl+Z
undoes any of them the same way.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...atomic import atomic_path
from ...store.contact_table import chunked
from ...store.models import Contact, ContactTag, Tag, utcnow
from ..database.backups import make_auto_backup
from ..errors import ValidationError
from ..exporting.files import check_target
from ..undo import recording
from ..validation import clean_text, validate_status, validate_tier
from ..views import ContactView
from . import tags as tag_service
from .people import create_contact, update_contact
from .people import get_contacts as _get_contacts

_EDITABLE = (
    "first_name", "last_name", "sort_name", "organization_id", "title", "industry", "location",
    "linkedin_url", "how_met", "notes", "interests", "tier", "is_gatekeeper", "status",
    "sources", "updated_at",
)
_CHILDREN = ("contact_email", "contact_phone", "contact_tag")


@dataclass(frozen=True)
class BulkResult:
    count: int
    message: str  # for the status bar: what happened, and that Ctrl+Z undoes it


def _people(n: int) -> str:
    return f"{n:,} contact{'s' if n != 1 else ''}"


def _selection(ids: Iterable[int]) -> list[int]:
    unique = list(dict.fromkeys(int(i) for i in ids))
    if not unique:
        raise ValidationError("selection", "no contacts are selected; select one or more rows first")
    return unique


def _set_column(ids: Sequence[int], column: str, value: Any, label: str) -> BulkResult:
    now = utcnow()
    changed = 0
    with recording(label) as rec:
        rec.before_update("contact", ids, (column, "updated_at"))
        for chunk in chunked(ids):
            changed += (
                Contact.update({getattr(Contact, column): value, Contact.updated_at: now})
                .where(Contact.id.in_(chunk), Contact.deleted_at.is_null())
                .execute()
            )
    return BulkResult(changed, f"{label}. Ctrl+Z undoes it.")


def set_tier(ids: Iterable[int], tier: str) -> BulkResult:
    ids, tier = _selection(ids), validate_tier(tier)
    return _set_column(ids, "tier", tier, f"Set tier to {tier.title()} for {_people(len(ids))}")


def set_status(ids: Iterable[int], status: str) -> BulkResult:
    ids, status = _selection(ids), validate_status(status)
    label = f"Set status to “{status.replace('_', ' ')}” for {_people(len(ids))}"
    return _set_column(ids, "status", status, label)


def tag_contacts(ids: Iterable[int], name: str) -> BulkResult:
    ids, name = _selection(ids), clean_text(name)
    if not name:
        raise ValidationError("tag", "type a tag name (for example: climate)")
    label = f"Tagged {_people(len(ids))} “{name}”"
    with recording(label) as rec:
        rec.track_inserts("tag", "contact_tag")
        added = tag_service.add_tag(ids, name)
    return BulkResult(added, f"{label} ({added:,} new). Ctrl+Z undoes it.")


def untag_contacts(ids: Iterable[int], name: str) -> BulkResult:
    ids, name = _selection(ids), clean_text(name)
    tag = Tag.get_or_none(Tag.name == name)
    if tag is None:
        raise ValidationError("tag", f"no tag called '{name}'")
    label = f"Removed tag “{name}” from {_people(len(ids))}"
    with recording(label) as rec:
        links = [
            row.id
            for chunk in chunked(ids)
            for row in ContactTag.select(ContactTag.id).where(ContactTag.tag == tag.id, ContactTag.contact.in_(chunk))
        ]
        rec.before_delete("contact_tag", "id", links)
        removed = tag_service.remove_tag(ids, name)
    return BulkResult(removed, f"{label}. Ctrl+Z undoes it.")


def trash_contacts(ids: Iterable[int]) -> BulkResult:
    ids = _selection(ids)
    if len(ids) > 1:
        make_auto_backup("bulk-delete")
    label = f"Moved {_people(len(ids))} to the trash"
    moved = _set_deleted_at(ids, utcnow(), label)
    return BulkResult(moved, f"{label}. Ctrl+Z undoes it; the Trash view restores them later.")


def restore_contacts(ids: Iterable[int]) -> BulkResult:
    ids = _selection(ids)
    label = f"Restored {_people(len(ids))} from the trash"
    restored = _set_deleted_at(ids, None, label)
    return BulkResult(restored, f"{label}. Ctrl+Z puts them back in the trash.")


def _set_deleted_at(ids: list[int], value: dt.datetime | None, label: str) -> int:
    """Trash (a time) or restore (None) as one undoable step; only rows that
    change are counted, so trashing twice reports nothing the second time."""
    changing = Contact.deleted_at.is_null() if value is not None else Contact.deleted_at.is_null(False)
    changed = 0
    with recording(label) as rec:
        rec.before_update("contact", ids, ("deleted_at",))
        for chunk in chunked(ids):
            changed += Contact.update(deleted_at=value).where(Contact.id.in_(chunk), changing).execute()
    return changed


def add_contact(data: Mapping[str, Any]) -> ContactView:
    """Create a contact as one undoable step (undo deletes it and what it created)."""
    name = " ".join(clean_text(data.get(k)) for k in ("first_name", "last_name")).strip()
    with recording(f"Added {name or 'a contact'}") as rec:
        rec.track_inserts("organization", "tag", "contact", *_CHILDREN)
        return create_contact(data)


def edit_contact(
    contact_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    base: ContactView | None = None,
) -> ContactView:
    """Save changes to a contact as one undoable step (undo restores every field).

    ``expected_version`` and ``base`` (what the form loaded) make a save over a
    change made elsewhere merge or raise ``EditConflict``; see ``update_contact``.
    """
    row = Contact.get_or_none(Contact.id == contact_id)
    label = f"Edited {row.full_name}" if row is not None else f"Edited contact {contact_id}"
    with recording(label) as rec:
        rec.before_update("contact", [contact_id], _EDITABLE)
        for table in _CHILDREN:
            rec.before_delete(table, "contact_id", [contact_id])
        rec.track_inserts("organization", "tag", "contact_history", *_CHILDREN)
        return update_contact(contact_id, changes, expected_version, base)


EXPORT_COLUMNS = (
    "first_name", "last_name", "organization", "title", "tier", "status", "industry",
    "location", "emails", "phones", "tags", "linkedin_url", "how_met", "interests", "notes",
)


def export_contacts_csv(ids: Iterable[int], path: Path | str) -> BulkResult:
    """Write the selected contacts to a UTF-8 CSV (spreadsheets open it directly)."""
    ids = _selection(ids)
    path = Path(path)
    if path.is_dir():
        raise ValidationError("file", f"{path} is a folder; choose a file name ending in .csv")
    check_target(path, replace=True, option="file")  # the save dialog asked; never the database
    try:  # written whole (desktop_crm.atomic): a spreadsheet never opens half a file
        with atomic_path(path) as tmp, tmp.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(EXPORT_COLUMNS)
            for chunk in chunked(ids, 500):
                for c in _get_contacts(chunk):
                    writer.writerow(_export_row(c))
    except OSError as exc:
        raise ValidationError("file", f"cannot write {path}: {exc.strerror or exc}") from exc
    return BulkResult(len(ids), f"Exported {_people(len(ids))} to {path.name}.")


def _export_row(c: ContactView) -> list[str]:
    values = c.to_dict()
    values["emails"] = "; ".join(e["email"] for e in c.emails)
    values["phones"] = "; ".join(p["e164"] or p["raw"] for p in c.phones)
    values["tags"] = "; ".join(c.tags)
    return [str(values.get(k) or "") for k in EXPORT_COLUMNS]
