"""Write a story's brief from its comparison: headline, cited lead, facts, quotes, conflicts, sources."""

from __future__ import annotations

import logging

from newsfold.brief import abstractive, summary
from newsfold.brief.config import BriefConfig
from newsfold.compare import Comparison
from newsfold.compare.units import family_of
from newsfold.errors import ConfigError
from newsfold.model import Article, Brief, CopyFamily, SourceEntry, Story

log = logging.getLogger(__name__)


def headline(story: Story, comparison: Comparison, articles: list[Article]) -> str:
    """The title of the article that carries the lead fact, else the story label, else the lead itself."""
    titles = {a.id: a.title for a in articles if a.title}
    if comparison.facts:
        for cite in comparison.facts[0].cites:
            if cite.article in titles:
                return titles[cite.article] or ""
    if story.label:
        return story.label
    return comparison.facts[0].text if comparison.facts else ""


def sources(
    comparison: Comparison, articles: list[Article], families: list[CopyFamily], config: BriefConfig
) -> list[SourceEntry]:
    """Each article with its outlet, family and wire, and what its family alone reports."""
    fam = family_of(families)
    entries = []
    for a in articles:
        family = fam.get(a.id, a.id)
        adds = [u for u in comparison.unique if any(c.article == a.id for c in u.cites)]
        entries.append(SourceEntry(a.id, a.source, family, a.wire, adds[: config.adds_max]))
    return sorted(entries, key=lambda e: (e.family, e.article))


def write_brief(
    story: Story,
    comparison: Comparison,
    articles: list[Article],
    families: list[CopyFamily],
    config: BriefConfig | None = None,
) -> Brief:
    """The brief of one story; every line carries citations into article text."""
    config = config or BriefConfig()
    wanted = set(story.articles)
    articles = [a for a in articles if a.id in wanted] if wanted else list(articles)
    titles = [a.title for a in articles]
    lead, mode = summary.extract(comparison, config, titles), "extractive"
    if config.abstractive and comparison.facts:
        try:
            lead, mode = abstractive.abstract(comparison.facts[: config.facts_max], config), "abstractive"
        except ConfigError as exc:
            log.warning("%s; keeping the extractive lead", exc)
    return Brief(
        story=story.id,
        headline=headline(story, comparison, articles),
        summary=lead,
        facts=([f for f in comparison.facts if f.support >= 2] or comparison.facts)[: config.facts_max],
        quotes=comparison.quotes[: config.quotes_max],
        conflicts=list(comparison.conflicts),
        unique=list(comparison.unique),
        timeline=list(comparison.timeline),
        sources=sources(comparison, articles, families, config),
        mode=mode,
    )
