"""Email drafts: every placeholder filled, mailto: links that round-trip, editable templates."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from desktop_crm.services import meetings
from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.profile import update_profile
from desktop_crm.services.errors import ValidationError
from desktop_crm.services.meetings import email_drafts, introductions


@pytest.fixture
def people(db_path):
    update_profile({"name": "Sam Lee", "pitch": "I'm a data analyst moving into energy."})
    ana = create_contact(
        {"first_name": "Ana", "last_name": "Silva", "organization": "Helios", "industry": "Energy",
         "emails": ["ana@helios.example"]}
    ).id
    jo = create_contact({"first_name": "Jo", "last_name": "Diaz", "organization": "Contoso"}).id
    return ana, jo


def test_meeting_request_fills_every_placeholder(people):
    ana, _ = people
    d = email_drafts.draft_meeting_request(ana, topic="grid analytics", minutes=20)
    assert d.to == "ana@helios.example"
    assert d.subject == "20 minutes to learn about grid analytics?"
    assert "Hi Ana," in d.body and "I'm a data analyst moving into energy." in d.body and "Helios" in d.body
    assert "$" not in d.subject + d.body


def test_mailto_round_trips_unicode_and_newlines(people):
    url = email_drafts.mailto_url("zoë@example.com", "Thanks & more?", "Line 1\nCafé = 100%")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "zoë@example.com"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thanks & more?"]
    assert query["body"] == ["Line 1\r\nCafé = 100%"]


def test_thank_you_phrase_uses_the_meetings_own_day(people):
    ana, _ = people
    m = meetings.schedule_meeting(ana, {"when": "2026-03-02T23:30", "tz": "Europe/Berlin"})
    now = dt.datetime(2026, 3, 3, 8, 0)  # Tuesday morning in Berlin; the meeting was Monday night
    d = email_drafts.draft_thank_you(m.id, learned="how your team runs user research", now=now)
    assert "talk with me yesterday" in d.body and "how your team runs user research" in d.body
    assert email_drafts.meeting_when_phrase(m.starts_at, m.tz, dt.datetime(2026, 3, 6, 8)) == "on Monday"
    assert email_drafts.meeting_when_phrase(m.starts_at, m.tz, dt.datetime(2026, 4, 6, 8)) == "on 2 March"


def test_introduction_request_goes_to_the_introducer_with_the_forwardable_note(people):
    ana, jo = people
    intro = introductions.record_introduction(jo, introducer_id=ana)
    d = email_drafts.draft_introduction_request(intro.id, topic="energy data")
    assert d.to == "ana@helios.example" and "Hi Ana," in d.body
    assert "Can I introduce you to Sam Lee, who is exploring energy data" in d.body
    fwd = email_drafts.draft_introduction_forwardable(intro.id, topic="energy data")
    assert "Hi Jo," in fwd.body and fwd.body.rstrip().endswith("Ana Silva")


def test_edited_template_wins_until_reset_and_bad_ones_are_refused(people):
    ana, _ = people
    with pytest.raises(ValidationError, match=r"unknown placeholder\(s\) \$\{boss\}"):
        email_drafts.save_template("follow_up", "Subject: Hi\n\nDear ${boss}")
    with pytest.raises(ValidationError, match="first line must start with 'Subject: '"):
        email_drafts.save_template("follow_up", "Hello\n\nbody")
    with pytest.raises(ValidationError, match="template: 'spam' is not one of"):
        email_drafts.template_text("spam")
    email_drafts.save_template("follow_up", "Subject: Nudge, ${contact_first_name}\n\nStill keen. $$0 cost.\n")
    assert [t.edited for t in email_drafts.list_templates() if t.name == "follow_up"] == [True]
    d = email_drafts.draft_follow_up(ana)
    assert (d.subject, d.body) == ("Nudge, Ana", "Still keen. $0 cost.\n")
    email_drafts.reset_template("follow_up")
    assert email_drafts.draft_follow_up(ana).subject.startswith("Following up")
