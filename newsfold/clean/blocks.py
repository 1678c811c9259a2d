"""Split raw text into blocks (paragraph candidates) that remember their span of the raw text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfold.clean.config import CleanConfig

_LINE = re.compile(r"[^\n]+")
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
    """Blank lines end paragraphs; inside a group, a line break is a paragraph break unless wrapped."""
    blocks: list[Block] = []
    group: list[tuple[int, int, str]] = []
    for match in _LINE.finditer(raw):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            blocks.extend(_group_blocks(group, config))
            group = []
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        group.append((start, start + len(stripped), stripped))
    blocks.extend(_group_blocks(group, config))
    return blocks


def _group_blocks(lines: list[tuple[int, int, str]], config: CleanConfig) -> list[Block]:
    """Lines of a hard-wrapped group are joined into paragraphs; otherwise every line is a block."""
    if not _is_wrapped_group(lines, config):
        return [Block(start, end, text) for start, end, text in lines]
    width = max(len(text) for _, _, text in lines)
    blocks: list[Block] = []
    previous = ""
    for start, end, text in lines:
        # A short line that ends a sentence closes its paragraph; any other line runs on.
        closes = bool(_ENDS_SENTENCE.search(previous)) and len(previous) < config.wrap_close_ratio * width
        if blocks and not closes:
            last = blocks[-1]
            blocks[-1] = Block(last.start, end, f"{last.text} {text}")
        else:
            blocks.append(Block(start, end, text))
        previous = text
    return blocks


def _is_wrapped_group(lines: list[tuple[int, int, str]], config: CleanConfig) -> bool:
    """A group is hard-wrapped when its lines are of editor width and most stop mid-sentence."""
    if len(lines) < config.wrap_min_lines:
        return False
    inner = [text for _, _, text in lines[:-1]]
    if max(len(text) for text in inner) > config.wrap_max_chars:
        return False
    open_ended = sum(1 for text in inner if not _ENDS_SENTENCE.search(text))
    return open_ended >= config.wrap_min_share * len(inner)
