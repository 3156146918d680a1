"""Benchmark: prep-sheet PDFs against a plain reportlab document of the same text.

Targets (issue 7): one sheet under 150 ms (median of 20), a batch of 50 under
5 s. The baseline -- a SimpleDocTemplate of the same strings as Paragraphs, in
the same fonts -- shows what the design, the fitting passes and the drawing
cost on top of reportlab itself. Run: ``python benchmarks/bench_prep_sheet.py``.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from desktop_crm.reports import (
    PrepOptions,
    PrepSheetData,
    prep_sheet,
    render_batch,
    render_prep_sheet,
)
from desktop_crm.reports.samples import sample_prep_data
from desktop_crm.reports.styles import styles
from desktop_crm.reports.text import markup

OPTIONS = PrepOptions(paper="a4", prepared_on=date(2024, 5, 13))


def texts(data: PrepSheetData) -> list[str]:
    """Every string the sheet prints, for the baseline."""
    p, o = data.person, data.objectives
    out = [p.name, p.title, p.organization, p.location, p.email, p.phone, p.linkedin_url,
           o.learn, o.reveal, o.ask, data.pitch, data.ask]
    out += data.shared_interests + data.talking_points + data.org_learnings + data.questions
    out += [i.summary for i in data.past_interactions] + data.intro_candidates
    out += data.reminders + data.follow_up + [s.name for s in data.connection.path]
    return [t for t in out if t]


def baseline(sheets: list[PrepSheetData]) -> bytes:
    st = styles()
    buffer = io.BytesIO()
    story = [Paragraph(markup(t), st.body) for data in sheets for t in texts(data)]
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time in seconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def week(n: int) -> list[PrepSheetData]:
    sheets = []
    for i in range(n):
        data = sample_prep_data()
        data.person.name = f"Contact {i} Schäfer"
        data.questions = data.questions * (1 + i % 4)  # 7 to 28 questions
        sheets.append(data)
    return sheets


def layout_passes(batch: list[PrepSheetData]) -> tuple[int, int]:
    """(dry fitting passes, drawn passes) for one batch render."""
    real = prep_sheet._build
    counts = {True: 0, False: 0}

    def counting(sheets, options, probe=None, dry=False):
        counts[dry] += 1
        return real(sheets, options, probe, dry)

    prep_sheet._build = counting
    try:
        render_batch(batch, OPTIONS)
    finally:
        prep_sheet._build = real
    return counts[True], counts[False]


def main() -> None:
    one = [sample_prep_data()]
    render_prep_sheet(one[0], OPTIONS)  # register fonts once, as the app does
    baseline(one)
    sheet = timed(lambda: render_prep_sheet(one[0], OPTIONS), 20)
    sheet_base = timed(lambda: baseline(one), 20)
    batch = week(50)
    many = timed(lambda: render_batch(batch, OPTIONS), 3)
    many_base = timed(lambda: baseline(batch), 3)
    print(f"one sheet (median of 20):  {sheet * 1000:7.1f} ms   target < 150 ms   "
          f"{'OK' if sheet < 0.150 else 'SLOW'}")
    print(f"  baseline, same text:     {sheet_base * 1000:7.1f} ms   ratio {sheet / sheet_base:.1f}x")
    print(f"batch of 50 (median of 3): {many:7.2f} s    target < 5 s      "
          f"{'OK' if many < 5 else 'SLOW'}")
    print(f"  baseline, same text:     {many_base:7.2f} s    ratio {many / many_base:.1f}x")
    dry, drawn = layout_passes(batch)
    print(f"layout passes for the batch: {dry} dry ({dry / len(batch):.1f} per sheet, of "
          f"{len(prep_sheet.LEVELS)} densities), {drawn} drawn")


if __name__ == "__main__":
    main()
