"""Planted families (a real wire text plus copies of every lexical kind) are each recovered whole."""

from __future__ import annotations

import random

import pytest
from dedupkit import article, bodies, copies

from newsfold.dedup import DedupConfig, MeaningConfig, find_families

LEXICAL = DedupConfig(meaning=MeaningConfig(enabled=False))
BASES = 6


@pytest.fixture(scope="module")
def planted():
    """(articles, planted family per article id) for BASES bases, each with one copy of every kind."""
    rng = random.Random(7)
    articles, truth = [], {}
    for b, base in enumerate(bodies()[:BASES]):
        for kind, text in {"base": base, **copies(base, rng)}.items():
            aid = f"b{b}-{kind}"
            articles.append(article(text, aid))
            truth[aid] = b
    rng.shuffle(articles)
    return articles, truth


def _partition(families) -> set[frozenset[str]]:
    return {frozenset(f.article_ids) for f in families}


def test_every_planted_family_is_recovered_and_nothing_else_merges(planted):
    articles, truth = planted
    result = find_families(articles, config=LEXICAL)
    expected = {frozenset(a for a, b in truth.items() if b == k) for k in range(BASES)}
    assert _partition(result.families) == expected


def test_relations_name_the_kind_of_copy(planted):
    articles, _ = planted
    result = find_families(articles, config=LEXICAL)
    relation = {m.article: m.relation for f in result.families for m in f.members}
    for b in range(BASES):
        assert relation[f"b{b}-shuffled"] in {"reordered", "canonical"}
        assert relation[f"b{b}-truncated"] == "contained"
        assert {relation[f"b{b}-base"], relation[f"b{b}-exact"]} <= {"exact", "canonical"}
    canonicals = {f.canonical for f in result.families}
    assert all(c.split("-")[1] in {"base", "exact", "headers", "doubled", "shuffled", "edited", "wrapped",
                                   "appended"} for c in canonicals)  # fmt: skip


def test_evidence_cites_real_passages_of_both_articles(planted):
    articles, _ = planted
    by_id = {a.id: a for a in articles}
    result = find_families(articles, config=LEXICAL)
    family = next(f for f in result.families if "b0-dropped" in f.article_ids)
    assert family.evidence
    for passage in family.evidence:
        a, b = by_id[passage.a.article], by_id[passage.b.article]
        assert 0 <= passage.a.start < passage.a.end <= len(a.text)
        assert 0 <= passage.b.start < passage.b.end <= len(b.text)
        assert passage.score >= 0.5


def test_incremental_batches_give_the_families_of_one_batch(planted):
    articles, _ = planted
    whole = _partition(find_families(articles, config=LEXICAL).families)
    first = find_families(articles[:25], config=LEXICAL)
    second = find_families(articles[25:], state=first.state, config=LEXICAL)
    again = find_families(articles[:10], state=second.state, config=LEXICAL)
    assert len(second.state) == len(articles)
    assert len(again.state) == len(articles)  # re-adding is a no-op
    touched = _partition(second.families)
    assert touched <= whole and all(any(a in f for f in touched) for a in (x.id for x in articles[25:]))
    assert {f.id for f in again.families} <= {f.id for f in second.families} | {f.id for f in first.families}


def test_links_are_a_spanning_forest_and_reuse_is_one_record_per_family_pair(planted):
    articles, _ = planted
    result = find_families(articles, config=LEXICAL)
    # every kept link joins two components, so links = articles - families
    assert len(result.state.links) == len(articles) - len(result.families)
    family_of = {a: f.id for f in result.families for a in f.article_ids}
    # the appended copies share the same two local sentences across families: partial reuse
    pairs = [frozenset((family_of[r.a], family_of[r.b])) for r in result.reuse]
    assert len(pairs) >= BASES - 1
    assert all(len(p) == 2 for p in pairs) and len(pairs) == len(set(pairs))
