"""Exports never overwrite the database, its backups, or (without --force) any file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest


def _contacts(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM contact").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("command", [
    ("export", "--format", "csv"), ("export", "--format", "json"), ("export", "--format", "vcard"),
    ("ics", "export"),
])
def test_an_export_never_replaces_the_open_database_even_forced(cli, command: tuple) -> None:
    assert cli("contacts", "add", "--first-name", "Ann").returncode == 0
    before = cli.db.read_bytes()
    for extra in ((), ("--force",)):
        result = cli(*command, "--out", str(cli.db), *extra)
        assert result.returncode == 1, result.stderr
        assert "is the open database" in result.stderr and "Traceback" not in result.stderr
    assert _contacts(cli.db) == 1 and cli.db.read_bytes()[:16] == before[:16]
    wal = Path(str(cli.db) + "-wal")
    result = cli(*command, "--out", str(wal), "--force")
    assert result.returncode == 1 and "belongs to the open database" in result.stderr


def test_an_export_never_replaces_a_backup(cli) -> None:
    assert cli("backup").returncode == 0
    (backup,) = (cli.home / "backups").iterdir()
    kept = backup.read_bytes()
    result = cli("export", "--format", "json", "--out", str(backup), "--force")
    assert result.returncode == 1 and "backups folder" in result.stderr
    assert backup.read_bytes() == kept


@pytest.mark.parametrize("command", [("export", "--format", "csv"), ("export", "--format", "json"),
                                     ("ics", "export")])
def test_an_existing_file_is_replaced_only_with_force(cli, tmp_path: Path, command: tuple) -> None:
    target = tmp_path / "mine.txt"
    target.write_text("my own notes", encoding="utf-8")
    refused = cli(*command, "--out", str(target))
    assert refused.returncode == 1 and "already exists; add --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "my own notes"
    forced = cli(*command, "--out", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8-sig") != "my own notes"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_new_file_is_written_without_force(cli, tmp_path: Path) -> None:
    assert cli("contacts", "add", "--first-name", "Ann").returncode == 0
    out = tmp_path / "all.json"
    assert cli("export", "--format", "json", "--out", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["tables"]["contact"][0]["first_name"] == "Ann"
