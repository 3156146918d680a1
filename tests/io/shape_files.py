"""The made-up files that reproduce real-world shapes (``tests/io/shapes/``), and the
names a parse of one gives, for the shape tests."""

from __future__ import annotations

from pathlib import Path

SHAPES = Path(__file__).parent / "shapes"


def names(result) -> list[tuple[str, str]]:
    """(first name, last name) of each record, in file order."""
    return [(r.first_name, r.last_name) for r in result.records]
