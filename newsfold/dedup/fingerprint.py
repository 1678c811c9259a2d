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
# and dash edits do not change tokens or sentence breaks.
_FOLD = (
    ("\u2019", "'  "),
    ("\u2018", "'  "),
    ("\u201c", '"  '),
    ("\u201d", '"  '),
    ("\u2014", " - "),
    ("\u2013", " - "),
    ("\u2026", "..."),
    ("\u00a0", "  "),
    ("\u00ab", '" '),
    ("\u00bb", '" '),
)
_FOLD_BYTES = tuple((a.encode(), b.encode()) for a, b in _FOLD)
assert all(len(a) == len(b) for a, b in _FOLD_BYTES)
_P = 0x9E3779B97F4A7C15 | 1  # odd, so it has an inverse modulo 2**64
_P_INV = pow(_P, -1, 2**64)


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
    """Lower-case UTF-8 with typographic variants folded: the form every hash here is taken of."""
    return _fold(text.lower().encode("utf-8"))


def _fold(data: bytes) -> bytes:
    for variant, ascii_form in _FOLD_BYTES:
        data = data.replace(variant, ascii_form)
    return data


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


@lru_cache(maxsize=4)
def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    pw = np.cumprod(np.full(n, _P, dtype=np.uint64), dtype=np.uint64)
    inv = np.cumprod(np.full(n, _P_INV, dtype=np.uint64), dtype=np.uint64)
    return pw, inv


def _token_hashes(b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start byte of every token and its mixed polynomial hash."""
    token, _, _ = _tables()
    is_tok = token[b]
    prev = np.concatenate(([False], is_tok[:-1]))
    starts = np.flatnonzero(is_tok & ~prev)
    if len(starts) == 0:
        return starts, np.zeros(0, np.uint64)
    idx = np.flatnonzero(is_tok)
    pw, inv = _powers(1 << max(20, int(len(b) - 1).bit_length()))
    weighted = b[idx].astype(np.uint64) * pw[idx]
    seg = np.searchsorted(idx, starts)
    raw = np.add.reduceat(weighted, seg) * inv[starts]
    return starts, mix(raw)


def _fingerprint_batch(texts: Sequence[str], config: ShingleConfig) -> Fingerprints:
    encoded = [t.lower().encode("utf-8") for t in texts]
    lengths = np.fromiter((len(e) + 1 for e in encoded), dtype=np.int64, count=len(encoded))
    text_starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    b = np.frombuffer(_fold(b"\n".join(encoded) + b"\n"), dtype=np.uint8)
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
    para = np.searchsorted(np.flatnonzero(b == ord("\n")), starts)
    shingles, sh_owner = _shingles(m, para, owner, config.k)
    sentences, se_owner = _sentences(b, starts, m, owner, config.min_sentence_tokens)
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
    b: np.ndarray, starts: np.ndarray, m: np.ndarray, owner: np.ndarray, min_tokens: int
) -> tuple[np.ndarray, np.ndarray]:
    """Sum of token hashes per sentence (ends: . ! ? before a space, or a newline), long ones only."""
    _, stop, space = _tables()
    brk = np.zeros(len(b), dtype=bool)
    brk[:-1] = stop[b[:-1]] & space[b[1:]]
    # a stop inside closing quotes ('said it."  Then') ends the sentence as well
    brk[:-2] |= stop[b[:-2]] & ((b[1:-1] == ord('"')) | (b[1:-1] == ord("'"))) & space[b[2:]]
    brk |= b == ord("\n")
    sent = np.searchsorted(np.flatnonzero(brk), starts)
    if len(sent) == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    first, length = _runs(sent)
    sums = np.add.reduceat(m, first)
    keep = length >= min_tokens
    return mix(sums[keep] ^ np.uint64(0x5E)), owner[first[keep]]
