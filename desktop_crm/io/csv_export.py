"""CSV export that spreadsheets open safely.

* UTF-8 with a byte-order mark, CRLF: Excel then reads accents and emoji.
* Formula-injection safe: a cell beginning with ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return is prefixed with an apostrophe, so a name like
  ``=HYPERLINK(...)`` from someone's profile is shown, never run (OWASP's
  advice).  Our import removes that apostrophe again
  (``values.unquote_formula``), so a phone ``+49 30 ...`` exported here
  imports back as ``+49 30 ...``.

API: ``safe_cell(value)``, ``csv_bytes(header, rows)``,
``write_csv(path, header, rows)``, and for contacts ``contacts_table(records)``
/ ``write_contacts_csv(records, path)``, whose columns the generic importer
maps back by itself (``Email 1 Value``/``Email 1 Label`` pairs etc.).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence

from .records import ContactRecord
from .values import FORMULA_STARTS, join_tags


def safe_cell(value: object) -> str:
    """The cell as text, prefixed with ``'`` if a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The whole CSV document as UTF-8 bytes with a BOM."""
    buffer = io.StringIO(newline="")
    _write(buffer, header, rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def write_csv(path: str | os.PathLike[str], header: Sequence[str],
              rows: Iterable[Sequence[object]]) -> None:
    """Write a CSV file (UTF-8 with BOM, CRLF, formula-safe cells)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        _write(handle, header, rows)


def _write(handle: io.TextIOBase, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])


_SIMPLE = (("First Name", "first_name"), ("Middle Name", "middle_name"),
           ("Last Name", "last_name"), ("Organization", "organization"), ("Title", "title"),
           ("Department", "department"), ("Industry", "industry"), ("Location", "location"),
           ("LinkedIn URL", "linkedin_url"), ("How Met", "how_met"), ("Birthday", "birthday"))


def contacts_table(records: Sequence[ContactRecord]) -> tuple[list[str], list[list[str]]]:
    """Header and rows for contacts; as many email/phone columns as needed."""
    n_email = max((len(r.emails) for r in records), default=0)
    n_phone = max((len(r.phones) for r in records), default=0)
    header = [title for title, _ in _SIMPLE]
    for i in range(1, n_email + 1):
        header += [f"Email {i} Label", f"Email {i} Value"]
    for i in range(1, n_phone + 1):
        header += [f"Phone {i} Label", f"Phone {i} Value"]
    header += ["Tags", "Connected On", "Notes"]
    rows = []
    for r in records:
        row = [getattr(r, name) for _, name in _SIMPLE]
        for pairs, count in ((r.emails, n_email), (r.phones, n_phone)):
            for i in range(count):
                row += list(pairs[i]) if i < len(pairs) else ["", ""]
        row += [join_tags(r.tags), r.connected_on.isoformat() if r.connected_on else "",
                r.notes]
        rows.append(row)
    return header, rows


def write_contacts_csv(records: Sequence[ContactRecord],
                       path: str | os.PathLike[str]) -> None:
    """Export contacts to a spreadsheet-safe CSV file."""
    header, rows = contacts_table(records)
    write_csv(path, header, rows)
