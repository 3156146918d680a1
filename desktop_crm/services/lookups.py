"""The one way services fetch a row the user named by id and that must not be in the trash.

Every use case that acts on a contact, a meeting or an organization starts
here, so a trashed or unknown id always gives the same NotFoundError
("no contact with id 7") wherever it was typed: CLI, form or import.
"""

from __future__ import annotations

from ..store.models import Contact, Meeting, Organization
from .errors import NotFoundError


def live_contact(contact_id: int) -> Contact:
    """The contact, not in the trash; NotFoundError otherwise."""
    contact = Contact.get_or_none((Contact.id == contact_id) & Contact.deleted_at.is_null())
    if contact is None:
        raise NotFoundError(f"no contact with id {contact_id}")
    return contact


def live_meeting(meeting_id: int) -> Meeting:
    """The meeting, not in the trash; NotFoundError otherwise."""
    meeting = Meeting.get_or_none((Meeting.id == meeting_id) & Meeting.deleted_at.is_null())
    if meeting is None:
        raise NotFoundError(f"no meeting with id {meeting_id}")
    return meeting


def live_organization(org_id: int) -> Organization:
    """The organization, not in the trash; NotFoundError otherwise."""
    org = Organization.get_or_none((Organization.id == org_id) & Organization.deleted_at.is_null())
    if org is None:
        raise NotFoundError(f"no organization with id {org_id}")
    return org
