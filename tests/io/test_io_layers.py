"""desktop_crm.io stays a pure layer: no database, services, Qt or CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import desktop_crm.io

FORBIDDEN = ("desktop_crm.store", "desktop_crm.services", "desktop_crm.ui",
             "desktop_crm.cli", "desktop_crm.reports", "PySide6", "peewee", "sqlite3")


def test_io_imports_no_other_layer() -> None:
    package = Path(desktop_crm.io.__file__).parent
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    continue
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
