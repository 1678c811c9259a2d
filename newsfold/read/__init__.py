"""read stage: paths, globs, stdin and uploads into `RawRecord`s (or `ReadError`s), one module per form.

Forms: text, html, jsonl, csv, json, feed (RSS/Atom), warc; `.gz` is opened transparently.
"""

from newsfold.read import feed, jsonarray, jsonl, page, table, text, warc  # noqa: F401 -- registers readers
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.paths import read_bytes, read_paths, read_stream
from newsfold.read.registry import names as reader_names
from newsfold.read.registry import register

__all__ = [
    "FieldMapping",
    "ReadConfig",
    "read_bytes",
    "read_paths",
    "read_stream",
    "reader_names",
    "register",
]
