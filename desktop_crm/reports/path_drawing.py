"""A small drawing of the introduction path: You -> Ana -> Jürgen -> them.

Seeing the chain at a glance reminds the user whom to thank and whose name
to mention. Built with reportlab.graphics (circles, arrows, strings) inside a
flowable that sizes itself to its width (the sheet gives it the full page
width). Names and relations wrap onto a second line before anything is cut,
and long paths fold their middle into one "+N" node so the drawing never
overflows.
"""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib.colors import Color, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop_crm.reports.fonts import BOLD, REGULAR, font_for_cjk_run
from desktop_crm.reports.styles import ACCENT, INK, MUTED, TIER_COLOURS
from desktop_crm.reports.text import ELLIPSIS, clean, has_cjk

NODE_RADIUS = 9.0
MIN_SPACING = 64.0
HEIGHT = 58.0
CENTRE_Y = 32.0  # two label lines above the arrows, two name lines below the nodes


def _font(text: str, default: str) -> str:
    if has_cjk(text):
        return font_for_cjk_run(text) or default
    return default


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis until it is at most ``width`` points wide.
    A pre-cut keeps this linear: a pasted 20 000-character name must not cost
    20 000 width measurements."""
    text = text[: int(width / (size * 0.25)) + 1]
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS if text else ""


def _two_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` on one line, or broken at a space onto two; only the second is ever cut."""
    if stringWidth(text, font, size) <= width or " " not in text.strip():
        return [_fit(text, font, size, width)]
    words = text.split()
    best = 1
    for k in range(1, len(words)):
        if stringWidth(" ".join(words[:k]), font, size) <= width:
            best = k
    first = " ".join(words[:best])
    return [_fit(first, font, size, width), _fit(" ".join(words[best:]), font, size, width)]


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def fold_path(names: list[str], labels: list[str], max_nodes: int) -> tuple[list[str], list[str]]:
    """Keep the first two and last ``max_nodes - 3`` nodes and fold the middle
    into one ``"+N"`` node, so a long path fits its width. ``labels[i]`` is the
    relation from ``names[i]`` to ``names[i + 1]``."""
    if len(names) <= max_nodes or max_nodes < 4:
        return names, labels
    tail = max_nodes - 3
    hidden = len(names) - 2 - tail
    new_names = names[:2] + [f"+{hidden}"] + names[-tail:]
    new_labels = labels[:1] + ["", ""] + labels[len(labels) - tail + 1 :]
    return new_names, new_labels


class PathDiagram(Flowable):
    """The path as circles (initials inside, names below) joined by arrows
    labelled with each relation; "you" in the accent colour, them in their
    tier colour."""

    def __init__(self, names: list[str], labels: list[str], tier: str = "") -> None:
        super().__init__()
        self.names = [clean(n) or "?" for n in names]
        self.labels = [clean(label) for label in labels]
        self.tier_colour: Color = TIER_COLOURS.get(tier.lower(), INK)
        self.drawing: Drawing | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, HEIGHT
        self.drawing = self._build(availWidth)
        return self.width, self.height

    def _build(self, width: float) -> Drawing:
        max_nodes = max(3, int((width - 2 * NODE_RADIUS) // MIN_SPACING) + 1)
        names, labels = fold_path(self.names, self.labels, max_nodes)
        d = Drawing(width, HEIGHT)
        n = len(names)
        slot = width / n
        xs = [slot * (i + 0.5) for i in range(n)]
        cy = CENTRE_Y
        for i in range(n - 1):
            x1, x2 = xs[i] + NODE_RADIUS + 2, xs[i + 1] - NODE_RADIUS - 2
            d.add(Line(x1, cy, x2 - 4, cy, strokeColor=MUTED, strokeWidth=0.8))
            d.add(Polygon([x2, cy, x2 - 5, cy + 2.6, x2 - 5, cy - 2.6], fillColor=MUTED,
                          strokeColor=None))
            label = labels[i] if i < len(labels) else ""
            if label:
                font = _font(label, REGULAR)  # the oblique face lacks some scripts
                lines = _two_lines(label, font, 6.2, x2 - x1 - 2)
                for row, text in enumerate(reversed(lines)):
                    d.add(String((x1 + x2) / 2, cy + 5 + 7 * row, text, fontName=font, fontSize=6.2,
                                 fillColor=MUTED, textAnchor="middle"))
        for i, (x, name) in enumerate(zip(xs, names, strict=True)):
            folded = name.startswith("+") and 0 < i < n - 1 and name[1:].isdigit()
            if i == 0:
                fill, stroke, ink = ACCENT, ACCENT, white
            elif i == n - 1:
                fill, stroke, ink = self.tier_colour, self.tier_colour, white
            else:
                fill, stroke, ink = white, ACCENT, ACCENT
            d.add(Circle(x, cy, NODE_RADIUS, fillColor=fill, strokeColor=stroke, strokeWidth=1))
            inner = name if folded else _initials(name)
            inner_font = _font(inner, BOLD)
            d.add(String(x, cy - 2.3, _fit(inner, inner_font, 6.5, 2 * NODE_RADIUS - 2),
                         fontName=inner_font, fontSize=6.5, fillColor=ink, textAnchor="middle"))
            if not folded:
                font = _font(name, BOLD if i == n - 1 else REGULAR)
                for row, text in enumerate(_two_lines(name, font, 7, slot - 4)):
                    d.add(String(x, cy - NODE_RADIUS - 9 - 8 * row, text,
                                 fontName=font, fontSize=7, fillColor=INK, textAnchor="middle"))
        return d

    def draw(self) -> None:
        if self.drawing is None:
            self.drawing = self._build(self.width)
        renderPDF.draw(self.drawing, self.canv, 0, 0)
