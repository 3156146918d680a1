"""Run a long service call off the UI thread, with a progress dialog, and wait for it.

Bulk actions over a large selection (tens of thousands of rows) take seconds;
running them in a thread keeps the window painting. The worker thread gets
its own SQLite connection (peewee keeps one per thread; WAL lets the UI keep
reading) and closes it when done. Small jobs run inline: a dialog that
flashes for 20 ms is worse than none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...services.database.opening import release_thread_connection

INLINE_BELOW = 5_000  # rows; below this a job runs on the UI thread


class _Job(QThread):
    done = Signal()

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.fn()
        except BaseException as exc:  # handed back to the UI thread and re-raised there
            self.error = exc
        finally:
            release_thread_connection()  # this thread's connection only
            self.done.emit()


def run_with_progress(parent: QWidget | None, label: str, size: int, fn: Callable[[], Any]) -> Any:
    """``fn()``'s result; errors are re-raised here. Shows a busy dialog for big jobs."""
    if size < INLINE_BELOW:
        return fn()
    job = _Job(fn)
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle("Working")
    dialog.setCancelButton(None)  # the change runs in one transaction: all or nothing
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    QTimer.singleShot(300, lambda: dialog.show() if job.isRunning() else None)
    try:
        return _wait_for(job)
    finally:
        dialog.close()
        dialog.deleteLater()


def run_off_ui_thread(fn: Callable[[], Any]) -> Any:
    """``fn()``'s result (errors re-raised here), computed in a thread while the window
    keeps painting and answering: for a call that may wait on the network (a server
    that does not answer takes its whole connect timeout). The caller shows what is
    going on and disables what must not be pressed twice."""
    return _wait_for(_Job(fn))


class Cancelled(Exception):
    """The user stopped waiting (:func:`wait_or_cancel`)."""


# Jobs the user stopped waiting for, kept until their thread ends (a QThread destroyed
# while it runs takes the app down with it).
_ABANDONED: list[_Job] = []


def wait_or_cancel(fn: Callable[[], Any], label: str, cancel: str,
                   parent: QWidget | None = None, title: str = "Desktop CRM") -> Any:
    """``fn()``'s result, computed in a thread behind a busy dialog whose ``cancel``
    button stops the wait (:class:`Cancelled` is raised): for a call on the network
    that may take its whole timeout before any window is there to keep painting. A
    cancelled call runs on to its end in the background and its result is dropped."""
    job = _Job(fn)
    dialog = QProgressDialog(label, cancel, 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()
    job.done.connect(loop.quit)
    dialog.canceled.connect(loop.quit)
    job.start()
    try:
        if job.isRunning():
            dialog.show()
            loop.exec()
        if not job.isFinished() and dialog.wasCanceled():
            _abandon(job)
            raise Cancelled(label)
        job.wait()
    finally:
        dialog.close()
        dialog.deleteLater()
    if job.error is not None:
        raise job.error
    return job.result


def _abandon(job: _Job) -> None:
    """Keep ``job`` until its thread ends; a quit meanwhile waits for it (its call has
    a timeout of its own), as a thread still running when the app ends aborts it."""
    _ABANDONED.append(job)
    job.done.connect(lambda: _ABANDONED.remove(job) if job in _ABANDONED else None)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(job.wait)


def _wait_for(job: _Job) -> Any:
    """Start ``job`` and turn the event loop until it is done; its result, or its error
    raised here."""
    loop = QEventLoop()
    job.done.connect(loop.quit)
    job.start()
    if job.isRunning():
        loop.exec()
    job.wait()
    if job.error is not None:
        raise job.error
    return job.result
