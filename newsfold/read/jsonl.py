"""JSONL exports: one JSON object per line, streamed line by line with a per-line size limit."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from newsfold.model import Origin, ReadError
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.decode import bom_encoding, decode
from newsfold.read.fields import record_from_fields
from newsfold.read.registry import Item, register
from newsfold.read.stream import Source

_WIDE = {"utf-16", "utf-32"}


@register("jsonl")
def read_jsonl(source: Source, mapping: FieldMapping, config: ReadConfig) -> Iterator[Item]:
    """Yield one record (or ReadError) per non-blank line; a bad line does not stop the file."""
    encoding = bom_encoding(source.head)
    stream = source.stream
    if encoding in _WIDE:  # UTF-16/32 lines cannot be split on the byte 0x0A; split decoded text instead
        stream = io.TextIOWrapper(stream, encoding=encoding, errors="replace")
    for number, line in _lines(stream, config):
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
    line: bytes | str, origin: Origin, mapping: FieldMapping, encoding: str | None, config: ReadConfig
) -> Item:
    if isinstance(line, str):
        text, used = line, encoding
    else:  # each line judged alone: exports glued together from several sources mix encodings
        text, used = decode(line, None, config)
    try:
        row = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        return ReadError(origin, f"malformed JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return ReadError(origin, "malformed JSON: nested too deeply")
    if not isinstance(row, dict):
        return ReadError(origin, f"JSON line is a {type(row).__name__}, not an object")
    return record_from_fields(row, origin, mapping, used, config.max_record_bytes)


def _lines(stream: BinaryIO | TextIO, config: ReadConfig) -> Iterator[tuple[int, bytes | str | int]]:
    """Number and line; a line over the limit comes as its byte count, skipped without being kept."""
    limit = config.max_record_bytes
    newline = "\n" if isinstance(stream, io.TextIOBase) else b"\n"
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(newline):
            yield number, line
            continue
        size = len(line)
        while not line.endswith(newline):
            line = stream.readline(config.chunk_bytes)
            if not line:
                break
            size += len(line)
        yield number, size
