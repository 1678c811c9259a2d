"""compare stage: a story's articles -> aligned facts, quotes by speaker, conflicts, unique facts, timeline.

    comparison = compare(story, articles, families, CompareConfig(), analyses)

Support always counts copy families (independent sources), never articles. `analyses` (article id ->
`ArticleAnalysis`, e.g. from the store) saves re-embedding articles seen before; the ones compare had to
compute are in `comparison.fresh`, for the caller to keep.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from newsfold.compare import facts as _facts
from newsfold.compare import numbers as _numbers
from newsfold.compare import quotes as _quotes
from newsfold.compare import timeline as _timeline
from newsfold.compare.analysis import (
    ArticleAnalysis,
    analysis_version,
    analyze,
    quote_vectors,
    story_names,
    unit_vectors,
)
from newsfold.compare.config import CompareConfig
from newsfold.compare.facts import FactGroup
from newsfold.compare.units import Unit, collect, family_of
from newsfold.model import (
    Article,
    Conflict,
    CopyFamily,
    Fact,
    FamilyMember,
    Quote,
    Story,
    TimelineEvent,
    UniqueFact,
)

__all__ = ["ArticleAnalysis", "CompareConfig", "Comparison", "analysis_version", "analyze", "compare"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Comparison:
    """Everything compare found in one story; `groups` and `units` keep the aligned sentences for brief."""

    story: str
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unique: list[UniqueFact] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    sources: int = 0  # independent sources (copy families) in the story
    units: list[Unit] = field(default_factory=list)
    groups: list[FactGroup] = field(default_factory=list)  # parallel to facts
    vectors: np.ndarray | None = None  # unit embeddings, one row per unit
    # Per unit, the two centrality terms facts are ranked by (the lead scorer reads them as features).
    soft_support: np.ndarray | None = None
    lexical_degree: np.ndarray | None = None
    fresh: list[ArticleAnalysis] = field(default_factory=list)  # analyses computed now, worth keeping


def _story_families(story: Story, articles: list[Article], families: list[CopyFamily]) -> list[CopyFamily]:
    """The families of the story's articles; an article no family lists is its own source."""
    ids = {a.id for a in articles}
    mine = [f for f in families if ids & set(f.article_ids)]
    known = family_of(mine)
    for a in articles:
        if a.id not in known:
            mine.append(CopyFamily(id=a.id, canonical=a.id, members=[FamilyMember(a.id, "canonical", 1.0)]))
    return mine


def compare(
    story: Story,
    articles: list[Article],
    families: list[CopyFamily],
    config: CompareConfig | None = None,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
) -> Comparison:
    """Compare the articles of one story (only those listed in `story.articles` are used).

    Articles without a current analysis in `analyses` are analysed now (`Comparison.fresh`).
    """
    config = config or CompareConfig()
    wanted = set(story.articles)
    articles = [a for a in articles if a.id in wanted] if wanted else list(articles)
    families = _story_families(story, articles, families)
    known, fresh = _analyses(articles, analyses or {}, config)
    units = collect(articles, families, config.min_words)
    vectors = unit_vectors(units, known)
    sims = vectors @ vectors.T
    soft, lexical = _facts.centrality_parts(units, sims)
    groups = _facts.align(units, sims, config, soft + lexical)
    fam = family_of(families)
    people = story_names(known[a.id] for a in articles)
    comparison = Comparison(
        story=story.id,
        facts=[g.fact for g in groups],
        quotes=_quotes.group_quotes(articles, fam, config, people, lambda hits: quote_vectors(hits, known)),
        conflicts=_numbers.conflicts(units, sims, _numbers.find_claims(units), config),
        unique=_facts.unique_facts(units, sims, groups, config),
        timeline=_timeline.events(units, sims, _timeline.base_dates(articles, story), config),
        sources=len({fam[a.id] for a in articles}),
        units=units,
        groups=groups,
        vectors=vectors,
        soft_support=soft,
        lexical_degree=lexical,
        fresh=fresh,
    )
    log.debug("story %s: %d facts, %d quotes", story.id, len(comparison.facts), len(comparison.quotes))
    return comparison


def _analyses(
    articles: list[Article], given: Mapping[str, ArticleAnalysis], config: CompareConfig
) -> tuple[dict[str, ArticleAnalysis], list[ArticleAnalysis]]:
    """Every article's analysis: the given ones of the current version, the rest computed in one batch."""
    version = analysis_version(config)
    known = {a.id: given[a.id] for a in articles if a.id in given and given[a.id].version == version}
    fresh = analyze([a for a in articles if a.id not in known], config)
    known.update((x.article, x) for x in fresh)
    return known, fresh
