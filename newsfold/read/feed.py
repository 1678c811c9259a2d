"""RSS and Atom feeds via feedparser: one record per item, full content preferred over the summary."""

from __future__ import annotations

import io
from collections.abc import Iterator

import feedparser

from newsfold.model import Origin, RawRecord, ReadError
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.registry import Item, register
from newsfold.read.sniff import looks_like_markup
from newsfold.read.stream import Source, read_whole


@register("feed")
def read_feed(source: Source, mapping: FieldMapping, config: ReadConfig) -> Iterator[Item]:
    """Yield one record (or ReadError) per item; the feed's title becomes each item's source."""
    data = read_whole(source, config.max_feed_bytes, "one feed")
    if isinstance(data, ReadError):
        yield data
        return
    parsed = feedparser.parse(io.BytesIO(data))  # a stream, so feedparser never treats it as a URL
    if not parsed.entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else "it has no items"
        yield ReadError(Origin(source.path), f"malformed feed: {problem}")
        return
    channel = parsed.get("feed", {})
    for number, entry in enumerate(parsed.entries, 1):
        origin = Origin(source.path, f"item {number}")
        try:
            yield _entry_record(entry, channel, origin, parsed.get("encoding"))
        except Exception as exc:  # one odd item must not cost the rest of the feed
            yield ReadError(origin, f"unreadable feed item: {type(exc).__name__}: {exc}")


def _entry_record(entry: dict, channel: dict, origin: Origin, encoding: str | None) -> RawRecord | ReadError:
    content = _content(entry)
    if not content.strip():
        return ReadError(origin, "no article text")
    return RawRecord(
        origin,
        content,
        "html" if looks_like_markup(content) else "text",
        encoding,
        title=_text(entry.get("title")),
        published=_text(entry.get("published") or entry.get("updated") or entry.get("created")),
        url=_text(entry.get("link")),
        source=_text(channel.get("title")),
        author=_text(entry.get("author")),
        language=_text(_language(entry) or channel.get("language")),
    )


def _content(entry: dict) -> str:
    """The longest full-content body (content:encoded, atom:content), else the summary."""
    bodies = [c.get("value") or "" for c in entry.get("content") or []]
    best = max(bodies, key=len, default="")
    return best if best.strip() else entry.get("summary") or ""


def _language(entry: dict) -> str | None:
    for part in [*(entry.get("content") or []), entry.get("summary_detail") or {}]:
        if part.get("language"):
            return part["language"]
    return None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
