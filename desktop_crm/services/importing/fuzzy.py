"""Near-duplicates: people who are probably the same but share no exact key.

``Jon Smith`` at Acme and ``John Smith`` at ACME Inc. are offered for review,
never merged silently. Candidates are only compared inside *blocks* (same
organization without its legal suffix, same company email domain, or same
name where one side has no organization), so a 100,000-row file is not
compared with itself pairwise. Names are compared with rapidfuzz's
``token_sort_ratio`` on folded names (word order and accents do not matter).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from .keys import email_domain, fold

THRESHOLD = 90
_LEGAL_SUFFIXES = {
    "inc", "llc", "ltd", "limited", "gmbh", "ag", "sa", "sas", "sarl", "srl", "bv", "nv",
    "plc", "corp", "corporation", "co", "company", "kg", "oy", "ab", "spa", "pty",
}
_FREE_MAIL = re.compile(
    r"^(gmail|googlemail|outlook|hotmail|live|msn|icloud|me|mac|aol|proton|protonmail|"
    r"yahoo|ymail|gmx|web|mail|yandex|zoho|fastmail|hey|orange|free|t-online|qq|163|126)\.",
)
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)


def org_block(organization: str) -> str:
    """``ACME, Inc.`` -> ``acme``: the organization without case, punctuation or legal form."""
    words = _NON_WORD.sub(" ", fold(organization)).split()
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def company_domain(email: str) -> str:
    """The email's domain unless it is a free-mail provider shared by strangers."""
    domain = email_domain(email)
    return "" if not domain or _FREE_MAIL.match(domain) else domain


@dataclass(frozen=True)
class Candidate:
    """A person an incoming one may duplicate: an existing contact or an earlier row."""

    name: str
    score: int
    reason: str
    contact_id: int | None = None
    row: int | None = None

    @property
    def target(self) -> str:
        """The decision value that merges with this candidate: ``contact:ID`` or ``row:N``."""
        return f"contact:{self.contact_id}" if self.contact_id is not None else f"row:{self.row}"


class NearDuplicateFinder:
    """Blocks of (folded name, who) to search; people are added as they are planned.

    ``describe(who)`` turns an added person into ``(display name, contact id,
    row)`` only when it becomes a candidate, so the finder holds references to
    the people rather than a tuple and a name string for each. Blocks of one
    exact folded name (``n:``: people without an organization, ``x:``: the
    same with one) need no fuzzy search: every name in them scores 100, and
    the first one added wins, so they are kept as name -> first person.
    """

    def __init__(self, describe: Callable[[Any], tuple[str, int | None, int | None]]) -> None:
        self._describe = describe
        # block -> (folded names, who): parallel lists, so a search passes the names as is.
        self._blocks: dict[str, tuple[list[str], list[Any]]] = {}
        self._exact: dict[str, Any] = {}  # "n:<name>" / "x:<name>" -> first person added
        self._org_blocks: dict[str, str] = {}  # organization as written -> org_block()

    def find_and_add(self, name_key: str, organization: str, emails: Sequence[str],
                     who: Any) -> Candidate | None:
        """The most similar person in a shared block, at or above the threshold; then add
        ``who`` (described later by ``describe``), keys computed once."""
        if not name_key:
            return None
        org = self._org(organization)
        keys = self._block_keys(name_key, org, emails)
        found = self._find(name_key, org, keys)
        self._add(name_key, keys, who)
        return found

    def add_person(self, name_key: str, organization: str, emails: Sequence[str], who: Any) -> None:
        """Add ``who`` (described later by ``describe``) without searching."""
        if name_key:
            self._add(name_key, self._block_keys(name_key, self._org(organization), emails), who)

    def _org(self, organization: str) -> str:
        """org_block(), once per distinct organization (a big file repeats a few thousand)."""
        block = self._org_blocks.get(organization)
        if block is None:
            block = self._org_blocks[organization] = org_block(organization)
        return block

    def _add(self, name_key: str, keys: list[str], who: Any) -> None:
        exact = self._exact
        blocks = self._blocks
        for block in keys:
            if block[0] in "nx":
                exact.setdefault(block, who)
            else:
                names, people = blocks.setdefault(block, ([], []))
                names.append(name_key)
                people.append(who)

    @staticmethod
    def _block_keys(name_key: str, org: str, emails: Sequence[str]) -> list[str]:
        # Names scoring >= 90 on sorted tokens nearly always share the sorted name's first
        # letter; sub-blocking on it cuts the comparisons of a big file about 15-fold.
        initial = min(name_key.split())[0]
        # An entry with an organization is also findable by someone without one (x:).
        keys = [f"o:{org}:{initial}", f"x:{name_key}"] if org else [f"n:{name_key}"]
        if emails:
            keys.extend(f"d:{d}:{initial}" for d in map(company_domain, emails) if d)
            return sorted(set(keys))
        return sorted(keys)

    def _find(self, name_key: str, org: str, keys: list[str]) -> Candidate | None:
        best: tuple[float, Any, str] | None = None
        own = [k for k in keys if k[0] != "x"]
        # Same name where exactly one side has an organization, searched last.
        other_side = f"n:{name_key}" if org else f"x:{name_key}"
        for block in (*own, other_side):
            if block[0] in "nx":
                who = self._exact.get(block)
                if who is not None and (best is None or 100 > best[0]):
                    best = (100.0, who, self._why(block))
                continue
            entries = self._blocks.get(block)
            if not entries:
                continue
            found = process.extractOne(
                name_key,
                entries[0],
                scorer=fuzz.token_sort_ratio,
                processor=None,
                score_cutoff=THRESHOLD,
            )
            if found is not None and (best is None or found[1] > best[0]):
                best = (found[1], entries[1][found[2]], self._why(block))
        if best is None:
            return None
        score, who, why = best
        display, contact_id, row = self._describe(who)
        return Candidate(display, int(round(score)), why, contact_id, row)

    @staticmethod
    def _why(block: str) -> str:
        kind, _, value = block.partition(":")
        if kind == "d":
            return f"similar name, same email domain {value.rpartition(':')[0]}"
        if kind == "o":
            return "similar name, same organization"
        return "same name; one has no organization"
