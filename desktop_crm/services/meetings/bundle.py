"""Save everything the meeting dialog holds in one go: all of it, or none of it.

The dialog gathers a meeting's fields, its questions in asking order with
their answers, notes, introductions obtained, promised actions and the
thank-you. Writing those through one service after another could leave a
meeting saved without its introductions when a later step fails. Here every
part is checked first (each message names its field), then everything is
written inside one ``db.atomic()``; any failure rolls all of it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...store.database import db
from ...store.models import Action, Contact, Meeting, MeetingQuestion, Question
from ..conflicts import ATTEMPTS, StaleWrite, merge_edit, save_if_version
from ..contacts.people import validate_contact
from ..errors import ServiceError, ValidationError, ValidationErrors
from ..research import answers as answers_service
from ..validation import clean_text
from . import actions as actions_service
from . import introductions as introductions_service
from . import lifecycle as meetings


@dataclass
class QuestionEntry:
    """One question on the meeting, in asking order, with what they said.

    ``question_id`` None is a one-off question; ``meeting_question_id`` None
    means it is not on the meeting yet.
    """

    text: str
    question_id: int | None = None
    meeting_question_id: int | None = None
    answer: str = ""


@dataclass
class IntroductionEntry:
    """An introduction obtained: an existing contact, or a new person's contact fields."""

    contact_id: int | None = None
    new_person: Mapping[str, Any] | None = None
    status: str = "promised"


@dataclass
class ActionEntry:
    """A new promised action (existing ones are ticked through ``actions_done``)."""

    text: str
    due: dt.date | dt.datetime | None = None


@dataclass
class _Checked:
    """What validation learned that the writing step needs."""

    contact_id: int
    meeting: Meeting | None
    clean: dict[str, Any]
    errors: list[ValidationError] = field(default_factory=list)


def save_meeting(
    contact_id: int,
    meeting_id: int | None,
    fields: Mapping[str, Any],
    questions: Sequence[QuestionEntry] | None = None,
    notes: str | None = None,
    introductions: Sequence[IntroductionEntry] = (),
    actions: Sequence[ActionEntry] = (),
    thank_you_sent: bool | None = None,
    actions_done: Mapping[int, bool] | None = None,
    expected_version: int | None = None,
    base: meetings.MeetingView | None = None,
) -> meetings.MeetingView:
    """Schedule (``meeting_id`` None) or update a meeting with everything around it.

    ``fields`` are the keys :func:`meetings.schedule_meeting` takes.
    ``questions`` (None: leave them) becomes the meeting's whole list, in
    order, answers included. ``notes`` None leaves them; ``thank_you_sent``
    None leaves the mark; ``actions_done`` ticks existing actions by id.
    Raises ValidationError(s) naming each bad field before anything is written.
    With ``expected_version`` (and ``base``, the meeting as the dialog loaded it)
    a meeting changed elsewhere since is merged field by field, or
    ``EditConflict`` is raised with nothing written (see ``services/conflicts.py``).
    The meeting's own row is written with a compare-and-set on its version
    (``save_if_version``), as contacts are: a copy that wrote in between makes
    this save read again and merge, retried a few times, never overwritten.
    """
    for _attempt in range(ATTEMPTS):
        try:
            return _save_meeting_once(
                contact_id, meeting_id, fields, questions, notes, introductions, actions,
                thank_you_sent, actions_done, expected_version, base)
        except StaleWrite:
            continue  # everything of this attempt was rolled back with its transaction
    raise ServiceError(f"meeting {meeting_id} is being changed by another copy right now; try again")


def _save_meeting_once(
    contact_id: int,
    meeting_id: int | None,
    fields: Mapping[str, Any],
    questions: Sequence[QuestionEntry] | None,
    notes: str | None,
    introductions: Sequence[IntroductionEntry],
    actions: Sequence[ActionEntry],
    thank_you_sent: bool | None,
    actions_done: Mapping[int, bool] | None,
    expected_version: int | None,
    base: meetings.MeetingView | None,
) -> meetings.MeetingView:
    checked = _validate(contact_id, meeting_id, fields, questions, introductions, actions, actions_done or {})
    with db.atomic():
        if checked.meeting is None:
            saved_id = meetings.schedule_meeting(contact_id, fields).id
            if notes is not None:
                Meeting.update(notes=clean_text(notes)).where(Meeting.id == saved_id).execute()
        else:
            seen, notes = _merge_changed_elsewhere(checked, notes, expected_version, base)
            saved_id = _update(checked, notes, seen)
        if questions is not None:
            _write_questions(saved_id, questions)
        for intro in introductions:
            introduced: Any = intro.contact_id if intro.contact_id is not None else intro.new_person
            introductions_service.record_introduction(introduced, meeting_id=saved_id, status=intro.status)
        for action in actions:
            actions_service.add_action(action.text, meeting_id=saved_id, due=action.due)
        for action_id, done in (actions_done or {}).items():
            if (Action.get_by_id(action_id).done_at is not None) != done:
                actions_service.complete_action(action_id, done)
        if thank_you_sent is not None:
            current = Meeting.get_by_id(saved_id).thank_you_sent_at is not None
            if current != thank_you_sent:
                meetings.mark_thank_you_sent(saved_id, thank_you_sent)
    return meetings.get_meeting(saved_id)


def _merge_changed_elsewhere(checked: _Checked, notes: str | None, expected_version: int | None,
                             base: meetings.MeetingView | None) -> tuple[int, str | None]:
    """Inside the write transaction: read the meeting again and merge ``checked.clean``
    (and ``notes``) with what another copy saved since ``expected_version``; returns
    the version read (the compare-and-set writes only over it) and the notes to write."""
    assert checked.meeting is not None
    row = Meeting.get_by_id(checked.meeting.id)
    checked.meeting = row
    if expected_version is None:
        return row.version, notes
    mine = dict(checked.clean)
    if notes is not None:
        mine["notes"] = clean_text(notes)
    merged = merge_edit(
        f"the meeting on {row.starts_at:%d %b %Y}", row.id, expected_version, row.version, mine,
        {key: getattr(row, key) for key in mine},
        {key: getattr(base, key) for key in mine} if base is not None else None,
    )
    checked.clean = {key: value for key, value in merged.items() if key != "notes"}
    return row.version, merged.get("notes")


# validation ------------------------------------------------------------------
def _validate(
    contact_id: int,
    meeting_id: int | None,
    fields: Mapping[str, Any],
    questions: Sequence[QuestionEntry] | None,
    introductions: Sequence[IntroductionEntry],
    actions: Sequence[ActionEntry],
    actions_done: Mapping[int, bool],
) -> _Checked:
    meeting = meetings.live_meeting(meeting_id) if meeting_id is not None else None
    checked = _Checked(contact_id, meeting, {})
    _attempt(checked, lambda: _check_fields(checked, fields))
    if questions is not None:
        _attempt(checked, lambda: _check_questions(meeting_id, questions))
    for number, intro in enumerate(introductions, start=1):
        _attempt(checked, lambda n=number, i=intro: _check_introduction(contact_id, n, i))
    for number, action in enumerate(actions, start=1):
        if not clean_text(action.text):
            checked.errors.append(ValidationError("action", f"action {number} is empty: type what was promised"))
    _attempt(checked, lambda: _check_actions_done(meeting_id, actions_done))
    if checked.errors:
        raise checked.errors[0] if len(checked.errors) == 1 else ValidationErrors(checked.errors)
    return checked


def _attempt(checked: _Checked, check: Any) -> None:
    """Run one check, collecting its field errors so every field is reported at once."""
    try:
        check()
    except ValidationErrors as exc:
        checked.errors.extend(exc.errors)
    except ValidationError as exc:
        checked.errors.append(exc)


def _check_fields(checked: _Checked, fields: Mapping[str, Any]) -> None:
    person = Contact.get_or_none((Contact.id == checked.contact_id) & Contact.deleted_at.is_null())
    if person is None:
        raise ValidationError("contact", f"no contact with id {checked.contact_id}")
    if checked.meeting is None:
        checked.clean = meetings.validate_new(checked.contact_id, fields)
        return
    if checked.contact_id != checked.meeting.contact_id and person.status == "do_not_contact":
        raise ValidationError("contact", f"{person.full_name} is marked do-not-contact")
    checked.clean = meetings.validate_changes(checked.meeting, fields)


def _check_questions(meeting_id: int | None, questions: Sequence[QuestionEntry]) -> None:
    errors: list[ValidationError] = []
    bank_ids = [q.question_id for q in questions if q.question_id is not None]
    known = {q.id for q in Question.select(Question.id).where(Question.id.in_(bank_ids))}
    on_meeting = set()
    if meeting_id is not None:
        on_meeting = {r.id for r in MeetingQuestion.select(MeetingQuestion.id).where(MeetingQuestion.meeting == meeting_id)}
    seen: set[int] = set()
    for number, q in enumerate(questions, start=1):
        if q.question_id is not None:
            if q.question_id in seen:
                errors.append(ValidationError("questions", f"question {number} is already on this meeting"))
            seen.add(q.question_id)
        if q.meeting_question_id is not None and q.meeting_question_id not in on_meeting:
            errors.append(ValidationError("questions", f"question {number} is not on this meeting"))
        elif q.meeting_question_id is None and q.question_id is not None and q.question_id not in known:
            errors.append(ValidationError("questions", f"question {number}: no question with id {q.question_id} in the bank"))
        elif q.meeting_question_id is None and q.question_id is None and not clean_text(q.text):
            errors.append(ValidationError("questions", f"question {number} is empty"))
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)


def _check_introduction(met_id: int, number: int, intro: IntroductionEntry) -> None:
    where = f"introduction {number}"
    try:
        introductions_service.validate_status(intro.status)
    except ValidationError as exc:
        raise ValidationError("introduced", f"{where}: {exc.message}") from None
    if intro.contact_id is not None:
        person = Contact.get_or_none((Contact.id == intro.contact_id) & Contact.deleted_at.is_null())
        if person is None:
            raise ValidationError("introduced", f"{where}: no contact with id {intro.contact_id}")
        if intro.contact_id == met_id:
            raise ValidationError(
                "introduced", f"{where}: {person.full_name} is the person you are meeting; "
                "an introduction is to someone else"
            )
        return
    if intro.new_person is None:
        raise ValidationError("introduced", f"{where}: give an existing contact or a new person's name")
    try:
        validate_contact(intro.new_person)
    except ValidationErrors as exc:
        raise ValidationError("introduced", f"{where}: " + "; ".join(f"{e.field}: {e.message}" for e in exc.errors)) from None


def _check_actions_done(meeting_id: int | None, actions_done: Mapping[int, bool]) -> None:
    if not actions_done:
        return
    if meeting_id is None:
        raise ValidationError("action", "a new meeting has no actions to tick yet")
    mine = {a.id for a in Action.select(Action.id).where(Action.meeting == meeting_id)}
    stray = sorted(set(actions_done) - mine)
    if stray:
        raise ValidationError("action", f"action {', '.join(map(str, stray))} is not on this meeting")


# writing ---------------------------------------------------------------------
def _update(checked: _Checked, notes: str | None, seen: int) -> int:
    """Apply the clean changes (notes, and a change of person) to the existing meeting,
    only if it is still at version ``seen`` (:class:`StaleWrite` otherwise)."""
    meeting = checked.meeting
    assert meeting is not None
    old_contact = meeting.contact_id
    for key, value in checked.clean.items():
        setattr(meeting, key, value)
    if notes is not None:
        meeting.notes = clean_text(notes)
    meeting.contact = checked.contact_id
    save_if_version(meeting, seen)
    meetings.sync_contact(checked.contact_id)
    if old_contact != checked.contact_id:
        meetings.sync_contact(old_contact)
    if checked.clean.get("status") == "done":
        meetings.introductions_met(checked.contact_id)
    return meeting.id


def _write_questions(meeting_id: int, questions: Sequence[QuestionEntry]) -> None:
    """Make the meeting's list exactly ``questions``: drop, add, order, answer."""
    kept = [q.meeting_question_id for q in questions if q.meeting_question_id is not None]
    MeetingQuestion.delete().where(
        (MeetingQuestion.meeting == meeting_id) & MeetingQuestion.id.not_in(kept)
    ).execute()
    order: list[int] = []
    for q in questions:
        if q.meeting_question_id is not None:
            order.append(q.meeting_question_id)
        elif q.question_id is None:
            order.append(answers_service.add_one_off_question(meeting_id, q.text).id)
        else:
            rows = answers_service.add_meeting_questions(meeting_id, [q.question_id])
            order.append(next(r.id for r in rows if r.question_id == q.question_id))
    if order:
        answers_service.reorder_meeting_questions(meeting_id, order)
        answers_service.record_answers(meeting_id, dict(zip(order, (q.answer for q in questions), strict=True)))
