"""Printing results: JSON for scripts, short aligned text for people."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

# Characters a terminal obeys instead of showing: C0 and C1 controls (ESC starts
# "clear the screen" or "set the window title"), DEL, and the bidirectional
# overrides that reorder what is shown. Newline and tab stay.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_C1 = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), inert."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


class SafeStream:
    """A text stream that makes control characters inert before the terminal sees them.

    Raw bytes written to ``.buffer`` (an export piped to a file) pass unchanged.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(inert(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def install_safe_streams() -> None:
    """Route everything the command line prints through :class:`SafeStream`."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, SafeStream):
            setattr(sys, name, SafeStream(stream))


def emit_json(data: Any) -> None:
    # json escapes C0 controls itself; C1 controls and bidi overrides get \u escapes
    # here (still valid JSON, same data) so the safe stream has nothing to change.
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    sys.stdout.write("\n")


def emit_table(headers: Sequence[str], rows: Iterable[Sequence[Any]],
               whole_last: bool = False) -> None:
    """Aligned columns cut at 40 characters (the last one whole with ``whole_last``:
    a file name to copy)."""
    rows = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = min(max(widths[i], len(cell)), 40)
    if whole_last and widths:
        widths[-1] = max([widths[-1], *(len(r[-1]) for r in rows if r)])
    def line(cells: Sequence[str]) -> str:
        return "  ".join(_cut(c, w).ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()
    print(line(headers))
    for row in rows:
        print(line(row))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def info(message: str) -> None:
    """A message for a person, on stderr so stdout stays clean for --json."""
    print(message, file=sys.stderr)
