"""vCard files: read 2.1, 3.0 and 4.0 through vobject; write vCard 4.0.

Reading (``read_vcards(text, name, encoding) -> ParseResult``): the text is
cut into cards at ``BEGIN:VCARD``/``END:VCARD`` lines first, so a broken card
is one :class:`RowProblem` naming its card number (``row`` is the 1-based
card number; ``values`` holds the card's text) and the others still parse.
Before vobject sees a card, vCard 2.1 quoted-printable values are decoded
here (soft line breaks joined, ``CHARSET=`` honoured, falling back to
Windows-1252), and PHOTO/LOGO/SOUND/KEY are dropped (2.1 base64 blocks are
not folded the way vobject expects, and pictures are not contact data).

Property -> field: N (or FN split when there is no N) -> names; ORG ->
organization and department; TITLE (else ROLE) -> title; EMAIL/TEL with
their TYPE (``cell`` -> ``"mobile"``; ``pref``, ``internet``, ``voice`` are
dropped; an Apple ``X-ABLabel`` in the same group wins) -> emails/phones;
URL or X-SOCIALPROFILE with LinkedIn -> linkedin_url; NOTE -> notes;
CATEGORIES -> tags; BDAY -> birthday; the first ADR's locality, region and
country -> location; ``X-CRM-*`` (our own) -> industry, how_met,
connected_on and extra.  Other properties go to ``extra`` under their name
(VERSION, PRODID, UID and REV are skipped).

Writing (``write_vcards``/``vcards_text``/``record_to_vcard``): vCard 4.0,
CRLF, lines folded at 75 octets without splitting a character.  What
``read_vcards`` gives back equals the record written, apart from ``source``
and ``row``, and except that carriage returns inside values become line
feeds (vCard has no way to carry a bare CR).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from urllib.parse import quote, unquote

import vobject

from .records import ContactRecord, ImportFileError, ParseResult, RowProblem
from .values import clean_email, has_word, is_phone_like, split_multi, split_name, value_kind
from .vcard_lines import CardLines, Repaired, escape_value, repair, split_cards
from .vcard_qp import decode_quoted_printable, undeclared_qp_charset

_SKIP_PROPS = {"VERSION", "PRODID", "UID", "REV", "X-ABLABEL", "FN", "N", "KIND"}
_IGNORED_TYPES = {"pref", "internet", "voice", "x400", "msg", "intl", "postal", "parcel",
                  "dom", "text"}


# --- reading ------------------------------------------------------------------

def _components(raw: str) -> list[str]:
    """Split a structured value on unescaped ``;`` and unescape each part."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(raw)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            current.append({"n": "\n", "N": "\n"}.get(nxt, nxt if nxt in ",;\\:" else
                                                      "\\" + nxt))
        elif char == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _text(line: vobject.base.ContentLine) -> str:
    """The value as text; a URL's escaped colon (Apple and Google write ``http\\://``)
    is a colon."""
    value = line.value
    if isinstance(value, list):
        return ",".join(str(v) for v in value).replace("\\://", "://")
    return str(value).replace("\\://", "://")


def _types(line: vobject.base.ContentLine) -> list[str]:
    types: list[str] = []
    for value in line.params.get("TYPE", []):
        types.extend(t.strip().lower() for t in value.split(",") if t.strip())
    types.extend(p.lower() for p in line.singletonparams)
    return types


def _label(line: vobject.base.ContentLine, group_labels: dict[str, str]) -> str:
    if line.group and line.group.lower() in group_labels:
        return group_labels[line.group.lower()]
    given = _types(line)
    types = [t for t in given if t not in _IGNORED_TYPES]
    if not types and "internet" in given and line.name == "EMAIL":
        return "internet"  # the only type given: kept, so it comes back on export
    if "fax" in types:
        return "fax"
    if "cell" in types or "mobile" in types:
        return "mobile"
    return types[0] if types else ""


def _record(card: vobject.base.Component, number: int) -> ContactRecord:
    record = ContactRecord(source="vcard", row=number)
    children = list(card.getChildren())
    group_labels = {
        line.group.lower(): _text(line).strip().removeprefix("_$!<").removesuffix(">!$_")
        .strip().lower()
        for line in children if line.name == "X-ABLABEL" and line.group
    }
    names = [line for line in children if line.name == "N"]
    parts = ([p.strip() for p in _components(str(names[0].value))] + [""] * 5) if names else []
    if parts and _has_name(*parts[:3]):
        record.last_name, record.first_name, record.middle_name = parts[0], parts[1], parts[2]
        rest = " ".join(p for p in (parts[3], parts[4]) if p)
        if rest:
            record.extra["name prefix/suffix"] = rest
    else:
        # No N, or an empty one (``N:;;;;``): the formatted name FN is the name.
        full = next((_text(line).strip() for line in children if line.name == "FN"), "")
        org = next((_components(str(line.value))[0].strip() for line in children
                    if line.name == "ORG"), "")
        # Apple's company cards, and vCard 4's cards of an organization, group or place.
        company_card = any(line.name == "X-ABSHOWAS" and _text(line).upper() == "COMPANY"
                           for line in children) or _kind(card) in ("org", "group", "location")
        emails = {_text(line).strip().removeprefix("mailto:").lower() for line in children
                  if line.name == "EMAIL"}
        # FN is required, so writers fill it with the organization or the email address
        # (or our own "(no name)") when the person has no name: none of those is a name.
        if value_kind(full) == "phone":  # a contact saved under its number
            record.phones.append(("", full))
        elif (_has_name(full) and full != org and not company_card
                and full.lower() not in emails and full != "(no name)"):
            first, middle, last, rest = split_name(full)
            record.first_name, record.middle_name, record.last_name = first, middle, last
            if rest:
                record.extra["name prefix/suffix"] = rest
    for other in names[1:]:
        # A second N (a writer that put two people in one card): kept, not dropped.
        family, given, middle = (_components(str(other.value)) + ["", ""])[:3]
        _keep(record, "Other name", " ".join(
            p.strip() for p in (given, middle, family) if p.strip()))
    _drop_non_names(record, children)
    if not record.first_name and record.middle_name:
        # N:Claes;;Pieter;; - the only given name, written in the additional-names part.
        record.first_name, record.middle_name = record.middle_name, ""
    if not (record.first_name or record.middle_name or record.last_name):
        # A card with no name but a nickname (a phone's "Bobo"): that is what the user
        # calls the person, so it is their name.
        record.first_name = next((n for n in (_text(line).strip() for line in children
                                              if line.name == "NICKNAME") if has_word(n)), "")
    notes: list[str] = []
    have_adr = False
    # TITLE is the job title; ROLE (the function) stands in only when there is none.
    has_title = any(line.name == "TITLE" and _text(line).strip() for line in children)
    for line in children:
        prop = line.name
        if prop in _SKIP_PROPS:
            continue
        if prop == "ORG":
            parts = _components(str(line.value))
            organization = parts[0].strip()
            department = ", ".join(p.strip() for p in parts[1:] if p.strip())
            if not (record.organization or record.department):
                record.organization, record.department = organization, department
            else:  # a second ORG: kept as a former or other one (the contact's history)
                _alternate(record, "organization", organization)
                _alternate(record, "department", department)
        elif prop == "TITLE" or (prop == "ROLE" and not has_title):
            if record.title:
                _alternate(record, "title", _text(line).strip())
            else:
                record.title = _text(line).strip()
        elif prop == "EMAIL":
            address = _text(line).strip().removeprefix("mailto:")
            parts = split_multi(address) if address else []
            if len(parts) > 1 and all(clean_email(p) for p in parts):
                # "a@x.org,b@y.org" in one EMAIL line: two addresses.
                record.emails.extend((_label(line, group_labels), p) for p in parts)
            elif address:
                record.emails.append((_label(line, group_labels), address))
        elif prop == "TEL":
            raw = _text(line).strip()
            if raw[:4].lower() == "tel:" and "TEXT" not in (
                    v.upper() for v in line.params.get("VALUE", [])):
                raw = raw[4:]
            if raw and is_phone_like(raw):
                record.phones.append((_label(line, group_labels), raw))
            elif raw:
                _keep(record, "TEL", raw)
        elif prop in ("URL", "X-SOCIALPROFILE") and (
                "linkedin" in _types(line) or "linkedin.com" in _text(line).lower()) \
                and not record.linkedin_url:
            record.linkedin_url = _text(line).strip()
        elif prop == "NOTE":
            if _text(line).strip():
                notes.append(_text(line).strip())
        elif prop == "CATEGORIES":
            values = line.value if isinstance(line.value, list) else [line.value]
            for tag in (str(v).strip() for v in values):
                if tag and tag not in record.tags:
                    record.tags.append(tag)
        elif prop == "BDAY":
            record.birthday = _text(line).strip()
        elif prop == "ADR":
            parts = [p.strip() for p in _components(str(line.value))] + [""] * 7
            if not have_adr:
                have_adr = True
                record.location = ", ".join(p for p in (parts[3], parts[4], parts[6]) if p)
                if any(parts[i] for i in (0, 1, 2, 5)) or not record.location:
                    _keep(record, "ADR", "; ".join(p for p in parts[:7] if p))
            else:  # another address: kept whole, in the same words as the first
                _keep(record, "ADR", "; ".join(p for p in parts[:7] if p))
        elif prop == "X-CRM-INDUSTRY":
            record.industry = _text(line).strip()
        elif prop == "X-CRM-HOW-MET":
            record.how_met = _text(line).strip()
        elif prop == "X-CRM-CONNECTED-ON":
            try:
                record.connected_on = dt.date.fromisoformat(_text(line).strip())
            except ValueError:
                _keep(record, prop, _text(line))
        elif prop == "X-CRM-EXTRA" and line.params.get("X-KEY"):
            record.extra[unquote(line.params["X-KEY"][0])] = _text(line)
        else:
            _keep(record, prop, _text(line))
    record.notes = "\n".join(notes)
    return record


def _kind(card: vobject.base.Component) -> str:
    """vCard 4's KIND (individual, group, org, location), lower case; "" when absent.
    Apple's 3.0 cards say it as X-ADDRESSBOOKSERVER-KIND (a group of contacts)."""
    return next((_text(line).strip().lower() for line in card.getChildren()
                 if line.name in ("KIND", "X-ADDRESSBOOKSERVER-KIND")), "")


def _drop_non_names(record: ContactRecord, children: list[vobject.base.ContentLine]) -> None:
    """Name parts that are no name: fillers of punctuation (``....`` for a surname the
    writer did not know), the card's own email address put in the name by a phone, and
    a phone number saved as the name (it becomes one of the card's phones)."""
    emails = {_text(line).strip().removeprefix("mailto:").lower() for line in children
              if line.name == "EMAIL"}
    for attr in ("first_name", "middle_name", "last_name"):
        value = getattr(record, attr)
        if value and value_kind(value) == "phone":
            # A phone saved with its number as the name ("+919709920218 Mk"): a number.
            record.phones.append(("", value))
            value = ""
        setattr(record, attr, "" if value and (not has_word(value) or value.lower() in emails)
                else value)


def _has_name(*parts: str) -> bool:
    """A name holds a letter or a digit: ``-`` or ``.`` placeholders are no name."""
    return any(has_word(p) for p in parts)


def _alternate(record: ContactRecord, name: str, value: str) -> None:
    if value and value != getattr(record, name) and (name, value) not in record.alternates:
        if name == "department":
            _keep(record, "Other department", value)
        else:
            record.alternates.append((name, value))


def _keep(record: ContactRecord, key: str, value: str) -> None:
    value = value.strip()
    if value:
        record.extra[key] = f"{record.extra[key]}\n{value}" if key in record.extra else value


def read_vcards(text: str, name: str, encoding: str = "utf-8") -> ParseResult:
    """Every card of a .vcf text as records; a card that cannot be read is a problem,
    a line that cannot be read is a warning (see :mod:`.vcard_lines`)."""
    result = ParseResult(format="vcard", encoding=encoding, delimiter="", header=["vCard"])
    cards = split_cards(text)
    if not cards:
        raise ImportFileError(name, "no vCard found (no BEGIN:VCARD line)")
    fallback = undeclared_qp_charset(text)
    for card in cards:
        number = card.number
        result.total_rows += 1
        error = card.error and f"card {number}: {card.error}"
        record = None
        kind = ""
        if error is None:
            fixed = repair(card)
            try:
                component = _read_one(fixed, card, result, fallback)
                kind = _kind(component)
                record = _record(component, number)
            except Exception as exc:  # vobject raises many kinds; the card is the unit
                error = f"card {number} (line {card.first_line}) could not be read: {exc}"
            else:
                for prop, value in fixed.raw:
                    _keep(record, prop, value)
                result.warnings.extend(RowProblem(number, prop, reason, [card.text])
                                       for prop, reason in fixed.warnings)
        if record is not None and kind == "group":
            error = f"card {number} is a group (KIND:group), not a person"
        elif record is not None and not (record.first_name or record.last_name
                                       or record.middle_name or _valid_emails(record)):
            error = _nobody(record, number)
        if error is not None:
            result.problems.append(RowProblem(number, None, error, [card.text]))
        else:
            result.records.append(record)
    return result


def _valid_emails(record: ContactRecord) -> list[str]:
    return [a for a in (clean_email(address) for _, address in record.emails) if a]


def _nobody(record: ContactRecord, number: int) -> str:
    """Why a card is no person: it has no name and no address to know them by (an
    ``EMAIL:null`` placeholder is no address: such a card would be a new nameless
    contact on every import, matched by nothing)."""
    bad = next((address for _, address in record.emails), "")
    reason = (f"card {number} has no name and no valid email address ('{bad}' is not one)"
              if bad else f"card {number} has no name and no email address")
    return reason + (f", only the organization '{record.organization}'"
                     if record.organization else "")


def _read_one(fixed: Repaired, card: CardLines, result: ParseResult,
              fallback: str = "cp1252") -> vobject.base.Component:
    """vobject's reading of a repaired card; a line it still refuses is dropped (with a
    warning naming it) and the card read again."""
    lines = fixed.text.split("\r\n")
    origin = list(fixed.origin)
    for _attempt in range(20):
        try:
            return vobject.readOne(decode_quoted_printable(lines, fallback), transform=False)
        except vobject.base.ParseError as exc:
            index = (getattr(exc, "lineNumber", None) or 0) - 1
            if not 0 < index < len(lines) - 1:
                raise
            dropped = lines.pop(index)
            where = origin.pop(index)
            result.warnings.append(RowProblem(card.number, None, (
                f"card {card.number}, line {where}: '{dropped[:60]}' could not be read "
                f"({exc}); skipped"), [card.text]))
    return vobject.readOne(decode_quoted_printable(lines, fallback), transform=False)  # pragma: no cover


# --- writing --------------------------------------------------------------------

def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces = []
    limit = 75
    while data:
        cut = min(limit, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        pieces.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74
    return "\r\n ".join(pieces)


def _param(value: str) -> str:
    value = value.replace('"', "'").replace("\r", " ").replace("\n", " ")
    return value if re.fullmatch(r"[A-Za-z0-9-]+", value) else f'"{value}"'


def _type_param(label: str, kind: str) -> str:
    if not label:
        return ""
    if kind == "TEL" and label == "mobile":
        label = "cell"
    return ";TYPE=" + _param(label)


def record_to_vcard(record: ContactRecord) -> str:
    """One vCard 4.0 (CRLF line ends, folded) for a record."""
    display = record.display_name or record.organization or "(no name)"
    lines = ["BEGIN:VCARD", "VERSION:4.0", "FN:" + escape_value(display),
             "N:" + ";".join(escape_value(v) for v in (record.last_name, record.first_name,
                                                  record.middle_name, "", ""))]
    if record.organization or record.department:
        lines.append(f"ORG:{escape_value(record.organization)};{escape_value(record.department)}"
                     if record.department else f"ORG:{escape_value(record.organization)}")
    if record.title:
        lines.append("TITLE:" + escape_value(record.title))
    lines += [f"EMAIL{_type_param(label, 'EMAIL')}:{escape_value(address)}"
              for label, address in record.emails]
    lines += [f"TEL{';VALUE=text' if raw[:4].lower() == 'tel:' else ''}"
              f"{_type_param(label, 'TEL')}:{escape_value(raw)}" for label, raw in record.phones]
    if record.linkedin_url:
        lines.append("URL;TYPE=linkedin:" + escape_value(record.linkedin_url))
    if record.location:
        lines.append("ADR:;;;" + escape_value(record.location) + ";;;")
    if record.notes:
        lines.append("NOTE:" + escape_value(record.notes))
    if record.tags:
        lines.append("CATEGORIES:" + ",".join(escape_value(t) for t in record.tags))
    if record.birthday:
        iso = re.fullmatch(r"(\d{8}|\d{4}-\d{2}-\d{2}|--\d{4}|--\d{2}-\d{2})", record.birthday)
        lines.append(("BDAY:" if iso else "BDAY;VALUE=text:") + escape_value(record.birthday))
    if record.industry:
        lines.append("X-CRM-INDUSTRY:" + escape_value(record.industry))
    if record.how_met:
        lines.append("X-CRM-HOW-MET:" + escape_value(record.how_met))
    if record.connected_on:
        lines.append("X-CRM-CONNECTED-ON:" + record.connected_on.isoformat())
    for key, value in record.extra.items():
        lines.append(f'X-CRM-EXTRA;X-KEY="{quote(key, safe="")}":{escape_value(value)}')
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def vcards_text(records: Iterable[ContactRecord]) -> str:
    """All records as one vCard 4.0 text."""
    return "".join(record_to_vcard(r) for r in records)


def write_vcards(records: Iterable[ContactRecord], path: str | os.PathLike[str]) -> None:
    """Write records to a .vcf file (UTF-8, no BOM)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(vcards_text(records))
