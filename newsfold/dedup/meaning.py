"""Layer 4: sentence embeddings in, paraphrase candidates and one-to-one sentence alignments out.

An article's vector is the mean of its sentence vectors, which does not depend on sentence order, so a
shuffled paraphrase still lands next to its original in the ANN index (usearch). Candidates are then
verified by aligning sentences one to one: a copy aligns most of the shorter article, an article that
merely reuses a few wire lines does not.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from newsfold import embed
from newsfold.dedup.config import MeaningConfig
from newsfold.dedup.encoder import encode
from newsfold.dedup.passages import sentence_spans
from newsfold.model import Article

log = logging.getLogger(__name__)


def embed_articles(articles: Sequence[Article], config: MeaningConfig = MeaningConfig()) -> list[np.ndarray]:
    """Unit sentence vectors per article (float32, one row per alignable sentence)."""
    texts, sizes = [], []
    for article in articles:
        spans = sentence_spans(article)
        texts.extend(article.text[s.start : s.end] for s in spans)
        sizes.append(len(spans))
    vectors = encode(texts, config)
    log.debug("embedded %d sentences of %d articles", len(texts), len(articles))
    bounds = np.concatenate(([0], np.cumsum(sizes))).astype(int)
    return [vectors[bounds[i] : bounds[i + 1]] for i in range(len(articles))]


def centroid(vectors: np.ndarray) -> np.ndarray:
    """Unit mean of an article's sentence vectors (zeros for an article without sentences)."""
    if len(vectors) == 0:
        return np.zeros(embed.DIMENSIONS, dtype=np.float32)
    mean = vectors.astype(np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean


def candidate_pairs(
    centroids: np.ndarray, queries: np.ndarray, config: MeaningConfig = MeaningConfig()
) -> list[tuple[int, int, float]]:
    """(query row, neighbour row, cosine) for each query's nearest neighbours above the candidate cosine."""
    if len(centroids) < 2 or len(queries) == 0:
        return []
    from usearch.index import Index

    index = Index(ndim=centroids.shape[1], metric="cos", dtype="f32")
    index.add(np.arange(len(centroids)), centroids.astype(np.float32))
    k = min(config.neighbours + 1, len(centroids))
    found = index.search(centroids[queries].astype(np.float32), k)
    keys = np.asarray(found.keys).reshape(len(queries), -1)
    dist = np.asarray(found.distances).reshape(len(queries), -1)
    out = []
    for q, row_keys, row_dist in zip(queries, keys, dist, strict=True):
        for key, d in zip(row_keys, row_dist, strict=True):
            cos = 1.0 - float(d)
            if int(key) != int(q) and int(key) >= 0 and cos >= config.candidate_cosine:
                out.append((int(q), int(key), cos))
    return out


def align(a: np.ndarray, b: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Greedy one-to-one sentence alignment, best pairs first, any order: (row in a, row in b, cosine)."""
    if len(a) == 0 or len(b) == 0:
        return []
    return sorted(greedy_match(a.astype(np.float32) @ b.astype(np.float32).T, threshold))


def greedy_match(sim: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one matching over a similarity matrix, best pairs first, each row and column used once."""
    rows, cols = np.nonzero(sim >= threshold)
    order = np.argsort(-sim[rows, cols], kind="stable")
    used_a, used_b, out = set(), set(), []
    for i, j in zip(rows[order].tolist(), cols[order].tolist(), strict=True):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j, float(sim[i, j])))
    return out


def aligned_share(pairs: list[tuple[int, int, float]], size_a: int, size_b: int) -> float:
    """Share of the shorter article's sentences that found a partner."""
    shorter = min(size_a, size_b)
    return len(pairs) / shorter if shorter else 0.0
