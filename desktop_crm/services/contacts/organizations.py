"""Organizations: employers, with a case-insensitive name as their handle."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from peewee import fn

from ...store.database import db
from ...store.models import Contact, Organization, utcnow
from ..conflicts import ATTEMPTS, StaleWrite, merge_edit, save_if_version
from ..errors import AmbiguousError, NotFoundError, ServiceError, ValidationError, ValidationErrors
from ..lookups import live_organization
from ..validation import clean_text
from ..views import OrganizationView

_ORG_FIELDS = ("name", "industry", "location", "website", "notes")


def find_organization_id(name: str) -> int | None:
    """The live organization with this name (any case), or None."""
    name = clean_text(name)
    if not name:
        return None
    row = (
        Organization.select(Organization.id)
        .where(fn.lower(Organization.name) == name.lower(), Organization.deleted_at.is_null())
        .order_by(Organization.id)
        .first()
    )
    if row is None:
        # lower() in SQLite folds ASCII only; compare casefolded in Python for the rest.
        folded = name.casefold()
        for org in Organization.select(Organization.id, Organization.name).where(
            Organization.deleted_at.is_null()
        ):
            if org.name.casefold() == folded:
                return org.id
        return None
    return row.id


def get_or_create_organization(name: str, **fields: Any) -> int | None:
    """Id of the organization called ``name``, creating it if new; None for no name."""
    name = clean_text(name)
    if not name:
        return None
    found = find_organization_id(name)
    if found is not None:
        return found
    return create_organization({"name": name, **fields}).id


_WEBSITE = re.compile(r"^(https?://)?[^\s/.]+(\.[^\s/.]+)+(/\S*)?$", re.IGNORECASE)


def check_organization(name: str, website: str, org_id: int | None) -> None:
    """Refuse a name another live organization has, and a website that is no web address."""
    errors = []
    if name:
        other = find_organization_id(name)
        if other is not None and other != org_id:
            errors.append(ValidationError("name", f"another organization is already called '{name}'"))
    if website and not _WEBSITE.match(website):
        errors.append(ValidationError("website", f"'{website}' is not a web address (e.g. example.com)"))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationErrors(errors)


def create_organization(data: Mapping[str, Any]) -> OrganizationView:
    name = clean_text(data.get("name"))
    if not name:
        raise ValidationError("name", "an organization needs a name")
    check_organization(name, clean_text(data.get("website")), None)
    with db.atomic():
        org = Organization.create(
            name=name,
            industry=clean_text(data.get("industry")),
            location=clean_text(data.get("location")),
            website=clean_text(data.get("website")),
            notes=clean_text(data.get("notes")),
            is_target=bool(data.get("is_target", False)),
        )
    return get_organization(org.id)


def update_organization(
    org_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    base: OrganizationView | None = None,
) -> OrganizationView:
    """Change the fields given; from an old ``expected_version`` merge against ``base``
    or raise ``EditConflict`` (see ``services/conflicts.py``)."""
    for _attempt in range(ATTEMPTS):
        try:
            return _update_organization_once(org_id, changes, expected_version, base)
        except StaleWrite:
            continue
    raise ServiceError(f"organization {org_id} is being changed by another copy right now; try again")


def _clean_org_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key in _ORG_FIELDS:
        if key in changes:
            clean[key] = clean_text(changes[key])
            if key == "name" and not clean[key]:
                raise ValidationError("name", "an organization needs a name")
    if "is_target" in changes:
        clean["is_target"] = bool(changes["is_target"])
    return clean


def _update_organization_once(
    org_id: int,
    changes: Mapping[str, Any],
    expected_version: int | None,
    base: OrganizationView | None,
) -> OrganizationView:
    clean = _clean_org_changes(changes)
    with db.atomic():
        org = live_organization(org_id)
        seen = org.version
        if expected_version is not None and expected_version != seen:
            clean = merge_edit(
                f"organization {org.name} (id {org_id})", org_id, expected_version, seen, clean,
                {key: getattr(org, key) for key in clean},
                {key: getattr(base, key) for key in clean} if base is not None else None,
            )
        for key, value in clean.items():
            setattr(org, key, value)
        check_organization(org.name, org.website, org_id)
        org.updated_at = utcnow()
        save_if_version(org, seen)
    return get_organization(org_id)


def get_organization(org_id: int) -> OrganizationView:
    org = Organization.get_or_none(Organization.id == org_id)
    if org is None:
        raise NotFoundError(f"no organization with id {org_id}")
    count = (
        Contact.select()
        .where(Contact.organization == org_id, Contact.deleted_at.is_null())
        .count()
    )
    return _view(org, count)


def list_organizations(include_trashed: bool = False) -> list[OrganizationView]:
    counts = dict(
        Contact.select(Contact.organization, fn.count(Contact.id))
        .where(Contact.deleted_at.is_null(), Contact.organization.is_null(False))
        .group_by(Contact.organization)
        .tuples()
    )
    query = Organization.select().order_by(fn.lower(Organization.name))
    if not include_trashed:
        query = query.where(Organization.deleted_at.is_null())
    return [_view(o, counts.get(o.id, 0)) for o in query]


def _view(org: Organization, contact_count: int) -> OrganizationView:
    return OrganizationView(
        id=org.id,
        name=org.name,
        industry=org.industry,
        location=org.location,
        website=org.website,
        is_target=org.is_target,
        notes=org.notes,
        contact_count=contact_count,
        deleted_at=org.deleted_at,
        version=org.version,
    )


def resolve_organization(query: str) -> int:
    """An organization by id, exact name, or a unique part of its name."""
    text = clean_text(query)
    if not text:
        raise ValidationError("organization", "is empty")
    if text.isdigit() and len(text) < 19 and Organization.get_or_none(
        (Organization.id == int(text)) & Organization.deleted_at.is_null()
    ):
        return int(text)
    exact = find_organization_id(text)
    if exact is not None:
        return exact
    folded = text.casefold()
    matches = [
        (o.id, o.name)
        for o in Organization.select(Organization.id, Organization.name).where(
            Organization.deleted_at.is_null()
        )
        if folded in o.name.casefold()
    ]
    if not matches:
        raise NotFoundError(f"no organization matches '{text}'")
    if len(matches) > 1:
        raise AmbiguousError(text, matches, "organizations")
    return matches[0][0]
