"""A reader that goes away (``desktop-crm contacts list | head``) ends the
command quietly: exit 0, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    db = tmp_path / "pipe.sqlite3"
    for n in range(3):
        subprocess.run([sys.executable, "-m", "desktop_crm", "--db", str(db), "contacts", "add",
                        "--first-name", f"P{n}", "--last-name", "Person"], check=True,
                       capture_output=True)
    # The reader closes its end before the command writes anything; stdout
    # buffered as usual, so the write fails when Python flushes it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    process = subprocess.Popen([sys.executable, "-m", "desktop_crm", "--db", str(db), "contacts", "list"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.close()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr
