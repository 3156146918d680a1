"""Promised actions: what you (or they) said you would do after a meeting.

"Send the article", "introduce them to Sam", "follow up in March". Open
actions show in Today when due within a week or overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from ...store.models import Action, Contact, Meeting, utcnow
from ..errors import NotFoundError, ValidationError
from ..validation import clean_text


@dataclass
class ActionView:
    id: int
    text: str
    meeting_id: int | None
    contact_id: int | None
    contact_name: str
    due_at: dt.datetime | None  # naive UTC
    done_at: dt.datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @property
    def overdue(self) -> bool:
        return not self.done and self.due_at is not None and self.due_at < utcnow()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("due_at", "done_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["done"], data["overdue"] = self.done, self.overdue
        return data


def _due(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(17, 0))


def add_action(
    text: str,
    meeting_id: int | None = None,
    contact_id: int | None = None,
    due: dt.datetime | dt.date | None = None,
) -> ActionView:
    """Record a promise; with only a meeting, the contact is the person met."""
    cleaned = clean_text(text)
    if not cleaned:
        raise ValidationError("action", "the action is empty")
    if meeting_id is not None:
        meeting = Meeting.get_or_none(Meeting.id == meeting_id)
        if meeting is None:
            raise NotFoundError(f"no meeting with id {meeting_id}")
        contact_id = contact_id if contact_id is not None else meeting.contact_id
    if contact_id is not None and Contact.get_or_none(Contact.id == contact_id) is None:
        raise NotFoundError(f"no contact with id {contact_id}")
    row = Action.create(text=cleaned, meeting=meeting_id, contact=contact_id, due_at=_due(due))
    return get_action(row.id)


def complete_action(action_id: int, done: bool = True) -> ActionView:
    row = _row(action_id)
    row.done_at = utcnow() if done else None
    row.save()
    return get_action(action_id)


def update_action(action_id: int, text: str | None = None, due: dt.datetime | dt.date | None = None) -> ActionView:
    row = _row(action_id)
    if text is not None:
        if not clean_text(text):
            raise ValidationError("action", "the action is empty")
        row.text = clean_text(text)
    if due is not None:
        row.due_at = _due(due)
    row.save()
    return get_action(action_id)


def delete_action(action_id: int) -> None:
    _row(action_id).delete_instance()


def get_action(action_id: int) -> ActionView:
    return _views([_row(action_id)])[0]


def list_actions(
    meeting_id: int | None = None, contact_id: int | None = None, open_only: bool = True
) -> list[ActionView]:
    """Actions by due date (undated last), for a meeting, a contact, or everyone."""
    query = Action.select()
    if meeting_id is not None:
        query = query.where(Action.meeting == meeting_id)
    if contact_id is not None:
        query = query.where(Action.contact == contact_id)
    if open_only:
        query = query.where(Action.done_at.is_null())
    rows = list(query.order_by(Action.due_at.is_null(), Action.due_at, Action.id))
    return _views(rows)


def actions_due(within: dt.timedelta = dt.timedelta(days=7), now: dt.datetime | None = None) -> list[ActionView]:
    """Open actions due before now + ``within`` (overdue ones included)."""
    limit = (now or utcnow()) + within
    rows = Action.select().where(Action.done_at.is_null(), Action.due_at <= limit)
    return _views(list(rows.order_by(Action.due_at, Action.id)))


def _views(rows: list[Action]) -> list[ActionView]:
    ids = [r.contact_id for r in rows if r.contact_id]
    names = {c.id: c.full_name for c in Contact.select().where(Contact.id.in_(ids))}
    return [
        ActionView(r.id, r.text, r.meeting_id, r.contact_id, names.get(r.contact_id, ""), r.due_at, r.done_at)
        for r in rows
    ]


def _row(action_id: int) -> Action:
    row = Action.get_or_none(Action.id == action_id)
    if row is None:
        raise NotFoundError(f"no action with id {action_id}")
    return row
