"""argparse types for numbers: whole, within bounds SQLite and the app can hold.

A number past 2**63 once reached SQLite and ended in a traceback; these
refuse it as a usage error (exit 2) naming the option.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

LARGEST_ID = 2**63 - 1


def whole_number(low: int = 0, high: int = LARGEST_ID,
                 what: str = "a whole number") -> Callable[[str], int]:
    """A type accepting whole numbers from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except (ValueError, AttributeError):
            raise argparse.ArgumentTypeError(f"'{text[:40]}' is not {what}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"'{text[:40]}' is not {what} from {low} to {high}")
        return value

    parse.__name__ = what  # argparse names the type in its messages
    return parse


row_id = whole_number(1, LARGEST_ID, "an id")
count = whole_number(0, 1_000_000, "a count")
version = whole_number(1, LARGEST_ID, "a version")
offset = whole_number(0, LARGEST_ID, "an offset")
