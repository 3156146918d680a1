"""The flowables of one prep sheet, at a given density.

Layout, top to bottom: a header (name big, tier badge, a who line, a
when/where line, contact details, an accent rule); a two-column block of the
short sections (connection and path, objectives, pitch, talking points, past
interactions, what you learned about the organization); the questions full
width with lines to write on; and a three-column footer block of the ask,
the etiquette reminders and the follow-up checklist.

:class:`Density` says how much room everything gets. The renderer tries
generous densities first and tightens until the sheet fits its page limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from desktop_crm.reports.flowables import SectionHeading, TierBadge, WriteLines
from desktop_crm.reports.path_drawing import PathDiagram
from desktop_crm.reports.prep_data import PrepSheetData
from desktop_crm.reports.styles import ACCENT, COLUMN_GAP, PANEL, TIER_COLOURS, Styles
from desktop_crm.reports.text import capped, clean, markup

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
WEEKDAYS = "Mon Tue Wed Thu Fri Sat Sun".split()
SEP = ' <font color="#9AA5B1">\u00b7</font> '
#: Table cells that sit flush: top-aligned, no padding (layout tables, not grids).
FLUSH = (
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0))


@dataclass(frozen=True)
class Density:
    """How much room the sheet gives: lines per question, characters per
    text, items per list, and how many questions at most."""

    lines: int
    text_chars: int
    item_chars: int
    items: int
    question_chars: int
    max_questions: int | None = None
    line_spacing: float = 14.5
    #: Many questions go two to a row, each with its line, to hold two pages.
    question_columns: int = 1
    #: Whether reaching one page at this density is worth giving up a more
    #: generous two-page layout (not when it cuts texts or questions hard).
    one_page_ok: bool = True


#: From generous to tight; the renderer picks the first that fits.
LEVELS: tuple[Density, ...] = (
    Density(lines=3, text_chars=600, item_chars=220, items=8, question_chars=260),
    Density(lines=2, text_chars=420, item_chars=170, items=6, question_chars=220),
    Density(lines=2, text_chars=360, item_chars=150, items=6, question_chars=200,
            line_spacing=13),
    Density(lines=1, text_chars=300, item_chars=130, items=5, question_chars=180),
    Density(lines=1, text_chars=200, item_chars=100, items=4, question_chars=140, line_spacing=14,
            one_page_ok=False),
    Density(lines=1, text_chars=150, item_chars=80, items=3, question_chars=110,
            line_spacing=13, question_columns=2, one_page_ok=False),
    Density(lines=1, text_chars=110, item_chars=64, items=3, question_chars=80,
            line_spacing=13, question_columns=2, one_page_ok=False),
    Density(lines=1, text_chars=90, item_chars=56, items=2, question_chars=70,
            max_questions=30, line_spacing=13, question_columns=2, one_page_ok=False),
    Density(lines=1, text_chars=70, item_chars=48, items=2, question_chars=60,
            max_questions=20, line_spacing=12, question_columns=2, one_page_ok=False),
)
#: With room to write: more lines, the page limit lifted.
ROOM_TO_WRITE = Density(lines=6, text_chars=1200, item_chars=320, items=12, question_chars=400,
                        line_spacing=19)


def format_date(value: date | None) -> str:
    """``14 May 2024``: unambiguous everywhere, and independent of the C locale."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_when(start: datetime | None, tz_name: str) -> str:
    """``Tue 14 May 2024, 09:30 (Europe/Berlin)``."""
    if start is None:
        return ""
    text = f"{WEEKDAYS[start.weekday()]} {format_date(start.date())}, {start:%H:%M}"
    return f"{text} ({clean(tz_name)})" if clean(tz_name) else text


class SheetBuilder:
    """Builds the story of one sheet; one method per section, each returning
    ``[]`` when its data is empty so no empty heading is ever printed."""

    def __init__(self, data: PrepSheetData, sections: set[str] | frozenset[str],
                 density: Density, st: Styles) -> None:
        self.data = data
        self.sections = sections
        self.d = density
        self.st = st

    def on(self, key: str) -> bool:
        return key in self.sections

    # -- helpers ---------------------------------------------------------------
    def bullets(self, items: list[str] | None, style=None, bullet: str = "\u2022",
                chars: int | None = None) -> list[Flowable]:
        kept, more = capped(items, self.d.items)
        style = style or self.st.bullet
        out: list[Flowable] = [
            Paragraph(markup(i, chars or self.d.item_chars), style, bulletText=bullet)
            for i in kept
        ]
        if more:
            out.append(Paragraph(f"+{more} more", self.st.more))
        return out

    # -- header ----------------------------------------------------------------
    def header(self, width: float) -> list[Flowable]:
        p, st = self.data.person, self.st
        name = Paragraph(markup(p.name, 60) or "Unnamed contact", st.name)
        tier = clean(p.tier).lower()
        if tier in TIER_COLOURS:
            top: Flowable = Table([[name, TierBadge(tier)]], colWidths=[width - 70, 70],
                                  style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                                    ("TOPPADDING", (1, 0), (1, 0), 5),
                                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        else:
            top = name
        out: list[Flowable] = [top]
        who = [markup(x, 70) for x in (p.title, p.organization, p.location) if clean(x)]
        if who:
            out.append(Paragraph(SEP.join(who), st.subtitle))
        when = self.when_line()
        if when:
            out.append(Paragraph(when, st.when))
        if self.on("contact"):
            url = clean(p.linkedin_url).removeprefix("https://").removeprefix("http://")
            reach = [markup(x, 80) for x in (p.email, p.phone, url.removeprefix("www.")) if x]
            if reach:
                out.append(Paragraph(SEP.join(reach), st.contact))
        out.append(HRFlowable(width="100%", thickness=1.6, color=ACCENT, spaceBefore=5,
                              spaceAfter=2))
        return out

    def when_line(self) -> str:
        m = self.data.meeting
        if m is None or not self.on("meeting"):
            return ""
        parts = [markup(format_when(m.starts_local, m.tz_name))]
        kind = clean(m.kind).lower()
        length = f"{m.minutes} min" if isinstance(m.minutes, int) and m.minutes > 0 else ""
        if length or kind:
            parts.append(" ".join(x for x in (length, markup(kind, 20)) if x))
        parts.append(markup(m.place, 110))
        return SEP.join(x for x in parts if x)

    # -- column block ------------------------------------------------------------
    def connection(self) -> list[Flowable]:
        c = self.data.connection
        steps = [s for s in (c.path or []) if s is not None and clean(s.name)]
        intro = clean(c.introduced_by)
        if not self.on("connection") and not self.on("path"):
            return []
        body: list[Flowable] = []
        if intro and self.on("connection"):
            body.append(Paragraph(f"Introduced by <b>{markup(intro, 80)}</b>", self.st.body))
        if len(steps) >= 2 and self.on("path"):
            names = [clean(self.data.you_name) or "You"] + [s.name for s in steps]
            body.append(Spacer(1, 3))
            body.append(PathDiagram(names, [s.relation_label for s in steps],
                                    self.data.person.tier or ""))
        elif steps and self.on("connection"):
            chain = " \u2192 ".join(
                markup(s.name, 40) + (f" ({markup(s.relation_label, 30)})"
                                      if clean(s.relation_label) else "")
                for s in steps)
            body.append(Paragraph(f"{markup(self.data.you_name or 'You', 40)} \u2192 {chain}",
                                  self.st.body))
        if self.on("connection"):
            if clean(c.note):
                body.append(Paragraph(markup(c.note, 240), self.st.small))
            introducers = self.bullets(c.introducers, chars=90)
            if introducers:
                body.append(Paragraph("Who could introduce you:", self.st.label))
                body += introducers
        return [SectionHeading("How you are connected", 0), *body] if body else []

    def objectives(self) -> list[Flowable]:
        o = self.data.objectives
        rows = [(label, value) for label, value in
                (("Learn", o.learn), ("Reveal", o.reveal), ("Ask for", o.ask)) if clean(value)]
        if not rows or not self.on("objectives"):
            return []
        paras = [Paragraph(markup(value, self.d.text_chars // 2), self.st.labelled,
                           bulletText=label) for label, value in rows]
        return [SectionHeading("Your objectives"), *paras]

    def pitch(self) -> list[Flowable]:
        if not clean(self.data.pitch) or not self.on("pitch"):
            return []
        return [SectionHeading("Your pitch"),
                # Not italic: DejaVu's oblique face lacks Arabic, and user text must print.
                Paragraph(markup(self.data.pitch, self.d.text_chars), self.st.pitch)]

    def interests(self) -> list[Flowable]:
        if not self.on("interests"):
            return []
        shared, more = capped(self.data.shared_interests, self.d.items + 2)
        body: list[Flowable] = []
        if shared:
            line = SEP.join(markup(s, 50) for s in shared) + (f" +{more} more" if more else "")
            body.append(Paragraph(line, self.st.labelled, bulletText="Interests"))
        body += self.bullets(self.data.talking_points)
        return [SectionHeading("Talking points"), *body] if body else []

    def history(self) -> list[Flowable]:
        items = [i for i in self.data.past_interactions or []
                 if i is not None and (clean(i.summary) or i.date)]
        if not items or not self.on("history"):
            return []
        shown = items[: self.d.items]
        body: list[Flowable] = []
        for i in shown:
            head = SEP.join(x for x in (format_date(i.date), markup(i.kind, 30)) if x)
            text = markup(i.summary, self.d.item_chars)
            dash = " \u2014 " if head and text else ""
            body.append(Paragraph(f"<b>{head}</b>{dash}{text}",
                                  self.st.bullet, bulletText="\u2022"))
        if len(items) > len(shown):
            body.append(Paragraph(f"+{len(items) - len(shown)} more", self.st.more))
        return [SectionHeading("Past interactions"), *body]

    def org_learnings(self) -> list[Flowable]:
        if not self.on("org_learnings"):
            return []
        body = self.bullets(self.data.org_learnings)
        org = clean(self.data.person.organization)
        title = f"What you know about {org[:40]}" if org else "What you know about their org"
        return [SectionHeading(title), *body] if body else []

    # -- full width -----------------------------------------------------------------
    def question_grid(self, blocks: list[list[Flowable]], width: float) -> list[Flowable]:
        """Questions two to a row (read across). One table per row, so the
        heading keeps with the first row only and pages break between rows."""
        col = (width - COLUMN_GAP) / 2
        style = TableStyle(FLUSH)
        return [Table([[blocks[i], "", blocks[i + 1] if i + 1 < len(blocks) else ""]],
                      colWidths=[col, COLUMN_GAP, col], style=style)
                for i in range(0, len(blocks), 2)]

    def questions(self, width: float) -> list[Flowable]:
        if not self.on("questions"):
            return []
        qs = [q for q in (clean(x) for x in self.data.questions or []) if q]
        if not qs:
            return []
        limit = self.d.max_questions or len(qs)
        out: list[Flowable] = [SectionHeading(f"Questions ({len(qs)})", 10)]
        blocks = [[Paragraph(markup(q, self.d.question_chars), self.st.question,
                             bulletText=f"{n}."), WriteLines(self.d.lines, self.d.line_spacing)]
                  for n, q in enumerate(qs[:limit], 1)]
        if self.d.question_columns == 2 and len(blocks) > 1:
            out += self.question_grid(blocks, width)
        else:
            out += [f for block in blocks for f in block]
        if len(qs) > limit:
            out.append(Paragraph(f"+{len(qs) - limit} more questions in the app", self.st.more))
        return out

    def closing(self, width: float) -> list[Flowable]:
        """The ask, reminders and follow-up side by side: the last things to
        look at before leaving and after."""
        cells: list[list[Flowable]] = []
        ask_body: list[Flowable] = []
        if self.on("ask"):
            if clean(self.data.ask):
                ask_body.append(Paragraph(f"<b>{markup(self.data.ask, self.d.text_chars // 2)}</b>",
                                          self.st.small))
            names = self.bullets(self.data.intro_candidates, chars=60)
            if names:
                ask_body.append(Paragraph("People they could introduce you to:", self.st.label))
                ask_body += names
        if ask_body:
            cells.append([SectionHeading("The ask", 0), *ask_body])
        if self.on("reminders"):
            body = self.bullets(self.data.reminders, style=self.st.checkbox,
                                chars=min(90, self.d.item_chars))
            if body:
                cells.append([SectionHeading("Remember", 0), *body])
        if self.on("follow_up"):
            body = self.bullets(self.data.follow_up, style=self.st.checkbox, bullet="\u2610",
                                chars=min(90, self.d.item_chars))
            if body:
                cells.append([SectionHeading("After the meeting", 0), *body])
        if not cells:
            return []
        gap = COLUMN_GAP
        col = (width - gap * (len(cells) - 1)) / len(cells)
        widths = []
        for i in range(len(cells)):
            widths += [col] if i == 0 else [gap, col]
        row: list[object] = []
        for i, cell in enumerate(cells):
            row += [cell] if i == 0 else ["", cell]
        commands = list(FLUSH)
        if ask_body:  # the one thing not to forget: set on a tinted panel
            commands += [("BACKGROUND", (0, 0), (0, 0), PANEL),
                         ("LEFTPADDING", (0, 0), (0, 0), 6), ("RIGHTPADDING", (0, 0), (0, 0), 6),
                         ("TOPPADDING", (0, 0), (0, 0), 5), ("BOTTOMPADDING", (0, 0), (0, 0), 6),
                         ("LINEBEFORE", (0, 0), (0, 0), 2, ACCENT)]
        table = Table([row], colWidths=widths, style=TableStyle(commands))
        return [Spacer(1, 12), table]

    # -- whole sheet ------------------------------------------------------------------
    def columns(self, parts: list[list[Flowable]], width: float,
                max_height: float) -> list[Flowable]:
        """Whole sections in two columns, split where the columns come out most
        even (a section never breaks across columns). If even the taller
        column would not fit on a page, fall back to one splittable column."""
        if not parts:
            return []
        col = (width - COLUMN_GAP) / 2
        heights = [sum(f.wrap(col, max_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                       for f in part) for part in parts]
        best_k = min(range(len(parts) + 1),
                     key=lambda k: max(sum(heights[:k]), sum(heights[k:])))
        left, right = parts[:best_k], parts[best_k:]
        if max(sum(heights[:best_k]), sum(heights[best_k:])) > max_height or not left:
            return [f for part in parts for f in part]
        for column in (left, right):
            if column and isinstance(column[0][0], SectionHeading):
                column[0][0].space_before = 0
        cells = [[f for part in column for f in part] for column in (left, right)]
        return [Table([[cells[0], "", cells[1]]], colWidths=[col, COLUMN_GAP, col],
                      style=TableStyle(FLUSH))]

    def story(self, width: float, height: float) -> list[Flowable]:
        """All flowables of the sheet for a frame of ``width`` x ``height``."""
        out = self.header(width)
        connection = self.connection()
        if any(isinstance(f, PathDiagram) for f in connection):
            # The drawing needs the page's width: in half a column it cut names short.
            out += [Spacer(1, 4), *connection]
            connection = []
        parts = [p for p in (connection, self.objectives(), self.pitch(), self.interests(),
                             self.history(), self.org_learnings()) if p]
        for part in parts:
            if isinstance(part[0], SectionHeading):
                part[0].space_before = 9
        if parts:
            out.append(Spacer(1, 6))
            out += self.columns(parts, width, height * 0.8)
        out += self.questions(width)
        out += self.closing(width)
        return out
