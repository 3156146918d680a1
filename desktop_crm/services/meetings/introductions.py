"""Introductions obtained: introducer X connects you to person Y.

Recording one creates Y (or links an existing contact), the Introduction,
an "introduced_by" relationship between you and Y (unless you already knew
Y some other way), and a link between X and Y (they know each other).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ...domain import INTRODUCTION_STATUSES
from ...store.database import db
from ...store.models import Contact, Introduction, utcnow
from ..errors import NotFoundError, ValidationError
from ..lookups import live_meeting
from ..validation import clean_text


@dataclass
class IntroductionView:
    id: int
    introducer_id: int | None  # None = you met them yourself
    introducer_name: str
    introduced_id: int
    introduced_name: str
    introduced_organization: str
    meeting_id: int | None
    date: dt.datetime
    status: str  # promised | made | met | declined
    note: str = ""

    @property
    def age_days(self) -> int:
        return max(0, (utcnow() - self.date).days)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["age_days"] = self.age_days
        return data


def validate_status(status: str) -> str:
    value = clean_text(status).lower()
    if value not in INTRODUCTION_STATUSES:
        raise ValidationError(
            "status", f"'{status}' is not one of: {', '.join(INTRODUCTION_STATUSES)}"
        )
    return value


def record_introduction(
    introduced: int | Mapping[str, Any],
    introducer_id: int | None = None,
    meeting_id: int | None = None,
    status: str = "promised",
    note: str = "",
) -> IntroductionView:
    """Record that ``introducer_id`` (None = nobody: you) introduces you to ``introduced``.

    ``introduced`` is an existing contact id, or a mapping of contact fields
    (as :func:`desktop_crm.services.contacts.create_contact` takes) for a new
    person. When ``meeting_id`` is given and no introducer, the person met in
    that meeting is the introducer.
    """
    from ..contacts.people import create_contact
    from ..network.links import record_introduction_link  # local: the package loads networkx

    status = validate_status(status)
    if meeting_id is not None:
        meeting = live_meeting(meeting_id)
        if introducer_id is None:
            introducer_id = meeting.contact_id
    introducer = _contact(introducer_id, "introducer") if introducer_id is not None else None
    with db.atomic():
        if isinstance(introduced, Mapping):
            data = dict(introduced)
            if introducer is not None and not clean_text(data.get("how_met")):
                data["how_met"] = f"introduced by {introducer.full_name}"
            introduced_id = create_contact(data).id
        else:
            introduced_id = _contact(int(introduced), "introduced").id
        if introduced_id == introducer_id:
            raise ValidationError("introduced", "a person cannot introduce you to themselves")
        row = Introduction.create(
            introducer=introducer_id,
            introduced=introduced_id,
            meeting=meeting_id,
            date=utcnow(),
            status=status,
            note=clean_text(note),
        )
        record_introduction_link(introducer_id, introduced_id)
    return get_introduction(row.id)


def set_introduction_status(introduction_id: int, status: str) -> IntroductionView:
    """promised → made (they sent the email) → met; or declined."""
    row = _row(introduction_id)
    row.status = validate_status(status)
    row.save()
    return get_introduction(introduction_id)


def update_introduction(introduction_id: int, changes: Mapping[str, Any]) -> IntroductionView:
    row = _row(introduction_id)
    if "status" in changes:
        row.status = validate_status(changes["status"])
    if "note" in changes:
        row.note = clean_text(changes["note"])
    row.save()
    return get_introduction(introduction_id)


def delete_introduction(introduction_id: int) -> None:
    """Forget an introduction (the contact and relationships stay)."""
    _row(introduction_id).delete_instance()


def get_introduction(introduction_id: int) -> IntroductionView:
    return _views([_row(introduction_id)])[0]


def list_introductions(
    status: str | None = None,
    introducer_id: int | None = None,
    introduced_id: int | None = None,
    meeting_id: int | None = None,
) -> list[IntroductionView]:
    """Introductions, oldest first, filtered by any of the arguments."""
    query = Introduction.select()
    if status:
        query = query.where(Introduction.status == validate_status(status))
    if introducer_id is not None:
        query = query.where(Introduction.introducer == introducer_id)
    if introduced_id is not None:
        query = query.where(Introduction.introduced == introduced_id)
    if meeting_id is not None:
        query = query.where(Introduction.meeting == meeting_id)
    return _views(list(query.order_by(Introduction.date, Introduction.id)))


def promised_not_made() -> list[IntroductionView]:
    """Introductions someone promised and has not made yet: worth a gentle reminder."""
    rows = [i for i in list_introductions(status="promised") if i.introducer_id is not None]
    return rows


def _views(rows: list[Introduction]) -> list[IntroductionView]:
    ids = {r.introducer_id for r in rows if r.introducer_id} | {r.introduced_id for r in rows}
    people = {c.id: c for c in Contact.select().where(Contact.id.in_(list(ids)))}

    def name(cid: int | None) -> str:
        return people[cid].full_name if cid in people else ("you" if cid is None else "")

    def org(cid: int) -> str:
        person = people.get(cid)
        return person.organization.name if person and person.organization_id else ""

    return [
        IntroductionView(
            id=r.id,
            introducer_id=r.introducer_id,
            introducer_name=name(r.introducer_id),
            introduced_id=r.introduced_id,
            introduced_name=name(r.introduced_id),
            introduced_organization=org(r.introduced_id),
            meeting_id=r.meeting_id,
            date=r.date,
            status=r.status,
            note=r.note,
        )
        for r in rows
    ]


def _row(introduction_id: int) -> Introduction:
    row = Introduction.get_or_none(Introduction.id == introduction_id)
    if row is None:
        raise NotFoundError(f"no introduction with id {introduction_id}")
    return row


def _contact(contact_id: int, field: str) -> Contact:
    row = Contact.get_or_none((Contact.id == contact_id) & Contact.deleted_at.is_null())
    if row is None:
        raise ValidationError(field, f"no contact with id {contact_id}")
    return row
