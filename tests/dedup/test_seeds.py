"""EXPECTED.md "Copies" on the real seed files, read and cleaned by the real stages."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfold import clean, read
from newsfold.dedup import find_families


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, object]:
    """Seed number ("000".."004") -> cleaned Article."""
    out = {}
    for record in read.read_paths([str(seeds_dir)]):
        out[Path(record.origin.path).name[:3]] = clean.clean(record)
    assert len(out) == 5
    return out


@pytest.fixture(scope="module")
def result(seeds):
    return find_families(list(seeds.values()))


def test_the_ap_pair_is_one_family_and_the_rest_are_singletons(seeds, result):
    by_family = {frozenset(f.article_ids) for f in result.families}
    ids = {k: a.id for k, a in seeds.items()}
    assert frozenset({ids["000"], ids["001"]}) in by_family
    for k in ("002", "003", "004"):
        assert frozenset({ids[k]}) in by_family
    assert len(result.families) == 4


def test_the_pair_is_reordered_and_paraphrased_with_aligned_paragraphs(seeds, result):
    ids = {k: a.id for k, a in seeds.items()}
    family = next(f for f in result.families if ids["000"] in f.article_ids)
    relations = {m.article: m.relation for m in family.members}
    assert {relations[ids["000"]], relations[ids["001"]]} == {"reordered", "paraphrase"}
    assert len(family.evidence) >= 8
    texts = {a.id: a.text for a in seeds.values()}
    for passage in family.evidence:
        assert {passage.a.article, passage.b.article} == {ids["000"], ids["001"]}
        a = texts[passage.a.article][passage.a.start : passage.a.end]
        b = texts[passage.b.article][passage.b.start : passage.b.end]
        assert "\n" not in a.strip() and "\n" not in b.strip()  # whole paragraphs, one each
        assert passage.score >= 0.78
    # the paragraphs come in another order in one of the two
    order = [p.b.start for p in sorted(family.evidence, key=lambda p: p.a.start)]
    assert order != sorted(order)


def test_002_partial_reuse_of_the_ap_story_is_reported_not_merged(seeds, result):
    ids = {k: a.id for k, a in seeds.items()}
    ap = {ids["000"], ids["001"]}
    pairs = {frozenset((r.a, r.b)) for r in result.reuse}
    assert any(ids["002"] in p and p & ap for p in pairs)
    reuse = next(r for r in result.reuse if ids["002"] in (r.a, r.b))
    assert reuse.sentences
    texts = {a.id: a.text for a in seeds.values()}
    for s in reuse.sentences:
        assert "units participating in military exercises" in texts[s.a.article][s.a.start : s.a.end]
    # only the AP story: 003 and 004 share reported speech with others, which is not reuse
    assert all(ids["003"] not in p and ids["004"] not in p for p in pairs)
