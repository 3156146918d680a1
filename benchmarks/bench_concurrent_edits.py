"""Several copies editing the same contacts at once: edits per second, conflicts, lost updates.

    python benchmarks/bench_concurrent_edits.py [--db PATH] [--processes 4] [--seconds 30]
                                                [--contacts 20] [--json]

Each process is a real copy of the app's services on one database (``--db``;
default a fresh SQLite file in a temporary folder). It loops for ``--seconds``:
read a contact, append a token of its own to one of three note fields (as a
user would after a moment of typing), and save from the version it read. A
save either writes (the token is logged as saved) or raises ``EditConflict``
(counted; nothing written). At the end every saved token must be in the final
row: a token missing is a lost update, and there must be none.

Same-run baseline: the same workload saving without the version check (last
writer wins, as before issue 16). Its lost updates show what the check
prevents; the ratio of edits per second is the check's cost.

The engine is chosen by ``--db`` alone (a file path here; the store's opening
decides what else it accepts), so the script does not change per engine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIELDS = ("notes", "how_met", "interests")


def _open(db: str) -> None:
    from desktop_crm.store import open_store

    open_store(db, window=False)


def seed(db: str, contacts: int) -> list[int]:
    """A fresh set of contacts to fight over."""
    from desktop_crm.services.contacts import create_contact

    _open(db)
    return [create_contact({"first_name": f"Shared{i}", "last_name": "Contact"}).id for i in range(contacts)]


def worker(db: str, name: str, seconds: float, ids: list[int], checked: bool, out: str) -> None:
    """One copy's loop; writes its saved tokens and counts to ``out`` as JSON."""
    from desktop_crm.services.conflicts import EditConflict
    from desktop_crm.services.contacts import get_contact, update_contact
    from desktop_crm.services.errors import ServiceError
    from desktop_crm.store import DATABASE_ERRORS, StoreError

    _open(db)
    rng = random.Random(name)
    saved: list[list] = []
    conflicts = errors = 0
    deadline = time.monotonic() + seconds
    n = 0
    while time.monotonic() < deadline:
        n += 1
        contact_id, field = rng.choice(ids), rng.choice(FIELDS)
        token = f"{name}.{n}"
        try:
            view = get_contact(contact_id)
            time.sleep(rng.uniform(0, 0.002))  # the user types
            value = f"{getattr(view, field)} {token}".strip()
            if checked:
                update_contact(contact_id, {field: value}, expected_version=view.version, base=view)
            else:
                update_contact(contact_id, {field: value})
            saved.append([contact_id, field, token])
        except EditConflict:
            conflicts += 1
        except (ServiceError, StoreError, *DATABASE_ERRORS):
            errors += 1
    Path(out).write_text(json.dumps({"saved": saved, "conflicts": conflicts, "errors": errors}))


def lost_updates(db: str, logs: list[dict]) -> int:
    """Saved tokens missing from the final rows."""
    from desktop_crm.services.contacts import get_contact

    _open(db)
    finals: dict[tuple[int, str], set[str]] = {}
    lost = 0
    for log in logs:
        for contact_id, field, token in log["saved"]:
            key = (contact_id, field)
            if key not in finals:
                finals[key] = set(getattr(get_contact(contact_id), field).split())
            lost += token not in finals[key]
    return lost


def run(db: str, processes: int, seconds: float, contacts: int, checked: bool) -> dict:
    """Seed ``db``, run the copies side by side (real processes), and count."""
    ids = seed(db, contacts)
    with tempfile.TemporaryDirectory() as tmp:
        outs = [str(Path(tmp) / f"copy{i}.json") for i in range(processes)]
        procs = [
            subprocess.Popen([sys.executable, __file__, "--worker", db, f"copy{i}", str(seconds),
                              ",".join(map(str, ids)), "1" if checked else "0", outs[i]])
            for i in range(processes)
        ]
        for proc in procs:
            if proc.wait() != 0:
                raise SystemExit(f"a copy exited with {proc.returncode}")
        logs = [json.loads(Path(out).read_text()) for out in outs]
    edits = sum(len(log["saved"]) for log in logs)
    return {
        "checked": checked,
        "processes": processes,
        "seconds": seconds,
        "edits": edits,
        "edits_per_s": round(edits / seconds, 1),
        "conflicts": sum(log["conflicts"] for log in logs),
        "errors": sum(log["errors"] for log in logs),
        "lost_updates": lost_updates(db, logs),
    }


def _fresh(base: str | None, label: str, tmp: str) -> str:
    """The database a run uses: ``--db`` as given (a server URL), or a new file per run."""
    if base and "://" in base:
        return base
    if base:
        path = Path(base)
        return str(path.with_name(f"{path.stem}-{label}{path.suffix or '.sqlite3'}"))
    return str(Path(tmp) / f"{label}.sqlite3")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        db, name, seconds, ids, checked, out = sys.argv[2:8]
        worker(db, name, float(seconds), [int(i) for i in ids.split(",")], checked == "1", out)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="database: a file path (default: new files in a temporary folder)")
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--contacts", type=int, default=20)
    parser.add_argument("--no-baseline", action="store_true", help="skip the last-writer-wins run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        results = [run(_fresh(args.db, "checked", tmp), args.processes, args.seconds, args.contacts, True)]
        if not args.no_baseline:
            results.append(run(_fresh(args.db, "baseline", tmp), args.processes, args.seconds,
                               args.contacts, False))
    if args.json:
        print(json.dumps(results))
    else:
        for r in results:
            label = "version check" if r["checked"] else "baseline (last writer wins)"
            print(f"{label:28} {r['processes']} copies x {r['seconds']:g} s: {r['edits']} edits "
                  f"({r['edits_per_s']}/s), {r['conflicts']} conflicts detected, "
                  f"{r['lost_updates']} lost updates, {r['errors']} other errors")
        if len(results) == 2 and results[1]["edits_per_s"]:
            print(f"edits/s ratio checked/baseline: {results[0]['edits_per_s'] / results[1]['edits_per_s']:.2f}")
    return 1 if results[0]["lost_updates"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
