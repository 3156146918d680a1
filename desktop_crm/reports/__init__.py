"""PDF reports from plain data: no database, no Qt (see ARCHITECTURE.md).

The prep sheet is the main one: fill :class:`PrepSheetData` and call
:func:`render_prep_sheet`, :func:`write_prep_sheet` or :func:`render_batch`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:  # for type checkers and editors; at run time see __getattr__
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


def __getattr__(name: str) -> Any:
    """Import the submodule that holds ``name`` on first use, then keep it here."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    loaded = import_module(f"{__name__}.{module}")
    # Bind every name of that submodule now: importing it also set the package
    # attribute of the submodule's own name (``wide_angle`` the module), which
    # must not shadow the function of the same name.
    for export, home in _EXPORTS.items():
        if home == module:
            globals()[export] = getattr(loaded, export)
    return globals()[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
