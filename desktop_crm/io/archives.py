"""The contacts file inside a zip archive, as services hand their exports over.

LinkedIn sends "Basic_LinkedInDataExport_MM-DD-YYYY.zip" with ``Connections.csv``
among a dozen other files; Google Takeout a zip with ``Takeout/Contacts/<label>/
<label>.vcf``; a colleague mails a zipped address book. A user who imports the
download as it came should get the people in it, not "unpack it first". The
archive is opened in memory (the app reads a contacts file whole anyway) and
the one contacts file in it is chosen by name; when the choice is not clear the
message names the candidates, so the user knows which to unpack.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from .records import ImportFileError

ZIP_MAGIC = b"PK\x03\x04"
_CONTACT_SUFFIXES = (".csv", ".vcf", ".vcard", ".tsv", ".txt")
# Files an archive of someone's contacts names so: the one to take among several.
# (Google Takeout: "All Contacts" when it has one, else "My Contacts", which every person
# saved in Contacts is in; the other files are labels, subsets of it.)
_PREFERRED = ("connections.csv", "all contacts.vcf", "all contacts.csv", "my contacts.vcf",
              "my contacts.csv", "contacts.csv", "contacts.vcf")
# An office document is a zip too: these entries say which.
_OFFICE = ("[content_types].xml", "mimetype")
# A member that would unpack to more than this is refused (a "zip bomb", or not contacts).
MAX_MEMBER_BYTES = 1 << 30


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def contacts_member(data: bytes, name: str) -> tuple[str, bytes]:
    """``(member name, its bytes)`` of the contacts file in the zip archive ``data``
    (the file ``name``); raises ImportFileError saying why when there is not one."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise ImportFileError(name, "the file looks like a zip archive or an Excel workbook "
                              "but cannot be opened as one (damaged?); download the export "
                              "again, or open it in your spreadsheet program and save it as "
                              "CSV") from None
    names = {m.filename.lower() for m in members}
    if any(entry in names for entry in _OFFICE):
        raise ImportFileError(name, "the file looks like an Excel workbook (or another office "
                              "document), not a CSV file; open it in your spreadsheet program "
                              "and save it as CSV")
    candidates = [m for m in members if _is_contacts_file(m.filename)]
    if not candidates:
        raise ImportFileError(name, "the zip archive holds no CSV or vCard file")
    chosen = _choose(candidates)
    if chosen is None:
        listed = ", ".join(m.filename for m in candidates[:6])
        more = f" and {len(candidates) - 6} more" if len(candidates) > 6 else ""
        raise ImportFileError(name, f"the zip archive holds several contacts files ({listed}"
                              f"{more}); unpack it and import the one you want")
    if chosen.flag_bits & 0x1:
        raise ImportFileError(name, f"{chosen.filename} in the zip archive is encrypted; "
                              "unpack it with its password first")
    if chosen.file_size > MAX_MEMBER_BYTES:
        raise ImportFileError(name, f"{chosen.filename} in the zip archive would unpack to "
                              f"{chosen.file_size // (1 << 20):,} MB; unpack it first")
    try:
        return chosen.filename, archive.read(chosen)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
        raise ImportFileError(name, f"{chosen.filename} in the zip archive cannot be read "
                              f"({exc}); unpack it first") from None


def _is_contacts_file(filename: str) -> bool:
    path = PurePosixPath(filename)
    hidden = any(part.startswith(".") or part == "__MACOSX" for part in path.parts)
    return not hidden and path.suffix.lower() in _CONTACT_SUFFIXES


def _choose(candidates: list[zipfile.ZipInfo]) -> zipfile.ZipInfo | None:
    """The one contacts file: the only one, else the first by a name services give it."""
    if len(candidates) == 1:
        return candidates[0]
    by_name: dict[str, list[zipfile.ZipInfo]] = {}
    for member in candidates:
        by_name.setdefault(PurePosixPath(member.filename).name.lower(), []).append(member)
    for preferred in _PREFERRED:
        found = by_name.get(preferred, [])
        if len(found) == 1:
            return found[0]
    return None
