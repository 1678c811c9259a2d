"""Form detection: content first, extension as the tie-breaker."""

from __future__ import annotations

import codecs

import pytest
from readkit import ATOM, PAGE, RSS, csv_bytes, jsonl_bytes

from newsfold.read.sniff import is_binary, looks_like_markup, sniff


@pytest.mark.parametrize(
    ("head", "name", "form"),
    [
        (b"", "a.txt", "empty"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "a.bin", "warc"),
        (RSS.encode(), "feed", "feed"),
        (ATOM.encode(), "feed.txt", "feed"),
        (b'<?xml version="1.0"?>\n<!-- c -->\n<rdf:RDF xmlns:rdf="x"><item/></rdf:RDF>', "x", "feed"),
        (PAGE.encode(), "story.txt", "html"),
        (b"<div><p>fragment</p></div>", "frag", "html"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><p>x</p></html>', "a.xml", "html"),
        (b"<urlset><url/></urlset>", "sitemap.xml", "feed"),
        (jsonl_bytes(), "export", "jsonl"),
        (b'  {"a": 1}\n', "x.txt", "jsonl"),
        (b'[{"text": "x"}]', "a.json", "json"),
        (b'[{"text": "x"}]', "noext", "json"),
        (b'{\n  "id1": {"text": "x"}\n}', "pretty", "json"),
        (b'{"id1": {"text": "x"}, "id2": {"text": "y"}}', "map.json", "json"),
        (b'{"text": "x"}\n{"text": "y"}\n', "lines.json", "jsonl"),
        (b'{"text": "x"', "cut.json", "json"),
        (csv_bytes(), "export", "csv"),
        (b"a,b\n1,2\n", "numbers.csv", "csv"),
        (b"Title\n\nJust text, with a comma.\n", "story", "text"),
        (b"[Update] A story that starts with a bracket.", "story.txt", "text"),
        (b"Some <b>bold</b> claims, in text <i>mostly</i>, with a <p> tag.", "note.txt", "html"),
        (b"BMW recalls cars\n\nMunich (AP) -- ...", "bmw.txt", "text"),
        (codecs.BOM_UTF16_LE + "<html><p>x</p></html>".encode("utf-16-le"), "w.html", "html"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "img.png", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "doc.txt", "binary"),
        (bytes(range(1, 32)) * 4, "ctrl", "binary"),
    ],
)
def test_sniff(head, name, form):
    assert sniff(head, name) == form


def test_is_binary_allows_text_with_a_bom():
    assert not is_binary(codecs.BOM_UTF16_LE + "text".encode("utf-16-le"))
    assert is_binary(b"text\x00text")


def test_looks_like_markup():
    assert looks_like_markup("<p>Paragraph</p>")
    assert looks_like_markup('Text with <a href="x">a link</a>')
    assert not looks_like_markup("1 < 2 and 3 > 2; x<y")
    assert not looks_like_markup("Plain text with <angle brackets> of no known tag")
