"""With an empty profile, drafts read as written by a person: no blank paragraph, no dangling line."""

from __future__ import annotations

import pytest

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.profile import update_profile
from desktop_crm.services.meetings import email_drafts


@pytest.fixture
def person(db_path) -> int:
    return create_contact({"first_name": "Ana", "last_name": "Souza", "emails": [{"email": "ana@example.com"}]}).id


def test_a_meeting_request_without_a_pitch_has_no_blank_paragraph(person):
    update_profile({"name": "Alex Morgan", "pitch": ""})
    body = email_drafts.draft_meeting_request(person).body
    assert "\n\n\n" not in body
    assert "Alex Morgan" in body


def test_a_line_around_an_empty_pitch_is_left_out(person):
    update_profile({"name": "Alex Morgan", "pitch": ""})
    _, body = email_drafts.render("introduction_forwardable", {
        "your_name": "Alex Morgan", "your_pitch": "", "contact_first_name": "Ana", "contact_name": "Ana Souza",
        "organization": "", "target_name": "Kim", "target_first_name": "Kim", "minutes": 30, "topic": "data",
    })
    assert "words:" not in body
    assert "\n\n\n" not in body
