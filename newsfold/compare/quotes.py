"""Group quotes by speaker (canonical full names) and by meaning, each wording with its articles."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz

from newsfold import embed
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

    sims = vectors @ vectors.T if len(hits) else np.zeros((0, 0))
    for i in range(len(hits)):
        for j in range(i + 1, len(hits)):
            close = sims[i, j] >= config.quote_similarity or _contained(hits[i].text, hits[j].text)
            if (
                close
                and hits[i].article != hits[j].article
                and not _named_apart(hits[i], hits[j], names, family)
            ):
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(hits)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _named_apart(a: QuoteHit, b: QuoteHit, names: dict[str, str], family: dict[str, str]) -> bool:
    """True when two quotes cannot be one: different speakers, unless copies of one story disagree."""
    if names[a.speaker or ""] == names[b.speaker or ""]:
        return False
    copies = family.get(a.article, a.article) == family.get(b.article, b.article)
    return not copies or (a.confidence == NAMED and b.confidence == NAMED)


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


def group_quotes(articles: list[Article], family: dict[str, str], config: CompareConfig) -> list[Quote]:
    """Quotes by canonical speaker and by meaning, best-supported speakers first."""
    hits = find_quotes(articles, config.quote_min_words)
    if not hits:
        return []
    names = canonical_names([h.speaker or "" for h in hits])
    vectors = embed.encode([h.text for h in hits])
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
