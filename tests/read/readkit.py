"""Shared helpers for the read tests: sample inputs of every form, built in code, and item checks."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfold.model import RawRecord, ReadError

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Daily Planet</title><link>https://planet.example/</link><language>en-us</language>
  <item>
    <title>Bridge reopens after repairs</title>
    <link>https://planet.example/bridge</link>
    <pubDate>Tue, 15 Feb 2022 09:30:00 GMT</pubDate>
    <dc:creator>Lois Lane</dc:creator>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>The bridge reopened on Tuesday.</p><p>Traffic resumed.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Council meets</title>
    <link>https://planet.example/council</link>
    <pubDate>Wed, 16 Feb 2022 18:00:00 GMT</pubDate>
    <description>The council met and voted on the budget.</description>
  </item>
  <item><title>Empty item</title><link>https://planet.example/empty</link></item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le Monde Exemple</title>
  <id>urn:example:feed</id><updated>2022-02-15T12:00:00Z</updated>
  <entry>
    <title>Retrait partiel des troupes</title>
    <link rel="alternate" href="https://monde.example/retrait"/>
    <id>urn:example:1</id>
    <published>2022-02-15T10:00:00+01:00</published><updated>2022-02-15T11:00:00+01:00</updated>
    <author><name>Jeanne Dupont</name></author>
    <summary>Résumé court.</summary>
    <content type="html">&lt;p&gt;Moscou a annoncé un retrait partiel.&lt;/p&gt;</content>
  </entry>
</feed>
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Storm hits coast | Coast News</title>
<link rel="canonical" href="https://coast.example/storm-hits-coast">
<meta property="og:url" content="https://coast.example/og-url">
</head><body><article><h1>Storm hits coast</h1><p>A storm hit the coast on Monday.</p></article></body></html>
"""


def jsonl_bytes() -> bytes:
    rows = [
        {
            "headline": "Rates rise",
            "body": "The bank raised rates.",
            "published": "2022-02-15",
            "link": "https://x/1",
        },
        {
            "title": "Markup body",
            "content": "<p>Shares <b>fell</b>.</p>",
            "authors": ["A. Writer", "B. Writer"],
        },
        {"title": "No text here"},
    ]
    lines = [json.dumps(r) for r in rows[:2]] + ["{not json", json.dumps(rows[2]), "[1, 2]", ""]
    return ("\n".join(lines) + "\n").encode()


def csv_bytes() -> bytes:
    return (
        b"title,text,date,url,outlet\r\n"
        b'"Quoted, title","First line\r\nsecond line with ""quotes""",2022-02-15,https://c/1,Gazette\r\n'
        b"Second,<p>Body in <i>markup</i></p>,2022-02-16,https://c/2,Gazette\r\n"
        b"No body,,2022-02-17,https://c/3,Gazette\r\n"
    )


def warc_bytes(gzipped: bool) -> bytes:
    """A WARC with a warcinfo, an HTML response, an image response, a 404 page and a request record."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "test"}))
    _response(
        writer, "https://w.example/a", "text/html; charset=windows-1252", "“Quoted” café".encode("cp1252")
    )
    _response(writer, "https://w.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    _response(
        writer, "https://w.example/missing", "text/html", b"<html><p>Not found</p></html>", "404 Not Found"
    )
    request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "w.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://w.example/a", "request", http_headers=request))
    _response(writer, "https://w.example/b", "text/html", b"<html><body><p>Second page</p></body></html>")
    return out.getvalue()


def _response(writer: WARCWriter, url: str, content_type: str, body: bytes, status: str = "200 OK") -> None:
    if content_type.startswith("text/html") and not body.startswith(b"<"):
        body = b"<html><body><p>" + body + b"</p></body></html>"
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    record.rec_headers.replace_header("WARC-Date", "2022-02-15T12:00:00Z")
    writer.write_record(record)


def samples() -> dict[str, bytes]:
    """One small valid input per form, keyed by a file name that carries the usual extension."""
    return {
        "feed.rss": RSS.encode(),
        "feed.atom": ATOM.encode(),
        "page.html": PAGE.encode(),
        "rows.jsonl": jsonl_bytes(),
        "rows.csv": csv_bytes(),
        "arch.warc": warc_bytes(False),
        "arch.warc.gz": warc_bytes(True),
        "plain.txt": "Title\n\nBody with “quotes”.\n".encode("cp1252"),
        "page.html.gz": gzip.compress(PAGE.encode()),
        "items.json": json.dumps([{"title": "J", "text": "Json body"}]).encode(),
    }


def split(items: Iterable[RawRecord | ReadError]) -> tuple[list[RawRecord], list[ReadError]]:
    """Records and errors, in order, checking that nothing else came out."""
    records, errors = [], []
    for item in items:
        assert isinstance(item, RawRecord | ReadError), item
        (records if isinstance(item, RawRecord) else errors).append(item)
    return records, errors
