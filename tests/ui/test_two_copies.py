"""A double-click while the window is open: a second, real process hands its
files to the first, whose import dialogs open and close one after another,
and the first copy stays alive (it used to die with exit 139)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_file_open import write_linkedin  # tests/ui helper

ROOT = Path(__file__).resolve().parents[2]


def read_until(process: subprocess.Popen, wanted: str, seen: list[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        seen.append(line.strip())
        if line.strip() == wanted:
            return
    raise AssertionError(f"no {wanted!r} from the first copy; it said {seen}, exit {process.poll()}")


@pytest.mark.slow
def test_second_launch_hands_files_over_and_the_first_copy_survives(tmp_path: Path) -> None:
    db = tmp_path / "mine.sqlite3"
    first_csv = write_linkedin(tmp_path)
    second_csv = tmp_path / "more.csv"
    second_csv.write_bytes(first_csv.read_bytes())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "ui" / "first_copy.py"), str(db), "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    seen: list[str] = []
    try:
        read_until(first, "READY", seen)
        time.sleep(0.5)  # the window shown and the server listening
        handed = subprocess.run(
            [sys.executable, "-m", "desktop_crm", "--db", str(db), str(first_csv)],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
        assert handed.returncode == 0, handed.stderr
        read_until(first, "CLOSED", seen)
        # A launch on another database is not handed to this window: it opens its own.
        other = subprocess.Popen(
            [sys.executable, "-m", "desktop_crm", "--db", str(tmp_path / "other.sqlite3"), str(second_csv)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        time.sleep(4)
        own_window = other.poll() is None
        other.kill()
        other.wait()
        assert own_window, other.stderr.read()
        # Two files at once (a multiple selection double-clicked): one dialog after the other.
        handed = subprocess.run(
            [sys.executable, "-m", "desktop_crm", "--db", str(db), str(second_csv), str(first_csv)],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
        assert handed.returncode == 0, handed.stderr
        read_until(first, "ALIVE", seen)
        assert first.wait(timeout=30) == 0, first.stderr.read()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    dialogs = [line.removeprefix("DIALOG ") for line in seen if line.startswith("DIALOG ")]
    assert dialogs == [str(first_csv), str(second_csv), str(first_csv)]  # none from the other database
    stderr = first.stderr.read()
    assert "already deleted" not in stderr and "Traceback" not in stderr, stderr
