"""Header lines of plain text (title, date line in many formats, URL, byline, date prefix) become metadata."""

from __future__ import annotations

import pytest

from newsfold.clean import clean
from newsfold.model import Origin, RawRecord

BODY = (
    "LONDON (Reuters) - Britain's economy grew faster than expected in the final quarter of the year, "
    "official figures showed on Friday, easing fears of a recession.\n"
    "The Office for National Statistics said output rose 0.4% in the three months to December."
)


def _clean(text: str):
    return clean(RawRecord(origin=Origin("t.txt"), content=text))


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("20220215", "2022-02-15"),
        ("2022-02-15", "2022-02-15"),
        ("2022-02-15T10:00Z", "2022-02-15T10:00:00+00:00"),
        ("Feb. 15, 2022", "2022-02-15"),
        ("15 February 2022", "2022-02-15"),
        ("Tuesday, February 15, 2022", "2022-02-15"),
        ("Published: Feb 15, 2022 10:32 AM", "2022-02-15T10:32"),
        ("02/15/2022", "2022-02-15"),
    ],
)
def test_date_lines_in_common_formats(line, iso):
    article = _clean(f"UK economy beats forecasts\n{line}\n{BODY}")
    assert (article.published, article.published_how) == (iso, "header-line")
    assert article.title == "UK economy beats forecasts"
    assert line not in article.text
    assert [r.reason for r in article.removed] == ["header:title", "header:date"]


def test_url_and_byline_lines():
    article = _clean(
        f"UK economy beats forecasts\nBy Jane Smith and Tom Brown\nhttps://www.example.co.uk/a/1\n\n{BODY}"
    )
    assert article.url == "https://www.example.co.uk/a/1"
    assert article.source == "example.co.uk"
    assert article.byline == "Jane Smith and Tom Brown"
    assert article.text.startswith("LONDON (Reuters)")


def test_date_prefix_glued_to_the_first_line():
    article = _clean(f"date: 2023-12-22 {BODY}")
    assert (article.published, article.published_how) == ("2023-12-22", "date-prefix")
    assert article.text.startswith("LONDON (Reuters)")


def test_a_lead_sentence_is_not_a_title():
    article = _clean(BODY)
    assert article.title is None and article.removed == []
    assert len(article.paragraphs) == 2


def test_a_year_in_the_title_is_not_a_date():
    article = _clean(f"The best films of 2023\n{BODY}")
    assert article.title == "The best films of 2023" and article.published is None


def test_record_metadata_wins_over_header_lines():
    record = RawRecord(
        origin=Origin("feed.jsonl", "line 3"),
        content=f"Header title\n20220215\n{BODY}",
        title="Feed title",
        published="Tue, 15 Feb 2022 09:30:00 GMT",
        source="Reuters",
        url="https://reuters.com/x",
    )
    article = clean(record)
    assert article.title == "Feed title" and article.source == "Reuters"
    assert (article.published, article.published_how) == ("2022-02-15T09:30", "field")
    assert article.url == "https://reuters.com/x" and article.origin == "feed.jsonl#line 3"
