"""Exporting contacts as CSV (for spreadsheets) or vCard 4.0 (for address books).

Both read the live contacts (or a selection, for the app's "Export
selection") in table order with a few set queries, turn them into the plain
records the ``io`` writers take, and write bytes. The CSV is UTF-8 with a BOM
and formula-safe cells (``io.csv_export``); the vCard is 4.0 and our own
import reads it back to the same people. The complete copy of the database,
tiers and meetings included, is the JSON backup (``services.database.backup``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ...io.csv_export import contacts_table, csv_bytes
from ...io.records import ContactRecord
from ...io.vcard import vcards_text
from ...store import import_queries as q
from ..errors import ValidationError
from ..validation import sort_name
from .files import check_target, write_atomic

EXPORT_FORMATS = ("csv", "vcard")


def contact_records(ids: Iterable[int] | None = None) -> list[ContactRecord]:
    """Live contacts (all, or those in ``ids``) as records, sorted like the contact table."""
    wanted = set(ids) if ids is not None else None
    records: dict[int, ContactRecord] = {}
    for (cid, first, last, _org_id, org, title, industry, location, linkedin, how_met, notes,
         _sources) in q.live_contacts():
        if wanted is None or cid in wanted:
            records[cid] = ContactRecord(
                first_name=first, last_name=last, organization=org, title=title,
                industry=industry, location=location, linkedin_url=linkedin, how_met=how_met,
                notes=notes)
    for cid, label, email in q.labelled_emails():
        if cid in records:
            records[cid].emails.append((label, email))
    for cid, label, raw in q.labelled_phones():
        if cid in records:
            records[cid].phones.append((label, raw))
    for cid, tag in q.tag_names_by_contact():
        if cid in records:
            records[cid].tags.append(tag)
    return sorted(records.values(), key=lambda r: sort_name(r.first_name, r.last_name))


def render(fmt: str, records: list[ContactRecord]) -> bytes:
    """The export document: ``csv`` (UTF-8 with BOM) or ``vcard`` (4.0, UTF-8)."""
    if fmt == "csv":
        header, rows = contacts_table(records)
        return csv_bytes(header, rows)
    if fmt == "vcard":
        return vcards_text(records).encode("utf-8")
    raise ValidationError("format", f"'{fmt}' is not one of: {', '.join(EXPORT_FORMATS)}")


def export_bytes(fmt: str, ids: Iterable[int] | None = None) -> bytes:
    return render(fmt, contact_records(ids))


def export_contacts(fmt: str, path: str | os.PathLike[str],
                    ids: Iterable[int] | None = None, replace: bool = True) -> int:
    """Write the export to ``path`` whole (never over the database; over an existing
    file only with ``replace``); return how many people it holds."""
    check_target(path, replace)
    records = contact_records(ids)
    write_atomic(path, render(fmt, records), replace)
    return len(records)
