"""What a view not included in this copy shows: what it is for, and what to do now."""

from __future__ import annotations

from collections.abc import Callable

from .empty_state import EmptyState

# key -> (title, what the view is for and what works meanwhile, [(button, action key)])
PLACEHOLDERS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "today": (
        "Today",
        "Your day at a glance: meetings coming up, thank-you notes due, and introductions to "
        "follow up. This copy of Desktop CRM does not include the Today view; the Contacts "
        "table can show everyone you have a meeting with.",
        [("Show upcoming meetings", "upcoming")],
    ),
    "network": (
        "Network",
        "Who knows whom: the warmest path to a target company and the gatekeepers who "
        "introduce you to many people. This copy does not include the network map; you can "
        "still see each person's relationships in their detail panel.",
        [("Show gatekeepers", "gatekeepers")],
    ),
    "meetings": (
        "Meetings",
        "Your informational interviews: objectives, the questions you chose, answers and "
        "follow-ups. This copy does not include meeting planning; the Contacts table sorts "
        "people by their next meeting.",
        [("Show upcoming meetings", "upcoming")],
    ),
    "questions": (
        "Questions",
        "The question bank you pick from before each meeting: career path, a typical day, "
        "culture, hiring, referrals. This copy does not include the question editor.",
        [("Open contacts", "contacts")],
    ),
    "findings": (
        "Findings",
        "The answers to one question across many meetings, side by side, to see what is "
        "confirmed and what needs more people. This copy does not include findings.",
        [("Open contacts", "contacts")],
    ),
    "organizations": (
        "Organizations",
        "Employers and the people you know at each, to surround a target company. This copy "
        "does not include the organizations view; filter the Contacts table by organization "
        "instead.",
        [("Filter contacts by organization", "by_organization")],
    ),
}


def placeholder(key: str, label: str, run: Callable[[str], None]) -> EmptyState:
    title, text, buttons = PLACEHOLDERS.get(
        key, (label, f"{label} is not included in this copy of Desktop CRM.", [("Open contacts", "contacts")])
    )
    state = EmptyState(title, text)
    state.setObjectName(f"placeholder_{key}")
    for number, (button, action) in enumerate(buttons):
        state.add_button(button, lambda a=action: run(a), default=number == 0)
    return state
