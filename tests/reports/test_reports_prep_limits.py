"""Page limits, paper sizes and batches."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER

from desktop_crm.reports import (
    Interaction,
    PrepOptions,
    default_paper_for_locale,
    render_batch,
    render_prep_sheet,
)
from desktop_crm.reports.samples import sample_prep_data

LONG = ("This is a very long note that somebody pasted from an email thread, " * 40).strip()


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def overloaded():
    data = sample_prep_data()
    data.person.name = "Maximiliane Alexandra von Hohenzollern-Sigmaringen " * 3
    data.person.title = LONG
    data.person.organization = LONG
    data.pitch = LONG
    data.objectives.learn = data.objectives.reveal = data.objectives.ask = LONG
    data.talking_points = [LONG] * 15
    data.shared_interests = [f"Interest {i}" for i in range(30)]
    data.past_interactions = [Interaction(date(2024, 1, i + 1), "meeting", LONG)
                              for i in range(20)]
    data.org_learnings = [LONG] * 12
    data.questions = [f"Question {i}: {LONG}" for i in range(40)]
    data.ask = LONG
    data.intro_candidates = [f"Candidate {i} ({LONG})" for i in range(25)]
    data.reminders = [LONG] * 10
    data.follow_up = [LONG] * 10
    return data


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_forty_questions_and_very_long_notes_fit_two_pages(paper: str) -> None:
    pdf = render_prep_sheet(overloaded(), PrepOptions(paper=paper, prepared_on=date(2024, 5, 1)))
    pages = reader(pdf).pages
    assert len(pages) <= 2
    text = "\n".join(p.extract_text() for p in pages)
    assert "…" in text  # long texts were shortened
    assert "more" in text  # long lists were capped with "+N more"
    assert "QUESTIONS (40)" in text


def test_forty_short_questions_keep_all_questions_within_two_pages() -> None:
    data = sample_prep_data()
    data.questions = [f"Short question number {i}?" for i in range(1, 41)]
    pdf = render_prep_sheet(data, PrepOptions(paper="a4", prepared_on=date(2024, 5, 1)))
    pages = reader(pdf).pages
    assert len(pages) <= 2
    text = "\n".join(p.extract_text() for p in pages)
    assert "Short question number 40?" in text


def test_typical_sheet_is_one_page() -> None:
    pdf = render_prep_sheet(sample_prep_data(), PrepOptions(paper="letter"))
    assert len(reader(pdf).pages) == 1


def test_room_to_write_may_go_beyond_two_pages() -> None:
    data = sample_prep_data()
    data.questions = [f"Question {i}?" for i in range(30)]
    tight = render_prep_sheet(data, PrepOptions(paper="a4"))
    roomy = render_prep_sheet(data, PrepOptions(paper="a4", room_to_write=True))
    assert len(reader(tight).pages) <= 2
    assert len(reader(roomy).pages) > 2


@pytest.mark.parametrize(("paper", "size"), [("a4", A4), ("letter", LETTER), ("A4", A4),
                                             ("tabloid", A4)])
def test_paper_size(paper: str, size: tuple[float, float]) -> None:
    page = reader(render_prep_sheet(sample_prep_data(), PrepOptions(paper=paper))).pages[0]
    assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.01)


@pytest.mark.parametrize(("name", "paper"), [
    ("en_US.UTF-8", "letter"), ("fr_CA.UTF-8", "letter"), ("es_MX", "letter"),
    ("en_PH.utf8", "letter"), ("en_GB.UTF-8", "a4"), ("de_DE@euro", "a4"), ("C", "a4"),
    ("", "a4"), ("English_United States.1252", "letter"), ("German_Germany.1252", "a4"),
])
def test_default_paper_follows_the_locale(name: str, paper: str) -> None:
    assert default_paper_for_locale(name) == paper


def test_default_paper_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    assert default_paper_for_locale() == "letter"
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert default_paper_for_locale() == "a4"


def test_batch_of_three_starts_each_sheet_on_a_new_page() -> None:
    sheets = [sample_prep_data() for _ in range(3)]
    for i, data in enumerate(sheets):
        data.person.name = f"Person Number {i}"
    sheets[1].questions = [f"Question {i}: {LONG[:300]}" for i in range(30)]  # a two-pager
    pdf = render_batch(sheets, PrepOptions(paper="a4", prepared_on=date(2024, 5, 1)))
    pages = reader(pdf).pages
    assert len(pages) >= 3
    firsts = [i for i, p in enumerate(pages) if p.extract_text().lstrip().startswith("Person Number")]
    assert len(firsts) == 3
    assert [pages[i].extract_text().lstrip()[:15] for i in firsts] == [
        "Person Number 0", "Person Number 1", "Person Number 2"]
    # footers number pages per sheet
    assert "page 2 of 2" in pages[firsts[1] + 1].extract_text()
    assert "page 1 of 1" in pages[firsts[2]].extract_text()


def test_empty_batch_is_an_error() -> None:
    with pytest.raises(ValueError):
        render_batch([])
