"""The look of printed reports in one place: palette, type scale, paper.

A quiet palette (ink, one accent, greys) and a small type scale keep the
sheet readable at arm's length on a café table; the tier colours match the
badges the app shows on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from desktop_crm.domain import TIER_PRINT_COLOURS
from desktop_crm.reports.fonts import BOLD, ITALIC, register_fonts

INK = colors.HexColor("#1B2433")
ACCENT = colors.HexColor("#1F5F8B")
MUTED = colors.HexColor("#5F6B7A")
RULE = colors.HexColor("#C9D1DB")
WRITE_LINE = colors.HexColor("#D5DBE3")
PANEL = colors.HexColor("#F2F5F8")

TIER_COLOURS = {tier: colors.HexColor(hex_colour) for tier, hex_colour in TIER_PRINT_COLOURS.items()}

PAGE_SIZES = {"a4": A4, "letter": LETTER}
MARGIN = 15 * mm
TOP_MARGIN = 13 * mm
BOTTOM_MARGIN = 10 * mm
FOOTER_HEIGHT = 8 * mm
COLUMN_GAP = 7 * mm


def page_size(paper: str) -> tuple[float, float]:
    """Width and height in points; anything unknown falls back to A4."""
    return PAGE_SIZES.get((paper or "").lower(), A4)


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of the prep sheet."""

    name: ParagraphStyle
    subtitle: ParagraphStyle
    when: ParagraphStyle
    contact: ParagraphStyle
    body: ParagraphStyle
    pitch: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    labelled: ParagraphStyle
    bullet: ParagraphStyle
    more: ParagraphStyle
    question: ParagraphStyle
    checkbox: ParagraphStyle


@cache
def styles() -> Styles:
    """Built once: styles are immutable in practice and cost time to create."""
    body_font = register_fonts()

    def style(name: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
        kw.setdefault("fontName", body_font)
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontSize=size, leading=leading, alignment=TA_LEFT, **kw)

    return Styles(
        name=style("Name", 21, 25, fontName=BOLD),
        subtitle=style("Subtitle", 10.5, 13.5, textColor=INK),
        when=style("When", 10, 13, fontName=BOLD, textColor=ACCENT),
        contact=style("Contact", 8, 10.5, textColor=MUTED),
        body=style("Body", 8.8, 11.6),
        pitch=style("Pitch", 8.8, 11.8, textColor=INK),
        small=style("Small", 8, 10.4),
        label=style("Label", 8, 10.4, fontName=BOLD, textColor=MUTED),
        labelled=style("Labelled", 8.8, 11.6, leftIndent=40, bulletIndent=0, bulletFontName=BOLD,
                       bulletFontSize=7.6, bulletColor=MUTED, spaceAfter=1.5),
        bullet=style("Bullet", 8.5, 11, leftIndent=9, bulletIndent=0, bulletFontName=body_font,
                     bulletColor=ACCENT, spaceAfter=1),
        more=style("More", 7.5, 10, fontName=ITALIC, textColor=MUTED, leftIndent=9),
        question=style("Question", 9, 11.8, leftIndent=17, bulletIndent=0, bulletFontName=BOLD,
                       bulletColor=ACCENT, keepWithNext=1, spaceBefore=3),
        checkbox=style("Checkbox", 8, 10.4, leftIndent=12, bulletIndent=0,
                       bulletFontName=body_font, bulletFontSize=9, bulletColor=MUTED, spaceAfter=1.5),
    )
