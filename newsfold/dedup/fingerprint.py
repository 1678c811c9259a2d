"""Texts in, fingerprints out: exact keys, order-insensitive shingle hashes and sentence hashes.

All work is vectorised over a batch of texts joined into one byte buffer: tokens are hashed with a
polynomial hash computed by `np.add.reduceat`, shingles are differences of a running sum of token
hashes (a sum does not care about word order inside the window), and windows never cross a paragraph,
so shuffling paragraphs keeps every shingle. No Python object is made per token or per shingle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import xxhash

from newsfold.dedup.config import ShingleConfig

# Typographic variants fold to ASCII of the same byte length (so byte offsets survive), so quote-style
# and dash edits do not change tokens or sentence breaks. Keyed by the UTF-8 bytes after the lead byte.
_FOLD_E2_80 = {
    0x98: b"'  ",
    0x99: b"'  ",
    0x9C: b'"  ',
    0x9D: b'"  ',
    0x94: b" - ",
    0x93: b" - ",
    0xA6: b"...",
}
_FOLD_C2 = {0xA0: b"  ", 0xAB: b'" ', 0xBB: b'" '}
_P = 0x9E3779B97F4A7C15  # golden-ratio constant: spreads token lengths over the word


@dataclass(slots=True)
class Fingerprints:
    """Per text: an exact key, shingle hashes and sentence hashes (flat arrays with row offsets)."""

    exact: np.ndarray  # uint64 (n,)
    shingles: np.ndarray  # uint64, grouped by text
    shingle_offsets: np.ndarray  # int64 (n + 1,)
    sentences: np.ndarray  # uint64, sentence hashes in text order (long sentences only)
    sentence_offsets: np.ndarray  # int64 (n + 1,)
    nbytes: int

    def __len__(self) -> int:
        return len(self.exact)

    def shingles_of(self, i: int) -> np.ndarray:
        return self.shingles[self.shingle_offsets[i] : self.shingle_offsets[i + 1]]

    def sentences_of(self, i: int) -> np.ndarray:
        return self.sentences[self.sentence_offsets[i] : self.sentence_offsets[i + 1]]


def normalize(text: str) -> bytes:
    """Lower-case (ASCII) UTF-8 with typographic variants folded: the form every hash here is taken of."""
    return _fold(np.frombuffer(text.encode("utf-8").lower(), dtype=np.uint8).copy()).tobytes()


def _fold(b: np.ndarray) -> np.ndarray:
    """Fold curly quotes, dashes, ellipses and no-break spaces in place (only at their lead bytes)."""
    table3, table2 = _fold_tables()
    lead = np.flatnonzero(b[:-2] == 0xE2)
    lead = lead[(b[lead + 1] == 0x80) & table3[b[lead + 2], 0].astype(bool)]
    third = b[lead + 2]
    for k in range(3):
        b[lead + k] = table3[third, k]
    lead = np.flatnonzero(b[:-1] == 0xC2)
    lead = lead[table2[b[lead + 1], 0].astype(bool)]
    second = b[lead + 1]
    for k in range(2):
        b[lead + k] = table2[second, k]
    return b


@lru_cache(maxsize=1)
def _fold_tables() -> tuple[np.ndarray, np.ndarray]:
    table3 = np.zeros((256, 3), dtype=np.uint8)
    for key, value in _FOLD_E2_80.items():
        table3[key] = list(value)
    table2 = np.zeros((256, 2), dtype=np.uint8)
    for key, value in _FOLD_C2.items():
        table2[key] = list(value)
    return table3, table2


def fingerprint(texts: Sequence[str], config: ShingleConfig = ShingleConfig()) -> Fingerprints:
    """Fingerprint texts in byte-bounded batches and concatenate the results."""
    parts: list[Fingerprints] = []
    start, size = 0, 0
    for end, text in enumerate(texts, 1):
        size += len(text) + 1
        if size >= config.batch_bytes or end == len(texts):
            parts.append(_fingerprint_batch(texts[start:end], config))
            start, size = end, 0
    return concat(parts) if parts else _empty()


def concat(parts: Sequence[Fingerprints]) -> Fingerprints:
    """One Fingerprints from several, in order."""
    if not parts:
        return _empty()
    return Fingerprints(
        exact=np.concatenate([p.exact for p in parts]),
        shingles=np.concatenate([p.shingles for p in parts]),
        shingle_offsets=_join_offsets([p.shingle_offsets for p in parts]),
        sentences=np.concatenate([p.sentences for p in parts]),
        sentence_offsets=_join_offsets([p.sentence_offsets for p in parts]),
        nbytes=sum(p.nbytes for p in parts),
    )


def mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads sums of hashes over all 64 bits (vectorised)."""
    x = x.astype(np.uint64, copy=True)
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def _empty() -> Fingerprints:
    z = np.zeros(0, dtype=np.uint64)
    return Fingerprints(z, z, np.zeros(1, np.int64), z, np.zeros(1, np.int64), 0)


def _join_offsets(offsets: Sequence[np.ndarray]) -> np.ndarray:
    out, base = [np.zeros(1, np.int64)], 0
    for off in offsets:
        out.append(off[1:] + base)
        base += int(off[-1])
    return np.concatenate(out)


def _byte_table(members: bytes) -> bytes:
    return bytes(1 if i in members else 0 for i in range(256))


# bytes.translate with these tables is a C-speed lookup (numpy fancy indexing is ~10x slower)
_TOKEN_BYTES = _byte_table(b"abcdefghijklmnopqrstuvwxyz0123456789" + bytes(range(0x80, 0x100)))
_STOP_BYTES = _byte_table(b".!?")


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    token = np.zeros(256, dtype=bool)
    for lo, hi in ((ord("a"), ord("z")), (ord("0"), ord("9"))):
        token[lo : hi + 1] = True
    token[0x80:] = True  # UTF-8 bytes of non-ASCII letters (typographic marks were folded above)
    stop = np.zeros(256, dtype=bool)
    stop[[ord("."), ord("!"), ord("?")]] = True
    space = np.zeros(256, dtype=bool)
    space[[ord(" "), ord("\n"), ord("\t"), ord("\r")]] = True
    return token, stop, space


_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)
_MAX_TOKEN_WORDS = 3  # tokens are hashed from their first 24 bytes and their length


def _token_hashes(b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start byte of every token and its hash, read as little-endian 8-byte words (no per-byte maths).

    `b` starts with a non-token byte and ends with at least 24 of them, so token edges alternate
    start/end and every 8-byte read stays inside the buffer.
    """
    is_tok = np.frombuffer(b.tobytes().translate(_TOKEN_BYTES), dtype=bool)  # C-speed lookup table
    edges = np.flatnonzero(is_tok[1:] != is_tok[:-1]) + 1
    starts, lengths = edges[0::2], edges[1::2] - edges[0::2]
    # word i = bytes i .. i+7 of b (an overlapping, unaligned view: no copy)
    words = np.ndarray((len(b) - 7,), dtype="<u8", buffer=b, strides=(1,))
    h = lengths.astype(np.uint64) * np.uint64(_P)
    rows = np.arange(len(starts))
    for k in range(_MAX_TOKEN_WORDS):
        if k:
            rows = rows[lengths[rows] > 8 * k]
        left = np.minimum(lengths[rows] - 8 * k, 8).astype(np.uint64)
        mask = np.where(left >= 8, _ALL, (np.uint64(1) << (left * np.uint64(8))) - np.uint64(1))
        h[rows] = mix(h[rows] ^ (words[starts[rows] + 8 * k] & mask))
    return starts, h


def _fingerprint_batch(texts: Sequence[str], config: ShingleConfig) -> Fingerprints:
    encoded = [t.encode("utf-8") for t in texts]
    lengths = np.fromiter((len(e) + 1 for e in encoded), dtype=np.int64, count=len(encoded))
    text_starts = np.concatenate(([1], 1 + np.cumsum(lengths)[:-1]))
    joined = (b"\n" + b"\n".join(encoded) + b"\n" * 32).lower()  # ASCII case only: fast, and enough for news
    b = _fold(np.frombuffer(joined, dtype=np.uint8).copy())
    starts, m = _token_hashes(b)
    owner = np.searchsorted(text_starts, starts, side="right") - 1
    tok_offsets = np.searchsorted(owner, np.arange(len(texts) + 1))
    exact = np.fromiter(
        (
            xxhash.xxh3_64_intdigest(m[tok_offsets[i] : tok_offsets[i + 1]].tobytes())
            for i in range(len(texts))
        ),
        dtype=np.uint64,
        count=len(texts),
    )
    newlines = np.flatnonzero(b == ord("\n"))
    shingles, sh_owner = _shingles(m, np.searchsorted(newlines, starts), owner, config.k)
    sentences, se_owner = _sentences(b, starts, m, owner, newlines, config.min_sentence_tokens)
    return Fingerprints(
        exact=exact,
        shingles=shingles,
        shingle_offsets=np.searchsorted(sh_owner, np.arange(len(texts) + 1)).astype(np.int64),
        sentences=sentences,
        sentence_offsets=np.searchsorted(se_owner, np.arange(len(texts) + 1)).astype(np.int64),
        nbytes=int(lengths.sum()),
    )


def _runs(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start index and length of each run of equal values."""
    if len(ids) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    first = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    return first, np.diff(np.concatenate((first, [len(ids)])))


def _shingles(m: np.ndarray, para: np.ndarray, owner: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Sums of k consecutive token hashes inside one paragraph; a shorter paragraph is one shingle."""
    n = len(m)
    csum = np.concatenate((np.zeros(1, np.uint64), np.cumsum(m, dtype=np.uint64)))
    keep = np.zeros(n, dtype=bool)
    value = np.zeros(n, dtype=np.uint64)
    if n >= k:
        ok = para[: n - k + 1] == para[k - 1 :]
        keep[: n - k + 1] = ok
        value[: n - k + 1] = csum[k:] - csum[: n - k + 1]
    first, length = _runs(para)
    short = length < k
    keep[first[short]] = True
    value[first[short]] = csum[first[short] + length[short]] - csum[first[short]]
    return mix(value[keep] ^ np.uint64(k)), owner[keep]


def _sentences(
    b: np.ndarray, starts: np.ndarray, m: np.ndarray, owner: np.ndarray, newlines: np.ndarray, min_tokens: int
) -> tuple[np.ndarray, np.ndarray]:
    """Sum of token hashes per sentence (ends: . ! ? before a space, or a newline), long ones only."""
    _, _, space = _tables()
    stops = np.flatnonzero(np.frombuffer(b[:-2].tobytes().translate(_STOP_BYTES), dtype=bool))
    after, after2 = b[stops + 1], b[stops + 2]
    # a stop inside closing quotes ('said it."  Then') ends the sentence as well
    ends = space[after] | (((after == ord('"')) | (after == ord("'"))) & space[after2])
    sent = np.searchsorted(np.sort(np.concatenate((stops[ends], newlines))), starts)  # disjoint sets
    if len(sent) == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    first, length = _runs(sent)
    sums = np.add.reduceat(m, first)
    keep = length >= min_tokens
    return mix(sums[keep] ^ np.uint64(0x5E)), owner[first[keep]]
