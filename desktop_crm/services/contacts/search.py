"""Full-text search over contacts (names, organizations, titles, emails, notes)."""

from __future__ import annotations

from ...store.fts import match_expression, search_ids
from ..views import ContactView


def search_contact_ids(text: str, limit: int = 50, include_trashed: bool = False) -> list[int]:
    """Ids of contacts matching ``text`` by prefix, accents folded, in table order."""
    expression = match_expression(text)
    if expression is None:
        return []
    return search_ids(expression, limit, include_trashed)


def search_contacts(text: str, limit: int = 50) -> list[ContactView]:
    from .people import get_contacts

    return get_contacts(search_contact_ids(text, limit))
