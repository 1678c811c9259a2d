"""Tell an input's form from its first bytes, with the file extension as a tie-breaker."""

from __future__ import annotations

import json
import re
from pathlib import PurePath

from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.decode import bom_encoding

GZIP_MAGIC = b"\x1f\x8b"
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"RIFF",
    b"\x7fELF",
    b"II*\x00",
    b"MM\x00*",
    b"OggS",
    b"\x00\x00\x00",
    b"7z\xbc\xaf",
    b"BZh",
    b"\xfd7zXZ",
    b"SQLite format",
)
_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")
_FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}
_HTML_ROOTS = {"html", "head", "body", "div", "article", "p", "section", "main", "meta", "title", "!doctype"}
_FIRST_TAG = re.compile(r"<(?![?!]--)\s*([!A-Za-z][\w:.-]*)")
_DOCTYPE_HTML = re.compile(r"<!doctype\s+html", re.I)
_MARKUP = re.compile(
    r"</?(?:p|div|br|html|body|article|section|span|a|h[1-6]|ul|ol|li|img|strong|em|b|i|table|figure|"
    r"blockquote|header|footer|nav|main|script|style|meta|link|title)\b[^<>]*>",
    re.I,
)
_HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"}
_FEED_EXTS = {".rss", ".atom", ".xml", ".rdf"}
_JSONL_EXTS = {".jsonl", ".ndjson", ".jsonlines"}


def strip_gz(name: str) -> str:
    """The name without a trailing `.gz`/`.gzip`."""
    lower = name.lower()
    for suffix in (".gz", ".gzip"):
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def looks_like_markup(text: str) -> bool:
    """Whether a string holds HTML tags (so clean should treat it as a page, not plain text)."""
    return _MARKUP.search(text) is not None


def sniff(
    head: bytes, name: str, mapping: FieldMapping = FieldMapping(), config: ReadConfig = ReadConfig()
) -> str:
    """The form of an input: a reader name, or "empty"/"binary" when no reader applies."""
    if not head:
        return "empty"
    if head.startswith(b"WARC/"):
        return "warc"
    if is_binary(head, config):
        return "binary"
    text = _head_text(head).lstrip()
    ext = PurePath(strip_gz(name)).suffix.lower()
    if not text:
        return "text"
    if text.startswith(("{", "[")) and (form := _json_form(text, ext)):
        return form
    if text.startswith("<"):
        return _markup_form(text, ext)
    if ext in {".csv", ".tsv"} or _is_csv_header(text, mapping):
        return "csv"
    if ext in _HTML_EXTS and looks_like_markup(text[:4096]):
        return "html"
    if _DOCTYPE_HTML.search(text[:4096]) or len(_MARKUP.findall(text[:4096])) >= 3:
        return "html"
    return "text"


def is_binary(head: bytes, config: ReadConfig = ReadConfig()) -> bool:
    """Whether bytes are not text at all: a known binary signature, NUL bytes or many control bytes."""
    if bom_encoding(head):
        return False  # UTF-16/32 text is full of NULs
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    sample = head[:4096]
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls > config.max_control_share * len(sample)


def _head_text(head: bytes) -> str:
    encoding = bom_encoding(head) or "utf-8"
    return head.decode(encoding, errors="replace").lstrip("\ufeff")


def _json_form(text: str, ext: str) -> str | None:
    """JSONL (one object per line) or one JSON document (pretty-printed, or a .json file), else None."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if first in ("{", "[") or re.match(r"\[\s*[{\]]", first):
        return "json"  # a pretty-printed document or an array of objects
    if not _is_json_object_line(first):
        return "json" if ext == ".json" else None
    # One object per line is JSONL; a .json file holding a single line is one document.
    return "json" if ext == ".json" and not rest.lstrip().startswith("{") else "jsonl"


def _is_json_object_line(first: str) -> bool:
    if re.match(r'\{\s*"', first):
        return True  # a JSON object key; plain-text articles do not start like that
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _markup_form(text: str, ext: str) -> str:
    """Feed or page: decided by the first element that is not a declaration or comment."""
    body = re.sub(r"<!--.*?-->", "", text[:8192], flags=re.S)
    body = re.sub(r"<\?.*?\?>", "", body, flags=re.S)
    found = _FIRST_TAG.search(body)
    root = found.group(1).lower() if found else ""
    if root in _FEED_ROOTS:
        return "feed"
    if root == "!doctype":
        return "feed" if re.match(r"<!doctype\s+(rss|feed)", body.lstrip(), re.I) else "html"
    if root in _HTML_ROOTS or ext in _HTML_EXTS or looks_like_markup(body):
        return "html"
    return "feed" if ext in _FEED_EXTS else "html"


def _is_csv_header(text: str, mapping: FieldMapping) -> bool:
    first = text.split("\n", 1)[0].strip().lower()
    for delimiter in (",", "\t", ";", "|"):
        names = {c.strip().strip('"').strip() for c in first.split(delimiter)}
        if len(names) >= 2 and names & set(mapping.text) and len(names & _all_names(mapping)) >= 2:
            return True
    return False


def _all_names(mapping: FieldMapping) -> set[str]:
    return {
        *mapping.title,
        *mapping.text,
        *mapping.published,
        *mapping.url,
        *mapping.source,
        *mapping.author,
        *mapping.language,
    }
