"""ImportDialog: from a file to people in the database, with a preview and undo.

Pages: choose a file (skipped when one is given, as on a double-click), the
preview (detected format, column mapping with samples, counts, details),
the near-duplicates to review (only when there are some), progress with
Cancel, and the result with Undo. Reading, previewing and importing run in a
worker thread (:mod:`.worker`); a cancelled import writes nothing.

A big file (one the service reads as a stream) is never read whole: its
preview shows the start at once and fills the counts in as a worker reads on
(:mod:`.counting`), and the import streams it in batches with the choices made.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...services import importing
from ...services.errors import ServiceError
from ..context import AppContext
from ..plain_text import as_typed
from .counting import Counting
from .pages import ChoosePage, PreviewPage, ProgressPage, ResultPage, ReviewPage
from .worker import ImportWorker

FILE_FILTER = "Contacts files (*.csv *.tsv *.txt *.vcf *.vcard *.zip);;All files (*)"


def _ties_line(result: importing.ImportResult) -> str:
    made, choice = result.ties.made, result.tie_choice
    people = "person" if made == 1 else "people"
    if choice.mode == "none":
        return "No ties recorded."
    if choice.mode == "of":
        return f"{made} {people} recorded as known to {choice.of_name}: your second degree, through them."
    return f"{made} {people} recorded as people you know: they are on your network map."


class ImportDialog(QDialog):
    """The import wizard. ``path`` given: start at its preview."""

    preview_ready = Signal()
    head_shown = Signal()  # a big file's start is on show; its counts are coming
    import_done = Signal()

    def __init__(self, context: AppContext, path: str | Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.format = "auto"
        self.encoding: str | None = None
        self.mapping: dict[str, str] = {}
        self.preview: importing.ImportPreview | None = None
        self.result: importing.ImportResult | None = None
        self.error = ""
        # A big file's preview: its count, and whether its start is on show.
        self.streamed = False
        self._counting: Counting | None = None
        self._head_shown = False
        self._worker: ImportWorker | None = None
        self._on_success: Any = None
        self._back_to: QWidget | None = None
        # The worker's progress is polled (see worker.py for why it emits nothing).
        self._poll = QTimer(self)
        self._poll.setInterval(80)
        self._poll.timeout.connect(self._show_progress)
        self.setWindowTitle("Import contacts")
        self.resize(900, 640)
        self._build()
        if path is not None:
            self.open_file(Path(path))

    # -- building -----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.stack = QStackedWidget()
        self.choose_page = ChoosePage()
        self.preview_page = PreviewPage()
        self.review_page = ReviewPage()
        self.progress_page = ProgressPage()
        self.result_page = ResultPage()
        for page in (self.choose_page, self.preview_page, self.review_page, self.progress_page,
                     self.result_page):
            self.stack.addWidget(page)
        layout.addWidget(self.stack)
        self.buttons = QDialogButtonBox()
        self.back_button = QPushButton("Back")
        self.next_button = QPushButton("Import")
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)
        self.choose_page.choose_clicked.connect(self.choose_file)
        self.preview_page.mapping_changed.connect(self._mapping_changed)
        self.preview_page.format_changed.connect(self._format_changed)
        self.preview_page.encoding_changed.connect(self._encoding_changed)
        self.result_page.undo_clicked.connect(self.undo)
        self.result_page.network_clicked.connect(self._show_network)
        self.preview_page.ties.changed.connect(self._ties_changed)
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.cancel_button.clicked.connect(self._cancel)
        self._show(self.choose_page)

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        on_preview, on_review = page is self.preview_page, page is self.review_page
        has_review = bool(self.preview and self.preview.review_items)
        self.back_button.setVisible(on_review or on_preview)
        self.next_button.setVisible(on_preview or on_review or page is self.result_page)
        self.next_button.setText(
            "Close" if page is self.result_page
            else "Review duplicates…" if on_preview and has_review else "Import")
        self.next_button.setEnabled(page is self.result_page or self.preview is not None
                                    or (on_preview and self._head_shown))
        self.cancel_button.setVisible(page is not self.result_page)

    # -- files and previews -------------------------------------------------------------
    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import contacts", str(Path.home()), FILE_FILTER)
        if chosen:
            self.open_file(Path(chosen))

    def open_file(self, path: Path) -> None:
        """Read ``path`` and show its preview (the format and mapping start as guessed)."""
        self.path, self.format, self.mapping, self.encoding = path, "auto", {}, None
        self._start_preview(f"Reading {path.name}…")

    def _mapping_changed(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping
        self._start_preview("Reading the file again with your columns…")

    def _encoding_changed(self, encoding: str) -> None:
        if self.preview is not None and encoding != self.preview.parsed.encoding:
            self.encoding = encoding
            self._start_preview("Reading the file again in the encoding you chose…")

    def _format_changed(self, fmt: str) -> None:
        self.format, self.mapping = fmt, {}
        self._start_preview("Reading the file again…")

    def _start_preview(self, stage: str) -> None:
        assert self.path is not None
        self._stop_worker()
        path, fmt, mapping, encoding = self.path, self.format, dict(self.mapping), self.encoding
        self.preview, self.streamed, self._counting, self._head_shown = None, False, None, False
        self.progress_page.start("Preparing the preview", stage)
        self._show(self.progress_page)
        if importing.streams(path, encoding):
            self._start_count(stage)
            return

        def job(progress: Any, check_cancel: Any) -> importing.ImportPreview:
            preview = importing.preview_import(path, fmt, mapping or None, encoding=encoding,
                                               progress=progress, check_cancel=check_cancel)
            preview.entries()  # built here, not in the window's thread (it is kept)
            return preview

        self._run(job, self._preview_ready, back_to=self.choose_page)

    def _start_count(self, stage: str) -> None:
        """A big file: its start shown once read, its counts as the worker reads on."""
        assert self.path is not None
        try:
            batch = importing.batch_options(*self.preview_page.batch())
            ties = self.preview_page.ties.choice()
        except ServiceError:  # counted with the defaults; the import checks the choices
            batch, ties = importing.BatchOptions(), importing.TieChoice()
        counting = Counting(self.path, self.format, dict(self.mapping), self.encoding,
                            batch, ties)
        self._counting = counting
        self._run(counting.job, self._preview_ready, back_to=self.choose_page)

    def _show_head(self, counting: Counting) -> None:
        head = counting.head
        assert head is not None
        self.streamed = self._head_shown = True
        self.preview_page.show_head(head.path, head.parsed, head.rows, self.format)
        self._show(self.preview_page)
        self.head_shown.emit()

    def _preview_ready(self, preview: importing.ImportPreview) -> None:
        self.preview = preview
        self.streamed = self._head_shown
        self.preview_page.show_preview(preview, self.format, streamed=self.streamed)
        self.review_page.show_review(preview, streamed=self.streamed)
        self._show(self.preview_page)
        self.preview_ready.emit()

    # -- importing ----------------------------------------------------------------------
    def _next(self) -> None:
        page = self.stack.currentWidget()
        if page is self.result_page:
            self.accept()
        elif page is self.preview_page and self.preview and self.preview.review_items:
            self._show(self.review_page)
        else:
            self.start_import()

    def _back(self) -> None:
        if self.stack.currentWidget() is self.review_page:
            self._show(self.preview_page)
        else:
            self._stop_worker()
            self.preview, self.streamed, self._counting, self._head_shown = None, False, None, False
            self._show(self.choose_page)

    def _ties_changed(self) -> None:
        if self.stack.currentWidget() is self.preview_page:
            self.next_button.setEnabled((self.preview is not None or self._head_shown)
                                        and self.preview_page.ties.is_complete())

    def _show_network(self) -> None:
        self.context.view_requested.emit("network")
        self.accept()

    def start_import(self) -> None:
        assert (self.preview is not None or self.streamed) and self.path is not None
        path = self.path
        tag, tier = self.preview_page.batch()
        try:
            batch = importing.batch_options(tag, tier)
            ties = self.preview_page.ties.choice()
        except ServiceError as exc:
            QMessageBox.warning(self, "Import contacts", as_typed(str(exc)))
            return
        if self.streamed:
            self._start_stream_import(path, batch, ties)
            return
        assert self.preview is not None
        parsed = self.preview.parsed
        decisions = self.review_page.decisions()
        self.progress_page.start("Importing", "Matching people with your contacts…")
        self._show(self.progress_page)

        def job(progress: Any, check_cancel: Any) -> tuple[Any, Any]:
            result = importing.import_parsed(parsed, path, decisions, progress, check_cancel,
                                             batch=batch, ties=ties)
            try:
                files = importing.write_report(result.preview, result.batch_id)
            except OSError:
                files = None  # the import stands; only the report could not be written
            return result, files

        self._run(job, self._import_finished, back_to=self.preview_page)

    def _start_stream_import(self, path: Path, batch: importing.BatchOptions,
                             ties: importing.TieChoice) -> None:
        """A big file imported as the command line does: read again, in batches, with the
        mapping and choices made here (a count still running is stopped first)."""
        self._stop_worker()
        fmt, mapping, encoding = self.format, dict(self.mapping), self.encoding
        self.progress_page.start("Importing", "Reading the file…")
        self._show(self.progress_page)

        def job(progress: Any, check_cancel: Any) -> tuple[Any, Any]:
            stream = importing.open_file(path, fmt, mapping or None, encoding=encoding,
                                         progress=progress)
            result = importing.import_stream(stream, path, progress, check_cancel,
                                             batch=batch, ties=ties)
            try:
                files = importing.write_report(result.preview, result.batch_id)
            except OSError:
                files = None  # the import stands; only the report could not be written
            return result, files

        self._run(job, self._import_finished, back_to=self.preview_page)

    def _import_finished(self, outcome: tuple[importing.ImportResult, Any]) -> None:
        result, files = outcome
        self.result = result
        report = files.report if files else Path("(the report could not be written)")
        self.result_page.show_result(result.counts, result.batch_id, report,
                                     files.not_imported if files else None, _ties_line(result))
        self.result_page.network_button.setVisible(result.ties.made > 0)
        self._show(self.result_page)
        self.context.data_changed.emit()
        self.context.status_message.emit(f"Imported {self.path.name}: {result.preview.summary_line()}")
        self.import_done.emit()

    def undo(self) -> None:
        if self.result is None:
            return
        batch = self.result.batch_id
        try:
            report = importing.undo_import(batch)
        except ServiceError as exc:
            answer = QMessageBox.question(self, "Undo import", as_typed(f"{exc}\n\nUndo anyway?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
            report = importing.undo_import(batch, force=True)
        self.result_page.network_button.hide()
        text = (f"Removed {report.get('contact')} new contact(s) and restored "
                f"{report.get('contact restored')} changed contact(s).")
        if report.kept:
            shown = "\n".join(f"• {line}" for line in report.kept[:20])
            more = f"\n… and {len(report.kept) - 20} more" if len(report.kept) > 20 else ""
            text += f" Kept what changed since the import:\n{shown}{more}"
        else:
            text += " The database is as it was."
        self.result_page.show_undone(text)
        self.context.data_changed.emit()
        self.context.status_message.emit(f"Undid import {batch}")

    # -- the worker ---------------------------------------------------------------------
    def _run(self, job: Any, on_success: Any, back_to: QWidget) -> None:
        worker = ImportWorker(job, self)
        self._on_success, self._back_to = on_success, back_to
        worker.finished.connect(self._worker_finished)
        self._worker = worker
        self.cancel_button.setEnabled(True)
        worker.start()
        self._poll.start()

    def _stop_worker(self) -> None:
        """Cancel a job still running (a big file's count) and wait for it to roll back;
        its end is not reported."""
        worker = self._worker
        if worker is None:
            return
        self._poll.stop()
        worker.finished.disconnect(self._worker_finished)
        if worker.isRunning():
            worker.cancel()
            worker.wait()
        self._worker = None

    def _show_progress(self) -> None:
        worker, counting = self._worker, self._counting
        if worker is None:
            return
        if counting is not None and counting.head is not None and worker.isRunning():
            if not self._head_shown:
                self._show_head(counting)
            if not worker.cancelled:
                self.preview_page.show_counting(counting.fraction(), counting.counts)
            return
        if worker.stage:
            self.progress_page.advance(worker.stage, worker.done, worker.total)

    def _worker_finished(self) -> None:
        self._poll.stop()
        worker = self._worker
        assert worker is not None
        if self._head_shown and self.preview is None and (worker.error or worker.cancelled):
            self._count_stopped(worker)
        elif worker.error:
            self._failed(worker.error, worker.was_cancelled, self._back_to)
        else:
            self._worker_succeeded()

    def _worker_succeeded(self) -> None:
        worker = self._worker
        assert worker is not None
        # A read-only preview finishes even when cancelled: drop it. An import that
        # finished has been written, so it is shown (and can be undone).
        if worker.cancelled and self._on_success != self._import_finished:
            self._failed("cancelled", True, self._back_to)
        else:
            self._on_success(worker.result)

    def _count_stopped(self, worker: Any) -> None:
        """A big file's count ended early: its start stays on show, and it can be imported."""
        self.preview_page.counts.show_pending()
        why = ("Counting stopped." if worker.cancelled or worker.was_cancelled
               else f"The count could not finish: {worker.error}.")
        self.preview_page.show_counting(None, text=(
            f"{why} Import reads the whole file in parts; people who may be the same as "
            "someone here are kept separate and listed in the import's report."))
        self.cancel_button.setEnabled(True)
        self._show(self.preview_page)

    def _failed(self, message: str, cancelled: bool, back_to: QWidget) -> None:
        self.error = message
        if back_to is self.choose_page and self.preview is None:
            self.choose_page.error.setText("" if cancelled else message)
            self._show(self.choose_page)
            return
        self._show(self.preview_page if self.preview is not None else self.choose_page)
        if cancelled:
            self.context.status_message.emit("Import cancelled; nothing was written.")
        else:
            QMessageBox.warning(self, "Import", as_typed(message))

    def busy(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

    def _cancel(self) -> None:
        if self.busy():
            assert self._worker is not None
            self._worker.cancel()
            self.progress_page.stage.setText("Cancelling…")
            if self.stack.currentWidget() is self.preview_page:
                self.preview_page.show_counting(None, text="Stopping the count…")
            self.cancel_button.setEnabled(False)
            return
        self.reject()

    def done(self, code: int) -> None:  # noqa: D401 (Qt's name)
        """Closing while working cancels the job and waits for it (it rolls back)."""
        if self.busy():
            assert self._worker is not None
            self._worker.cancel()
            self._worker.wait()
        super().done(code)
