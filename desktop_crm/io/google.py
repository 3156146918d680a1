"""Google Contacts CSV: the current export and the older ("Google CSV") one.

Current: ``First Name,Middle Name,Last Name,...,Organization Name,
Organization Title,Organization Department,Birthday,Notes,Photo,Labels,
E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,...``.
Older: ``Name,Given Name,Additional Name,Family Name,...,Group Membership,
E-mail 1 - Type,E-mail 1 - Value,...,Organization 1 - Name,
Organization 1 - Title,...``.  Numbered columns go as far as the data needs.

Decisions:

* Several values in one cell are joined by `` ::: `` and are split; each
  email/phone gets the label of its ``- Label``/``- Type`` column, lower-cased
  and without Google's ``*`` primary marker (``"* Work"`` -> ``"work"``).
* Labels/Group Membership become tags.  The system label ``* myContacts``
  (``My Contacts``, ``System Group: My Contacts``) is dropped since every
  contact has it; ``* starred`` becomes the tag ``"starred"``; other system
  labels (``* friends``, ``* family``, ``* coworkers``) lose the ``* ``.
* ``Website N - Value`` cells holding a ``linkedin.com`` URL fill
  ``linkedin_url``; other websites stay in ``extra``.
* ``Address 1`` city, region and country (and the old top-level
  ``Location``) make ``location``; full addresses stay in ``extra``.
* ``Name`` is a display name: used (split) only when the name parts are
  empty, kept in ``extra`` when it differs from them.
"""

from __future__ import annotations

import re

from .row_engine import Options

_EXACT = {
    "first name": "first_name", "given name": "first_name",
    "middle name": "middle_name", "additional name": "middle_name",
    "last name": "last_name", "family name": "last_name",
    "name": "name",
    "organization name": "organization", "organization 1 - name": "organization",
    "organization title": "title", "organization 1 - title": "title",
    "organization department": "department", "organization 1 - department": "department",
    "birthday": "birthday",
    "notes": "notes",
    "labels": "tags", "group membership": "tags",
    "address 1 - city": "location", "address 1 - region": "location",
    "address 1 - country": "location", "location": "location",
}
_NUMBERED = re.compile(r"^(e-mail|phone|website) \d+ - (value|label|type)$")
_KIND = {"e-mail": "email", "phone": "phone", "website": "website"}
_SYSTEM_DROP = {"mycontacts", "my contacts", "system group: my contacts"}


def mapping_for(header: list[str]) -> dict[str, str]:
    """Column -> field for a Google header; unknown columns -> ``extra``."""
    mapping = {}
    for col in header:
        key = col.strip().lower()
        match = _NUMBERED.match(key)
        if key in _EXACT:
            mapping[col] = _EXACT[key]
        elif match:
            kind = _KIND[match.group(1)]
            if match.group(2) == "value":
                mapping[col] = kind
            else:
                mapping[col] = f"{kind}_label" if kind != "website" else "extra"
        else:
            mapping[col] = "extra"
    return mapping


def split_values(cell: str) -> list[str]:
    """``"a@x.com ::: b@y.com"`` -> both values."""
    if ":::" not in cell:
        return [cell]
    return [part.strip() for part in cell.split(":::") if part.strip()]


def split_labels(cell: str) -> list[str]:
    """Google labels to tags, dropping ``* myContacts`` and un-starring."""
    tags = []
    for part in split_values(cell.strip()):
        name = part.removeprefix("System Group:").lstrip("*").strip()
        if part.lower() in _SYSTEM_DROP or name.lower() in _SYSTEM_DROP:
            continue
        if name.lower() == "starred":
            name = "starred"
        if name and name not in tags:
            tags.append(name)
    return tags


OPTIONS = Options(source="google", split_values=split_values, split_phones=split_values,
                  split_tags=split_labels)
