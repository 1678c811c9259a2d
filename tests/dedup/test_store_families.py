"""Families and dedup state in a real SQLite file: round-trip, and incremental runs across reopenings."""

from __future__ import annotations

import random

from dedupkit import article, bodies, copies

from newsfold.dedup import DedupConfig, MeaningConfig, find_families
from newsfold.store import Store

LEXICAL = DedupConfig(meaning=MeaningConfig(enabled=False))


def _articles(n_bases: int, seed: int):
    rng = random.Random(seed)
    out = []
    for b, base in enumerate(bodies()[:n_bases]):
        for kind, text in {"base": base, **copies(base, rng)}.items():
            out.append(article(text, f"s{b}-{kind}"))
    return out


def _fold(db, articles):
    with Store.open(db) as store:
        state = store.load_dedup_state()
        result = find_families(articles, state, LEXICAL, lookup=store.get_article)
        store.save_dedup_state(result.state)
        store.save_families(result.families, result.reuse)
        return result


def test_families_round_trip_and_grow_across_runs(tmp_db):
    articles = _articles(3, seed=3)
    first = [a for a in articles if not a.id.endswith(("truncated", "edited"))]
    later = [a for a in articles if a.id.endswith(("truncated", "edited"))]
    made = _fold(tmp_db, first)
    with Store.open(tmp_db) as store:
        stored = {f.id: f for f in store.list_families()}
        assert stored.keys() == {f.id for f in made.families}
        for family in made.families:
            assert store.get_family(family.id) == family
            assert all(store.family_of(a) == family.id for a in family.article_ids)
    grown = _fold(tmp_db, later)
    with Store.open(tmp_db) as store:
        state = store.load_dedup_state()
        assert len(state) == len(articles)
        for b in range(3):
            family = store.family_of(f"s{b}-base")
            assert family is not None
            assert store.family_of(f"s{b}-truncated") == family == store.family_of(f"s{b}-edited")
            assert len(store.get_family(family).members) == 10
        assert len(store.list_families()) == 3
    assert {f.id for f in grown.families} == {f.id for f in made.families}  # ids survive new members


def test_a_rerun_changes_nothing(tmp_db):
    articles = _articles(2, seed=5)
    _fold(tmp_db, articles)
    with Store.open(tmp_db) as store:
        before = (store.list_families(), len(store.load_dedup_state().links))
    _fold(tmp_db, articles)
    with Store.open(tmp_db) as store:
        assert (store.list_families(), len(store.load_dedup_state().links)) == before
