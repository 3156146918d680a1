"""The prep sheet's text, read back with pypdf, carries each section's data,
and leaves out sections without data."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from desktop_crm.reports import (
    SECTIONS,
    Connection,
    Interaction,
    PathStep,
    Person,
    PrepOptions,
    PrepSheetData,
    render_prep_sheet,
    write_prep_sheet,
)
from desktop_crm.reports.prep_data import DEFAULT_FOLLOW_UP, DEFAULT_REMINDERS, SECTION_KEYS
from desktop_crm.reports.samples import sample_prep_data

OPTS = PrepOptions(paper="a4", prepared_on=date(2024, 5, 13))


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def sample_text() -> str:
    return pdf_text(render_prep_sheet(sample_prep_data(), OPTS))


def test_header_shows_name_title_organization_tier_and_meeting(sample_text: str) -> None:
    assert "Jürgen Schäfer" in sample_text
    assert "Head of Data Platform" in sample_text
    assert "Nordlicht Energie GmbH" in sample_text
    assert "BRIDGE" in sample_text
    assert "Tue 14 May 2024, 09:30 (Europe/Berlin)" in sample_text
    assert "30 min coffee" in sample_text
    assert "Café Luitpold" in sample_text
    assert "j.schaefer@nordlicht.example" in sample_text


@pytest.mark.parametrize("expected", [
    "HOW YOU ARE CONNECTED", "Introduced by Ana Souza", "close friend", "Ana Souza",
    "YOUR OBJECTIVES", "How their data platform team is organised",
    "YOUR PITCH", "data engineer with six years",
    "TALKING POINTS", "Cycling", "PyData Munich",
    "PAST INTERACTIONS", "22 Apr 2024", "Ana introduced us",
    "Platform team of 12",
    "QUESTIONS (7)", "1. How did you move from research",
    "THE ASK", "Ask for introductions to two", "Marco Rossi (GridSense)",
    "REMEMBER", "Listen most of the time", "Do not ask for a job",
    "AFTER THE MEETING", "Send the thank-you note",
    "Prepared 13 May 2024", "page 1 of 1",
])
def test_each_section_prints_its_data(sample_text: str, expected: str) -> None:
    assert expected in sample_text


def test_default_reminders_cover_the_etiquette() -> None:
    joined = " ".join(DEFAULT_REMINDERS).lower()
    for rule in ("listen", "time", "job", "introductions", "thank-you"):
        assert rule in joined
    assert DEFAULT_FOLLOW_UP


def test_a_contact_without_meeting_or_data_prints_only_what_it_has() -> None:
    data = PrepSheetData(person=Person(name="Maria Lopez"), reminders=[], follow_up=[])
    text = pdf_text(render_prep_sheet(data, OPTS))
    assert "Maria Lopez" in text
    for heading in ("HOW YOU ARE CONNECTED", "OBJECTIVES", "PITCH", "TALKING POINTS",
                    "PAST INTERACTIONS", "QUESTIONS", "THE ASK", "REMEMBER",
                    "AFTER THE MEETING", "WHAT YOU KNOW"):
        assert heading not in text
    assert " min" not in text  # no meeting line


def test_contact_only_sheet_keeps_its_other_sections() -> None:
    data = sample_prep_data()
    data.meeting = None
    text = pdf_text(render_prep_sheet(data, OPTS))
    assert "May 2024, 09:30" not in text
    assert "YOUR PITCH" in text and "QUESTIONS (7)" in text


def test_an_empty_person_prints_a_placeholder_name() -> None:
    text = pdf_text(render_prep_sheet(PrepSheetData(person=Person()), OPTS))
    assert "Unnamed contact" in text


def test_blank_items_do_not_make_a_section() -> None:
    data = PrepSheetData(person=Person(name="A B"), talking_points=["", "  "],
                         org_learnings=[" "], questions=["", "\n"],
                         past_interactions=[Interaction(None, "", "")],
                         connection=Connection(introduced_by="  ", path=[]))
    text = pdf_text(render_prep_sheet(data, OPTS))
    for heading in ("TALKING POINTS", "WHAT YOU KNOW", "QUESTIONS", "PAST INTERACTIONS",
                    "HOW YOU ARE CONNECTED"):
        assert heading not in text


def test_unticked_sections_are_left_out() -> None:
    opts = PrepOptions(paper="a4", prepared_on=date(2024, 5, 13),
                       sections=SECTION_KEYS - {"pitch", "questions", "reminders"})
    text = pdf_text(render_prep_sheet(sample_prep_data(), opts))
    assert "YOUR PITCH" not in text and "data engineer with six years" not in text
    assert "QUESTIONS" not in text and "REMEMBER" not in text
    assert "YOUR OBJECTIVES" in text


def test_a_one_step_path_prints_as_text_not_a_drawing() -> None:
    data = PrepSheetData(person=Person(name="Kim Park"),
                         connection=Connection(path=[PathStep("Kim Park", "friend")]))
    text = pdf_text(render_prep_sheet(data, OPTS))
    assert "You → Kim Park (friend)" in text


def test_a_long_path_folds_its_middle() -> None:
    steps = [PathStep(f"Person {i}", "knows") for i in range(9)]
    data = PrepSheetData(person=Person(name="Person 8", tier="target"),
                         connection=Connection(path=steps))
    text = pdf_text(render_prep_sheet(data, OPTS))
    assert "Person 0" in text and "Person 8" in text
    assert "+" in text


def test_the_path_drawing_prints_every_name_and_relation_whole() -> None:
    """The demo's path (four people, long relations) is drawn at the page's width: nothing cut."""
    steps = [PathStep("Sofia Tanaka", "close fellow alumni"), PathStep("Yuki Schmidt", "close friend"),
             PathStep("Camille Nakamura", "fellow alumni, acquaintance")]
    data = PrepSheetData(person=Person(name="Camille Nakamura", tier="target"), you_name="Alex Morgan",
                         connection=Connection(path=steps), pitch="I build data platforms.")
    text = pdf_text(render_prep_sheet(data, OPTS))
    assert "…" not in text
    for whole in ("Alex Morgan", "Sofia Tanaka", "Yuki Schmidt", "close fellow alumni", "close friend"):
        assert whole in text
    assert text.count("Camille Nakamura") >= 2  # the heading and the end of the path
    assert "fellow alumni," in text and "acquaintance" in text  # may wrap onto two lines


def test_sections_list_offers_unique_keys_with_titles() -> None:
    keys = [k for k, _ in SECTIONS]
    assert len(keys) == len(set(keys)) and set(keys) == SECTION_KEYS
    assert all(title for _, title in SECTIONS)


def test_output_is_deterministic() -> None:
    assert render_prep_sheet(sample_prep_data(), OPTS) == render_prep_sheet(sample_prep_data(),
                                                                             OPTS)


def test_write_prep_sheet_writes_a_pdf(tmp_path) -> None:
    path = write_prep_sheet(sample_prep_data(), tmp_path / "sheet.pdf", OPTS)
    assert path.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob("*.part"))
