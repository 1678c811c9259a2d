"""Read what a page or endpoint shows from the store, as models; the one place serve calls the store.

The store grows one area at a time (articles, then families, stories, briefs). An area a store does
not have yet reads as empty here, so the API and UI work on every store version.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from newsfold.model import AlignedPassage, Article, Brief, CopyFamily, FamilyMember, Story
from newsfold.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class StoryRow:
    """A story with the counts and outlets its list entry shows."""

    story: Story
    article_count: int
    source_count: int
    outlets: list[str]


@dataclass(slots=True)
class StoryView:
    story: Story
    brief: Brief | None
    articles: list[Article]
    families: list[CopyFamily]
    source_count: int


@dataclass(slots=True)
class Pairing:
    """How two articles relate: the kind of copy, its score, and the passages that align."""

    kind: str
    same_family: bool
    score: float
    relation: FamilyMember | None
    passages: list[AlignedPassage] = field(default_factory=list)


def _has(store: Store, method: str) -> bool:
    return callable(getattr(store, method, None))


def story_rows(
    store: Store, q: str, since: str | None, until: str | None, source: str | None, limit: int, offset: int
) -> tuple[list[StoryRow], int]:
    """One page of stories matching the filters, newest first, and how many match in all (in SQL)."""
    if not _has(store, "list_stories"):
        return [], 0
    stories, total = store.find_stories(q, since, until, source, limit, offset)
    return [_row(store, s) for s in stories], total


def _row(store: Store, story: Story) -> StoryRow:
    articles = store.get_articles(story.articles)
    outlets = sorted({a.source or a.wire for a in articles if a.source or a.wire})
    return StoryRow(story, len(story.articles), independent_sources(story), outlets)


def independent_sources(story: Story) -> int:
    """Copy families count once; articles outside any recorded family count as their own source."""
    return len(story.families) if story.families else len(story.articles)


def story_view(store: Store, story_id: str) -> StoryView | None:
    """A story with its brief, articles and families; None for an unknown id."""
    story = store.get_story(story_id) if _has(store, "get_story") else None
    if story is None:
        return None
    brief = store.get_brief(story_id) if _has(store, "get_brief") else None
    families = families_of(store, story.families)
    return StoryView(story, brief, store.get_articles(story.articles), families, independent_sources(story))


def families_of(store: Store, ids: list[str]) -> list[CopyFamily]:
    """The families with these ids that the store knows."""
    if not _has(store, "get_family"):
        return []
    return [f for f in (store.get_family(i) for i in ids) if f is not None]


def get_family(store: Store, family_id: str) -> CopyFamily | None:
    return store.get_family(family_id) if _has(store, "get_family") else None


def stories_of_article(store: Store, article_id: str) -> list[Story]:
    """The stories an article belongs to."""
    return store.stories_of_article(article_id) if _has(store, "stories_of_article") else []


def family_of_article(store: Store, article_id: str) -> CopyFamily | None:
    """The copy family an article belongs to, if dedup has seen it."""
    if not _has(store, "family_of"):
        return None
    family_id = store.family_of(article_id)
    return store.get_family(family_id) if family_id else None


def pairing(store: Store, a: Article, b: Article) -> Pairing:
    """The kind of copy between two articles: their family's word, else recorded or computed reuse."""
    family = family_of_article(store, a.id)
    if family is not None and b.id in family.article_ids and a.id != b.id:
        return _in_family(family, a.id, b.id)
    passages = _reuse(store, a.id, b.id) or _align(a, b)
    if passages:
        return Pairing("partial-reuse", False, max(p.score for p in passages), None, passages)
    return Pairing("unrelated", False, 0.0, None, [])


def _align(a: Article, b: Article) -> list[AlignedPassage]:
    """Sentences the two articles share, by dedup's own lexical alignment (exact or lightly edited)."""
    from newsfold.dedup.evidence import Passages, lexical_alignment, sentence_evidence

    left, right = Passages.of(a), Passages.of(b)
    return sentence_evidence(left, right, lexical_alignment(left, right))


def _in_family(family: CopyFamily, a: str, b: str) -> Pairing:
    members = {m.article: m for m in family.members}
    # The relation that names the copy is the non-canonical member's (the canonical one is "canonical").
    other = members[b] if b != family.canonical else members[a]
    passages = [p for p in family.evidence if {p.a.article, p.b.article} == {a, b}]
    return Pairing(other.relation, True, other.score, other, _oriented(passages, a))


def _oriented(passages: list[AlignedPassage], a: str) -> list[AlignedPassage]:
    """Passages with side `a` first, so the left column always cites the left article."""
    return [p if p.a.article == a else AlignedPassage(p.b, p.a, p.score) for p in passages]


def _reuse(store: Store, a: str, b: str) -> list[AlignedPassage]:
    """Recorded partial-reuse passages between a and b, a's side first."""
    if not _has(store, "reuse_of"):
        return []
    found = [r for r in store.reuse_of([a]) if {r.a, r.b} == {a, b}]
    return _oriented(found[0].sentences, a) if found else []
