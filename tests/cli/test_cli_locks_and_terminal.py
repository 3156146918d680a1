"""The command line beside a lock, on a read-only file, and at a terminal."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from services.importing.importing_samples import google_file

HOSTILE = "\x1b[2J\x1b]0;owned\x07Eve\x9b31m\u202eevil"


def test_a_write_waits_for_another_writer_then_says_who_holds_the_lock(cli) -> None:
    assert cli("contacts", "add", "--first-name", "Ann").returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, time\n"
        f"c = sqlite3.connect({str(cli.db)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE'); c.execute(\"UPDATE profile SET name = 'x'\")\n"
        "print('locked', flush=True); time.sleep(30)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = cli("contacts", "add", "--first-name", "Bob")
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert waited >= 4.5, "it should wait its busy timeout before giving up"
    assert "is busy" in result.stderr and "Nothing was changed" in result.stderr
    if sys.platform.startswith("linux"):
        assert f"process {holder.pid}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # Once the other writer is gone, the same command works.
    assert cli("contacts", "add", "--first-name", "Bob").returncode == 0


def _make_read_only(path: Path) -> bool:
    """Read-only for this process: chmod for a normal user; root ignores modes, so
    the immutable flag there (when the file system has it)."""
    import os

    if os.geteuid() != 0:
        path.chmod(0o444)
        return True
    return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0


def _undo_read_only(path: Path) -> None:
    subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    path.chmod(0o600)


def test_a_read_only_database_refuses_writes_in_one_line_and_still_lists(cli) -> None:
    assert cli("contacts", "add", "--first-name", "Ann").returncode == 0
    if not _make_read_only(cli.db):
        pytest.skip("cannot make a file read-only here")
    try:
        added = cli("contacts", "add", "--first-name", "Bob")
        listed = cli("contacts", "list", "--json")
    finally:
        _undo_read_only(cli.db)
    assert added.returncode == 1 and "Traceback" not in added.stderr
    assert "cannot be written" in added.stderr and "read-only" in added.stderr
    assert len(added.stderr.strip().splitlines()) == 1
    assert listed.returncode == 0 and [p["first_name"] for p in json.loads(listed.stdout)] == ["Ann"]


def test_a_dangling_link_as_db_creates_no_folders(cli, tmp_path: Path) -> None:
    link = tmp_path / "link.sqlite3"
    link.symlink_to(tmp_path / "elsewhere" / "sub" / "crm.sqlite3")
    result = cli("contacts", "list", db_path=link)
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_control_characters_in_names_reach_the_terminal_inert(cli) -> None:
    added = cli("contacts", "add", "--first-name", HOSTILE, "--last-name", "Lee",
                "--title", "\x1b[31mred", "--json")
    assert added.returncode == 0, added.stderr
    person = json.loads(added.stdout)
    assert person["first_name"].startswith("\x1b[2J")  # stored as typed; JSON escapes it
    for args in (("contacts", "list"), ("contacts", "show", str(person["id"])),
                 ("search", "Lee"), ("contacts", "show", "nobody-\x1b[2J")):
        result = cli(*args)
        out = result.stdout + result.stderr
        assert not any(ch in out for ch in "\x1b\x07\x9b\u202e"), (args, out)
    shown = cli("contacts", "show", str(person["id"])).stdout
    assert "\\x1b[2J" in shown and "\\u202e" in shown


def test_a_report_that_cannot_be_written_does_not_undo_a_committed_import(
        cli, tmp_path: Path) -> None:
    source = google_file(tmp_path / "people.csv", [{"First Name": "Ann", "Last Name": "Lee"}])
    cli.home.mkdir(parents=True, exist_ok=True)
    (cli.home / "import-reports").write_text("a file where the reports' folder goes")
    result = cli("import", str(source), "--yes")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "report could not be written" in result.stderr and "import 1" in result.stderr
    listed = json.loads(cli("contacts", "list", "--json").stdout)
    assert [p["first_name"] for p in listed] == ["Ann"]
    assert cli("import", "--undo", "1").returncode == 0
