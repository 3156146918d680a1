"""Coverage of every organization (the Organizations table) at scale, with a same-run baseline.

Run: ``python benchmarks/bench_surround.py [--orgs 1000] [--people 100000] [--old]``

Builds ``--orgs`` organizations with ``--people`` contacts spread over them
(a fifth with a held meeting, one in twenty of target tier) through the
store's bulk path, then prints the median of 5 runs of:

* ``coverage_overview(targets_only=False)``: the grouped queries;
* the baseline ``list_organizations()`` (one query over the same rows,
  which the table also calls), and their ratio;
* with ``--old``, the former way (one ``surround()`` per organization).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(orgs: int, people: int) -> None:
    """Organizations, contacts and held meetings through the bulk store helpers."""
    from desktop_crm.services.contacts.bulk import bulk_create_contacts
    from desktop_crm.services.contacts.profile import update_profile
    from desktop_crm.store.bulk import insert_rows
    from desktop_crm.store.database import db

    update_profile({"target_roles": "Data engineering lead, analytics engineering"})
    titles = ("Data Engineer", "Accountant", "Head of Analytics", "Recruiter", "Product Manager", "Nurse")
    records = [
        {"first_name": f"P{i}", "last_name": f"Person{i}", "organization": f"Org {i % orgs:05d}",
         "title": titles[i % len(titles)], "tier": "target" if i % 20 == 0 else "bridge"}
        for i in range(people)
    ]
    ids = bulk_create_contacts(records)
    start = dt.datetime(2025, 1, 1, 10, 0)
    columns = ("contact_id", "starts_at", "tz", "minutes", "kind", "place", "objective_learn",
               "objective_reveal", "objective_ask", "status", "notes", "created_at")
    rows = [(cid, start + dt.timedelta(days=i % 300), "UTC", 30, "coffee", "", "", "", "", "done", "", start)
            for i, cid in enumerate(ids) if i % 5 == 0]
    with db.atomic():
        insert_rows("meeting", columns, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=1000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--old", action="store_true", help="also time one surround() per organization")
    args = parser.parse_args()

    from desktop_crm.services.contacts.organizations import list_organizations
    from desktop_crm.services.research.surround import coverage_overview, surround
    from desktop_crm.store import open_store
    from desktop_crm.store.models import Organization

    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    open_store(path)
    began = time.perf_counter()
    build(args.orgs, args.people)
    print(f"built {args.orgs} organizations, {args.people} people in {time.perf_counter() - began:.1f} s")

    rows = coverage_overview(targets_only=False)
    assert len(rows) == args.orgs and sum(r.known for r in rows) == args.people
    grouped = median_ms(lambda: coverage_overview(targets_only=False))
    base = median_ms(list_organizations)
    print(f"{'coverage_overview(targets_only=False)':<44} {grouped:8.1f} ms")
    print(f"{'baseline list_organizations()':<44} {base:8.1f} ms   ratio {grouped / base:5.2f}x")
    if args.old:
        ids = [o.id for o in Organization.select(Organization.id)]
        old = median_ms(lambda: [surround(i) for i in ids], runs=1)
        print(f"{'old: one surround() per organization':<44} {old:8.1f} ms   ratio {old / base:5.2f}x")


if __name__ == "__main__":
    main()
