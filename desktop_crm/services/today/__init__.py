"""Today: what needs doing now (thank-yous due, outcomes to record, outreach to
follow up) and the rhythm of the search over the last weeks.

May call: the store and meetings.

The package also answers for :mod:`.summary` (``today.<name>``), lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "meetings_needing_outcome": "summary",
    "rhythm": "summary",
    "RhythmWeek": "summary",
    "split_thank_yous": "summary",
    "THANK_YOU_STALE_AFTER": "summary",
    "thank_yous_due": "summary",
    "ThankYouDue": "summary",
    "Today": "summary",
    "today": "summary",
    "WEEKS": "summary",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # for type checkers and editors; at run time see lazy_exports
    from .summary import (
        THANK_YOU_STALE_AFTER,  # noqa: F401
        WEEKS,  # noqa: F401
        RhythmWeek,  # noqa: F401
        ThankYouDue,  # noqa: F401
        Today,  # noqa: F401
        meetings_needing_outcome,  # noqa: F401
        rhythm,  # noqa: F401
        split_thank_yous,  # noqa: F401
        thank_yous_due,  # noqa: F401
        today,  # noqa: F401
    )

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
