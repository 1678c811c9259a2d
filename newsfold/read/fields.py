"""Structured rows (JSONL, CSV, JSON) into RawRecords through a FieldMapping."""

from __future__ import annotations

from collections.abc import Mapping

from newsfold.model import Origin, RawRecord, ReadError
from newsfold.read.config import FieldMapping
from newsfold.read.sniff import looks_like_markup


def record_from_fields(
    row: Mapping[str, object], origin: Origin, mapping: FieldMapping, encoding: str | None, limit: int
) -> RawRecord | ReadError:
    """Map one row's fields onto a RawRecord; a row without article text is a ReadError."""
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    text = _pick(lowered, mapping.text)
    if text is None or not text.strip():
        return ReadError(origin, f"no article text (looked for fields: {', '.join(mapping.text)})")
    if len(text) > limit:
        return ReadError(origin, _too_large(len(text), limit))
    return RawRecord(
        origin,
        text,
        "html" if looks_like_markup(text) else "text",
        encoding,
        title=_pick(lowered, mapping.title),
        published=_pick(lowered, mapping.published),
        url=_pick(lowered, mapping.url),
        source=_pick(lowered, mapping.source),
        author=_pick(lowered, mapping.author),
        language=_pick(lowered, mapping.language),
    )


def _pick(row: Mapping[str, object], names: tuple[str, ...]) -> str | None:
    """The first named field with a usable value, as a string."""
    for name in names:
        value = _as_text(row.get(name))
        if value:
            return value
    return None


def _as_text(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        parts = [p for p in (_as_text(v) for v in value) if p]
        return ", ".join(parts) or None
    if isinstance(value, Mapping):  # e.g. {"name": "Jane Doe"} for an author
        return _as_text(value.get("name") or value.get("text") or value.get("value"))
    return None


def _too_large(size: int, limit: int) -> str:
    return f"too large: article text of {size:,} characters, over the {limit:,}-byte limit for one record"
