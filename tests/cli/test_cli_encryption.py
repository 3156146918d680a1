"""``encryption on|passphrase|off`` and every command on an encrypted database, as a user runs them.

The real command line in a subprocess, its passphrase in the environment
(a script's way) and stdin closed (no terminal to ask).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_crm.store.lock import FileLock

pytest.importorskip("sqlcipher3", reason="encryption needs the 'encryption' extra")

PASS = "s3cret 'quoted' passphrase"


def _run(cli, tmp_path: Path, *args: str, passphrase: str | None = None,
         new: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DESKTOP_CRM_HOME": str(cli.home), "PYTHONIOENCODING": "utf-8"}
    env.pop("DESKTOP_CRM_PASSPHRASE", None)
    env.pop("DESKTOP_CRM_NEW_PASSPHRASE", None)
    if passphrase is not None:
        env["DESKTOP_CRM_PASSPHRASE"] = passphrase
    if new is not None:
        env["DESKTOP_CRM_NEW_PASSPHRASE"] = new
    return subprocess.run([sys.executable, "-m", "desktop_crm", "--db", str(cli.db), *args],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          stdin=subprocess.DEVNULL, timeout=120, cwd=tmp_path)


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "ERROR CORE" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _plain_reads(path: Path) -> bool:
    try:
        sqlite3.connect(path).execute("SELECT count(*) FROM contact").fetchone()
        return True
    except sqlite3.DatabaseError:
        return False


def _tables(text: str) -> dict:
    return json.loads(text)["tables"]


@pytest.fixture
def encrypted(cli, tmp_path: Path) -> Path:
    for first in ("Ann", "Bob"):
        assert cli("contacts", "add", "--first-name", first, "--last-name", "O'Lee").returncode == 0
    done = _run(cli, tmp_path, "encryption", "on", new=PASS)
    assert done.returncode == 0, done.stderr
    assert "Encrypted" in done.stderr
    return cli.db


def test_on_then_every_command_needs_the_passphrase(cli, encrypted: Path, tmp_path: Path) -> None:
    assert not _plain_reads(encrypted)
    digest = hashlib.sha256(encrypted.read_bytes()).hexdigest()
    missing = _one_line(_run(cli, tmp_path, "contacts", "list"))
    assert "is encrypted" in missing and "DESKTOP_CRM_PASSPHRASE" in missing
    wrong = _one_line(_run(cli, tmp_path, "contacts", "list", passphrase="nope"))
    assert "wrong passphrase" in wrong
    assert hashlib.sha256(encrypted.read_bytes()).hexdigest() == digest
    listed = _run(cli, tmp_path, "contacts", "list", passphrase=PASS)
    assert listed.returncode == 0 and "Ann O'Lee" in listed.stdout
    status = _run(cli, tmp_path, "encryption", "status", passphrase=PASS)
    assert status.stdout.strip().endswith(": encrypted")


def test_backups_stay_encrypted_and_import_backup_works(cli, encrypted: Path,
                                                        tmp_path: Path) -> None:
    exported = _run(cli, tmp_path, "export", "--format", "json", passphrase=PASS)
    assert exported.returncode == 0
    (tmp_path / "all.json").write_text(exported.stdout, encoding="utf-8")
    copy = tmp_path / "copy.sqlite3"
    assert _run(cli, tmp_path, "backup", "--to", str(copy), passphrase=PASS).returncode == 0
    assert not _plain_reads(copy)
    assert _run(cli, tmp_path, "contacts", "add", "--first-name", "Cy",
                passphrase=PASS).returncode == 0
    restored = _run(cli, tmp_path, "import-backup", str(tmp_path / "all.json"), passphrase=PASS)
    assert restored.returncode == 0, restored.stderr
    again = _run(cli, tmp_path, "export", "--format", "json", passphrase=PASS)
    assert _tables(again.stdout) == _tables(exported.stdout)
    listed = json.loads(_run(cli, tmp_path, "backup", "--list", "--json", passphrase=PASS).stdout)
    assert listed and all(b["contacts"] is not None for b in listed)
    assert not any(_plain_reads(Path(b["path"])) for b in listed)
    back = _run(cli, tmp_path, "backup", "--restore", str(copy), passphrase=PASS)
    assert back.returncode == 0, back.stderr
    assert not _plain_reads(encrypted)


def test_a_new_passphrase_then_off_gives_a_plain_file_with_the_same_data(
        cli, encrypted: Path, tmp_path: Path) -> None:
    before = _run(cli, tmp_path, "export", "--format", "json", passphrase=PASS).stdout
    changed = _run(cli, tmp_path, "encryption", "passphrase", passphrase=PASS, new="second")
    assert changed.returncode == 0, changed.stderr
    assert "wrong passphrase" in _one_line(_run(cli, tmp_path, "contacts", "list", passphrase=PASS))
    off = _run(cli, tmp_path, "encryption", "off", passphrase="second")
    assert off.returncode == 0, off.stderr
    assert _plain_reads(encrypted)
    after = _run(cli, tmp_path, "export", "--format", "json")
    assert after.returncode == 0 and _tables(after.stdout) == _tables(before)
    listed = json.loads(_run(cli, tmp_path, "backup", "--list", "--json").stdout)
    assert listed and all(_plain_reads(Path(b["path"])) for b in listed)


def test_refused_while_the_window_has_the_database_open(cli, encrypted: Path,
                                                        tmp_path: Path) -> None:
    lock = FileLock(encrypted.with_name(encrypted.name + ".lock"))
    lock.acquire()  # what the open window holds
    try:
        digest = hashlib.sha256(encrypted.read_bytes()).hexdigest()
        said = _one_line(_run(cli, tmp_path, "encryption", "off", passphrase=PASS))
        assert "open in the Desktop CRM window" in said
        assert hashlib.sha256(encrypted.read_bytes()).hexdigest() == digest
    finally:
        lock.release()


def test_without_a_terminal_a_new_passphrase_comes_from_the_environment(cli, tmp_path: Path) -> None:
    assert cli("contacts", "add", "--first-name", "Ann").returncode == 0
    said = _one_line(_run(cli, tmp_path, "encryption", "on"))
    assert "DESKTOP_CRM_NEW_PASSPHRASE" in said
    assert _plain_reads(cli.db)
    assert "empty" in _one_line(_run(cli, tmp_path, "encryption", "on", new=""))
