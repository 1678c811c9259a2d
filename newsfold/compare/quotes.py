"""Group quotes by speaker (canonical full names) and by meaning, each wording with its articles."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from rapidfuzz import fuzz

from newsfold.compare.config import CompareConfig
from newsfold.compare.speakers import NAMED, QuoteHit, find_quotes
from newsfold.model import Article, Quote, QuoteVariant

# Surname spellings this close (rapidfuzz ratio) are one person: Zelensky, Zelenskyy, Zelenskiy.
SURNAME_RATIO = 80.0


def canonical_names(names: list[str]) -> dict[str, str]:
    """Map every name to the most frequent full form sharing its surname (Kuleba -> Dmytro Kuleba)."""
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    full = sorted((n for n in counts if " " in n), key=lambda n: (-counts[n], -len(n), n))
    mapping: dict[str, str] = {}
    for name in counts:
        surname = name.split()[-1]
        match = next((f for f in full if fuzz.ratio(f.split()[-1], surname) >= SURNAME_RATIO), None)
        mapping[name] = match or name
    return mapping


def _meaning_groups(
    hits: list[QuoteHit],
    vectors: np.ndarray,
    names: dict[str, str],
    family: dict[str, str],
    config: CompareConfig,
) -> list[list[int]]:
    """Union quotes of different articles whose wordings say the same thing."""
    parent = list(range(len(hits)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # The groups are the connected components of the close pairs, whatever order they are joined in, so
    # pairs are found with whole-matrix operations, and the costly fuzzy test runs only where it decides.
    may = _may_join(hits, names, family)
    close = may & np.triu(vectors @ vectors.T >= config.quote_similarity, k=1)
    texts = [h.text for h in hits]
    for i, j in zip(*np.nonzero(may & ~close), strict=True):
        close[i, j] = _contained(texts[i], texts[j])
    for i, j in zip(*np.nonzero(close), strict=True):
        parent[root(int(i))] = root(int(j))
    groups: dict[int, list[int]] = {}
    for i in range(len(hits)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _may_join(hits: list[QuoteHit], names: dict[str, str], family: dict[str, str]) -> np.ndarray:
    """[i, j] (i < j) true when quotes i and j are of different articles and not told apart by speaker.

    Quotes are apart when their speakers differ, unless they are copies of one story (same family) and
    not both named: a copy may resolve a pronoun to the wrong person.
    """
    speaker = np.unique([names[h.speaker or ""] for h in hits], return_inverse=True)[1]
    source = np.unique([family.get(h.article, h.article) for h in hits], return_inverse=True)[1]
    article = np.unique([h.article for h in hits], return_inverse=True)[1]
    named = np.array([h.confidence == NAMED for h in hits])
    copies = (source[:, None] == source[None, :]) & ~(named[:, None] & named[None, :])
    together = (speaker[:, None] == speaker[None, :]) | copies
    return np.triu(together & (article[:, None] != article[None, :]), k=1)


def _contained(a: str, b: str) -> bool:
    """True when the shorter wording (of some length) appears almost verbatim inside the longer one."""
    return min(len(a), len(b)) >= 20 and fuzz.partial_ratio(a, b) >= 90


def _vote(hits: list[QuoteHit], group: list[int], names: dict[str, str]) -> str:
    """The speaker most confidently named across the articles carrying one quote (ties: first article)."""
    score: dict[str, int] = {}
    for i in sorted(group, key=lambda i: hits[i].article):
        speaker = names[hits[i].speaker or ""]
        score[speaker] = score.get(speaker, 0) + hits[i].confidence
    return max(score, key=lambda s: score[s])


def group_quotes(
    articles: list[Article],
    family: dict[str, str],
    config: CompareConfig,
    people: list[str],
    vectors_of: Callable[[list[QuoteHit]], np.ndarray],
) -> list[Quote]:
    """Quotes by canonical speaker and by meaning, best-supported speakers first.

    `people` are the story's known names (NER), `vectors_of` gives the hits' embeddings (analysis.py).
    """
    hits = find_quotes(articles, config.quote_min_words, people)
    if not hits:
        return []
    names = canonical_names([h.speaker or "" for h in hits])
    vectors = vectors_of(hits)
    quotes: list[Quote] = []
    for group in _meaning_groups(hits, vectors, names, family, config):
        speaker = _vote(hits, group, names)
        ordered = sorted(group, key=lambda i: (hits[i].article, hits[i].start))
        variants = [QuoteVariant(hits[i].text, hits[i].article, hits[i].start, hits[i].end) for i in ordered]
        support = len({family.get(v.article, v.article) for v in variants})
        quotes.append(Quote(speaker, support, variants))
    reach: dict[str, set[str]] = {}
    for q in quotes:
        reach.setdefault(q.speaker, set()).update(family.get(v.article, v.article) for v in q.variants)
    quotes.sort(key=lambda q: (-len(reach[q.speaker]), q.speaker, -q.support, q.variants[0].article))
    return quotes
