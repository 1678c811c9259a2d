"""Render a brief as JSON (the public shape), Markdown, or a self-contained, escaped HTML page."""

from __future__ import annotations

import html
import json
from typing import Any

from newsfold.errors import ConfigError
from newsfold.model import (
    Article,
    Brief,
    Cite,
    ClaimValue,
    Conflict,
    Fact,
    Quote,
    QuoteVariant,
    SourceEntry,
    TimelineEvent,
    UniqueFact,
)

FORMATS = ("json", "md", "html")


def _cites(cites: list[Cite]) -> list[list[Any]]:
    return [[c.article, c.start, c.end] for c in cites]


def brief_to_json(brief: Brief) -> dict[str, Any]:
    """The public JSON shape of a brief (documented in docs/brief.md; fields are added, never renamed)."""
    return {
        "story": brief.story,
        "headline": brief.headline,
        "mode": brief.mode,
        "summary": [{"text": f.text, "support": f.support, "cites": _cites(f.cites)} for f in brief.summary],
        "facts": [{"text": f.text, "support": f.support, "cites": _cites(f.cites)} for f in brief.facts],
        "quotes": [
            {
                "speaker": q.speaker,
                "support": q.support,
                "variants": [
                    {"text": v.text, "article": v.article, "start": v.start, "end": v.end} for v in q.variants
                ],
            }
            for q in brief.quotes
        ],
        "conflicts": [
            {
                "about": c.about,
                "values": [
                    {"value": v.value, "text": v.text, "articles": list(v.articles), "cites": _cites(v.cites)}
                    for v in c.values
                ],
            }
            for c in brief.conflicts
        ],
        "unique": [{"family": u.family, "text": u.text, "cites": _cites(u.cites)} for u in brief.unique],
        "timeline": [{"date": e.date, "text": e.text, "cites": _cites(e.cites)} for e in brief.timeline],
        "sources": [
            {
                "article": s.article,
                "outlet": s.outlet,
                "family": s.family,
                "wire": s.wire,
                "adds": [{"text": u.text, "cites": _cites(u.cites)} for u in s.adds],
            }
            for s in brief.sources
        ],
    }


def _tag(cite: Cite) -> str:
    """A short, readable citation: article id prefix and character span."""
    return f"[{cite.article[:8]}:{cite.start}-{cite.end}]"


def _md_line(text: str, cites: list[Cite], prefix: str = "- ") -> str:
    return f"{prefix}{text} " + " ".join(_tag(c) for c in cites)


def to_markdown(brief: Brief) -> str:
    """The brief as Markdown: every line ends with its citations."""
    out = [f"# {brief.headline}", "", "## Summary", ""]
    out += [_md_line(f.text, f.cites) for f in brief.summary]
    out += ["", "## Facts (independent sources)", ""]
    out += [_md_line(f"({f.support}) {f.text}", f.cites) for f in brief.facts]
    out += ["", "## Quotes", ""]
    for q in brief.quotes:
        out.append(f"- **{q.speaker}** ({q.support})")
        out += [f"  - \u201c{v.text}\u201d " + _tag(Cite(v.article, v.start, v.end)) for v in q.variants]
    if brief.conflicts:
        out += ["", "## Conflicts", ""]
        for c in brief.conflicts:
            out.append(f"- **{c.about}**")
            out += [_md_line(f"{v.value}: {v.text}", v.cites, "  - ") for v in c.values]
    out += ["", "## Reported by one source only", ""]
    out += [_md_line(f"({u.family}) {u.text}", u.cites) for u in brief.unique]
    out += ["", "## Timeline", ""]
    out += [_md_line(f"{e.date}: {e.text}", e.cites) for e in brief.timeline]
    out += ["", "## Sources", ""]
    for s in brief.sources:
        out.append(f"- {s.article} outlet: {s.outlet or '?'}, family: {s.family}, wire: {s.wire or '-'}")
        out += [_md_line("adds: " + u.text, u.cites, "  - ") for u in s.adds]
    return "\n".join(out) + "\n"


def render(brief: Brief, articles: list[Article] | None = None, fmt: str = "md") -> str:
    """The brief in `fmt` ("json", "md" or "html"); HTML shows each cited span on hover."""
    if fmt == "json":
        return json.dumps(brief_to_json(brief), ensure_ascii=False, indent=2)
    if fmt == "md":
        return to_markdown(brief)
    if fmt == "html":
        from newsfold.brief.page import to_html

        return to_html(brief, {a.id: a for a in articles or []})
    raise ConfigError(f"unknown brief format {fmt!r}; use one of {', '.join(FORMATS)}")


def escape(text: str | None) -> str:
    """HTML-escape untrusted text (quotes included)."""
    return html.escape(text or "", quote=True)


def _cites_from(rows: list[list[Any]]) -> list[Cite]:
    return [Cite(str(a), int(s), int(e)) for a, s, e in rows]


def brief_from_json(data: dict[str, Any]) -> Brief:
    """A Brief back from its JSON shape (the store keeps briefs this way)."""
    facts = [Fact(f["text"], int(f.get("support", 0)), _cites_from(f["cites"])) for f in data["facts"]]
    unique = [UniqueFact(u["family"], u["text"], _cites_from(u["cites"])) for u in data["unique"]]
    return Brief(
        story=data["story"],
        headline=data["headline"],
        summary=[Fact(f["text"], int(f.get("support", 0)), _cites_from(f["cites"])) for f in data["summary"]],
        facts=facts,
        quotes=[
            Quote(q["speaker"], int(q["support"]), [QuoteVariant(**v) for v in q["variants"]])
            for q in data["quotes"]
        ],
        conflicts=[
            Conflict(
                c["about"],
                [
                    ClaimValue(v["value"], v["text"], list(v["articles"]), _cites_from(v["cites"]))
                    for v in c["values"]
                ],
            )
            for c in data["conflicts"]
        ],
        unique=unique,
        timeline=[TimelineEvent(e["date"], e["text"], _cites_from(e["cites"])) for e in data["timeline"]],
        sources=[_source_from(s) for s in data["sources"]],
        mode=data.get("mode", "extractive"),
    )


def _source_from(s: dict[str, Any]) -> SourceEntry:
    adds = [UniqueFact(s["family"], u["text"], _cites_from(u["cites"])) for u in s.get("adds", [])]
    return SourceEntry(s["article"], s["outlet"], s["family"], s["wire"], adds)
