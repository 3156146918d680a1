"""The plain data a prep sheet is printed from: the contract with the service layer.

The reports layer knows nothing of the database or Qt. A service (for a
meeting, or for a contact with no meeting yet) fills these dataclasses and
hands them to :func:`desktop_crm.reports.prep_sheet.render_prep_sheet`.

Rules every field follows, so the service never has to pre-format anything:

* All text is plain, user-typed text: never reportlab markup. The renderer
  escapes it (``Tom & Jerry <b>`` prints literally), strips control
  characters, and shortens long text with an ellipsis to hold the page limit.
* Every field has an empty default. An empty string, ``None`` or an empty
  list means "no data": the line is skipped, and a section whose fields are
  all empty is left out of the sheet, never printed empty.
* Lists are given in the order they should print (most important first):
  when a list is too long for the page, the tail is replaced by "+N more".
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Tier = Literal["primary", "bridge", "target"]
Paper = Literal["a4", "letter"]
MeetingKind = Literal["coffee", "office", "phone", "video"]

#: Ordered (key, human title) pairs: a UI offers one checkbox per entry and
#: passes the ticked keys as :attr:`PrepOptions.sections`. The name header is
#: always printed and is not a section.
SECTIONS: list[tuple[str, str]] = [
    ("contact", "Contact details"),
    ("meeting", "When and where"),
    ("connection", "How you are connected"),
    ("path", "Path drawing"),
    ("objectives", "Your objectives"),
    ("pitch", "Your pitch"),
    ("interests", "Shared interests and talking points"),
    ("history", "Past interactions"),
    ("org_learnings", "What you learned about their organization"),
    ("questions", "Questions"),
    ("ask", "The ask"),
    ("reminders", "Reminders"),
    ("follow_up", "Follow-up checklist"),
]
SECTION_KEYS: frozenset[str] = frozenset(key for key, _ in SECTIONS)

#: Short enough to print one line each in a third of the page.
DEFAULT_REMINDERS: tuple[str, ...] = (
    "Listen most of the time",
    "Keep to time",
    "Do not ask for a job",
    "Ask for introductions before leaving",
    "Thank-you note within a day",
)

DEFAULT_FOLLOW_UP: tuple[str, ...] = (
    "Write up notes the same day",
    "Send the thank-you note",
    "Record introductions offered",
    "Send what you promised",
    "Later: tell them how it went",
)


@dataclass
class Person:
    """The person you are meeting. ``tier`` is ``"primary"`` (people you already
    know), ``"bridge"`` (industry people who can advise and refer) or
    ``"target"`` (people who can hire you); any other value prints no badge."""

    name: str = ""
    title: str = ""
    organization: str = ""
    tier: str = ""
    location: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""


@dataclass
class PathStep:
    """One hop of the path from you to them: the person reached and how the
    previous person in the path knows them (``"close friend"``, ``"colleague"``)."""

    name: str
    relation_label: str = ""


@dataclass
class Connection:
    """How you are connected. ``path`` lists the people *after* "You", in order,
    and ends with the contact themself, e.g. ``[PathStep("Ana", "close friend"),
    PathStep("Jürgen", "colleague"), PathStep("Maria", "reports to")]``. An empty
    path (or one step only) draws no diagram; a direct contact has one step."""

    introduced_by: str | None = None
    path: list[PathStep] = field(default_factory=list)
    # Who could introduce you to them (when you do not know them directly), and
    # what the path finder said: that there is no known path, or that it rests on a guess.
    introducers: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Meeting:
    """When and where. ``starts_local`` is a naive or aware datetime already in
    the meeting's local time; ``tz_name`` is printed after it as given
    (``"Europe/Berlin"`` or ``"CEST"``), so the renderer needs no tz database."""

    starts_local: datetime | None = None
    tz_name: str = ""
    minutes: int | None = 30
    kind: str = ""  # "coffee" | "office" | "phone" | "video"
    place: str = ""  # an address, a café, a phone number or a video link


@dataclass
class Objectives:
    """What you want to learn, what you want them to know about you, and the
    outcome you will ask for (usually introductions)."""

    learn: str = ""
    reveal: str = ""
    ask: str = ""


@dataclass
class Interaction:
    """One earlier contact: a meeting, an email, a call."""

    date: date | None = None
    kind: str = ""
    summary: str = ""


@dataclass
class PrepSheetData:
    """Everything one prep sheet prints. ``meeting`` is ``None`` for a contact
    with no meeting yet. ``reminders`` and ``follow_up`` default to the
    etiquette reminders and a follow-up checklist; pass an empty list to leave
    the section out."""

    person: Person = field(default_factory=Person)
    connection: Connection = field(default_factory=Connection)
    meeting: Meeting | None = None
    objectives: Objectives = field(default_factory=Objectives)
    pitch: str = ""
    shared_interests: list[str] = field(default_factory=list)
    talking_points: list[str] = field(default_factory=list)
    past_interactions: list[Interaction] = field(default_factory=list)
    org_learnings: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    ask: str = ""
    intro_candidates: list[str] = field(default_factory=list)
    reminders: list[str] = field(default_factory=lambda: list(DEFAULT_REMINDERS))
    follow_up: list[str] = field(default_factory=lambda: list(DEFAULT_FOLLOW_UP))
    you_name: str = "You"


@dataclass
class PrepOptions:
    """How to print. ``sections`` holds keys of :data:`SECTIONS` to include.
    Without ``room_to_write`` a sheet is one page when it can be and never more
    than two: lines to write on and long texts shrink to fit. With it, each
    question gets more lines and the sheet may run longer. ``prepared_on``
    fixes the footer date (tests, reproducible output); ``None`` means today."""

    paper: str = field(default_factory=lambda: default_paper_for_locale())
    sections: set[str] | frozenset[str] = field(default_factory=lambda: set(SECTION_KEYS))
    room_to_write: bool = False
    prepared_on: date | None = None


#: Territories that use US Letter (ISO 3166 codes) -- the Americas that follow
#: the US, and the Philippines; everyone else uses A4.
LETTER_TERRITORIES: frozenset[str] = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "PR", "SV", "DO", "NI", "BZ"}
)
_WINDOWS_LETTER_NAMES = ("united states", "canada", "mexico", "philippines", "chile", "colombia")


def _territory(locale_name: str) -> str:
    """``"en_US.UTF-8@euro"`` -> ``"US"``; ``""`` when there is no territory."""
    base = locale_name.split(".", 1)[0].split("@", 1)[0]
    for sep in ("_", "-"):
        if sep in base:
            return base.split(sep, 1)[1].upper()
    return ""


def default_paper_for_locale(locale_name: str | None = None) -> Paper:
    """Letter for the US, Canada, Mexico, the Philippines and their neighbours,
    else A4. ``locale_name`` defaults to ``LC_PAPER``/``LC_ALL``/``LANG``, then
    the process locale; with nothing to go on, A4 (most of the world)."""
    if locale_name is None:
        locale_name = next(
            (os.environ[v] for v in ("LC_ALL", "LC_PAPER", "LANG") if os.environ.get(v)), ""
        )
        if not locale_name or locale_name in ("C", "POSIX", "C.UTF-8"):
            try:
                locale_name = locale.getlocale()[0] or ""
            except ValueError:
                locale_name = ""
    lowered = locale_name.lower()
    if any(lowered.startswith(n) or f"_{n}" in lowered for n in _WINDOWS_LETTER_NAMES):
        return "letter"  # Windows spells locales "English_United States"
    return "letter" if _territory(locale_name) in LETTER_TERRITORIES else "a4"


def empty_sections(data: PrepSheetData) -> dict[str, str]:
    """Sections the sheet will leave out for lack of data, with what would fill each.

    The preview lists these so nothing disappears silently (a sheet without
    "Your pitch" says the profile has no pitch, and where to write one).
    """
    missing: dict[str, str] = {}
    if not (data.pitch or "").strip():
        missing["pitch"] = "Your pitch: your profile has none yet (File › Your profile…)."
    o = data.objectives
    if not any((x or "").strip() for x in (o.learn, o.reveal, o.ask)):
        missing["objectives"] = ("Your objectives: none written for this meeting (the meeting's page)."
                                 if data.meeting else "Your objectives: there is no meeting with them yet.")
    if not data.questions:
        missing["questions"] = ("Questions: none chosen (the meeting's Questions page)."
                                if data.meeting else "Questions: chosen per meeting; schedule one first.")
    if not (data.connection.path or (data.connection.introduced_by or "").strip()):
        missing["connection"] = "How you are connected: no path to them in your network yet."
    if not (data.shared_interests or data.talking_points):
        missing["interests"] = "Talking points: no interests in common recorded."
    if not data.past_interactions:
        missing["history"] = "Past interactions: nothing happened with them yet."
    return missing
