"""Import benchmark: a generated 100,000-row LinkedIn export, fresh and again.

Prints rows per second for
  * the baseline: the csv module plus raw sqlite3 ``executemany`` of the same
    rows into the same tables (organization, contact, contact_email) of a
    fresh database, full-text triggers paused, one transaction;
  * the fresh import (``services.importing.import_file``: parse, match, plan,
    write with undo records, index) into an empty database;
  * the re-import of the same file into that database (all unchanged);
and the ratio of each against the baseline, plus peak memory (max RSS) of
each phase, measured in its own process. Targets: fresh import within 3x
of the baseline and under 5 s; re-import under 5 s; peak memory under 300 MB.

Usage: python benchmarks/bench_import.py [ROWS]
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PREAMBLE = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\r\n\r\n'
)
FIRST = ["Ann", "Bruno", "Chen", "Dana", "Élodie", "Farid", "Grace", "Hiro", "Ines", "Jonas",
         "Kofi", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Lee", "Díaz", "Wei", "Fox", "Martin", "Haddad", "Okafor", "Sato", "García", "Novak",
        "Mensah", "Schulz", "Rossi", "Kaur", "Nguyễn", "Brown", "Kowalski", "Silva", "Berg", "Ali"]
TITLES = ["Engineer", "Senior Engineer", "Product Manager", "Designer", "Data Scientist",
          "Recruiter", "Director of Engineering", "CTO", "Analyst", "Consultant"]
SYLLABLES = ["", "ka", "ro", "mi", "sen", "dor", "lin", "vak", "ter", "bel", "son", "ez", "ova",
             "ski", "man", "ri", "tano", "ell", "ux", "haus"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def generate(path: Path, rows: int) -> None:
    """A LinkedIn Connections.csv: BOM, CRLF, Notes preamble, ~10 % emails, 3,000 companies."""
    rng = random.Random(7)
    companies = [f"Company {i} {rng.choice(LAST)}" for i in range(3000)]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(PREAMBLE)
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company",
                         "Position", "Connected On"])
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
            email = f"{first.lower()}.{i}@mail{i % 50}.example" if i % 10 == 0 else ""
            writer.writerow([first, last, f"https://www.linkedin.com/in/{first.lower()}-{i}",
                             email, rng.choice(companies), rng.choice(TITLES),
                             f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2010, 2025)}"])


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def phase_baseline(file: Path, db: Path) -> dict:
    import sqlite3

    from desktop_crm.store import close_database, open_store

    open_store(db)
    close_database()  # the schema, as the app creates it
    start = time.perf_counter()
    with file.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    data = rows[4:]
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=1")
    now = "2026-01-01 00:00:00"
    with conn:
        # Raw inserts only: the full-text triggers are paused, as for any bulk load.
        conn.execute("UPDATE fts_state SET paused = 1")
        org_ids: dict[str, int] = {}
        for row in data:
            org_ids.setdefault(row[4], len(org_ids) + 1)
        conn.executemany(
            "INSERT INTO organization (id, name, industry, location, website, is_target, notes, "
            "created_at, updated_at) VALUES (?, ?, '', '', '', 0, '', ?, ?)",
            [(i, name, now, now) for name, i in org_ids.items()])
        conn.executemany(
            "INSERT INTO contact (id, first_name, last_name, sort_name, organization_id, title, "
            "industry, location, linkedin_url, how_met, notes, interests, tier, is_gatekeeper, "
            "status, sources, created_at, updated_at) VALUES "
            "(?, ?, ?, ?, ?, ?, '', '', ?, ?, '', '', 'primary', 0, 'to_contact', 'linkedin', ?, ?)",
            [(i + 1, r[0], r[1], f"{r[1]} {r[0]}".casefold(), org_ids[r[4]], r[5], r[2], r[6], now, now)
             for i, r in enumerate(data)])
        conn.executemany(
            "INSERT INTO contact_email (contact_id, label, email, position) VALUES (?, '', ?, 0)",
            [(i + 1, r[3]) for i, r in enumerate(data) if r[3]])
    conn.close()
    return {"seconds": time.perf_counter() - start, "rows": len(data), "peak_mb": _peak_mb()}


def phase_import(file: Path, db: Path) -> dict:
    from desktop_crm.services import importing
    from desktop_crm.services.setup import ensure_defaults
    from desktop_crm.store import close_database, open_store

    open_store(db)
    ensure_defaults()
    start = time.perf_counter()
    result = importing.import_file(file)
    seconds = time.perf_counter() - start
    close_database()
    return {"seconds": seconds, "counts": result.counts, "peak_mb": _peak_mb()}


def run_phase(name: str, file: Path, db: Path) -> dict:
    env = {**os.environ, "DESKTOP_CRM_HOME": str(db.parent / "home")}
    done = subprocess.run([sys.executable, __file__, "--phase", name, str(file), str(db)],
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        file = folder / "Connections.csv"
        generate(file, rows)
        size = file.stat().st_size / 1e6
        print(f"{rows:,} LinkedIn rows, {size:.1f} MB")
        base = run_phase("baseline", file, folder / "baseline.sqlite3")
        fresh = run_phase("import", file, folder / "app.sqlite3")
        again = run_phase("import", file, folder / "app.sqlite3")
    ok = {
        "fresh within 3x": fresh["seconds"] <= 3 * base["seconds"],
        "fresh < 5 s": fresh["seconds"] < 5,
        "re-import < 5 s": again["seconds"] < 5,
        "peak < 300 MB": max(fresh["peak_mb"], again["peak_mb"]) < 300,
        "re-import all unchanged": again["counts"]["unchanged"]
        == fresh["counts"]["new"] + fresh["counts"]["review"] and again["counts"]["new"] == 0 and again["counts"]["updated"] == 0,
    }
    for label, run in (("baseline (csv + sqlite3 executemany)", base), ("fresh import", fresh),
                       ("re-import (unchanged)", again)):
        print(f"{label:38} {run['seconds']:6.2f} s  {rows / run['seconds']:9,.0f} rows/s  "
              f"x{run['seconds'] / base['seconds']:4.1f} baseline  peak {run['peak_mb']:5.0f} MB")
    print(f"fresh counts: {fresh['counts']}")
    print(f"again counts: {again['counts']}")
    for label, passed in ok.items():
        print(f"  {'PASS' if passed else 'FAIL'}  {label}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--phase":
        phase = {"baseline": phase_baseline, "import": phase_import}[sys.argv[2]]
        print(json.dumps(phase(Path(sys.argv[3]), Path(sys.argv[4]))))
    else:
        main()
