"""A plain-text outline of a prep sheet, for machines that cannot show PDF pages.

Lists what the sheet prints, section by section, in the same order and with
the same rule (a section with no data is left out), so the user can check
the content before opening the PDF in their viewer.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from ...reports import SECTIONS, PrepSheetData

TITLES = dict(SECTIONS)


def _items(values: Iterable[str], limit: int = 6) -> str:
    kept = [escape(v) for v in values if v and v.strip()]
    more = f"<li><i>+{len(kept) - limit} more</i></li>" if len(kept) > limit else ""
    return "<ul>" + "".join(f"<li>{v}</li>" for v in kept[:limit]) + more + "</ul>" if kept else ""


def outline_html(data: PrepSheetData, sections: set[str] | frozenset[str]) -> str:
    """Rich text for a QTextBrowser: the sheet's sections that have data."""
    p = data.person
    parts = [f"<h2>{escape(p.name or 'Unnamed contact')}</h2>"]
    who = " · ".join(escape(x) for x in (p.title, p.organization, p.location) if x)
    if who:
        parts.append(f"<p>{who}</p>")

    def section(key: str, body: str) -> None:
        if body and key in sections:
            parts.append(f"<h4>{escape(TITLES[key])}</h4>{body}")

    section("contact", _items([p.email, p.phone, p.linkedin_url]))
    if data.meeting is not None and data.meeting.starts_local is not None:
        m = data.meeting
        start = m.starts_local
        when = f"{start:%a} {start.day} {start:%b %Y, %H:%M} ({escape(m.tz_name)})"
        section("meeting", _items([when, f"{m.minutes or ''} min {m.kind}".strip(), m.place]))
    chain = " → ".join([data.you_name or "You", *(s.name for s in data.connection.path)])
    section("connection", _items([f"Introduced by {data.connection.introduced_by}"
                                  if data.connection.introduced_by else "",
                                  chain if data.connection.path else ""]))
    o = data.objectives
    section("objectives", _items([f"Learn: {o.learn}" if o.learn else "",
                                  f"Reveal: {o.reveal}" if o.reveal else "",
                                  f"Ask for: {o.ask}" if o.ask else ""]))
    section("pitch", f"<p>{escape(data.pitch)}</p>" if data.pitch.strip() else "")
    section("interests", _items([*data.shared_interests, *data.talking_points]))
    section("history", _items([f"{i.date or ''} {i.kind}: {i.summary}".strip()
                               for i in data.past_interactions]))
    section("org_learnings", _items(data.org_learnings))
    if data.questions and "questions" in sections:
        listed = "".join(f"<li>{escape(q)}</li>" for q in data.questions if q.strip())
        parts.append(f"<h4>Questions ({len(data.questions)})</h4><ol>{listed}</ol>")
    section("ask", _items([data.ask, *data.intro_candidates]))
    section("reminders", _items(data.reminders))
    section("follow_up", _items(data.follow_up))
    return "".join(parts)
