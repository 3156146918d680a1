"""Recognising a file's format from its content, never from its name.

``looks_like_vcard(text)`` is true when the first non-blank line is
``BEGIN:VCARD``, or when the first lines are mostly vCard properties and a card
ends somewhere (the ``BEGIN:VCARD`` line was lost).  ``detect_csv_format(header)`` names the CSV dialect from
the header cells:

* ``"linkedin"`` — ``First Name``, ``Last Name``, ``Company``, ``Position``
  and ``Connected On``;
* ``"google"`` — numbered ``E-mail 1 - Value``/``Phone 1 - Value`` style
  columns, or ``Given Name``/``Family Name``/``Group Membership``, or the new
  export's ``Phonetic First Name``/``File As``/``Labels``;
* ``"outlook"`` — ``E-mail Address`` with Outlook's own columns (``Job
  Title``, ``Business Phone``, ``Mobile Phone``, ``Home Phone``, ...);
* ``"generic"`` — anything else.
"""

from __future__ import annotations

import re

from .vcard_lines import looks_like_property, physical_lines

FORMATS = ("linkedin", "google", "outlook", "vcard", "generic")

_FOLD = re.compile(r"\r?\n[ \t]")
_GOOGLE_NUMBERED = re.compile(r"^(e-mail|phone|address|website|organization|relation|"
                              r"event|im|custom field) \d+ - ", re.IGNORECASE)
_OUTLOOK_MARKERS = {"job title", "business phone", "mobile phone", "home phone",
                    "business street", "e-mail 2 address", "e-mail display name",
                    "business country/region", "business country", "referred by",
                    "given yomi", "surname yomi", "company main phone"}


# The German Outlook's words for the same columns.
_OUTLOOK_MARKERS_DE = {"position", "telefon geschäftlich", "mobiltelefon", "straße geschäftlich",
                       "ort geschäftlich", "land/region geschäftlich", "empfohlen von",
                       "e-mail: angezeigter name", "weitere vornamen"}


def looks_like_vcard(text: str) -> bool:
    """True when the text's first non-blank line starts a vCard, or when its first
    lines are mostly vCard properties (a file whose ``BEGIN:VCARD`` line was lost)
    and it ends a card somewhere."""
    if text.lstrip()[:11].upper() == "BEGIN:VCARD":
        return True
    start = _FOLD.sub("", text[:65536])  # a writer may fold any line, BEGIN:VCARD too
    if start.lstrip()[:11].upper() == "BEGIN:VCARD":
        return True
    head = [line for line in physical_lines(start[:8192])[:40] if line.strip()]
    if len(head) < 3:
        return False
    properties = sum(1 for line in head if looks_like_property(line))
    return properties * 10 >= len(head) * 6 and (
        "END:VCARD" in _FOLD.sub("", text[:1 << 20]).upper())


def detect_csv_format(header: list[str]) -> str:
    """The CSV dialect named by a header row (see the module docstring)."""
    lowered = {cell.strip().lower() for cell in header}
    if {"first name", "last name", "company", "position", "connected on"} <= lowered:
        return "linkedin"
    if any(_GOOGLE_NUMBERED.match(cell.strip()) for cell in header):
        return "google"
    if {"given name", "family name"} <= lowered or "group membership" in lowered:
        return "google"
    if {"phonetic first name", "file as"} <= lowered:
        return "google"
    if "e-mail address" in lowered and len(lowered & _OUTLOOK_MARKERS) >= 2:
        return "outlook"
    if "e-mail-adresse" in lowered and len(lowered & _OUTLOOK_MARKERS_DE) >= 2:
        return "outlook"
    # Other programs (Roundcube) share Outlook's phone columns but name emails their way.
    if len(lowered & _OUTLOOK_MARKERS) >= 4 and not any(
            cell.startswith(("email", "e-mail ")) for cell in lowered):
        return "outlook"
    return "generic"
