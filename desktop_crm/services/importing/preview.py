"""The preview: what an import will do, in numbers and line by line, before writing.

Counts are of *people* (rows of one person in the file count once):
``new``, ``updated``, ``unchanged``, ``review`` (near-duplicates, created
separately unless merged) and ``not_importable`` (rows the parser could not
take). Every entry names its row, the column (field) concerned and a reason a
person can act on.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...io.records import ParseResult, RowProblem
from .plan import FIELD_LABELS, Plan, PlanItem

COUNT_KEYS = ("new", "updated", "unchanged", "review", "not_importable")
_SHOWN = ("new", "update", "review", "not_importable", "warning")  # all but unchanged
ACTION_COUNT = {"new": "new", "update": "updated", "unchanged": "unchanged", "review": "review"}


@dataclass
class PreviewEntry:
    """One line of the preview: a row, the column concerned, and why."""

    row: int
    action: str  # new, update, unchanged, review, not_importable, warning
    name: str
    column: str = ""
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "action": self.action, "name": self.name,
                "column": self.column, "reason": self.reason}


@dataclass
class ImportPreview:
    """A parsed file and its plan: counts, entries, and the mapping that produced them."""

    path: Path
    parsed: ParseResult
    plan: Plan
    warnings: list[RowProblem] = field(default_factory=list)
    # Counts and entries are computed once (a 100,000-row preview is read by the
    # report, the printout and the JSON alike).
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    # A big file imported in parts keeps only the people worth listing (updated, to
    # review) in ``plan``; the counts of every part are given here.
    tally: dict[str, int] | None = None

    @property
    def format(self) -> str:
        return self.parsed.format

    @property
    def items(self) -> list[PlanItem]:
        return self.plan.items

    @property
    def problems(self) -> list[RowProblem]:
        return self.parsed.problems

    @property
    def review_items(self) -> list[PlanItem]:
        return [i for i in self.plan.items if i.candidate is not None]

    @property
    def counts(self) -> dict[str, int]:
        counts = self._cache.get("counts")
        if counts is None:
            counts = dict.fromkeys(COUNT_KEYS, 0)
            if self.tally is not None:
                counts.update(self.tally)
            else:
                for item in self.plan.items:
                    counts[ACTION_COUNT[item.action]] += 1
            counts["not_importable"] = len(self.parsed.problems)
            self._cache["counts"] = counts
        return dict(counts)

    def entries(self, actions: Collection[str] | None = None) -> list[PreviewEntry]:
        """Every line worth showing (changes, conflicts, reviews, refused rows, warnings),
        in row order; ``actions`` keeps only those kinds (and skips building the others:
        a fresh 100,000-row import need not describe every new person for its report)."""
        key = frozenset(actions) if actions is not None else None
        cached = self._cache.get(("entries", key))
        if cached is not None:
            return cached
        out: list[PreviewEntry] = []
        for item in self.plan.items:
            if key is None or item.action in key:
                out.extend(item_entries(item))
        if key is None or "not_importable" in key:
            for problem in self.parsed.problems:
                out.append(PreviewEntry(problem.row, "not_importable", _row_name(problem),
                                        problem.column or "", problem.reason))
        if key is None or "warning" in key:
            for warning in self.warnings:
                out.append(PreviewEntry(warning.row, "warning", "", warning.column or "",
                                        warning.reason))
        out.sort(key=lambda e: e.row)
        self._cache["entries", key] = out
        return out

    def summary_line(self) -> str:
        c = self.counts
        return (f"{c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged, "
                f"{c['review']} to review, {c['not_importable']} not importable")

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "format": self.parsed.format,
            "encoding": self.parsed.encoding,
            "delimiter": self.parsed.delimiter,
            "rows": self.parsed.total_rows,
            "mapping": dict(self.parsed.mapping),
            "encoding_alternatives": list(self.parsed.encoding_alternatives),
            "counts": self.counts,
            "entries": [e.to_dict() for e in self.entries(_SHOWN)],
            "review": [review_dict(i) for i in self.review_items],
        }


def item_entries(item: PlanItem) -> list[PreviewEntry]:
    """Lines for one person: one per change (or one saying why nothing changes)."""
    name = item.incoming.name
    rows = item.incoming.rows
    joined = f" (rows {', '.join(map(str, rows))} are the same person)" if len(rows) > 1 else ""
    if item.action == "review" and item.candidate is not None:
        cand = item.candidate
        where = f"contact id {cand.contact_id}" if cand.contact_id is not None else f"row {cand.row}"
        return [PreviewEntry(item.row, "review", name, "name",
                             f"may be {cand.name} ({where}; {cand.reason}, score {cand.score}); "
                             f"kept separate unless you merge{joined}")]
    if item.action == "new":
        lines = [PreviewEntry(item.row, "new", name, "", f"new contact{joined}")]
    elif item.action == "unchanged":
        return [PreviewEntry(item.row, "unchanged", name, "",
                             f"already there as {item.contact_name} (id {item.contact_id}, "
                             f"same {item.matched_by}); nothing new")]
    else:
        lines = []
    for change in item.changes:
        suffix = (f" · same person as {item.contact_name} (id {item.contact_id}, "
                  f"same {item.matched_by})" if item.action == "update" else "")
        lines.append(PreviewEntry(item.row, item.action, name,
                                  FIELD_LABELS.get(change.field, change.field),
                                  change.describe() + suffix + joined))
    return lines


def review_dict(item: PlanItem) -> dict[str, Any]:
    cand = item.candidate
    assert cand is not None
    return {
        "row": item.row,
        "name": item.incoming.name,
        "organization": item.incoming.organization,
        "candidate": {"name": cand.name, "contact_id": cand.contact_id, "row": cand.row,
                      "score": cand.score, "reason": cand.reason, "target": cand.target},
        "decision": item.decision,
    }


def _row_name(problem: RowProblem) -> str:
    cells = [v for v in problem.values if v and v.strip()]
    return " ".join(cells[:2])[:60]
