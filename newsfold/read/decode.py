"""Bytes into text: BOM, then UTF-8, then a declared charset, then a guess (cp1252 or charset-normalizer)."""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from newsfold.read.config import ReadConfig

log = logging.getLogger(__name__)

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# WHATWG: pages labelled latin-1 or ASCII are decoded as windows-1252 by every browser.
_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def normalise(name: str | None) -> str | None:
    """A codec's canonical name (with the browsers' latin-1 -> cp1252 rule), or None if Python lacks it."""
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    return _ALIASES.get(canonical, canonical)


def markup_charset(head: bytes) -> str | None:
    """The charset an HTML meta tag or an XML declaration states near the start of a document."""
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return normalise(found.group(1).decode("ascii")) if found else None


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header."""
    found = _CT_CHARSET.search(content_type or "")
    return normalise(found.group(1)) if found else None


def decode(data: bytes, declared: str | None = None, config: ReadConfig = ReadConfig()) -> tuple[str, str]:
    """Decode bytes into text and say which encoding was used; never raises on bad bytes."""
    bom = bom_encoding(data)
    if bom:
        return data.decode(bom, errors="replace"), bom
    # Valid UTF-8 with non-ASCII bytes is almost never anything else, while declarations are often wrong.
    for candidate in ("utf-8", normalise(declared)):
        if candidate is None:
            continue
        try:
            return data.decode(candidate), candidate
        except (UnicodeDecodeError, LookupError):
            continue
    guessed = guess_legacy(data[: config.detect_bytes], config)
    return data.decode(guessed, errors="replace"), guessed


def stream_encoding(head: bytes, config: ReadConfig = ReadConfig()) -> str:
    """The encoding of a streamed file judged by its head (an incomplete last character is forgiven)."""
    bom = bom_encoding(head)
    if bom:
        return bom
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return guess_legacy(head[: config.detect_bytes], config)


def guess_legacy(sample: bytes, config: ReadConfig = ReadConfig()) -> str:
    """Guess a non-UTF-8 encoding: cp1252 for Latin-script text, else charset-normalizer's best match."""
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _ascii_letter_share(text) >= config.latin_ascii_share:
        return "cp1252"
    best = charset_normalizer.from_bytes(sample).best()
    found = normalise(best.encoding) if best is not None else None
    log.debug("charset-normalizer guessed %s", found)
    return found or "cp1252"


def _ascii_letter_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    return sum(c.isascii() for c in letters) / len(letters)
