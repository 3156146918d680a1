"""An uncaught error becomes a readable dialog and a trace in the log, not a silent exit.

PySide6 prints an exception raised in a slot and carries on; a windowed app
has nowhere to print. :func:`install_excepthook` writes the trace to the log
(:mod:`desktop_crm.logs`) and tells the user, in words, what happened and
that their saved data is safe.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    QThread,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import logs

_showing = {"now": False}


class _Reporter(QObject):
    """Lives in the GUI thread: an error in a worker thread is shown from there."""

    report = Signal(str, str)  # the message, the trace


_reporter: dict[str, _Reporter] = {}


def error_text(exc_type: type[BaseException], exc: BaseException) -> str:
    """A one-paragraph message for the user."""
    what = str(exc).strip() or exc_type.__name__
    return (
        "Desktop CRM ran into an unexpected problem and stopped what it was doing:\n\n"
        f"{what}\n\n"
        "Everything you had saved is safe in your database. The details were written "
        f"to the log:\n{logs.log_path()}"
    )


def handle_exception(exc_type: type[BaseException], exc: BaseException,
                     tb: TracebackType | None) -> None:
    """The excepthook: log, then show one dialog at a time (never one per repeat)."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    logs.log_exception(exc_type, exc, tb)
    if sys.stderr is not None:
        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
    app = QApplication.instance()
    if app is None:
        return
    text = error_text(exc_type, exc)
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    if QThread.currentThread() == app.thread():
        show_error(text, details)
    elif "gui" in _reporter:
        _reporter["gui"].report.emit(text, details)  # queued to the GUI thread


def show_error(text: str, details: str) -> None:
    """The dialog, one at a time (never one per repeat of the same failure)."""
    if _showing["now"]:
        return
    _showing["now"] = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, "Desktop CRM: something went wrong", text)
        box.setObjectName("errorDialog")
        box.setDetailedText(details)
        box.exec()
    finally:
        _showing["now"] = False


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log too (and still to stderr when there is one)."""
    logs.logger.log(_QT_LEVELS.get(mode, logging.WARNING), "Qt: %s", message)
    if sys.stderr is not None:
        print(message, file=sys.stderr)


def ensure_reporter() -> None:
    """Create, in the GUI thread, the object that shows worker threads' errors."""
    if "gui" not in _reporter:
        _reporter["gui"] = _Reporter()
        _reporter["gui"].report.connect(show_error)


def install_excepthook() -> None:
    """Uncaught errors and Qt's warnings both end in the log; errors also in a dialog."""
    ensure_reporter()
    sys.excepthook = handle_exception
    threading.excepthook = lambda args: handle_exception(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)
    qInstallMessageHandler(_qt_message)
