"""The clean stage: a RawRecord in, an Article out (metadata, clean text, spans, what was removed)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from newsfold.clean.blocks import Block, split_blocks
from newsfold.clean.boilerplate import SiteProfile, mark_boilerplate
from newsfold.clean.config import CleanConfig
from newsfold.clean.headers import Headers, strip_headers
from newsfold.clean.html import Extracted, extract
from newsfold.clean.metadata import (
    detect_language,
    find_dateline,
    find_wire,
    outlet_from_banner,
    parse_date,
    source_from_url,
    wire_in_author,
)
from newsfold.clean.normalize import article_id
from newsfold.clean.repeats import mark_repeats
from newsfold.clean.segment import segment
from newsfold.model import Article, RawRecord, Removed

log = logging.getLogger(__name__)


def clean(
    record: RawRecord, config: CleanConfig = CleanConfig(), profile: SiteProfile | None = None
) -> Article:
    """Clean one record; metadata the record already carries wins over what the text suggests."""
    extracted = extract(record.content, record.url, config) if record.form == "html" else None
    raw = extracted.text if extracted else record.content
    blocks = split_blocks(raw, config)
    mark_boilerplate(blocks, config, profile)
    # A page's title is known from its markup; only plain text needs its title line guessed.
    headers = strip_headers(raw, blocks, config, (extracted.title or "") if extracted else None)
    mark_repeats(blocks, config)
    kept = [block.text for block in blocks if block.reason is None]
    segments = segment(kept, config)
    removed = sorted(headers.removed + _removed_runs(raw, blocks), key=lambda item: item.start)
    article = Article(
        id=article_id(segments.text or raw),
        origin=str(record.origin),
        raw=raw,
        text=segments.text,
        paragraphs=segments.paragraphs,
        sentences=segments.sentences,
        headings=segments.headings,
        removed=removed,
        markup=record.content if extracted else None,
    )
    _fill_metadata(article, record, headers, extracted, blocks, kept, config)
    log.debug("cleaned %s: %d paragraphs, %d removed", article.origin, len(kept), len(removed))
    return article


def _removed_runs(raw: str, blocks: list[Block]) -> list[Removed]:
    """One Removed span per run of adjacent blocks removed for the same reason (an appeal is one piece)."""
    runs: list[Removed] = []
    previous: Block | None = None
    for block in blocks:
        if block.reason and previous is not None and previous.reason == block.reason and runs:
            start = runs[-1].start
            runs[-1] = Removed(start, block.end, block.reason, raw[start : block.end])
        elif block.reason:
            runs.append(Removed(block.start, block.end, block.reason, raw[block.start : block.end]))
        previous = block
    return runs


def _fill_metadata(
    article: Article,
    record: RawRecord,
    headers: Headers,
    extracted: Extracted | None,
    blocks: list[Block],
    kept: list[str],
    config: CleanConfig,
) -> None:
    """Record fields first, then HTML metadata, then header lines, then what the body says."""
    page = extracted or Extracted("")
    article.title = record.title or page.title or headers.title
    article.url = record.url or page.url or headers.url
    _fill_date(article, record, page, headers)
    banner = next((outlet_from_banner(b.text) for b in blocks if b.reason == "banner"), None)
    article.source = record.source or page.sitename or banner or source_from_url(article.url)
    dateline, dateline_wire = find_dateline(kept)
    article.dateline = dateline
    furniture = [b.text for b in blocks if b.reason in ("credits", "copyright")]
    author = record.author or page.author
    article.wire = dateline_wire or find_wire(furniture) or wire_in_author(author) or find_wire(kept)
    credits = next((b.text for b in blocks if b.reason == "credits"), None)
    article.byline = author or headers.byline or credits
    article.language = record.language or page.language or detect_language(article.text, config)


def _fill_date(article: Article, record: RawRecord, page: Extracted, headers: Headers) -> None:
    """Publication date as ISO with how it was found; a record's own field wins."""
    from_field = parse_date(record.published) if record.published else None
    if from_field:
        article.published, article.published_how = from_field, "field"
    elif page.published:
        article.published, article.published_how = page.published, page.published_how
    elif headers.published:
        article.published, article.published_how = headers.published, headers.published_how


def strip_site_repeats(records: Iterable[RawRecord], config: CleanConfig = CleanConfig()) -> list[Article]:
    """Clean records, learn each site's recurring paragraphs, and clean again without them."""
    records = list(records)
    first = [clean(record, config) for record in records]
    by_site: dict[str | None, list[int]] = defaultdict(list)
    for index, article in enumerate(first):
        by_site[article.source].append(index)
    result = list(first)
    for site, indices in by_site.items():
        if site is None or len(indices) < config.site_repeat_min_articles:
            continue
        profile = SiteProfile.learn([first[i] for i in indices], config)
        if profile.repeats:
            for i in indices:
                result[i] = clean(records[i], config, profile)
    return result
