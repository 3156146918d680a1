"""Any CSV/TSV: guess a column mapping, and the row engine every CSV format uses.

Guessing (``guess_mapping``): each header is normalised (accents removed,
case folded, spaces and punctuation dropped: ``"E-Mail"`` -> ``"email"``,
``"Téléphone"`` -> ``"telephone"``) and looked up in a synonym table in
English, German, French and Spanish (and a little Dutch, Italian and
Portuguese); then substring rules (``"Work Email"`` is an email); then the
*values* of still-unmapped columns are sniffed (mostly email addresses ->
``email``, ``linkedin.com/in/`` URLs -> ``linkedin_url``, phone-like ->
``phone``).  ``Name``/``Nom``/``Nombre`` mean the surname when a first-name
column exists beside them (German "Vorname, Name"), else a full name that
is split (``name``); ``"Last, First"`` is understood.

The row engine (``build_records``) turns rows into records from a mapping
with precomputed column-index lists, so the LinkedIn, Google and Outlook
parsers are configurations of it (their own mapping plus an ``Options``).
Rules: single-valued fields take the first non-empty mapped column (other
differing values go to ``extra``); ``location`` joins its columns with
``", "`` and ``notes`` with newlines; ``email``/``phone`` columns may repeat
and a cell may hold several values; a row needs a name or a valid email.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from .records import ContactRecord, ParseResult, RowProblem

SINGLE_FIELDS = (
    "first_name", "middle_name", "last_name", "name", "organization", "title",
    "department", "industry", "linkedin_url", "how_met", "birthday", "connected_on",
)
JOIN_FIELDS = {"location": ", ", "notes": "\n"}
MULTI_FIELDS = ("email", "phone", "email_label", "phone_label", "tags", "website")
FIELDS = [*SINGLE_FIELDS[:4], *SINGLE_FIELDS[4:], "location", "notes", *MULTI_FIELDS,
          "extra", "ignore"]

EMAIL_RE = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]+")
_PHONE_RE = re.compile(r"\+?[\d\s().\-/]{6,}(?:\s*(?:x|ext\.?)\s*\d+)?")
_MULTI_SPLIT = re.compile(r"\s*(?::::|;|,|\n)\s*")
_TAG_SPLIT = re.compile(r"\s*(?::::|;|,)\s*")


def normalise_header(text: str) -> str:
    """``"  Prénom "`` -> ``"prenom"``: accents, case, spaces, punctuation gone."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def _table(**fields: str) -> dict[str, str]:
    return {key: name for name, keys in fields.items() for key in keys.split()}


SYNONYMS = _table(
    first_name="firstname first givenname given forename fname vorname rufname prenom "
    "nombredepila primernombre voornaam nomedebatismo",
    middle_name="middlename middle middleinitial additionalname othernames zweitname "
    "weiterevornamen secondprenom autresprenoms segundonombre",
    last_name="lastname last surname familyname family lname nachname familienname zuname "
    "nomdefamille nomfamille apellido apellidos primerapellido achternaam cognome sobrenome",
    name="fullname displayname contactname contact person kontakt kontaktname "
    "vollstandigername nomcomplet nometprenom prenometnom nombrecompleto nombreyapellidos "
    "nomecompleto",
    organization="company companyname organization organisation org employer firm business "
    "firma firmenname unternehmen arbeitgeber organisationsname societe entreprise employeur "
    "organisme empresa compania organizacion empleador azienda bedrijf",
    title="title jobtitle position role job occupation profession titel berufsbezeichnung "
    "stelle funktion beruf jobbezeichnung poste fonction titre intituledeposte metier cargo "
    "puesto ocupacion profesion functie",
    department="department dept division team abteilung bereich service departement "
    "departamento area",
    industry="industry sector branche industrie secteur secteurdactivite industria sectorindustria rubro",
    location="location city town state region province country address fulladdress ort "
    "stadt wohnort standort land bundesland adresse anschrift ville localite lieu pays "
    "ciudad localidad ubicacion pais provincia direccion citta",
    linkedin_url="linkedin linkedinurl linkedinprofile linkedinprofil profileurl "
    "profillinkedin perfildelinkedin perfillinkedin",
    website="website web url homepage webpage webseite internetseite siteweb siteinternet "
    "sitioweb paginaweb",
    notes="notes note comment comments remarks memo description notizen notiz bemerkung "
    "bemerkungen kommentar kommentare anmerkungen remarques remarque commentaire "
    "commentaires notas nota comentario comentarios observaciones",
    how_met="howmet howwemet metthrough metat referredby referral introducedby source "
    "kennengelerntuber woherbekannt kontext rencontre commentrencontre "
    "comonosconocimos comoloconoci referidopor",
    email="email emails emailaddress mail mailadresse emailadresse courriel adressemail "
    "adresseemail adresseelectronique correo correoelectronico email1",
    phone="phone phonenumber phones telephone tel telefon telefonnummer fon handy mobil "
    "mobile mobilephone cell cellphone portable numerodetelephone telefono movil celular",
    tags="tags tag labels label categories category groups group keywords kategorie "
    "kategorien gruppe gruppen schlagworte stichworte etiquettes etiquette categorie "
    "categories groupe groupes etiquetas etiqueta categorias categoria grupo grupos",
    connected_on="connectedon connected dateconnected connectiondate datemet metdate "
    "kontaktseit verbundenseit",
    birthday="birthday birthdate dateofbirth dob geburtstag geburtsdatum anniversaire "
    "datedenaissance cumpleanos fechadenacimiento fechanacimiento",
)
# A little Russian too: Cyrillic exports are the commonest non-Latin ones here.
SYNONYMS.update(_table(
    first_name="имя", middle_name="отчество", last_name="фамилия", name="фио",
    organization="компания организация", title="должность", phone="телефон",
    email="почта электроннаяпочта", location="город адрес", notes="заметки примечание",
))
# Headers that mean "surname" beside a first-name column, else a full name.
_NAME_OR_SURNAME = {"name", "nom", "naam"}
_NAME_OR_FIRST = {"nombre", "nome"}

_CONTAINS_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("linkedin",), "linkedin_url"),
    (("mail", "courriel", "correo"), "email"),
    (("phone", "telefon", "telefono", "telephone", "mobil", "handy", "cell", "movil",
      "celular", "portable"), "phone"),
    (("firstname", "givenname", "vorname", "prenom"), "first_name"),
    (("lastname", "surname", "familyname", "nachname", "apellido"), "last_name"),
    (("company", "firma", "unternehmen", "empresa", "societe", "entreprise", "organi"),
     "organization"),
    (("jobtitle", "position", "titel", "poste", "cargo"), "title"),
    (("note", "notiz", "comment", "nota", "bemerkung"), "notes"),
    (("birth", "geburt", "naissance", "nacimiento"), "birthday"),
    (("city", "stadt", "ville", "ciudad", "country", "address", "adresse", "direccion"),
     "location"),
    (("website", "homepage", "webseite"), "website"),
)
_NOT_A_VALUE = ("type", "label", "display", "kind", "art")


def guess_field(header: str) -> str:
    """The field a header names, or ``"extra"`` when it is not recognised."""
    key = normalise_header(header)
    if not key:
        return "extra"
    if key in SYNONYMS:
        return SYNONYMS[key]
    if key.endswith(_NOT_A_VALUE):
        if key.endswith(("label", "type")) and "mail" in key:
            return "email_label"
        if key.endswith(("label", "type")) and ("phone" in key or "telefon" in key):
            return "phone_label"
        return "extra"
    stripped = key.rstrip("0123456789")
    if stripped in SYNONYMS and SYNONYMS[stripped] in ("email", "phone", "website", "notes"):
        return SYNONYMS[stripped]
    for needles, name in _CONTAINS_RULES:
        if any(n in key for n in needles):
            return name
    return "extra"


def guess_mapping(header: list[str], rows: list[list[str]], start: int) -> dict[str, str]:
    """Map each column by its header, then sniff the values of unknown ones."""
    mapping = {col: guess_field(col) for col in header}
    keys = {col: normalise_header(col) for col in header}
    fields = set(mapping.values())
    for col in header:
        if keys[col] in _NAME_OR_SURNAME:
            surname = "first_name" in fields and "last_name" not in fields
            mapping[col] = "last_name" if surname else "name"
        elif keys[col] in _NAME_OR_FIRST:
            mapping[col] = "first_name" if "last_name" in fields else "name"
    if mapping.values() and "name" in mapping.values() and "first_name" in mapping.values():
        # "Name" beside first *and* last name is a display name: keep it as extra.
        if "last_name" in mapping.values():
            for col, name in mapping.items():
                if name == "name":
                    mapping[col] = "extra"
    for col, index in zip(header, range(len(header)), strict=True):
        if mapping[col] == "extra":
            sniffed = sniff_values(column_values(rows, start, index))
            if sniffed:
                mapping[col] = sniffed
    return mapping


def sniff_values(values: list[str]) -> str | None:
    """``email``/``linkedin_url``/``phone`` if >= 80 % of the values look like it."""
    if len(values) < 1:
        return None
    need = max(1, int(len(values) * 0.8 + 0.999))
    lowered = [v.lower() for v in values]
    if sum("linkedin.com/in/" in v or "linkedin.com/pub/" in v for v in lowered) >= need:
        return "linkedin_url"
    if sum(EMAIL_RE.fullmatch(v) is not None for v in values) >= need:
        return "email"
    if sum(_PHONE_RE.fullmatch(v) is not None and sum(c.isdigit() for c in v) >= 6
           for v in values) >= need:
        return "phone"
    return None


def column_values(rows: list[list[str]], start: int, index: int, limit: int = 50,
                  scan: int = 1000) -> list[str]:
    """The first ``limit`` non-empty values of a column (stripped)."""
    out: list[str] = []
    for row in rows[start + 1:start + 1 + scan]:
        if index < len(row):
            value = row[index].strip()
            if value:
                out.append(value)
                if len(out) >= limit:
                    break
    return out


def header_looks_like_data(cells: list[str]) -> bool:
    """True when the "header" holds emails or profile URLs: a file without header."""
    return any(EMAIL_RE.fullmatch(c.strip()) or "linkedin.com/in/" in c.lower() for c in cells)


def unique_header(cells: list[str]) -> list[str]:
    """Header names made unique and non-empty (``"column N"``, ``"Email (2)"``)."""
    seen: dict[str, int] = {}
    out = []
    for number, cell in enumerate(cells, 1):
        name = cell.strip() or f"column {number}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


# --- values -----------------------------------------------------------------

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


def clean_email(value: str) -> str | None:
    """The address in a cell (``mailto:`` and ``Name <addr>`` unwrapped), or
    ``None`` when it does not look like an email address."""
    if value[:7].lower() == "mailto:":
        value = value[7:].strip()
    if "<" in value and value.endswith(">"):
        value = value[value.rfind("<") + 1:-1].strip()
    return value if EMAIL_RE.fullmatch(value) else None


_LABEL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fax", ("fax",)),
    ("pager", ("pager",)),
    ("mobile", ("mobile", "mobil", "cell", "handy", "portable", "movil", "celular")),
    ("work", ("work", "business", "office", "company", "geschaft", "dienst", "buro",
              "arbeit", "travail", "bureau", "professionnel", "trabajo", "oficina")),
    ("home", ("home", "private", "privat", "personal", "perso", "domicile", "maison",
              "casa", "particular", "zuhause")),
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


def split_tags(cell: str) -> list[str]:
    """Tags separated by ``;``, ``,`` or ``:::``."""
    return [part for part in _TAG_SPLIT.split(cell.strip()) if part]


# --- the row engine -----------------------------------------------------------

@dataclass(slots=True)
class Options:
    """How one format reads its cells (the engine's knobs)."""

    source: str
    split_values: Callable[[str], list[str]] = split_multi
    split_tags: Callable[[str], list[str]] = split_tags
    empty_values: frozenset[str] = frozenset()
    # Per-column filler values (lower-case column name -> values) left out of extra.
    defaults: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(slots=True)
class _Plan:
    singles: list[tuple[str, list[int]]] = field(default_factory=list)
    joins: list[tuple[str, str, list[int]]] = field(default_factory=list)
    emails: list[tuple[int, int, str]] = field(default_factory=list)
    phones: list[tuple[int, int, str]] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    websites: list[int] = field(default_factory=list)
    extras: list[tuple[int, frozenset[str]]] = field(default_factory=list)


_VALUE_COL = re.compile(r"^(.*?)\s*(?:-\s*)?value$", re.IGNORECASE)
_LABEL_COL = re.compile(r"^(.*?)\s*(?:-\s*)?(?:label|type)$", re.IGNORECASE)


def _plan(header: list[str], mapping: dict[str, str], options: Options) -> _Plan:
    plan = _Plan()
    by_field: dict[str, list[int]] = {}
    for index, col in enumerate(header):
        by_field.setdefault(mapping.get(col, "extra"), []).append(index)
    plan.singles = [(f, by_field[f]) for f in SINGLE_FIELDS if f in by_field]
    plan.joins = [(f, sep, by_field[f]) for f, sep in JOIN_FIELDS.items() if f in by_field]
    unpaired: list[int] = []
    for kind, target in (("email", plan.emails), ("phone", plan.phones)):
        labels = {}
        for index in by_field.get(f"{kind}_label", []):
            match = _LABEL_COL.match(header[index])
            if match:
                labels[match.group(1).casefold()] = index
            else:
                unpaired.append(index)
        for index in by_field.get(kind, []):
            match = _VALUE_COL.match(header[index])
            label_index = labels.pop(match.group(1).casefold(), -1) if match else -1
            target.append((index, label_index, label_from_column(header[index])))
        unpaired.extend(labels.values())
    plan.tags = by_field.get("tags", [])
    plan.websites = by_field.get("website", [])
    none: frozenset[str] = frozenset()
    plan.extras = [(i, options.defaults.get(header[i].strip().lower(), none))
                   for i in sorted(by_field.get("extra", []) + unpaired)]
    return plan


def build_records(rows: list[list[str]], header_index: int, header: list[str],
                  mapping: dict[str, str], options: Options, result: ParseResult) -> None:
    """Append a record, problem or warnings to ``result`` for each data row.

    ``rows`` are all CSV records of the file and ``rows[header_index]`` the
    header, so a row's number is its index + 1.  Blank rows are skipped.
    The cyclic garbage collector is paused meanwhile: building 100k records
    creates no cycles, yet would trigger many full collections.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        _build(rows, header_index, header, mapping, options, result)
    finally:
        if enabled:
            gc.enable()


def _build(rows: list[list[str]], header_index: int, header: list[str],
           mapping: dict[str, str], options: Options, result: ParseResult) -> None:
    plan = _plan(header, mapping, options)
    width = len(header)
    empty = options.empty_values
    split_values = options.split_values
    records = result.records
    problems = result.problems
    warnings = result.warnings
    source = options.source
    total = 0
    one = [(name, indexes[0]) for name, indexes in plan.singles if len(indexes) == 1]
    many = [(name, indexes) for name, indexes in plan.singles if len(indexes) > 1]
    for index in range(header_index + 1, len(rows)):
        raw = rows[index]
        if not raw or not "".join(raw).strip():
            continue
        total += 1
        number = index + 1
        cells = raw
        extra: dict[str, str] = {}
        if len(raw) != width:
            if len(raw) < width:
                cells = raw + [""] * (width - len(raw))
            else:
                cells = raw[:width]
                spilled = [f"column {width + i + 1}" for i, v in enumerate(raw[width:])
                           if v.strip()]
                for i, value in enumerate(raw[width:]):
                    if value.strip():
                        extra[f"column {width + i + 1}"] = value.strip()
                if spilled:
                    warnings.append(RowProblem(
                        number, spilled[0], f"the row has {len(raw)} cells but the header "
                        f"has {width}; the extra cells are kept as {', '.join(spilled)}",
                        list(raw)))
        values: dict[str, str] = {}
        for name, i in one:
            value = cells[i]
            if value:
                value = value.strip()
                if value and value not in empty:
                    values[name] = value
        for name, indexes in many:
            for i in indexes:
                value = cells[i].strip()
                if value and value not in empty:
                    if name not in values:
                        values[name] = value
                    elif values[name] != value:
                        extra[header[i]] = value
        for name, sep, indexes in plan.joins:
            parts = [v for v in (cells[i].strip() for i in indexes) if v and v not in empty]
            if parts:
                values[name] = sep.join(dict.fromkeys(parts))
        emails: list[tuple[str, str]] = []
        for i, label_i, label in plan.emails:
            cell = cells[i]
            if not cell or not (cell := cell.strip()):
                continue
            if label_i >= 0 and cells[label_i].strip():
                label = clean_label(cells[label_i])
            for part in split_values(cell):
                address = clean_email(part)
                if address is None:
                    extra[header[i]] = cell
                    warnings.append(RowProblem(number, header[i],
                                               f"'{part}' is not a valid email address; "
                                               "kept in the extra fields", list(raw)))
                elif (label, address) not in emails:
                    emails.append((label, address))
        phones: list[tuple[str, str]] = []
        for i, label_i, label in plan.phones:
            cell = cells[i]
            if not cell or not (cell := cell.strip()):
                continue
            if label_i >= 0 and cells[label_i].strip():
                label = clean_label(cells[label_i])
            for part in split_values(cell):
                if (label, part) not in phones:
                    phones.append((label, part))
        tags: list[str] = []
        for i in plan.tags:
            cell = cells[i]
            if cell.strip():
                for tag in options.split_tags(cell):
                    if tag not in tags:
                        tags.append(tag)
        for i in plan.websites:
            cell = cells[i].strip()
            if cell:
                others = []
                for part in split_values(cell) if ":::" in cell else [cell]:
                    if "linkedin.com/" in part.lower() and "linkedin_url" not in values:
                        values["linkedin_url"] = part
                    else:
                        others.append(part)
                if others:
                    extra[header[i]] = " ::: ".join(others)
        for i, defaults in plan.extras:
            value = cells[i]
            if value and (value := value.strip()) and value not in empty \
                    and value not in defaults:
                extra[header[i]] = value
        full = values.pop("name", "")
        if full and ("first_name" in values or "last_name" in values):
            joined = " ".join(values.get(k, "") for k in ("first_name", "middle_name",
                                                           "last_name") if values.get(k))
            if full != joined:
                extra[header[plan_index(plan, "name")]] = full
        elif full:
            first, middle, last, rest = split_name(full)
            values["first_name"] = first
            if middle and "middle_name" not in values:
                values["middle_name"] = middle
            values["last_name"] = last
            if rest:
                extra["name prefix/suffix"] = rest
        when = values.pop("connected_on", None)
        connected = None
        if when is not None:
            connected = parse_date(when)
            if connected is None:
                column = header[plan_index(plan, "connected_on")]
                extra[column] = when
                warnings.append(RowProblem(number, column, f"'{when}' is not a date this "
                                           "importer understands; kept in the extra fields",
                                           list(raw)))
        if not (emails or values.get("first_name") or values.get("last_name")
                or values.get("middle_name")):
            problems.append(RowProblem(number, None, _why_not(values, extra, when, raw),
                                       list(raw)))
            continue
        records.append(ContactRecord(**values, emails=emails, phones=phones, tags=tags,
                                     connected_on=connected, source=source, row=number,
                                     extra=extra))
    result.total_rows += total


def plan_index(plan: _Plan, name: str) -> int:
    """The first column index mapped to a single field (for messages)."""
    return next(indexes[0] for field_name, indexes in plan.singles if field_name == name)


def _why_not(values: dict[str, str], extra: dict[str, str], when: str | None,
             raw: list[str]) -> str:
    bad_email = next((v for k, v in extra.items() if "@" in v), None)
    if bad_email:
        return f"no name and no valid email address ('{bad_email}' is not one)"
    if when and not values and not extra:
        return ("no name, email or organization: only the connection date is filled "
                "(LinkedIn leaves such rows for people who hid or closed their profile)")
    if values.get("organization"):
        return f"no name or email, only the organization '{values['organization']}'"
    return "no name or email address"
