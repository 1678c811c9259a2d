"""Plain-text files: decoding (BOMs, cp1252, other legacy encodings), size limit, content untouched."""

from __future__ import annotations

import codecs
import tracemalloc
import zlib

from readkit import split

from newsfold.model import RawRecord
from newsfold.read import ReadConfig, read_bytes, read_paths

SMART = "He said \u201cwe will believe it when we see it\u201d \u2014 and left\u2026 Caf\u00e9 na\u00efve.\n"


def test_cp1252_smart_quotes_decode_correctly(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(SMART.encode("cp1252"))
    record = next(read_paths([str(path)]))
    assert isinstance(record, RawRecord)
    assert (record.encoding, record.content) == ("cp1252", SMART)


def test_latin1_bytes_decode_as_cp1252_superset():
    text = "R\u00e9sum\u00e9 of the d\u00e9j\u00e0 vu in Z\u00fcrich.\n"
    record = next(read_bytes(text.encode("latin-1"), "a.txt"))
    assert record.content == text


def test_cyrillic_in_a_legacy_encoding_is_detected():
    text = (
        "Министерство обороны России заявило, что часть войск возвращается в места постоянной дислокации. "
        * 3
    )
    record = next(read_bytes(text.encode("cp1251"), "ru.txt"))
    assert record.content == text
    assert record.encoding == "cp1251"


def test_byte_order_marks_are_honoured():
    for bom, codec, expected in (
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    ):
        record = next(read_bytes(bom + SMART.encode(codec), "bom.txt"))
        assert (record.content, record.encoding) == (SMART, expected)


def test_content_is_untouched_apart_from_decoding():
    raw = "Title line\r\n20220215\r\n\r\n  Indented body\t with tabs  \r\n\r\n\r\n"
    record = next(read_bytes(raw.encode(), "crlf.txt"))
    assert (record.form, record.content) == ("text", raw)


def test_txt_that_is_html_is_read_as_html():
    record = next(read_bytes(b"<html><body><p>Hello</p></body></html>", "page.txt"))
    assert record.form == "html"


def test_200_mb_article_is_refused_by_size_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as out:
        out.write(b"A very long article line.\n" * 4000)
        out.truncate(200 * 1024 * 1024)  # sparse: the size is real, the disk blocks are not
    tracemalloc.start()
    records, errors = split(read_paths([str(path)]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert records == []
    assert errors[0].reason == "too large: 209,715,200 bytes, over the 20,971,520-byte limit for one article"
    assert peak < 5 * 1024 * 1024


def test_200_mb_gz_article_reads_at_most_the_limit(tmp_path):
    path = tmp_path / "huge.txt.gz"
    line = b"A very long article line that repeats.\n"
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    with open(path, "wb") as out:
        block = line * (1024 * 1024 // len(line))
        for _ in range(200):
            out.write(packer.compress(block))
        out.write(packer.flush())
    config = ReadConfig(max_article_bytes=2 * 1024 * 1024)
    records, errors = split(read_paths([str(path)], config=config))
    assert records == []
    assert (
        errors[0].reason
        == "too large: more than 2,097,152 bytes, over the 2,097,152-byte limit for one article"
    )
