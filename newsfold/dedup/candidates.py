"""Keys per text in, candidate pairs out: texts that share an LSH band key or enough rare sentences.

Everything is sorting and run-finding on flat numpy arrays, so candidate search over a million texts
is a handful of array passes. Only pairs touching a text of the current batch (index >= `first_new`)
are returned: earlier pairs were settled by earlier runs.
"""

from __future__ import annotations

import numpy as np

from newsfold.dedup.fingerprint import mix


def shared_key_pairs(
    keys: np.ndarray,
    owners: np.ndarray,
    first_new: int = 0,
    max_group: int = 64,
    star_above: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of owners sharing keys, with how many distinct keys each pair shares.

    Keys held by more than `max_group` owners are dropped (boilerplate), or with `star_above` their
    owners are linked to the group's first owner only (a big bucket of near copies stays linear).
    """
    keys, owners = _distinct(keys, owners)
    first, size = _runs(keys)
    pairs = [
        _all_pairs(owners, first[(size >= 2) & (size <= max_group)], size[(size >= 2) & (size <= max_group)])
    ]
    if star_above:
        big = size > max_group
        pairs.append(_star_pairs(owners, first[big], size[big]))
    both = np.concatenate(pairs) if pairs else np.zeros((0, 2), np.int64)
    both = both[both[:, 1] >= first_new]
    if len(both) == 0:
        return np.zeros((0, 2), np.int64), np.zeros(0, np.int64)
    width = int(owners.max()) + 1
    codes, counts = unique_counts(both[:, 0] * width + both[:, 1])
    return np.stack((codes // width, codes % width), axis=1), counts


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values. numpy 2.4's `np.unique` takes a hash path without `return_counts` that
    measured ~50x slower than one sort on millions of int64 codes here."""
    if len(values) == 0:
        return values
    ordered = np.sort(values)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def unique_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and how often each occurs (one sort)."""
    if len(values) == 0:
        return values, np.zeros(0, np.int64)
    ordered = np.sort(values)
    first, size = _runs(ordered)
    return ordered[first], size


def distinct_rows(flat: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's values made distinct (first occurrences, in row order), with new row offsets.

    One sort of a 64-bit key mixing value and row (a two-key lexsort measured several times slower);
    two different (row, value) pairs collide with probability ~2^-64.
    """
    owners = np.repeat(np.arange(len(offsets) - 1, dtype=np.uint64), np.diff(offsets))
    key = flat ^ mix(owners + np.uint64(1))
    order = np.argsort(key, kind="stable")  # stable: the first occurrence of a repeat is kept
    ordered = key[order]
    repeat = np.zeros(len(flat), dtype=bool)
    repeat[order[1:][ordered[1:] == ordered[:-1]]] = True
    keep = ~repeat
    return flat[keep], np.searchsorted(owners[keep], np.arange(len(offsets), dtype=np.uint64)).astype(
        np.int64
    )


def _distinct(keys: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(key, owner) rows sorted by key then owner, each row once."""
    order = np.lexsort((owners, keys))
    k, o = keys[order], owners[order].astype(np.int64)
    if len(k) == 0:
        return k, o
    keep = np.concatenate(([True], (k[1:] != k[:-1]) | (o[1:] != o[:-1])))
    return k[keep], o[keep]


def _runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if len(values) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    first = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    return first, np.diff(np.concatenate((first, [len(values)])))


def _all_pairs(owners: np.ndarray, first: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Every pair inside each group [first, first + size), as (smaller owner, larger owner)."""
    if len(first) == 0:
        return np.zeros((0, 2), np.int64)
    pos = np.repeat(first, size) + ranks(size)  # every member position
    after = np.repeat(size, size) - 1 - ranks(size)  # how many members follow it in its group
    left = np.repeat(pos, after)
    right = left + 1 + ranks(after)
    a, b = owners[left], owners[right]
    return np.stack((np.minimum(a, b), np.maximum(a, b)), axis=1)


def _star_pairs(owners: np.ndarray, first: np.ndarray, size: np.ndarray) -> np.ndarray:
    if len(first) == 0:
        return np.zeros((0, 2), np.int64)
    hub = np.repeat(owners[first], size - 1)
    spoke = owners[np.repeat(first, size - 1) + 1 + ranks(size - 1)]
    return np.stack((np.minimum(hub, spoke), np.maximum(hub, spoke)), axis=1)


def ranks(sizes: np.ndarray) -> np.ndarray:
    """0..size-1 for each size, concatenated."""
    total = int(sizes.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    starts = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.arange(total, dtype=np.int64) - starts


def key_groups(keys: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Owners sorted by (key, owner), each (key, owner) once, and the start and size of every group of
    two or more owners sharing a key (singletons, the vast majority, are dropped here).

    One unstable sort of the keys, then a sort of (group, owner) codes for the few shared keys only:
    measured ~4x cheaper than a two-key lexsort over every key.
    """
    if len(keys) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = np.argsort(keys)
    first, size = _runs(keys[order])
    multi = size >= 2
    first, size = first[multi], size[multi]
    pos = np.repeat(first, size) + ranks(size)
    width = int(owners.max()) + 1
    codes = unique_sorted(np.repeat(np.arange(len(first), dtype=np.int64), size) * width + owners[order[pos]])
    group, grouped = codes // width, codes % width
    first, size = _runs(group)
    multi = size >= 2
    return grouped, first[multi], size[multi]


def star_pairs(owners: np.ndarray, first: np.ndarray, size: np.ndarray, first_new: int = 0) -> np.ndarray:
    """(group's smallest owner, other owner) for every group: one pair per member, so linear in size."""
    pairs = _star_pairs(owners, first, size)
    return _unique_pairs(pairs[pairs[:, 1] >= first_new])


def cross_label_pairs(
    owners: np.ndarray,
    first: np.ndarray,
    size: np.ndarray,
    labels: np.ndarray,
    first_new: int = 0,
    max_group: int = 64,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) sharing keys whose labels differ, with how many distinct keys each shares.

    Groups above `max_group` are skipped (boilerplate). Pairs inside one label are never generated:
    they are settled already, which keeps the cost at the number of pairs that can still matter when
    a story is reprinted many times. For the pairs returned the count equals `shared_key_pairs`'s.
    """
    small = size <= max_group
    first, size = first[small], size[small]
    if len(first) == 0:
        return np.zeros((0, 2), np.int64), np.zeros(0, np.int64)
    # groups whose members all carry one label give no pair: dropped before the sort (most of them
    # once the near layer and the hub pass have joined the families)
    lab = labels[owners[np.repeat(first, size) + ranks(size)]]
    bounds = np.concatenate(([0], np.cumsum(size)[:-1]))
    mixed = np.minimum.reduceat(lab, bounds) != np.maximum.reduceat(lab, bounds)
    first, size = first[mixed], size[mixed]
    if len(first) == 0:
        return np.zeros((0, 2), np.int64), np.zeros(0, np.int64)
    pos = np.repeat(first, size) + ranks(size)
    group = np.repeat(np.arange(len(first)), size)
    lab = labels[owners[pos]]
    # inside each group, members of one label side by side (one int64 key: quicker than a lexsort)
    order = np.argsort(group * (int(lab.max()) + 1) + lab)
    pos, group, lab = pos[order], group[order], lab[order]
    start = np.concatenate(([True], (group[1:] != group[:-1]) | (lab[1:] != lab[:-1])))
    block = np.cumsum(start) - 1
    block_end = np.flatnonzero(np.concatenate((start[1:], [True]))) + 1  # one past each block's end
    group_end = np.cumsum(size)
    after = group_end[group] - block_end[block]  # members of later labels in the same group
    index = np.arange(len(pos))
    left = np.repeat(index, after)
    right = np.repeat(block_end[block], after) + ranks(after)
    a, b = owners[pos[left]], owners[pos[right]]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    if first_new:
        keep = hi >= first_new
        lo, hi = lo[keep], hi[keep]
    if len(lo) == 0:
        return np.zeros((0, 2), np.int64), np.zeros(0, np.int64)
    # one int64 code per pair, counted by one sort (the (n, 2) array is made for the distinct pairs only)
    width = int(hi.max()) + 1
    lo *= width
    lo += hi
    codes, counts = unique_counts(lo)
    return np.stack((codes // width, codes % width), axis=1), counts


def stray_pairs(
    owners: np.ndarray,
    first: np.ndarray,
    size: np.ndarray,
    labels: np.ndarray,
    first_new: int = 0,
    max_group: int = 32,
) -> np.ndarray:
    """After star pairs were verified: pairs that could still join two components inside a group.

    A member whose label differs from its group's first owner ("stray") is paired with every member of
    another label (groups up to `max_group`) or with the first member of each other label (bigger
    groups). With the star pairs this reaches every component join that all pairs in small groups would.
    """
    lab = labels[owners]
    hub_label = np.repeat(lab[first], size)
    members = np.repeat(first, size) + ranks(size)
    stray = lab[members] != hub_label
    if not stray.any():
        return np.zeros((0, 2), np.int64)
    group = np.repeat(np.arange(len(first)), size)
    touched = unique_sorted(group[stray])
    small = touched[size[touched] <= max_group]
    pairs = [_all_pairs(owners, first[small], size[small])]
    big = touched[size[touched] > max_group]
    if len(big):
        # one member per (group, label) in big groups, then all pairs among those representatives
        pos = np.repeat(first[big], size[big]) + ranks(size[big])
        g = np.repeat(big, size[big])
        order = np.lexsort((pos, lab[pos], g))
        pos, g = pos[order], g[order]
        head = np.concatenate(([True], (g[1:] != g[:-1]) | (lab[pos][1:] != lab[pos][:-1])))
        reps, rep_group = pos[head], g[head]
        rep_first, rep_size = _runs(rep_group)
        reps_owners = owners[reps]
        pairs.append(_all_pairs(reps_owners, rep_first[rep_size >= 2], rep_size[rep_size >= 2]))
    both = np.concatenate(pairs)
    both = both[(both[:, 1] >= first_new) & (labels[both[:, 0]] != labels[both[:, 1]])]
    return _unique_pairs(both)


def _unique_pairs(pairs: np.ndarray) -> np.ndarray:
    if len(pairs) == 0:
        return np.zeros((0, 2), np.int64)
    width = int(pairs.max()) + 1
    codes = unique_sorted(pairs[:, 0] * width + pairs[:, 1])
    return np.stack((codes // width, codes % width), axis=1)
