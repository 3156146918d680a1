"""The introduction-request email of a path: asking its first person to introduce you.

One template (``resources/templates/introduction_ask.txt``, which the user
may edit like the others) through :mod:`desktop_crm.services.meetings.email_drafts`,
so Find a way, ``path``, the prep sheet and the "Introductions to ask for"
list all draft the same email for the same first step.
"""

from __future__ import annotations

from typing import Any

from ..meetings.email_drafts import draft_introduction_ask

DEFAULT_MINUTES = 20


def introduction_email(profile: Any, introducer: Any, target: Any) -> tuple[str, str]:
    """(subject, body) asking ``introducer`` to introduce you to ``target`` (both need an ``id``)."""
    draft = draft_introduction_ask(introducer.id, target.id, minutes=DEFAULT_MINUTES)
    return draft.subject, draft.body
