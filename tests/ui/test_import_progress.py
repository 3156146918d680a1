"""The import dialog's progress page moves through every stage of a real import,
reading and matching included, while the window keeps answering."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer
from services.importing.importing_samples import generic_file, linkedin_file

from desktop_crm.services.contacts import count_contacts, create_contact
from desktop_crm.ui.context import AppContext
from desktop_crm.ui.importer import pages
from desktop_crm.ui.importer.dialog import ImportDialog
from desktop_crm.ui.importer.worker import ImportWorker

TIMEOUT = 120_000
ROWS = 20_000


def _rows(count: int) -> list[list[str]]:
    return [[f"First{i % 97}", f"Last{i}", f"https://www.linkedin.com/in/p-{i}",
             f"p{i}@mail{i % 7}.example" if i % 10 == 0 else "", f"Company {i % 300}",
             "Engineer", "30 May 2024"] for i in range(count)]


def test_the_progress_bar_moves_through_reading_matching_and_writing(
        qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    path = linkedin_file(tmp_path / "Connections.csv", _rows(ROWS))
    dialog = ImportDialog(AppContext(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._poll.setInterval(5)  # look often: every stage of this small file is brief
    page = dialog.progress_page
    shown: list[tuple[str, int, int, str]] = []  # stage, bar value, bar maximum, label
    advance = page.advance

    def watch(stage: str, done: int, total: int) -> None:
        advance(stage, done, total)
        shown.append((stage, page.bar.value(), page.bar.maximum(), page.stage.text()))

    page.advance = watch  # what the dialog's timer makes the page show
    # Every report the worker thread makes, whatever the timer happens to catch:
    # a loaded machine may poll past a brief stage, the order must hold anyway.
    reported: list[tuple[str, int, int]] = []
    worker_progress = ImportWorker._progress

    def record(self, stage: str, done: int, total: int) -> None:
        reported.append((stage, done, total))
        worker_progress(self, stage, done, total)

    monkeypatch.setattr(ImportWorker, "_progress", record)
    ticks: list[float] = []
    clock = QTimer()
    clock.timeout.connect(lambda: ticks.append(time.perf_counter()))
    clock.start(10)

    dialog.open_file(path)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.preview_page
                    and not dialog.busy(), timeout=TIMEOUT)
    previewed = len(reported)
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=TIMEOUT)
    clock.stop()
    assert count_contacts() == ROWS

    def stages(part: list[tuple]) -> list[str]:
        return list(dict.fromkeys(stage for stage, *_ in part))

    assert stages(reported[:previewed])[:2] == ["reading", "matching"]
    importing = stages(reported[previewed:])
    assert importing.index("matching") < importing.index("writing") < importing.index("indexing")
    for stage in ("reading", "matching", "writing"):
        counts = {done for name, done, _ in reported if name == stage}
        assert len(counts) >= 2, f"no progress reported while {stage}: {sorted(counts)}"
        assert any(total > 0 for name, _, total in reported if name == stage)
    # What the window showed: the bar moved, under the words of each stage.
    assert len({value for _, value, _, _ in shown}) >= 2
    for stage, words in (("reading", "Reading the file…"), ("writing", "Writing contacts…")):
        advance(stage, 1, 2)
        assert page.stage.text() == words
    # The window answered its timer all along (the work runs in a worker thread).
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert ticks and max(gaps) < 2.0, f"the window stood still for {max(gaps):.2f} s"


def test_thousands_of_possible_duplicates_show_the_first_and_keep_the_rest_separate(
        qtbot, db_path: Path, tmp_path: Path, monkeypatch) -> None:
    """A widget per pair would freeze the window for seconds; the rest stay separate."""
    monkeypatch.setattr(pages, "MAX_REVIEWS", 2)
    for name in ("John Smith", "Anna Garcia", "Peter Brown"):
        first, last = name.split()
        create_contact({"first_name": first, "last_name": last, "organization": "Acme"})
    path = generic_file(tmp_path / "p.csv", ["First name", "Last name", "Company"], [
        ["Jon", "Smith", "Acme"], ["Ana", "Garcia", "Acme"], ["Petra", "Brown", "Acme"]])
    dialog = ImportDialog(AppContext(db_path), path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy(), timeout=TIMEOUT)
    assert len(dialog.preview.review_items) == 3
    review = dialog.review_page
    assert review.table.rowCount() == 2
    assert review.more.text().startswith("… and 1 more pairs, kept separate")
    review.set_decision(0, merge=True)
    assert list(review.decisions().values()) == [review._targets[0][1]]
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=TIMEOUT)
    assert (dialog.result.counts["updated"], dialog.result.counts["review"]) == (1, 2)
    assert count_contacts() == 5
