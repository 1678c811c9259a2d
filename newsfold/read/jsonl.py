"""JSONL exports: one JSON object per line, streamed line by line with a per-line size limit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from newsfold.model import Origin, ReadError
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.decode import decode, stream_encoding
from newsfold.read.fields import record_from_fields
from newsfold.read.registry import Item, register
from newsfold.read.stream import Source


@register("jsonl")
def read_jsonl(source: Source, mapping: FieldMapping, config: ReadConfig) -> Iterator[Item]:
    """Yield one record (or ReadError) per non-blank line; a bad line does not stop the file."""
    encoding = stream_encoding(source.head, config)
    for number, line in _lines(source.stream, config):
        origin = Origin(source.path, f"line {number}")
        if isinstance(line, int):
            yield ReadError(
                origin, f"too large: line of {line:,} bytes, over the {config.max_record_bytes:,}-byte limit"
            )
            continue
        if not line.strip():
            continue
        yield _parse_line(line, origin, mapping, encoding, config)


def _parse_line(
    line: bytes, origin: Origin, mapping: FieldMapping, encoding: str, config: ReadConfig
) -> Item:
    try:
        text, used = line.decode(encoding), encoding
    except UnicodeDecodeError:
        text, used = decode(line, None, config)
    try:
        row = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        return ReadError(origin, f"malformed JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return ReadError(origin, "malformed JSON: nested too deeply")
    if not isinstance(row, dict):
        return ReadError(origin, f"JSON line is a {type(row).__name__}, not an object")
    return record_from_fields(row, origin, mapping, used)


def _lines(stream: BinaryIO, config: ReadConfig) -> Iterator[tuple[int, bytes | int]]:
    """Number and line; a line over the limit comes as its byte count, skipped without being kept."""
    limit = config.max_record_bytes
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield number, line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(config.chunk_bytes)
            if not line:
                break
            size += len(line)
        yield number, size
