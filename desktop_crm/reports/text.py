"""Turning user text into safe paragraph markup.

reportlab's Paragraph parses a small XML dialect, so a contact called
``Tom & Jerry <b>`` would turn bold, or a lone ``<`` raise a parse error.
Every user string passes through :func:`markup`, which cleans, shortens,
escapes, and wraps runs of CJK characters in a font that has them.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from desktop_crm.reports.fonts import font_for_cjk_run

ELLIPSIS = "\u2026"

# C0/C1 controls (except tab/newline) and lone surrogates break the PDF writer
# or the paragraph parser; they carry nothing printable.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACE = re.compile(r"\s+")
# CJK ideographs, kana, hangul, CJK punctuation and full-width forms.
_CJK_RUN = re.compile(
    "[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\u1100-\u11ff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]+"
)


def clean(text: object) -> str:
    """Plain one-line text: ``None`` becomes ``""``, controls go, whitespace
    collapses (a pasted note with blank lines prints as one paragraph)."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text))
    return _SPACE.sub(" ", _CONTROL.sub("", value)).strip()


def shorten(text: object, limit: int | None) -> str:
    """Clean ``text`` and cut it at a word boundary to at most ``limit``
    characters, ending with an ellipsis. Long notes must not push the sheet
    past its page limit."""
    value = clean(text)
    if limit is None or len(value) <= limit:
        return value
    cut = value[: max(limit - 1, 1)]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014") + ELLIPSIS


def has_cjk(text: str) -> bool:
    """Whether ``text`` needs the CJK fallback font."""
    return bool(_CJK_RUN.search(text))


def markup(text: object, limit: int | None = None) -> str:
    """Escaped paragraph markup for one user string, CJK runs in a CJK font."""
    value = shorten(text, limit)
    if not has_cjk(value):
        return escape(value)
    parts: list[str] = []
    last = 0
    for match in _CJK_RUN.finditer(value):
        parts.append(escape(value[last : match.start()]))
        run = match.group(0)
        font = font_for_cjk_run(run)
        parts.append(f'<font name="{font}">{escape(run)}</font>' if font else escape(run))
        last = match.end()
    parts.append(escape(value[last:]))
    return "".join(parts)


def capped(items: list[str] | None, limit: int) -> tuple[list[str], int]:
    """Non-empty cleaned items up to ``limit``, and how many were left out
    (printed as "+N more")."""
    kept = [s for s in (clean(i) for i in items or []) if s]
    if len(kept) <= limit:
        return kept, 0
    return kept[:limit], len(kept) - limit
