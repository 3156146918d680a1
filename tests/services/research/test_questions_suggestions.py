"""Suggesting the questions that fit a person: tier, role, organization, history."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.research import answers, questions
from desktop_crm.services.research.suggestions import suggest_questions
from desktop_crm.store.models import Question, utcnow


@pytest.fixture
def bank(db_path):
    """A tiny bank instead of the shipped one, so each reason is visible."""
    Question.update(retired=True).execute()
    make = questions.add_question
    return {
        "target": make("How do you decide whom to hire?", "skills_hiring", tiers=["target"]),
        "primary": make("How is the family?", "advice", tiers=["primary"]),
        "manager": make("How do managers here grow?", "career_path", tags=["manager"]),
        "plain": make("What does a typical Tuesday look like?", "typical_day"),
        "referral": make("Who else should I talk to?", "referrals"),
    }


def _meeting(contact_id: int, days: int = 5) -> int:
    when = (utcnow() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")
    return meetings.schedule_meeting(contact_id, {"when": when, "tz": "UTC"}).id


def test_target_manager_gets_tier_and_role_questions_first(bank):
    cid = create_contact({"first_name": "Eva", "last_name": "Kim", "tier": "target", "title": "Engineering Manager"}).id
    ranked = suggest_questions(_meeting(cid), limit=5)
    ids = [s.question.id for s in ranked]
    assert ids[0] in (bank["target"].id, bank["manager"].id)
    assert ids.index(bank["primary"].id) == len(ids) - 1  # another tier's question sinks
    reasons = {s.question.id: s.reasons for s in ranked}
    assert "suits a target contact" in reasons[bank["target"].id]
    assert any("manager" in r for r in reasons[bank["manager"].id])


def test_questions_left_unanswered_earlier_are_boosted(bank):
    first = create_contact({"first_name": "A", "last_name": "One", "organization": "Helios", "tier": "bridge"}).id
    past = _meeting(first, days=-3)
    answers.add_meeting_questions(past, [bank["plain"].id])
    meetings.mark_done(past)
    other = create_contact({"first_name": "B", "last_name": "Two", "organization": "Helios", "tier": "bridge"}).id
    ranked = suggest_questions(_meeting(other), limit=5)
    top = ranked[0]
    assert top.question.id == bank["plain"].id
    assert "no one at their organization has answered it yet" in top.reasons


def test_already_chosen_or_answered_by_them_is_not_suggested(bank):
    cid = create_contact({"first_name": "C", "last_name": "Three"}).id
    past = _meeting(cid, days=-3)
    [mq] = answers.add_meeting_questions(past, [bank["plain"].id])
    answers.record_answer(mq.id, "Mostly meetings.")
    upcoming = _meeting(cid)
    answers.add_meeting_questions(upcoming, [bank["referral"].id])
    ids = [s.question.id for s in suggest_questions(upcoming, limit=10)]
    assert bank["plain"].id not in ids and bank["referral"].id not in ids


def test_retired_questions_are_never_suggested(bank):
    questions.retire_question(bank["plain"].id)
    cid = create_contact({"first_name": "D", "last_name": "Four"}).id
    assert bank["plain"].id not in [s.question.id for s in suggest_questions(_meeting(cid))]
