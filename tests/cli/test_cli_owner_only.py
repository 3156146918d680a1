"""Everything the app writes is readable by its owner only, from its first byte.

The real command line writes every kind of file it can (the database and its
journal, the lock, automatic and asked-for backups, the state before a
restore, exports in every format, a calendar, a prep sheet, an import report
and its not-imported rows); then every file is 0600 and every folder the app
made is 0700. The umask is set wide open first, as a careless login would.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from services.importing.importing_samples import google_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _run(env: dict[str, str], db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "desktop_crm", "--db", str(db), *args],
                            capture_output=True, text=True, encoding="utf-8", env=env,
                            timeout=120)
    assert result.returncode == 0, (args, result.stderr)
    return result


def _modes(root: Path) -> dict[Path, tuple[bool, int]]:
    """path: (is a folder, permission bits), as they are now."""
    found = {}
    for path in [root, *root.rglob("*")]:
        info = path.lstat()
        found[path] = (stat.S_ISDIR(info.st_mode), stat.S_IMODE(info.st_mode))
    return found


def test_every_file_and_folder_the_app_writes_is_owner_only(tmp_path: Path, now) -> None:
    home, data, out = tmp_path / "home", tmp_path / "data", tmp_path / "out"
    data.mkdir()
    out.mkdir()
    data.chmod(0o755)
    db = data / "crm.sqlite3"
    env = {**os.environ, "DESKTOP_CRM_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    source = google_file(tmp_path / "people.csv", [
        {"First Name": "Ann", "Last Name": "Lee", "E-mail 1 - Value": "ann@example.org"},
        {"First Name": "", "Last Name": "", "Notes": "a row with no one in it"},
    ])
    old_umask = os.umask(0o000)  # the children inherit a wide-open umask
    try:
        _run(env, db, "contacts", "add", "--first-name", "Bob")
        keeper = sqlite3.connect(db)  # keeps the -wal and -shm files there to be checked
        keeper.execute("SELECT count(*) FROM contact").fetchone()
        _run(env, db, "import", str(source), "--yes")
        when = (now.replace(hour=10, minute=0) + __import__("datetime").timedelta(days=3))
        _run(env, db, "meetings", "add", "--contact", "Ann", "--when",
             when.strftime("%Y-%m-%dT%H:%M"), "--tz", "UTC")
        for fmt, name in (("json", "all.json"), ("csv", "people.csv"), ("vcard", "people.vcf")):
            _run(env, db, "export", "--format", fmt, "--out", str(out / name))
        _run(env, db, "ics", "export", "--out", str(out / "meetings.ics"))
        _run(env, db, "prep", "--contact", "Ann", "--out", str(out / "prep.pdf"))
        _run(env, db, "backup")
        _run(env, db, "backup", "--to", str(out / "copy.sqlite3"))
        listed = json.loads(_run(env, db, "backup", "--list", "--json").stdout)
        _run(env, db, "backup", "--restore", listed[-1]["path"])
        _run(env, db, "import-backup", str(out / "all.json"))
        modes = {p: m for p, m in _modes(data).items() if p != data}
        keeper.close()
    finally:
        os.umask(old_umask)
    modes |= {**_modes(home), **_modes(out)}
    kinds = {p.suffix or p.name for p, (folder, _m) in modes.items() if not folder}
    for wanted in (".sqlite3", ".json", ".csv", ".vcf", ".ics", ".pdf", ".txt", ".lock",
                   ".sqlite3-wal", ".sqlite3-shm"):
        assert wanted in kinds, f"{wanted} not in {sorted(kinds)}"
    assert any(".auto-" in p.name for p in modes) and any("before-restore" in p.name
                                                          for p in modes)
    loose = {str(p.relative_to(tmp_path)): oct(m) for p, (folder, m) in modes.items()
             if (folder and p != out and m != 0o700) or (not folder and m != 0o600)}
    assert loose == {}, loose
    assert len(modes) >= 20


def test_an_older_data_folder_readable_by_others_is_tightened(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "backups").mkdir(parents=True)
    home.chmod(0o755)
    (home / "backups").chmod(0o755)
    env = {**os.environ, "DESKTOP_CRM_HOME": str(home)}
    _run(env, tmp_path / "crm.sqlite3", "contacts", "list")
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "backups").stat().st_mode) == 0o700
