"""One way to write a file whole: unique temporary names, nothing left behind, crash-safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_crm import atomic
from desktop_crm.store.backup_files import remove_stale_temps


def test_a_write_replaces_the_file_whole_owner_only_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old")
    assert atomic.write_atomic(target, b"new contents") == target
    assert target.read_bytes() == b"new contents"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


def test_temporary_names_are_unique_per_write(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    names = {atomic.temp_beside(target) for _ in range(50)}
    assert len(names) == 50
    assert all(p.exists() and p.parent == tmp_path and p.name.startswith(".export.csv.")
               for p in names)


def test_a_failure_keeps_the_old_file_and_removes_the_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_bytes(b"the old backup")
    with pytest.raises(RuntimeError), atomic.atomic_path(target) as tmp:
        tmp.write_bytes(b"half a new")
        Path(f"{tmp}-journal").write_bytes(b"")  # what SQLite may leave beside it
        raise RuntimeError("the disk filled up")
    assert target.read_bytes() == b"the old backup"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def test_a_killed_writer_leaves_a_temporary_file_the_backups_folder_sweeps(tmp_path: Path) -> None:
    """A process killed between write and rename leaves ``.NAME.PID-RANDOM.tmp``: the
    target is untouched, and the sweep of stale temporary files recognises it."""
    target = tmp_path / "auto.sqlite3"
    target.write_bytes(b"kept")
    code = ("import os, sys; from pathlib import Path; from desktop_crm import atomic\n"
            "tmp = atomic.temp_beside(Path(sys.argv[1])); tmp.write_bytes(b'half')\n"
            "os._exit(0)  # dies before the rename\n")
    subprocess.run([sys.executable, "-c", code, str(target)], check=True)
    left = [p for p in tmp_path.iterdir() if p != target]
    assert len(left) == 1 and target.read_bytes() == b"kept"
    mine = atomic.temp_beside(target)  # this process is alive: its file stays
    assert remove_stale_temps(tmp_path) == left
    assert sorted(tmp_path.iterdir()) == sorted([target, mine])
