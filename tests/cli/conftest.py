"""Running the real command line as a subprocess on a temporary database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``cli("contacts", "list")`` runs ``python -m desktop_crm --db TMP contacts list``."""
    db = tmp_path / "cli.sqlite3"

    def run(*args: str, db_path: Path | None = db, input: str | None = None) -> subprocess.CompletedProcess[str]:
        prefix = ["--db", str(db_path)] if db_path is not None else []
        # Read at call time: a fixture may have moved the clock (DESKTOP_CRM_NOW) since.
        env = {**os.environ, "DESKTOP_CRM_HOME": str(tmp_path / "home"), "PYTHONIOENCODING": "utf-8"}
        return subprocess.run(
            [sys.executable, "-m", "desktop_crm", *prefix, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            input=input,
            timeout=120,
        )

    run.db = db  # type: ignore[attr-defined]
    run.home = tmp_path / "home"  # type: ignore[attr-defined]
    return run
