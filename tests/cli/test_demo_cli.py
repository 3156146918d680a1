"""``--demo`` on any day: built around today, and rebuilt on request once its dates have passed."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_crm import clock


def demo(home: Path, on: dt.datetime, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DESKTOP_CRM_HOME": str(home), clock.ENV_NOW: on.isoformat() + "+00:00"}
    return subprocess.run([sys.executable, "-m", "desktop_crm", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def test_demo_rebuild_lays_the_sample_network_around_today(tmp_path, now) -> None:
    built = demo(tmp_path, now, "--demo", "today", "--json")
    assert built.returncode == 0, built.stderr
    assert json.loads(built.stdout)["upcoming"]
    later = now + dt.timedelta(days=400)
    stale = demo(tmp_path, later, "--demo", "today", "--json")
    assert stale.returncode == 0 and json.loads(stale.stdout)["upcoming"] == []
    assert "--demo --rebuild" in stale.stderr
    rebuilt = demo(tmp_path, later, "--demo", "--rebuild", "today", "--json")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "rebuilt around today" in rebuilt.stderr
    assert json.loads(rebuilt.stdout)["upcoming"]


def test_rebuild_never_touches_your_own_database(tmp_path, now) -> None:
    result = demo(tmp_path, now, "--rebuild", "contacts", "list")
    assert result.returncode == 2 and "--rebuild goes with --demo" in result.stderr
    assert not (tmp_path / "contacts.sqlite3").exists()
