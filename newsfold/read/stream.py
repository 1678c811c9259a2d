"""Byte sources for readers: a peeked head, a stream that replays it, and bounded whole reads."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import BinaryIO

from newsfold.model import Origin, ReadError


@dataclass(slots=True)
class Source:
    """One input opened for reading: where it came from, its first bytes, and a stream from the start."""

    path: str  # the origin path ("-" for stdin)
    name: str  # the name whose extension hints the form (".gz" already stripped)
    stream: BinaryIO  # yields every byte, the head included
    head: bytes  # the first bytes, for sniffing
    size: int | None = None  # byte size when known without reading (plain files, uploads)


class _Replay(io.RawIOBase):
    """Replays an already-read head, then the rest of a stream; re-raises a read error met in the head."""

    def __init__(self, head: bytes, rest: BinaryIO | None, error: BaseException | None = None) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        if self._rest is None:
            return 0
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def peek(stream: BinaryIO, limit: int, chunk: int = 8192) -> tuple[bytes, BinaryIO]:
    """Read up to `limit` bytes and return them with a stream that still starts at byte 0."""
    parts: list[bytes] = []
    got = 0
    error: BaseException | None = None
    try:
        while got < limit:
            data = stream.read(min(chunk, limit - got))
            if not data:
                break
            parts.append(data)
            got += len(data)
    except (EOFError, OSError) as exc:  # truncated .gz: keep what came before, raise it after the head
        if not parts:
            raise  # nothing readable at all: the error, not an "empty" stream, is what to report
        error = exc
    head = b"".join(parts)
    return head, io.BufferedReader(_Replay(head, stream, error), buffer_size=64 * 1024)


def read_whole(source: Source, limit: int, what: str = "one article") -> bytes | ReadError:
    """All bytes of a source, or a ReadError naming its size when it is over `limit` (never read past it)."""
    if source.size is not None and source.size > limit:
        return ReadError(Origin(source.path), _too_big(source.size, limit, what))
    # With a known size, ask for just that much: read(n) allocates n bytes up front.
    data = source.stream.read((limit if source.size is None else min(limit, source.size)) + 1)
    if len(data) > limit:
        return ReadError(Origin(source.path), _too_big(None, limit, what))
    return data


def _too_big(size: int | None, limit: int, what: str) -> str:
    said = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return f"too large: {said}, over the {limit:,}-byte limit for {what}"


def open_bytes(data: bytes, name: str, sniff_bytes: int = 64 * 1024) -> Source:
    """A Source over bytes in memory (uploads, tests), named `name`."""
    head, stream = peek(io.BytesIO(data), sniff_bytes)
    return Source(name, name, stream, head, len(data))
