"""The near-duplicate search: same answers in one batch, near-linear on big blocks."""

from __future__ import annotations

import random
import time

from desktop_crm.services.importing.fuzzy import _ALL_PAIRS, NearDuplicateFinder


def _describe(who):
    return who[0], None, who[1]


def test_a_big_shared_domain_block_still_finds_typos_on_either_end() -> None:
    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyz"
    people = []
    for i in range(_ALL_PAIRS * 3):
        name = "".join(rng.choice(letters) for _ in range(6)) + " " + "".join(
            rng.choice(letters) for _ in range(8))
        people.append((name, "", [f"p{i}@bigcorp.example"], (name, i)))
    first, last = "jonathan smithers", "johnathan smithers"
    people.insert(100, (first, "", ["a@bigcorp.example"], (first, -1)))
    people.append((last, "", ["b@bigcorp.example"], (last, -2)))
    people.append(("jonathan smitherz", "", ["c@bigcorp.example"], ("z", -3)))
    found = NearDuplicateFinder(_describe).find_all(people)
    assert found[-2] is not None and found[-2].name == first
    assert found[-1] is not None and found[-1].name == first
    assert "same email domain bigcorp.example" in found[-1].reason


def test_the_search_grows_near_linearly_with_one_shared_domain() -> None:
    def run(count: int) -> float:
        rng = random.Random(count)
        people = [(f"{rng.choice(['ann', 'bob', 'cy'])}{i % 97} lee{rng.randint(0, 9999)}",
                   "", [f"x{i}@acme.example"], (str(i), i)) for i in range(count)]
        start = time.perf_counter()
        NearDuplicateFinder(_describe).find_all(people)
        return time.perf_counter() - start

    small, big = run(5_000), run(20_000)
    # Quadratic would be 16x; allow generous noise on a shared machine.
    assert big < 10 * small + 0.5
