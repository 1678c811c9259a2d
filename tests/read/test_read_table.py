"""CSV/TSV: header mapping, quoted fields, delimiters, encodings, row numbers and bad rows."""

from __future__ import annotations

from readkit import csv_bytes, split

from newsfold.model import Origin
from newsfold.read import ReadConfig, read_bytes


def test_csv_rows_with_quotes_newlines_and_markup():
    records, errors = split(read_bytes(csv_bytes(), "export.csv"))
    first, second = records
    assert first.origin == Origin("export.csv", "row 1")
    assert (first.title, first.published, first.url, first.source, first.form) == (
        "Quoted, title",
        "2022-02-15",
        "https://c/1",
        "Gazette",
        "text",
    )
    assert first.content == 'First line\r\nsecond line with "quotes"'
    assert second.form == "html"
    assert [(e.origin.locator, e.reason.startswith("no article text")) for e in errors] == [("row 3", True)]


def test_semicolon_tsv_and_sniffed_header():
    semi = read_bytes(b"headline;body\nT;Semicolon body\n", "semi.csv")
    tabs = read_bytes(b"title\tcontent\nT\tTab body\n", "tabs.tsv")
    bare = read_bytes(b"title,text,url\nT,No extension,https://u\n", "export")
    assert [next(items).content for items in (semi, tabs, bare)] == [
        "Semicolon body",
        "Tab body",
        "No extension",
    ]


def test_cp1252_csv_is_decoded():
    data = "title,text\nQ,\u201cSmart\u201d quotes \u2014 here\n".encode("cp1252")
    record = next(read_bytes(data, "legacy.csv"))
    assert (record.content, record.encoding) == ("\u201cSmart\u201d quotes \u2014 here", "cp1252")


def test_csv_without_a_text_column_is_one_error():
    errors = list(read_bytes(b"name,age\nx,3\n", "people.csv"))
    assert len(errors) == 1 and errors[0].reason.startswith("no text column")


def test_long_bodies_exceed_the_csv_module_default_limit():
    body = "word " * 60000  # 300 KB, over csv's 128 KiB default field limit
    record = next(read_bytes(f"title,text\nLong,{body}\n".encode(), "long.csv"))
    assert record.content == body.strip()


def test_oversized_row_is_reported_and_reading_goes_on():
    data = f"title,text\nA,first\nB,{'x' * 5000}\nC,third\n".encode()
    records, errors = split(read_bytes(data, "big.csv", config=ReadConfig(max_record_bytes=1000)))
    assert [r.content for r in records] == ["first", "third"]
    assert [(e.origin.locator, e.reason) for e in errors] == [
        ("row 2", "too large: article text of 5,000 characters, over the 1,000-byte limit for one record")
    ]


def test_inputs_with_no_rows_are_reported():
    for data, name in ((b"title,text\r\n", "head.csv"), (b"\n\n", "blank.jsonl"), (b"[]", "none.json")):
        items = list(read_bytes(data, name))
        assert [(type(i).__name__, i.origin.path) for i in items] == [("ReadError", name)], items
