"""Per-article analysis: the pipeline stores it once per article; later briefs reuse it, same result."""

from __future__ import annotations

import dataclasses

import pytest

from newsfold.compare import CompareConfig, analysis_version, compare
from newsfold.store import Store


def _findings(comparison) -> tuple:
    return (comparison.facts, comparison.quotes, comparison.conflicts, comparison.unique, comparison.timeline)


@pytest.fixture(scope="module")
def stored(seeds_run, seed_story):
    """The analyses the seeds' pipeline run stored for the story's articles, and a cold comparison."""
    _, db_path = seeds_run
    story, articles, families, _ = seed_story
    with Store.open(db_path) as store:
        known = store.get_analyses(story.articles, analysis_version(CompareConfig()))
    return known, compare(story, articles, families)


def test_the_pipeline_stored_every_briefed_article_once(seeds_run, seed_story) -> None:
    report, db_path = seeds_run
    briefed = {a for s in report.stories for a in s.articles}
    with Store.open(db_path) as store:
        assert store.count_analyses() == len(briefed)
        assert set(store.get_analyses(seed_story[0].articles, analysis_version(CompareConfig()))) == set(
            seed_story[0].articles
        )


def test_a_brief_from_stored_analyses_computes_nothing_and_finds_the_same(stored, seed_story) -> None:
    known, cold = stored
    story, articles, families, _ = seed_story
    warm = compare(story, articles, families, None, known)
    assert warm.fresh == []
    assert len(cold.fresh) == len(story.articles)  # without them, every article is analysed
    assert _findings(warm) == _findings(cold)
    assert (warm.vectors == cold.vectors).all()  # float16 either way: stored and fresh vectors agree


def test_a_stale_or_partial_analysis_is_recomputed_where_needed(stored, seed_story) -> None:
    known, cold = stored
    story, articles, families, _ = seed_story
    first, second = story.articles[:2]
    given = dict(known)
    given[first] = dataclasses.replace(known[first], version="analysis.v0")
    # an analysis missing its last sentences: those are encoded on the spot
    part = known[second]
    given[second] = dataclasses.replace(
        part, sentence_spans=part.sentence_spans[:-3], sentence_vectors=part.sentence_vectors[:-3]
    )
    warm = compare(story, articles, families, None, given)
    assert [x.article for x in warm.fresh] == [first]
    assert _findings(warm) == _findings(cold)
