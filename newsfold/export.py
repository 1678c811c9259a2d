"""The one place where models become public JSON (`newsfold run --json`, the HTTP API); see docs/json.md.

The shape is a public interface: keys are added (families, reuse, stories, ...), never renamed.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from newsfold.brief import brief_to_json
from newsfold.model import (
    AlignedPassage,
    Article,
    Brief,
    CopyFamily,
    Rejection,
    Removed,
    Reuse,
    RunReport,
    Span,
    Story,
)

JSON = dict[str, Any]


def spans_to_json(spans: list[Span]) -> list[list[int]]:
    """Spans as [[start, end], ...]."""
    return [[span.start, span.end] for span in spans]


def removed_to_json(removed: Removed) -> JSON:
    """{"start", "end", "reason", "text"}: a span of the raw input that cleaning took out."""
    return {"start": removed.start, "end": removed.end, "reason": removed.reason, "text": removed.text}


def article_to_json(article: Article, *, full: bool = False) -> JSON:
    """The public article object; `full` adds the raw original, markup, headings and `published_how`."""
    data: JSON = {
        "id": article.id,
        "origin": article.origin,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "dateline": article.dateline,
        "wire": article.wire,
        "byline": article.byline,
        "language": article.language,
        "text": article.text,
        "paragraphs": spans_to_json(article.paragraphs),
        "sentences": spans_to_json(article.sentences),
        "removed": [
            {"start": r.start, "end": r.end, "reason": r.reason, "text": r.text} for r in article.removed
        ],
    }
    if full:
        data["published_how"] = article.published_how
        data["headings"] = spans_to_json(article.headings)
        data["raw"] = article.raw
        data["markup"] = article.markup
    return data


def rejection_to_json(rejection: Rejection) -> JSON:
    """{"origin", "error"}."""
    return {"origin": rejection.origin, "error": rejection.error}


def passage_to_json(passage: AlignedPassage) -> JSON:
    """{"a": [article, start, end], "b": [article, start, end], "score"}: a passage found in both."""
    a, b = passage.a, passage.b
    return {"a": [a.article, a.start, a.end], "b": [b.article, b.start, b.end], "score": passage.score}


def family_to_json(family: CopyFamily) -> JSON:
    """{"id", "canonical", "members": [{"article", "relation", "score"}], "evidence": [PASSAGE, ...]}."""
    return {
        "id": family.id,
        "canonical": family.canonical,
        "members": [{"article": m.article, "relation": m.relation, "score": m.score} for m in family.members],
        "evidence": [passage_to_json(p) for p in family.evidence],
    }


def reuse_to_json(reuse: Reuse) -> JSON:
    """{"a", "b", "sentences": [PASSAGE, ...]}: two articles that share some sentences but are not copies."""
    return {"a": reuse.a, "b": reuse.b, "sentences": [passage_to_json(p) for p in reuse.sentences]}


def story_to_json(story: Story) -> JSON:
    """{"id", "label", "first", "last", "articles", "families", "entities"}: one event's coverage."""
    return {
        "id": story.id,
        "label": story.label,
        "first": story.first,
        "last": story.last,
        "articles": list(story.articles),
        "families": list(story.families),
        "entities": list(story.entities),
    }


def _with_brief(story: JSON, brief: Brief | None) -> JSON:
    """The story's JSON with its brief (docs/brief.md) under "brief"; null when none was written."""
    story["brief"] = brief_to_json(brief) if brief is not None else None
    return story


def report_to_json(report: RunReport) -> JSON:
    """The counts of a run and its rejections."""
    return {
        "read": report.read,
        "stored": report.stored,
        "skipped": report.skipped,
        "rejected": [rejection_to_json(r) for r in report.rejected],
    }


def run_to_json(report: RunReport) -> JSON:
    """The whole result of a run: {"articles", "report"} (later stages add their own top-level keys)."""
    return {
        "articles": [article_to_json(a) for a in report.articles],
        "report": report_to_json(report),
        "families": [family_to_json(f) for f in report.families],
        "reuse": [reuse_to_json(r) for r in report.reuse],
        "stories": [_with_brief(story_to_json(s), report.briefs.get(s.id)) for s in report.stories],
    }


def dump_run(report: RunReport, out: TextIO) -> None:
    """Write `run_to_json(report)` as one UTF-8 JSON document."""
    json.dump(run_to_json(report), out, ensure_ascii=False, indent=1)
    out.write("\n")
