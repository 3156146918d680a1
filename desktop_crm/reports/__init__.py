"""PDF reports from plain data: no database, no Qt (see ARCHITECTURE.md).

The prep sheet is the main one: fill :class:`PrepSheetData` and call
:func:`render_prep_sheet`, :func:`write_prep_sheet` or :func:`render_batch`.
"""

from desktop_crm.reports.prep_data import (
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
from desktop_crm.reports.prep_sheet import render_batch, render_prep_sheet, write_prep_sheet

__all__ = [
    "SECTIONS",
    "Connection",
    "Interaction",
    "Meeting",
    "Objectives",
    "PathStep",
    "Person",
    "PrepOptions",
    "PrepSheetData",
    "default_paper_for_locale",
    "render_batch",
    "render_prep_sheet",
    "write_prep_sheet",
]
