"""The import dialog with a big file, measured by hand: does the window keep answering,
and does the progress bar move through every stage?

Opens the real ImportDialog (offscreen unless QT_QPA_PLATFORM says otherwise) on a
generated LinkedIn export (100,000 rows by default), lets it read and preview the
file, then imports it. Printed: when each stage was first shown, how far the bar
went in it and how many different positions it showed, the time of the preview
and of the import, and the longest time the window did not answer a 10 ms timer
(the event loop's worst stall), with the load average.

Usage: python benchmarks/bench_import_window.py [ROWS]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import generate  # noqa: E402

from desktop_crm.services.database.setup import ensure_defaults  # noqa: E402
from desktop_crm.store import close_database, open_store  # noqa: E402
from desktop_crm.ui.context import AppContext  # noqa: E402
from desktop_crm.ui.importer.dialog import ImportDialog  # noqa: E402


def _wait(app: QApplication, done, limit: float = 900.0) -> None:
    end = time.perf_counter() + limit
    while not done():
        if time.perf_counter() > end:
            raise SystemExit("gave up waiting")
        app.processEvents()
        time.sleep(0.002)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["DESKTOP_CRM_HOME"] = str(folder / "home")
        file = folder / "Connections.csv"
        generate(file, rows)
        db = folder / "app.sqlite3"
        open_store(db)
        ensure_defaults()
        dialog = ImportDialog(AppContext(db))
        dialog.show()
        page = dialog.progress_page
        shown: list[tuple[float, str, int, int]] = []
        advance = page.advance

        def watch(stage: str, done: int, total: int) -> None:
            advance(stage, done, total)
            shown.append((time.perf_counter(), stage, page.bar.value(), page.bar.maximum()))

        page.advance = watch
        ticks: list[float] = []
        clock = QTimer()
        clock.timeout.connect(lambda: ticks.append(time.perf_counter()))
        clock.start(10)
        print(f"{rows:,} rows, {file.stat().st_size / 1e6:.1f} MB; load average "
              + " ".join(f"{x:.2f}" for x in os.getloadavg()))
        start = time.perf_counter()
        dialog.open_file(file)
        _wait(app, lambda: dialog.preview is not None and not dialog.busy())
        previewed = time.perf_counter()
        dialog.start_import()
        _wait(app, lambda: dialog.result is not None)
        imported = time.perf_counter()
        for _ in range(20):
            app.processEvents()
        clock.stop()
        print(f"preview {previewed - start:.1f} s ({dialog.preview.summary_line()}); "
              f"import {imported - previewed:.1f} s")
        stages: dict[str, list[tuple[float, int, int]]] = {}
        for at, stage, value, maximum in shown:
            job = "preview" if at <= previewed else "import"
            stages.setdefault(f"{job}: {stage}", []).append((at, value, maximum))
        for stage, seen in stages.items():
            values = {v for _, v, _ in seen}
            print(f"  {stage:24} from {seen[0][0] - start:6.1f} s  bar up to "
                  f"{max(values):,} of {seen[-1][2]:,}  ({len(values)} positions)")
        gaps = sorted(((b - a, a - start) for a, b in zip(ticks, ticks[1:], strict=False)),
                      reverse=True)
        print("longest stalls of the window: "
              + ", ".join(f"{gap * 1000:.0f} ms at {at:.1f} s" for gap, at in gaps[:3]))
        print("load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
        dialog.close()
        close_database()


if __name__ == "__main__":
    main()
