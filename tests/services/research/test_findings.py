"""Findings: answers side by side, agreement, conclusions, validated at three agreeing."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.errors import ValidationError
from desktop_crm.services.research import answers, findings, questions
from desktop_crm.store.models import utcnow


def _answered(question_id: int, name: str, answer: str, days_ago: int) -> int:
    cid = create_contact({"first_name": name, "last_name": "X", "organization": "Helios", "tier": "bridge"}).id
    when = (utcnow() - dt.timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M")
    m = meetings.schedule_meeting(cid, {"when": when, "tz": "UTC"})
    [mq] = answers.add_meeting_questions(m.id, [question_id])
    answers.record_answer(mq.id, answer)
    return mq.id


@pytest.fixture
def question(db_path):
    return questions.list_questions(category="skills_hiring")[0]


def test_answers_side_by_side_with_who_tier_and_org(question):
    _answered(question.id, "Ana", "Referrals mostly.", 10)
    _answered(question.id, "Bo", "Job boards.", 5)
    f = findings.get_finding(question.id)
    assert [(a.contact_name, a.tier, a.organization, a.answer) for a in f.answers] == [
        ("Ana X", "bridge", "Helios", "Referrals mostly."),
        ("Bo X", "bridge", "Helios", "Job boards."),
    ]
    assert f.state == "gathering" and not f.validated


def test_three_agreeing_answers_validate_and_counts_feed_the_bar(question):
    ids = [_answered(question.id, n, "Referrals.", d) for n, d in (("A", 9), ("B", 8), ("C", 7), ("D", 6))]
    for mq_id in ids[:2]:
        findings.set_agreement(mq_id, "agree")
    findings.set_agreement(ids[3], "differ")
    assert not findings.get_finding(question.id).validated
    findings.set_agreement(ids[2], "agree")
    f = findings.get_finding(question.id)
    assert f.validated and f.state == "validated"
    assert f.counts.to_dict() == {"agree": 3, "differ": 1, "open": 0, "total": 4}
    assert findings.findings_summary()["validated"] == 1


def test_conclusion_is_kept_on_the_question(question):
    _answered(question.id, "A", "Referrals.", 3)
    findings.set_conclusion(question.id, "  Most hiring goes through referrals.  ")
    assert questions.get_question(question.id).conclusion == "Most hiring goes through referrals."
    listed = findings.list_findings(category="skills_hiring")
    assert [f.question_id for f in listed] == [question.id]


def test_agreement_rules(question):
    mq_id = _answered(question.id, "A", "Referrals.", 3)
    with pytest.raises(ValidationError, match="agreement: 'yes' is not one of"):
        findings.set_agreement(mq_id, "yes")
    cid = create_contact({"first_name": "Z"}).id
    m = meetings.schedule_meeting(cid, {"when": "2026-12-01T10:00", "tz": "UTC"})
    one_off = answers.add_one_off_question(m.id, "How was Oslo?")
    answers.record_answer(one_off.id, "Cold.")
    with pytest.raises(ValidationError, match="one-off question is not part of findings"):
        findings.set_agreement(one_off.id, "agree")
    assert all(f.text != "How was Oslo?" for f in findings.list_findings())
