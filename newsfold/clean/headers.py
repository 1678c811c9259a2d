"""Header lines of a plain-text article: title, date line, URL line, byline and a " date ..." prefix."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfold.clean.blocks import Block
from newsfold.clean.config import CleanConfig
from newsfold.clean.metadata import find_dateline, looks_like_date, parse_date
from newsfold.clean.normalize import normalize_for_matching
from newsfold.model import Removed

_URL_LINE = re.compile(r"^(?:url:\s*)?(https?://\S+)$", re.I)
# " date 2022-02-15 KYIV, Ukraine — ...": a field name and a date glued before the body's first line.
_DATE_PREFIX = re.compile(
    r"^(?:date|published|posted|updated)\s*[:=]?\s*(\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|\d{8})\s+",
    re.I,
)
_BYLINE = re.compile(r"^(?i:by)\s+(?P<name>[A-Z][\w.'\-]+(?:[ ,]+(?:and\s+)?[A-Z][\w.'\-]+){0,8})\s*$")
_SENTENCE_END = re.compile(r"[.;,:]$")


@dataclass(slots=True)
class Headers:
    """What the header lines said, and the spans of raw they took from the body."""

    title: str | None = None
    published: str | None = None
    published_how: str | None = None
    url: str | None = None
    byline: str | None = None
    removed: list[Removed] = field(default_factory=list)


def strip_headers(
    raw: str, blocks: list[Block], config: CleanConfig, known_title: str | None = None
) -> Headers:
    """Take header lines off the top (banners are stepped over).

    `known_title` None: guess the title line; a string (a page's title, maybe ""): only that line is one.
    """
    headers = Headers()
    expected = _key(known_title) if known_title is not None else None
    seen = 0
    for block in blocks:
        if block.reason is not None:
            continue
        if seen >= config.header_max_blocks or not _take_header(
            raw, block, blocks, headers, config, expected
        ):
            break
        seen += 1
    return headers


def _take_header(
    raw: str, block: Block, blocks: list[Block], headers: Headers, config: CleanConfig, expected: str | None
) -> bool:
    """Classify one top block as a header (marking it) or say it is body (False)."""
    text = block.text
    if _strip_date_prefix(raw, block, headers):
        return False  # the rest of that line is body
    if headers.url is None and _URL_LINE.match(text):
        headers.url = _URL_LINE.match(text).group(1)
        return _mark(block, "header:url")
    if headers.published is None and looks_like_date(text, config):
        parsed = parse_date(text)
        if parsed is not None:
            headers.published, headers.published_how = parsed, "header-line"
            return _mark(block, "header:date")
    byline = _BYLINE.match(text)
    if headers.byline is None and byline:
        headers.byline = byline.group("name")
        return _mark(block, "header:byline")
    is_title = _key(text) == expected if expected is not None else _is_title(block, blocks, config)
    if headers.title is None and is_title:
        headers.title = text
        return _mark(block, "header:title")
    return False


def _key(text: str) -> str:
    """Matching form of a title line, case aside."""
    return normalize_for_matching(text).casefold()


def _mark(block: Block, reason: str) -> bool:
    """Mark a header block; always True so callers can return it."""
    block.reason = reason
    return True


def _is_title(block: Block, blocks: list[Block], config: CleanConfig) -> bool:
    """A headline: the first kept block, short, no closing stop, not a dateline, and body follows it."""
    text = block.text
    if len(text) > config.title_max_chars or len(text.split()) > config.title_max_words:
        return False
    if _SENTENCE_END.search(text) or text.endswith(".\u201d") or find_dateline([text])[0]:
        return False
    body = [other for other in blocks if other.reason is None and other is not block]
    return len(body) >= 1 and not looks_like_date(text, config)


def _strip_date_prefix(raw: str, block: Block, headers: Headers) -> bool:
    """Cut a " date YYYY-MM-DD" prefix off the block, keeping the date; True when one was cut."""
    match = _DATE_PREFIX.match(block.text)
    if not match or headers.published is not None:
        return False
    parsed = parse_date(match.group(1))
    if parsed is None:
        return False
    # Block text starts at block.start in raw (a single line), so offsets carry over.
    cut = block.start + match.end()
    headers.removed.append(Removed(block.start, cut, "header:date", raw[block.start : cut]))
    headers.published, headers.published_how = parsed, "date-prefix"
    block.text, block.start = block.text[match.end() :], cut
    return True
