"""The API's JSON shapes: pydantic request bodies, and responses built from the model.py dataclasses.

Responses embed the shared nouns (`Article`, `Story`, `Brief`, `CopyFamily`, ...) as they are, so the
OpenAPI schema and the library speak the same words; only envelopes (pages, summaries) are added here.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsfold.model import Article, FamilyMember, Story

# Field caps keep one JSON article within the request-size limit's spirit and keep titles sane.
_MAX_TEXT = 2_000_000
_MAX_FIELD = 2_000


class ArticleIn(BaseModel):
    """One article to ingest: its text (plain text or an HTML page) and whatever metadata is known."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=_MAX_TEXT, description="plain text, or HTML when form=html")
    form: Literal["text", "html"] = "text"
    name: str | None = Field(None, max_length=_MAX_FIELD, description="a label for the origin (file name)")
    title: str | None = Field(None, max_length=_MAX_FIELD)
    published: str | None = Field(None, max_length=100, description="as found; normalised by cleaning")
    url: str | None = Field(None, max_length=_MAX_FIELD)
    source: str | None = Field(None, max_length=_MAX_FIELD, description="the outlet")
    author: str | None = Field(None, max_length=_MAX_FIELD)
    language: str | None = Field(None, max_length=20)


class IngestRequest(BaseModel):
    """A batch of articles; the pipeline runs once over the whole batch."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=500)


class RejectionOut(BaseModel):
    origin: str
    error: str


class StoryRef(BaseModel):
    id: str
    label: str
    articles: int


class IngestResult(BaseModel):
    """What an ingest did: counts, the ids it touched, and every rejected item with its reason."""

    read: int
    stored: int
    skipped: int
    rejected: list[RejectionOut]
    articles: list[str]
    families: list[str]
    stories: list[StoryRef]


class ArticleSummary(BaseModel):
    """An article without its text, for lists."""

    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    wire: str | None


class StoryItem(BaseModel):
    """A story in a list, with the counts a reader scans for."""

    story: Story
    articles: int
    independent_sources: int = Field(description="copy families, not articles")
    outlets: list[str]


class StoryPage(BaseModel):
    items: list[StoryItem]
    total: int
    limit: int
    offset: int


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    limit: int
    offset: int


class StoryDetail(BaseModel):
    """A story with its brief (null until one is written), its articles and copy families."""

    story: Story
    brief: dict[str, Any] | None = Field(
        description="the brief in its public shape (docs/brief.md); null until written"
    )
    articles: list[ArticleSummary]
    families: list[dict[str, Any]] = Field(description="copy families in the docs/json.md shape")
    independent_sources: int


class ArticleDetail(BaseModel):
    """An article with its raw original and the spans cleaning removed (inside `article`)."""

    article: dict[str, Any] = Field(
        description="the public article object of docs/json.md with `full` fields: raw, markup, removed, ..."
    )
    stories: list[str]
    families: list[str]


class FamilyDetail(BaseModel):
    """A copy family (docs/json.md shape: members with relation and score, evidence passages)."""

    family: dict[str, Any]
    articles: list[ArticleSummary]


class Comparison(BaseModel):
    """Two articles side by side: aligned passages and the kind of copy between them."""

    a: ArticleSummary
    b: ArticleSummary
    kind: str = Field(description="a FamilyMember relation, 'partial-reuse' or 'unrelated'")
    same_family: bool
    score: float
    relation: FamilyMember | None = Field(None, description="b's membership in a's family, when shared")
    passages: list[dict[str, Any]] = Field(
        description='aligned passages, docs/json.md shape: {"a": [article, start, end], "b": [...], "score"}'
    )


class ErrorOut(BaseModel):
    detail: str | list


def summary(article: Article) -> ArticleSummary:
    """The list form of an article."""
    return ArticleSummary(
        id=article.id,
        title=article.title,
        source=article.source,
        published=article.published,
        url=article.url,
        wire=article.wire,
    )
