"""Two real processes edit the same contacts in one SQLite file at once: no update is lost.

Every save either holds in the final row or was reported as a conflict; the
benchmark's own loop is the workload, run small (2 copies, 3 seconds, 3 contacts
so that they collide often).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_concurrent_edits.py"


def test_two_processes_editing_the_same_contacts_lose_nothing(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--db", str(tmp_path / "shared.sqlite3"), "--processes", "2",
         "--seconds", "3", "--contacts", "3", "--no-baseline", "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(done.stdout)
    assert result["edits"] > 20
    assert result["lost_updates"] == 0
    assert result["errors"] == 0
