"""Shingle hashes in, MinHash signatures and LSH band keys out (rensa computes the signatures)."""

from __future__ import annotations

from array import array
from itertools import chain

import numpy as np
from rensa import RMinHash

from newsfold.dedup.config import MinHashConfig
from newsfold.dedup.fingerprint import Fingerprints, mix, mix_inplace


def sign(fp: Fingerprints, config: MinHashConfig = MinHashConfig()) -> np.ndarray:
    """One uint32 MinHash row per text, from the flat shingle-hash buffer (no per-shingle objects)."""
    if len(fp) == 0:
        return np.zeros((0, config.num_perm), dtype=np.uint32)
    matrix = RMinHash.digest_matrix_from_flat_token_hashes(
        fp.shingles, fp.shingle_offsets.astype(np.uint64), config.num_perm, config.seed
    )
    # rensa hands rows back as lists only; array.array fills from the flattened ints ~1.3x faster than
    # np.array on the nested lists (no buffer export in rensa 0.5)
    flat = array("I", chain.from_iterable(matrix.to_rows()))
    return np.frombuffer(flat, dtype=np.uint32).reshape(len(fp), config.num_perm)


def band_keys(signatures: np.ndarray, config: MinHashConfig = MinHashConfig()) -> np.ndarray:
    """One uint64 key per (text, band): the band's rows folded together, salted by the band number."""
    n = len(signatures)
    rows = signatures[:, : config.bands * config.rows].reshape(n, config.bands, config.rows)
    key = np.zeros((n, config.bands), dtype=np.uint64)
    for r in range(config.rows):  # one (n, bands) column at a time: no 64-bit copy of every signature
        key ^= rows[:, :, r]
        mix_inplace(key)
    key ^= mix(np.arange(config.bands, dtype=np.uint64) + np.uint64(1))[None, :]
    return key


def estimate_jaccard(signatures: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Share of equal signature rows for each pair: an unbiased estimate of their Jaccard similarity."""
    if len(pairs) == 0:
        return np.zeros(0)
    equal = np.empty(len(pairs), dtype=np.int64)
    step = 8192  # pairs per chunk: the gathered rows stay in cache (~1.6x faster than all at once)
    for at in range(0, len(pairs), step):
        chunk = pairs[at : at + step]
        equal[at : at + step] = np.count_nonzero(signatures[chunk[:, 0]] == signatures[chunk[:, 1]], axis=1)
    return equal / signatures.shape[1]
