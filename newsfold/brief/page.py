"""The brief as one self-contained HTML page: inline CSS, no scripts, every piece of article text escaped."""

from __future__ import annotations

from newsfold.brief.render import escape
from newsfold.model import Article, Brief, Cite, Quote, SourceEntry

_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}"
    ".cite{font-size:.75rem;color:#555;background:#eef;border-radius:3px;padding:0 .3em;margin-left:.2em}"
    ".support{font-weight:600;color:#063}blockquote{margin:.3rem 0 .3rem 1rem;color:#333}"
)


def _cite(cite: Cite, articles: dict[str, Article]) -> str:
    """A citation chip whose tooltip is the cited text itself."""
    article = articles.get(cite.article)
    quoted = article.text[cite.start : cite.end] if article else ""
    label = f"{cite.article[:8]}:{cite.start}-{cite.end}"
    return f'<span class="cite" title="{escape(quoted)}">{escape(label)}</span>'


def _item(text: str, cites: list[Cite], articles: dict[str, Article], lead: str = "") -> str:
    chips = "".join(_cite(c, articles) for c in cites)
    return f"<li>{lead}{escape(text)}{chips}</li>"


def _section(title: str, items: list[str]) -> str:
    return f"<h2>{escape(title)}</h2><ul>{''.join(items)}</ul>" if items else ""


def to_html(brief: Brief, articles: dict[str, Article]) -> str:
    """A complete HTML document (no external assets) for one brief."""
    support = '<span class="support">{}</span> '
    parts = [
        _section("Summary", [_item(f.text, f.cites, articles) for f in brief.summary]),
        _section("Facts", [_item(f.text, f.cites, articles, support.format(f.support)) for f in brief.facts]),
        _section("Quotes", [_quote(q, articles) for q in brief.quotes]),
        _section(
            "Conflicts",
            [
                _item(f"{c.about}: {v.value} \u2014 {v.text}", v.cites, articles)
                for c in brief.conflicts
                for v in c.values
            ],
        ),
        _section("Reported by one source only", [_item(u.text, u.cites, articles) for u in brief.unique]),
        _section("Timeline", [_item(f"{e.date}: {e.text}", e.cites, articles) for e in brief.timeline]),
        _section("Sources", [_source(s) for s in brief.sources]),
    ]
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(brief.headline)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>{escape(brief.headline)}</h1>{''.join(parts)}</body></html>\n"
    )


def _quote(quote: Quote, articles: dict[str, Article]) -> str:
    chips = [_cite(Cite(v.article, v.start, v.end), articles) for v in quote.variants]
    variants = "".join(
        f"<blockquote>\u201c{escape(v.text)}\u201d{chip}</blockquote>"
        for v, chip in zip(quote.variants, chips, strict=True)
    )
    return f"<li><strong>{escape(quote.speaker)}</strong> ({quote.support}){variants}</li>"


def _source(source: SourceEntry) -> str:
    wire = f", wire {escape(source.wire)}" if source.wire else ""
    outlet = escape(source.outlet or "unknown outlet")
    adds = "".join(f"<br>adds: {escape(u.text)}" for u in source.adds)
    return f"<li>{escape(source.article)}: {outlet}, family {escape(source.family)}{wire}{adds}</li>"
