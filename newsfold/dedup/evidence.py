"""Two articles in, aligned sentences and paragraphs out: the passages that prove a copy or a reuse."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from newsfold.dedup.fingerprint import fingerprint
from newsfold.dedup.meaning import align, greedy_match
from newsfold.dedup.passages import paragraph_of, paragraph_spans, sentence_spans
from newsfold.model import AlignedPassage, Article, Cite, Span

# Sentences whose character-level similarity (rapidfuzz ratio, 0-100) reaches this are one sentence with
# small edits (spelling, quotes, a changed word); unrelated sentences on one topic stay far below.
FUZZY_SENTENCE = 85.0


@dataclass(slots=True)
class Passages:
    """An article's alignable sentences, their paragraphs, and optionally their vectors."""

    article: Article
    sentences: list[Span]
    paragraphs: list[Span]
    paragraph_index: list[int]
    vectors: np.ndarray | None = None

    @classmethod
    def of(cls, article: Article, vectors: np.ndarray | None = None) -> Passages:
        sentences = sentence_spans(article)
        paragraphs = paragraph_spans(article)
        return cls(article, sentences, paragraphs, paragraph_of(sentences, paragraphs), vectors)

    def texts(self) -> list[str]:
        return [self.article.text[s.start : s.end] for s in self.sentences]


def lexical_alignment(a: Passages, b: Passages) -> list[tuple[int, int, float]]:
    """One-to-one sentence pairs that are the same sentence, exactly or with small edits."""
    ta, tb = a.texts(), b.texts()
    if not ta or not tb:
        return []
    keys = fingerprint(ta + tb).exact
    first_b: dict[int, int] = {}
    for j, key in enumerate(keys[len(ta) :].tolist()):
        first_b.setdefault(key, j)
    pairs, used_b = [], set()
    for i, key in enumerate(keys[: len(ta)].tolist()):
        j = first_b.get(key)
        if j is not None and j not in used_b:
            pairs.append((i, j, 1.0))
            used_b.add(j)
    rest_a = [i for i in range(len(ta)) if i not in {p[0] for p in pairs}]
    rest_b = [j for j in range(len(tb)) if j not in used_b]
    if rest_a and rest_b:
        scores = cdist([ta[i] for i in rest_a], [tb[j] for j in rest_b], scorer=fuzz.ratio, workers=1)
        for i, j, s in greedy_match(scores / 100.0, FUZZY_SENTENCE / 100.0):
            pairs.append((rest_a[i], rest_b[j], s))
    return sorted(pairs)


def meaning_alignment(a: Passages, b: Passages, threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one sentence pairs whose vectors are close (paraphrase, translation)."""
    if a.vectors is None or b.vectors is None:
        return []
    return align(a.vectors, b.vectors, threshold)


def paragraph_evidence(
    a: Passages, b: Passages, pairs: list[tuple[int, int, float]], min_share: float
) -> list[AlignedPassage]:
    """Paragraph pairs holding enough aligned sentences, each paragraph used once, in a's order."""
    count: dict[tuple[int, int], list[float]] = {}
    for i, j, s in pairs:
        pa, pb = a.paragraph_index[i], b.paragraph_index[j]
        if pa >= 0 and pb >= 0:
            count.setdefault((pa, pb), []).append(s)
    size_a = np.bincount([p for p in a.paragraph_index if p >= 0], minlength=len(a.paragraphs))
    size_b = np.bincount([p for p in b.paragraph_index if p >= 0], minlength=len(b.paragraphs))
    ranked = sorted(count.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    used_a, used_b, out = set(), set(), []
    for (pa, pb), scores in ranked:
        if pa in used_a or pb in used_b or len(scores) < min_share * min(size_a[pa], size_b[pb]):
            continue
        used_a.add(pa)
        used_b.add(pb)
        out.append(_passage(a, b, a.paragraphs[pa], b.paragraphs[pb], float(np.mean(scores))))
    return sorted(out, key=lambda p: p.a.start)


def sentence_evidence(a: Passages, b: Passages, pairs: list[tuple[int, int, float]]) -> list[AlignedPassage]:
    """Aligned sentence pairs as cited passages."""
    return [_passage(a, b, a.sentences[i], b.sentences[j], s) for i, j, s in pairs]


def reordered(passages: list[AlignedPassage]) -> bool:
    """True when aligned passages appear in a different order in the second article."""
    order = [p.b.start for p in sorted(passages, key=lambda p: p.a.start)]
    return any(y < x for x, y in pairwise(order))


def _passage(a: Passages, b: Passages, sa: Span, sb: Span, score: float) -> AlignedPassage:
    return AlignedPassage(
        Cite(a.article.id, sa.start, sa.end), Cite(b.article.id, sb.start, sb.end), round(score, 4)
    )
