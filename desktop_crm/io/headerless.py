"""Files without a header row, and the rows above a header.

A header is recognised by its content: a first row holding an email
address, a profile URL, a phone number or a date is data, not a header
(:func:`looks_like_data`). The columns of such a file are then named:

* by a known layout, when the values fit it: LinkedIn's ``Connections.csv``
  (7 columns: profile URLs in the 3rd, dates in the 7th; or the older 6 without
  URLs: names in the 1st, emails or nothing in the 3rd, dates in the 6th) and
  Thunderbird's address-book export (36 to 38 columns, emails in the 5th);
* else ``column 1``, ``column 2``, ... and the values decide the fields:
  emails, phones and profile URLs (``generic.sniff_values``), then names
  (:func:`sniff_names`: the leftmost columns of short capitalised words; a
  display name followed by its first and last name is read as those three).

Rows above the header that are not a known preamble (LinkedIn's ``Notes:``
paragraph) are never dropped silently: :func:`preamble_problems` reports each.
"""

from __future__ import annotations

import re

from .records import RowProblem
from .values import EMAIL_RE, PHONE_RE, parse_date

LINKEDIN = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
            "Connected On"]
THUNDERBIRD = [
    "First Name", "Last Name", "Display Name", "Nickname", "Primary Email", "Secondary Email",
    "Screen Name", "Work Phone", "Home Phone", "Fax Number", "Pager Number", "Mobile Number",
    "Home Address", "Home Address 2", "Home City", "Home State", "Home ZipCode",
    "Home Country", "Work Address", "Work Address 2", "Work City", "Work State",
    "Work ZipCode", "Work Country", "Job Title", "Department", "Organization", "Web Page 1",
    "Web Page 2", "Birth Year", "Birth Month", "Birth Day", "Custom 1", "Custom 2",
    "Custom 3", "Custom 4", "Notes",
]
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:[-'’][^\W\d_]+)*\.?$")
_PARENTHESES = re.compile(r"\([^()]*\)")
_LINKEDIN_NOTES = ("notes:", "when exporting your connection data")


def looks_like_data(cells: list[str]) -> bool:
    """True when a would-be header holds values: an email, a profile URL, a phone, a date,
    a bare number."""
    for cell in cells:
        value = cell.strip()
        if not value:
            continue
        if EMAIL_RE.fullmatch(value) or "linkedin.com/in/" in value.lower():
            return True
        if value.isdigit():  # an id or a number: a header names columns with words
            return True
        if PHONE_RE.fullmatch(value) and sum(c.isdigit() for c in value) >= 7:
            return True
        if any(c.isdigit() for c in value) and parse_date(value) is not None:
            return True
    return False


def _share(values: list[str], test) -> float:
    filled = [v.strip() for v in values if v.strip()]
    return sum(1 for v in filled if test(v)) / len(filled) if filled else 0.0


def known_layout(rows: list[list[str]], start: int) -> tuple[str, list[str]] | None:
    """``(format, header)`` of a known export whose header row is missing, from its values."""
    data = [r for r in rows[start:start + 200] if any(c.strip() for c in r)]
    if not data:
        return None
    width = max(len(r) for r in data)

    def column(i: int) -> list[str]:
        return [r[i] if i < len(r) else "" for r in data]

    if width == 7 and _share(column(2), lambda v: "linkedin.com/" in v.lower()) >= 0.8 \
            and _share(column(6), lambda v: parse_date(v) is not None) >= 0.8:
        return "linkedin", list(LINKEDIN)
    if width == 6 and _share(column(5), lambda v: parse_date(v) is not None) >= 0.8 \
            and all(not v.strip() or EMAIL_RE.fullmatch(v.strip()) for v in column(2)) \
            and _share(column(0), lambda v: 1 <= _name_words(v) <= 3) >= 0.8:
        # The older export, without the URL column; e-mail addresses mostly hidden.
        return "linkedin", [c for c in LINKEDIN if c != "URL"]
    if 36 <= width <= 38 and _share(column(4), lambda v: EMAIL_RE.fullmatch(v)) >= 0.8:
        header = THUNDERBIRD[:width] + [f"column {i}" for i in range(len(THUNDERBIRD) + 1,
                                                                    width + 1)]
        return "generic", header
    return None


def sniff_names(header: list[str], mapping: dict[str, str], rows: list[list[str]],
                start: int) -> None:
    """Name columns of a headerless file from their values, in ``mapping``.

    The leftmost unmapped columns whose values are short capitalised words are the
    name: two side by side of single words are first and last name; one of two or
    three words is a full name (split later).
    """
    if any(f in mapping.values() for f in ("first_name", "last_name", "name")):
        return
    data = [r for r in rows[start + 1:start + 201] if any(c.strip() for c in r)]

    def values(i: int) -> list[str]:
        return [r[i] for r in data if i < len(r)]

    def free(i: int) -> bool:
        return i < len(header) and mapping.get(header[i]) == "extra"

    def parts_of_full(i: int) -> float:
        """Share of rows whose column ``i`` is columns ``i+1`` and ``i+2`` joined."""
        pairs = [(r[i].strip(), f"{r[i + 1].strip()} {r[i + 2].strip()}".strip())
                 for r in data if len(r) > i + 2 and r[i].strip()]
        return sum(1 for full, joined in pairs if full == joined) / len(pairs) if pairs else 0

    for i, col in enumerate(header):
        if mapping.get(col) != "extra":
            continue
        column = values(i)
        one = _share(column, lambda v: _name_words(v) == 1)
        several = _share(column, lambda v: 2 <= _name_words(v) <= 4)
        if free(i + 1) and free(i + 2) and one + several >= 0.8 and parts_of_full(i) >= 0.8:
            # A display name followed by its first and last name (Thunderbird's order).
            mapping[col], mapping[header[i + 1]], mapping[header[i + 2]] = (
                "name", "first_name", "last_name")
            return
        counts = [_name_words(v) for v in column if v.strip()]
        if free(i + 1) and _share(column, lambda v: 1 <= _name_words(v) <= 2) >= 0.8 \
                and counts and sum(counts) / len(counts) <= 1.5 \
                and _share(values(i + 1), lambda v: 1 <= _name_words(v) <= 3) >= 0.8:
            # Given names (a few double: "Anna Maria", "Dr. Jonas") beside surnames.
            mapping[col], mapping[header[i + 1]] = "first_name", "last_name"
            return
        if several >= 0.8 or (one + several >= 0.8 and several > 0):
            mapping[col] = "name"
            return


def _name_words(value: str) -> int:
    """How many name words ``value`` holds (0 when any part is not a name word); a part
    in parentheses (``Piorun (geb. Mayer)``, ``Löwe (文竹)``) is not counted."""
    parts = _PARENTHESES.sub(" ", value).split()
    return len(parts) if parts and all(_NAME_WORD.match(p) for p in parts) else 0


def is_linkedin_notes(rows: list[list[str]]) -> bool:
    text = " ".join(c for r in rows for c in r).strip().lower()
    return text.startswith(_LINKEDIN_NOTES)


def preamble_problems(rows: list[list[str]]) -> tuple[list[RowProblem], list[RowProblem]]:
    """``(problems, warnings)`` for the non-blank rows above the header.

    A known preamble (LinkedIn's notes) is skipped quietly. A row holding an email,
    URL, phone or date is a person who was not imported (it goes to the not-imported
    file); any other row is a title line, reported as a warning.
    """
    filled = [(i, r) for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not filled or is_linkedin_notes([r for _, r in filled]):
        return [], []
    problems, warnings = [], []
    for index, row in filled:
        text = ", ".join(c.strip() for c in row if c.strip())
        if looks_like_data(row):
            problems.append(RowProblem(index + 1, None, "the row is above the header row "
                                       "and was not read as a person; check the file's "
                                       "first lines", list(row)))
        else:
            warnings.append(RowProblem(index + 1, None, f"'{text[:60]}' above the header "
                                       "was taken for a title line and not imported",
                                       list(row)))
    return problems, warnings
