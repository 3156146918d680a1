"""Your profile: the centre of the network, used by prep sheets and email drafts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ...store.database import db
from ...store.models import Profile, utcnow
from ..conflicts import ATTEMPTS, StaleWrite, merge_edit, save_if_version
from ..errors import ServiceError
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
    version: int = 1  # the profile dialog saves "from" this version

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _row() -> Profile:
    row = Profile.get_or_none(Profile.id == 1)
    if row is None:
        row = Profile.create(id=1)
    return row


def get_profile() -> ProfileView:
    row = _row()
    return ProfileView(**{k: getattr(row, k) for k in PROFILE_FIELDS}, version=row.version)


def update_profile(
    changes: Mapping[str, Any],
    expected_version: int | None = None,
    base: ProfileView | None = None,
) -> ProfileView:
    """Change the fields given; from an old ``expected_version`` merge against ``base``
    or raise ``EditConflict`` (the profile is shared by every copy using the file)."""
    clean: dict[str, Any] = {}
    for key in PROFILE_FIELDS:
        if key in changes:
            value = clean_text(changes[key])
            if key == "email" and value:
                value = validate_email(value)
            clean[key] = value
    for _attempt in range(ATTEMPTS):
        try:
            with db.atomic():
                row = _row()
                seen = row.version
                merged = merge_edit(
                    "your profile", 1, expected_version, seen, clean,
                    {key: getattr(row, key) for key in clean},
                    {key: getattr(base, key) for key in clean} if base is not None else None,
                )
                for key, value in merged.items():
                    setattr(row, key, value)
                row.updated_at = utcnow()
                save_if_version(row, seen)
            return get_profile()
        except StaleWrite:
            continue
    raise ServiceError("your profile is being changed by another copy right now; try again")
