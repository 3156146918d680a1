"""What every database needs before use: the profile row and the built-in questions.

Idempotent and cheap, so it runs after every open.
"""

from __future__ import annotations

import json

from ...resources import resource_path
from ...store.database import db
from ...store.models import Profile, Question
from ..validation import region_of_locale, region_of_phone, set_default_region


def ensure_defaults() -> None:
    with db.atomic():
        if not Profile.select().exists():
            Profile.create(id=1)
        if not Question.select().where(Question.builtin == True).exists():  # noqa: E712
            seed_builtin_questions()


def load_question_bank() -> list[dict]:
    """The questions shipped in resources/questions/questions.json."""
    path = resource_path("questions", "questions.json")
    return json.loads(path.read_text(encoding="utf-8"))


def seed_builtin_questions() -> int:
    rows = [
        {
            "text": q["text"],
            "category": q["category"],
            "tags": " ".join(q.get("tags", [])),
            "tiers": " ".join(q.get("tiers", [])),
            "builtin": True,
            "position": index,
        }
        for index, q in enumerate(load_question_bank())
    ]
    Question.insert_many(rows).execute()
    return len(rows)


def configure_phone_region(locale_name: str | None) -> str | None:
    """Decide the region for phone numbers typed without a country code, once per start.

    The user's own phone (in the profile, with its country code) says where they
    live; else the locale the caller passes (``en_IN``; the window passes Qt's,
    the command line the environment's). Returns the region chosen, or ``None``
    when neither says (then the process locale, then US, as before).
    """
    profile = Profile.get_or_none(Profile.id == 1)
    region = (region_of_phone(profile.phone) if profile and profile.phone else None) \
        or region_of_locale(locale_name)
    set_default_region(region)
    return region
