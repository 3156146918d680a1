"""Saving a meeting with everything around it writes all of it or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm import clock
from desktop_crm.services import meetings
from desktop_crm.services.contacts import count_contacts, create_contact, get_contact
from desktop_crm.services.errors import ValidationError, ValidationErrors
from desktop_crm.services.meetings import actions, introductions
from desktop_crm.services.meetings import bundle as meeting_bundle
from desktop_crm.services.meetings.bundle import (
    ActionEntry,
    IntroductionEntry,
    QuestionEntry,
    save_meeting,
)
from desktop_crm.services.research import answers
from desktop_crm.store.models import Introduction, Meeting, MeetingQuestion, Question, utcnow


@pytest.fixture
def ana(db_path) -> int:
    return create_contact({"first_name": "Ana", "last_name": "Silva", "organization": "Helios"}).id


def _past(days: int = 1) -> dt.datetime:
    return (utcnow() - dt.timedelta(days=days)).replace(second=0, microsecond=0)


def _bank(n: int) -> list[Question]:
    return list(Question.select().order_by(Question.id).limit(n))


def _nothing_written(contacts_before: int) -> None:
    assert Meeting.select().count() == 0
    assert MeetingQuestion.select().count() == 0
    assert Introduction.select().count() == 0
    assert count_contacts() == contacts_before


def test_a_new_meeting_is_saved_with_questions_answers_introductions_actions_and_thank_you(ana):
    q1, q2 = _bank(2)
    view = save_meeting(
        ana, None, {"when": _past(), "tz": "UTC", "status": "done", "place": "Café Lumen"},
        questions=[QuestionEntry("What surprised you?", answer="The pace."),
                   QuestionEntry(q1.text, q1.id, answer="Mostly Python."),
                   QuestionEntry(q2.text, q2.id)],
        notes="  Mentioned the storage team. ",
        introductions=[IntroductionEntry(new_person={"first_name": "Nia", "last_name": "Okafor"}, status="made")],
        actions=[ActionEntry("Send the article", clock.today() + dt.timedelta(days=3))],
        thank_you_sent=True,
    )
    assert (view.status, view.place, view.notes) == ("done", "Café Lumen", "Mentioned the storage team.")
    assert view.thank_you_sent_at is not None
    asked = answers.meeting_questions(view.id)
    assert [(q.text, q.answer, q.one_off) for q in asked] == [
        ("What surprised you?", "The pace.", True), (q1.text, "Mostly Python.", False), (q2.text, "", False),
    ]
    [intro] = introductions.list_introductions(meeting_id=view.id)
    assert (intro.introducer_id, intro.introduced_name, intro.status) == (ana, "Nia Okafor", "made")
    assert [a.text for a in actions.list_actions(meeting_id=view.id)] == ["Send the article"]
    assert get_contact(ana).status == "thanked"


def test_a_bad_introduction_refuses_the_whole_save_before_anything_is_written(ana):
    before = count_contacts()
    with pytest.raises(ValidationError) as caught:
        save_meeting(
            ana, None, {"when": _past(), "tz": "UTC"},
            questions=[QuestionEntry("Anything?")],
            introductions=[IntroductionEntry(contact_id=ana)],
        )
    assert caught.value.field == "introduced"
    assert "introduction 1" in caught.value.message and "the person you are meeting" in caught.value.message
    _nothing_written(before)


def test_every_bad_part_is_reported_at_once_with_its_field(ana):
    before = count_contacts()
    with pytest.raises(ValidationErrors) as caught:
        save_meeting(
            ana, None, {"when": _past(), "tz": "UTC", "minutes": 2},
            questions=[QuestionEntry("   ")],
            introductions=[IntroductionEntry(new_person={"first_name": "Bo", "emails": ["not-an-email"]})],
            actions=[ActionEntry("  ")],
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {"minutes", "questions", "introduced", "action"}
    assert "email 1" in caught.value.by_field["introduced"]
    _nothing_written(before)


def test_a_failure_while_writing_rolls_back_everything_already_written(ana, monkeypatch):
    before = count_contacts()

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(meeting_bundle.actions_service, "add_action", broken)
    with pytest.raises(RuntimeError):
        save_meeting(
            ana, None, {"when": _past(), "tz": "UTC"},
            questions=[QuestionEntry("Anything?")],
            introductions=[IntroductionEntry(new_person={"first_name": "Nia", "last_name": "Okafor"})],
            actions=[ActionEntry("Send the article")],
        )
    _nothing_written(before)
    assert get_contact(ana).status == "to_contact"


def test_editing_removes_reorders_answers_and_ticks_while_an_error_leaves_it_untouched(ana):
    q1, q2 = _bank(2)
    m = meetings.schedule_meeting(ana, {"when": _past(), "tz": "UTC", "notes": "first notes"})
    answers.add_meeting_questions(m.id, [q1.id, q2.id])
    action = actions.add_action("Read their paper", meeting_id=m.id)
    first, second = answers.meeting_questions(m.id)

    with pytest.raises(ValidationError):
        save_meeting(ana, m.id, {"notes": "changed"}, notes="changed",
                     questions=[QuestionEntry(second.text, q2.id, second.id, "lost")],
                     actions=[ActionEntry("")])
    assert meetings.get_meeting(m.id).notes == "first notes"
    assert [q.id for q in answers.meeting_questions(m.id)] == [first.id, second.id]

    save_meeting(ana, m.id, {"status": "done"}, notes="second notes",
                 questions=[QuestionEntry(second.text, q2.id, second.id, "kept"), QuestionEntry("One more?")],
                 actions_done={action.id: True})
    after = answers.meeting_questions(m.id)
    assert [(q.text, q.answer) for q in after] == [(q2.text, "kept"), ("One more?", "")]
    assert meetings.get_meeting(m.id).notes == "second notes"
    assert actions.get_action(action.id).done


def test_stray_ids_are_refused_by_field(ana):
    m = meetings.schedule_meeting(ana, {"when": _past(), "tz": "UTC"})
    with pytest.raises(ValidationErrors) as caught:
        save_meeting(ana, m.id, {}, questions=[QuestionEntry("x", None, 99999)], actions_done={12345: True})
    assert caught.value.by_field.keys() == {"questions", "action"}
    with pytest.raises(ValidationError, match="has not started yet"):
        save_meeting(ana, None, {"when": utcnow() + dt.timedelta(days=2), "tz": "UTC", "status": "done"})
