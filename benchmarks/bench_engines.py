"""The same work on both engines in one run: SQLite (the file) and a PostgreSQL server.

For each engine, on a fresh database:
* import: 100,000 contacts (names with accents, 3,000 organizations, ~30 % with
  an email) through the services' bulk path (one transaction per 10,000; FTS5
  or tsvector indexed in set statements), then 300,000 relationships;
* search per keystroke at 100,000 contacts: every prefix of a few names typed
  letter by letter (``services.contacts.search``, 50 results), median and worst;
* path finding: the three warmest paths to a few people (``services.network``),
  graph loading included, median.

SQLite's figures are the baseline printed beside PostgreSQL's, with the ratio
(PostgreSQL / SQLite): timings are noisy on a shared machine, ratios less so.

Usage: DESKTOP_CRM_BENCH_PG=postgresql://user:pw@host:port/postgres \\
       python benchmarks/bench_engines.py [CONTACTS]
(the URL names a maintenance database; a database ``crm_bench_engines`` is
created there and dropped afterwards; ``DESKTOP_CRM_TEST_PG`` works too.)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

FIRST = ["Ann", "Bruno", "Chen", "Dana", "Élodie", "Farid", "Grace", "Hiro", "Inès", "Jonas",
         "Kofi", "Léna", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Lee", "Díaz", "Wei", "Fox", "Martin", "Haddad", "Okafor", "Sato", "García", "Novak",
        "Mensah", "Schulz", "Rossi", "Kaur", "Nguyen", "Brown", "Kowalski", "Silva", "Berg", "Ali"]
TITLES = ["Engineer", "Product Manager", "Designer", "Data Scientist", "Recruiter", "CTO"]
TYPED = ["martinez", "élodie", "kowalski", "org 1234", "data sci"]
CHUNK = 10_000


def records(count: int, seed: int = 5) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST) + ("ez" if i % 7 == 0 else "")
        row = {"first_name": f"{first}", "last_name": f"{last}{i % 997}",
               "organization": f"Org {i % 3000}", "title": rng.choice(TITLES)}
        if i % 3 == 0:
            row["emails"] = [f"{first.lower()}.{i}@example.org".replace("é", "e").replace("è", "e")]
        out.append(row)
    return out


def relationships(count: int, people: int, seed: int = 9) -> list[tuple]:
    rng = random.Random(seed)
    rows: list[tuple] = [(None, cid, "friend", "close") for cid in rng.sample(range(1, people + 1), 200)]
    seen = set()
    while len(rows) < count:
        a, b = rng.randint(1, people), rng.randint(1, people)
        key = (min(a, b), max(a, b))
        if a == b or key in seen:
            continue
        seen.add(key)
        rows.append((a, b, rng.choice(["friend", "colleague", "alumni"]),
                     rng.choice(["close", "known", "acquaintance"])))
    return rows


def run(target: str | Path, data: list[dict], ties: list[tuple]) -> dict[str, float]:
    from desktop_crm.services.contacts.bulk import bulk_create_contacts, bulk_create_relationships
    from desktop_crm.services.contacts.search import search_contact_ids
    from desktop_crm.services.database.setup import ensure_defaults
    from desktop_crm.services.network.paths import path_to_person
    from desktop_crm.store import close_database, open_store

    figures: dict[str, float] = {}
    open_store(target, window=False)
    ensure_defaults()
    started = time.perf_counter()
    for start in range(0, len(data), CHUNK):
        bulk_create_contacts(data[start : start + CHUNK])
    figures["import contacts (s)"] = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, len(ties), 100_000):
        bulk_create_relationships(ties[start : start + 100_000])
    figures["import relationships (s)"] = time.perf_counter() - started

    keystrokes = []
    found = 0
    for word in TYPED:
        for end in range(1, len(word) + 1):
            started = time.perf_counter()
            found += len(search_contact_ids(word[:end], limit=50))
            keystrokes.append(time.perf_counter() - started)
    figures["search per keystroke, median (ms)"] = statistics.median(keystrokes) * 1000
    figures["search per keystroke, worst (ms)"] = max(keystrokes) * 1000
    figures["search results (count)"] = found

    rng = random.Random(3)
    timings = []
    for target_id in rng.sample(range(1, len(data) + 1), 5):
        started = time.perf_counter()
        path_to_person(target_id, draft=False)
        timings.append(time.perf_counter() - started)
    figures["path finding, first (s)"] = timings[0]
    figures["path finding, median of 5 (s)"] = statistics.median(timings)
    close_database()
    return figures


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    server = os.environ.get("DESKTOP_CRM_BENCH_PG") or os.environ.get("DESKTOP_CRM_TEST_PG")
    if not server:
        print("set DESKTOP_CRM_BENCH_PG=postgresql://user:pw@host:port/postgres", file=sys.stderr)
        return 1
    data = records(count)
    ties = relationships(count * 3, count)
    print(f"{count:,} contacts, {len(ties):,} relationships; load before: {os.getloadavg()[0]:.2f}")
    name = "crm_bench_engines"
    pg_url = urlunsplit(urlsplit(server)._replace(path="/" + name))
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(server, f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as folder:
            os.environ.setdefault("DESKTOP_CRM_HOME", folder)
            sqlite = run(Path(folder) / "bench.sqlite3", data, ties)
        postgresql = run(pg_url, data, ties)
    finally:
        _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"{'':38} {'SQLite':>10} {'PostgreSQL':>11} {'ratio':>7}")
    for key, base in sqlite.items():
        other = postgresql[key]
        ratio = f"{other / base:6.2f}x" if base else "   n/a"
        print(f"{key:38} {base:10.3f} {other:11.3f} {ratio}")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
