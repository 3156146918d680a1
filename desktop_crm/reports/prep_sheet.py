"""Render prep sheets to PDF: one sheet, one file, or a batch in one PDF.

The page limit (one page when it can be, two at most) is held by trying:
the sheet is laid out at a generous :class:`Density`, and tightened (fewer
lines per question, shorter texts, fewer list items) until it fits. A
layout costs a few milliseconds, so trying three or four is cheap and far
simpler than predicting heights.

Output is deterministic (``invariant=1``, a fixed ``prepared_on``) so tests
and caches can compare bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from desktop_crm.reports.flowables import SheetMarker, SpaceProbe
from desktop_crm.reports.fonts import REGULAR
from desktop_crm.reports.prep_data import SECTIONS, PrepOptions, PrepSheetData
from desktop_crm.reports.sheet_story import LEVELS, ROOM_TO_WRITE, Density, SheetBuilder
from desktop_crm.reports.sheet_story import format_date as _format_date
from desktop_crm.reports.styles import (
    BOTTOM_MARGIN,
    FOOTER_HEIGHT,
    MARGIN,
    MUTED,
    RULE,
    TOP_MARGIN,
    page_size,
    styles,
)
from desktop_crm.reports.text import clean

__all__ = ["SECTIONS", "render_prep_sheet", "write_prep_sheet", "render_batch", "MAX_PAGES"]

MAX_PAGES = 2
#: Lines per question a one-page sheet may grow to when it has room.
MAX_LINES = 3
#: Writing-line pitches in points: ~5 mm is comfortable, ~4.6 mm still usable.
LINE_SPACING_WIDE, LINE_SPACING_NARROW = 14.5, 13.0


class _SheetDoc(BaseDocTemplate):
    """A one-frame document that remembers which sheet each page belongs to,
    so a batch footer numbers pages per sheet ("page 1 of 2")."""

    def __init__(self, buffer: io.BytesIO, paper: str, title: str, author: str,
                 footer_names: list[str], prepared: str) -> None:
        width, height = page_size(paper)
        super().__init__(buffer, pagesize=(width, height), leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN + FOOTER_HEIGHT, title=title,
                         author=author, creator="Desktop CRM", subject="Informational interview "
                         "prep sheet", invariant=1, pageCompression=1)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("sheet", [frame])])
        self.footer_names = footer_names
        self.prepared = prepared
        self.sheet_index = 0
        self.page_sheets: list[int] = []
        self.dry = False

    def start_sheet(self, index: int) -> None:
        self.sheet_index = index

    def afterPage(self) -> None:
        self.page_sheets.append(self.sheet_index)


class _FooterCanvas(Canvas):
    """Holds pages back until the end so each footer can say "page x of y"
    in a single layout pass (the classic reportlab numbered-canvas recipe)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        doc: _SheetDoc | None = getattr(self, "_footer_doc", None)
        if doc is not None and doc.dry:
            return  # a fitting pass only needs the page count
        sheets = doc.page_sheets if doc else [0] * len(self._pages)
        totals: dict[int, int] = {}
        for s in sheets:
            totals[s] = totals.get(s, 0) + 1
        seen: dict[int, int] = {}
        for n, state in enumerate(self._pages):
            self.__dict__.update(state)
            sheet = sheets[n] if n < len(sheets) else 0
            seen[sheet] = seen.get(sheet, 0) + 1
            if doc is not None:
                self._draw_footer(doc, sheet, seen[sheet], totals.get(sheet, 1))
            super().showPage()
        super().save()

    def _draw_footer(self, doc: _SheetDoc, sheet: int, page: int, total: int) -> None:
        width = doc.pagesize[0]
        y = BOTTOM_MARGIN
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, y + 10, width - MARGIN, y + 10)
        self.setFont(REGULAR, 7)
        self.setFillColor(MUTED)
        name = doc.footer_names[sheet] if sheet < len(doc.footer_names) else ""
        self.drawString(MARGIN, y, f"Prep sheet \u00b7 {name}" if name else "Prep sheet")
        self.drawRightString(width - MARGIN, y, f"Prepared {doc.prepared} \u00b7 page {page} of "
                                                f"{total}")
        self.restoreState()


def _canvas_for(doc: _SheetDoc):
    def make(*args, **kwargs) -> _FooterCanvas:
        canvas = _FooterCanvas(*args, **kwargs)
        canvas._footer_doc = doc
        return canvas
    return make


def _footer_name(data: PrepSheetData) -> str:
    """Plain text (drawn with drawString, never parsed as markup)."""
    name = clean(data.person.name) or "Unnamed contact"
    return name if len(name) <= 60 else name[:59] + "\u2026"


def _build(sheets: Sequence[tuple[PrepSheetData, Density]], options: PrepOptions,
           probe: SpaceProbe | None = None, dry: bool = False) -> tuple[bytes, int]:
    """Lay out ``sheets`` in one PDF, each starting on a new page; return the
    bytes and the page count. ``probe`` learns the room left on the last page;
    ``dry`` skips writing the PDF (a batch only needs each sheet's count)."""
    st = styles()
    buffer = io.BytesIO()
    names = [_footer_name(d) for d, _ in sheets]
    title = f"Prep sheet: {names[0]}" if len(names) == 1 else f"Prep sheets ({len(names)})"
    author = clean(sheets[0][0].you_name) if sheets else ""
    prepared = _format_date(options.prepared_on or date.today())
    doc = _SheetDoc(buffer, options.paper, title, author if author != "You" else "", names,
                    prepared)
    doc.dry = dry
    story: list[Flowable] = []
    for index, (data, density) in enumerate(sheets):
        if index:
            story.append(PageBreak())
        story.append(SheetMarker(index))
        story += SheetBuilder(data, options.sections, density, st).story(doc.width, doc.height)
    if probe is not None:
        story.append(probe)
    doc.build(story, canvasmaker=_canvas_for(doc))
    return buffer.getvalue(), len(doc.page_sheets)


def _question_count(data: PrepSheetData, options: PrepOptions, density: Density) -> int:
    if "questions" not in options.sections:
        return 0
    count = sum(1 for q in data.questions or [] if clean(q))
    return min(count, density.max_questions or count)


def _fit(data: PrepSheetData, options: PrepOptions,
         dry: bool = False) -> tuple[Density, bytes, int]:
    """The most generous density that fits: one page if a density marked
    ``one_page_ok`` reaches it, else the most generous two-page one. A
    one-page result then gives its spare room to the questions as more
    lines to write on."""
    if options.room_to_write:
        pdf, pages = _build([(data, ROOM_TO_WRITE)], options, dry=dry)
        return ROOM_TO_WRITE, pdf, pages
    best: tuple[Density, bytes, int] | None = None
    last: tuple[Density, bytes, int] | None = None
    for density in LEVELS:
        if best is not None and not density.one_page_ok:
            break
        probe = SpaceProbe()
        pdf, pages = _build([(data, density)], options, probe, dry=dry)
        last = (density, pdf, pages)
        if pages == 1:
            return _widen(data, options, last, probe.left, dry)
        if pages <= MAX_PAGES and best is None:
            best = last
    assert last is not None
    return best or last


def _widen(data: PrepSheetData, options: PrepOptions, fitted: tuple[Density, bytes, int],
           spare: float, dry: bool = False) -> tuple[Density, bytes, int]:
    """Spend the spare height at the foot of a one-page sheet on more lines
    per question (up to three), if that still fits on the page."""
    density = fitted[0]
    questions = _question_count(data, options, density)
    if not questions or density.lines >= MAX_LINES:
        return fitted
    used = density.lines * density.line_spacing
    for lines in range(MAX_LINES, density.lines, -1):
        for spacing in (LINE_SPACING_WIDE, LINE_SPACING_NARROW):
            if questions * (lines * spacing - used) <= spare - 2:
                wider = replace(density, lines=lines, line_spacing=spacing)
                pdf, pages = _build([(data, wider)], options, dry=dry)
                return (wider, pdf, pages) if pages == 1 else fitted
    return fitted


def _options(options: PrepOptions | None) -> PrepOptions:
    return options if options is not None else PrepOptions()


def render_prep_sheet(data: PrepSheetData, options: PrepOptions | None = None) -> bytes:
    """The PDF of one prep sheet: one page normally, two at most unless
    ``options.room_to_write``."""
    return _fit(data, _options(options))[1]


def write_prep_sheet(data: PrepSheetData, path: str | Path,
                     options: PrepOptions | None = None) -> Path:
    """Render one sheet and write it to ``path`` (written whole, via a
    temporary file, so a viewer never opens half a PDF). Returns the path."""
    target = Path(path)
    pdf = render_prep_sheet(data, options)
    tmp = target.with_name(target.name + ".part")
    tmp.write_bytes(pdf)
    tmp.replace(target)
    return target


def render_batch(sheets: Sequence[PrepSheetData], options: PrepOptions | None = None) -> bytes:
    """Many sheets in one PDF ("all meetings this week"), each starting on a new
    page and each fitted to its own page limit, with per-sheet page numbers.
    An empty list is a caller's mistake (nothing to print): ``ValueError``."""
    opts = _options(options)
    if not sheets:
        raise ValueError("render_batch needs at least one sheet")
    fitted = [(data, _fit(data, opts, dry=True)[0]) for data in sheets]
    return _build(fitted, opts)[0]
