"""Turning what a user types into a safe full-text query, for either engine.

SQLite: every token is quoted for FTS5 (so ``o'brien``, ``"`` or ``AND`` are
plain text) and given a prefix star, so typing narrows as you go.
PostgreSQL: the same tokens, split and folded as the index folds them
(``crm_search_words``: ``unaccent``, lower case, letters and digits), each a
prefix lexeme (``word:*``) of one ``tsquery``, all required.
"""

from __future__ import annotations

import re

from .database import db, on_server

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def match_expression(text: str) -> str | None:
    """An FTS5 MATCH string for ``text``, or None when it has nothing to search."""
    tokens = _TOKEN_RE.findall(text or "")
    if not tokens:
        return None
    if on_server():
        return _tsquery(tokens)
    return " AND ".join('"' + token.replace('"', '""') + '"*' for token in tokens)


def _tsquery(tokens: list[str]) -> str | None:
    """A ``to_tsquery('simple', …)`` text: every folded word a required prefix."""
    words = db.execute_sql("SELECT crm_search_words(?)", (" ".join(tokens),)).fetchone()[0].split()
    if not words:
        return None
    return " & ".join(f"'{word}':*" for word in words)


def match_clause(column: str) -> str:
    """SQL true when contact ``column`` matches a :func:`match_expression` given as ``?``."""
    if on_server():
        return (f"{column} IN (SELECT contact_id FROM contact_search "
                "WHERE doc @@ to_tsquery('simple', ?))")
    return f"{column} IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?)"


def search_ids(expression: str, limit: int = 50, include_trashed: bool = False) -> list[int]:
    """Contact ids matching an FTS5 expression, in table order (sort name)."""
    trashed = "" if include_trashed else "AND c.deleted_at IS NULL"
    if on_server():
        sql = (f"SELECT c.id FROM contact_search s JOIN contact c ON c.id = s.contact_id "
               f"WHERE s.doc @@ to_tsquery('simple', ?) {trashed} ORDER BY c.sort_name, c.id LIMIT ?")
    else:
        sql = (
            "SELECT c.id FROM contact_fts f JOIN contact c ON c.id = f.rowid "
            f"WHERE contact_fts MATCH ? {trashed} ORDER BY c.sort_name, c.id LIMIT ?"
        )
    return [row[0] for row in db.execute_sql(sql, (expression, int(limit)))]
