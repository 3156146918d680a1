"""The key people are sorted by: their name as a reader of Latin letters files it.

"Tomás Ó Briain" files under O, "Zieliński" under Z before "Zimmer",
"Иванов" under I, "山田" under S (Shan): each name is transliterated to
ASCII (:mod:`anyascii`) and casefolded, so SQLite can sort a million rows
by a plain indexed text column. When folding changed the name, the exact
spelling follows a separator below every letter, so two people whose names
fold alike still sort in one fixed order.
"""

from __future__ import annotations

from anyascii import anyascii

_TIE = "\x1f"  # sorts below space and every letter

# The key the contact table's Organizations column sorts by, in SQL both engines
# read (``{o}`` is the organization table's alias): the stored folded key, or
# lower(name) for a row written without one.
ORGANIZATION_KEY_SQL = "(CASE WHEN {o}.sort_key <> '' THEN {o}.sort_key ELSE lower({o}.name) END)"


def fold(text: str) -> str:
    """Text transliterated to ASCII, casefolded, spaces collapsed: how sort keys and
    the contact table's "contains" filters compare names and values."""
    return " ".join(anyascii(text or "").split()).casefold()


def person_sort_key(first: str, last: str) -> str:
    """'last first', transliterated and casefolded; the exact spelling breaks ties."""
    exact = " ".join(f"{last or ''} {first or ''}".split()).casefold()
    folded = fold(exact)
    return folded if folded == exact else f"{folded}{_TIE}{exact}"


def organization_sort_key(name: str) -> str:
    """An organization's name filed as a person's is: "Østergaard" under O, "Zürich Re"
    before "Zurich" spelt otherwise; the exact spelling breaks ties."""
    exact = " ".join((name or "").split()).casefold()
    folded = fold(exact)
    return folded if folded == exact else f"{folded}{_TIE}{exact}"
