"""The question bank: edit, add, retire, reorder; a meeting's own list and one-offs."""

from __future__ import annotations

import pytest

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.errors import NotFoundError, ValidationError
from desktop_crm.services.research import answers, questions


def test_bank_is_seeded_with_every_category(db_path):
    bank = questions.list_questions()
    assert len(bank) >= 60
    assert {q.category for q in bank} == {key for key, _ in questions.categories()}


def test_add_edit_retire_and_restore(db_path):
    q = questions.add_question("What surprised you in your first month?", "culture", tags=["Early Career"])
    assert q.tags == ["early-career"] and not q.builtin
    assert questions.list_questions()[-1].id == q.id
    edited = questions.update_question(q.id, {"text": "What surprised you most?", "tiers": "bridge"})
    assert edited.text == "What surprised you most?" and edited.tiers == ["bridge"]
    questions.retire_question(q.id)
    assert q.id not in [x.id for x in questions.list_questions()]
    assert q.id in [x.id for x in questions.list_questions(include_retired=True)]
    questions.retire_question(q.id, retired=False)
    assert q.id in [x.id for x in questions.list_questions(category="culture")]


def test_bad_input_names_the_field(db_path):
    with pytest.raises(ValidationError, match="category: 'gossip' is not one of"):
        questions.add_question("Anything?", "gossip")
    with pytest.raises(ValidationError, match="text: the question is empty"):
        questions.add_question("  ", "culture")
    first = questions.list_questions()[0]
    with pytest.raises(ValidationError, match=f"already has this question \\(id {first.id}\\)"):
        questions.add_question(first.text.upper(), first.category)
    with pytest.raises(ValidationError, match="tiers: 'boss'"):
        questions.update_question(first.id, {"tiers": ["boss"]})


def test_reorder_bank_puts_listed_first(db_path):
    bank = questions.list_questions()
    questions.reorder_bank([bank[5].id, bank[2].id])
    assert [q.id for q in questions.list_questions()[:3]] == [bank[5].id, bank[2].id, bank[0].id]
    with pytest.raises(NotFoundError, match="no question with id 9999"):
        questions.reorder_bank([9999])


def test_meeting_questions_one_off_reorder_and_answers(db_path):
    cid = create_contact({"first_name": "Ana", "last_name": "Silva"}).id
    m = meetings.schedule_meeting(cid, {"when": "2026-12-01T10:00", "tz": "UTC"})
    bank = questions.list_questions()
    chosen = answers.add_meeting_questions(m.id, [bank[0].id, bank[1].id, bank[0].id])
    assert [q.question_id for q in chosen] == [bank[0].id, bank[1].id]
    one_off = answers.add_one_off_question(m.id, "How did the Oslo move go?")
    assert one_off.one_off and one_off.position == 2
    order = answers.reorder_meeting_questions(m.id, [one_off.id])
    assert [q.id for q in order] == [one_off.id, chosen[0].id, chosen[1].id]
    answers.record_answers(m.id, {chosen[0].id: " Through referrals. "})
    assert answers.get_meeting_question(chosen[0].id).answer == "Through referrals."
    with pytest.raises(ValidationError, match="not on meeting"):
        answers.record_answers(m.id, {424242: "x"})
    answers.remove_meeting_question(chosen[1].id)
    assert len(answers.meeting_questions(m.id)) == 2
