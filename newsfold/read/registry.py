"""Readers register under a name; a registered reader never lets an exception escape."""

from __future__ import annotations

import functools
import logging
import zlib
from collections.abc import Callable, Iterator

from newsfold.model import Origin, RawRecord, ReadError
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.stream import Source

log = logging.getLogger(__name__)

Item = RawRecord | ReadError
Reader = Callable[[Source, FieldMapping, ReadConfig], Iterator[Item]]

_READERS: dict[str, Reader] = {}


def register(name: str) -> Callable[[Reader], Reader]:
    """Register a reader under `name`, wrapped so that a failure becomes a ReadError for its source."""

    def decorate(reader: Reader) -> Reader:
        guarded = _guard(reader)
        _READERS[name] = guarded
        return guarded

    return decorate


def get(name: str) -> Reader:
    """The reader registered under `name` (KeyError if there is none)."""
    return _READERS[name]


def names() -> list[str]:
    """Names of all registered readers, sorted."""
    return sorted(_READERS)


def _guard(reader: Reader) -> Reader:
    @functools.wraps(reader)
    def guarded(source: Source, mapping: FieldMapping, config: ReadConfig) -> Iterator[Item]:
        try:
            yield from reader(source, mapping, config)
        except Exception as exc:  # bad input must end as data, whatever the library underneath raised
            yield ReadError(Origin(source.path), describe(exc))

    return guarded


def describe(exc: BaseException) -> str:
    """A reason a person can act on, for an exception met while reading."""
    if isinstance(exc, EOFError):
        return f"truncated input (compressed data ends early): {exc}"
    if isinstance(exc, zlib.error) or type(exc).__name__ == "BadGzipFile":
        return f"corrupt compressed data: {exc}"
    if isinstance(exc, OSError):
        return f"could not read: {exc.strerror or exc}"
    if isinstance(exc, MemoryError):
        return "out of memory while reading"
    log.debug("reader failed", exc_info=exc)
    return f"could not read: {type(exc).__name__}: {exc}"
