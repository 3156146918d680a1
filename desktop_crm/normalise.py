"""How the app compares names and recognises an email address: one rule each, for every layer.

**Folding.** Two spellings of a name are the same when they differ only in
case, accents or spacing: ``François  Dupont`` and ``francois dupont``. The
importer matches people by folded name and organization, the command line
finds the person a user typed, file names are made from folded names, and
column headers are read folded. One rule, so that a name that matches in one
place matches in all of them; it lives here, below the layers, because the
parsers (``io``) and the services both need it and neither may import the
other's copy.

**Email addresses.** One ``@``, something before it, a dotted domain after it
whose last label has at least two characters, and none of the characters that
cannot appear unquoted in an address a mail program takes from a ``mailto:``
link (spaces, ``<>(),;:"``). Deliberately permissive otherwise (no list of
top-level domains, no RFC 5322 quoted forms): people's exports hold real,
unusual addresses. The same rule decides what a file's cell holds and what a
form saves, so an address the importer keeps is never one the contact editor
then refuses, and the other way round.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

EMAIL = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]{2,}")


def is_email(text: str) -> bool:
    """Whether ``text`` (already trimmed) is an email address by the rule above."""
    return EMAIL.fullmatch(text) is not None


def fold(text: str) -> str:
    """Casefold, strip accents and collapse spaces: the form names are compared in.

    Called a million times by a 100,000-row import: plain ASCII takes a fast
    path, and the rest (names and companies repeat) is cached.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    return _fold_unicode(text)


@lru_cache(maxsize=1 << 15)
def _fold_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())
