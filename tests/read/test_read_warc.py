"""WARC and WARC.gz written with warcio: HTML responses only, with URL, offset, crawl date and charset."""

from __future__ import annotations

import pytest
from readkit import split, warc_bytes

from newsfold.model import RawRecord
from newsfold.read import read_bytes, read_paths


@pytest.mark.parametrize("gzipped", [False, True])
def test_html_responses_become_records_the_rest_is_skipped(tmp_path, gzipped):
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    data = warc_bytes(gzipped)
    path.write_bytes(data)
    records, errors = split(read_paths([str(path)]))
    assert errors == []
    assert [r.url for r in records] == ["https://w.example/a", "https://w.example/b"]
    first = records[0]
    assert (first.form, first.encoding, first.fetched, first.published) == (
        "html",
        "cp1252",
        "2022-02-15T12:00:00Z",
        None,
    )
    assert "\u201cQuoted\u201d caf\u00e9" in first.content
    for record in records:
        offset = int(record.origin.locator.removeprefix("offset "))
        assert data[offset:].startswith(b"\x1f\x8b" if gzipped else b"WARC/1")


def test_warc_without_extension_is_sniffed():
    records, _ = split(read_bytes(warc_bytes(False), "crawl-dump"))
    assert len(records) == 2


def test_broken_record_is_an_error_with_its_offset():
    data = warc_bytes(False)
    cut = data.index(b"WARC/1", 1000)
    broken = data[:cut] + b"WARC/1.0\r\nContent-Length: zebra\r\n\r\n" + data[cut:]
    items = list(read_bytes(broken, "broken.warc"))
    records = [i for i in items if isinstance(i, RawRecord)]
    errors = [i for i in items if not isinstance(i, RawRecord)]
    assert records and records[0].url == "https://w.example/a"
    assert errors[-1].reason.startswith("broken WARC record")
    assert errors[-1].origin.locator.startswith("offset ")


def test_truncated_warc_gz_keeps_the_records_before_the_cut():
    data = warc_bytes(True)
    records, errors = split(read_bytes(data[:-40], "cut.warc.gz"))
    assert [r.url for r in records] == ["https://w.example/a"]
    assert len(errors) == 1 and errors[0].reason.startswith("broken WARC record: truncated")
    whole, _ = split(read_bytes(data, "whole.warc.gz"))
    assert errors[0].origin.locator == whole[1].origin.locator
