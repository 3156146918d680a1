"""The licences of the app and of everything a bundle ships, for the About dialog.

From a source checkout or a pip install the list is read from the installed
packages' metadata (the app's requirements, followed to the end). A bundle
carries no package metadata, so the build writes the same list to
``licences.json`` (``python -m desktop_crm.licences OUTDIR``), which the
bundle reads. Qt, Python and the DejaVu fonts are not Python requirements
and are added by hand, with the notices their licences ask for.
"""

from __future__ import annotations

import json
import re
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from . import appinfo
from .resources import resource_path, resources_dir

BUNDLE_FILE = "licences.json"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")

QT_NOTICE = (
    "This program uses the Qt toolkit (version {version}) through PySide6, under the GNU "
    "Lesser General Public License version 3 (LGPL-3.0). Qt is linked dynamically: the Qt "
    "libraries in the application folder may be replaced with your own build of the same "
    "version. Qt's source code is available from https://download.qt.io/official_releases/qt/ "
    "and PySide6's from https://code.qt.io/cgit/pyside/pyside-setup.git/ ; you may also ask "
    "us for a copy. The LGPL-3.0 and the GPL-3.0 it builds on follow."
)


@dataclass
class Component:
    """One part of the app with its licence, and the licence texts to show."""

    name: str
    version: str
    licence: str
    url: str = ""
    notice: str = ""
    texts: list[tuple[str, str]] = field(default_factory=list)


def _licence_of(meta: metadata.PackageMetadata) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression
    short = (meta.get("License") or "").strip().splitlines()
    if short and len(short[0]) < 80:
        return short[0]
    classifiers = [c.rsplit("::", 1)[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return ", ".join(classifiers) or "see its licence file"


def _licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    texts = []
    names = dist.metadata.get_all("License-File") or []
    files = {str(f): f for f in dist.files or []}
    for name in names:
        found = next((f for key, f in files.items()
                      if key.endswith(f"/licenses/{name}") or key.endswith(f"/{name}")
                      and ".dist-info/" in key), None)
        if found is None:
            continue
        try:
            texts.append((name, found.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return texts


def _requirement_closure(root: str) -> list[metadata.Distribution]:
    """The installed distributions ``root`` needs (extras left out but ``encryption``,
    which the bundle ships), in name order."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        for requirement in dist.requires or []:
            if "extra ==" in requirement and "extra == \"encryption\"" not in requirement:
                continue
            match = _NAME.match(requirement)
            if match:
                todo.append(match.group(1))
    seen.pop("desktop-crm", None)
    return sorted(seen.values(), key=lambda d: d.metadata["Name"].lower())


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _project_licence() -> str:
    for candidate in (resources_dir().parent / "LICENSE", resource_path("licences", "LICENSE")):
        if candidate.is_file():
            return _read(candidate)
    return f"{appinfo.NAME} is free software under the {appinfo.LICENSE} licence."


def _fixed_components(qt_version: str) -> list[Component]:
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    return [
        Component(appinfo.NAME, appinfo.VERSION, appinfo.LICENSE,
                  texts=[("LICENSE", _project_licence())]),
        Component("Qt", qt_version, "LGPL-3.0-only", "https://www.qt.io/",
                  notice=QT_NOTICE.format(version=qt_version),
                  texts=[("LGPL-3.0", _read(resource_path("licences", "LGPL-3.0.txt"))),
                         ("GPL-3.0", _read(resource_path("licences", "GPL-3.0.txt")))]),
        Component("Python", sys.version.split()[0], "PSF-2.0", "https://www.python.org/",
                  texts=[("LICENSE", _read(python_licence))] if python_licence.is_file() else []),
        Component("DejaVu fonts", "2.37", "Bitstream Vera / Public Domain",
                  "https://dejavu-fonts.github.io/",
                  texts=[("LICENSE", _read(resource_path("fonts", "LICENSE-DejaVu.txt")))]),
    ]


def collect_components(leave_out: Iterable[str] = ()) -> list[Component]:
    """The app, Qt, Python, the fonts, then every installed requirement
    (but those in ``leave_out``, which a bundle does not ship)."""
    packages = []
    qt_version = ""
    skip = {name.lower() for name in leave_out}
    for dist in _requirement_closure("desktop-crm"):
        meta = dist.metadata
        if meta["Name"].lower() in skip:
            continue
        if meta["Name"].lower().startswith("pyside6"):
            qt_version = dist.version
        url = meta.get("Home-page") or next(
            (u.split(",", 1)[-1].strip() for u in meta.get_all("Project-URL") or []), "")
        packages.append(Component(meta["Name"], dist.version, _licence_of(meta), url,
                                  texts=_licence_texts(dist)))
    return [*_fixed_components(qt_version or "6"), *packages]


def bundled_file() -> Path | None:
    """The list a bundle carries, if this is a bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen and (Path(frozen) / BUNDLE_FILE).is_file():
        return Path(frozen) / BUNDLE_FILE
    return None


def components() -> list[Component]:
    """What the About dialog shows: the build's list in a bundle, else from metadata."""
    path = bundled_file()
    if path is not None:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Component(**{**item, "texts": [tuple(t) for t in item["texts"]]}) for item in data]
    return collect_components()


def notices_text(items: list[Component]) -> str:
    """Everything as one plain text file (THIRD-PARTY-NOTICES.txt in the packages)."""
    parts = []
    for item in items:
        head = f"{item.name} {item.version} — {item.licence}"
        parts.append("=" * len(head) + f"\n{head}\n" + "=" * len(head))
        if item.url:
            parts.append(item.url)
        if item.notice:
            parts.append(item.notice)
        for name, text in item.texts:
            parts.append(f"--- {name} ---\n{text.strip()}")
        parts.append("")
    return "\n\n".join(parts)


def write_bundle_files(folder: Path, leave_out: Iterable[str] = ()) -> list[Path]:
    """Write ``licences.json`` and ``THIRD-PARTY-NOTICES.txt`` into ``folder`` (build time)."""
    folder.mkdir(parents=True, exist_ok=True)
    items = collect_components(leave_out)
    json_path = folder / BUNDLE_FILE
    json_path.write_text(json.dumps([asdict(i) for i in items], indent=1), encoding="utf-8")
    text_path = folder / "THIRD-PARTY-NOTICES.txt"
    text_path.write_text(notices_text(items), encoding="utf-8")
    return [json_path, text_path]


if __name__ == "__main__":
    for written in write_bundle_files(Path(sys.argv[1] if len(sys.argv) > 1 else "build/licences")):
        print(written)
