"""Who has a database file open: named in "busy" messages instead of a traceback.

On Linux the processes holding the file (or its -wal/-shm) are found in
``/proc/*/fd``; elsewhere, or when nothing can be read, the answer is
"another program".
"""

from __future__ import annotations

import os
from pathlib import Path


def holders(path: Path) -> list[tuple[int, str]]:
    """(pid, command name) of the other processes that have ``path`` open."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    wanted = set()
    for suffix in ("", "-wal", "-shm"):
        try:
            wanted.add(str(path.with_name(path.name + suffix).resolve()))
        except OSError:
            continue
    found: list[tuple[int, str]] = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            links = {os.readlink(fd) for fd in (entry / "fd").iterdir()}
        except OSError:
            continue
        if links & wanted:
            try:
                name = (entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                name = "?"
            found.append((int(entry.name), name))
    return sorted(found)


def describe_holders(path: Path) -> str:
    found = holders(path)
    if not found:
        return "another program"
    listed = ", ".join(f"{name} (process {pid})" for pid, name in found[:3])
    return f"another program: {listed}" if len(found) == 1 else f"other programs: {listed}"
