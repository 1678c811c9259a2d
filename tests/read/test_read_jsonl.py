"""JSONL: field mapping, markup bodies, bad lines, per-line size limit, streaming."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from readkit import jsonl_bytes, split

from newsfold.model import Origin
from newsfold.read import FieldMapping, read_bytes, read_paths


def test_default_mapping_and_bad_lines_do_not_stop_the_file():
    records, errors = split(read_bytes(jsonl_bytes(), "export.jsonl"))
    first, second = records
    assert first.origin == Origin("export.jsonl", "line 1")
    assert (first.title, first.content, first.published, first.url, first.form) == (
        "Rates rise",
        "The bank raised rates.",
        "2022-02-15",
        "https://x/1",
        "text",
    )
    assert (second.form, second.author) == ("html", "A. Writer, B. Writer")
    assert [(e.origin.locator, e.reason.split(":")[0]) for e in errors] == [
        ("line 3", "malformed JSON"),
        ("line 4", "no article text (looked for fields"),
        ("line 5", "JSON line is a list, not an object"),
    ]


def test_custom_mapping_reads_other_names_first():
    line = {
        "story": "Body",
        "text": "Wrong",
        "ts": "2022-01-01",
        "head": "H",
        "outlet": "Gazette",
        "lang": "de",
    }
    mapping = FieldMapping.parse("text=story,published=ts,title=head")
    record = next(read_bytes(json.dumps(line).encode(), "x.jsonl", mapping))
    assert (record.content, record.published, record.title, record.source, record.language) == (
        "Body",
        "2022-01-01",
        "H",
        "Gazette",
        "de",
    )
    with pytest.raises(ValueError):
        FieldMapping.parse("colour=story")


def test_jsonl_without_extension_is_sniffed():
    record = next(read_bytes(b'{"text": "Sniffed"}\n', "export"))
    assert (record.content, record.origin.locator) == ("Sniffed", "line 1")


def test_legacy_encoded_line_is_decoded():
    line = '{"text": "\u201cQuoted\u201d caf\u00e9"}\n'.encode("cp1252")
    record = next(read_bytes(b'{"text": "plain"}\n' + line, "mixed.jsonl"))
    records, _ = split(read_bytes(b'{"text": "plain"}\n' + line, "mixed.jsonl"))
    assert record.encoding == "utf-8"
    assert (records[1].content, records[1].encoding) == ("\u201cQuoted\u201d caf\u00e9", "cp1252")


def test_200_mb_jsonl_is_streamed_and_an_oversized_line_is_skipped(tmp_path):
    path = tmp_path / "big.jsonl"
    filler = b"x" * (1024 * 1024)
    with open(path, "wb") as out:
        out.write(b'{"text": "before"}\n{"text": "')
        for _ in range(200):
            out.write(filler)
        out.write(b'"}\n{"text": "after"}\n')
    tracemalloc.start()
    records, errors = split(read_paths([str(path)]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [r.content for r in records] == ["before", "after"]
    assert errors[0].origin.locator == "line 2"
    assert errors[0].reason.startswith("too large: line of 209,715,2")
    assert peak < 60 * 1024 * 1024  # the 20 MB line buffer at most, never the 200 MB line
