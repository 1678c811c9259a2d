"""A copy family's story features are read from its distinct member texts, not from its canonical alone."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from newsfold.cluster import ClusterConfig, FamilyFeatures, extract
from newsfold.model import Article, CopyFamily, FamilyMember


def _family(fid: str, canonical: Article, *others: Article) -> CopyFamily:
    members = [FamilyMember(canonical.id, "canonical", 1.0)]
    members += [FamilyMember(a.id, "paraphrase", 0.9) for a in others]
    return CopyFamily(id=fid, canonical=canonical.id, members=members)


def _one(family: CopyFamily, articles: list[Article], config: ClusterConfig | None = None) -> FamilyFeatures:
    return extract([family], {a.id: a for a in articles}, config or ClusterConfig())[0]


def test_a_family_carries_the_words_names_and_meaning_of_each_distinct_member(
    seed_articles: list[Article],
) -> None:
    first, second = seed_articles[0], seed_articles[1]
    alone = {a.id: _one(_family(a.id, a), [a]) for a in (first, second)}
    both = _one(_family("f", first, second), [first, second])

    assert both.articles == [first.id, second.id]
    assert both.title == alone[first.id].title  # the canonical names the family
    # the second member's own words that it uses at least twice (single uses may fall under the cut)
    own = {t for t, w in alone[second.id].terms.items() if w >= 2 and t not in alone[first.id].terms}
    assert len(own) >= 5 and own <= set(both.terms)
    assert len([t for t in both.terms if not t.startswith(("e:", "n:"))]) <= ClusterConfig().max_doc_terms
    for term, weight in alone[first.id].terms.items():
        if term in alone[second.id].terms or term.startswith("n:"):
            continue
        assert both.terms.get(term, 0.0) < weight  # a word one member lacks weighs less than in that member
    assert set(alone[first.id].entities) | set(alone[second.id].entities) == set(both.entities)
    mean = alone[first.id].embedding + alone[second.id].embedding
    assert np.allclose(both.embedding, mean / np.linalg.norm(mean), atol=1e-5)
    assert abs(float(np.linalg.norm(both.embedding)) - 1.0) < 1e-5


def test_exact_reprints_are_read_once_and_the_cap_keeps_the_canonical(seed_articles: list[Article]) -> None:
    first, second = seed_articles[0], seed_articles[1]
    reprint = replace(first, id="reprint-of-first", origin="elsewhere")
    pair = _one(_family("f", first, second), [first, second])
    with_reprint = _one(_family("f", first, second, reprint), [first, second, reprint])
    assert with_reprint.terms == pair.terms and with_reprint.entities == pair.entities
    assert np.array_equal(with_reprint.embedding, pair.embedding)
    assert set(with_reprint.articles) == {first.id, second.id, reprint.id}

    canonical_only = _one(_family("f", first, second), [first, second], ClusterConfig(family_texts=1))
    alone = _one(_family(first.id, first), [first])
    assert canonical_only.terms == alone.terms and np.array_equal(canonical_only.embedding, alone.embedding)
    assert canonical_only.articles == [first.id, second.id]  # still the whole family's articles
