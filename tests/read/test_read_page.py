"""HTML pages: form, charset from meta or headers, canonical URL when it is plainly stated."""

from __future__ import annotations

from readkit import PAGE

from newsfold.read import read_bytes
from newsfold.read.page import canonical_url


def test_page_is_one_html_record_with_canonical_url():
    record = next(read_bytes(PAGE.encode(), "storm.html"))
    assert (record.form, record.encoding, record.content) == ("html", "utf-8", PAGE)
    assert record.url == "https://coast.example/storm-hits-coast"
    assert record.title is None  # clean extracts the title, not the reader


def test_meta_charset_is_used_for_legacy_pages():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>'
    page += "<body><p>\u201cC\u2019est la vie\u201d, dit-il \u00e0 Montr\u00e9al.</p></body></html>"
    record = next(read_bytes(page.encode("cp1252"), "fr.html"))
    assert record.encoding == "cp1252"
    assert "\u201cC\u2019est la vie\u201d, dit-il \u00e0 Montr\u00e9al." in record.content


def test_declared_charset_loses_to_valid_utf8():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Zürich — “ok”</p></body></html>'
    record = next(read_bytes(page.encode("utf-8"), "mislabelled.html"))
    assert record.encoding == "utf-8"
    assert "Zürich — “ok”" in record.content


def test_canonical_url_forms():
    assert canonical_url("<link href='https://a.example/x' rel='canonical'>") == "https://a.example/x"
    assert (
        canonical_url("<link rel=canonical href=https://a.example/y?a=1&amp;b=2>")
        == "https://a.example/y?a=1&b=2"
    )
    assert canonical_url('<meta property="og:url" content="https://a.example/og">') == "https://a.example/og"
    assert canonical_url('<link rel="canonical" href="/relative">') is None
    assert canonical_url("<p>no head</p>") is None


def test_page_without_text_is_an_error():
    errors = list(read_bytes(b"   \n", "blank.html"))
    assert [e.reason for e in errors] == ["no article text"]
