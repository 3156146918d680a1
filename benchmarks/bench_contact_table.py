"""Contact table speed: the real main window, offscreen, on 1,000,000 and 100,000 contacts.

    python benchmarks/bench_contact_table.py [--million N] [--search-size N] [--cache DIR]

Prints, for the real window:

* on the big database (default 1,000,000 contacts): window open to first painted
  rows, jump to the end of the table and back, a cold jump to the middle,
  sorting by organization and by last contact, a tier filter, and peak memory;
* on the big database, each filter of the filter bar and a few combinations:
  the time from setting the filter to the first rows painted (target 150 ms),
  when the count (run in a thread after the first paint) was known, and the
  ``EXPLAIN QUERY PLAN`` of its count and first page;
* on 100,000 contacts: search as you type, per keystroke, from the text change
  to the model holding the new rows (median and worst);
* a same-run baseline: a bare QTableView over a 100-row in-memory model, timed
  the same way, and the ratio of each figure to it.

Databases are generated once with ``services.contacts.bulk.bulk_create_contacts`` in
chunks and cached under /tmp (generation time is printed). Each measurement
runs in its own process, so peak memory is the window's, not the generator's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGETS = {"filter_ms": 150, "open_ms": 1500, "jump_end_ms": 100, "jump_back_ms": 100, "peak_mb": 400, "search_median_ms": 30}
CHUNK = 50_000
FIRST = ("Ana Jürgen François Mei Sipho Priya Lars Aoife Tomás Yuki Olga Kwame Léa Mateo Ingrid Rahul "
         "Chloé Dmitri Amara Björn Sofía Hiroshi Zainab Noah Élodie Arjun Freya Luca Nadia Oskar Grace "
         "Ravi Camille Emeka Hana Pablo Astrid Farid Maya Søren Leila Diego Ines Kofi Nora Wei").split()
LAST = ("Silva Müller Dubois Chen Ndlovu Sharma Nilsson Byrne García Tanaka Ivanova Mensah Moreau Rossi "
        "Larsen Patel Lefèvre Petrov Okafor Lindqvist Hernández Sato Haddad Cohen Girard Iyer Jensen "
        "Bianchi Kowalski O'Brien Nakamura Fischer Novak Costa Schmidt Khan Wójcik Ferreira").split()
CITIES = "Berlin Paris London Lisbon Oslo Tokyo Boston Toronto Madrid Zürich Helsinki Singapore".split()
INDUSTRIES = "Software Energy Finance Healthcare Education Media Biotech Logistics Retail Design".split()
TITLES = ("Engineer", "Senior Engineer", "Data Scientist", "Product Manager", "Recruiter", "CTO",
          "Analyst", "Designer", "Head of Data", "Hiring Manager", "Consultant", "Teacher")
SEARCHES = ("mull", "chen", "berl", "data", "sofi", "okafor")


# --- generation ---------------------------------------------------------------------------
def generate(path: Path, count: int) -> float:
    """Build a database of ``count`` contacts at ``path``; return the seconds it took."""
    from desktop_crm.services.contacts.bulk import bulk_create_contacts
    from desktop_crm.services.database.setup import ensure_defaults
    from desktop_crm.store import close_database, open_store

    rng = random.Random(42)
    orgs = [f"{rng.choice(LAST)} {rng.choice(('Labs', 'Group', 'Systems', 'Partners', 'Energy'))} {n}"
            for n in range(2000)]
    tmp = path.with_suffix(".partial")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}.lock")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    open_store(tmp)
    ensure_defaults()
    made = 0
    while made < count:
        size = min(CHUNK, count - made)
        records = []
        for i in range(made, made + size):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            records.append({
                "first_name": first, "last_name": last, "organization": rng.choice(orgs),
                "title": rng.choice(TITLES), "industry": rng.choice(INDUSTRIES),
                "location": rng.choice(CITIES), "tier": rng.choice(("primary", "bridge", "target")),
                "status": rng.choice(("to_contact", "asked", "met", "thanked")),
                "emails": [f"{first}.{last}.{i}@example.com".lower().replace("'", "")] if i % 3 else [],
            })
        bulk_create_contacts(records)
        made += size
        print(f"  generated {made:,} / {count:,} ({time.perf_counter() - started:.0f} s)", flush=True)
    close_database()
    for suffix in ("-wal", "-shm", ".lock"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    tmp.rename(path)
    return time.perf_counter() - started


def cached_database(cache: Path, count: int) -> Path:
    path = cache / f"desktop_crm_bench_{count}.sqlite3"
    if path.exists():
        print(f"Using cached {path.name} ({count:,} contacts).")
    else:
        print(f"Generating {count:,} contacts into {path} (cached for later runs)…", flush=True)
        seconds = generate(path, count)
        print(f"Generation of {count:,} contacts took {seconds:.1f} s.")
    return path


# --- children (one per measurement, for honest peak memory) --------------------------------------
def _peak_mb() -> float:
    """Peak resident memory of this process since exec (VmHWM). ``ru_maxrss`` would also
    count the parent's pages at fork time — the generator's, if it just ran."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def child_window(db: Path) -> dict:
    started_process = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from desktop_crm.store import open_store

    app = QApplication.instance() or QApplication([])
    from desktop_crm.ui.main_window import MainWindow

    imported = _ms(started_process)
    start = time.perf_counter()
    open_store(db)
    window = MainWindow(db)
    window.resize(1280, 800)
    window.show()
    table = window.contacts.table
    table.viewport().repaint()
    app.processEvents()
    opened = _ms(start)
    model = window.contacts.model
    model.wait_for_count(60_000)  # the count follows the first paint, in a thread
    app.processEvents()
    start = time.perf_counter()
    table.scrollToBottom()
    table.viewport().repaint()
    jump_end = _ms(start)
    last_row = table.rowAt(table.viewport().height() - 2)
    start = time.perf_counter()
    table.scrollToTop()
    table.viewport().repaint()
    jump_back = _ms(start)
    model._pages.clear()  # cold: nothing cached near the middle
    start = time.perf_counter()
    table.scrollTo(model.index(model.rowCount() // 2, 0))
    table.viewport().repaint()
    jump_middle = _ms(start)
    figures = {"rows": model.rowCount(), "imports_ms": imported, "open_ms": opened,
               "jump_end_ms": jump_end, "jump_back_ms": jump_back, "jump_middle_cold_ms": jump_middle,
               "last_row_seen": last_row}
    for key, label in (("organization", "sort_org_ms"), ("last_contact", "sort_last_contact_ms")):
        start = time.perf_counter()
        table.sortByColumn(model.column_index(key), __import__("PySide6.QtCore").QtCore.Qt.SortOrder.AscendingOrder)
        table.viewport().repaint()
        figures[label] = _ms(start)
    start = time.perf_counter()
    window.contacts.filter_bar.tier_buttons["target"].setChecked(True)
    table.viewport().repaint()
    figures["filter_tier_ms"] = _ms(start)
    figures["peak_mb"] = _peak_mb()
    window.close()
    return figures


def bench_filters() -> dict:
    """Each filter of the filter bar, alone and in combination (built lazily: needs the app's imports)."""
    import datetime as dt

    from desktop_crm.services.contacts.table import ContactFilter

    return {
        "tier = Target": ContactFilter(tiers=("target",)),
        "tier = Target or Bridge": ContactFilter(tiers=("target", "bridge")),
        "status = Met": ContactFilter(statuses=("met",)),
        "status = Do not contact (none)": ContactFilter(statuses=("do_not_contact",)),
        "tag": ContactFilter(tag="climate"),
        "organization contains": ContactFilter(organization="Labs 12"),
        "industry contains": ContactFilter(industry="Energy"),
        "location contains": ContactFilter(location="Berlin"),
        "contacted since": ContactFilter(contacted_after=dt.date(2026, 1, 1)),
        "not contacted since": ContactFilter(contacted_before=dt.date(2026, 1, 1)),
        "upcoming meeting": ContactFilter(upcoming_meeting=True),
        "gatekeepers": ContactFilter(gatekeepers=True),
        "tier + status": ContactFilter(tiers=("target",), statuses=("met",)),
        "tier + industry + location": ContactFilter(tiers=("target",), industry="Energy", location="Berlin"),
        "search + tier": ContactFilter(text="mull", tiers=("bridge",)),
        "location contains, no accent (zurich)": ContactFilter(location="zurich"),
        "industry + location": ContactFilter(industry="Energy", location="Berlin"),
        "status + organization": ContactFilter(statuses=("met",), organization="Labs 12"),
        "tier + gatekeepers": ContactFilter(tiers=("target",), gatekeepers=True),
        "tier + contacted since": ContactFilter(tiers=("target",), contacted_after=dt.date(2026, 1, 1)),
        "organization matching nothing": ContactFilter(organization="Nowhere Ltd"),
    }


def child_filters(db: Path) -> dict:
    from PySide6.QtWidgets import QApplication

    from desktop_crm.store import open_store

    app = QApplication.instance() or QApplication([])
    from desktop_crm.services.contacts.table import ContactFilter, TableSpec
    from desktop_crm.store.contact_table import query_plans
    from desktop_crm.ui.main_window import MainWindow

    open_store(db)
    window = MainWindow(db)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    table, bar = window.contacts.table, window.contacts.filter_bar
    from PySide6.QtCore import Qt

    # The default order (by name): the window child leaves its last sort in the settings.
    table.sortByColumn(window.contacts.model.column_index("name"), Qt.SortOrder.AscendingOrder)
    app.processEvents()
    figures: dict[str, dict] = {}
    for name, flt in bench_filters().items():
        bar.set_filter(ContactFilter())
        window.contacts.set_search_text("")
        app.processEvents()
        if flt.text:  # the filters are set, then the search typed: one change timed, as a user makes it
            bar.set_filter(flt.without_text())
            window.contacts._apply()
            window.contacts.model.wait_for_count(60_000)
            app.processEvents()
        start = time.perf_counter()
        if flt.text:
            window.contacts.set_search_text(flt.text)
        else:
            bar.set_filter(flt)
            window.contacts._apply()
        table.viewport().repaint()
        painted = _ms(start)
        window.contacts.model.wait_for_count(60_000)
        figures[name] = {"ms": painted, "count_ms": _ms(start), "rows": window.contacts.model.rowCount(),
                         "plans": query_plans(TableSpec(flt).query())}
    window.close()
    return figures


def child_search(db: Path) -> dict:
    from PySide6.QtWidgets import QApplication

    from desktop_crm.store import open_store

    app = QApplication.instance() or QApplication([])
    from desktop_crm.ui.main_window import MainWindow

    open_store(db)
    window = MainWindow(db)
    window.show()
    app.processEvents()
    model = window.contacts.model
    times, rows = [], []
    for word in SEARCHES:
        for end in range(1, len(word) + 1):
            start = time.perf_counter()
            window.search.setText(word[:end])  # textChanged -> model reset with count + first page
            times.append(_ms(start))
            rows.append(model.rowCount())
            assert model.cached_pages() <= 1
        window.search.setText("")
    window.close()
    return {"keystrokes": len(times), "search_median_ms": statistics.median(times),
            "search_max_ms": max(times), "search_rows_last": rows[-1], "peak_mb": _peak_mb()}


def child_baseline() -> dict:
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QTableView, QToolBar

    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    window = QMainWindow()
    model = QStandardItemModel(0, 8)
    rng = random.Random(1)
    for _ in range(100):
        model.appendRow([QStandardItem(f"{rng.choice(FIRST)} {rng.choice(LAST)}")]
                        + [QStandardItem(rng.choice(TITLES)) for _ in range(7)])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    bar = QToolBar()
    search = QLineEdit()
    bar.addWidget(search)
    window.addToolBar(bar)
    window.setCentralWidget(view)
    window.resize(1280, 800)
    window.show()
    view.viewport().repaint()
    app.processEvents()
    opened = _ms(start)
    start = time.perf_counter()
    view.scrollToBottom()
    view.viewport().repaint()
    jump_end = _ms(start)
    start = time.perf_counter()
    view.scrollToTop()
    view.viewport().repaint()
    jump_back = _ms(start)
    times = []
    search.textChanged.connect(proxy.setFilterFixedString)
    for word in SEARCHES:
        for end in range(1, len(word) + 1):
            start = time.perf_counter()
            search.setText(word[:end])
            times.append(_ms(start))
        search.setText("")
    return {"open_ms": opened, "jump_end_ms": jump_end, "jump_back_ms": jump_back,
            "search_median_ms": statistics.median(times), "peak_mb": _peak_mb()}


def run_child(kind: str, db: Path | None, home: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DESKTOP_CRM_HOME=str(home))
    args = [sys.executable, __file__, "--child", kind] + (["--db", str(db)] if db else [])
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- main ------------------------------------------------------------------------------------
def _row(label: str, value: float, unit: str, base: float | None = None, target: float | None = None) -> str:
    text = f"  {label:<44} {value:>9.2f} {unit}"
    if base:
        text += f"   ({value / base:>6.1f}x baseline {base:.2f})"
    if target is not None:
        text += f"   target < {target:g}: {'OK' if value < target else 'MISSED'}"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--million", type=int, default=1_000_000, help="contacts in the big database")
    parser.add_argument("--search-size", type=int, default=100_000, help="contacts for the search test")
    parser.add_argument("--cache", type=Path, default=Path("/tmp"), help="where generated databases are kept")
    parser.add_argument("--child", choices=("window", "search", "baseline", "filters"), help=argparse.SUPPRESS)
    parser.add_argument("--plans", action="store_true", help="print each filter's query plans too")
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = {"window": lambda: child_window(args.db), "search": lambda: child_search(args.db),
                  "filters": lambda: child_filters(args.db), "baseline": child_baseline}[args.child]()
        print(json.dumps(result), flush=True)
        os._exit(0)  # skip interpreter teardown of Qt objects: only the figures matter here
    import tempfile

    big = cached_database(args.cache, args.million)
    small = cached_database(args.cache, args.search_size)
    with tempfile.TemporaryDirectory(prefix="crm-bench-home-") as home:
        baseline = run_child("baseline", None, Path(home))
        window = run_child("window", big, Path(home))
        search = run_child("search", small, Path(home))
        filters = run_child("filters", big, Path(home))
    print(f"\nMain window over {window['rows']:,} contacts (offscreen, real widgets):")
    print(_row("window open to first painted rows", window["open_ms"], "ms", baseline["open_ms"], TARGETS["open_ms"]))
    print(_row("  (Python + Qt imports before that)", window["imports_ms"], "ms"))
    print(_row("jump to the end", window["jump_end_ms"], "ms", baseline["jump_end_ms"], TARGETS["jump_end_ms"]))
    print(_row("jump back to the top", window["jump_back_ms"], "ms", baseline["jump_back_ms"], TARGETS["jump_back_ms"]))
    print(_row("jump to the middle, nothing cached", window["jump_middle_cold_ms"], "ms"))
    print(_row("sort by organization (click to painted)", window["sort_org_ms"], "ms"))
    print(_row("sort by last contact (click to painted)", window["sort_last_contact_ms"], "ms"))
    print(_row("filter tier = Target (click to painted)", window["filter_tier_ms"], "ms"))
    print(_row("peak memory (whole process)", window["peak_mb"], "MB", baseline["peak_mb"], TARGETS["peak_mb"]))
    print(f"\nFilters over {window['rows']:,} contacts, set to first rows painted (baseline: open of a bare table):")
    for name, figure in filters.items():
        print(_row(f"{name} ({figure['rows']:,} rows)", figure["ms"], "ms", baseline["open_ms"], TARGETS["filter_ms"]))
        print(f"      count known after {figure['count_ms']:.0f} ms (in a thread after the first paint)")
        if args.plans:
            for key, plan in figure["plans"].items():
                print(f"      {key}: {plan}")
    print(f"\nSearch as you type over {args.search_size:,} contacts ({search['keystrokes']} keystrokes):")
    print(_row("median per keystroke (text -> model rows)", search["search_median_ms"], "ms",
               baseline["search_median_ms"], TARGETS["search_median_ms"]))
    print(_row("slowest keystroke", search["search_max_ms"], "ms"))
    print("\nBaseline: bare QTableView + 100-row QStandardItemModel (+ proxy filter), same run:")
    for key in ("open_ms", "jump_end_ms", "jump_back_ms", "search_median_ms"):
        print(_row(key, baseline[key], "ms"))
    print(_row("peak_mb", baseline["peak_mb"], "MB"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
