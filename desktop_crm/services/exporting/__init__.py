"""Files a user asks for: contacts as CSV or vCard, meetings as .ics, and the
one safe way to write such a file (checked target, owner-only, atomic).

May call: the store, io (the file formats), the shared services modules and
meetings (what a calendar holds).

The package also answers for :mod:`.address_book` (``exporting.<name>``), lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "contact_records": "address_book",
    "export_bytes": "address_book",
    "export_contacts": "address_book",
    "EXPORT_FORMATS": "address_book",
    "render": "address_book",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # for type checkers and editors; at run time see lazy_exports
    from .address_book import (
        EXPORT_FORMATS,  # noqa: F401
        contact_records,  # noqa: F401
        export_bytes,  # noqa: F401
        export_contacts,  # noqa: F401
        render,  # noqa: F401
    )

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
