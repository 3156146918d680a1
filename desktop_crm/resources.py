"""Find files under ``resources/`` from a source checkout and inside a frozen bundle.

A PyInstaller bundle unpacks data beside the executable (``sys._MEIPASS``);
a checkout or an editable install keeps ``resources/`` at the repository top.
A wheel install ships them inside the package as ``desktop_crm/_resources``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder that holds icons, fonts, the question bank and templates."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / "resources")
    package_dir = Path(__file__).resolve().parent
    candidates.append(package_dir / "_resources")
    candidates.append(package_dir.parent / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "Desktop CRM cannot find its resources folder; looked in: "
        + ", ".join(str(c) for c in candidates)
    )


def resource_path(*parts: str) -> Path:
    """Path of one resource file, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)
