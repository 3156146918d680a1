"""Tooltips and message texts show user text as typed, whatever it looks like."""

from __future__ import annotations

import pytest
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument

from desktop_crm.ui.plain_text import plain_label, tip


def _shown(text: str) -> str:
    if not GuiQt.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


@pytest.mark.parametrize("typed", [
    "<h1>X</h1> <img src=/etc/passwd.png width=300>",
    "<b>Org</b> & co",
    "a &amp; b <i>",
    "<font size=200>big\nsecond line",
    "<qt>already</qt>",
])
def test_a_tooltip_shows_markup_as_typed(qapp, typed: str) -> None:
    assert _shown(tip(typed)).replace("\u2029", "\n") == typed


def test_plain_text_stays_as_it_is(qapp) -> None:
    assert tip("Ann Lee, Acme") == "Ann Lee, Acme"
    assert tip("") == "" and tip(None) == ""


def test_a_plain_label_draws_tags_as_text(qapp) -> None:
    label = plain_label("<b>Org</b>")
    assert label.text() == "<b>Org</b>"
    assert label.textFormat().name == "PlainText"
