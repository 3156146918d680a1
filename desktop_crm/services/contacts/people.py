"""Contacts: create, edit and read people, with validation at every field.

Input is a mapping of field names (the keys of :data:`CONTACT_FIELDS`, plus
``organization`` by name, ``emails``, ``phones`` and ``tags``), so forms, the
CLI and imports share one path. An update changes only the keys it is given.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from ...store.database import db
from ...store.models import (
    Contact,
    ContactEmail,
    ContactHistory,
    ContactPhone,
    ContactTag,
    Organization,
    Tag,
    utcnow,
)
from ..conflicts import ATTEMPTS, StaleWrite, merge_edit, save_if_version
from ..errors import NotFoundError, ServiceError, ValidationError, ValidationErrors
from ..lookups import live_contact
from ..validation import (
    clean_text,
    normalise_phone,
    sort_name,
    validate_email,
    validate_status,
    validate_tier,
)
from ..views import ContactView
from .organizations import get_or_create_organization

TEXT_FIELDS = (
    "first_name",
    "last_name",
    "title",
    "industry",
    "location",
    "linkedin_url",
    "how_met",
    "notes",
    "interests",
    "sources",
)
CONTACT_FIELDS = (*TEXT_FIELDS, "tier", "status", "is_gatekeeper", "organization")


def _pairs(values: Iterable[Any] | None, key: str) -> list[tuple[str, str]]:
    """Accept ['a@b.c'], [('work', 'a@b.c')] or [{'label':..., key:...}]."""
    pairs: list[tuple[str, str]] = []
    for item in values or ():
        if isinstance(item, Mapping):
            pairs.append((clean_text(item.get("label")), clean_text(item.get(key))))
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            pairs.append((clean_text(item[0]), clean_text(item[1])))
        elif isinstance(item, (tuple, list)):
            raise ValidationError(key, f"expected a label and a value, not {item!r:.40}")
        else:
            pairs.append(("", clean_text(item)))
    return [(label, value) for label, value in pairs if value]


def validate_contact(data: Mapping[str, Any], partial: bool = False) -> dict[str, Any]:
    """Check and normalise every field given; raise ValidationErrors naming each bad one."""
    errors: list[ValidationError] = []
    clean: dict[str, Any] = {}
    for key in TEXT_FIELDS:
        if key in data:
            clean[key] = clean_text(data[key])
    if not partial or "first_name" in data or "last_name" in data:
        if not clean.get("first_name") and not clean.get("last_name"):
            errors.append(ValidationError("name", "a first or last name is required"))
    for key, check in (("tier", validate_tier), ("status", validate_status)):
        if key in data and data[key] not in (None, ""):
            try:
                clean[key] = check(data[key])
            except ValidationError as exc:
                errors.append(exc)
    if "is_gatekeeper" in data:
        clean["is_gatekeeper"] = bool(data["is_gatekeeper"])
    if "organization" in data:
        clean["organization"] = clean_text(data["organization"])
    if "emails" in data:
        emails = []
        for index, (label, value) in enumerate(_pairs(data["emails"], "email")):
            try:
                emails.append((label, validate_email(value, f"email {index + 1}")))
            except ValidationError as exc:
                errors.append(exc)
        clean["emails"] = emails
    if "phones" in data:
        phones = []
        for index, (label, value) in enumerate(_pairs(data["phones"], "phone")):
            try:
                raw, e164 = normalise_phone(value, field=f"phone {index + 1}")
                phones.append((label, raw, e164))
            except ValidationError as exc:
                errors.append(exc)
        clean["phones"] = phones
    if "tags" in data:
        clean["tags"] = _unique([clean_text(t) for t in data["tags"] or () if clean_text(t)])
    if errors:
        raise ValidationErrors(errors)
    return clean


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def create_contact(data: Mapping[str, Any]) -> ContactView:
    clean = validate_contact(data)
    with db.atomic():
        org_id = get_or_create_organization(clean.get("organization", ""))
        contact = Contact.create(
            **{k: clean.get(k, "") for k in TEXT_FIELDS},
            sort_name=sort_name(clean.get("first_name", ""), clean.get("last_name", "")),
            organization=org_id,
            tier=clean.get("tier", "primary"),
            status=clean.get("status", "to_contact"),
            is_gatekeeper=clean.get("is_gatekeeper", False),
        )
        _write_children(contact.id, clean)
    return get_contact(contact.id)


def update_contact(
    contact_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    base: ContactView | None = None,
) -> ContactView:
    """Change the fields given in ``changes``; nothing else.

    With ``expected_version`` (the version the editor loaded) a row changed
    elsewhere since is merged field by field against ``base`` (the contact as
    loaded), and :class:`~.conflicts.EditConflict` is raised, with nothing
    written, when both sides changed one field. The write is a compare-and-set
    on the version, retried when another copy wrote in between.
    """
    for _attempt in range(ATTEMPTS):
        try:
            return _update_contact_once(contact_id, changes, expected_version, base)
        except StaleWrite:
            continue
    raise ServiceError(f"contact {contact_id} is being changed by another copy right now; try again")


def _update_contact_once(
    contact_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None,
    base: ContactView | None,
) -> ContactView:
    contact = live_contact(contact_id)
    clean = validate_contact(
        {"first_name": contact.first_name, "last_name": contact.last_name, **changes}, partial=True
    )
    clean = {k: v for k, v in clean.items() if k in changes or k == "name"}
    with db.atomic():
        contact = live_contact(contact_id)
        seen = contact.version
        if expected_version is not None and expected_version != seen:
            theirs = comparable_contact(get_contact(contact_id))
            clean = merge_edit(
                f"contact {contact.full_name} (id {contact_id})",
                contact_id,
                expected_version,
                seen,
                clean,
                theirs,
                comparable_contact(base) if base is not None else None,
                same=same_contact_value,
            )
        now = utcnow()
        history: list[dict[str, Any]] = []
        for key in (*TEXT_FIELDS, "tier", "status", "is_gatekeeper"):
            if key in clean and getattr(contact, key) != clean[key]:
                history.append(_history(contact_id, key, getattr(contact, key), clean[key], now))
                setattr(contact, key, clean[key])
        if "organization" in clean:
            old_name = contact.organization.name if contact.organization_id else ""
            new_id = get_or_create_organization(clean["organization"])
            if new_id != contact.organization_id:
                history.append(_history(contact_id, "organization", old_name, clean["organization"], now))
                contact.organization = new_id
        contact.sort_name = sort_name(contact.first_name, contact.last_name)
        contact.updated_at = now
        save_if_version(contact, seen)
        _write_children(contact_id, clean, replace=True)
        if history:
            ContactHistory.insert_many(history).execute()
    return get_contact(contact_id)


def comparable_contact(view: ContactView) -> dict[str, Any]:
    """A contact's editable fields in the shape :func:`validate_contact` returns them."""
    values: dict[str, Any] = {key: getattr(view, key) for key in (*TEXT_FIELDS, "tier", "status", "is_gatekeeper")}
    values["organization"] = view.organization
    values["emails"] = [(e.get("label", ""), e.get("email", "")) for e in view.emails]
    values["phones"] = [(p.get("label", ""), p.get("raw", ""), p.get("e164", "")) for p in view.phones]
    values["tags"] = list(view.tags)
    return values


def same_contact_value(key: str, a: Any, b: Any) -> bool:
    """Whether two values of one contact field say the same (tags in any order and case,
    phones by what was typed, an organization by name in any case)."""
    if key == "tags":
        return sorted(t.casefold() for t in a or ()) == sorted(t.casefold() for t in b or ())
    if key == "phones":
        return [tuple(p[:2]) for p in a or ()] == [tuple(p[:2]) for p in b or ()]
    if key == "emails":
        return [(label, email.casefold()) for label, email in a or ()] == [
            (label, email.casefold()) for label, email in b or ()
        ]
    if key == "organization":
        return (a or "").strip().casefold() == (b or "").strip().casefold()
    return a == b


def _history(contact_id: int, field: str, old: Any, new: Any, at: Any) -> dict[str, Any]:
    return {
        "contact": contact_id,
        "at": at,
        "kind": "edit",
        "field": field,
        "old_value": str(old),
        "new_value": str(new),
    }


def _write_children(contact_id: int, clean: Mapping[str, Any], replace: bool = False) -> None:
    if "emails" in clean:
        if replace:
            ContactEmail.delete().where(ContactEmail.contact == contact_id).execute()
        ContactEmail.insert_many(
            [
                {"contact": contact_id, "label": label, "email": email, "position": i}
                for i, (label, email) in enumerate(clean["emails"])
            ]
        ).execute() if clean["emails"] else None
    if "phones" in clean:
        if replace:
            ContactPhone.delete().where(ContactPhone.contact == contact_id).execute()
        ContactPhone.insert_many(
            [
                {"contact": contact_id, "label": label, "raw": raw, "e164": e164, "position": i}
                for i, (label, raw, e164) in enumerate(clean["phones"])
            ]
        ).execute() if clean["phones"] else None
    if "tags" in clean:
        if replace:
            ContactTag.delete().where(ContactTag.contact == contact_id).execute()
        for name in clean["tags"]:
            tag_id = tag_id_for(name)
            ContactTag.insert(contact=contact_id, tag=tag_id).on_conflict_ignore().execute()


def tag_id_for(name: str) -> int:
    """Id of the tag called ``name`` (any case), created if new."""
    name = clean_text(name)
    if not name:
        raise ValidationError("tag", "is empty")
    Tag.insert(name=name).on_conflict_ignore().execute()
    return Tag.get(Tag.name == name).id


def get_contact(contact_id: int, include_trashed: bool = True) -> ContactView:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None or (not include_trashed and contact.deleted_at is not None):
        raise NotFoundError(f"no contact with id {contact_id}")
    return _views([contact])[0]


def get_contacts(ids: Iterable[int]) -> list[ContactView]:
    ids = list(ids)
    rows = {c.id: c for c in Contact.select().where(Contact.id.in_(ids))}
    return _views([rows[i] for i in ids if i in rows])


def _views(contacts: list[Contact]) -> list[ContactView]:
    """Views of ``contacts``, their organizations, emails, phones and tags read in four queries."""
    if not contacts:
        return []
    ids = list({c.id for c in contacts})
    org_ids = list({c.organization_id for c in contacts if c.organization_id})
    orgs: dict[int, str] = {}
    if org_ids:
        orgs = dict(Organization.select(Organization.id, Organization.name).where(Organization.id.in_(org_ids)).tuples())
    emails: dict[int, list[dict[str, str]]] = defaultdict(list)
    for e in ContactEmail.select().where(ContactEmail.contact.in_(ids)).order_by(ContactEmail.position, ContactEmail.id):
        emails[e.contact_id].append({"label": e.label, "email": e.email})
    phones: dict[int, list[dict[str, str]]] = defaultdict(list)
    for p in ContactPhone.select().where(ContactPhone.contact.in_(ids)).order_by(ContactPhone.position, ContactPhone.id):
        phones[p.contact_id].append({"label": p.label, "raw": p.raw, "e164": p.e164})
    tags: dict[int, list[str]] = defaultdict(list)
    tag_rows = Tag.select(Tag.name, ContactTag.contact).join(ContactTag).where(ContactTag.contact.in_(ids))
    for name, contact_id in tag_rows.order_by(Tag.name).tuples():
        tags[contact_id].append(name)
    return [
        _view(c, orgs.get(c.organization_id, ""), list(emails[c.id]), list(phones[c.id]), list(tags[c.id]))
        for c in contacts
    ]


def _view(
    contact: Contact,
    org_name: str,
    emails: list[dict[str, str]],
    phones: list[dict[str, str]],
    tags: list[str],
) -> ContactView:
    return ContactView(
        id=contact.id,
        first_name=contact.first_name,
        last_name=contact.last_name,
        organization=org_name,
        organization_id=contact.organization_id,
        title=contact.title,
        industry=contact.industry,
        location=contact.location,
        linkedin_url=contact.linkedin_url,
        how_met=contact.how_met,
        notes=contact.notes,
        interests=contact.interests,
        tier=contact.tier,
        status=contact.status,
        is_gatekeeper=contact.is_gatekeeper,
        sources=contact.sources,
        emails=emails,
        phones=phones,
        tags=tags,
        created_at=contact.created_at,
        updated_at=contact.updated_at,
        deleted_at=contact.deleted_at,
        last_contact_at=contact.last_contact_at,
        next_meeting_at=contact.next_meeting_at,
        version=contact.version,
    )


def list_contacts(
    limit: int = 100, offset: int = 0, trashed: bool = False
) -> list[ContactView]:
    """A page of contacts in table order (by sort name). The GUI table pages by keyset."""
    query = Contact.select(Contact.id)
    query = query.where(Contact.deleted_at.is_null(False) if trashed else Contact.deleted_at.is_null())
    ids = [c.id for c in query.order_by(Contact.sort_name, Contact.id).limit(limit).offset(offset)]
    return get_contacts(ids)


def count_contacts(trashed: bool = False) -> int:
    cond = Contact.deleted_at.is_null(False) if trashed else Contact.deleted_at.is_null()
    return Contact.select().where(cond).count()
