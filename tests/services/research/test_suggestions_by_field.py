"""Suggestions match the person's field and role, and say why."""

from __future__ import annotations

import pytest

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.database.setup import seed_builtin_questions
from desktop_crm.services.research.suggestions import suggest_for_contact
from desktop_crm.store.models import Question

FINANCE_HIRING = "How are interest rates and regulation affecting hiring in finance at the moment?"


@pytest.fixture
def bank(db_path):
    if not Question.select().count():
        seed_builtin_questions()


def _texts(contact_id: int) -> dict[str, list[str]]:
    return {s.question.text: s.reasons for s in suggest_for_contact(contact_id, limit=100)}


@pytest.mark.parametrize("person", [
    {"first_name": "Sam", "last_name": "Dev", "title": "Software Engineer", "industry": "Software", "tier": "bridge"},
    {"first_name": "Ada", "last_name": "Air", "title": "Analyst", "industry": "Aerospace", "tier": "bridge"},
    {"first_name": "Hana", "last_name": "Hire", "title": "Hiring Manager", "industry": "Healthcare", "tier": "bridge"},
])
def test_a_finance_question_is_not_suggested_outside_finance(bank, person):
    assert FINANCE_HIRING not in _texts(create_contact(person).id)


def test_a_finance_hiring_manager_gets_it_and_is_told_why(bank):
    person = create_contact({"first_name": "Fin", "last_name": "Boss", "title": "Hiring Manager",
                             "industry": "Finance", "tier": "bridge"}).id
    reasons = _texts(person)[FINANCE_HIRING]
    assert any("their field (finance)" in r for r in reasons)
    assert any("their role" in r and "hiring" in r for r in reasons)
