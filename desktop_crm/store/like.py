"""User text inside a LIKE pattern, safely: ``%`` and ``_`` typed by the user match themselves.

Pair with ``LIKE ? ESCAPE '\\'`` in the SQL; the text always travels as a
parameter, never inside the statement.
"""

from __future__ import annotations


def contains_pattern(text: str) -> str:
    """``%text%`` with LIKE's wildcards and the escape character escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
