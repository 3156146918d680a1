"""Prep sheets: gathering everything one briefing prints (sections, the path
to the person) into the plain data that ``desktop_crm.reports`` draws.

May call: the store, the shared services modules, contacts, meetings,
research (what others at the organization said), network (the warmest path)
and the plain data classes of reports.

The package also answers for :mod:`.gather` (``prep.<name>``), lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "build_batch": "gather",
    "DEFAULT_ASK": "gather",
    "next_meeting": "gather",
    "prep_for_contact": "gather",
    "prep_for_meeting": "gather",
    "sheet_file_name": "gather",
    "week_bounds": "gather",
    "week_meeting_ids": "gather",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # for type checkers and editors; at run time see lazy_exports
    from .gather import (
        DEFAULT_ASK,  # noqa: F401
        build_batch,  # noqa: F401
        next_meeting,  # noqa: F401
        prep_for_contact,  # noqa: F401
        prep_for_meeting,  # noqa: F401
        sheet_file_name,  # noqa: F401
        week_bounds,  # noqa: F401
        week_meeting_ids,  # noqa: F401
    )

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
