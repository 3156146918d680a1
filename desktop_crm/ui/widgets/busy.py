"""The wait cursor around a slow call on the UI thread.

For calls that take a second or two at most (a path search on a loaded
graph); anything longer belongs in a worker (see :mod:`.worker`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

P = ParamSpec("P")
R = TypeVar("R")


def busy(fn: Callable[P, R]) -> Callable[P, R]:
    """Show the wait cursor while ``fn`` runs, and restore it even if it raises."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return fn(*args, **kwargs)
        finally:
            QGuiApplication.restoreOverrideCursor()

    return wrapper
