"""Import benchmark on the path users run: ``desktop-crm import FILE --yes`` as a process.

A generated 100,000-row LinkedIn ``Connections.csv`` (BOM, CRLF, the Notes
preamble, ~10 % emails, 3,000 companies) is imported by the real command line
in a child process: into a fresh database, then again (all unchanged), then
into another database with ``--no-ties`` (what the ties cost) and again as a
friend's export (``--of``). Beside it, in the same run, the raw baseline: the
``csv`` module reading the same file and ``sqlite3`` ``executemany``
inserting its rows into one plain table in one transaction. Printed for each:
wall seconds and CPU seconds (user + system: steadier when others load the
machine), each with its ratio to the baseline's, the peak memory (max RSS),
and the load average before and after. The app's bytecode is compiled first,
as in an installed app (see ``_child_env``).

Targets (issue 12): the fresh import within 6x of the baseline and under 5 s;
the re-import under 3 s; peak memory under 300 MB.

``--shared-domain`` also imports 100,000 and 200,000 rows that all share one
company email domain (the near-duplicate search must stay near-linear: the
CPU time of twice the rows is compared). ``--index-costs`` prints what each
index of the contact table costs the fresh import: the CPU time of building it
again over the imported rows (the import drops them and builds each once after
the rows are in), so an index someone wants to add can be weighed against it. ``--big N`` imports an N-row file
(e.g. 1000000: about 105 MB, read as a stream in batches) and prints its
time and peak memory; ``--big-only`` skips the rest.

``--server URL`` runs the fresh import and the re-import again with ``--db`` on a
PostgreSQL server (the same command, the other engine).

Usage: python benchmarks/bench_import.py [ROWS] [--shared-domain] [--index-costs]
       [--big N [--big-only]] [--server postgresql://user:pw@host:port/postgres]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
          "Connected On"]


def generate(path: Path, rows: int, shared_domain: bool = False) -> None:
    """A LinkedIn Connections.csv: BOM, CRLF, Notes preamble, ~10 % emails, 3,000 companies
    (``shared_domain``: every row has an email at one company domain)."""
    rng = random.Random(7)
    companies = [f"Company {i} {rng.choice(LAST)}" for i in range(3000)]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(PREAMBLE)
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for i in range(rows):
            first = rng.choice(FIRST)
            last = rng.choice(LAST) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
            if shared_domain:
                email = f"{first.lower()}.{i}@bigcorp.example"
            else:
                email = f"{first.lower()}.{i}@mail{i % 50}.example" if i % 10 == 0 else ""
            writer.writerow([first, last, f"https://www.linkedin.com/in/{first.lower()}-{i}",
                             email, rng.choice(companies), rng.choice(TITLES),
                             f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} "
                             f"{rng.randint(2010, 2025)}"])


def baseline(file: Path, db: Path) -> tuple[float, float]:
    """The baseline, measured in a child process (see :func:`_baseline`): a child's
    peak memory as Linux reports it starts from its parent's at the fork, so this
    process never holds a big file's rows."""
    out = subprocess.run([sys.executable, __file__, "--baseline-child", str(file), str(db)],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def _baseline(file: Path, db: Path) -> tuple[float, float]:
    """csv + raw sqlite3 executemany into one plain table, one transaction:
    (seconds, CPU seconds)."""
    start, cpu = time.perf_counter(), time.process_time()
    with file.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.reader(handle) if len(r) == len(HEADER)][1:]
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=1")
    with conn:
        conn.execute("CREATE TABLE person (first_name TEXT, last_name TEXT, url TEXT, "
                     "email TEXT, company TEXT, position TEXT, connected_on TEXT)")
        conn.executemany("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()
    return time.perf_counter() - start, time.process_time() - cpu


def schema_floor(file: Path, db: Path) -> tuple[float, float]:
    """The storage floor, in a child process: the same rows stored with raw ``sqlite3``
    in the app's own tables (a database the app made, not timed), with what any import
    into them must write (see :func:`_schema_floor`)."""
    subprocess.run([sys.executable, "-m", "desktop_crm", "--db", str(db), "contacts", "list"],
                   env=_child_env(db.parent / "floor-home"), check=True, capture_output=True)
    out = subprocess.run([sys.executable, __file__, "--floor-child", str(file), str(db)],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def _schema_floor(file: Path, db: Path) -> tuple[float, float]:
    """csv + raw sqlite3 into the app's schema, one transaction, with the app's pragmas and
    its bulk-load moves (indexes and idle insert triggers dropped and made again, the
    search index filled in one statement): organizations, contacts, emails, the search
    index and one tie per person. No matching, no undo log, no Python records: what
    SQLite itself needs to hold the file in these tables. (seconds, CPU seconds)"""
    start, cpu = time.perf_counter(), time.process_time()
    with file.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.reader(handle) if len(r) == len(HEADER)][1:]
    now = "2026-01-01 00:00:00"
    conn = sqlite3.connect(db, isolation_level=None)
    for pragma in ("journal_mode = wal", "foreign_keys = 1", "synchronous = 1",
                   "cache_size = -32768", "temp_store = 2"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("BEGIN IMMEDIATE")
    saved = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE (type = 'index' AND tbl_name = 'contact' "
        "AND sql IS NOT NULL) OR name IN ('contact_fts_ai', 'contact_org_sort_ai', "
        "'contact_email_fts_ai')").fetchall()
    for name, sql in saved:
        kind = "TRIGGER" if sql.upper().startswith("CREATE TRIGGER") else "INDEX"
        conn.execute(f'DROP {kind} "{name}"')
    conn.execute("UPDATE fts_state SET paused = 1")
    orgs = {name: index for index, name in enumerate(dict.fromkeys(r[4] for r in rows if r[4]), 1)}
    conn.executemany("INSERT INTO organization (id, name, industry, location, website, is_target, "
                     "notes, created_at, updated_at, sort_key) VALUES (?, ?, '', '', '', 0, '', "
                     "?, ?, ?)", [(i, n, now, now, n.lower()) for n, i in orgs.items()])
    conn.executemany(
        "INSERT INTO contact (id, first_name, last_name, sort_name, organization_id, title, "
        "industry, location, linkedin_url, how_met, notes, interests, tier, is_gatekeeper, "
        "status, sources, created_at, updated_at, org_sort) VALUES (?, ?, ?, ?, ?, ?, '', '', ?, "
        "?, '', '', 'primary', 0, 'to_contact', 'linkedin', ?, ?, ?)",
        [(i, r[0], r[1], f"{r[1]} {r[0]}".lower(), orgs.get(r[4]), r[5], r[2],
          f"Connected on LinkedIn on {r[6]}", now, now, r[4].lower())
         for i, r in enumerate(rows, 1)])
    conn.executemany("INSERT INTO contact_email (contact_id, label, email, position) "
                     "VALUES (?, '', ?, 0)", [(i, r[3]) for i, r in enumerate(rows, 1) if r[3]])
    conn.execute(
        "INSERT INTO contact_fts(rowid, name, organization, title, emails, notes) "
        "SELECT c.id, c.first_name || ' ' || c.last_name, coalesce(o.name, ''), c.title, "
        "coalesce((SELECT group_concat(e.email, ' ') FROM contact_email e "
        "WHERE e.contact_id = c.id), ''), c.notes "
        "FROM contact c LEFT JOIN organization o ON o.id = c.organization_id")
    for _name, sql in saved:
        conn.execute(sql)
    conn.execute("UPDATE fts_state SET paused = 0")
    conn.executemany("INSERT INTO relationship (person_a_id, person_b_id, kind, strength, how, "
                     "since, created_at) VALUES (NULL, ?, 'other', 'acquaintance', "
                     "'LinkedIn connection', ?, ?)",
                     [(i, r[6], now) for i, r in enumerate(rows, 1)])
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start, time.process_time() - cpu


@dataclass
class Run:
    """One ``desktop-crm import`` process: wall and CPU seconds, peak memory, summary."""

    seconds: float
    cpu: float
    peak_mb: float
    summary: str
    ties: str


def _child_env(home: Path) -> dict[str, str]:
    """The child's environment: as an installed app runs, with its bytecode compiled
    (pip and the bundle compile it at install time), even where the shell says
    PYTHONDONTWRITEBYTECODE (then every run would compile the app's modules again,
    0.2 s that no user pays)."""
    env = {**os.environ, "DESKTOP_CRM_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm_bytecode(folder: Path) -> None:
    """Import a tiny file once, so the timed runs find the app's modules compiled."""
    tiny = folder / "warm.csv"
    generate(tiny, 20)
    subprocess.run([sys.executable, "-m", "desktop_crm", "--db", str(folder / "warm.sqlite3"),
                    "import", str(tiny), "--yes"], env=_child_env(folder / "warm-home"),
                   check=True, capture_output=True)


def run_cli(file: Path, db: Path | str, home: Path, *options: str) -> Run:
    """``desktop-crm --db DB import FILE --yes [options]`` in a child process."""
    env = _child_env(home)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "desktop_crm", "--db", str(db),
                                  "import", str(file), "--yes", *options], stdout=out,
                                 stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own CPU and peak memory
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"import failed ({child.returncode}): {err.read()}")
        lines = out.read().splitlines()
    summary = next((line for line in lines if " new, " in line), "")
    ties = next((line for line in lines if line.startswith("Ties:")), "")
    peak_kb = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_kb / 1024, summary, ties)


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _line(label: str, run: Run, base: tuple[float, float]) -> str:
    return (f"{label:38} {run.seconds:6.2f} s  x{run.seconds / base[0]:4.1f}  "
            f"CPU {run.cpu:5.2f} s  x{run.cpu / base[1]:4.1f}  peak {run.peak_mb:5.0f} MB   "
            f"{run.summary}")


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="desktop-crm import FILE --yes as a process, beside a raw csv + sqlite3 "
                    "baseline measured in the same run.")
    parser.add_argument("rows", nargs="?", type=int, default=100_000,
                        help="rows of the generated LinkedIn export (default 100,000)")
    parser.add_argument("--shared-domain", action="store_true",
                        help="also 100,000 and 200,000 rows sharing one company email domain")
    parser.add_argument("--index-costs", action="store_true",
                        help="what building each contact index costs the fresh import")
    parser.add_argument("--big", type=int, default=0, metavar="N",
                        help="also an N-row file, read as a stream in batches")
    parser.add_argument("--big-only", action="store_true", help="only the --big file")
    parser.add_argument("--server", default=os.environ.get("DESKTOP_CRM_BENCH_PG", ""),
                        metavar="URL",
                        help="also the same commands with --db on a PostgreSQL server: URL names "
                             "a maintenance database; crm_bench_import is created there and "
                             "dropped afterwards (default: $DESKTOP_CRM_BENCH_PG)")
    return parser.parse_args(argv)


def main() -> None:
    if sys.argv[1:2] == ["--baseline-child"]:
        seconds, cpu = _baseline(Path(sys.argv[2]), Path(sys.argv[3]))
        print(seconds, cpu)
        return
    if sys.argv[1:2] == ["--floor-child"]:
        seconds, cpu = _schema_floor(Path(sys.argv[2]), Path(sys.argv[3]))
        print(seconds, cpu)
        return
    options = _arguments(sys.argv[1:])
    rows = options.rows
    print(f"{os.cpu_count()} cores, {_load()} (others' work slows wall times; the ratios "
          "and CPU times are the steadier figures)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if options.big and options.big_only:
            warm_bytecode(folder)
            _big(folder, options.big)
            return
        file = folder / "Connections.csv"
        generate(file, rows)
        print(f"{rows:,} LinkedIn rows, {file.stat().st_size / 1e6:.1f} MB; "
              f"desktop-crm import FILE --yes as a process; x: ratio to the baseline")
        base = baseline(file, folder / "baseline.sqlite3")
        warm_bytecode(folder)
        floor = schema_floor(file, folder / "floor.sqlite3")
        fresh = run_cli(file, folder / "app.sqlite3", folder / "home")
        again = run_cli(file, folder / "app.sqlite3", folder / "home")
        bare = run_cli(file, folder / "bare.sqlite3", folder / "home", "--no-ties")
        friend = run_cli(file, folder / "bare.sqlite3", folder / "home", "--of", "Robin Friend")
        print(f"{'baseline (csv + sqlite3 executemany)':38} {base[0]:6.2f} s         "
              f"CPU {base[1]:5.2f} s")
        for label, run in (("fresh import (CLI process)", fresh),
                           ("re-import, unchanged", again),
                           ("fresh import, --no-ties", bare),
                           ("then again with --of (a friend's)", friend)):
            print(_line(label, run, base))
        print(f"{'storage floor (sqlite3, app schema)':38} {floor[0]:6.2f} s  "
              f"x{floor[0] / base[0]:4.1f}  CPU {floor[1]:5.2f} s  x{floor[1] / base[1]:4.1f}"
              "  (what SQLite needs to hold the rows in the app's tables)")
        print(f"  fresh import / storage floor: x{fresh.seconds / floor[0]:.2f} wall, "
              f"x{fresh.cpu / floor[1]:.2f} CPU")
        print(f"  ties of the fresh import: {fresh.seconds - bare.seconds:+.2f} s, "
              f"CPU {fresh.cpu - bare.cpu:+.2f} s ({fresh.ties}); with --of: {friend.ties}")
        checks = {
            "fresh within 6x of the baseline": fresh.seconds <= 6 * base[0],
            "fresh within 6x of the baseline, CPU": fresh.cpu <= 6 * base[1],
            "fresh < 5 s": fresh.seconds < 5,
            "re-import < 3 s": again.seconds < 3,
            "peak < 300 MB": max(fresh.peak_mb, again.peak_mb) < 300,
            "re-import all unchanged": again.summary.startswith("0 new, 0 updated"),
        }
        for label, passed in checks.items():
            print(f"  {'PASS' if passed else 'FAIL'}  {label}")
        if options.server:
            on_server(file, folder / "home", options.server, base, fresh)
        if options.index_costs:
            index_costs(folder / "app.sqlite3", base)
        if options.shared_domain:
            runs = {}
            for count in (100_000, 200_000):
                shared = folder / f"shared-{count}.csv"
                generate(shared, count, shared_domain=True)
                runs[count] = run_cli(shared, folder / f"s{count}.sqlite3", folder / "home")
                print(_line(f"{count:,} rows, one email domain", runs[count], base))
            growth = runs[200_000].cpu / runs[100_000].cpu
            print(f"  {'PASS' if growth < 2.5 else 'FAIL'}  one email domain near-linear: "
                  f"twice the rows, x{growth:.2f} the CPU")
        if options.big:
            _big(folder, options.big, base)
        print(_load())


def on_server(file: Path, home: Path, server: str, base: tuple[float, float],
              local: Run) -> None:
    """The same fresh import and re-import with ``--db`` on a PostgreSQL server, in a
    database made for the run. The child's CPU is the app's alone: the server's work is
    in the wall time."""
    import psycopg

    name = "crm_bench_import"
    url = urlunsplit(urlsplit(server)._replace(path="/" + name))

    def admin(sql: str) -> None:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql)

    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{name}"')
    try:
        fresh = run_cli(file, url, home)
        again = run_cli(file, url, home)
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print("on a PostgreSQL server (desktop-crm --db postgresql://... import FILE --yes):")
    print(_line("fresh import, server", fresh, base))
    print(_line("re-import, unchanged, server", again, base))
    print(f"  server / SQLite file, fresh import: x{fresh.seconds / local.seconds:.2f} wall; "
          f"same people: {'PASS' if fresh.summary == local.summary else 'FAIL'}; re-import all "
          f"unchanged: {'PASS' if again.summary.startswith('0 new, 0 updated') else 'FAIL'}")


def index_costs(db: Path, base: tuple[float, float]) -> None:
    """What each contact index costs the fresh import: the CPU time of building it over
    the imported rows (in a transaction rolled back; the file is not changed)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA cache_size = -32768")  # the app's (store/database.py)
    conn.execute("PRAGMA temp_store = 2")
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                           "AND tbl_name = 'contact' AND sql IS NOT NULL").fetchall()
    rows = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
    conn.execute("BEGIN")
    for name, _sql in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    total = 0.0
    print(f"  contact indexes built after the rows are in ({rows:,} rows), CPU each:")
    for name, sql in indexes:
        start = time.process_time()
        conn.execute(sql)
        cost = time.process_time() - start
        total += cost
        print(f"    {name:34} {cost * 1000:5.0f} ms  ({cost / base[1]:.2f}x the baseline's CPU)")
    print(f"    {'all ' + str(len(indexes)):34} {total * 1000:5.0f} ms  "
          f"({total / base[1]:.2f}x the baseline's CPU)")
    conn.execute("ROLLBACK")
    conn.close()


def _big(folder: Path, rows: int, base: tuple[float, float] | None = None) -> None:
    """Import an ``rows``-row file (read as a stream, in batches) and print its time and
    peak memory."""
    large = folder / "big.csv"
    generate(large, rows)
    base = base or baseline(large, folder / "big-baseline.sqlite3")
    run = run_cli(large, folder / "big.sqlite3", folder / "home")
    print(_line(f"{rows:,} rows ({large.stat().st_size / 1e6:.0f} MB)", run, base))
    print(f"  peak memory {run.peak_mb:.0f} MB for {rows:,} rows "
          f"({'PASS' if run.peak_mb < 500 else 'FAIL'} under 500 MB); {_load()}")


if __name__ == "__main__":
    main()
