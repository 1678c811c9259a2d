"""The seeds' brief (EXPECTED.md "Brief"): sources, a faithful cited lead, every line cited, renderings."""

from __future__ import annotations

import json

import pytest

from newsfold.brief import BriefConfig, brief_to_json, render, write_brief


@pytest.fixture(scope="module")
def brief(seed_story, seed_comparison):
    story, articles, families, _ = seed_story
    return write_brief(story, seed_comparison, articles, families)


@pytest.fixture(scope="module")
def texts(seed_story) -> dict[str, str]:
    return {a.id: a.text for a in seed_story[1]}


def test_sources_are_four_families_over_five_articles(brief, seed_story) -> None:
    names = seed_story[3]
    assert len(brief.sources) == 5
    assert len({s.family for s in brief.sources}) == 4
    family = {s.article: s.family for s in brief.sources}
    assert family[names["000"]] == family[names["001"]]
    wire = {s.article: s.wire for s in brief.sources}
    assert wire[names["000"]] == "AP"
    assert any(s.adds for s in brief.sources if s.article == names["003"])


def test_lead_is_three_to_six_pullback_first(brief) -> None:
    """The first lead line is a source's wording of the lead fact (the pullback, every source)."""
    assert 3 <= len(brief.summary) <= 6
    assert "bases" in brief.facts[0].text and brief.facts[0].support == 4
    assert brief.summary[0].support == 4 and set(brief.summary[0].cites) <= set(brief.facts[0].cites)


def test_extractive_lead_is_faithful(brief, seed_story, texts) -> None:
    """Every lead sentence is a source sentence, and every citation span contains it."""
    sentences = {(a.id, s.start, s.end) for a in seed_story[1] for s in a.sentences}
    for line in brief.summary:
        assert line.cites
        for c in line.cites:
            assert line.text in texts[c.article][c.start : c.end]
            # the cited span is (inside) one of the article's own sentences
            assert any(a == c.article and s <= c.start and c.end <= e for a, s, e in sentences)


def test_every_line_is_cited_inside_its_article(brief, texts) -> None:
    lines = [*brief.summary, *brief.facts, *brief.unique, *brief.timeline]
    lines += [v for c in brief.conflicts for v in c.values]
    assert lines and brief.quotes
    for line in lines:
        assert line.cites, line
        for c in line.cites:
            assert 0 <= c.start < c.end <= len(texts[c.article])
    for q in brief.quotes:
        for v in q.variants:
            assert texts[v.article][v.start : v.end] == v.text


def test_json_shape_is_the_public_one(brief) -> None:
    data = json.loads(render(brief, None, "json"))
    assert data == brief_to_json(brief)
    for key in ("headline", "summary", "facts", "quotes", "conflicts", "unique", "timeline", "sources"):
        assert key in data
    assert set(data["summary"][0]) >= {"text", "cites"}
    assert set(data["facts"][0]) >= {"text", "support", "cites"}
    assert set(data["quotes"][0]) >= {"speaker", "support", "variants"}
    assert set(data["quotes"][0]["variants"][0]) >= {"text", "article", "start", "end"}
    assert set(data["conflicts"][0]["values"][0]) >= {"value", "text", "articles", "cites"}
    assert set(data["unique"][0]) >= {"family", "text", "cites"}
    assert set(data["timeline"][0]) >= {"date", "text", "cites"}
    assert set(data["sources"][0]) >= {"article", "outlet", "family", "wire"}
    assert all(len(c) == 3 for line in data["facts"] for c in line["cites"])


def test_markdown_and_html(brief, seed_story) -> None:
    md = render(brief, seed_story[1], "md")
    assert md.startswith("# ") and "## Quotes" in md and "Dmytro Kuleba" in md
    page = render(brief, seed_story[1], "html")
    assert page.startswith("<!doctype html>") and "Dmytro Kuleba" in page
    assert "<script" not in page and "http" not in page  # self-contained: no external assets


def test_unknown_format_is_a_config_error(brief) -> None:
    from newsfold.errors import ConfigError

    with pytest.raises(ConfigError):
        render(brief, None, "pdf")


def test_lead_never_exceeds_the_configured_range(seed_story, seed_comparison) -> None:
    story, articles, families, _ = seed_story
    comparison = seed_comparison
    short = write_brief(story, comparison, articles, families, BriefConfig(summary_min=3, summary_max=3))
    assert len(short.summary) == 3
