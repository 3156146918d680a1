"""People and their organizations: the contacts themselves, their tags, the
contact table's filters and pages, smart lists, search, each contact's
timeline, bulk creation and bulk actions, the trash, your profile, and
finding the one person a user means by what they typed.

May call: the store, the domain's words, the shared services modules
(errors, validation, views, lookups, undo), database (the snapshot before a
risky write), exporting (the files a bulk action writes) and network (the
ties a trashed or bulk-made contact has).

The package also answers for :mod:`.people` (``contacts.<name>``), lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "CONTACT_FIELDS": "people",
    "count_contacts": "people",
    "create_contact": "people",
    "get_contact": "people",
    "get_contacts": "people",
    "list_contacts": "people",
    "tag_id_for": "people",
    "TEXT_FIELDS": "people",
    "update_contact": "people",
    "validate_contact": "people",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # for type checkers and editors; at run time see lazy_exports
    from .people import (
        CONTACT_FIELDS,  # noqa: F401
        TEXT_FIELDS,  # noqa: F401
        count_contacts,  # noqa: F401
        create_contact,  # noqa: F401
        get_contact,  # noqa: F401
        get_contacts,  # noqa: F401
        list_contacts,  # noqa: F401
        tag_id_for,  # noqa: F401
        update_contact,  # noqa: F401
        validate_contact,  # noqa: F401
    )

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
