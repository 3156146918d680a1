"""The fitting search: the same choice as trying every density in order, in fewer passes."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_crm.reports import PrepOptions
from desktop_crm.reports import prep_sheet as ps
from desktop_crm.reports.samples import sample_prep_data
from desktop_crm.reports.sheet_story import LEVELS

OPTIONS = PrepOptions(paper="a4", prepared_on=date(2024, 5, 1))


def reference_density(data, options):
    """The plain rule: the first one-page density that gives one page, else
    the first density within two pages (one pass per level)."""
    pages = [ps._build([(data, d)], options, dry=True)[1] for d in LEVELS]
    for d, n in zip(LEVELS, pages, strict=True):
        if d.one_page_ok and n == 1:
            return d
    for d, n in zip(LEVELS, pages, strict=True):
        if n <= ps.MAX_PAGES:
            return d
    return LEVELS[-1]


@pytest.mark.parametrize("count", [0, 3, 7, 12, 18, 25, 33, 40])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_search_picks_the_same_density_as_trying_every_level(count: int, paper: str) -> None:
    data = sample_prep_data()
    data.questions = [f"Question {i}: " + "how does your team decide what to build " * (i % 3 + 1)
                      for i in range(count)]
    options = PrepOptions(paper=paper, prepared_on=date(2024, 5, 1))
    chosen = ps._fit_density(data, options)
    expected = reference_density(data, options)
    # A one-page result may then widen its lines to write on: compare the level.
    assert (chosen.text_chars, chosen.items, chosen.question_columns) == (
        expected.text_chars, expected.items, expected.question_columns)


def test_dry_pass_counts_the_same_pages_as_a_drawn_one() -> None:
    data = sample_prep_data()
    data.questions = data.questions * 3
    for density in LEVELS:
        assert ps._build([(data, density)], OPTIONS, dry=True)[1] == \
            ps._build([(data, density)], OPTIONS)[1]


def test_a_short_sheet_fits_in_few_layout_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    real = ps._build

    def counting(sheets, options, probe=None, dry=False):
        calls.append(dry)
        return real(sheets, options, probe, dry)

    monkeypatch.setattr(ps, "_build", counting)
    ps.render_prep_sheet(sample_prep_data(), OPTIONS)
    assert calls.count(False) == 1  # only the chosen layout is drawn
    assert len(calls) <= 4  # not one pass per level (there are nine)


def test_measured_font_caches_widths_and_matches_reportlab() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from desktop_crm.reports.fonts import REGULAR, MeasuredTTFont, register_fonts

    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    assert isinstance(font, MeasuredTTFont)
    text = "Jürgen Schäfer, Дмитрий"
    assert font.stringWidth(text, 9) == TTFont.stringWidth(font, text, 9)
    assert (text, 9) in font._widths
