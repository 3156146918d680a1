"""The ties an import records: whose contacts the file holds.

A LinkedIn connections export, an address book or a vCard file lists people
its owner knows. Importing your own makes each of them first degree (a tie
from you); importing a friend's shared export (``--of NAME``) makes each
of them known to that friend, so the friend's first degree becomes your
second. The ties are written in the import's transaction and recorded in its
batch, so undoing the import removes them and nothing else; importing the
same file again adds none (a person already tied from the same side is
left as they are).

Also here: "Connect me to my imported contacts", the one-time step for
databases whose imports predate ties, undoable like an import.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ...store import bulk as store_bulk
from ...store import import_log as log
from ...store import import_queries as q
from ...store import tie_facts
from ...store.database import db
from ...store.models import Contact, utcnow
from ..contacts.people import create_contact
from ..contacts.resolve import resolve_contact
from ..errors import NotFoundError, ValidationError
from ..validation import clean_text
from .plan import Plan

MODES = ("mine", "of", "none")
MODE_LABELS = {
    "mine": "These are people I know",
    "of": "These are someone else's contacts",
    "none": "No ties",
}
# LinkedIn connections are often thin; an address book holds people you have dealt with.
DEFAULT_STRENGTH = {"linkedin": "acquaintance"}
HOW = {
    "linkedin": "LinkedIn connection",
    "google": "in Google contacts",
    "outlook": "in Outlook contacts",
    "vcard": "in an address book",
    "generic": "in a contact list",
}
# Formats whose tags are group labels the file's owner made (Google labels, Outlook
# categories, vCard categories): people who share one probably know each other.
LABEL_FORMATS = ("google", "outlook", "vcard")
CONNECT_SOURCE = "Connect me to my imported contacts"
CONNECT_FORMAT = "ties"
_RELATIONSHIP_COLUMNS = ("id", "person_a_id", "person_b_id", "kind", "strength", "how", "since",
                         "created_at")


@dataclass(frozen=True)
class TieChoice:
    """Whose contacts a file holds: ``mine`` (a tie from you to each), ``of`` (from
    ``of_name``, a contact found or created) or ``none``."""

    mode: str = "mine"
    of_name: str = ""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValidationError("ties", f"'{self.mode}' is not one of: {', '.join(MODES)}")
        if self.mode == "of" and not clean_text(self.of_name):
            raise ValidationError("--of", "say whose contacts these are (a name)")

    def to_dict(self) -> dict[str, str]:
        return {"mode": self.mode, "of": self.of_name} if self.mode == "of" else {"mode": self.mode}


@dataclass
class TieResult:
    made: int = 0
    of_id: int | None = None
    of_created: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"made": self.made, "of_id": self.of_id, "of_created": self.of_created}


def strength_for(fmt: str) -> str:
    return DEFAULT_STRENGTH.get(fmt, "known")


def people_of(plan: Plan) -> list[tuple[int, str]]:
    """(contact id, since) of everyone the plan wrote or matched, in file order.

    New people have ids once the plan is written (:func:`..apply.write_plan`).
    """
    out: dict[int, str] = {}
    dates: dict[Any, str] = {None: ""}  # an export repeats a few thousand dates
    for item in plan.items:
        if item.contact_id is None:
            continue
        when = item.incoming.connected_on
        since = dates.get(when)
        if since is None:
            since = dates[when] = when.isoformat()
        out.setdefault(item.contact_id, since)
    return list(out.items())


def mark_label_tags(batch_id: int, fmt: str) -> None:
    """The tags import ``batch_id`` created from a file's group labels are marked as such
    (people who share one probably know each other); once per import."""
    if fmt in LABEL_FORMATS:
        # Only the tags this import created: a tag of the user's own stays theirs.
        tie_facts.mark_tag_origin_by_id(created_ids(batch_id, "tag"), fmt)


def record_import_ties(batch_id: int, plan: Plan, choice: TieChoice, fmt: str) -> TieResult:
    """Write the ties ``choice`` asks for into batch ``batch_id`` (a big file's parts one
    after the other); the caller holds the transaction and calls :func:`mark_label_tags`."""
    result = TieResult()
    if choice.mode == "none":
        return result
    people = people_of(plan)
    # Only people who were there before can have ties already: the new ones were just made.
    known = [item.contact_id for item in plan.items
             if item.contact_id is not None and item.action in ("update", "unchanged")]
    strength, how = strength_for(fmt), HOW.get(fmt, "in an imported file")
    rows: list[tuple[int | None, int, str, str, str, str]] = []
    if choice.mode == "of":
        result.of_id, result.of_created = _find_or_create(choice.of_name, batch_id)
        friend = result.of_id
        owner = _name(friend)
        tied = tied_to(friend, known)
        rows += [(friend, person, "other", strength, f"{how} of {owner}", since)
                 for person, since in people if person != friend and person not in tied]
        if not tied_to(None, [friend]):
            rows.append((None, friend, "other", "known", f"shared their contacts ({fmt})", ""))
    else:
        tied = tied_to(None, known)
        rows += [(None, person, "other", strength, how, since) for person, since in people if person not in tied]
    result.made = write_ties(batch_id, rows)
    return result


def count_new_ties(plan: Plan, choice: TieChoice) -> int:
    """How many ties importing ``plan`` would add (for a dry run: nothing is written).

    People the file brings in for the first time always get one; of the people
    already there, those not yet tied from the same side.
    """
    if choice.mode == "none":
        return 0
    new = sum(1 for item in plan.items if item.action in ("new", "review"))
    known = [item.contact_id for item in plan.items if item.contact_id is not None]
    source: int | None = None
    if choice.mode == "of":
        try:
            source = resolve_contact(choice.of_name)
        except NotFoundError:
            return new + len(set(known)) + 1
    tied = tied_to(source, known)
    extra = 1 if source is not None and not tied_to(None, [source]) else 0
    return new + len({k for k in known if k not in tied and k != source}) + extra


def tied_to(source: int | None, people: Iterable[int]) -> set[int]:
    """Which of ``people`` already have a live tie with ``source`` (None: you), either way round.

    One query for the whole list (a re-import asks about 100,000 people): the ids go in
    as one JSON array, each looked up by the index on the other end of the tie.
    """
    wanted = list(dict.fromkeys(people))
    b_in, b_params = q.id_in("person_b_id", wanted)
    if source is None:
        # "+": look each person up by person_b_id, not every tie of yours by person_a_id.
        sql = ("SELECT person_b_id FROM relationship WHERE deleted_at IS NULL "
               f"AND +person_a_id IS NULL AND {b_in}")
        params: tuple = b_params
    else:
        a_in, a_params = q.id_in("person_a_id", wanted)
        sql = ("SELECT person_b_id FROM relationship WHERE deleted_at IS NULL AND person_a_id = ? "
               f"AND {b_in} "
               "UNION SELECT person_a_id FROM relationship WHERE deleted_at IS NULL "
               f"AND person_b_id = ? AND {a_in}")
        params = (source, *b_params, source, *a_params)
    return {row[0] for row in db.execute_sql(sql, params)}


def write_ties(batch_id: int, rows: list[tuple[int | None, int, str, str, str, str]]) -> int:
    """Insert ties as rows recorded in the batch (so undo removes exactly these)."""
    if not rows:
        return 0
    now = str(utcnow())
    first = store_bulk.next_id("relationship")
    written = [(first + index, a, b, kind, strength, how, since, now)
               for index, (a, b, kind, strength, how, since) in enumerate(rows)]
    store_bulk.insert_rows("relationship", _RELATIONSHIP_COLUMNS, written)
    log.record_written(batch_id, "relationship", _RELATIONSHIP_COLUMNS, written)
    return len(rows)


def _find_or_create(name: str, batch_id: int) -> tuple[int, bool]:
    """The contact whose contacts these are: found by name or id, else created in the batch."""
    try:
        return resolve_contact(name), False
    except NotFoundError:
        pass
    text = clean_text(name)
    first, _, last = text.partition(" ")
    # The same path (and checks) as a contact typed by hand, inside the import's transaction.
    contact = create_contact({"first_name": first, "last_name": last.strip(),
                              "how_met": "shared their contacts with me"})
    log.record_created(batch_id, "contact", [contact.id])
    return contact.id, True


def _name(contact_id: int) -> str:
    row = Contact.get_or_none(Contact.id == contact_id)
    return row.full_name if row is not None else f"#{contact_id}"


# --- older databases: one step to make imported people first degree ------------------------------


def unconnected_imported(limit: int | None = None) -> list[int]:
    """Live contacts that came from an import and have no tie at all (none to you, none to anyone)."""
    sql = (
        "SELECT c.id FROM contact c WHERE c.deleted_at IS NULL AND c.sources != '' "
        "AND NOT EXISTS (SELECT 1 FROM relationship r WHERE r.deleted_at IS NULL "
        "AND (r.person_b_id = c.id OR r.person_a_id = c.id)) ORDER BY c.id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in db.execute_sql(sql)]


def connect_offer() -> int:
    """How many imported people "Connect me to my imported contacts" would tie to you.

    Offered once: only while an import from before ties existed is on record and
    the step has not been taken (or was undone).
    """
    batches = list(db.execute_sql("SELECT format, summary, undone_at FROM import_batch"))
    if any(fmt == CONNECT_FORMAT and undone is None for fmt, _summary, undone in batches):
        return 0
    old = [1 for fmt, summary, undone in batches
           if fmt != CONNECT_FORMAT and undone is None and "ties" not in _summary(summary)]
    if not old:
        return 0
    return len(unconnected_imported())


def _summary(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def connect_imported() -> tuple[int, int]:
    """Tie you to every imported person with no tie yet, as one undoable batch.

    Returns (batch id, ties made); the batch shows in ``import --list`` and
    ``import --undo BATCH`` removes exactly these ties.
    """
    with db.atomic():
        people = unconnected_imported()
        where, params = q.id_in("id", people)
        sources = dict(db.execute_sql(f"SELECT id, sources FROM contact WHERE {where}", params))
        now = str(utcnow())
        batch_id = q.create_batch(CONNECT_SOURCE, CONNECT_FORMAT, now)
        rows = []
        for person in people:
            fmt = (sources.get(person) or "").split(",")[0]
            rows.append((None, person, "other", strength_for(fmt), HOW.get(fmt, "in an imported file"), ""))
        made = write_ties(batch_id, rows)
        q.set_batch_summary(batch_id, {"counts": {"ties": made}, "ties": {"mode": "mine", "made": made}})
    return batch_id, made


def created_ids(batch_id: int, table: str) -> list[int]:
    """Ids of the rows of ``table`` a batch created."""
    return sorted(log.entries_of(batch_id).created_ids(table))
