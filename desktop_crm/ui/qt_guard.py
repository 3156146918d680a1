"""A guard against a PySide6 reference-count bug on Python 3.11.

pyproject.toml pins PySide6 below 6.12, so normally this does nothing; it is
the safety net for an environment that installed 6.12 anyway. It is applied
once in :func:`desktop_crm.ui.app.make_application`, and on import of the
packages that make tens of thousands of Qt calls (the network map, the
import dialog), because tests build their QApplication through pytest-qt
and never run ``make_application``.

The installed PySide6 (6.12) returns ``None`` from every void Qt method and
``True`` from ``Signal.emit`` without taking a reference. On Python 3.12+
those objects are immortal and nothing happens; on 3.11 each call drops a
reference, and after some ten thousand Qt calls the interpreter aborts with
"deallocating None". :func:`pin_singletons` detects the bug and gives
``None``, ``True`` and ``False`` a reference count no app will exhaust,
which is what Python 3.12 does for them anyway.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

_PINNED = 1 << 40
_done = False


def qt_drops_references() -> bool:
    """True when a void Qt call releases a reference to None it never took."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def pin_singletons() -> bool:
    """Make None/True/False effectively immortal if this PySide needs it; once."""
    global _done
    if _done or sys.version_info >= (3, 12) or not qt_drops_references():
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every object in CPython's ABI.
        ctypes.c_ssize_t.from_address(id(obj)).value += _PINNED
    _done = True
    return True
