"""How fast the Questions, Findings and Organizations views refresh, with same-run baselines.

Run: ``python benchmarks/bench_research_views.py [--orgs 1000]``

Each view's ``refresh()`` runs on ``data_changed`` after every save, so it
must stay well under a frame budget on a realistic network. Figures printed
(median of 5 runs):

* QuestionsView.refresh vs the bare ``list_questions()`` call it wraps;
* FindingsView.refresh vs ``list_findings()``;
* OrganizationsView.refresh vs ``list_organizations()`` (one query), on the
  demo network and again after adding ``--orgs`` organizations of 5 people
  each: the view that grows with the data. Its coverage numbers come from
  ``coverage_overview()``'s grouped queries (see ``bench_surround.py``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report(label: str, view_ms: float, base_ms: float) -> None:
    print(f"{label:<44} {view_ms:8.1f} ms   baseline {base_ms:7.1f} ms   ratio {view_ms / base_ms:5.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=1000, help="organizations to add for the scaling run")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from desktop_crm.services.contacts.bulk import bulk_create_contacts
    from desktop_crm.services.contacts.organizations import list_organizations
    from desktop_crm.services.database.demo import build_demo
    from desktop_crm.services.research.findings import list_findings
    from desktop_crm.services.research.questions import list_questions
    from desktop_crm.store import open_store
    from desktop_crm.ui.context import AppContext
    from desktop_crm.ui.findings.view import FindingsView
    from desktop_crm.ui.organizations.view import OrganizationsView
    from desktop_crm.ui.questions.view import QuestionsView

    app = QApplication.instance() or QApplication([])
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    open_store(path)
    build_demo()
    context = AppContext(path)
    questions, findings, orgs = QuestionsView(context), FindingsView(context), OrganizationsView(context)
    for view in (questions, findings, orgs):
        view.resize(1200, 760)
        view.show()
    app.processEvents()

    report("QuestionsView.refresh (demo bank)", median_ms(questions.refresh), median_ms(list_questions))
    report("FindingsView.refresh (demo)", median_ms(findings.refresh), median_ms(list_findings))
    report(f"OrganizationsView.refresh ({len(list_organizations())} orgs)",
           median_ms(orgs.refresh), median_ms(list_organizations))

    records = [
        {"first_name": f"P{i}", "last_name": f"Org{i // 5}", "organization": f"Bench Org {i // 5:05d}",
         "title": "Engineer", "tier": "bridge"}
        for i in range(args.orgs * 5)
    ]
    bulk_create_contacts(records)
    total = len(list_organizations())
    report(f"OrganizationsView.refresh ({total} orgs)", median_ms(orgs.refresh, 3), median_ms(list_organizations, 3))


if __name__ == "__main__":
    main()
