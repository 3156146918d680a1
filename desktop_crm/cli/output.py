"""Printing results: JSON for scripts, short aligned text for people."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def emit_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    rows = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = min(max(widths[i], len(cell)), 40)
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
