"""The layer rules of ARCHITECTURE.md, checked by walking every module's imports."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "desktop_crm"


def imports_of(path: Path, root: Path = PACKAGE) -> set[str]:
    """Absolute module names a file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_parts = ["desktop_crm", *path.relative_to(root).with_suffix("").parts]
    if module_parts[-1] == "__init__":
        module_parts = module_parts[:-1]
        package_parts = module_parts
    else:
        package_parts = module_parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "desktop_crm" or len(parts) < 2:
        return None
    return parts[1]


def violations(root: Path = PACKAGE) -> list[str]:
    problems = []
    for path in root.rglob("*.py"):
        own = path.relative_to(root).parts[0].removesuffix(".py")
        for name in imports_of(path, root):
            target = layer_of(name)
            where = path.relative_to(root.parent)
            if name.split(".")[0] in ("PySide6", "shiboken6") and own != "ui":
                problems.append(f"{where}: only ui may import Qt ({name})")
            if target in ("ui", "cli") and own not in (target, "__main__") and not (own == "tools" and target == "ui"):
                problems.append(f"{where}: nothing may import {target} ({name})")
            if own in ("store", "io", "reports") and target in ("services", "ui", "cli", "store", "io", "reports") and target != own:
                problems.append(f"{where}: {own} may not import {target} ({name})")
            if own == "services" and target in ("ui", "cli"):
                problems.append(f"{where}: services may not import {target}")
            if own in ("ui", "cli", "__main__") and target == "store":
                problems.append(f"{where}: {own} may not import store, only services ({name})")
    return problems


def test_layers_import_only_downward() -> None:
    assert violations() == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    fake = tmp_path / "desktop_crm"
    (fake / "store").mkdir(parents=True)
    (fake / "store" / "probe.py").write_text("from ..services import contacts\nimport PySide6\n")
    (fake / "services").mkdir()
    (fake / "services" / "fine.py").write_text("from ..store import db\n")
    (fake / "ui").mkdir()
    (fake / "ui" / "probe.py").write_text("from ..store.models import TIERS\nfrom ..domain import TIERS\n")
    (fake / "cli").mkdir()
    (fake / "cli" / "probe.py").write_text("from ..store import close_database\n")
    found = violations(fake)
    assert any("store may not import services" in v for v in found)
    assert any("only ui may import Qt" in v for v in found)
    assert any("ui may not import store" in v for v in found)
    assert any("cli may not import store" in v for v in found)
    assert not any("fine.py" in v or "domain" in v for v in found)


def test_lazy_packages_export_their_functions_not_their_submodules() -> None:
    import subprocess
    import sys

    code = (
        "import sys, types\n"
        "from desktop_crm.services import network\n"
        "from desktop_crm import reports\n"
        "assert 'networkx' not in sys.modules and 'reportlab' not in sys.modules\n"
        "network.WideAngleFilter\n"  # imports the wide_angle submodule first
        "assert callable(network.wide_angle) and not isinstance(network.wide_angle, types.ModuleType)\n"
        "assert callable(reports.render_prep_sheet)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _mutual_imports(root: Path) -> list[tuple[str, str]]:
    """Pairs of modules that import each other (at run time or for type checking)."""
    modules: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        parts = ["desktop_crm", *path.relative_to(root).with_suffix("").parts]
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {name: {n for n in imports_of(path, root) if n in modules and n != name
                    and not name.startswith(n + ".")}  # a package's own __init__
             for name, path in modules.items()}
    return sorted({tuple(sorted((a, b))) for a, targets in graph.items() for b in targets
                   if a in graph[b]})


def test_no_two_modules_import_each_other() -> None:
    """Not even inside a function: a module that must be imported late to dodge a cycle
    hides which of the two depends on the other (the network's graph and its guessed
    ties, the importer's writer and its snapshot, the store's errors and its server)."""
    assert _mutual_imports(PACKAGE) == []


def test_the_cycle_checker_sees_a_cycle(tmp_path: Path) -> None:
    fake = tmp_path / "desktop_crm"
    (fake / "ui").mkdir(parents=True)
    (fake / "ui" / "canvas.py").write_text("from .items import NodeItem\n")
    (fake / "ui" / "items.py").write_text("from typing import TYPE_CHECKING\n"
                                          "if TYPE_CHECKING:\n    from .canvas import Canvas\n")
    assert _mutual_imports(fake) == [("desktop_crm.ui.canvas", "desktop_crm.ui.items")]


def _may_call(package: Path) -> str:
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or ""
    return doc.partition("May call:")[2].split("\n\n")[0]


def test_each_services_package_says_what_it_owns_and_calls_only_what_it_says() -> None:
    """Each package's docstring has a "May call:" paragraph naming every other services
    package it imports ("the shared services modules" for errors, validation, ...)."""
    services = PACKAGE / "services"
    packages = [p for p in services.iterdir() if (p / "__init__.py").exists()]
    shared = {p.stem for p in services.glob("*.py") if p.stem != "__init__"}
    assert len(packages) >= 8
    problems = []
    for package in packages:
        allowed = _may_call(package)
        if not allowed:
            problems.append(f"{package.name}: no 'May call:' paragraph in its docstring")
            continue
        for path in package.rglob("*.py"):
            for name in imports_of(path):
                parts = name.split(".")
                if parts[:2] != ["desktop_crm", "services"] or len(parts) < 3:
                    continue
                other = parts[2]
                if other == package.name:
                    continue
                if other in shared and "shared services modules" in allowed:
                    continue
                if not re.search(rf"\b{other}\b", allowed):
                    problems.append(f"{path.relative_to(PACKAGE)} imports services.{other}")
    assert problems == []


def test_only_the_store_knows_which_engine_is_in_use() -> None:
    """SQLite or a PostgreSQL server: outside ``store/`` no module imports a driver or the
    store's engine modules, nor asks which engine it is (``on_server``)."""
    engine_modules = {"sqlite3", "psycopg", "psycopg2", "desktop_crm.store.server",
                      "desktop_crm.store.server_schema"}
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] == "store":
            continue
        imported = imports_of(path)
        bad = {name for name in imported
               if name.split(".")[0] in {"psycopg", "psycopg2"} or name in engine_modules}
        text = path.read_text(encoding="utf-8")
        if bad or "on_server" in text or "PostgresqlDatabase" in text:
            offenders.append(f"{path.relative_to(PACKAGE)}: {sorted(bad) or 'asks the engine'}")
    assert not offenders, offenders
