"""Outlook CSV: outlook.com and Outlook for Windows (desktop).

outlook.com: ``First Name,Middle Name,Last Name,Title,Suffix,Nickname,
Given Yomi,Surname Yomi,E-mail Address,E-mail 2 Address,E-mail 3 Address,
Home Phone,...,Mobile Phone,...,Job Title,Department,Company,...``.
Desktop: ``Title,First Name,Middle Name,Last Name,Suffix,Company,Department,
Job Title,Business Street,...,Business Country/Region`` (``Business
Country`` in older versions) ``,...,E-mail Address,E-mail Type,
E-mail Display Name,...,Categories,...,Notes,...,Referred By,...``.  Such
files are often Windows-1252, which ``reading.decode`` handles.

Decisions: Outlook's ``Title`` is the name prefix (Mr., Dr.), so it goes to
``extra`` and ``Job Title`` is the title.  ``Categories`` are split on
``;`` into tags; ``Referred By`` is ``how_met``; business city, state and
country make ``location`` (home and other addresses stay in ``extra``);
every ``... Phone``/``Fax``/``Pager`` column is a phone labelled from its
name (``Mobile Phone`` -> ``mobile``, ``Business Phone`` -> ``work``);
``Web Page`` holding a LinkedIn URL fills ``linkedin_url``.  Outlook's
filler values are dropped: birthdays ``0/0/00``, ``E-mail Type``/``E-mail
Display Name`` columns, and ``Gender: Unspecified``, ``Priority: Normal``,
``Sensitivity: Normal``, ``Private: False``.  The German Outlook writes the same
columns in German (``Vorname``, ``E-Mail-Adresse``, ``Telefon geschäftlich``,
``Ort geschäftlich``, ``Kategorien``, and ``0.0.00`` for no date).
"""

from __future__ import annotations

from .row_engine import Options

_EXACT = {
    "first name": "first_name", "middle name": "middle_name", "last name": "last_name",
    "company": "organization", "job title": "title", "department": "department",
    "e-mail address": "email", "e-mail 2 address": "email", "e-mail 3 address": "email",
    "email address": "email", "e-mail type": "ignore", "e-mail 2 type": "ignore",
    "e-mail 3 type": "ignore", "e-mail display name": "ignore",
    "e-mail 2 display name": "ignore", "e-mail 3 display name": "ignore",
    "business city": "location", "business state": "location",
    "business country/region": "location", "business country": "location",
    "categories": "tags", "referred by": "how_met", "notes": "notes", "birthday": "birthday",
    "web page": "website", "personal web page": "website",
}
# Outlook for Windows in German writes its own header words (the same columns).
_EXACT.update({
    "vorname": "first_name", "weitere vornamen": "middle_name", "nachname": "last_name",
    "firma": "organization", "abteilung": "department", "position": "title",
    "e-mail-adresse": "email", "e-mail 2: adresse": "email", "e-mail 3: adresse": "email",
    "e-mail-typ": "ignore", "e-mail 2: typ": "ignore", "e-mail 3: typ": "ignore",
    "e-mail: angezeigter name": "ignore", "e-mail 2: angezeigter name": "ignore",
    "e-mail 3: angezeigter name": "ignore",
    "ort geschäftlich": "location", "region geschäftlich": "location",
    "land/region geschäftlich": "location",
    "kategorien": "tags", "empfohlen von": "how_met", "notizen": "notes",
    "geburtstag": "birthday", "webseite": "website",
})
_PHONE_ENDINGS = ("phone", "phone 2", "fax", "pager", "callback", "telex", "isdn")
_PHONE_WORDS = ("telefon", "fax", "pager", "isdn", "telex", "rückmeldung")
DEFAULTS = {
    "gender": frozenset({"Unspecified"}),
    "priority": frozenset({"Normal"}),
    "sensitivity": frozenset({"Normal"}),
    "private": frozenset({"False"}),
    "geschlecht": frozenset({"Nicht angegeben"}),
    "priorität": frozenset({"Normal"}),
    "vertraulichkeit": frozenset({"Normal"}),
    "privat": frozenset({"Aus"}),
}


def mapping_for(header: list[str]) -> dict[str, str]:
    """Column -> field for an Outlook header; unknown columns -> ``extra``."""
    mapping = {}
    for col in header:
        key = col.strip().lower()
        if key in _EXACT:
            mapping[col] = _EXACT[key]
        elif key.endswith(_PHONE_ENDINGS) or any(word in key for word in _PHONE_WORDS):
            mapping[col] = "phone"
        else:
            mapping[col] = "extra"
    return mapping


def split_categories(cell: str) -> list[str]:
    """``"Friends; Work"`` -> ``["Friends", "Work"]``."""
    tags = []
    for part in cell.split(";"):
        part = part.strip()
        if part and part not in tags:
            tags.append(part)
    return tags


OPTIONS = Options(
    source="outlook",
    split_values=lambda cell: [cell],
    split_phones=lambda cell: [cell],
    split_tags=split_categories,
    empty_values=frozenset({"0/0/00", "0/0/0000", "00/00/0000", "0.0.00", "00.00.0000"}),
    defaults=DEFAULTS,
)
