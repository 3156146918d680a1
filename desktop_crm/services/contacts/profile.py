"""Your profile: the centre of the network, used by prep sheets and email drafts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ...store.database import db
from ...store.models import Profile, utcnow
from ..validation import clean_text, validate_email

PROFILE_FIELDS = (
    "name",
    "email",
    "phone",
    "pitch",
    "target_roles",
    "target_industries",
    "target_places",
    "objectives",
)


@dataclass
class ProfileView:
    name: str = ""
    email: str = ""
    phone: str = ""
    pitch: str = ""
    target_roles: str = ""
    target_industries: str = ""
    target_places: str = ""
    objectives: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _row() -> Profile:
    row = Profile.get_or_none(Profile.id == 1)
    if row is None:
        row = Profile.create(id=1)
    return row


def get_profile() -> ProfileView:
    row = _row()
    return ProfileView(**{k: getattr(row, k) for k in PROFILE_FIELDS})


def update_profile(changes: Mapping[str, Any]) -> ProfileView:
    with db.atomic():
        row = _row()
        for key in PROFILE_FIELDS:
            if key in changes:
                value = clean_text(changes[key])
                if key == "email" and value:
                    value = validate_email(value)
                setattr(row, key, value)
        row.updated_at = utcnow()
        row.save()
    return get_profile()
