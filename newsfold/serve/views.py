"""Turn models into what templates draw: text cut into marked pieces, citation labels, timeline geometry.

Templates never slice text themselves; every piece of article text reaches Jinja as a plain string
and is escaped there (autoescape), so hostile markup in an article stays text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from newsfold.model import Article, Brief, Cite, Removed, Span


@dataclass(slots=True, frozen=True)
class Mark:
    """A span of text to highlight: `kind` picks the CSS class, `key` pairs passages, `note` is the hover."""

    start: int
    end: int
    kind: str
    key: str = ""
    note: str = ""


@dataclass(slots=True)
class Piece:
    """A run of text under the same set of marks."""

    text: str
    marks: list[Mark] = field(default_factory=list)
    anchor: str = ""  # an element id for the first piece of a mark that needs one (e.g. "cite")

    @property
    def classes(self) -> str:
        """CSS classes: one per mark kind, plus a colour slot for paired compare passages."""
        names = {f"m-{m.kind}" for m in self.marks}
        names.update(f"pair-{int(m.key) % 6}" for m in self.marks if m.key.isdigit())
        return " ".join(sorted(names))

    @property
    def note(self) -> str:
        return "; ".join(m.note for m in self.marks if m.note)

    @property
    def key(self) -> str:
        return next((m.key for m in self.marks if m.key), "")


@dataclass(slots=True)
class Block:
    """A paragraph (or heading) of text, already cut into pieces."""

    pieces: list[Piece]
    heading: bool = False


@dataclass(slots=True, frozen=True)
class CiteLink:
    """A clickable citation: the label shown and the article view URL that lands on the span."""

    label: str
    href: str
    title: str


@dataclass(slots=True, frozen=True)
class TimelineDot:
    """One day on the timeline: where it sits, its first event, how many events and publications."""

    x: float
    day: str
    tick: str
    label: str
    count: int
    row: int  # alternate label rows so neighbouring days do not overlap


@dataclass(slots=True)
class Timeline:
    width: int
    height: int
    dots: list[TimelineDot]


def cut(text: str, start: int, end: int, marks: list[Mark]) -> list[Piece]:
    """Pieces of text[start:end], each carrying the marks that cover all of it."""
    inside = [m for m in marks if m.start < end and m.end > start]
    bounds = sorted({start, end, *(max(start, m.start) for m in inside), *(min(end, m.end) for m in inside)})
    return [
        Piece(text[lo:hi], [m for m in inside if m.start <= lo and m.end >= hi])
        for lo, hi in pairwise(bounds)
    ]


def blocks(article: Article, marks: list[Mark], anchors: dict[Mark, str] | None = None) -> list[Block]:
    """The article's clean text as paragraphs of marked pieces; `anchors` name each mark's first piece."""
    spans = article.paragraphs or _split_paragraphs(article.text)
    heads = {(h.start, h.end) for h in article.headings}
    out = [Block(cut(article.text, s.start, s.end, marks), (s.start, s.end) in heads) for s in spans]
    pending = dict(anchors or {})
    for piece in (p for b in out for p in b.pieces):
        for m in piece.marks:
            if m in pending and not piece.anchor:
                piece.anchor = pending.pop(m)
    return out


def _split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans by blank lines, for articles stored without paragraph spans."""
    spans, pos = [], 0
    for part in text.split("\n\n"):
        stripped = part.strip()
        if stripped:
            lead = part.index(stripped[0])
            spans.append(Span(pos + lead, pos + lead + len(stripped)))
        pos += len(part) + 2
    return spans or [Span(0, len(text))]


def raw_pieces(raw: str, removed: list[Removed]) -> list[Piece]:
    """The original text with each removed span marked by its reason (shown greyed, reason on hover)."""
    marks = [Mark(r.start, r.end, "removed", note=r.reason) for r in removed if 0 <= r.start < r.end]
    return cut(raw, 0, len(raw), marks)


def cite_span(article: Article, start: int | None, end: int | None) -> Mark | None:
    """The cited span as a mark, when it lies inside the article's clean text."""
    if start is None or end is None or not 0 <= start < end <= len(article.text):
        return None
    return Mark(start, end, "cite")


def cite_links(cites: list[Cite], outlets: dict[str, str]) -> list[CiteLink]:
    """One link per citation, labelled by outlet, landing on the cited span in the article view."""
    return [
        CiteLink(
            label=outlets.get(c.article) or c.article[:8],
            href=f"/articles/{c.article}?start={c.start}&end={c.end}#cite",
            title=f"{outlets.get(c.article) or 'article'} {c.article[:8]}, characters {c.start}-{c.end}",
        )
        for c in cites
    ]


def outlet_names(articles: list[Article], brief: Brief | None = None) -> dict[str, str]:
    """Article id -> the name a reader recognises: outlet, the brief's name for it, wire copy, short id."""
    named = {s.article: s.outlet for s in brief.sources if s.outlet} if brief else {}
    return {
        a.id: a.source or named.get(a.id) or (f"{a.wire} copy" if a.wire else None) or f"article {a.id[:6]}"
        for a in articles
    }


def timeline(brief: Brief | None, articles: list[Article], width: int = 640) -> Timeline | None:
    """Geometry of a day-by-day chart of brief events and publications; None without any dates."""
    days: dict[str, list[str]] = {}
    for event in brief.timeline if brief else []:
        days.setdefault(event.date[:10], []).append(event.text)
    for a in articles:
        if a.published:
            days.setdefault(a.published[:10], []).append(f"published: {a.source or a.id[:8]}")
    parsed = sorted((d, v) for d, v in days.items() if _day(d))
    if not parsed:
        return None
    first, last = _day(parsed[0][0]), _day(parsed[-1][0])
    span = (last - first).days
    pad = 64  # room for the day labels at both ends
    x_of = {d: pad + (width - 2 * pad) * ((_day(d) - first).days / span if span else 0.5) for d, _ in parsed}
    dots = [
        TimelineDot(x_of[d], d, _day(d).strftime("%a %d %b"), v[0], len(v), i % 2)
        for i, (d, v) in enumerate(parsed)
    ]
    return Timeline(width, 104, dots)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
