"""Keys per text in, candidate pairs out: texts that share an LSH band key or enough rare sentences.

Everything is sorting and run-finding on flat numpy arrays, so candidate search over a million texts
is a handful of array passes. Only pairs touching a text of the current batch (index >= `first_new`)
are returned: earlier pairs were settled by earlier runs.
"""

from __future__ import annotations

import numpy as np


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
    codes, counts = np.unique(both[:, 0] * width + both[:, 1], return_counts=True)
    return np.stack((codes // width, codes % width), axis=1), counts


def distinct_rows(flat: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's values sorted and made distinct, as a new flat array with new row offsets."""
    owners = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
    order = np.lexsort((flat, owners))
    values, owners = flat[order], owners[order]
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = (values[1:] != values[:-1]) | (owners[1:] != owners[:-1])
    values, owners = values[keep], owners[keep]
    return values, np.searchsorted(owners, np.arange(len(offsets))).astype(np.int64)


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
    pos = np.repeat(first, size) + _ranks(size)  # every member position
    after = np.repeat(size, size) - 1 - _ranks(size)  # how many members follow it in its group
    left = np.repeat(pos, after)
    right = left + 1 + _ranks(after)
    a, b = owners[left], owners[right]
    return np.stack((np.minimum(a, b), np.maximum(a, b)), axis=1)


def _star_pairs(owners: np.ndarray, first: np.ndarray, size: np.ndarray) -> np.ndarray:
    if len(first) == 0:
        return np.zeros((0, 2), np.int64)
    hub = np.repeat(owners[first], size - 1)
    spoke = owners[np.repeat(first, size - 1) + 1 + _ranks(size - 1)]
    return np.stack((np.minimum(hub, spoke), np.maximum(hub, spoke)), axis=1)


def _ranks(sizes: np.ndarray) -> np.ndarray:
    """0..size-1 for each size, concatenated."""
    total = int(sizes.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    starts = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.arange(total, dtype=np.int64) - starts
