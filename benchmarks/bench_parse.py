"""Benchmark: parse a generated 100,000-row LinkedIn export (~10 MB).

Prints the time of ``parse_file`` and a same-run baseline (a plain
``csv.reader`` over the same file, decoded), their ratio and rows/second.
The importing service's budget is < 5 s for the whole import, so parsing
should stay well under 2 s.  Run: ``python benchmarks/bench_parse.py [ROWS]``.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from desktop_crm.io.parse import parse_file

PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\r\n\r\n'
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
          "Connected On"]
FIRST = ["Anna", "José", "Zoë", "Wei", "Fatima", "Liam", "Søren", "Aiko", "Olu", "Priya"]
LAST = ["Müller", "García", "Nguyen", "O'Brien", "Kowalski", "Smith", "Tanaka", "Okafor"]
ORGS = ["Acme, Inc.", "Globex", "Initech GmbH", "Umbrella Corp", "Société Générale",
        "株式会社テスト", "Stark Industries"]
TITLES = ["Software Engineer", "Product Manager", "Head of Data", "Recruiter",
          "VP Engineering, Platform", "Designer"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def generate(path: Path, rows: int) -> None:
    """Write a LinkedIn-like export: BOM, preamble, CRLF, mostly empty emails."""
    rng = random.Random(42)
    buffer = io.StringIO(newline="")
    buffer.write(PREAMBLE)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for i in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if i % 97 == 0:
            writer.writerow(["", "", "", "", "", "", "1 Jan 2020"])
            continue
        slug = f"{first}-{last}-{i:x}".lower().replace("'", "")
        email = f"{slug}@example.com" if i % 10 == 0 else ""
        date = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2024)}"
        writer.writerow([first, last, f"https://www.linkedin.com/in/{slug}", email,
                         rng.choice(ORGS), rng.choice(TITLES), date])
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def baseline(path: Path) -> int:
    """A plain csv.reader over the decoded file: the floor for any parser."""
    text = path.read_bytes().decode("utf-8-sig")
    return sum(1 for _ in csv.reader(io.StringIO(text, newline="")))


def best_of(func, repeat: int = 3) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = func()
        best = min(best, time.perf_counter() - start)
    return best, value


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Connections.csv"
        generate(path, rows)
        size = path.stat().st_size / 1e6
        base_s, _ = best_of(lambda: baseline(path))
        parse_s, result = best_of(lambda: parse_file(path))
        tracemalloc.start()
        parse_file(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"file: {rows:,} rows, {size:.1f} MB")
    print(f"baseline csv.reader: {base_s:.3f} s ({rows / base_s:,.0f} rows/s)")
    print(f"parse_file:          {parse_s:.3f} s ({rows / parse_s:,.0f} rows/s), "
          f"{len(result.records):,} records, {len(result.problems):,} problems")
    print(f"ratio parse/baseline: {parse_s / base_s:.2f}x")
    print(f"peak traced memory during parse: {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
