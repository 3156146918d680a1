"""Small custom flowables: section headings, the tier badge, lines to write on.

They draw straight on the canvas: cheaper than tables or nested paragraphs,
and they give exact control of letter-spacing and rules. None of them takes
user markup; texts here are our own labels or are drawn as plain strings.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop_crm.reports.fonts import BOLD
from desktop_crm.reports.styles import ACCENT, RULE, TIER_COLOURS, WRITE_LINE


class SectionHeading(Flowable):
    """A small letter-spaced capitals title over a hairline rule: quiet, but
    easy to find with the eye while someone is talking."""

    SIZE = 7.6
    CHAR_SPACE = 0.9

    def __init__(self, title: str, space_before: float = 8) -> None:
        super().__init__()
        self.title = title.upper()
        self.space_before = space_before
        self.keepWithNext = 1

    def _text_width(self, text: str) -> float:
        return stringWidth(text, BOLD, self.SIZE) + self.CHAR_SPACE * len(text)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.space_before + self.SIZE + 5
        # A title naming an organization can be long: cut it to the column.
        while len(self.title) > 4 and self._text_width(self.title) > availWidth:
            self.title = self.title[:-2].rstrip() + "\u2026"
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        text = c.beginText(0, 4.5)
        text.setFont(BOLD, self.SIZE)
        text.setCharSpace(self.CHAR_SPACE)
        text.setFillColor(ACCENT)
        text.textOut(self.title)
        c.drawText(text)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(0, 1.5, self.width, 1.5)
        c.restoreState()


class TierBadge(Flowable):
    """The tier as a small rounded, coloured label: Primary, Bridge, Target."""

    SIZE = 7.5
    PAD_X = 6
    HEIGHT = 14

    def __init__(self, tier: str) -> None:
        super().__init__()
        self.tier = tier.lower()
        self.label = self.tier.upper()
        self.hAlign = "RIGHT"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        text_width = stringWidth(self.label, BOLD, self.SIZE) + self.CHAR_SPACE * len(self.label)
        self.width = text_width + 2 * self.PAD_X
        self.height = self.HEIGHT
        return self.width, self.height

    CHAR_SPACE = 0.8

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(TIER_COLOURS.get(self.tier, ACCENT))
        c.roundRect(0, 0, self.width, self.height, 3, stroke=0, fill=1)
        text = c.beginText(self.PAD_X + self.CHAR_SPACE / 2, 4.3)
        text.setFont(BOLD, self.SIZE)
        text.setCharSpace(self.CHAR_SPACE)
        text.setFillColorRGB(1, 1, 1)
        text.textOut(self.label)
        c.drawText(text)
        c.restoreState()


class WriteLines(Flowable):
    """``count`` ruled lines to write an answer on, indented under the question."""

    def __init__(self, count: int, spacing: float = 16, indent: float = 17) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing
        self.indent = indent

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.count * self.spacing + 2
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(WRITE_LINE)
        c.setLineWidth(0.5)
        for i in range(self.count):
            y = self.height - (i + 1) * self.spacing
            c.line(self.indent, y, self.width, y)
        c.restoreState()


class SheetMarker(Flowable):
    """Zero-size marker at the top of each sheet in a batch: tells the page
    footer which sheet (name, page count) the current page belongs to."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc.start_sheet(self.index)


class SpaceProbe(Flowable):
    """Zero-size flowable at the end of a story that records the height left
    on the last page, so the renderer can hand spare room to the questions."""

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0
        self.left: float = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.left = availHeight
        return 0, 0

    def draw(self) -> None:
        pass
