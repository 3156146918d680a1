"""Contacts files written by the importing tests themselves (LinkedIn, Google, generic)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

LINKEDIN_PREAMBLE = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing. You will only see email addresses for connections who have '
    'allowed their connections to see or download their email address."\r\n\r\n'
)
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                   "Connected On"]
GOOGLE_HEADER = [
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
    "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label",
    "Phone 1 - Value",
]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def linkedin_file(path: Path, rows: Iterable[Sequence[str]]) -> Path:
    """Today's LinkedIn Connections.csv: BOM, CRLF, a Notes preamble, then the header."""
    path.write_bytes(("\ufeff" + LINKEDIN_PREAMBLE + csv_text(LINKEDIN_HEADER, rows)).encode("utf-8"))
    return path


def google_file(path: Path, rows: Iterable[dict[str, str]]) -> Path:
    """A Google Contacts export (current header) from dicts keyed by column."""
    text = csv_text(GOOGLE_HEADER, ([r.get(c, "") for c in GOOGLE_HEADER] for r in rows))
    path.write_text(text, encoding="utf-8")
    return path


def generic_file(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]],
                 encoding: str = "utf-8") -> Path:
    path.write_bytes(csv_text(header, rows).encode(encoding))
    return path


LINKEDIN_ROWS = [
    ["Ann", "Lee", "https://www.linkedin.com/in/annlee", "", "Acme", "Engineer", "30 May 2024"],
    ["Bruno", "Díaz", "https://www.linkedin.com/in/bdiaz", "bruno@globex.com", "Globex",
     "Head of Data", "02 Jan 2023"],
    ["Chen", "Wei 陈", "https://www.linkedin.com/in/chenwei", "", "Initech", "PM 🚀",
     "15 Mar 2022"],
    ["", "", "", "", "", "", "01 Feb 2021"],
]
