"""Bulk creation of contacts and relationships, for imports, the demo and benchmarks.

Same validation rules as :mod:`contacts` for what matters (names, emails),
but set-based writes in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ...store import bulk as store_bulk
from ...store.database import db
from ...store.models import utcnow
from ...store.sort_keys import organization_sort_key
from ..network.relationships import validate_kind
from ..validation import clean_text, normalise_phone, sort_name, validate_strength
from .people import _pairs, tag_id_for

_TEXT = ("title", "industry", "location", "linkedin_url", "how_met", "notes", "interests", "sources")


def bulk_create_contacts(records: Sequence[Mapping[str, Any]]) -> list[int]:
    """Create one contact per record (same keys as ``create_contact``); return the ids.

    Emails are taken as given (the importer validates them and reports bad
    ones with their row); phones are normalised like everywhere else.
    """
    now = utcnow()
    with db.atomic():
        org_ids = ensure_organizations(clean_text(r.get("organization")) for r in records)
        first_id = store_bulk.next_id("contact")
        contacts, emails, phones, tag_links = [], [], [], []
        tag_cache: dict[str, int] = {}
        for offset, record in enumerate(records):
            cid = first_id + offset
            first, last = clean_text(record.get("first_name")), clean_text(record.get("last_name"))
            org = clean_text(record.get("organization"))
            contacts.append(
                (
                    cid,
                    first,
                    last,
                    sort_name(first, last),
                    org_ids.get(org.casefold()) if org else None,
                    *(clean_text(record.get(k)) for k in _TEXT[:7]),
                    record.get("tier") or "primary",
                    1 if record.get("is_gatekeeper") else 0,
                    record.get("status") or "to_contact",
                    clean_text(record.get("sources")),
                    now,
                    now,
                )
            )
            for pos, (label, email) in enumerate(_pairs(record.get("emails"), "email")):
                emails.append((cid, label, email, pos))
            for pos, (label, value) in enumerate(_pairs(record.get("phones"), "phone")):
                raw, e164 = normalise_phone(value)
                phones.append((cid, label, raw, e164, pos))
            for tag in record.get("tags") or ():
                key = clean_text(tag).casefold()
                if key and key not in tag_cache:
                    tag_cache[key] = tag_id_for(clean_text(tag))
                if key:
                    tag_links.append((cid, tag_cache[key]))
        store_bulk.pause_fts()
        store_bulk.insert_contacts(contacts)
        store_bulk.insert_rows("contact_email", ("contact_id", "label", "email", "position"), emails)
        store_bulk.insert_rows(
            "contact_phone", ("contact_id", "label", "raw", "e164", "position"), phones
        )
        store_bulk.insert_rows("contact_tag", ("contact_id", "tag_id"), set(tag_links))
        if contacts:
            store_bulk.index_contacts_fts(first_id, first_id + len(contacts) - 1)
        else:
            store_bulk.index_contacts_fts(0, -1)
    store_bulk.refresh_statistics(len(records))
    return list(range(first_id, first_id + len(records)))


def ensure_organizations(names: Iterable[str]) -> dict[str, int]:
    """Casefolded name -> id for every name, creating the missing organizations."""
    unique: dict[str, str] = {}
    for name in names:
        if name and name.casefold() not in unique:
            unique[name.casefold()] = name
    found = store_bulk.organization_ids_by_name(unique.values())
    missing = [name for key, name in unique.items() if key not in found]
    if missing:
        now = utcnow()
        first_id = store_bulk.next_id("organization")
        store_bulk.insert_rows(
            "organization",
            ("id", "name", "sort_key", "industry", "location", "website", "is_target", "notes", "created_at",
             "updated_at"),
            [(first_id + i, name, organization_sort_key(name), "", "", "", 0, "", now, now)
             for i, name in enumerate(missing)],
        )
        for i, name in enumerate(missing):
            found[name.casefold()] = first_id + i
    return found


def bulk_create_relationships(rows: Iterable[Sequence[Any]]) -> int:
    """Rows of (person_a or None for you, person_b, kind, strength[, how[, since]])."""
    now = utcnow()
    prepared = []
    for row in rows:
        a, b, kind, strength = row[0], row[1], row[2], row[3]
        how = clean_text(row[4]) if len(row) > 4 else ""
        since = clean_text(row[5]) if len(row) > 5 else ""
        prepared.append((a, b, validate_kind(kind), validate_strength(strength), how, since, now))
    with db.atomic():
        store_bulk.insert_rows(
            "relationship",
            ("person_a_id", "person_b_id", "kind", "strength", "how", "since", "created_at"),
            prepared,
        )
    store_bulk.refresh_statistics(len(prepared))
    return len(prepared)
