"""User data on screen as typed: never interpreted as HTML.

Qt guesses whether a label's or a tooltip's text is rich text
(``Qt.mightBeRichText``): a contact named ``<h1>X</h1> <img src=...>`` would
be drawn as a heading with an image loaded from the disk. Labels that show
user data are set to ``Qt.PlainText`` (:func:`plain_label`, :func:`make_plain`);
tooltips cannot be, so :func:`tip` escapes text that Qt would take for
markup and marks it as rich text, which then shows the escaped characters
as typed. Where a label has to mix our markup with user data, the data goes
through :func:`html.escape` (:func:`escape`).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def escape(text: str) -> str:
    """User text to put inside our own markup."""
    return html.escape(text, quote=True)


def tip(text: str | None) -> str:
    """A tooltip or message-box text that shows ``text`` as typed (unchanged when Qt
    would show it plain anyway)."""
    if not text:
        return ""
    if not GuiQt.mightBeRichText(text):
        return text
    body = escape(text).replace("\n", "<br>")
    return f"<qt><span style='white-space:pre-wrap'>{body}</span></qt>"


as_typed = tip  # for message boxes, whose text Qt guesses about the same way


def make_plain(*labels: QLabel) -> None:
    """Show these labels' text as typed, whatever it looks like."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label for user data: plain text."""
    label = QLabel(text, parent)
    make_plain(label)
    return label


def warn(parent: QWidget, title: str, error: BaseException) -> None:
    """A service's refusal in a message box: as a sentence, never read as markup."""
    text = str(error)
    sentence = text[:1].upper() + text[1:]
    QMessageBox.warning(parent, title, as_typed(sentence if sentence.endswith(".") else sentence + "."))
