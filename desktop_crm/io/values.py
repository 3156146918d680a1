"""Cell values: names split into parts, dates, emails, labels, multi-value cells.

Pure functions over strings, shared by the row engine and the vCard reader.
``unquote_formula`` undoes the apostrophe our CSV export puts before a cell a
spreadsheet would run as a formula (``'+49 30 1234`` -> ``+49 30 1234``), so
our own exports import back equal.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..normalise import EMAIL
from .synonyms import normalise_header

EMAIL_RE = EMAIL  # the one rule, and why: desktop_crm.normalise
PHONE_RE = re.compile(r"\+?[\d\s().\-/]{6,}(?:\s*(?:x|ext\.?)\s*\d+)?")
_MULTI_SPLIT = re.compile(r"\s*(?::::|;|,|\n)\s*")
_TAG_SPLIT = re.compile(r"\s*(?::::|;|,)\s*")
# What ``csv_export.safe_cell`` puts an apostrophe before.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def unquote_formula(value: str) -> str:
    """``"'=1+1"`` -> ``"=1+1"``: drop the apostrophe of a formula-safe exported cell.

    Only an apostrophe followed by ``= + - @``, a tab or a carriage return
    goes (``"'Tis"`` stays as it is); the result is stripped like every value.
    """
    if value[:1] == "'" and value[1:2] in FORMULA_STARTS and len(value) > 1:
        return value[1:].strip()
    return value


_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das",
              "du", "la", "le", "ten", "ter", "bin", "ibn", "al", "el", "zu", "y", "st.", "mc"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "dds", "cpa", "msc",
             "bsc", "ma", "ba", "pe", "rn", "dr", "prof", "mph", "jd", "llm"}
_PREFIXES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "herr", "frau", "mme",
             "mlle", "m", "sr", "sra", "srta", "don", "dona"}


def _bare(token: str) -> str:
    return token.lower().replace(".", "")


def split_name(full: str) -> tuple[str, str, str, str]:
    """``(first, middle, last, rest)`` from a full name; ``rest`` holds a prefix
    such as "Dr." or a suffix such as "PhD" so it can be kept in ``extra``.

    ``"Last, First"`` is recognised (unless what follows the comma is only
    suffixes, as in ``"Jane Doe, PhD"``); surname particles stay with the
    surname (``"Ludwig van Beethoven"`` -> last ``"van Beethoven"``).
    """
    text = " ".join(full.split())
    rest: list[str] = []
    if "," in text:
        left, right = (part.strip() for part in text.split(",", 1))
        right_tokens = right.replace(",", " ").split()
        if right_tokens and all(_bare(t) in _SUFFIXES for t in right_tokens):
            text, rest = left, [right]
        elif left and right:
            tokens = right.split()
            return tokens[0], " ".join(tokens[1:]), left, ""
        else:
            text = left or right
    tokens = text.split()
    while len(tokens) > 2 and _bare(tokens[0]) in _PREFIXES:
        rest.insert(0, tokens.pop(0))
    while len(tokens) > 2 and _bare(tokens[-1]) in _SUFFIXES:
        rest.append(tokens.pop())
    if not tokens:
        return "", "", "", " ".join(rest)
    if len(tokens) == 1:
        return tokens[0], "", "", " ".join(rest)
    k = len(tokens) - 1
    while k > 1 and tokens[k - 1].lower() in _PARTICLES:
        k -= 1
    return tokens[0], " ".join(tokens[1:k]), " ".join(tokens[k:]), " ".join(rest)


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12, "mär": 3, "mrz": 3, "mai": 5, "okt": 10,
    "dez": 12, "jui": 7, "fév": 2, "fev": 2, "avr": 4, "aoû": 8, "aou": 8, "déc": 12,
    "ene": 1, "abr": 4, "ago": 8, "dic": 12, "janv": 1, "juil": 7, "juin": 6,
}
_DATE_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_date_cache: dict[str, dt.date | None] = {}


def parse_date(text: str) -> dt.date | None:
    """A date from LinkedIn and spreadsheet styles, or ``None``.

    Understood: ``30 May 2024``, ``May 30, 2024``, ``2024-05-30``,
    ``1/8/18, 6:14 PM`` (month first, as LinkedIn's US export writes it,
    unless the first number cannot be a month), ``30.05.2024``.  Results are
    cached because exports repeat the same dates many times.
    """
    try:
        return _date_cache[text]
    except KeyError:
        pass
    result = _parse_date(text)
    if len(_date_cache) < 100_000:
        _date_cache[text] = result
    return result


def _parse_date(text: str) -> dt.date | None:
    head = text.strip()
    slash = "/" in head
    dotted = re.match(r"\s*\d{1,2}\.\d{1,2}\.\d{2,4}", head) is not None
    if "," in head and slash:
        head = head.split(",", 1)[0]
    tokens = _DATE_TOKEN.findall(head)[:4]
    numbers = [t for t in tokens if t.isdigit()]
    words = [t.lower() for t in tokens if not t.isdigit()]
    try:
        month_word = next((_MONTHS.get(w[:4]) or _MONTHS.get(w[:3]) for w in words
                           if _MONTHS.get(w[:4]) or _MONTHS.get(w[:3])), None)
        if month_word and len(numbers) >= 2:
            day, year = (int(numbers[0]), int(numbers[1]))
            if day > 31:
                day, year = year, day
            return dt.date(_year(year), month_word, day)
        if len(numbers) < 3:
            return None
        a, b, c = (int(n) for n in numbers[:3])
        if len(numbers[0]) == 4:
            return dt.date(a, b, c)
        if dotted or (slash and a > 12):
            return dt.date(_year(c), b, a)
        if slash or "-" in head:
            return dt.date(_year(c), a, b)
        return None
    except ValueError:
        return None


def _year(value: int) -> int:
    if value < 100:
        return 2000 + value if value < 70 else 1900 + value
    return value


def has_word(value: str) -> bool:
    """True when the text holds a letter or a digit, in any script. ``-``, ``.``,
    ``?``, ``n/a``-style fillers and names made only of emoji or symbols (``‼️📌``)
    are placeholders, not names: nothing in them can be matched on a later import."""
    if value.isascii():
        return any(ch.isalnum() for ch in value)
    return any(unicodedata.category(ch)[0] in "LN" for ch in value)


def clean_email(value: str) -> str | None:
    """The address in a cell (``mailto:`` and ``Name <addr>`` unwrapped), or
    ``None`` when it does not look like an email address."""
    if value[:7].lower() == "mailto:":
        value = value[7:].strip()
    if "<" in value and value.endswith(">"):
        value = value[value.rfind("<") + 1:-1].strip()
    return value if EMAIL_RE.fullmatch(value) else None


def is_phone_like(value: str) -> bool:
    """A phone number holds digits (three at least: ``112``, ``1-800-FLOWERS``); a field
    name or label in a phone field (``Mobil``, ``Fax privat``) is none."""
    return sum(ch.isdigit() for ch in value) >= 3


def value_kind(value: str) -> str | None:
    """What a lone value is by its look, for a cell no header names: ``"email"``,
    ``"linkedin_url"``, ``"website"`` or ``"phone"`` (seven digits or more that are not
    a date); ``None`` when it could be anything (a word, a date, a number)."""
    if clean_email(value):
        return "email"
    lowered = value.lower()
    if "linkedin.com/in/" in lowered or "linkedin.com/pub/" in lowered:
        return "linkedin_url"
    if lowered.startswith(("http://", "https://", "www.")) and " " not in value:
        return "website"
    if (PHONE_RE.fullmatch(value) and sum(c.isdigit() for c in value) >= 7
            and parse_date(value) is None):
        return "phone"
    return None


_LABEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fax", ("fax",)),
    ("pager", ("pager",)),
    ("mobile", ("mobile", "mobil", "cell", "handy", "portable", "movil", "celular", "携帯",
                "手机", "手機", "휴대")),
    ("work", ("work", "business", "office", "company", "geschaft", "dienst", "buro",
              "arbeit", "travail", "bureau", "professionnel", "trabajo", "oficina", "勤務先",
              "会社", "工作", "公司", "직장", "회사")),
    ("home", ("home", "private", "privat", "personal", "perso", "domicile", "maison",
              "casa", "particular", "zuhause", "自宅", "家庭", "住宅", "자택", "집")),
    ("other", ("other", "andere", "autre", "otro")),
    ("main", ("primary", "main")),
)


def label_from_column(column: str) -> str:
    """``"Business Phone"`` -> ``"work"``; ``""`` when the header says nothing."""
    key = normalise_header(column)
    for label, words in _LABEL_WORDS:
        if any(word in key for word in words):
            return label
    return ""


def clean_label(label: str) -> str:
    """Google's ``"* Work"`` -> ``"work"`` (the star marks the primary value)."""
    return label.strip().lstrip("*").strip().lower()


def split_multi(cell: str) -> list[str]:
    """Several emails or phones in one cell (``:::``, ``;``, ``,`` or lines)."""
    if ";" in cell or "," in cell or ":::" in cell or "\n" in cell:
        return [part for part in _MULTI_SPLIT.split(cell) if part]
    return [cell]


# ``;`` parts of one number (RFC 3966: ``;ext=102``, ``;isub=``, ``;postd=``) and
# extension words are not a second number.
_PHONE_SPLIT = re.compile(r"\s*(?::::|;(?!\s*(?:ext|isub|postd|phone-context|x)\b)|,(?!\s*(?:ext|x)\b)|\n)\s*",
                          re.IGNORECASE)


def split_phones(cell: str) -> list[str]:
    """Several phones in one cell, keeping an extension with its number
    (``+1-418-656-9254;ext=102`` is one phone)."""
    if ";" in cell or "," in cell or ":::" in cell or "\n" in cell:
        return [part for part in _PHONE_SPLIT.split(cell) if part]
    return [cell]


def split_tags(cell: str) -> list[str]:
    """Tags separated by ``;``, ``,`` or ``:::``. A cell using ``:::`` (Google's
    separator, and ours when a tag holds a comma) is split on that alone, so a tag
    such as ``Friends, family`` stays one tag."""
    if ":::" in cell:
        return [part.strip() for part in cell.split(":::") if part.strip()]
    return [part for part in _TAG_SPLIT.split(cell.strip()) if part]


def join_tags(tags: list[str]) -> str:
    """Tags as one cell that :func:`split_tags` reads back the same."""
    if any("," in t or ";" in t for t in tags):
        return " ::: ".join(tags)
    return "; ".join(tags)
