"""compare on the real seeds (EXPECTED.md "Brief"): support, quotes, conflicts, unique facts, timeline."""

from __future__ import annotations

import pytest

from newsfold.compare import compare


@pytest.fixture(scope="module")
def result(seed_story):
    story, articles, families, names = seed_story
    back = {v: k for k, v in names.items()}
    return compare(story, articles, families), back


def _arts(cites, back) -> set[str]:
    return {back[c.article] for c in cites}


def test_four_independent_sources(result) -> None:
    comparison, _ = result
    assert comparison.sources == 4


def test_lead_fact_is_the_pullback_supported_by_every_source(result) -> None:
    comparison, back = result
    lead = comparison.facts[0]
    assert "bases" in lead.text and "Russia said" in lead.text
    assert lead.support == 4
    assert _arts(lead.cites, back) == {"000", "001", "002", "003", "004"}
    assert all(f.support <= 4 for f in comparison.facts)


def _speaker(comparison, back, surname: str) -> dict[str, set[str]]:
    """Each quote of a speaker (by surname) -> the seeds that carry it."""
    found = {}
    for q in comparison.quotes:
        if q.speaker.split()[-1].startswith(surname):
            found[" / ".join(v.text for v in q.variants)] = {back[v.article] for v in q.variants}
    return found


@pytest.mark.parametrize(
    ("surname", "full", "carried_by", "words"),
    [
        ("Kuleba", "Dmytro Kuleba", {"000", "001", "003", "004"}, "believe"),
        ("Zakharova", "Maria Zakharova", {"002", "003"}, "go down in history"),
        ("Stoltenberg", "Jens Stoltenberg", {"003", "004"}, "cautious optimism"),
        ("Konashenkov", "Igor Konashenkov", {"003", "004"}, "having completed their tasks"),
        ("Truss", "Liz Truss", {"000", "001"}, "imminent"),
        ("Jean-Pierre", "Karine Jean-Pierre", {"000", "001"}, "path for diplomacy"),
        ("Danilov", "Oleksiy Danilov", {"000", "001"}, "large-scale offensive"),
        ("Zelensk", "Volodymyr Zelenskyy", {"000", "001"}, "first threat"),
        ("Peskov", "Dmitry Peskov", {"003"}, "unprecedented campaign"),
    ],
)
def test_quotes_by_speaker(result, surname, full, carried_by, words) -> None:
    comparison, back = result
    quotes = _speaker(comparison, back, surname)
    assert any(q.speaker == full for q in comparison.quotes), [q.speaker for q in comparison.quotes]
    assert any(words in text and arts >= carried_by for text, arts in quotes.items()), quotes


def test_lavrov_has_different_quotes_in_ap_and_in_002(result) -> None:
    comparison, back = result
    quotes = _speaker(comparison, back, "Lavrov")
    ap = [t for t, arts in quotes.items() if arts & {"000", "001"}]
    other = [t for t, arts in quotes.items() if "002" in arts]
    assert ap and other and not set(ap) & set(other)


def test_every_quote_variant_is_the_cited_text(result, seed_story) -> None:
    comparison, _ = result
    text = {a.id: a.text for a in seed_story[1]}
    for q in comparison.quotes:
        for v in q.variants:
            assert text[v.article][v.start : v.end] == v.text


def test_troop_numbers_conflict(result) -> None:
    comparison, back = result
    troops = [c for c in comparison.conflicts if c.about == "troops"]
    assert len(troops) == 1
    values = {v.value: set(v.articles) for v in troops[0].values}
    by_number = {k.split()[-1]: {back[a] for a in arts} for k, arts in values.items()}
    assert by_number["130,000"] == {"000", "001", "002", "004"}
    assert by_number["100,000"] == {"003"}
    assert any(k.startswith("more than 1") for k in values)


@pytest.mark.parametrize(
    ("seed", "words"),
    [("003", "voted to urge Putin to recognize"), ("004", "Dagestan and North Ossetia"), ("003", "Lviv")],
)
def test_unique_facts(result, seed_story, seed, words) -> None:
    comparison, back = result
    families = {a: f.id for f in seed_story[2] for a in f.article_ids}
    hits = [u for u in comparison.unique if words in u.text]
    assert hits and all(_arts(u.cites, back) == {seed} for u in hits)
    assert hits[0].family == families[seed_story[3][seed]]


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2022-02-14", "Lavrov"),
        ("2022-02-15", "return to their bases"),
        ("2022-02-15", "Scholz"),
        ("2022-02-16", "day of national unity"),
    ],
)
def test_timeline(result, day, words) -> None:
    comparison, _ = result
    assert any(e.date == day and words in e.text for e in comparison.timeline), [
        (e.date, e.text[:60]) for e in comparison.timeline
    ]
    assert [e.date for e in comparison.timeline] == sorted(e.date for e in comparison.timeline)


def test_every_citation_is_inside_its_article(result, seed_story) -> None:
    comparison, _ = result
    text = {a.id: a.text for a in seed_story[1]}
    cites = [c for f in comparison.facts for c in f.cites] + [c for e in comparison.timeline for c in e.cites]
    cites += [c for u in comparison.unique for c in u.cites] + [
        c for x in comparison.conflicts for v in x.values for c in v.cites
    ]
    for c in cites:
        assert 0 <= c.start < c.end <= len(text[c.article]) and text[c.article][c.start : c.end].strip()
