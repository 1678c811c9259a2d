"""Candidate pairs from shared keys match a brute-force count."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.dedup.candidates import cross_label_pairs, key_groups, shared_key_pairs, star_pairs, stray_pairs
from newsfold.dedup.lexical import merge

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


labelled = st.tuples(rows, st.lists(st.integers(0, 3), min_size=10, max_size=10))


@settings(max_examples=150, deadline=None)
@given(labelled, st.integers(0, 9), st.integers(2, 5))
def test_cross_label_pairs_count_like_brute_force_for_pairs_across_labels(data, first_new, max_group):
    pairs_in, label_list = data
    labels = np.array(label_list, dtype=np.int64)
    keys = np.array([k for k, _ in pairs_in], dtype=np.uint64)
    owners = np.array([o for _, o in pairs_in], dtype=np.int64)
    grouped, first, size = key_groups(keys, owners)
    pairs, counts = cross_label_pairs(grouped, first, size, labels, first_new, max_group)
    got = Counter({(int(a), int(b)): int(c) for (a, b), c in zip(pairs, counts, strict=True)})
    expected = Counter(
        {p: c for p, c in _brute(pairs_in, first_new, max_group).items() if labels[p[0]] != labels[p[1]]}
    )
    assert got == expected


def _components(n: int, pairs: list[tuple[int, int]]) -> set[frozenset[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[int, set[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values()}


@settings(max_examples=150, deadline=None)
@given(rows, st.integers(0, 2**16))
def test_star_then_strays_join_what_verifying_every_pair_joins(data, salt):
    """Any verification rule: the two cheap passes reach the components all pairs of a bucket reach."""
    n = 10

    def verified(a: int, b: int) -> bool:
        return (a * 7919 + b * 104729 + salt) % 5 < 2  # an arbitrary symmetric-enough rule

    def ok(pairs: np.ndarray) -> np.ndarray:
        return np.array([verified(min(a, b), max(a, b)) for a, b in pairs.tolist()], dtype=bool)

    keys = np.array([k for k, _ in data], dtype=np.uint64)
    owners = np.array([o for _, o in data], dtype=np.int64)
    every = [p for p in _brute(data, 0, 10**6) if verified(*p)]
    grouped, first, size = key_groups(keys, owners)
    labels = np.arange(n, dtype=np.int64)
    star = star_pairs(grouped, first, size)
    star = star[ok(star)] if len(star) else star
    after = merge(labels, star)
    strays = stray_pairs(grouped, first, size, after, 0, max_group=10**6)
    strays = strays[ok(strays)] if len(strays) else strays
    cheap = [tuple(p) for p in np.concatenate((star, strays)).tolist()]
    assert _components(n, cheap) == _components(n, every)
