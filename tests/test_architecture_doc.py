"""docs/ARCHITECTURE.md stays true: what it names exists, and it names every package."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "ARCHITECTURE.md"
PATH = re.compile(r"^(desktop_crm|tests|benchmarks|docs|resources|packaging)/[\w./-]*$")
NAME = re.compile(r"^[A-Z][A-Za-z_]+$")  # a constant or a class the same item names a file for


def _backticked(text: str) -> list[str]:
    return re.findall(r"`([^`\n]+)`", text)


def _items(text: str) -> list[str]:
    """The list items and numbered steps, each with its continuation lines."""
    items: list[str] = []
    for line in text.splitlines():
        if re.match(r"^(- |\d+\. )", line):
            items.append(line)
        elif items and line.startswith("  ") and line.strip():
            items[-1] += "\n" + line
        elif not line.strip():
            items.append("")
    return [item for item in items if item]


def test_every_path_it_names_exists() -> None:
    named = [token for token in _backticked(DOC.read_text(encoding="utf-8")) if PATH.match(token)]
    assert len(named) > 40  # the checker sees the paths at all
    missing = [token for token in named if not (ROOT / token).exists()]
    assert missing == [], f"docs/ARCHITECTURE.md names what is not there: {missing}"


def test_it_names_every_package_and_services_package() -> None:
    text = DOC.read_text(encoding="utf-8")
    packages = [p for p in (ROOT / "desktop_crm").iterdir()
                if (p / "__init__.py").exists() and p.name not in ("tools",)]
    packages += [p for p in (ROOT / "desktop_crm" / "services").iterdir()
                 if (p / "__init__.py").exists()]
    unnamed = [str(p.relative_to(ROOT)) + "/" for p in packages
               if f"`{p.relative_to(ROOT)}/`" not in text]
    assert unnamed == [], f"docs/ARCHITECTURE.md should say what these hold: {unnamed}"


def test_names_beside_a_file_are_in_that_file() -> None:
    """``VIEWS`` in `desktop_crm/ui/registry.py`: a constant or class an item names is
    defined or used in one of the files (or folders) that item names."""
    wrong = []
    for item in _items(DOC.read_text(encoding="utf-8")):
        tokens = _backticked(item)
        places = [ROOT / t for t in tokens if PATH.match(t) and (ROOT / t).exists()]
        files = [f for p in places for f in ([p] if p.is_file() else p.rglob("*.py"))]
        sources = "\n".join(f.read_text(encoding="utf-8") for f in files if f.suffix == ".py")
        for token in tokens:
            if NAME.match(token) and files and not re.search(rf"\b{token}\b", sources):
                wrong.append(f"{token} (with {[str(p.relative_to(ROOT)) for p in places]})")
    assert wrong == [], f"docs/ARCHITECTURE.md places names where they are not: {wrong}"
