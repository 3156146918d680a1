"""Find the one person a user means by what they typed: an id or (part of) a name."""

from __future__ import annotations

from ...normalise import fold
from ...store.models import Contact
from ..errors import AmbiguousError, NotFoundError, ValidationError
from ..validation import clean_text
from .search import search_contact_ids


def resolve_contact(query: str, include_trashed: bool = False) -> int:
    """Id of the person named by ``query``: an id, a full name, or a unique part of a name.

    An exact full-name match wins over partial ones; several exact matches or
    several partial ones are an AmbiguousError listing them.
    """
    text = clean_text(query)
    if not text:
        raise ValidationError("contact", "no name given")
    alive = Contact.deleted_at.is_null() if not include_trashed else Contact.id.is_null(False)
    if text.isdigit() and len(text) < 19:  # an id SQLite can hold; longer is a name
        row = Contact.get_or_none((Contact.id == int(text)) & alive)
        if row is not None:
            return row.id
    wanted = fold(text)
    candidate_ids = search_contact_ids(text, limit=500, include_trashed=include_trashed)
    if not candidate_ids:
        # A part of a word (FTS matches word prefixes only): scan names with LIKE.
        like = f"%{text}%"
        full_name = Contact.first_name.concat(" ").concat(Contact.last_name)
        candidate_ids = [
            c.id for c in Contact.select(Contact.id).where(alive, full_name ** like).limit(500)
        ]
    rows = list(
        Contact.select(Contact.id, Contact.first_name, Contact.last_name).where(
            Contact.id.in_(candidate_ids), alive
        )
    )
    exact = [r for r in rows if fold(f"{r.first_name} {r.last_name}".strip()) == wanted]
    partial = [r for r in rows if wanted in fold(f"{r.first_name} {r.last_name}")]
    for group in (exact, partial):
        if len(group) == 1:
            return group[0].id
        if len(group) > 1:
            raise AmbiguousError(text, [(r.id, r.full_name) for r in group])
    raise NotFoundError(f"no contact matches '{text}'")
