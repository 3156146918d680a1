"""Plain records that the parsers hand to the importing service.

This is the contract between the file-parsing layer (``desktop_crm.io``) and
the importing service (merge rules, batches, undo).  Everything here is plain
data: strings, lists, dates; no database ids, no Qt.

Conventions every parser follows:

* Text values are stripped of surrounding whitespace and otherwise kept as
  typed (no case changes, no phone normalisation: that is the service's job).
  An absent value is ``""`` (never ``None``), except ``connected_on``.
* ``row`` is what a user sees in a spreadsheet: the 1-based record number in
  the file, counting every CSV record (preamble lines, the header and blank
  rows included; a quoted cell spanning several lines is one record).  For
  vCard files it is the 1-based card number.
* ``extra`` keeps every non-empty value that was not mapped to a field, keyed
  by its column name (or vCard property name), so nothing is lost.  Cells
  beyond the header are keyed ``"column N"`` (N 1-based).
* A row that cannot become a record (no name and no email) is a
  :class:`RowProblem` in ``ParseResult.problems`` with the raw cells, so it
  can be written back for the user to fix (``parse.write_problems_csv``).
  Issues that did not stop a row (an invalid email, an unreadable date, more
  cells than the header) are :class:`RowProblem` entries in
  ``ParseResult.warnings``; the bad value is kept in ``extra``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class ContactRecord:
    """One person read from a file, in the app's vocabulary.

    ``emails`` and ``phones`` are ``(label, value)`` pairs in file order;
    labels are lower-case words such as ``"work"``, ``"home"``, ``"mobile"``,
    ``"fax"``, ``"other"`` or ``""`` when the file gave none (custom labels
    are kept, lower-cased).
    ``tags`` come from Google labels, Outlook categories, vCard CATEGORIES
    or a tags column.  ``birthday`` is kept as the file wrote it because
    exports mix ``1990-05-17``, ``--05-17`` and ``5/17/1990``.
    ``source`` is the format name (``"linkedin"``, ``"google"``,
    ``"outlook"``, ``"vcard"``, ``"generic"``).
    """

    first_name: str = ""
    last_name: str = ""
    middle_name: str = ""
    organization: str = ""
    title: str = ""
    department: str = ""
    industry: str = ""
    location: str = ""
    linkedin_url: str = ""
    notes: str = ""
    how_met: str = ""
    emails: list[tuple[str, str]] = field(default_factory=list)
    phones: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    connected_on: _dt.date | None = None
    birthday: str = ""
    source: str = ""
    row: int = 0
    extra: dict[str, str] = field(default_factory=dict)
    # Other values of a single-valued field the same row or card gave (a second ORG or
    # TITLE): (field, value); the importer keeps them in the contact's history.
    alternates: list[tuple[str, str]] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        """First, middle and last name joined; the first email if no name."""
        name = " ".join(p for p in (self.first_name, self.middle_name, self.last_name) if p)
        if name:
            return name
        return self.emails[0][1] if self.emails else ""


@dataclass(slots=True)
class RowProblem:
    """A row that was not imported (in ``problems``) or imported with a caveat
    (in ``warnings``).

    ``column`` names the offending column (or vCard property) when one is to
    blame, else ``None``.  ``values`` are the raw cells of the row as read
    (for vCard: the card's text as one cell) so the row can be written back.
    """

    row: int
    column: str | None
    reason: str
    values: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ParseResult:
    """Everything a parser learned from one file.

    ``mapping`` maps every header column to a field name from
    ``parse.FIELDS``: a record field, ``"name"`` (a full name that is split),
    ``"email"``/``"phone"`` (may repeat), ``"email_label"``/``"phone_label"``
    (Google's label columns), ``"website"`` (LinkedIn URLs go to
    ``linkedin_url``, the rest to ``extra``), ``"extra"`` (kept in
    ``record.extra``; the default for unknown columns) or ``"ignore"``
    (dropped).  ``samples`` holds the first few non-empty values of each
    column for a mapping table.  ``total_rows`` counts the data rows that
    were not blank (records + problems).  For vCard files ``header`` is
    ``["vCard"]`` and ``mapping``/``samples`` are empty.
    """

    format: str
    encoding: str
    delimiter: str
    header: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    samples: dict[str, list[str]] = field(default_factory=dict)
    records: list[ContactRecord] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    total_rows: int = 0
    # Other encodings that read the file plausibly when ``encoding`` was a guess
    # (empty when the bytes said which); a preview offers them.
    encoding_alternatives: list[str] = field(default_factory=list)
    # The first line holding non-ASCII text as each of those encodings reads it
    # (the chosen one too), so a person can pick the one that reads right.
    encoding_samples: dict[str, str] = field(default_factory=dict)


class ImportFileError(Exception):
    """A file refused as a whole (empty, binary, undecodable, wrong format).

    The message names the file and the reason, ready to show to the user.
    """

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
