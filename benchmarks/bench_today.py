"""How long Today, suggestions, findings and the .ics export take on a larger network.

Plain script: prints figures and, as a same-run baseline, the time of a bare
``SELECT count(*)`` over the outreach table (so figures from a slow or busy
machine can be compared as ratios).

    python benchmarks/bench_today.py [people]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from desktop_crm.services import today
from desktop_crm.services.database.demo import build_demo
from desktop_crm.services.exporting import calendar as calendar_export
from desktop_crm.services.research import findings, surround
from desktop_crm.services.research.suggestions import suggest_questions
from desktop_crm.store import close_database, open_store
from desktop_crm.store.models import Meeting, OutreachAttempt


def timed(label: str, fn, baseline: float | None = None, repeat: int = 5) -> float:
    best = min(_once(fn) for _ in range(repeat))
    ratio = f"  ({best / baseline:,.0f}x baseline)" if baseline else ""
    print(f"{label:<34} {best * 1000:8.1f} ms{ratio}")
    return best


def _once(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    open_store(path)
    start = time.perf_counter()
    made = build_demo(people=people)
    print(f"demo network: {made} in {time.perf_counter() - start:.1f} s")
    base = timed("baseline: count(*) outreach", lambda: OutreachAttempt.select().count())
    timed("today()", lambda: today.today(tz="Europe/Berlin"), base)
    meeting = Meeting.select().where(Meeting.status == "planned").first()
    timed("suggest_questions(meeting)", lambda: suggest_questions(meeting.id), base)
    timed("list_findings(with answers)", lambda: findings.list_findings(with_answers=True), base)
    timed("coverage_overview()", lambda: surround.coverage_overview(), base)
    timed("export_ics() upcoming", lambda: calendar_export.export_ics(), base)
    close_database()


if __name__ == "__main__":
    main()
