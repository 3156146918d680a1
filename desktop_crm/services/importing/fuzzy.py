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
from dataclasses import dataclass

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
    """Blocks of (folded name, who) to search; people are added as they are planned."""

    def __init__(self) -> None:
        # block -> (folded names, who): parallel lists, so a search passes the names as is.
        self._blocks: dict[str, tuple[list[str], list[tuple[str, int | None, int | None]]]] = {}

    def add(
        self,
        name_key: str,
        display: str,
        organization: str,
        emails: list[str],
        contact_id: int | None = None,
        row: int | None = None,
    ) -> None:
        if not name_key:
            return
        entry = (display, contact_id, row)
        for block in self._block_keys(name_key, organization, emails):
            names, who = self._blocks.setdefault(block, ([], []))
            names.append(name_key)
            who.append(entry)

    @staticmethod
    def _block_keys(name_key: str, organization: str, emails: list[str]) -> set[str]:
        # Names scoring >= 90 on sorted tokens nearly always share the sorted name's first
        # letter; sub-blocking on it cuts the comparisons of a big file about 15-fold.
        initial = min(name_key.split())[0]
        keys = {f"d:{d}:{initial}" for d in (company_domain(e) for e in emails) if d}
        org = org_block(organization)
        keys.add(f"o:{org}:{initial}" if org else f"n:{name_key}")
        if org:
            # An entry with an organization is also findable by someone without one.
            keys.add(f"x:{name_key}")
        return keys

    def find(self, name_key: str, organization: str, emails: list[str]) -> Candidate | None:
        """The most similar person in a shared block, at or above the threshold."""
        if not name_key:
            return None
        best: tuple[float, tuple[str, int | None, int | None], str] | None = None
        org = org_block(organization)
        own = self._block_keys(name_key, organization, emails) - {f"x:{name_key}"}
        searches = [(b, self._why(b)) for b in sorted(own)]
        # Same name where exactly one side has an organization.
        other_side = f"n:{name_key}" if org else f"x:{name_key}"
        searches.append((other_side, "same name; one has no organization"))
        for block, why in searches:
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
                best = (found[1], entries[1][found[2]], why)
        if best is None:
            return None
        score, (display, contact_id, row), why = best
        return Candidate(display, int(round(score)), why, contact_id, row)

    @staticmethod
    def _why(block: str) -> str:
        kind, _, value = block.partition(":")
        if kind == "d":
            return f"similar name, same email domain {value.rpartition(':')[0]}"
        if kind == "o":
            return "similar name, same organization"
        return "same name; one has no organization"
