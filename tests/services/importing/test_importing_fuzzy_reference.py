"""The near-duplicate search against a plain reference: every pair, one at a time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from desktop_crm.services.importing.fuzzy import THRESHOLD, NearDuplicateFinder


def _describe(who):
    return who[0], None, who[1]


def _reference(existing, incoming):
    """For each incoming person, in order: over its blocks in the finder's order, the
    earlier person of the block with the highest exact ``token_sort``-style score at or
    above the threshold (ties: the one added first); a later block wins only if higher."""
    finder = NearDuplicateFinder(_describe)
    sorted_tokens = lambda name: " ".join(sorted(name.split()))  # noqa: E731
    earlier: list[tuple[list[str], tuple]] = []  # (blocks, who) in the order added

    def blocks_of(name, organization, emails):
        org = finder._org(organization)
        keys = finder._block_keys(name, org, emails)
        # Exact-name blocks: "x:" holds people with an organization, "n:" without.
        own = [k for k in keys if k[0] != "x"]
        return org, keys, own

    for name, organization, emails, who in existing:
        if name:
            earlier.append((blocks_of(name, organization, emails)[1], (name, who)))
    out = []
    for name, organization, emails, who in incoming:
        if not name:
            out.append(None)
            continue
        org, keys, own = blocks_of(name, organization, emails)
        order = [*own, f"n:{name}" if org else f"x:{name}"]
        best = None
        for block in order:
            hit = None
            for their_blocks, (their_name, their_who) in earlier:
                if block[0] in "nx":
                    # n:/x: blocks: the same folded name, people with / without an organization.
                    if block not in their_blocks:
                        continue
                    score = 100.0
                elif block in their_blocks:
                    score = fuzz.ratio(sorted_tokens(name), sorted_tokens(their_name))
                else:
                    continue
                if score >= THRESHOLD and (hit is None or score > hit[0]):
                    hit = (score, their_who)
            if hit is not None and (best is None or hit[0] > best[0]):
                best = (hit[0], hit[1], finder._why(block))
        out.append(None if best is None else (best[1], int(round(best[0])), best[2]))
        earlier.append((keys, (name, who)))
    return out


_names = st.lists(st.sampled_from(["ann", "anne", "jon", "john", "smith", "smyth", "lee",
                                   "li", "anna", "jonathan", "johnathan"]),
                  min_size=1, max_size=3).map(" ".join)
_person = st.tuples(_names, st.sampled_from(["", "Acme", "ACME, Inc.", "Globex"]),
                    st.lists(st.sampled_from(["a@acme.example", "b@globex.example",
                                              "c@gmail.com"]), max_size=2))


@settings(max_examples=150, deadline=None)
@given(st.lists(_person, max_size=12), st.lists(_person, min_size=1, max_size=40))
def test_the_search_finds_what_comparing_every_pair_finds(existing, incoming) -> None:
    existing = [(n, o, e, (n, -1 - i)) for i, (n, o, e) in enumerate(existing)]
    incoming = [(n, o, e, (n, i)) for i, (n, o, e) in enumerate(incoming)]
    finder = NearDuplicateFinder(_describe)
    for person in existing:
        finder.add_person(*person)
    found = [None if c is None else ((c.name, c.row), c.score, c.reason)
             for c in finder.find_all(incoming)]
    assert found == _reference(existing, incoming)
