"""HTML pages: trafilatura's main text, our title/date/outlet/URL evidence and boilerplate on top."""

from __future__ import annotations

from newsfold.clean import clean
from newsfold.model import Origin, RawRecord

PARAGRAPHS = [
    "BRUSSELS (Reuters) - European Union leaders agreed on Thursday to open membership talks with Ukraine "
    "and Moldova, a move hailed in Kyiv as a victory and a sign of support as the war drags on.",
    "The decision came after Hungary's prime minister left the room during the vote, allowing the other "
    "leaders to reach the unanimous agreement required for the step.",
    "Ukrainian President Volodymyr Zelenskiy called the decision a victory for Ukraine and all of Europe, "
    "one that motivates, inspires and strengthens.",
    "Talks are expected to take years, and both countries must still carry out reforms before joining.",
    "Sign up for our Brussels Briefing newsletter to get the latest EU news delivered to your inbox.",
    "(Reporting by Andrew Gray and Jan Strupczewski; Editing by Gareth Jones)",
]


def _page(date_in_json_ld: bool = True) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    ld = '{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2023-12-14T18:05:00Z"}'
    script = f'<script type="application/ld+json">{ld}</script>' if date_in_json_ld else ""
    return f"""<!DOCTYPE html><html lang="en-GB"><head>
<title>EU agrees to open membership talks with Ukraine | World News | Example Wire</title>
<meta property="og:title" content="EU agrees to open membership talks with Ukraine | Example Wire">
<meta property="og:site_name" content="Example Wire">
<link rel="canonical" href="https://www.example-wire.com/world/europe/eu-ukraine-talks-2023-12-14/">
{script}</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav><h1>Example Wire</h1></header>
<main><article><h1>EU agrees to open membership talks with Ukraine</h1>
<div class="byline">By Andrew Gray</div>
{body}
</article></main>
<footer><p>All quotes delayed a minimum of 15 minutes.</p></footer>
</body></html>"""


def _clean(markup: str):
    return clean(RawRecord(origin=Origin("page.html"), content=markup, form="html"))


def test_main_text_and_metadata():
    article = _clean(_page())
    assert article.title == "EU agrees to open membership talks with Ukraine"
    assert (article.published, article.published_how) == ("2023-12-14", "htmldate")
    assert article.url == "https://www.example-wire.com/world/europe/eu-ukraine-talks-2023-12-14/"
    assert article.source == "Example Wire"
    assert article.language == "en"
    assert article.dateline == "BRUSSELS" and article.wire == "Reuters"
    assert article.markup == _page() and article.raw != article.markup
    assert [article.span_text(s) for s in article.paragraphs] == PARAGRAPHS[:4]


def test_boilerplate_is_removed_from_extracted_text():
    article = _clean(_page())
    reasons = {item.reason for item in article.removed}
    assert {"newsletter-appeal", "credits"} <= reasons
    assert "Brussels Briefing" not in article.text and "Editing by" not in article.text
    for item in article.removed:
        assert article.raw[item.start : item.end] == item.text


def test_record_fields_win_over_the_page():
    record = RawRecord(
        origin=Origin("crawl.warc.gz", "record 7"),
        content=_page(),
        form="html",
        title="Feed headline",
        published="2023-12-15",
        url="https://feeds.example.org/item/1",
    )
    article = clean(record)
    assert article.title == "Feed headline" and article.url == "https://feeds.example.org/item/1"
    assert (article.published, article.published_how) == ("2023-12-15", "field")


def test_malformed_or_empty_markup_gives_an_empty_article():
    for markup in ["", "<html><body></body></html>", "<<<>>> not html at all", "<p>unclosed <b>tags"]:
        article = _clean(markup)
        assert isinstance(article.text, str) and len(article.id) == 16
