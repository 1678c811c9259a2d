"""RSS 2.0 and Atom feeds: one record per item with its metadata; malformed feeds are one error."""

from __future__ import annotations

from readkit import ATOM, RSS, split

from newsfold.model import Origin
from newsfold.read import read_bytes, read_paths


def test_rss_items_prefer_full_content_and_carry_metadata(tmp_path):
    path = tmp_path / "planet.xml"
    path.write_text(RSS)
    records, errors = split(read_paths([str(path)]))
    first, second = records
    assert first.origin == Origin(str(path), "item 1")
    assert first.form == "html"
    assert first.content == "<p>The bridge reopened on Tuesday.</p><p>Traffic resumed.</p>"
    assert (first.title, first.published, first.url, first.source, first.author, first.language) == (
        "Bridge reopens after repairs",
        "Tue, 15 Feb 2022 09:30:00 GMT",
        "https://planet.example/bridge",
        "Daily Planet",
        "Lois Lane",
        "en-us",
    )
    assert (second.form, second.content) == ("text", "The council met and voted on the budget.")
    assert [(e.origin.locator, e.reason) for e in errors] == [("item 3", "no article text")]


def test_atom_entry_without_extension(tmp_path):
    path = tmp_path / "atomfeed"
    path.write_text(ATOM)
    records, errors = split(read_paths([str(path)]))
    assert errors == []
    (entry,) = records
    assert entry.content == "<p>Moscou a annoncé un retrait partiel.</p>"
    assert (entry.form, entry.title, entry.url, entry.author, entry.source, entry.language) == (
        "html",
        "Retrait partiel des troupes",
        "https://monde.example/retrait",
        "Jeanne Dupont",
        "Le Monde Exemple",
        "fr",
    )
    assert entry.published == "2022-02-15T10:00:00+01:00"


def test_malformed_feed_is_one_error():
    broken = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><<<>>'
    (error,) = read_bytes(broken.encode(), "broken.rss")
    assert error.origin == Origin("broken.rss")
    assert error.reason.startswith("malformed feed:") and "not well-formed" in error.reason


def test_truncated_feed_keeps_the_items_that_parsed():
    cut = RSS[: RSS.index("<title>Council") + 30]
    records, errors = split(read_bytes(cut.encode(), "cut.rss"))
    assert [r.title for r in records] == ["Bridge reopens after repairs"]
    assert [e.origin.locator for e in errors] == ["item 2"]


def test_feed_with_no_items_is_an_error():
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    (error,) = read_bytes(empty.encode(), "empty.rss")
    assert error.reason == "malformed feed: it has no items"


def test_feed_never_fetches_a_url_given_as_content():
    (error,) = read_bytes(b"<rss>http://127.0.0.1:9/feed</rss>", "url.rss")
    assert error.reason.startswith("malformed feed")
