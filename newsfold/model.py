"""The nouns every stage shares: plain slotted dataclasses, no behaviour beyond small helpers.

Data flows one way: read -> clean -> dedup -> cluster -> compare -> brief.
Every derived object cites spans of article text as `Cite(article, start, end)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------- read


@dataclass(slots=True, frozen=True)
class Origin:
    """Where a record came from: a file (or `-` for stdin) and a place inside it."""

    path: str
    locator: str = ""  # "line 12", "record 3", "offset 10452", "item 2"; "" for a whole file

    def __str__(self) -> str:
        return f"{self.path}#{self.locator}" if self.locator else self.path


@dataclass(slots=True)
class RawRecord:
    """One article as a reader found it, before cleaning.

    `form` tells clean how to treat `content`: "text" (a plain-text article, maybe with header lines)
    or "html" (a web page). Structured inputs (JSONL/CSV/feeds) fill the metadata fields they know;
    clean keeps those in preference to what it would infer.
    """

    origin: Origin
    content: str
    form: str = "text"  # "text" | "html"
    encoding: str | None = None  # how the bytes were decoded (None when the input was already text)
    title: str | None = None
    published: str | None = None  # as found, not yet normalised
    url: str | None = None
    source: str | None = None
    author: str | None = None
    language: str | None = None
    fetched: str | None = None  # when the page was crawled (WARC-Date): a date fallback, not the publication


@dataclass(slots=True, frozen=True)
class ReadError:
    """An input item that could not become a RawRecord, with a reason a person can act on."""

    origin: Origin
    reason: str


# ---------------------------------------------------------------- clean


@dataclass(slots=True, frozen=True)
class Span:
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class Removed:
    """A span of `Article.raw` that cleaning took out of the body, and why."""

    start: int
    end: int
    reason: str  # "banner", "donation-appeal", "copyright", "credits", "inner-repeat", "header:title", ...
    text: str


@dataclass(slots=True)
class Article:
    """A cleaned article. `text` is the body; spans index into it. `raw` is what cleaning started from."""

    id: str  # stable, from content (see clean.article_id)
    origin: str
    raw: str  # the text cleaning started from (the file's text, or the text extracted from HTML)
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    published_how: str | None = None  # "header-line", "date-prefix", "html-meta", "field", ...
    source: str | None = None  # outlet
    url: str | None = None
    dateline: str | None = None
    byline: str | None = None
    wire: str | None = None  # "AP", "AFP", "Reuters", ...
    language: str | None = None
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)  # paragraphs that are subheads, not sentences
    removed: list[Removed] = field(default_factory=list)
    markup: str | None = None  # the original HTML page, untouched, when the input was HTML

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]


# ---------------------------------------------------------------- dedup


@dataclass(slots=True, frozen=True)
class Cite:
    """A citation: characters [start, end) of an article's clean text."""

    article: str
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class AlignedPassage:
    """Evidence that two articles share a passage: one span in each, and how alike they are."""

    a: Cite
    b: Cite
    score: float


@dataclass(slots=True)
class FamilyMember:
    article: str
    relation: str  # "canonical", "exact", "near", "reordered", "contained", "paraphrase"
    score: float


@dataclass(slots=True)
class CopyFamily:
    id: str
    canonical: str
    members: list[FamilyMember] = field(default_factory=list)
    evidence: list[AlignedPassage] = field(default_factory=list)

    @property
    def article_ids(self) -> list[str]:
        return [m.article for m in self.members]


@dataclass(slots=True)
class Reuse:
    """Partial reuse between two articles that are not copies (a few shared sentences)."""

    a: str
    b: str
    sentences: list[AlignedPassage] = field(default_factory=list)


# ---------------------------------------------------------------- cluster


@dataclass(slots=True)
class Story:
    id: str
    label: str
    first: str | None  # ISO 8601, earliest publication among its articles
    last: str | None
    articles: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- compare / brief


@dataclass(slots=True)
class Fact:
    text: str
    support: int  # independent sources (copy families), not articles
    cites: list[Cite] = field(default_factory=list)


@dataclass(slots=True)
class QuoteVariant:
    text: str
    article: str
    start: int
    end: int


@dataclass(slots=True)
class Quote:
    speaker: str
    support: int
    variants: list[QuoteVariant] = field(default_factory=list)


@dataclass(slots=True)
class ClaimValue:
    value: str
    text: str
    articles: list[str] = field(default_factory=list)
    cites: list[Cite] = field(default_factory=list)


@dataclass(slots=True)
class Conflict:
    about: str
    values: list[ClaimValue] = field(default_factory=list)


@dataclass(slots=True)
class UniqueFact:
    family: str
    text: str
    cites: list[Cite] = field(default_factory=list)


@dataclass(slots=True)
class TimelineEvent:
    date: str  # ISO 8601 date
    text: str
    cites: list[Cite] = field(default_factory=list)


@dataclass(slots=True)
class SourceEntry:
    article: str
    outlet: str | None
    family: str
    wire: str | None
    adds: list[UniqueFact] = field(default_factory=list)  # what only this source's family reports


@dataclass(slots=True)
class Brief:
    story: str
    headline: str
    summary: list[Fact] = field(default_factory=list)  # summary lines: text + cites (support kept)
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unique: list[UniqueFact] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    sources: list[SourceEntry] = field(default_factory=list)
    mode: str = "extractive"  # how the summary was written: "extractive" or "abstractive"


# ---------------------------------------------------------------- run


@dataclass(slots=True)
class Rejection:
    origin: str
    error: str


@dataclass(slots=True)
class RunReport:
    """What a run did: counts, and every rejected item with its origin and reason."""

    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store
    rejected: list[Rejection] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)  # articles this run read (stored or known)
    families: list[CopyFamily] = field(default_factory=list)
    reuse: list[Reuse] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    briefs: dict[str, Brief] = field(default_factory=dict)  # story id -> brief
