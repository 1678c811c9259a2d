"""The shortcuts the throughput work added give the same answers as the plain paths, on real bodies."""

from __future__ import annotations

import gc
import random

import numpy as np
from dedupkit import article, bodies, copies

from newsfold.dedup import DedupConfig, DedupState, MeaningConfig, find_families
from newsfold.dedup.candidates import distinct_rows
from newsfold.dedup.fingerprint import fingerprint
from newsfold.dedup.signatures import sign

LEXICAL = DedupConfig(meaning=MeaningConfig(enabled=False))


def _texts() -> list[str]:
    """Real bodies, one planted copy of each kind for a few of them, and verbatim repeats in between."""
    rng = random.Random(7)
    base = bodies()[:12]
    texts = list(base)
    for body in base[:4]:
        texts.extend(copies(body, rng).values())
    texts.extend([base[0], base[5], texts[14], base[0]])  # repeats of a base, of a copy, of a repeat
    return texts


def test_verbatim_repeats_get_the_rows_of_their_own_fingerprint():
    texts = _texts()
    result = find_families([article(t, f"a{i}") for i, t in enumerate(texts)], config=LEXICAL)
    state = result.state
    alone = fingerprint(texts)  # every text fingerprinted on its own row, repeats included
    signatures = sign(alone)
    flat, offsets = distinct_rows(alone.sentences, alone.sentence_offsets)
    for i in range(len(texts)):
        row = state.index[f"a{i}"]
        assert state.exact[row] == alone.exact[i]
        assert np.array_equal(state.signatures[row], signatures[i])
        assert np.array_equal(state.sentences_of(row), flat[offsets[i] : offsets[i + 1]])
    # and a repeat lands in its original's family as an exact copy
    family = next(f for f in result.families if f"a{len(texts) - 1}" in f.article_ids)
    assert "a0" in family.article_ids
    assert dict((m.article, m.relation) for m in family.members)[f"a{len(texts) - 1}"] in (
        "exact",
        "canonical",
    )


def test_families_without_evidence_match_families_with_it():
    """The no-texts fast path (throughput runs) gives the same members, canonical and relations as the
    evidence path, except where only passages can tell `reordered` from `near`."""
    texts = _texts()
    arts = [article(t, f"a{i}") for i, t in enumerate(texts)]
    quick = find_families(arts, config=DedupConfig(meaning=MeaningConfig(enabled=False), evidence=False))
    full = find_families(arts, config=LEXICAL)
    assert [f.id for f in quick.families] == [f.id for f in full.families]
    for q, f in zip(quick.families, full.families, strict=True):
        assert q.canonical == f.canonical
        assert [m.article for m in q.members] == [m.article for m in f.members]
        for qm, fm in zip(q.members, f.members, strict=True):
            assert qm.relation == fm.relation or (qm.relation, fm.relation) == ("near", "reordered")
    assert sorted((r.a, r.b) for r in quick.reuse) == sorted((r.a, r.b) for r in full.reuse)


def test_the_garbage_collector_is_left_as_it_was():
    texts = bodies()[:3]
    arts = [article(t, f"g{i}") for i, t in enumerate(texts)]
    assert gc.isenabled()
    find_families(arts, state=DedupState(), config=LEXICAL)
    assert gc.isenabled()
    gc.disable()
    try:
        find_families(arts, state=DedupState(), config=LEXICAL)
        assert not gc.isenabled()
    finally:
        gc.enable()
