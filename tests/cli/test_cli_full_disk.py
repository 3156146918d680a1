"""When the disk fills up mid-write: one line, exit 1, nothing half-written left behind.

The full disk is played by a file-size limit on the command's process
(``RLIMIT_FSIZE``): every write past 64 KB fails as it would on a full disk,
while reading the (bigger) database still works.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from services.importing.importing_samples import generic_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
LIMIT = 64 * 1024


def _limited(cli, *args: str) -> subprocess.CompletedProcess[str]:
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    env = {**os.environ, "DESKTOP_CRM_HOME": str(cli.home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "desktop_crm", "--db", str(cli.db), *args],
                          capture_output=True, text=True, env=env, preexec_fn=limit,
                          timeout=120)


@pytest.fixture
def big(cli) -> Path:
    """A database bigger than the limit, and a good JSON backup of it."""
    people = generic_file(cli.db.parent / "people.csv", ["First Name", "Last Name", "Notes"],
                          [[f"Person{i}", "Lee", "met at a fair " * 10] for i in range(1500)])
    assert cli("import", str(people), "--yes").returncode == 0
    assert cli("contacts", "add", "--first-name", "Ann").returncode == 0
    backup = cli.db.parent / "good.json"
    assert cli("export", "--format", "json", "--out", str(backup)).returncode == 0
    assert cli.db.stat().st_size > LIMIT
    return backup


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.endswith((".tmp", ".part"))]


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr[-800:]
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_export_on_a_full_disk(cli, big: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "all.json"
    out.parent.mkdir()
    line = _one_line(_limited(cli, "export", "--format", "json", "--out", str(out)))
    assert str(out) in line and "cannot write" in line
    assert not out.exists() and _leftovers(tmp_path / "out") == []


def test_backup_to_on_a_full_disk(cli, big: Path, tmp_path: Path) -> None:
    out = tmp_path / "copies" / "copy.sqlite3"
    line = _one_line(_limited(cli, "backup", "--to", str(out)))
    assert str(out) in line
    assert not out.exists() and _leftovers(tmp_path / "copies") == []


def test_import_backup_whose_safety_copy_does_not_fit(cli, big: Path) -> None:
    assert cli("contacts", "add", "--first-name", "Bob").returncode == 0
    line = _one_line(_limited(cli, "import-backup", str(big)))
    assert "cannot write the copy" in line
    listed = cli("contacts", "list", "--json", "--limit", "5000").stdout
    names = [p["first_name"] for p in json.loads(listed)]
    assert "Bob" in names  # not restored: nothing changed
    assert _leftovers(cli.home) == []
