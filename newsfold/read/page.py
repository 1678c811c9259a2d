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

_TAG = re.compile(r"<(?:link|meta)\b[^<>]*>", re.I)
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
    return RawRecord(
        origin, content, "html", encoding, url=url or canonical_url(content[: config.max_head_chars])
    )


def canonical_url(head: str) -> str | None:
    """The page's `<link rel=canonical>` or `og:url`, when a tag in the head states it plainly."""
    og = None
    for tag in _TAG.findall(head):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTR.finditer(tag)
        }
        if "canonical" in attrs.get("rel", "").lower().split() and _absolute(attrs.get("href")):
            return html.unescape(attrs["href"].strip())
        if attrs.get("property", "").lower() == "og:url" and _absolute(attrs.get("content")):
            og = og or html.unescape(attrs["content"].strip())
    return og


def _absolute(url: str | None) -> bool:
    return bool(url) and url.strip().lower().startswith(("http://", "https://"))
