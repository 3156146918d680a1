"""The tolerant pre-pass of the vCard reader: cards and their lines, repaired or set aside.

Real .vcf files are written by many programs, and one bad line must not cost
a whole person. Before vobject sees a card, every *logical* line (folded
continuations joined, vCard 2.1 quoted-printable soft breaks joined) is
checked and, where a known shape allows, repaired:

* blank lines, ``PROFILE:VCard`` (a 3.0 property that says nothing) and a
  trailing space after ``END:VCARD`` are dropped or trimmed silently;
* a stray ``;`` before the colon (``EMAIL;TYPE=WORK;:``) is removed;
* a bare CR inside a value (Thunderbird writes one for a line break in a
  note, in a file whose lines end in CRLF) is a line break of the value, not
  of the file;
* a line without a colon right after a text property (vCard 2.1 writers that
  do not indent continuation lines) continues that value;
* a ``# comment`` line, a bare property name without a colon (``FN``) and any
  line vobject's own line parser refuses are skipped with a warning naming
  the card and the file's line; a property whose name holds characters a
  vCard name cannot have (``X-messaging/gadu-All:``) is kept raw, under its
  name, so its value reaches the contact's notes.

``split_cards(text)`` also reads cards whose ``BEGIN:VCARD`` line is missing
(the lines before the first ``BEGIN``, or between an ``END`` and the next
``BEGIN``, that look like properties) and cards whose ``END:VCARD`` line is
missing (up to the next ``BEGIN`` or the end of a file cut short), and says so.

Pure functions over text; no database, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import vobject

_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+$")
_BARE_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?(?:[A-Z][A-Z0-9-]*|X-[A-Za-z0-9-]+)$")
_PROPERTY_LIKE = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z][A-Za-z0-9/_-]*)\s*[;:]")
KNOWN_PROPERTIES = frozenset({
    "BEGIN", "END", "VERSION", "N", "FN", "NICKNAME", "PHOTO", "BDAY", "ANNIVERSARY",
    "GENDER", "ADR", "LABEL", "TEL", "EMAIL", "IMPP", "LANG", "TZ", "GEO", "TITLE", "ROLE",
    "LOGO", "ORG", "MEMBER", "RELATED", "CATEGORIES", "NOTE", "PRODID", "REV", "SOUND", "UID",
    "CLIENTPIDMAP", "URL", "KEY", "FBURL", "CALADRURI", "CALURI", "SOURCE", "KIND", "XML",
    "MAILER", "AGENT", "CLASS", "NAME", "PROFILE", "SORT-STRING",
})
# Properties whose value is free text: a following line without a colon continues them.
_TEXT_PROPERTIES = frozenset({"NOTE", "ADR", "LABEL", "ORG", "TITLE", "ROLE", "NICKNAME"})
_SILENT_DROPS = frozenset({"PROFILE", "NAME", "SOURCE"})
# Properties whose value is a list or has parts (split by comma or semicolon where they
# are read); in every other value a comma is text.
_COMMA_LISTS = frozenset({"N", "ADR", "ORG", "CATEGORIES", "GEO", "CLIENTPIDMAP", "PID"})
_LONE_COMMA = re.compile(r"(?<!\\),")
# Pictures and keys are not contact data; 2.1 writers often leave their base64 unindented.
BINARY_PROPERTIES = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})


@dataclass(slots=True)
class CardLines:
    """One card as it stood in the file: its physical lines with their line numbers."""

    number: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None  # the card cannot be read at all
    missing_begin: bool = False
    # The card has no END:VCARD line: it is read up to where the next card or the file
    # begins or ends, and this says which (for the warning).
    missing_end: str | None = None

    @property
    def text(self) -> str:
        return "\r\n".join(line for _, line in self.lines)

    @property
    def first_line(self) -> int:
        return self.lines[0][0] if self.lines else 0


@dataclass(slots=True)
class Repaired:
    """A card ready for vobject, plus what the pre-pass set aside."""

    text: str
    raw: list[tuple[str, str]] = field(default_factory=list)  # (property as written, value)
    warnings: list[tuple[str | None, str]] = field(default_factory=list)  # (property, reason)
    # Lines of ``text`` (0-based) -> file line numbers, for vobject's own messages.
    origin: list[int] = field(default_factory=list)


def physical_lines(text: str) -> list[str]:
    """The file's lines. Where lines end in LF or CRLF, a bare CR is part of a value."""
    if "\n" in text:
        return re.split(r"\r\n|\n", text)
    return text.split("\r")


def _head(line: str) -> str:
    return line.strip().upper()


def card_bound(head: str) -> str | None:
    """``"BEGIN"`` or ``"END"`` for a line that opens or closes a card, also when a
    writer or an editor misspelt it (``BEGIN:VCAR``, ``END:VCRD``, ``BEGIN: VCARD``);
    ``None`` for any other line (``BEGIN:VCALENDAR`` included)."""
    key = head.replace(" ", "").replace("\t", "")
    word, _, value = key.partition(":")
    if word not in ("BEGIN", "END") or not value:
        return None
    if value == "VCARD" or (value[:1] == "V" and len(value) >= 4
                            and SequenceMatcher(None, value, "VCARD").ratio() >= 0.8):
        return word
    return None


def looks_like_property(line: str) -> bool:
    match = _PROPERTY_LIKE.match(line.strip())
    return bool(match) and (match[1].upper() in KNOWN_PROPERTIES
                            or match[1].upper().startswith("X-"))


def split_cards(text: str) -> list[CardLines]:
    """Cards in file order; lines outside any card that look like vCard properties
    form a card of their own (its ``BEGIN:VCARD`` line was lost)."""
    cards: list[CardLines] = []
    current: CardLines | None = None
    nested = 0  # cards opened inside the current one (vCard 2.1's AGENT:BEGIN:VCARD)
    # Logical lines: a writer may fold any line, BEGIN:VCARD included.
    for number, line in logical_lines(list(enumerate(physical_lines(text), 1))):
        head = _head(line)
        bound = card_bound(head)
        if current is not None and bound is None and _opens_nested(line):
            nested += 1
        elif current is not None and bound == "END" and nested:
            nested -= 1
            current.lines.append((number, line))
            continue
        if bound == "BEGIN":
            nested = 0
            if current is not None:
                current.missing_end = "read up to the next BEGIN:VCARD"
                cards.append(current)
            current = CardLines(len(cards) + 1, [(number, line)])
        elif current is not None:
            current.lines.append((number, line))
            if bound == "END":
                cards.append(current)
                current = None
        elif head and not head.startswith("#") and looks_like_property(line):
            current = CardLines(len(cards) + 1, [(number, line)], missing_begin=True)
            if head == "END:VCARD":  # pragma: no cover - a lone END line
                current = None
    if current is not None:
        current.missing_end = "read to the end of the file (it may be cut short)"
        cards.append(current)
    return cards


def _opens_nested(line: str) -> bool:
    """True for a property whose value opens a card of its own (``AGENT:BEGIN:VCARD``)."""
    parts = split_colon(line)
    return bool(parts) and card_bound(_head(parts[1])) == "BEGIN"


def split_colon(line: str) -> tuple[str, str] | None:
    """(name and parameters, value) of a content line: the first colon outside quotes."""
    quoted = False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:i], line[i + 1:]
    return None


def _is_qp(head: str) -> bool:
    upper = head.upper()
    return "QUOTED-PRINTABLE" in upper


def logical_lines(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Folded lines joined (a leading space or tab continues the line before), and
    quoted-printable soft breaks (a value ending in ``=``) joined; each with the file
    line number it started on."""
    out: list[list] = []  # [line number, text, quoted-printable, written with '#']
    nested = False  # inside a card a writer folded line by line into an AGENT
    for number, line in lines:
        if nested and line[:1] in (" ", "\t"):
            out.append([number, line[1:], False, False])
            nested = card_bound(_head(line)) != "END"
            continue
        nested = False
        if out and out[-1][3] and out[-1][1].endswith("="):
            # The rest of a '#' writer's quoted-printable value (its soft breaks folded).
            line = _HASH_HEX.sub(r"=\1", line[1:] if line[:1] in (" ", "\t") else line)
            line = line[:-1] + "=" if line.endswith("#") else line
        if out and line[:1] in (" ", "\t") and not out[-1][2]:
            out[-1][1] += line[1:]
            continue
        if out and out[-1][2] and out[-1][1].endswith("="):
            out[-1][1] = out[-1][1][:-1] + line
            continue
        parts = split_colon(line) if line[:1] not in (" ", "\t") else None
        nested = bool(parts) and card_bound(_head(parts[1])) == "BEGIN"
        hashed = False
        if parts and _HASH_PARAM.search(parts[0]):
            line, hashed = _unhash(parts[0], parts[1])
        out.append([number, line, bool(parts) and _is_qp(split_colon(line)[0]), hashed])
    return [(number, text) for number, text, _, _ in out]


# A converter that wrote '#' for every '=': ``TYPE#work``, ``ENCODING#QUOTED-PRINTABLE``
# and quoted-printable values of ``#XX`` codes with ``#`` soft breaks.
_HASH_PARAM = re.compile(r";([A-Za-z-]+)#")
_HASH_HEX = re.compile(r"#([0-9A-Fa-f]{2})")


def _unhash(head: str, value: str) -> tuple[str, bool]:
    """The line with ``=`` back in its parameters (and in its quoted-printable value);
    True when the value is quoted-printable, so its continuation lines are mended too."""
    head = _HASH_PARAM.sub(r";\1=", head)
    if not _is_qp(head):
        return f"{head}:{value}", False
    value = _HASH_HEX.sub(r"=\1", value)
    return f"{head}:{value[:-1] + '=' if value.endswith('#') else value}", True


def _clean_head(head: str) -> tuple[str, str]:
    """``(property name with group, head without stray empty parameters)``."""
    name, *params = head.split(";")
    params = [p.strip() for p in params if p.strip()]
    name = name.strip()
    return name, ";".join([name, *params])


def _where(card: CardLines, number: int) -> str:
    return f"card {card.number}, line {number}"


def repair(card: CardLines) -> Repaired:
    """The card's lines checked one by one (see the module docstring)."""
    out: list[str] = []
    origin: list[int] = []
    result = Repaired("")
    previous: str | None = None  # the property name of the last line kept
    if card.missing_begin:
        out.append("BEGIN:VCARD")
        origin.append(card.first_line)
        result.warnings.append((None, f"{_where(card, card.first_line)}: the card has no "
                                "BEGIN:VCARD line; read from here to its END:VCARD"))
    agent: list[str] | None = None  # the lines of a card nested in this one
    depth = 0
    for number, line in logical_lines(card.lines):
        stripped = line.strip()
        if not stripped:
            continue
        upper = stripped.upper()
        bound = card_bound(upper)
        if agent is not None:
            depth += (bound is None and _opens_nested(line)) - (bound == "END")
            if depth < 0:
                # A nested card (an AGENT) ends: the person it names is someone else,
                # kept as a note under the property that held it.
                result.raw.append((agent[0], "\n".join(agent[1:])))
                agent, depth = None, 0
            elif card_bound(upper) is None and not upper.startswith("VERSION:"):
                parts = split_colon(stripped)
                agent.append(_plain(parts[1]) if parts else stripped)
            continue
        if out and bound is None and _opens_nested(line):
            agent = [split_colon(stripped)[0].split(";")[0].rsplit(".", 1)[-1].upper()]
            continue
        if bound is not None:
            if bound == "BEGIN" and out:
                continue  # the BEGIN line of a card read without one (see split_cards)
            if upper != f"{bound}:VCARD":
                result.warnings.append((None, f"{_where(card, number)}: '{_short(stripped)}' "
                                        f"read as {bound}:VCARD"))
            out.append(f"{bound}:VCARD")
            origin.append(number)
            previous = None
            continue
        if stripped.startswith("#"):
            result.warnings.append((None, f"{_where(card, number)}: '{_short(stripped)}' is a "
                                    "comment, not a vCard property; skipped"))
            continue
        parts = split_colon(line)
        if parts is None and previous == "PHOTO":
            continue  # the rest of a picture's base64 block
        if parts is None:
            if previous in _TEXT_PROPERTIES and not _BARE_NAME.match(stripped):
                out[-1] += "\\n" + _escape_text(line.replace("\r", "\n"))
                continue
            if _BARE_NAME.match(stripped):
                reason = f"the property {stripped} has no value (no colon); skipped"
            else:
                reason = f"'{_short(stripped)}' is not a vCard property; skipped"
            result.warnings.append((None, f"{_where(card, number)}: {reason}"))
            continue
        name, head = _clean_head(parts[0])
        value = parts[1]
        bare = name.rsplit(".", 1)[-1].upper()
        if bare in _SILENT_DROPS:
            continue
        if bare in BINARY_PROPERTIES:
            previous = "PHOTO"
            continue
        if not _NAME.match(name):
            result.raw.append((name.rsplit(".", 1)[-1], _plain(value)))
            result.warnings.append((name, f"{_where(card, number)}: the property name "
                                    f"'{_short(name)}' is not a valid vCard name; its value "
                                    "is kept in the notes"))
            continue
        if "\r" in value:
            value = value.replace("\r", "\\n") if not _is_qp(head) else value.replace("\r", "")
        if "," in value and bare not in _COMMA_LISTS and not _is_qp(head):
            # vobject keeps only the text before the first unescaped comma of a text
            # value; vCard 2.1 has no comma escape and many 3.0 writers forget it.
            value = _LONE_COMMA.sub(r"\\,", value)
        candidate = f"{head}:{value}"
        try:
            # A quoted-printable value is decoded later, in its own charset (or a guess when
            # it names none): vobject would decode it as UTF-8 and refuse a Latin-1 byte.
            vobject.base.textLineToContentLine(f"{head}:" if _is_qp(head) else candidate,
                                               number)
        except Exception:
            result.raw.append((name.rsplit(".", 1)[-1], _plain(value)))
            result.warnings.append((name, f"{_where(card, number)}: the line "
                                    f"'{_short(stripped)}' could not be read; its value is "
                                    "kept in the notes"))
            continue
        out.append(candidate)
        origin.append(number)
        previous = bare
    if agent is not None:  # a nested card cut short: what it held is still kept
        result.raw.append((agent[0], "\n".join(agent[1:])))
    if card.missing_end:
        result.warnings.append((None, f"{_where(card, card.first_line)}: the card has no "
                                f"END:VCARD line; {card.missing_end}"))
    if not out or out[-1] != "END:VCARD":
        out.append("END:VCARD")
        origin.append(card.lines[-1][0] if card.lines else 0)
    result.text = "\r\n".join(out)
    result.origin = origin
    return result


def _escape_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n")


def _plain(value: str) -> str:
    """A raw value made readable: vCard escapes undone."""
    return (value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",")
            .replace("\\;", ";").replace("\\\\", "\\").strip())


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def escape_value(value: str, structured: bool = False, listed: bool = False) -> str:
    """``value`` as a vCard line's value holds it: backslash, newline, and comma (unless a
    list) and semicolon (unless structured, whose parts it separates) escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace("\n", "\\n")
    if not listed:
        value = value.replace(",", "\\,")
    if not structured:
        value = value.replace(";", "\\;")
    return value
