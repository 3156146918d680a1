"""Hostile and awkward text prints literally and never breaks the layout."""

from __future__ import annotations

import io
import logging
from datetime import date

import pytest
from pypdf import PdfReader

from desktop_crm.reports import Connection, PathStep, Person, PrepOptions, PrepSheetData
from desktop_crm.reports import render_prep_sheet as render
from desktop_crm.reports.samples import hostile_prep_data
from desktop_crm.reports.text import capped, clean, markup, shorten

OPTS = PrepOptions(paper="a4", prepared_on=date(2024, 5, 13))


def pdf_text(pdf: bytes) -> str:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # astral chars in ToUnicode
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("name", [
    "Tom & Jerry <b>", "<font>", "AT&amp;T", "a < b", "x <para> y", "</b></i>", "<br/>",
    "Дмитрий Иванов", "Σοφία Παπαδοπούλου", "Zoë Ångström-Łukasz", "O'Brien \"Bob\"",
])
def test_names_print_literally(name: str) -> None:
    data = PrepSheetData(person=Person(name=name, title=name, organization=name),
                         talking_points=[name], questions=[f"Ask {name}?"],
                         connection=Connection(path=[PathStep("Ana", name), PathStep(name)]))
    text = pdf_text(render(data, OPTS))
    assert name in text
    assert f"Ask {name}?" in text


def test_hostile_sample_renders_and_extracts() -> None:
    text = pdf_text(render(hostile_prep_data(), OPTS))
    for expected in ("Tom & Jerry <b>", "<font> Senior & Co", "AT&amp;T <unclosed",
                     "<b>bold</b>", "<script>alert(1)</script> & friends?",
                     "Дмитрий Иванов, Σοφία Παπαδοπούλου", "Ана <i>"):
        assert expected in text


def test_emoji_rtl_and_cjk_do_not_crash() -> None:
    data = PrepSheetData(person=Person(name="山田太郎 😀", organization="شركة", title="שלום"),
                         pitch="مرحبا 😀 🎉 👩‍💻 שלום", questions=["김민준 你好 カタカナ?"],
                         connection=Connection(path=[PathStep("张伟", "朋友"),
                                                    PathStep("山田太郎 😀")]))
    text = pdf_text(render(data, OPTS))
    assert "山田太郎" in text
    assert "你好" in text


@pytest.mark.parametrize("value", [None, "", "\x00\x01\x1b", "\ud800 lone surrogate",
                                   "a\n\n\nb\tc", " " * 1000, "x" * 20000, "word " * 5000],
                         ids=["none", "empty", "controls", "surrogate", "whitespace", "spaces",
                              "long-word", "long-text"])
def test_awkward_values_never_break_the_layout(value) -> None:
    data = PrepSheetData(person=Person(name=value, title=value, tier=value or ""),
                         pitch=value, ask=value, questions=[value, value],
                         talking_points=[value], intro_candidates=[value],
                         connection=Connection(introduced_by=value,
                                               path=[PathStep(value, value)] * 3))
    pdf = render(data, OPTS)
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    assert shorten("alpha beta gamma delta", 14) == "alpha beta…"
    assert shorten("short", 14) == "short"
    assert shorten("  spaced\n\nout  ", None) == "spaced out"
    assert len(shorten("x" * 100, 10)) == 10


def test_markup_escapes_and_wraps_cjk() -> None:
    assert markup("Tom & Jerry <b>") == "Tom &amp; Jerry &lt;b&gt;"
    assert markup("&amp;") == "&amp;amp;"
    out = markup("Hi 中文 <b>")
    assert "&lt;b&gt;" in out and "中文" in out


def test_clean_and_capped() -> None:
    assert clean(None) == ""
    assert clean("a\x00b") == "ab"
    assert capped(["a", "", "b", "c"], 2) == (["a", "b"], 1)
