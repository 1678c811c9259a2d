"""Candidate pairs from shared keys match a brute-force count."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.dedup.candidates import shared_key_pairs

rows = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 9)), max_size=60)


def _brute(pairs: list[tuple[int, int]], first_new: int, max_group: int) -> Counter:
    holders: dict[int, set[int]] = {}
    for key, owner in pairs:
        holders.setdefault(key, set()).add(owner)
    count: Counter = Counter()
    for owners in holders.values():
        if len(owners) <= max_group:
            for a, b in combinations(sorted(owners), 2):
                if b >= first_new:
                    count[(a, b)] += 1
    return count


@settings(max_examples=150, deadline=None)
@given(rows, st.integers(0, 9), st.integers(2, 5))
def test_shared_key_pairs_match_brute_force(data, first_new, max_group):
    keys = np.array([k for k, _ in data], dtype=np.uint64)
    owners = np.array([o for _, o in data], dtype=np.int64)
    pairs, counts = shared_key_pairs(keys, owners, first_new, max_group)
    got = Counter({(int(a), int(b)): int(c) for (a, b), c in zip(pairs, counts, strict=True)})
    assert got == _brute(data, first_new, max_group)


def test_big_groups_become_stars_when_asked():
    keys = np.zeros(10, dtype=np.uint64)
    owners = np.arange(10)
    pairs, _ = shared_key_pairs(keys, owners, 0, max_group=3, star_above=True)
    assert sorted(map(tuple, pairs.tolist())) == [(0, i) for i in range(1, 10)]
    none, _ = shared_key_pairs(keys, owners, 0, max_group=3)
    assert len(none) == 0
