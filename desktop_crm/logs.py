"""The app's log: a rotating file in the user's log folder, and a crash record.

Without it a windowed app that fails says nothing anywhere. ``setup_logging``
sends Python's ``logging`` to ``desktop-crm.log`` (1 MB, five old files
kept) and turns on :mod:`faulthandler`, which writes a hard crash's stack
(a segfault in Qt, say) to ``crash.log`` beside it. No Qt here: the window's
error dialog lives in :mod:`desktop_crm.ui.error_dialog`.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path
from typing import IO

from . import __version__, paths

LOG_NAME = "desktop-crm.log"
CRASH_NAME = "crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 5

logger = logging.getLogger("desktop_crm")

_state: dict[str, object] = {}


def log_path() -> Path:
    return paths.logs_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to the rotating file in the log folder; return its path.

    Calling it again (a test, another database) replaces the handler rather
    than adding a second one.
    """
    folder = paths.logs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    old = _state.get("handler")
    if isinstance(old, logging.Handler):
        logger.removeHandler(old)
        old.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    _state["handler"] = handler
    _enable_faulthandler(folder / CRASH_NAME)
    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    logger.info("Desktop CRM %s%s starting, Python %s", __version__, frozen, sys.version.split()[0])
    return path


def _enable_faulthandler(path: Path) -> None:
    old = _state.get("crash_file")
    stream: IO[str] = open(path, "a", encoding="utf-8")  # noqa: SIM115 (kept open for faulthandler)
    faulthandler.enable(file=stream, all_threads=True)
    _state["crash_file"] = stream
    if old is not None and hasattr(old, "close"):
        old.close()


def log_exception(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
    """Write an uncaught exception and its trace to the log."""
    logger.error("Uncaught %s: %s", exc_type.__name__, exc, exc_info=(exc_type, exc, tb))
