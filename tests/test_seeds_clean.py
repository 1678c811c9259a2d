"""EXPECTED.md's per-article table, cell by cell, on the real seed files (read + clean)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfold.clean import article_id, clean, normalize_for_matching
from newsfold.model import Article, Origin, RawRecord

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"


def _seed(prefix: str) -> tuple[str, Article]:
    """Raw text and cleaned article of the seed whose name starts with `prefix`."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    content = path.read_text(encoding="utf-8")
    return content, clean(RawRecord(origin=Origin(str(path)), content=content))


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, Article]]:
    return {prefix: _seed(prefix) for prefix in ("000", "001", "002", "003", "004")}


def _reasons(article: Article) -> list[str]:
    return [item.reason for item in article.removed]


def test_every_removed_span_is_a_span_of_raw(seeds):
    for raw, article in seeds.values():
        assert article.raw == raw
        for item in article.removed:
            assert raw[item.start : item.end] == item.text
        for span in article.paragraphs + article.sentences + article.headings:
            assert 0 <= span.start < span.end <= len(article.text)


def test_000_title_wire_dateline_and_credits(seeds):
    raw, article = seeds["000"]
    assert article.title == raw.splitlines()[0]
    assert article.title.startswith("Russia says some forces are pulling back amid the Ukraine crisis")
    assert article.published is None  # only "© 2022" in the text: a year is not a date
    assert article.source is None and article.url is None
    assert article.dateline == "MOSCOW"
    assert article.wire == "AP"
    assert "credits" in _reasons(article) and "copyright" in _reasons(article)
    assert "Associated Press contributors" not in article.text and "©" not in article.text
    assert "Associated Press contributors" in (article.byline or "")
    assert article.text.startswith("MOSCOW — Russia said Tuesday")


def test_000_doubled_stops_are_mended_for_matching_only(seeds):
    _, article = seeds["000"]
    assert "withdrawal. ." in article.text and "measures. measures." in article.text  # display intact
    matching = normalize_for_matching(article.text)
    assert "withdrawal. ." not in matching and "measures. measures." not in matching
    assert "details of the withdrawal." in matching and "confidence-building measures." in matching


def test_001_header_lines_are_metadata_not_body(seeds):
    _, article = seeds["001"]
    assert article.title == "Russia says some forces pulling back amid Ukraine crisis"
    assert (article.published, article.published_how) == ("2022-02-15", "header-line")
    assert article.url == "https://mainichi.jp/english/articles/20220215/p2g/00m/0in/072000c"
    assert article.source == "mainichi.jp"
    assert {"header:title", "header:date", "header:url"} <= set(_reasons(article))
    assert "20220215" not in article.text and "https://" not in article.text
    assert not article.text.startswith("Russia says some forces pulling back")


def test_001_dateline_found_in_a_shuffled_paragraph(seeds):
    _, article = seeds["001"]
    first = article.span_text(article.paragraphs[0])
    assert not first.startswith("MOSCOW")  # the dateline paragraph is not the first one
    assert article.dateline == "MOSCOW"
    assert article.wire == "AP"


def test_002_inner_repeat_kept_once(seeds):
    _, article = seeds["002"]
    assert article.title is None and article.published is None
    assert article.source is None and article.url is None
    assert article.dateline is None and article.wire is None
    assert len(article.paragraphs) == 9
    assert _reasons(article) == ["inner-repeat"]
    paragraphs = [article.span_text(span) for span in article.paragraphs]
    assert len(set(paragraphs)) == 9
    assert article.text.count("Moscow brandished Tuesday") == 1
    assert article.removed[0].text.startswith("At a made-for-television meeting")
    assert article.removed[0].text.endswith("informational terrorism.”")
    assert article.text.startswith("The Kremlin and the West held out")


def test_003_banner_appeal_and_headings(seeds):
    _, article = seeds["003"]
    assert article.title == "Russia Says Pulling Back Some Forces from Ukraine Border"
    assert article.published is None and article.dateline is None
    assert article.source == "The Moscow Times"
    assert article.wire == "AFP"
    reasons = _reasons(article)
    assert "banner" in reasons and "donation-appeal" in reasons
    appeal = next(item for item in article.removed if item.reason == "donation-appeal")
    assert appeal.text.startswith("… we have a small favor to ask.")
    assert appeal.text.endswith("Continue")
    assert "Support The Moscow Times!" not in article.text and "small favor" not in article.text
    assert "foreign agent" not in article.text
    assert article.text.rstrip().endswith("claimed more than 14,000 lives.")
    headings = [article.span_text(span) for span in article.headings]
    assert headings == ["'Large-scale' drills continue", "'Believe what you see'"]
    sentences = {article.span_text(span) for span in article.sentences}
    assert not sentences & set(headings)


def test_004_date_prefix_is_metadata(seeds):
    _, article = seeds["004"]
    assert article.title is None
    assert (article.published, article.published_how) == ("2022-02-15", "date-prefix")
    assert article.source is None and article.url is None
    assert article.dateline == "KYIV, Ukraine"
    assert article.wire is None
    assert "date 2022-02-15" not in article.text
    assert article.text.startswith("KYIV, Ukraine — Russia’s defense ministry")
    assert _reasons(article) == ["header:date"]


def test_ids_are_stable_and_distinct(seeds):
    ids = {article.id for _, article in seeds.values()}
    assert len(ids) == 5
    raw, article = seeds["000"]
    again = clean(RawRecord(origin=Origin("elsewhere.txt"), content=raw))
    assert again.id == article.id == article_id(article.text)
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in ids)


def test_language_is_english(seeds):
    assert {article.language for _, article in seeds.values()} == {"en"}


def test_read_stage_gives_the_same_articles(seeds):
    from newsfold.read import read_paths

    records = [item for item in read_paths(SEEDS) if isinstance(item, RawRecord)]
    assert len(records) == 5
    by_name = {Path(record.origin.path).name[:3]: clean(record) for record in records}
    for prefix, (_, article) in seeds.items():
        again = by_name[prefix]
        assert (again.id, again.title, again.published, again.dateline, again.wire, again.source) == (
            article.id,
            article.title,
            article.published,
            article.dateline,
            article.wire,
            article.source,
        )
        assert again.text == article.text and again.removed == article.removed
