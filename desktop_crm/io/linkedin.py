"""LinkedIn ``Connections.csv``: today's export and the older one.

Today's file starts with a ``Notes:`` line, a quoted paragraph and a blank
line before ``First Name,Last Name,URL,Email Address,Company,Position,
Connected On``; dates read ``30 May 2024``.  The older file has no preamble
and no URL column, and dates like ``1/8/18, 6:14 PM`` (month first).  The
preamble is skipped by ``reading.find_header``; rows that hold nothing but
a date (connections who hid or closed their profile) become problems.
Unknown columns (LinkedIn adds some now and then) go to ``extra``.
"""

from __future__ import annotations

from .row_engine import Options

COLUMNS = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "linkedin_url",
    "profile url": "linkedin_url",
    "email address": "email",
    "company": "organization",
    "position": "title",
    "connected on": "connected_on",
}

OPTIONS = Options(source="linkedin", split_values=lambda cell: [cell],
                  split_phones=lambda cell: [cell])


def mapping_for(header: list[str]) -> dict[str, str]:
    """Column -> field for a LinkedIn header; unknown columns -> ``extra``."""
    return {col: COLUMNS.get(col.strip().lower(), "extra") for col in header}
