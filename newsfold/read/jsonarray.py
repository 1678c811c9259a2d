"""JSON documents: an array of article objects, an object holding such an array, or one article object."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsfold.model import Origin, ReadError
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.decode import decode
from newsfold.read.fields import record_from_fields
from newsfold.read.registry import Item, register
from newsfold.read.stream import Source, read_whole


@register("json")
def read_json(source: Source, mapping: FieldMapping, config: ReadConfig) -> Iterator[Item]:
    """Yield one record per article object: `item N` in an array (from 1), `key K` in an id -> article map."""
    data = read_whole(source, config.max_json_bytes, "one JSON document")
    if isinstance(data, ReadError):
        yield data
        return
    text, encoding = decode(data, None, config)
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        yield ReadError(
            Origin(source.path), f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        )
        return
    for locator, item in _articles(document, mapping):
        origin = Origin(source.path, locator)
        if isinstance(item, dict):
            yield record_from_fields(item, origin, mapping, encoding, config.max_record_bytes)
        else:
            yield ReadError(origin, f"JSON item is a {type(item).__name__}, not an object")


def _articles(document: object, mapping: FieldMapping) -> list[tuple[str, object]]:
    """(locator, article) pairs: array items, an object's list of articles, id -> article, or one article."""
    if isinstance(document, dict):
        lists = [v for v in document.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        keys = {str(k).lower() for k in document}
        if lists and not keys & set(mapping.text):
            document = lists[0]
        elif (
            document and not keys & set(mapping.text) and all(isinstance(v, dict) for v in document.values())
        ):
            return [(f"key {k}", v) for k, v in document.items()]  # e.g. {"<id>": {...article...}, ...}
        else:
            return [("", document)]
    if isinstance(document, list):
        return [(f"item {n}", item) for n, item in enumerate(document, 1)]
    return [("", document)]
