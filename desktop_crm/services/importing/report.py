"""The files an import leaves for the user: a readable report and the rows it could not take.

``FILE.import-report.txt`` lists the counts and, row by row, what was not
imported, what is to review, what changed and the warnings.
``FILE.not-imported.csv`` holds the refused rows under the original header
with ``row`` and ``reason`` columns, so they can be fixed and imported again.
Both go beside the file, or into the app's data folder when that folder
cannot be written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ... import clock, paths
from ...io.parse import write_problems_csv
from .preview import ImportPreview

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


def report_folder(source: Path) -> Path:
    """Beside the file if that folder is writable, else the data folder's import-reports."""
    folder = source.resolve().parent
    if os.access(folder, os.W_OK):
        return folder
    fallback = paths.data_dir() / "import-reports"
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def write_report(preview: ImportPreview, batch_id: int | None = None,
                 folder: Path | None = None) -> ReportFiles:
    """Write the report (always) and the not-imported rows (when there are some)."""
    source = Path(preview.path)
    folder = folder or report_folder(source)
    report = folder / f"{source.name}.import-report.txt"
    not_imported = None
    if preview.problems:
        not_imported = folder / f"{source.name}.not-imported.csv"
        write_problems_csv(preview.problems, preview.parsed.header, not_imported)
    report.write_text(report_text(preview, batch_id, not_imported), encoding="utf-8")
    return ReportFiles(report, not_imported)


def report_text(preview: ImportPreview, batch_id: int | None, not_imported: Path | None) -> str:
    parsed = preview.parsed
    when = clock.local_now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"Import of {preview.path}",
        f"Date: {when}",
        f"Format: {parsed.format}; encoding {parsed.encoding}; {parsed.total_rows} data rows",
        f"Import id: {batch_id} (undo with: desktop-crm import --undo {batch_id})"
        if batch_id is not None else "Dry run: nothing was written.",
        f"Result: {preview.summary_line()}",
    ]
    if not_imported is not None:
        lines.append(f"Rows not imported were saved to: {not_imported}")
    entries = preview.entries()
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
