"""``backup --list`` and ``backup --restore FILE`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from services.importing.importing_samples import LINKEDIN_ROWS, linkedin_file


def _export(cli) -> dict:
    result = cli("export", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["tables"]


def test_backups_are_listed_and_one_restores_the_exact_export(cli, tmp_path: Path) -> None:
    for name in ("Ann", "Bob"):
        assert cli("contacts", "add", "--first-name", name).returncode == 0
    wanted = _export(cli)
    assert cli("import", str(linkedin_file(tmp_path / "l.csv", LINKEDIN_ROWS)), "--yes",
               ).returncode == 0
    listed = cli("backup", "--list", "--json")
    assert listed.returncode == 0, listed.stderr
    found = json.loads(listed.stdout)
    kinds = [(b["kind"], b["reason"]) for b in found]
    assert ("auto", "import") in kinds and ("auto", "daily") in kinds
    before_import = next(b for b in found if b["reason"] == "import")
    assert before_import["contacts"] == 2
    table = cli("backup", "--list")
    assert Path(before_import["path"]).name in table.stdout  # whole, to copy
    live = len(json.loads(cli("contacts", "list", "--json").stdout))
    restored = cli("backup", "--restore", Path(before_import["path"]).name)
    assert restored.returncode == 0, restored.stderr
    assert "saved to" in restored.stderr
    assert _export(cli) == wanted
    again = json.loads(cli("backup", "--list", "--json").stdout)
    saved = [b for b in again if b["kind"] == "before-restore"]
    assert len(saved) == 1 and saved[0]["contacts"] == live > 2


def test_a_bad_restore_is_one_line_and_changes_nothing(cli, tmp_path: Path) -> None:
    assert cli("contacts", "add", "--first-name", "Ann").returncode == 0
    wanted = _export(cli)
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    for target in (junk, tmp_path / "missing.sqlite3", tmp_path, cli.db):
        result = cli("backup", "--restore", str(target))
        assert result.returncode == 1, (target, result.stderr)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert _export(cli) == wanted
    assert cli("backup", "--list", "--restore", "x").returncode == 2  # one at a time
