"""Render prep sheets to PDF: one sheet, one file, or a batch in one PDF.

The page limit (one page when it can be, two at most) is held by trying
layouts: the most generous :class:`Density` that fits wins (fewer lines per
question, shorter texts, fewer list items as it tightens). Trying is far
simpler than predicting heights, and three things keep it cheap:

* fitting passes are *dry*: flowables are wrapped and placed but never drawn
  (drawing is most of a layout's cost), and no PDF is written;
* the search starts at a density estimated from the question count and text
  lengths and moves by bisection (page count falls as density tightens), so
  a sheet takes two or three dry passes, not one per level;
* text widths are cached by the font (:class:`fonts.MeasuredTTFont`), so
  passes after the first measure almost nothing.

Only the chosen layout is drawn, once.

Output is deterministic (``invariant=1``, a fixed ``prepared_on``) so tests
and caches can compare bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from desktop_crm.atomic import write_atomic
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

from .. import clock

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
                 footer_names: list[str], prepared: str, dry: bool = False) -> None:
        width, height = page_size(paper)
        super().__init__(buffer, pagesize=(width, height), leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN + FOOTER_HEIGHT, title=title,
                         author=author, creator="Desktop CRM", subject="Informational interview "
                         "prep sheet", invariant=1, pageCompression=1)
        frame_class = _DryFrame if dry else Frame
        frame = frame_class(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("sheet", [frame])])
        self.footer_names = footer_names
        self.prepared = prepared
        self.sheet_index = 0
        self.page_sheets: list[int] = []
        self.dry = dry

    def start_sheet(self, index: int) -> None:
        self.sheet_index = index

    def afterPage(self) -> None:
        self.page_sheets.append(self.sheet_index)


def _skip_draw(*_args, **_kwargs) -> None:
    """Stands in for ``drawOn`` during a dry pass."""


class _DryFrame(Frame):
    """A frame that places flowables without drawing them: a fitting pass
    only needs the page count and the room left, and drawing (text
    formatting, number-to-string conversion) is most of a layout's cost.
    Zero-size markers still draw: they record which sheet a page is on."""

    def _add(self, flowable: Flowable, canv, trySplit: int = 0) -> int:
        if getattr(flowable, "_ZEROSIZE", False) or isinstance(flowable, SheetMarker):
            return super()._add(flowable, canv, trySplit)
        flowable.drawOn = _skip_draw
        try:
            return super()._add(flowable, canv, trySplit)
        finally:
            del flowable.drawOn

    add = _add  # reportlab binds ``add`` to its own ``_add`` at class creation


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
    prepared = _format_date(options.prepared_on or clock.today())
    doc = _SheetDoc(buffer, options.paper, title, author if author != "You" else "", names,
                    prepared, dry=dry)
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


#: Rough printed sizes (points) behind :func:`estimate_level`, measured on
#: the sample sheet: header + closing block, a section heading, a line of
#: column text, characters per column line, the questions heading.
_FIXED_HEIGHT = 215.0
_HEADING_HEIGHT = 20.0
_LINE_HEIGHT = 11.6
_COLUMN_CHARS = 48
_QUESTION_LINE_CHARS = 95


def _estimated_height(data: PrepSheetData, options: PrepOptions, density: Density) -> float:
    """Printed height of the sheet at ``density``, from text lengths alone."""
    texts = [(data.pitch, density.text_chars)]
    texts += [(t, density.text_chars // 2) for t in
              (data.objectives.learn, data.objectives.reveal, data.objectives.ask)]
    texts += [(t, density.item_chars) for t in
              [*data.talking_points[: density.items], *data.org_learnings[: density.items],
               *(i.summary for i in data.past_interactions[: density.items] if i is not None)]]
    lines = sum(-(-min(len(clean(t)), limit) // _COLUMN_CHARS) for t, limit in texts if t)
    sections = sum(1 for part in (data.pitch, data.talking_points, data.org_learnings,
                                  data.past_interactions, data.connection.path,
                                  data.objectives.learn or data.objectives.ask) if part)
    columns = (lines * _LINE_HEIGHT + sections * _HEADING_HEIGHT) / 2
    questions = [clean(q) for q in data.questions or [] if clean(q)]
    if "questions" not in options.sections:
        questions = []
    questions = questions[: density.max_questions or len(questions)]
    per_row = density.question_columns
    q_height = sum(-(-min(len(q), density.question_chars) // (_QUESTION_LINE_CHARS // per_row))
                   * 11.8 + 5 + density.lines * density.line_spacing for q in questions) / per_row
    return _FIXED_HEIGHT + columns + q_height + (_HEADING_HEIGHT if questions else 0)


def estimate_level(data: PrepSheetData, options: PrepOptions) -> tuple[int, int]:
    """Where the fitting search starts: (index into :data:`LEVELS`, pages
    expected) -- the first one-page density whose estimated height fits one
    page, else the first that fits two. Only a starting point: the search
    corrects a wrong guess at the cost of a pass or two."""
    frame = _frame_height(options)
    for index, density in enumerate(LEVELS):
        if density.one_page_ok and _estimated_height(data, options, density) <= frame:
            return index, 1
    for index, density in enumerate(LEVELS):
        if _estimated_height(data, options, density) <= MAX_PAGES * frame * 0.92:
            return index, MAX_PAGES
    return len(LEVELS) - 1, MAX_PAGES


def _frame_height(options: PrepOptions) -> float:
    return page_size(options.paper)[1] - TOP_MARGIN - BOTTOM_MARGIN - FOOTER_HEIGHT


class _Fitter:
    """Dry layouts of one sheet at chosen densities, each tried at most once."""

    def __init__(self, data: PrepSheetData, options: PrepOptions) -> None:
        self.data = data
        self.options = options
        self.results: dict[int, tuple[int, float]] = {}

    def pages(self, index: int) -> int:
        return self.layout(index)[0]

    def layout(self, index: int) -> tuple[int, float]:
        """(page count, height left on the last page) at ``LEVELS[index]``."""
        if index not in self.results:
            probe = SpaceProbe()
            _, pages = _build([(self.data, LEVELS[index])], self.options, probe, dry=True)
            self.results[index] = (pages, probe.left)
        return self.results[index]

    def first(self, candidates: list[int], ok, start: int | None = None) -> int | None:
        """The first index in ``candidates`` whose layout passes ``ok``,
        assuming pages never grow as density tightens (bisection), probing
        ``start`` first when it is a candidate."""
        lo, hi, found = 0, len(candidates) - 1, None
        guess = candidates.index(start) if start in candidates else None
        while lo <= hi:
            mid = guess if guess is not None and lo <= guess <= hi else (lo + hi) // 2
            guess = None
            if ok(self.pages(candidates[mid])):
                found, hi = candidates[mid], mid - 1
            else:
                lo = mid + 1
        return found


def _fit_density(data: PrepSheetData, options: PrepOptions) -> Density:
    """The most generous density that fits: one page if a density marked
    ``one_page_ok`` reaches it, else the most generous one within the page
    limit. A one-page result then gives its spare room to the questions as
    more lines to write on."""
    if options.room_to_write:
        return ROOM_TO_WRITE
    fitter = _Fitter(data, options)
    start, expected = estimate_level(data, options)
    one_page = [i for i, d in enumerate(LEVELS) if d.one_page_ok]
    tightest = one_page[-1]
    index = None
    if expected == 1:
        index = fitter.first(one_page, lambda pages: pages == 1, start)
    elif (_estimated_height(data, options, LEVELS[tightest]) < 1.3 * _frame_height(options)
          and fitter.pages(tightest) == 1):  # the estimate was too pessimistic
        index = fitter.first(one_page, lambda pages: pages == 1)
    if index is not None:
        return _widen(data, options, LEVELS[index], fitter.layout(index)[1])
    guess = start if expected > 1 else 0
    index = fitter.first(list(range(len(LEVELS))), lambda pages: pages <= MAX_PAGES, guess)
    return LEVELS[index if index is not None else len(LEVELS) - 1]


def _widen(data: PrepSheetData, options: PrepOptions, density: Density,
           spare: float) -> Density:
    """Spend the spare height at the foot of a one-page sheet on more lines
    per question (up to three), if that still fits on the page."""
    questions = _question_count(data, options, density)
    if not questions or density.lines >= MAX_LINES:
        return density
    used = density.lines * density.line_spacing
    for lines in range(MAX_LINES, density.lines, -1):
        for spacing in (LINE_SPACING_WIDE, LINE_SPACING_NARROW):
            if questions * (lines * spacing - used) <= spare - 2:
                wider = replace(density, lines=lines, line_spacing=spacing)
                _, pages = _build([(data, wider)], options, dry=True)
                return wider if pages == 1 else density
    return density


def _options(options: PrepOptions | None) -> PrepOptions:
    return options if options is not None else PrepOptions()


def render_prep_sheet(data: PrepSheetData, options: PrepOptions | None = None) -> bytes:
    """The PDF of one prep sheet: one page normally, two at most unless
    ``options.room_to_write``."""
    opts = _options(options)
    return _build([(data, _fit_density(data, opts))], opts)[0]


def write_prep_sheet(data: PrepSheetData, path: str | Path,
                     options: PrepOptions | None = None) -> Path:
    """Render one sheet and write it to ``path`` (written whole, via a
    temporary file, so a viewer never opens half a PDF). Returns the path."""
    return write_atomic(Path(path), render_prep_sheet(data, options))


def render_batch(sheets: Sequence[PrepSheetData], options: PrepOptions | None = None) -> bytes:
    """Many sheets in one PDF ("all meetings this week"), each starting on a new
    page and each fitted to its own page limit, with per-sheet page numbers.
    An empty list is a caller's mistake (nothing to print): ``ValueError``."""
    opts = _options(options)
    if not sheets:
        raise ValueError("render_batch needs at least one sheet")
    return _build([(data, _fit_density(data, opts)) for data in sheets], opts)[0]
