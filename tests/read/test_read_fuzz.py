"""Property tests: no input, however broken, makes a reader raise; every item is a record or an error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readkit import samples

from newsfold.model import RawRecord, ReadError
from newsfold.read import FieldMapping, ReadConfig, read_bytes, reader_names
from newsfold.read.registry import get
from newsfold.read.stream import open_bytes

SAMPLES = samples()
NAMES = ["a.txt", "a.jsonl", "a.csv", "a.rss", "a.html", "a"]
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Small limits so the size checks are exercised by small inputs too.
TIGHT = ReadConfig(max_article_bytes=4096, max_record_bytes=512, max_feed_bytes=4096, max_json_bytes=4096)


def _check(items, name: str) -> int:
    count = 0
    for item in items:
        assert isinstance(item, RawRecord | ReadError), item
        assert item.origin.path == name
        if isinstance(item, RawRecord):
            assert isinstance(item.content, str) and item.content.strip()
            assert item.form in ("text", "html")
        else:
            assert isinstance(item.reason, str) and item.reason
        count += 1
    return count


def test_every_form_has_a_reader_and_a_sample():
    assert reader_names() == ["csv", "feed", "html", "json", "jsonl", "text", "warc"]
    for name, data in SAMPLES.items():
        assert any(isinstance(i, RawRecord) for i in read_bytes(data, name)), name


@pytest.mark.parametrize("reader", reader_names())
@FUZZ
@given(data=st.binary(max_size=3000))
def test_each_reader_survives_arbitrary_bytes(reader, data):
    for config in (ReadConfig(), TIGHT):
        _check(get(reader)(open_bytes(data, "fuzz.bin"), FieldMapping(), config), "fuzz.bin")


@pytest.mark.parametrize("reader", reader_names())
@FUZZ
@given(sample=st.sampled_from(sorted(SAMPLES)), data=st.data())
def test_each_reader_survives_other_forms_mutated(reader, sample, data):
    mutated = _mutate(SAMPLES[sample], data)
    _check(get(reader)(open_bytes(mutated, sample), FieldMapping(), TIGHT), sample)


@FUZZ
@given(sample=st.sampled_from(sorted(SAMPLES)), data=st.data())
def test_sniffing_and_reading_survive_mutated_files(sample, data):
    mutated = _mutate(SAMPLES[sample], data)
    assert _check(read_bytes(mutated, sample), sample) >= 1
    _check(read_bytes(mutated, sample, config=TIGHT), sample)


@FUZZ
@given(text=st.text(max_size=400), name=st.sampled_from(NAMES))
def test_arbitrary_text_in_any_encoding(text, name):
    for encoding in ("utf-8", "utf-16", "cp1252"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        assert _check(read_bytes(data, name), name) >= 1


def _mutate(original: bytes, data: st.DataObject) -> bytes:
    """Flip a few bytes, insert junk, and maybe cut the end off."""
    out = bytearray(original)
    for _ in range(data.draw(st.integers(0, 6))):
        at = data.draw(st.integers(0, max(len(out) - 1, 0)))
        if out and data.draw(st.booleans()):
            out[at] = data.draw(st.integers(0, 255))
        else:
            out[at:at] = data.draw(st.binary(min_size=1, max_size=8))
    cut = data.draw(st.integers(0, len(out)))
    return bytes(out[:cut]) if data.draw(st.booleans()) else bytes(out)
