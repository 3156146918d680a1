"""Guard against a PySide6 6.12 bug on Python 3.11: void methods drop a reference to None.

Every Qt method that returns nothing (``setZValue``, ``setPen``, ``setPos``...)
hands back ``None`` without taking a new reference. Python 3.12 made None
immortal, so there it is harmless; on 3.11 None's count (a few thousand at
start) reaches zero after a few thousand such calls and the interpreter
aborts with "none_dealloc: deallocating None". A map of a few hundred
people makes that many calls, so the crash is certain.

:func:`protect_none` checks whether the bug is present (a few calls to a
void method, counting None's references) and, only then, gives None a
reference count so large that it can never reach zero, which is what
Python 3.12's immortal None does. It is idempotent and costs nothing when
the bug is absent. The whole UI needs it: call it once before building
widgets (the network view does so on import).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QRectF

_RESERVE = 1 << 40
_done = False


def bug_present(calls: int = 64) -> bool:
    """True when calling a void Qt method lowers None's reference count."""
    probe = QRectF()
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setWidth(1.0)
    return sys.getrefcount(None) < before - calls // 2


def protect_none() -> bool:
    """Make None effectively immortal when the bug is present; return whether it was applied."""
    global _done
    if _done or sys.version_info >= (3, 12):
        return False
    _done = True
    if not bug_present():
        return False
    # ob_refcnt is the first field of every object in a release build of CPython 3.11.
    ctypes.c_ssize_t.from_address(id(None)).value += _RESERVE
    return True
