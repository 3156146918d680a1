"""The prep sheet's generated prose reads as a person would write it."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_crm.services.contacts import create_contact
from desktop_crm.services.contacts.profile import ProfileView
from desktop_crm.services.contacts.table import ContactFilter
from desktop_crm.services.meetings.outreach import log_attempt
from desktop_crm.services.prep.sections import _targets_sentence, history


def test_targets_read_as_a_sentence():
    profile = ProfileView(target_roles="Data engineering lead, analytics engineering",
                          target_industries="Energy, Software", target_places="Berlin, Copenhagen, remote")
    assert _targets_sentence(profile) == (
        "I'm looking for a role as data engineering lead or analytics engineering in energy or software, "
        "based in Berlin or Copenhagen, or remote."
    )


@pytest.mark.parametrize(("roles", "industries", "places", "expected"), [
    ("", "", "", ""),
    ("UX Research", "", "", "I'm looking for a role as UX Research."),
    ("", "AI", "remote", "I'm looking for my next role in AI, remote."),
])
def test_targets_cover_the_short_cases(roles, industries, places, expected):
    profile = ProfileView(target_roles=roles, target_industries=industries, target_places=places)
    assert _targets_sentence(profile) == expected


def test_brand_names_keep_their_capitals_in_the_history(db_path):
    person = create_contact({"first_name": "Ana", "last_name": "Souza"}).id
    log_attempt(person, channel="linkedin", answered=False, message="")
    kinds = [i.kind for i in history(person, None)]
    assert kinds == ["LinkedIn message"]


def test_filter_descriptions_say_dates_in_words():
    flt = ContactFilter(contacted_after=dt.date(2026, 9, 1))
    assert flt.describe().endswith("contacted since 1 Sep 2026")
    assert "2026-09-01" not in flt.describe()
