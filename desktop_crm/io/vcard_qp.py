"""vCard 2.1 quoted-printable values decoded before vobject reads a card (it reads them
as they are), each in its charset: the one the line names, UTF-8 when the bytes are, else
one guess for the whole file (:func:`undeclared_qp_charset`). Pictures and keys are
dropped on the way: they are no contact data.
"""

from __future__ import annotations

import quopri
import re

from .vcard_lines import BINARY_PROPERTIES, escape_value, split_colon

_STRUCTURED = {"N", "ADR", "ORG"}  # values whose ';' separates parts (kept unescaped)


# Quoted-printable bytes a card does not name the charset of: read as UTF-8 when they
# are, else in the file's one guess (below). The guess is between the Windows code pages
# of the phones and mail programs that wrote vCard 2.1 in the West and the East of
# Europe: Western (``Müller``) unless its reading puts a sign beside a letter
# (``ma³opolska``, cp1250's ``ł`` read as cp1252), then Central European; Cyrillic when most letters of
# the Western reading are accented ones (``Ïåòðîâ``, cp1251's ``Петров``).
_QP_LINE = re.compile(r"^[^:]*QUOTED-PRINTABLE[^:]*:(.*)$", re.IGNORECASE | re.MULTILINE)


def undeclared_qp_charset(text: str) -> str:
    """The charset to read a file's quoted-printable values in when a card names none."""
    raw = b"\n".join(quopri.decodestring(m.group(1).encode("utf-8", "replace"))
                     for m in _QP_LINE.finditer(text) if "CHARSET" not in m.group(0).upper())
    if not raw:
        return "cp1252"  # none: only a line naming a charset it is not in falls back
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    western = raw.decode("cp1252", errors="replace")
    letters = [ch for ch in western if ch.isalpha()]
    if letters and sum(not ch.isascii() for ch in letters) > len(letters) / 2:
        return "cp1251"
    if _SIGN_IN_WORD.search(western):
        return "cp1250"
    return "cp1252"


# What cp1250's letters ``Ł Ą Ş Ż ł ą ş Ľ ľ ż`` (and ``ť``, no letter there) look like
# read as cp1252, inside a word: no Western word holds them.
_SIGN_IN_WORD = re.compile(r"(?<=[^\W\d_])[£¥ª¯³¹º¼¾¿\ufffd]|[£¥ª¯³¹º¼¾¿\ufffd](?=[^\W\d_])")


def decode_quoted_printable(lines: list[str], fallback: str = "cp1252") -> str:
    """Decode 2.1 quoted-printable lines (in ``fallback`` where a line names no charset
    and is not UTF-8) and drop binary properties."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        parts = split_colon(line) if line[:1] not in (" ", "\t") else None
        if parts is None:
            out.append(line)
            continue
        head, value = parts
        params = head.split(";")
        prop = params[0].rsplit(".", 1)[-1].upper()
        if prop in BINARY_PROPERTIES:
            while i < len(lines) and (lines[i][:1] in (" ", "\t") or not lines[i].strip()
                                      or split_colon(lines[i]) is None):
                if lines[i].strip().upper() == "END:VCARD":
                    break
                i += 1
            continue
        upper = [p.upper() for p in params[1:]]
        if "ENCODING=QUOTED-PRINTABLE" not in upper and "QUOTED-PRINTABLE" not in upper:
            out.append(line)
            continue
        while value.endswith("=") and i < len(lines):
            value = value[:-1] + lines[i]
            i += 1
        charset = next((p.split("=", 1)[1].strip('"') for p in params[1:]
                        if p.upper().startswith("CHARSET=")), "utf-8")
        raw = quopri.decodestring(value.encode("utf-8"))
        try:
            text = raw.decode(charset)
        except (UnicodeDecodeError, LookupError):
            text = raw.decode(fallback, errors="replace")
        kept = [params[0]] + [p for p in params[1:] if p.upper() not in (
            "ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") and not p.upper().startswith(
            "CHARSET=")]
        out.append(";".join(kept) + ":" + escape_value(text, prop in _STRUCTURED,
                                                  prop == "CATEGORIES"))
    return "\r\n".join(out) + "\r\n"
