"""Running one import job (read, preview, write) off the UI thread, cancellably.

The job is a plain function taking ``progress(stage, done, total)`` and
``check_cancel()``; it runs in a QThread, so the window stays responsive.
Cancelling makes ``check_cancel`` raise :class:`ImportCancelled`, which
rolls the import's transaction back. The store's connection is per thread:
the worker closes its own when the job ends.

Progress is kept in attributes the dialog polls with a timer, and the end
is QThread's own ``finished`` signal: nothing crosses threads but Qt's own
notification, and no Python object is handed between threads by a signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread

from ...services.errors import ServiceError
from ...services.importing import ImportCancelled, release_thread_connection

Job = Callable[[Callable[[str, int, int], None], Callable[[], None]], Any]


class ImportWorker(QThread):
    """Runs ``job`` once; read ``stage``/``done``/``total`` meanwhile, ``result`` or
    ``error`` after ``finished``."""

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancel = threading.Event()
        self.stage, self.done, self.total = "", 0, 0
        self.result: Any = None
        self.error = ""
        self.was_cancelled = False

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.stage, self.done, self.total = stage, done, total

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise ImportCancelled()

    def run(self) -> None:  # noqa: D401 (Qt's name)
        try:
            self.result = self._job(self._progress, self._check_cancel)
        except ImportCancelled as exc:
            self.error, self.was_cancelled = str(exc), True
        except ServiceError as exc:
            self.error = str(exc)
        except Exception as exc:  # an unexpected bug must reach the user, not kill the thread
            self.error = f"unexpected error: {exc!r}"
        finally:
            release_thread_connection()  # this thread's connection only
