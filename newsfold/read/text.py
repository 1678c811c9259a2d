"""Plain-text articles: one per file, content untouched apart from decoding (clean parses header lines)."""

from __future__ import annotations

from collections.abc import Iterator

from newsfold.model import Origin, RawRecord, ReadError
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.decode import decode
from newsfold.read.registry import Item, register
from newsfold.read.stream import Source, read_whole


@register("text")
def read_text(source: Source, mapping: FieldMapping, config: ReadConfig) -> Iterator[Item]:
    """Yield the file as one `form="text"` record."""
    data = read_whole(source, config.max_article_bytes)
    if isinstance(data, ReadError):
        yield data
        return
    content, encoding = decode(data, None, config)
    if not content.strip():
        yield ReadError(Origin(source.path), "no article text")
        return
    yield RawRecord(Origin(source.path), content, "text", encoding)
