"""Split raw text into blocks (paragraph candidates) that remember their span of the raw text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfold.clean.config import CleanConfig

# Sentence-final characters, closing quotes and brackets included: a line ending so is not wrapped.
_ENDS_SENTENCE = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")


@dataclass(slots=True)
class Block:
    """One paragraph candidate: raw[start:end], its display text, and why it was removed (None: kept)."""

    start: int
    end: int
    text: str
    reason: str | None = None


def split_blocks(raw: str, config: CleanConfig) -> list[Block]:
    """Blank lines end paragraphs; other line breaks too, unless the whole text is hard-wrapped."""
    groups: list[list[tuple[int, int, str]]] = [[]]
    offset = 0
    for line in raw.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            groups[-1].append((start, start + len(stripped), stripped))
        elif groups[-1]:
            groups.append([])
        offset += len(line) + 1
    width = _wrap_width(groups, config)
    return [block for group in groups for block in _group_blocks(group, width, config)]


def _group_blocks(lines: list[tuple[int, int, str]], width: int | None, config: CleanConfig) -> list[Block]:
    """In wrapped text a line runs on unless the one before it stopped short; else each line is a block."""
    if width is None:
        return [Block(start, end, text) for start, end, text in lines]
    blocks: list[Block] = []
    previous = ""
    for start, end, text in lines:
        if blocks and len(previous) >= config.wrap_close_ratio * width:
            last = blocks[-1]
            blocks[-1] = Block(last.start, end, f"{last.text} {text}")
        else:
            blocks.append(Block(start, end, text))
        previous = text
    return blocks


def _wrap_width(groups: list[list[tuple[int, int, str]]], config: CleanConfig) -> int | None:
    """The editor's line width when the text is hard-wrapped, else None.

    Wrapped: enough inner lines (all but each group's last), of editor width, most stopping mid-sentence.
    """
    inner = [text for group in groups for _, _, text in group[:-1]]
    if len(inner) < config.wrap_min_lines:
        return None
    lengths = sorted(len(text) for text in inner)
    if lengths[-1] > config.wrap_max_chars or lengths[len(lengths) // 2] < config.wrap_min_chars:
        return None
    open_ended = sum(1 for text in inner if not _ENDS_SENTENCE.search(text))
    return lengths[-1] if open_ended >= config.wrap_min_share * len(inner) else None
