"""clean() on arbitrary text: it never raises, and every span it returns is consistent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfold.clean import CleanConfig, article_id, clean
from newsfold.model import Origin, RawRecord

RULES = CleanConfig(segmenter="rules")  # the spaCy path is covered by the seed tests; keep this fast
LINES = st.sampled_from(
    [
        "Support The Daily Planet!",
        "MOSCOW (AP) — Russia said Tuesday that some units would return to their bases.",
        "20220215",
        "https://example.com/a/1",
        "Share this article",
        "© 2024 Reuters",
        "Continue",
        "A plain sentence of the body that says something.",
        "",
        "   ",
        "'A subhead'",
    ]
)


def _check(article, content: str) -> None:
    assert article.raw == content
    for item in article.removed:
        assert content[item.start : item.end] == item.text and item.reason
    for span in article.paragraphs + article.sentences + article.headings:
        assert 0 <= span.start < span.end <= len(article.text)
    assert article.id == article_id(article.text or article.raw)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text(content):
    _check(clean(RawRecord(origin=Origin("h.txt"), content=content), RULES), content)


@settings(max_examples=80, deadline=None)
@given(st.lists(LINES, max_size=14), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_any_arrangement_of_typical_lines(lines, separator):
    content = separator.join(lines)
    _check(clean(RawRecord(origin=Origin("h.txt"), content=content), RULES), content)


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=300))
def test_any_markup(content):
    article = clean(
        RawRecord(
            origin=Origin("h.html"), content=f"<html><body><p>{content}</p></body></html>", form="html"
        ),
        RULES,
    )
    for item in article.removed:
        assert article.raw[item.start : item.end] == item.text
