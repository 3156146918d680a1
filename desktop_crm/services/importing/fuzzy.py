"""Near-duplicates: people who are probably the same but share no exact key.

``Jon Smith`` at Acme and ``John Smith`` at ACME Inc. are offered for review,
never merged silently. Candidates are only compared inside *blocks* (same
organization without its legal suffix, same company email domain, or same
name where one side has no organization), so a 100,000-row file is not
compared with itself pairwise. Names are compared like rapidfuzz's
``token_sort_ratio`` on folded names (word order and accents do not matter).

The search runs once over all the people a file brings (``find_all``), block by
block, with rapidfuzz's ``process.extractOne`` (compiled; it skips the names
that cannot beat the best so far) once per person, and needs no numpy. A block
small enough is compared all against all; a big one (thousands of people
sharing one company email domain) is sorted twice, by name and by reversed
name, and each person compared with a window of neighbours in each order, so
the work stays near-linear in the block's size.

A big file read in batches searches each batch once, against the people there
before and those the earlier batches brought (:class:`Earlier`: kept by the
import outside the process, read back one block at a time), so the same people
are offered for review as when the file is read whole, and memory holds no more
than one batch and one block.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extractOne

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


class Earlier(Protocol):
    """The people the earlier batches of one import brought, as the search needs them."""

    def exact(self, blocks: Sequence[str]) -> Mapping[str, Any]:
        """The first person of each of these exact-name blocks (``n:``/``x:``) that has one."""

    def members(self, blocks: Sequence[str]) -> Iterator[tuple[str, list[str], list[Any]]]:
        """``(block, names, who)`` for those of ``blocks`` that have members: their sorted-
        token names and persons in the order they came, one block at a time."""


# How a later batch finds a person: (sorted-token name, hashes of its fuzzy blocks, hash of
# its own exact-name block).
SearchEntry = tuple[str, list[int], int]


def search_entry(name_key: str, org: str, emails: Sequence[str]) -> SearchEntry:
    """A person's :data:`SearchEntry`; ``org`` as :func:`org_block` gives it."""
    keys = NearDuplicateFinder._block_keys(name_key, org, emails)
    own = f"x:{name_key}" if org else f"n:{name_key}"
    return _sorted_tokens(name_key), [hash(k) for k in keys if k[0] not in "nx"], hash(own)


class NearDuplicateFinder:
    """Blocks of existing people to search, then one batch search for the incoming ones.

    ``describe(who)`` turns a person into ``(display name, contact id, row)``
    only when it becomes a candidate. Blocks of one exact folded name (``n:``:
    people without an organization, ``x:``: the same with one) need no fuzzy
    search: every name in them scores 100, and the first one added wins.
    """

    def __init__(self, describe: Callable[[Any], tuple[str, int | None, int | None]]) -> None:
        self._describe = describe
        # block -> (sorted-token names, who) of the existing people: parallel lists.
        self._blocks: dict[str, tuple[list[str], list[Any]]] = {}
        self._exact: dict[str, Any] = {}  # "n:<name>" / "x:<name>" -> first person added
        self._org_blocks: dict[str, str] = {}  # organization as written -> org_block()

    def add_person(self, name_key: str, organization: str, emails: Sequence[str], who: Any) -> None:
        """Add an existing person (described later by ``describe``)."""
        if not name_key:
            return
        for block in self._block_keys(name_key, self._org(organization), emails):
            if block[0] in "nx":
                self._exact.setdefault(block, who)
            else:
                names, people = self._blocks.setdefault(block, ([], []))
                names.append(_sorted_tokens(name_key))
                people.append(who)

    def find_all(self, people: Sequence[tuple[str, str, Sequence[str], Any]],
                 earlier: Earlier | None = None,
                 keep: list[SearchEntry | None] | None = None) -> list[Candidate | None]:
        """For each incoming ``(name_key, organization, emails, who)``, in order, the most
        similar earlier person (existing, brought by an ``earlier`` batch of the same
        import, or incoming before it) in a shared block, at or above the threshold;
        ties go to the person added first. ``keep`` is given each person's
        :data:`SearchEntry` (for a later batch to find it by), worked out here anyway."""
        # Per person with a hit: the best found in each block searched. A person's blocks
        # are searched in order (its own, then the same name on the other side of "has an
        # organization"), worked out again for the few with a hit.
        found: dict[int, dict[str, tuple]] = {}
        members: dict[str, list[int]] = {}
        names: list[str] = []
        exact = self._exact
        if earlier is not None:
            for block, who in earlier.exact(self._exact_wanted(people)).items():
                exact.setdefault(block, who)
        add_member = members.setdefault
        for index, (name_key, organization, emails, who) in enumerate(people):
            if not name_key:
                names.append("")
                if keep is not None:
                    keep.append(None)
                continue
            names.append(_sorted_tokens(name_key))
            org = self._org(organization)
            # The exact-name block on the other side, then this person's own.
            other, own = (f"n:{name_key}", f"x:{name_key}") if org else \
                (f"x:{name_key}", f"n:{name_key}")
            for block in (own, other) if not org else (other,):
                namesake = exact.get(block)
                if namesake is not None:
                    found.setdefault(index, {})[block] = (100.0, namesake)
            exact.setdefault(own, who)
            blocks = [b for b in self._block_keys(name_key, org, emails) if b[0] not in "nx"]
            for block in blocks:
                add_member(block, []).append(index)
            if keep is not None:
                keep.append((names[-1], [hash(b) for b in blocks], hash(own)))
        self._search(members, names, people, found, earlier)
        out: list[Candidate | None] = [None] * len(people)
        for index, hits in found.items():
            name_key, organization, emails, _ = people[index]
            org = self._org(organization)
            keys = self._block_keys(name_key, org, emails)
            order = [*(k for k in keys if k[0] != "x"), f"n:{name_key}" if org else f"x:{name_key}"]
            best: tuple[float, Any, str] | None = None
            for block in order:
                hit = hits.get(block)
                if hit is not None and (best is None or hit[0] > best[0]):
                    best = (hit[0], hit[1], self._why(block))
            if best is not None:
                display, contact_id, row = self._describe(best[1])
                out[index] = Candidate(display, int(round(best[0])), best[2], contact_id, row)
        return out

    def _exact_wanted(self, people: Iterable[tuple[str, str, Sequence[str], Any]]) -> list[str]:
        """The exact-name blocks the incoming people look in (see :meth:`find_all`)."""
        wanted: set[str] = set()
        for name_key, organization, _, _ in people:
            if name_key:
                wanted.add(f"n:{name_key}")
                if not self._org(organization):
                    wanted.add(f"x:{name_key}")
        return sorted(wanted)

    def _search(self, members: dict[str, list[int]], names: list[str],
                people: Sequence[tuple[str, str, Sequence[str], Any]],
                found: dict[int, dict[str, tuple]], earlier: Earlier | None = None) -> None:
        """Every block's incoming members against the earlier people of the block:
        all of them in a block of up to ``_ALL_PAIRS`` people (most: one organization,
        one initial), a window of neighbours in a bigger one (:func:`_compare_windows`).
        The blocks the earlier batches have people in come first, one at a time."""
        done: set[str] = set()
        if earlier is not None:
            for block, old_names, old_people in earlier.members(sorted(members)):
                done.add(block)
                self._search_block(block, members[block], names, people, found,
                                   old_names, old_people)
        for block, indexes in members.items():
            if block not in done:
                self._search_block(block, indexes, names, people, found)

    def _search_block(self, block: str, indexes: list[int], names: list[str],
                      people: Sequence[tuple[str, str, Sequence[str], Any]],
                      found: dict[int, dict[str, tuple]],
                      more_names: list[str] | None = None,
                      more_people: list[Any] | None = None) -> None:
        """One block: the people there before, then ``more`` (brought by earlier batches),
        then the incoming members."""
        old_names, old_people = self._blocks.get(block, ([], []))
        if more_names:
            old_names, old_people = old_names + more_names, old_people + (more_people or [])
        if not old_names and len(indexes) < 2:
            return
        entry = _Block(block, indexes, old_names + [names[i] for i in indexes],
                       old_people + [people[i][3] for i in indexes], len(old_names))
        if len(entry.choices) > _ALL_PAIRS:
            _compare_windows(entry, found)
        else:
            _compare_all(entry, found)

    def _org(self, organization: str) -> str:
        """org_block(), once per distinct organization (a big file repeats a few thousand)."""
        block = self._org_blocks.get(organization)
        if block is None:
            block = self._org_blocks[organization] = org_block(organization)
        return block

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

    @staticmethod
    def _why(block: str) -> str:
        kind, _, value = block.partition(":")
        if kind == "d":
            return f"similar name, same email domain {value.rpartition(':')[0]}"
        if kind == "o":
            return "similar name, same organization"
        return "same name; one has no organization"


# Blocks up to this size are compared all against all; bigger ones by windows.
_ALL_PAIRS = 2000
_WINDOW = 64  # neighbours on each side, in each of the two sort orders
_CHUNK = 128


@dataclass(slots=True)
class _Block:
    """One block to search: the existing people first, then the incoming members."""

    key: str
    indexes: list[int]  # incoming people, in file order
    choices: list[str]  # names: existing, then incoming
    who: list[Any]
    first: int  # choices[first + k] is indexes[k]


def _compare_all(block: _Block, found: dict[int, dict[str, tuple]]) -> None:
    """Each incoming person of a block against everyone before it in the block."""
    choices = block.choices
    for rank in range(block.first, len(choices)):
        _keep(block, rank, choices[rank], choices[:rank], None, found)


def _compare_windows(block: _Block, found: dict[int, dict[str, tuple]]) -> None:
    """A big block: each incoming person against its neighbours when the block is
    sorted by name and by reversed name (a typo late in a name, then one early in it,
    keeps the pair close), so the work grows linearly with the block."""
    choices = block.choices
    for key in (choices.__getitem__, lambda i: choices[i][::-1]):
        order = sorted(range(len(choices)), key=key)
        for start in range(0, len(order), _CHUNK):
            rows = [r for r in order[start:start + _CHUNK] if r >= block.first]
            if not rows:
                continue
            lo, hi = max(0, start - _WINDOW), min(len(order), start + _CHUNK + _WINDOW)
            # The window in rank order: the people before a row are a prefix of it.
            cols = sorted(order[lo:hi])
            names = [choices[c] for c in cols]
            for rank in rows:
                earlier = bisect_left(cols, rank)
                _keep(block, rank, choices[rank], names[:earlier], cols, found)


def _keep(block: _Block, rank: int, name: str, earlier: list[str], cols: list[int] | None,
          found: dict[int, dict[str, tuple]]) -> None:
    """Keep for the incoming person at ``rank`` the best of ``earlier`` (names in rank
    order; ``cols`` their ranks, or None when they are ranks 0, 1, ...): the highest
    score, then the lowest rank, the person added first. ``extractOne`` keeps the
    first of equal scores and skips, in compiled code, every name that cannot reach
    the best score found so far."""
    hit = extractOne(name, earlier, scorer=ratio, processor=None, score_cutoff=THRESHOLD)
    if hit is None:
        return
    score, col = hit[1], hit[2] if cols is None else cols[hit[2]]
    target = found.setdefault(block.indexes[rank - block.first], {})
    current = target.get(block.key)
    if current is None or score > current[0] or (score == current[0] and col < current[2]):
        target[block.key] = (score, block.who[col], col)


def _sorted_tokens(name_key: str) -> str:
    """The form ``token_sort_ratio`` compares: the words sorted, one space apart."""
    return " ".join(sorted(name_key.split()))
