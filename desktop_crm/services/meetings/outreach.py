"""Outreach: asking for a meeting, and the etiquette of stopping.

The app records attempts; it never sends anything. After
:data:`ATTEMPT_LIMIT` unanswered attempts in a row it *suggests* moving the
person to dormant (the user decides). Between attempts it says when a polite
follow-up is due.

"In a row" means since the last answered attempt or the last meeting held,
whichever is later: an answer or a meeting resets the count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from ...domain import OUTREACH_CHANNELS
from ...store.contact_dates import refresh_contact_dates
from ...store.contact_table import chunked
from ...store.database import db
from ...store.models import Contact, Meeting, OutreachAttempt, utcnow
from ...store.snoozes import set_snooze, snoozed_ids, snoozed_until
from ..errors import NotFoundError, ValidationError
from ..lookups import live_contact
from ..validation import clean_text

ATTEMPT_LIMIT = 3
FOLLOW_UP_AFTER = dt.timedelta(days=7)
QUIET_STATUSES = ("dormant", "do_not_contact")
DORMANT_SNOOZE = "dormant"  # the reminder kind in store.snoozes
SNOOZE_DAYS = 30


@dataclass
class OutreachView:
    id: int
    contact_id: int
    at: dt.datetime  # naive UTC
    channel: str
    message: str
    answered: bool

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        return data


@dataclass
class OutreachState:
    """Where asking this person stands: the streak of unanswered attempts and what to do."""

    contact_id: int
    contact_name: str
    status: str
    unanswered_streak: int
    last_attempt_at: dt.datetime | None
    suggest_dormant: bool  # reached the limit and not yet dormant
    follow_up_due_at: dt.datetime | None  # naive UTC; None when no follow-up is owed

    @property
    def limit_reached(self) -> bool:
        return self.unanswered_streak >= ATTEMPT_LIMIT

    @property
    def advice(self) -> str:
        """One sentence for the user: what the rule says now."""
        name = self.contact_name or "this person"
        if self.limit_reached:
            tail = " Consider moving them to dormant." if self.suggest_dormant else ""
            return (
                f"{self.unanswered_streak} unanswered attempts to {name}: time to stop asking.{tail}"
            )
        if self.unanswered_streak:
            left = ATTEMPT_LIMIT - self.unanswered_streak
            return f"{self.unanswered_streak} unanswered attempt(s) to {name}; at most {left} more."
        return f"No unanswered attempts to {name}."

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("last_attempt_at", "follow_up_due_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["limit_reached"] = self.limit_reached
        data["advice"] = self.advice
        return data


@dataclass
class LoggedAttempt:
    """What :func:`log_attempt` returns: the attempt and the state after it."""

    attempt: OutreachView
    state: OutreachState

    def to_dict(self) -> dict[str, Any]:
        return {"attempt": self.attempt.to_dict(), "state": self.state.to_dict()}


def validate_channel(channel: str) -> str:
    value = clean_text(channel).lower().replace("_", "-").replace(" ", "-")
    if value == "inperson":
        value = "in-person"
    if value not in OUTREACH_CHANNELS:
        raise ValidationError(
            "channel", f"'{channel}' is not one of: {', '.join(OUTREACH_CHANNELS)}"
        )
    return value


def _as_utc(on: dt.datetime | dt.date | None) -> dt.datetime:
    if on is None:
        return utcnow()
    if isinstance(on, dt.datetime):
        if on.tzinfo is not None:
            on = on.astimezone(dt.UTC).replace(tzinfo=None)
        return on
    # A bare date: noon UTC keeps it on the same calendar day in most zones.
    return dt.datetime.combine(on, dt.time(12, 0))


def log_attempt(
    contact_id: int,
    channel: str = "email",
    answered: bool = False,
    on: dt.datetime | dt.date | None = None,
    message: str = "",
) -> LoggedAttempt:
    """Record one request for a meeting; the contact moves from 'to contact' to 'asked'.

    Logging is allowed past the limit (it records what happened) but the
    returned state says the limit is reached.
    """
    contact = live_contact(contact_id)
    at = _as_utc(on)
    if at > utcnow() + dt.timedelta(days=1):
        raise ValidationError("on", f"{at:%Y-%m-%d} is in the future; log attempts once made")
    with db.atomic():
        row = OutreachAttempt.create(
            contact=contact_id,
            at=at,
            channel=validate_channel(channel),
            message=clean_text(message),
            answered=bool(answered),
        )
        if contact.status == "to_contact":
            Contact.update(status="asked", updated_at=utcnow()).where(Contact.id == contact_id).execute()
        refresh_contact_dates([contact_id])
    return LoggedAttempt(_view(row), outreach_state(contact_id))


def mark_answered(attempt_id: int, answered: bool = True) -> OutreachState:
    """They replied (or the mark was a mistake): resets or restores the streak."""
    row = OutreachAttempt.get_or_none(OutreachAttempt.id == attempt_id)
    if row is None:
        raise NotFoundError(f"no outreach attempt with id {attempt_id}")
    row.answered = bool(answered)
    row.save()
    return outreach_state(row.contact_id)


def delete_attempt(attempt_id: int) -> None:
    row = OutreachAttempt.get_or_none(OutreachAttempt.id == attempt_id)
    if row is None:
        raise NotFoundError(f"no outreach attempt with id {attempt_id}")
    with db.atomic():
        row.delete_instance()
        refresh_contact_dates([row.contact_id])


def list_attempts(contact_id: int) -> list[OutreachView]:
    """This person's attempts, newest first."""
    query = OutreachAttempt.select().where(OutreachAttempt.contact == contact_id)
    return [_view(r) for r in query.order_by(OutreachAttempt.at.desc(), OutreachAttempt.id.desc())]


def outreach_state(contact_id: int, now: dt.datetime | None = None) -> OutreachState:
    contact = live_contact(contact_id)
    return _states([contact], now)[0]


def follow_ups_due(now: dt.datetime | None = None) -> list[OutreachState]:
    """People owed a polite follow-up: unanswered, under the limit, quiet for a week."""
    now = now or utcnow()
    return [
        s
        for s in _candidate_states(now)
        if s.follow_up_due_at is not None and s.follow_up_due_at <= now
    ]


def dormant_suggestions(now: dt.datetime | None = None) -> list[OutreachState]:
    """People who reached the limit and are not dormant yet: suggest, never act.

    People the user said "not now" for (:func:`snooze_dormant`) stay out until the snooze ends.
    """
    now = now or utcnow()
    states = [s for s in _candidate_states(now) if s.suggest_dormant]
    hidden = snoozed_ids(DORMANT_SNOOZE, now, (s.contact_id for s in states))
    return [s for s in states if s.contact_id not in hidden]


def snooze_dormant(
    contact_id: int, days: int = SNOOZE_DAYS, now: dt.datetime | None = None
) -> dt.datetime:
    """"Not now, I will keep asking": hide the dormant suggestion for ``days``; return until when.

    Nothing about the person changes; after the snooze, Today asks again if
    the attempts are still unanswered.
    """
    live_contact(contact_id)
    if not isinstance(days, int) or not 1 <= days <= 365:
        raise ValidationError("days", f"'{days}' is not a number of days from 1 to 365")
    until = (now or utcnow()) + dt.timedelta(days=days)
    set_snooze(contact_id, DORMANT_SNOOZE, until)
    return until


def dormant_snoozed_until(contact_id: int) -> dt.datetime | None:
    """When the dormant suggestion for this person comes back (None: never snoozed)."""
    return snoozed_until(contact_id, DORMANT_SNOOZE)


def accept_dormant(contact_id: int) -> None:
    """The user agrees: move the person to dormant (recorded in their history)."""
    from ..contacts.people import update_contact

    update_contact(contact_id, {"status": "dormant"})


def _candidate_states(now: dt.datetime | None) -> list[OutreachState]:
    """States of everyone whose latest attempt went unanswered."""
    latest = (
        OutreachAttempt.select(OutreachAttempt.contact)
        .where(OutreachAttempt.answered == False)  # noqa: E712
        .distinct()
    )
    people = list(
        Contact.select().where(Contact.id.in_(latest), Contact.deleted_at.is_null())
    )
    states = [s for s in _states(people, now) if s.unanswered_streak]
    states.sort(key=lambda s: (s.follow_up_due_at or dt.datetime.max, s.contact_name))
    return states


def _states(people: list[Contact], now: dt.datetime | None) -> list[OutreachState]:
    now = now or utcnow()
    ids = [c.id for c in people]
    attempts: dict[int, list[OutreachAttempt]] = {i: [] for i in ids}
    for chunk in chunked(ids):
        for row in OutreachAttempt.select().where(OutreachAttempt.contact.in_(chunk)).order_by(
            OutreachAttempt.at, OutreachAttempt.id
        ):
            attempts[row.contact_id].append(row)
    held: dict[int, dt.datetime] = {}
    planned: set[int] = set()
    for chunk in chunked(ids):
        for m in Meeting.select(Meeting.contact, Meeting.starts_at, Meeting.status).where(
            Meeting.contact.in_(chunk), Meeting.deleted_at.is_null()
        ):
            if m.status == "done":
                held[m.contact_id] = max(held.get(m.contact_id, m.starts_at), m.starts_at)
            elif m.status == "planned":
                planned.add(m.contact_id)
    return [_state(c, attempts[c.id], held.get(c.id), c.id in planned) for c in people]


def _state(
    contact: Contact, attempts: list[OutreachAttempt], last_held: dt.datetime | None, planned: bool
) -> OutreachState:
    streak = 0
    for row in reversed(attempts):
        if row.answered or (last_held is not None and row.at <= last_held):
            break
        streak += 1
    last = attempts[-1].at if attempts else None
    quiet = contact.status in QUIET_STATUSES or planned
    due = None
    if 0 < streak < ATTEMPT_LIMIT and not quiet and last is not None:
        due = last + FOLLOW_UP_AFTER
    return OutreachState(
        contact_id=contact.id,
        contact_name=contact.full_name,
        status=contact.status,
        unanswered_streak=streak,
        last_attempt_at=last,
        suggest_dormant=streak >= ATTEMPT_LIMIT and not quiet,
        follow_up_due_at=due,
    )


def _view(row: OutreachAttempt) -> OutreachView:
    return OutreachView(row.id, row.contact_id, row.at, row.channel, row.message, row.answered)
