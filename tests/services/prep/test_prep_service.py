"""The prep service: sheets filled from the database, read back from the PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from desktop_crm import clock
from desktop_crm.reports import PrepOptions, render_batch, render_prep_sheet
from desktop_crm.services import prep
from desktop_crm.services.contacts import create_contact, update_contact
from desktop_crm.services.contacts.profile import update_profile
from desktop_crm.services.errors import NotFoundError
from desktop_crm.services.meetings import mark_done, schedule_meeting, update_meeting
from desktop_crm.services.meetings.introductions import record_introduction
from desktop_crm.services.meetings.outreach import log_attempt
from desktop_crm.services.network.relationships import add_relationship
from desktop_crm.services.research.answers import add_one_off_question, record_answer
from desktop_crm.store.models import Meeting, Organization

# The planned coffee: 15 July two years ahead of the clock, so it stays ahead.
MEETING_DAY = dt.date(clock.today().year + 2, 7, 15)
OPTIONS = PrepOptions(paper="a4", prepared_on=dt.date(2030, 1, 1))
FUTURE = clock.utcnow() + dt.timedelta(days=20)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with line breaks folded (narrow columns wrap names)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def person(first: str, last: str, **fields) -> int:
    return create_contact({"first_name": first, "last_name": last, **fields}).id


@pytest.fixture
def network(db_path):
    """You -> Ana (close friend) -> Jürgen (colleague) at Nordlicht, where
    you already met Bea; Ana introduced you to Jürgen."""
    update_profile({"name": "Alex Morgan", "pitch": "Data engineer moving into energy.",
                    "objectives": "Learn how energy firms staff data teams.",
                    "target_industries": "Energy", "target_places": "Munich"})
    ana = person("Ana", "Souza", tier="primary")
    jurgen = person("Jürgen", "Schäfer", organization="Nordlicht Energie", title="Head of Data",
                    industry="Energy", location="Munich", tier="bridge",
                    emails=[("work", "j@nordlicht.example")], phones=[("mobile", "+49 89 1234")],
                    linkedin_url="https://www.linkedin.com/in/juergen", interests="cycling, jazz",
                    how_met="Ana's birthday party")
    bea = person("Bea", "Keller", organization="Nordlicht Energie", tier="bridge")
    lena = person("Lena", "Vogel", organization="Nordlicht Energie", title="Analyst",
                  industry="Energy")
    add_relationship(None, ana, "friend", "close")
    add_relationship(ana, jurgen, "colleague", "known")
    add_relationship(jurgen, lena, "colleague", "close")
    record_introduction(jurgen, ana, status="made", note="over email")
    held = schedule_meeting(bea, {"when": dt.datetime(2024, 3, 1, 10, 0), "tz": "Europe/Berlin"})
    q = add_one_off_question(held.id, "How do they hire?")
    record_answer(q.id, "Mostly through referrals")
    mark_done(held.id)
    log_attempt(jurgen, "email", answered=True, on=dt.datetime(2024, 4, 2, 9, 0),
                message="Asked for coffee")
    meeting = schedule_meeting(jurgen, {
        "when": dt.datetime.combine(MEETING_DAY, dt.time(9, 30)), "tz": "Europe/Berlin", "minutes": 30,
        "kind": "coffee", "place": "Café Luitpold", "objective_learn": "How the platform team works",
        "objective_ask": "Two introductions in energy analytics"})
    add_one_off_question(meeting.id, "What does a typical week look like?")
    add_one_off_question(meeting.id, "Which skills are hardest to hire?")
    return {"ana": ana, "jurgen": jurgen, "bea": bea, "lena": lena, "meeting": meeting.id,
            "held": held.id}


def test_meeting_sheet_has_each_section_with_the_right_data(network) -> None:
    data = prep.prep_for_meeting(network["meeting"])
    text = pdf_text(render_prep_sheet(data, OPTIONS))
    assert "Jürgen Schäfer" in text and "Head of Data" in text and "Nordlicht Energie" in text
    assert "j@nordlicht.example" in text and "+49 89 1234" in text
    # The meeting in its own zone: 09:30 Berlin, whatever this machine's zone.
    assert f"{MEETING_DAY:%a} 15 Jul {MEETING_DAY.year}, 09:30 (Europe/Berlin)" in text
    assert "Café Luitpold" in text and "30 min coffee" in text
    assert "Introduced by Ana Souza" in text
    assert "How the platform team works" in text  # the meeting's own objective
    assert "Data engineer moving into energy." in text  # your pitch
    assert "cycling" in text and "jazz" in text
    assert "Ana's birthday party" in text
    assert "Asked for coffee" in text  # outreach in past interactions
    assert "Mostly through referrals (Bea Keller)" in text  # learned at their organization
    assert "1. What does a typical week look like?" in text
    assert "2. Which skills are hardest to hire?" in text
    assert "Two introductions in energy analytics" in text  # the ask
    assert "Lena Vogel (Analyst, Nordlicht Energie)" in text  # whom Jürgen could introduce
    assert "Do not ask for a job" in text


def test_the_warmest_path_from_you_is_drawn(network) -> None:
    data = prep.prep_for_meeting(network["meeting"])
    # Ana introduced you: the path runs through her, not the bare "introduced" tie.
    assert [(s.name, s.relation_label) for s in data.connection.path] == [
        ("Ana Souza", "close friend"), ("Jürgen Schäfer", "introduced you")]
    text = pdf_text(render_prep_sheet(data, OPTIONS))
    assert "Alex Morgan" in text and "close friend" in text  # the drawing's labels


def test_the_warmest_path_without_an_introduction(network) -> None:
    data = prep.prep_for_contact(network["lena"])
    # Since the introduction you know Jürgen yourself: the path goes through him.
    assert [(s.name, s.relation_label) for s in data.connection.path] == [
        ("Jürgen Schäfer", "introduced, acquaintance"), ("Lena Vogel", "close colleague")]


def test_path_falls_back_to_direct_ties_when_the_network_fails(network, monkeypatch) -> None:
    import desktop_crm.services.network.paths as paths

    def broken(*_args, **_kwargs):
        raise RuntimeError("graph not ready")

    monkeypatch.setattr(paths, "path_to_person", broken)
    data = prep.prep_for_contact(network["lena"])
    assert [(s.name, s.relation_label) for s in data.connection.path] == [
        ("Jürgen Schäfer", "introduced, acquaintance"), ("Lena Vogel", "close colleague")]
    bea = prep.prep_for_contact(network["bea"])
    assert bea.connection.path == []  # nobody you know knows Bea: no path, no failure
    jurgen = prep.prep_for_meeting(network["meeting"])
    assert [(s.name, s.relation_label) for s in jurgen.connection.path] == [
        ("Ana Souza", "close friend"), ("Jürgen Schäfer", "introduced you")]


def test_contact_without_meeting_gets_suggested_questions_and_no_time(network) -> None:
    data = prep.prep_for_contact(network["lena"])
    assert data.meeting is None
    assert data.questions  # suggested from the bank
    assert data.objectives.learn == "Learn how energy firms staff data teams."  # the profile's
    assert "in energy" in data.objectives.reveal  # your targets, as a sentence
    text = pdf_text(render_prep_sheet(data, OPTIONS))
    assert "Lena Vogel" in text
    assert "(Europe/" not in text and "min coffee" not in text
    assert data.questions[0][:30] in text


def test_contact_with_a_planned_meeting_uses_it(network) -> None:
    data = prep.prep_for_contact(network["jurgen"])
    assert data.meeting is not None and data.meeting.place == "Café Luitpold"
    assert prep.prep_for_contact(network["jurgen"], use_next_meeting=False).meeting is None


def test_sections_without_data_are_left_out(db_path) -> None:
    lone = person("Solo", "Person")
    text = pdf_text(render_prep_sheet(prep.prep_for_contact(lone), OPTIONS))
    assert "Solo Person" in text
    for heading in ("HOW YOU ARE CONNECTED", "PAST INTERACTIONS", "WHAT YOU KNOW ABOUT",
                    "TALKING POINTS", "YOUR PITCH"):
        assert heading not in text
    assert "QUESTIONS" in text  # suggested from the built-in bank
    assert "REMEMBER" in text


def test_missing_fields_never_break_the_sheet(db_path) -> None:
    nameless = person("", "X")
    meeting = schedule_meeting(nameless, {"when": dt.datetime.combine(MEETING_DAY, dt.time(8)), "tz": "UTC"})
    Meeting.update(tz="Not/AZone", place="").where(Meeting.id == meeting.id).execute()
    data = prep.prep_for_meeting(meeting.id)
    assert data.meeting is not None
    assert render_prep_sheet(data, OPTIONS).startswith(b"%PDF")


def test_hostile_names_print_literally(db_path) -> None:
    cid = person("Tom & Jerry", "<b>", organization="AT&T <i>", notes="<font> & friends")
    text = pdf_text(render_prep_sheet(prep.prep_for_contact(cid), OPTIONS))
    assert "Tom & Jerry <b>" in text and "AT&T <i>" in text and "<font> & friends" in text


def test_held_meeting_shows_in_history_not_as_the_meeting(network) -> None:
    update_meeting(network["held"], {"notes": "Great chat about grids"})
    data = prep.prep_for_contact(network["bea"], use_next_meeting=False)
    assert any("Great chat about grids" in i.summary for i in data.past_interactions)
    assert data.past_interactions[0].date == dt.date(2024, 3, 1)


def test_org_learnings_exclude_the_person_themself(network) -> None:
    assert prep.prep_for_contact(network["bea"]).org_learnings == []


def test_organization_notes_are_a_learning(network) -> None:
    Organization.update(notes="Reorganised in 2024").where(
        Organization.name == "Nordlicht Energie").execute()
    assert prep.prep_for_meeting(network["meeting"]).org_learnings[0] == "Reorganised in 2024"


def test_unknown_ids_say_what_is_missing(db_path) -> None:
    with pytest.raises(NotFoundError, match="no meeting with id 999"):
        prep.prep_for_meeting(999)
    with pytest.raises(NotFoundError, match="no contact with id 998"):
        prep.prep_for_contact(998)
    with pytest.raises(NotFoundError, match="no meeting with id 997"):
        prep.build_batch([997])


def test_week_meetings_are_the_planned_ones_of_the_local_week(db_path) -> None:
    cid = person("Week", "Person")
    now = dt.datetime(2030, 7, 17, 12, 0)  # a Wednesday, naive UTC
    when = {"mon": dt.datetime(2030, 7, 15, 9, 0), "thu": dt.datetime(2030, 7, 18, 9, 0),
            "sun": dt.datetime(2030, 7, 21, 23, 30), "next": dt.datetime(2030, 7, 22, 9, 0),
            "done": dt.datetime(2030, 7, 19, 9, 0)}
    ids = {k: schedule_meeting(cid, {"when": v, "tz": "Europe/Berlin"}).id for k, v in when.items()}
    Meeting.update(status="done").where(Meeting.id == ids["done"]).execute()
    # Monday is over, "next" is next week, "done" is held: Thursday and Sunday remain.
    assert prep.week_meeting_ids(now, "Europe/Berlin") == [ids["thu"], ids["sun"]]
    start, end = prep.week_bounds(now, "Europe/Berlin")
    assert (start, end) == (dt.datetime(2030, 7, 14, 22, 0), dt.datetime(2030, 7, 21, 22, 0))
    # Sunday 23:30 Berlin is next week's Monday in UTC+14, and still this week in Berlin.
    assert ids["sun"] not in prep.week_meeting_ids(now, "Pacific/Kiritimati")


def test_a_batch_prints_one_sheet_per_meeting(demo_db) -> None:
    ids = [m.id for m in Meeting.select().where(Meeting.status == "planned").limit(4)]
    sheets = prep.build_batch(ids)
    assert len(sheets) == 4
    reader = PdfReader(io.BytesIO(render_batch(sheets, OPTIONS)))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for sheet in sheets:
        assert sheet.person.name in text
    assert 4 <= len(reader.pages) <= 8


def test_demo_sheets_fit_the_page_limit(demo_db) -> None:
    for meeting in Meeting.select().limit(8):
        data = prep.prep_for_meeting(meeting.id)
        pages = PdfReader(io.BytesIO(render_prep_sheet(data, OPTIONS))).pages
        assert 1 <= len(pages) <= 2
        assert data.you_name == "Alex Morgan"
        assert data.questions


def test_file_names_are_safe_and_dated(network) -> None:
    data = prep.prep_for_meeting(network["meeting"])
    assert prep.sheet_file_name(data) == f"prep-jurgen-schafer-{MEETING_DAY.isoformat()}.pdf"
    data.person.name = "../../etc/passwd"
    assert prep.sheet_file_name(data) == f"prep-etc-passwd-{MEETING_DAY.isoformat()}.pdf"


def test_shared_tags_matching_your_targets_are_talking_points(network) -> None:
    update_contact(network["jurgen"], {"tags": ["Munich", "hiking"]})
    interests = prep.prep_for_meeting(network["meeting"]).shared_interests
    assert "Munich" in interests and "hiking" not in interests
