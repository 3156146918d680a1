"""Bulk create and search on 100,000 contacts, against a raw sqlite3 baseline.

Prints the figures of issue 2: bulk create of 100,000 contacts (with emails
and organizations) and 300,000 relationships through the services' bulk
path, within 3x of raw ``sqlite3`` ``executemany`` of the same rows into the
same tables (measured in the same run); search for a two-letter prefix under
20 ms median.

Run: ``python benchmarks/bench_store.py [N]``
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop_crm.services.contacts.bulk import bulk_create_contacts, bulk_create_relationships
from desktop_crm.services.contacts.search import search_contact_ids
from desktop_crm.store import close_database, open_store
from desktop_crm.store.models import utcnow

FIRST = "Ana Jürgen François Mei Sipho Priya Lars Aoife Tomás Yuki Olga Kwame Léa Mateo Ingrid Rahul".split()
LAST = "Silva Müller Dubois Chen Ndlovu Sharma Nilsson Byrne García Tanaka Ivanova Mensah Moreau".split()


def make_records(n: int, rng: random.Random) -> list[dict]:
    return [
        {
            "first_name": rng.choice(FIRST),
            "last_name": f"{rng.choice(LAST)}{i}",
            "organization": f"Organization {i % 5000}",
            "title": rng.choice(["Engineer", "Manager", "Analyst", "Designer"]),
            "location": rng.choice(["Berlin", "Paris", "Toronto", "Boston"]),
            "emails": [("work", f"person{i}@example{i % 97}.com")],
        }
        for i in range(n)
    ]


def make_edges(n: int, count: int, rng: random.Random) -> list[tuple]:
    return [
        (None if i % 100 == 0 else rng.randint(1, n), rng.randint(1, n), "colleague", rng.choice(["close", "known", "acquaintance"]))
        for i in range(count)
    ]


def baseline(path: Path, records: list[dict], edges: list[tuple]) -> float:
    """Raw sqlite3: the same rows into the same (fresh) tables, one transaction."""
    open_store(path)
    close_database()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=1")
    conn.execute("PRAGMA foreign_keys=1")
    now = utcnow()
    start = time.perf_counter()
    with conn:
        orgs = sorted({r["organization"] for r in records})
        org_id = {name: i + 1 for i, name in enumerate(orgs)}
        conn.executemany(
            "INSERT INTO organization (id, name, industry, location, website, is_target, notes, created_at, updated_at) "
            "VALUES (?, ?, '', '', '', 0, '', ?, ?)",
            [(org_id[n], n, now, now) for n in orgs],
        )
        conn.executemany(
            "INSERT INTO contact (id, first_name, last_name, sort_name, organization_id, title, industry, location, "
            "linkedin_url, how_met, notes, interests, tier, is_gatekeeper, status, sources, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, '', ?, '', '', '', '', 'primary', 0, 'to_contact', '', ?, ?)",
            [
                (i + 1, r["first_name"], r["last_name"], f"{r['last_name']} {r['first_name']}".casefold(),
                 org_id[r["organization"]], r["title"], r["location"], now, now)
                for i, r in enumerate(records)
            ],
        )
        conn.executemany(
            "INSERT INTO contact_email (contact_id, label, email, position) VALUES (?, ?, ?, 0)",
            [(i + 1, r["emails"][0][0], r["emails"][0][1]) for i, r in enumerate(records)],
        )
        conn.executemany(
            "INSERT INTO relationship (person_a_id, person_b_id, kind, strength, how, since, created_at) "
            "VALUES (?, ?, ?, ?, '', '', ?)",
            [(a, b, k, s, now) for a, b, k, s in edges],
        )
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def ours(path: Path, records: list[dict], edges: list[tuple]) -> tuple[float, float]:
    open_store(path)
    start = time.perf_counter()
    bulk_create_contacts(records)
    contacts = time.perf_counter() - start
    bulk_create_relationships(edges)
    total = time.perf_counter() - start
    return contacts, total


def search_times(queries: list[str]) -> list[float]:
    times = []
    for query in queries:
        start = time.perf_counter()
        search_contact_ids(query, limit=50)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(1)
    records = make_records(n, rng)
    edges = make_edges(n, 3 * n, rng)
    with tempfile.TemporaryDirectory() as tmp:
        base = baseline(Path(tmp) / "baseline.sqlite3", records, edges)
        contacts_s, total_s = ours(Path(tmp) / "ours.sqlite3", records, edges)
        prefixes = ["an", "ju", "fr", "me", "si", "pr", "la", "ao", "to", "yu", "ol", "kw", "en", "ma", "be", "pa"]
        search_times(prefixes)  # warm the cache, as a user's second keystroke would
        times = search_times(prefixes * 3)
        close_database()
    ratio = total_s / base
    median = statistics.median(times)
    print(f"contacts: {n:,}  relationships: {len(edges):,}")
    print(f"baseline raw sqlite3 executemany : {base:7.2f} s")
    print(f"services bulk path               : {total_s:7.2f} s  (contacts {contacts_s:.2f} s)")
    print(f"ratio ours / baseline            : {ratio:7.2f}x   target <= 3x   {'OK' if ratio <= 3 else 'MISSED'}")
    print(f"search, two-letter prefix, LIMIT 50: median {median:.1f} ms, p95 {sorted(times)[int(len(times) * 0.95)]:.1f} ms"
          f"   target < 20 ms   {'OK' if median < 20 else 'MISSED'}")


if __name__ == "__main__":
    main()
