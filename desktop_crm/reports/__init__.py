"""PDF reports from plain data: no database, no Qt (see ARCHITECTURE.md).

The prep sheet is the main one: fill :class:`PrepSheetData` and call
:func:`render_prep_sheet`, :func:`write_prep_sheet` or :func:`render_batch`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

# Lazy: importing the package (e.g. for the dataclasses, or by the command line's
# parser) must not load reportlab; rendering does.
_EXPORTS: dict[str, str] = {
    "SECTIONS": "prep_data",
    "Connection": "prep_data",
    "Interaction": "prep_data",
    "Meeting": "prep_data",
    "Objectives": "prep_data",
    "PathStep": "prep_data",
    "Person": "prep_data",
    "PrepOptions": "prep_data",
    "PrepSheetData": "prep_data",
    "default_paper_for_locale": "prep_data",
    "render_batch": "prep_sheet",
    "render_prep_sheet": "prep_sheet",
    "write_prep_sheet": "prep_sheet",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # for type checkers and editors; at run time see lazy_exports
    from .prep_data import (  # noqa: F401
        SECTIONS,
        Connection,
        Interaction,
        Meeting,
        Objectives,
        PathStep,
        Person,
        PrepOptions,
        PrepSheetData,
        default_paper_for_locale,
    )
    from .prep_sheet import render_batch, render_prep_sheet, write_prep_sheet  # noqa: F401

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
