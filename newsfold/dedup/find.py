"""Articles (plus what earlier runs remembered) in, copy families and partial reuse out."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from newsfold.dedup.candidates import distinct_rows, ranks
from newsfold.dedup.config import DedupConfig, MeaningConfig
from newsfold.dedup.evidence import Passages, lexical_alignment, sentence_evidence
from newsfold.dedup.families import build_families
from newsfold.dedup.fingerprint import fingerprint_batches
from newsfold.dedup.lexical import link_contained, link_exact, link_near, merge
from newsfold.dedup.meaning import align, candidate_pairs, centroid, embed_articles
from newsfold.dedup.signatures import sign
from newsfold.dedup.state import DedupState, Link
from newsfold.model import Article, CopyFamily, Reuse

log = logging.getLogger(__name__)
Lookup = Callable[[str], "Article | None"]


@dataclass(slots=True)
class DedupResult:
    """Families touching this batch, partial reuse found in it, and the state to keep for the next one."""

    families: list[CopyFamily] = field(default_factory=list)
    reuse: list[Reuse] = field(default_factory=list)
    state: DedupState = field(default_factory=DedupState)


def find_families(
    articles: Sequence[Article],
    state: DedupState | None = None,
    config: DedupConfig = DedupConfig(),
    lookup: Lookup | None = None,
) -> DedupResult:
    """Fold articles into copy families, joining the families `state` already knows.

    `lookup` returns earlier articles by id (for evidence against them); without it, evidence is
    given only between articles of this batch.
    """
    state = state if state is not None else DedupState(num_perm=config.minhash.num_perm)
    batch = {a.id: a for a in articles}
    new = [a for a in batch.values() if a.id not in state.index]
    first_new = len(state)
    with _collector_paused():
        _add(state, new, config)
        labels = merge(np.arange(len(state), dtype=np.int64), state.link_ends())
        links, reps = link_exact(state, first_new)
        labels = merge(labels, _ends(links))
        near, labels = link_near(state, reps, first_new, labels, config)
        contained, reuse_pairs = link_contained(state, reps, first_new, labels, config)
        labels = merge(labels, _ends(contained))
        state.links.extend(links + near + contained)
    known = _Known(state, batch, lookup)
    if config.meaning.enabled and len(new):
        paraphrases, meaning_reuse = _link_paraphrases(state, reps, first_new, labels, known, config)
        state.links.extend(paraphrases)
        labels = merge(labels, _ends(paraphrases))
        reuse_pairs = np.concatenate((reuse_pairs, np.array(meaning_reuse, dtype=np.int64).reshape(-1, 3)))
    with _collector_paused():
        touched = [state.index[i] for i in batch]
        families = build_families(state, labels, touched, known if config.evidence else None, config)
        reuse = _reuse(state, labels, reuse_pairs, known, config)
    log.info(
        "dedup: %d articles (%d new), %d families, %d reuse", len(batch), len(new), len(families), len(reuse)
    )
    return DedupResult(families=families, reuse=reuse, state=state)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the lexical layers and families run.

    They make hundreds of thousands of small objects without reference cycles (links, members, lists),
    and each full collection this triggers walks the caller's whole heap (e.g. 100k articles): measured
    ~0.3 s of 1.2 s in family building at 100k articles. Reference counting still frees everything;
    the collector resumes, as it was, on the way out. (The meaning layer runs outside the pause.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Known:
    """Articles and their passages by state index, from this batch or the caller's lookup."""

    def __init__(self, state: DedupState, batch: dict[str, Article], lookup: Lookup | None) -> None:
        self.state, self.batch, self.lookup = state, batch, lookup
        self.cache: dict[int, Passages | None] = {}

    def article(self, i: int) -> Article | None:
        aid = self.state.ids[i]
        found = self.batch.get(aid)
        return found if found is not None or self.lookup is None else self.lookup(aid)

    def passages(self, i: int) -> Passages | None:
        if i not in self.cache:
            article = self.article(i)
            self.cache[i] = None if article is None else Passages.of(article)
        return self.cache[i]

    def with_vectors(self, i: int) -> Passages | None:
        """Passages with sentence vectors (embedding the article the first time it is asked for)."""
        found = self.passages(i)
        if found is not None and found.vectors is None:
            if i not in self.state.vectors:
                self.state.set_vectors(i, embed_articles([found.article])[0])
            found.vectors = self.state.vectors[i].astype(np.float32)
        return found


def _ends(links: list[Link]) -> np.ndarray:
    return np.array([(x.a, x.b) for x in links], dtype=np.int64).reshape(-1, 2)


def _add(state: DedupState, new: list[Article], config: DedupConfig) -> None:
    """Fingerprint and sign the new articles batch by batch; only signatures and sentence hashes stay
    (a batch's shingles are dropped once signed, so memory does not grow with the shingle count).

    A text repeated verbatim in the batch (a wire story run unchanged, the same page fetched twice) is
    fingerprinted once and its rows copied: identical strings are found by a dict of the texts, which
    costs one string hash per article (~1-2 us) against ~50 us to fingerprint and sign one.
    """
    if not new:
        return
    texts = [a.text for a in new]
    first_seen: dict[str, int] = {}
    first = np.fromiter(
        (first_seen.setdefault(t, i) for i, t in enumerate(texts)), dtype=np.int64, count=len(texts)
    )
    distinct = np.flatnonzero(first == np.arange(len(texts)))
    del first_seen
    exact, signatures, sentences, offsets = [], [], [], [np.zeros(1, np.int64)]
    for fp in fingerprint_batches([texts[i] for i in distinct.tolist()], config.shingles):
        exact.append(fp.exact)
        signatures.append(sign(fp, config.minhash))
        flat, rows = distinct_rows(fp.sentences, fp.sentence_offsets)
        sentences.append(flat)
        offsets.append(rows[1:] + offsets[-1][-1])
    exact_rows, signature_rows = np.concatenate(exact), np.concatenate(signatures)
    sentence_flat, sentence_offsets = np.concatenate(sentences), np.concatenate(offsets)
    if len(distinct) < len(texts):  # copy each repeat's rows from its first occurrence
        row = np.empty(len(texts), np.int64)
        row[distinct] = np.arange(len(distinct))
        row = row[first]
        exact_rows, signature_rows = exact_rows[row], signature_rows[row]
        sizes = np.diff(sentence_offsets)[row]
        sentence_flat = sentence_flat[np.repeat(sentence_offsets[row], sizes) + ranks(sizes)]
        sentence_offsets = np.concatenate(([0], np.cumsum(sizes)))
    state.extend_flat(
        [a.id for a in new],
        [a.published for a in new],
        exact_rows,
        signature_rows,
        sentence_flat,
        sentence_offsets,
    )


def _link_paraphrases(
    state: DedupState,
    reps: np.ndarray,
    first_new: int,
    labels: np.ndarray,
    known: _Known,
    config: DedupConfig,
) -> tuple[list[Link], list[tuple[int, int, int]]]:
    """Embed what the lexical layers left alone, find neighbours, keep pairs whose sentences align."""
    cfg = config.meaning
    sizes = np.bincount(labels)
    new_reps = [i for i in range(first_new, len(state)) if reps[i]]
    lonely = [i for i in new_reps if sizes[labels[i]] == 1]
    embedded_labels = {int(labels[i]) for i in state.vectors}
    # one member per new multi-member family, so later paraphrases of it have something to meet
    for i in new_reps:
        if sizes[labels[i]] > 1 and int(labels[i]) not in embedded_labels:
            lonely.append(i)
            embedded_labels.add(int(labels[i]))
    _embed(state, known, [i for i in lonely if i not in state.vectors], cfg)
    pool = sorted(state.vectors)
    centroids = np.stack([centroid(state.vectors[i].astype(np.float32)) for i in pool]) if pool else None
    row = {i: r for r, i in enumerate(pool)}
    queries = np.array([row[i] for i in lonely if i in row], dtype=np.int64)
    links, reuse, seen = [], [], set()
    for q, p, _ in candidate_pairs(centroids, queries, cfg) if centroids is not None else []:
        a, b = sorted((pool[q], pool[p]))
        if (a, b) in seen or labels[a] == labels[b]:
            continue
        seen.add((a, b))
        va, vb = state.vectors[a].astype(np.float32), state.vectors[b].astype(np.float32)
        pairs = align(va, vb, cfg.sentence_cosine)
        share = len(pairs) / max(1, min(len(va), len(vb)))
        if share >= cfg.min_aligned:
            links.append(Link(a, b, "paraphrase", share))
        elif _reused(
            known, a, b, [(i, j) for i, j, s in pairs if s >= cfg.reuse_cosine], cfg.reuse_min_words
        ):
            reuse.append((a, b, 0))
    return links, reuse


def _embed(state: DedupState, known: _Known, rows: list[int], cfg: MeaningConfig) -> None:
    """Sentence vectors for many articles in one length-sorted encode call."""
    found = [(i, a) for i in rows if (a := known.article(i)) is not None]
    for (i, _), vectors in zip(found, embed_articles([a for _, a in found], cfg), strict=True):
        state.set_vectors(i, vectors)


def _reused(known: _Known, a: int, b: int, pairs: list[tuple[int, int]], min_words: int) -> bool:
    """True when some aligned sentence pair is long, unquoted prose (not shared reported speech)."""
    pa, pb = known.passages(a), known.passages(b)
    if pa is None or pb is None:
        return False
    ta, tb = pa.texts(), pb.texts()
    return any(_prose(ta[i], min_words) and _prose(tb[j], min_words) for i, j in pairs)


def _prose(sentence: str, min_words: int) -> bool:
    return len(sentence.split()) >= min_words and not any(q in sentence for q in '"\u201c\u201d')


def _reuse(
    state: DedupState,
    labels: np.ndarray,
    pairs: np.ndarray,
    known: _Known,
    config: DedupConfig,
) -> list[Reuse]:
    """Reuse records, one per pair of families that share sentences without being copies: the article
    pair sharing the most (then the earliest pair). Every article pair would be quadratic in the size of
    the families (a wire text reprinted n times and appended to m copies of another story gives n x m
    pairs), while the families and the best pair say the same.
    """
    pairs = pairs[labels[pairs[:, 0]] != labels[pairs[:, 1]]]  # pairs that ended in one family are copies
    if len(pairs) == 0:
        return []
    la, lb = labels[pairs[:, 0]], labels[pairs[:, 1]]
    family_pair = np.minimum(la, lb) * (int(labels.max()) + 1) + np.maximum(la, lb)
    best_first = np.lexsort((pairs[:, 1], pairs[:, 0], -pairs[:, 2], family_pair))
    head = np.concatenate(([True], family_pair[best_first][1:] != family_pair[best_first][:-1]))
    chosen = pairs[best_first[head], :2]
    ends = chosen[np.lexsort((chosen[:, 1], chosen[:, 0]))]
    if not config.evidence:
        ids = state.ids
        return [Reuse(a=ids[a], b=ids[b]) for a, b in ends.tolist()]
    out = []
    for a, b in ends.tolist():
        pa, pb = (known.passages(a), known.passages(b)) if config.evidence else (None, None)
        sentences = []
        if pa is not None and pb is not None:
            aligned = lexical_alignment(pa, pb)
            if not aligned and a in state.vectors and b in state.vectors:
                pa, pb = known.with_vectors(a), known.with_vectors(b)
                aligned = align(pa.vectors, pb.vectors, config.meaning.reuse_cosine)
            sentences = sentence_evidence(pa, pb, aligned)
        out.append(Reuse(a=state.ids[a], b=state.ids[b], sentences=sentences))
    return out
