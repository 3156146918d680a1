"""The files an import leaves for the user: a readable report and the rows it could not take.

Both go to the app's data folder (``import-reports``, a folder per database: import
numbers count per database), never beside the source file (often the Downloads
folder, shared or synced), one pair per import:
``import-N-FILE.report.txt`` for import N, with its undo line, and
``import-N-FILE.not-imported.csv`` with the refused rows under the original
header plus ``row`` and ``reason`` columns, so they can be fixed and imported
again. A dry run writes ``dry-run-FILE.report.txt``: it can never overwrite a
real import's report. ``report_for(batch_id)`` finds an import's report for
``import --list``. The folder and the files are readable by their owner only.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ... import clock, paths
from ...atomic import atomic_path, write_atomic
from ...io.encodings import label as encoding_label
from ...io.parse import write_problems_csv
from ...store.database import open_target
from ...store.targets import shown
from .preview import ImportPreview

_SAFE = re.compile(r"[^\w.-]+")
_LISTED = ("not_importable", "review", "update", "warning")
_HEADINGS = {
    "not_importable": "Not imported (fix these rows in the .not-imported.csv file and import it again)",
    "review": "To review (possible duplicates, kept as separate people)",
    "update": "Updated",
    "warning": "Imported with a warning",
}


@dataclass
class ReportFiles:
    report: Path
    not_imported: Path | None

    def to_dict(self) -> dict[str, str | None]:
        return {"report": str(self.report),
                "not_imported": str(self.not_imported) if self.not_imported else None}


def reports_folder() -> Path:
    """The open database's folder in the data folder's ``import-reports`` (created,
    owner-only): import numbers count per database, so the demo's import 1 and your own
    file's (or a server's) never share a report."""
    base = paths.import_reports_dir()
    folder = base / _database_folder()
    folder.mkdir(parents=True, exist_ok=True)
    for made in (base, folder):
        try:
            made.chmod(0o700)
        except OSError:  # pragma: no cover - a folder we do not own
            pass
    return folder


def undo_command(batch_id: int) -> str:
    """The command that takes import ``batch_id`` back. It names the database unless it
    is the default one: a line copied from a report of the demo's, another file's or a
    server's import must undo that import, not the default database's of that number."""
    target = open_target()
    if isinstance(target, str):
        where = f"--db {_quoted(shown(target))} "
    elif target.resolve() == paths.default_db_path().resolve():
        where = ""
    elif target.resolve() == paths.demo_db_path().resolve():
        where = "--demo "
    else:
        where = f"--db {_quoted(str(target.resolve()))} "
    return f"desktop-crm {where}import --undo {batch_id}"


def _quoted(argument: str) -> str:
    """One argument as the user's shell reads it: Windows' double quotes, else POSIX."""
    return subprocess.list2cmdline([argument]) if os.name == "nt" else shlex.quote(argument)


def _database_folder() -> str:
    """``contacts-1a2b3c4d5e``: the database's name, and a digest of its full path (or
    of its server address without the password) that tells two of that name apart."""
    target = open_target()
    if isinstance(target, str):
        identity = shown(target)
        name = urlsplit(identity).path.strip("/") or "server"
    else:
        identity = str(target.resolve())
        name = target.stem
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:10]
    return f"{_SAFE.sub('_', name)[:40]}-{digest}"


def _stem(source: Path, batch_id: int | None) -> str:
    return f"import-{batch_id}-{source.name}" if batch_id is not None else f"dry-run-{source.name}"


def report_for(batch_id: int) -> Path | None:
    """The report of import ``batch_id``, if it was written."""
    return reports_by_batch().get(batch_id)


def reports_by_batch(sources: Mapping[int, str] | None = None) -> dict[int, Path]:
    """Import id -> its report, from one look at the open database's folder
    (``import --list``). Reports written before they went into a folder per database
    lie in ``import-reports`` itself: one of those is given for an import only when
    ``sources`` (id -> the file it imported) says it names the same file."""
    found: dict[int, Path] = {}
    for number, path in _numbered(reports_folder()):
        found.setdefault(number, path)
    for number, path in _numbered(paths.import_reports_dir()) if sources else ():
        if number not in found and number in sources \
                and _first_line(path) == f"Import of {sources[number]}":
            found[number] = path
    return found


def _numbered(folder: Path) -> Iterator[tuple[int, Path]]:
    """(import number, report) for each report in ``folder``, in name order."""
    for path in sorted(folder.glob("import-*-*.report.txt")) if folder.is_dir() else ():
        number = path.name.split("-", 2)[1]
        if number.isdigit():
            yield int(number), path


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        return ""


def write_report(preview: ImportPreview, batch_id: int | None = None,
                 folder: Path | None = None) -> ReportFiles:
    """Write the report (always) and the not-imported rows (when there are some)."""
    source = Path(preview.path)
    folder = folder or reports_folder()
    stem = _stem(source, batch_id)
    report = folder / f"{stem}.report.txt"
    not_imported = None
    if preview.problems:
        not_imported = folder / f"{stem}.not-imported.csv"
        # Whole or not at all, readable by the owner only (atomic.py's temporary files
        # are made 0600): a report holds the undo line and people's addresses.
        with atomic_path(not_imported) as tmp:
            write_problems_csv(preview.problems, preview.parsed.header, tmp)
    write_atomic(report, report_text(preview, batch_id, not_imported).encode("utf-8"))
    return ReportFiles(report, not_imported)


def report_text(preview: ImportPreview, batch_id: int | None, not_imported: Path | None) -> str:
    parsed = preview.parsed
    when = clock.local_now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"Import of {preview.path}",
        f"Date: {when}",
        f"Format: {parsed.format}; encoding {encoding_label(parsed.encoding)}; "
        f"{parsed.total_rows} data rows",
        f"Import id: {batch_id} (undo with: {undo_command(batch_id)})"
        if batch_id is not None else "Dry run: nothing was written.",
        f"Result: {preview.summary_line()}",
    ]
    if not_imported is not None:
        lines.append(f"Rows not imported were saved to: {not_imported}")
    entries = preview.entries(_LISTED)
    for action in _LISTED:
        chosen = [e for e in entries if e.action == action]
        if not chosen:
            continue
        lines += ["", _HEADINGS[action] + f": {len(chosen)}"]
        for entry in chosen:
            column = f" [{entry.column}]" if entry.column else ""
            name = f" {entry.name}:" if entry.name else ""
            lines.append(f"  row {entry.row}{column}{name} {entry.reason}")
    return "\n".join(lines) + "\n"
