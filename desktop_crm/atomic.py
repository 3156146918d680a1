"""Writing a file whole or not at all: the one way, for every layer.

A file the user keeps (an export, a prep sheet, a backup, the database after
encryption) is written to a temporary file beside it, flushed to the disk,
and renamed over the target; then the folder itself is flushed so that the
rename survives a power cut. A reader, a kill or a full disk never sees half
a file, and a failure removes the temporary file.

The temporary name is unique per write (``.NAME.PID-RANDOM.tmp``, created
exclusively), so two writers of the same target (two threads, two processes)
never share one; ``desktop_crm.store.backup_files.remove_stale_temps``
recognises the pattern and removes those a dead process left behind.

Errors are the operating system's (``OSError``): each caller says them in its
own words (a service error on the command line, a message box in the window).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Files SQLite may make beside a database it writes (a temporary one too).
SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")


def temp_beside(target: Path, mode: int = 0o600) -> Path:
    """A new, empty, owner-only file beside ``target`` that no other write uses."""
    while True:
        tmp = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
        except FileExistsError:
            continue
        return tmp


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit(tmp: Path, target: Path) -> None:
    """Flush ``tmp`` to the disk, rename it over ``target``, flush the folder."""
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    sync_folder(target.parent)


def discard(tmp: Path) -> None:
    """Remove a temporary file and what SQLite may have made beside it; never raises."""
    for suffix in ("", *SQLITE_COMPANIONS):
        try:
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to fill; it becomes ``target`` when the block ends
    normally, and is removed when it raises."""
    tmp = temp_beside(target)
    try:
        yield tmp
        commit(tmp, target)
    except BaseException:
        discard(tmp)
        raise


def write_atomic(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` whole (see the module docstring); returns ``target``."""
    target = Path(target)
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as handle:
            handle.write(data)
    return target
