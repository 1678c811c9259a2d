"""The HTML page escapes untrusted article text everywhere (headline, lines, quotes, tooltips)."""

from __future__ import annotations

from newsfold.brief import render
from newsfold.model import Article, Brief, Cite, Fact, Quote, QuoteVariant, SourceEntry

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_escapes_everything() -> None:
    text = f"Police said {EVIL} on Monday."
    article = Article(id="a1", origin="t", raw=text, text=text, title=EVIL, source=EVIL)
    cite = Cite("a1", 0, len(text))
    brief = Brief(
        story="s",
        headline=EVIL,
        summary=[Fact(text, 1, [cite])],
        facts=[Fact(text, 1, [cite])],
        quotes=[Quote(EVIL, 1, [QuoteVariant(EVIL, "a1", 12, 12 + len(EVIL))])],
        sources=[SourceEntry("a1", EVIL, "f1", EVIL)],
    )
    page = render(brief, [article], "html")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
