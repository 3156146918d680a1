"""Turning what a user types into a safe FTS5 query.

Every token is quoted (so ``o'brien``, ``"`` or ``AND`` are plain text) and
given a prefix star, so typing narrows as you go.
"""

from __future__ import annotations

import re

from .database import db

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def match_expression(text: str) -> str | None:
    """An FTS5 MATCH string for ``text``, or None when it has nothing to search."""
    tokens = _TOKEN_RE.findall(text or "")
    if not tokens:
        return None
    return " AND ".join('"' + token.replace('"', '""') + '"*' for token in tokens)


def search_ids(expression: str, limit: int = 50, include_trashed: bool = False) -> list[int]:
    """Contact ids matching an FTS5 expression, in table order (sort name)."""
    trashed = "" if include_trashed else "AND c.deleted_at IS NULL"
    sql = (
        "SELECT c.id FROM contact_fts f JOIN contact c ON c.id = f.rowid "
        f"WHERE contact_fts MATCH ? {trashed} ORDER BY c.sort_name, c.id LIMIT ?"
    )
    return [row[0] for row in db.execute_sql(sql, (expression, int(limit)))]
