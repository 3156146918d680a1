"""An uncaught error becomes a readable dialog and a trace in the log, not a silent exit.

PySide6 prints an exception raised in a slot and carries on; a windowed app
has nowhere to print. :func:`install_excepthook` writes the trace to the log
(:mod:`desktop_crm.logs`) and tells the user, in words, what happened and
that their saved data is safe.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import logs

_showing = {"now": False}


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
    if _showing["now"] or QApplication.instance() is None:
        return
    _showing["now"] = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, "Desktop CRM: something went wrong",
                          error_text(exc_type, exc))
        box.setObjectName("errorDialog")
        box.setDetailedText("".join(traceback.format_exception(exc_type, exc, tb)))
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


def install_excepthook() -> None:
    """Uncaught errors and Qt's warnings both end in the log; errors also in a dialog."""
    sys.excepthook = handle_exception
    qInstallMessageHandler(_qt_message)
