"""Entry points: expand paths (folders, globs, stdin, file URLs), open each input, sniff it, dispatch it."""

from __future__ import annotations

import glob
import gzip
import io
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlparse

from newsfold.model import Origin, ReadError
from newsfold.read import registry
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.registry import Item
from newsfold.read.sniff import GZIP_MAGIC, sniff, strip_gz
from newsfold.read.stream import Source, peek

log = logging.getLogger(__name__)

# One wording wherever the input came from (a folder, a name, stdin, an upload, a Spark unit), so local and
# distributed runs report the same rejections.
BINARY = "not a supported article format (binary data, not text)"


def read_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    mapping: FieldMapping | None = None,
    config: ReadConfig = ReadConfig(),
) -> Iterator[Item]:
    """Read files, folders (recursively, sorted), globs, `-` (stdin) and file:// URLs into records."""
    mapping = mapping or FieldMapping()
    # A lone str or Path is one path, not an iterable of characters.
    paths = [os.fspath(paths)] if isinstance(paths, str | os.PathLike) else [os.fspath(p) for p in paths]
    for target in _expand(paths):
        if isinstance(target, ReadError):
            yield target
        elif target == "-":
            yield from read_stream(sys.stdin.buffer, "-", "-", None, mapping, config)
        else:
            yield from _read_file(target, mapping, config)


def read_bytes(
    data: bytes, name: str, mapping: FieldMapping | None = None, config: ReadConfig = ReadConfig()
) -> Iterator[Item]:
    """Read one input given as bytes (an upload); `name` is its origin and hints its form."""
    yield from read_stream(io.BytesIO(data), name, name, len(data), mapping or FieldMapping(), config)


def read_stream(
    stream: BinaryIO, path: str, name: str, size: int | None, mapping: FieldMapping, config: ReadConfig
) -> Iterator[Item]:
    """Sniff an open stream (decompressing gzip) and hand it to the reader for its form."""
    try:
        source = _open_source(stream, path, name, size, config)
        form = sniff(source.head, source.name, mapping, config)
    except Exception as exc:  # reading the first bytes can fail like any read
        yield ReadError(Origin(path), registry.describe(exc))
        return
    log.debug("%s: %s", path, form)
    if form == "empty":
        yield ReadError(Origin(path), "empty file")
    elif form == "binary":
        yield ReadError(Origin(path), BINARY)
    else:
        found = False
        for item in registry.get(form)(source, mapping, config):
            found = True
            yield item
        if not found:  # e.g. a CSV with only its header: say so, or the file vanishes from the run report
            yield ReadError(Origin(path), f"no articles in this {form} input")


def _open_source(stream: BinaryIO, path: str, name: str, size: int | None, config: ReadConfig) -> Source:
    head, stream = peek(stream, config.sniff_bytes)
    if not head.startswith(GZIP_MAGIC):
        return Source(path, name, stream, head, size)
    if _gunzip_head(head).startswith(b"WARC/"):
        return Source(path, name, stream, b"WARC/", size)  # warcio reads WARC.gz members itself
    inner = gzip.GzipFile(fileobj=stream, mode="rb")
    inner_head, inner_stream = peek(inner, config.sniff_bytes)
    return Source(path, strip_gz(name), inner_stream, inner_head, None)


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 64)
    except zlib.error:
        return b""


def _read_file(path: str, mapping: FieldMapping, config: ReadConfig) -> Iterator[Item]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 -- closed in finally, across the generator's life
        size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        yield ReadError(Origin(path), f"cannot open: {exc.strerror or exc}")
        return
    try:
        yield from read_stream(handle, path, path, size, mapping, config)
    finally:
        handle.close()


def _expand(paths: Iterable[str]) -> Iterator[str | ReadError]:
    """Each input path as files to read, in a deterministic order; a path that matches nothing is an error."""
    for raw in paths:
        path = _from_file_url(raw)
        if path == "-" or os.path.isfile(path):
            yield path
        elif os.path.isdir(path):
            yield from _walk(path)
        elif glob.has_magic(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield ReadError(Origin(raw), "no files match this pattern")
            for match in matches:  # what a pattern finds is "found", so FIFOs and devices are skipped
                yield from _walk(match) if os.path.isdir(match) else [match] if os.path.isfile(match) else []
        elif os.path.exists(path):
            yield ReadError(Origin(raw), "not a regular file or folder")
        else:
            yield ReadError(Origin(raw), "no such file or folder")


def _walk(folder: str) -> Iterator[str]:
    """Regular files under a folder, recursively, sorted by path; dot-names (hidden) are skipped."""
    found: list[tuple[str, ...]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = Path(root).relative_to(folder).parts
        found.extend((*rel, name) for name in files if not name.startswith("."))
    for parts in sorted(found):
        path = str(Path(folder, *parts))
        if os.path.isfile(path):  # a FIFO or device in a folder would block or never end
            yield path


def _from_file_url(path: str) -> str:
    if path.lower().startswith("file://"):
        return unquote(urlparse(path).path)
    return path
