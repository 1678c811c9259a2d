"""HTML pages: one per file, decoded with the charset the page or its server states; clean does the rest."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from newsfold.model import Origin, RawRecord, ReadError
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.decode import decode, markup_charset
from newsfold.read.registry import Item, register
from newsfold.read.stream import Source, read_whole

_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


@register("html")
def read_html(source: Source, mapping: FieldMapping, config: ReadConfig) -> Iterator[Item]:
    """Yield the page as one `form="html"` record."""
    data = read_whole(source, config.max_article_bytes)
    if isinstance(data, ReadError):
        yield data
        return
    yield page_record(data, Origin(source.path), config)


def page_record(
    data: bytes, origin: Origin, config: ReadConfig, declared: str | None = None, url: str | None = None
) -> RawRecord | ReadError:
    """A record for one HTML page given as bytes; `declared` is a charset from outside (HTTP headers)."""
    head = data[: config.sniff_bytes]
    content, encoding = decode(data, declared or markup_charset(head), config)
    if not content.strip():
        return ReadError(origin, "no article text")
    url = url or canonical_url(data[: config.max_head_bytes], encoding)
    return RawRecord(origin, content, "html", encoding, url=url)


def canonical_url(head: bytes | str, encoding: str = "utf-8") -> str | None:
    """The page's `<link rel=canonical>`, else its `og:url`, when a tag in the head states it plainly."""
    raw = head.encode("utf-8") if isinstance(head, str) else head
    encoding = "utf-8" if isinstance(head, str) else encoding
    lowered = raw.lower()  # bytes: ASCII-only lowering is all tag names need, and str.lower is slow
    for tag in _tags_naming(raw, lowered, b"canonical"):
        attrs = _attributes(tag.decode(encoding, errors="replace"))
        if "canonical" in attrs.get("rel", "").lower().split() and _absolute(attrs.get("href")):
            return html.unescape(attrs["href"].strip())
    for tag in _tags_naming(raw, lowered, b"og:url"):
        attrs = _attributes(tag.decode(encoding, errors="replace"))
        if attrs.get("property", "").lower() == "og:url" and _absolute(attrs.get("content")):
            return html.unescape(attrs["content"].strip())
    return None


def _attributes(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTR.finditer(tag)}


def _tags_naming(raw: bytes, lowered: bytes, word: bytes) -> Iterator[bytes]:
    """The `<link>`/`<meta>` tags that contain `word`, lazily, in document order."""
    for at in _find_all(lowered, word):
        start, end = lowered.rfind(b"<", 0, at), lowered.find(b">", at)
        if start >= 0 and end > 0 and lowered.startswith((b"<link", b"<meta"), start):
            yield raw[start : end + 1]


def _find_all(text: bytes, word: bytes) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _absolute(url: str | None) -> bool:
    return bool(url) and url.strip().lower().startswith(("http://", "https://"))
