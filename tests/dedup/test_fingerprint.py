"""Fingerprints: order-insensitive shingles, typographic folding, sentence hashes."""

from __future__ import annotations

import numpy as np

from newsfold.dedup.fingerprint import fingerprint

TEXT = (
    "Officials said the bridge would reopen on Monday after repairs.\n\n"
    "The mayor thanked crews who worked through the weekend to finish the job.\n\n"
    "Traffic had been diverted through the old town for three weeks."
)


def _paragraphs_shuffled(text: str) -> str:
    parts = text.split("\n\n")
    return "\n\n".join(parts[::-1])


def test_shuffled_paragraphs_keep_every_shingle():
    fp = fingerprint([TEXT, _paragraphs_shuffled(TEXT)])
    assert set(fp.shingles_of(0).tolist()) == set(fp.shingles_of(1).tolist())
    assert set(fp.sentences_of(0).tolist()) == set(fp.sentences_of(1).tolist())
    assert fp.exact[0] != fp.exact[1]  # the exact key keeps order


def test_quote_and_dash_style_and_case_do_not_change_the_exact_key():
    a = 'He said "it\'s fine" - and left.'
    b = "HE SAID \u201cIT\u2019S FINE\u201d \u2014 AND LEFT."
    fp = fingerprint([a, b, "He said it is fine and left."])
    assert fp.exact[0] == fp.exact[1]
    assert fp.exact[0] != fp.exact[2]


def test_one_changed_word_spoils_only_nearby_shingles():
    edited = TEXT.replace("reopen", "open")
    fp = fingerprint([TEXT, edited])
    a, b = set(fp.shingles_of(0).tolist()), set(fp.shingles_of(1).tolist())
    assert 0.6 < len(a & b) / len(a | b) < 1.0


def test_batches_give_the_same_fingerprints_as_one_call():
    from newsfold.dedup.config import ShingleConfig

    texts = [TEXT, _paragraphs_shuffled(TEXT), "", "Short one.", TEXT.upper()] * 3
    whole = fingerprint(texts)
    split = fingerprint(texts, ShingleConfig(batch_bytes=200))
    assert np.array_equal(whole.exact, split.exact)
    assert np.array_equal(whole.shingles, split.shingles)
    assert np.array_equal(whole.sentence_offsets, split.sentence_offsets)
    assert len(whole.shingles_of(2)) == 0 and whole.nbytes == split.nbytes
