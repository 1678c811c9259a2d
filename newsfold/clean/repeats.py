"""Inner repetition: a run of paragraphs that appears twice in one article is kept once."""

from __future__ import annotations

from collections import defaultdict

from newsfold.clean.blocks import Block
from newsfold.clean.config import CleanConfig
from newsfold.clean.normalize import normalize_for_matching


def mark_repeats(blocks: list[Block], config: CleanConfig) -> None:
    """Mark the later copy of every repeated run as "inner-repeat"; the first copy stays."""
    kept = [block for block in blocks if block.reason is None]
    keys = [normalize_for_matching(block.text).casefold() for block in kept]
    seen: dict[str, list[int]] = defaultdict(list)
    index = 0
    while index < len(kept):
        length = _longest_earlier_run(keys, index, seen[keys[index]][-config.repeat_max_candidates :])
        if length and _is_copy(keys[index : index + length], config):
            for block in kept[index : index + length]:
                block.reason = "inner-repeat"
            index += length
            continue
        seen[keys[index]].append(index)
        index += 1


def _is_copy(run: list[str], config: CleanConfig) -> bool:
    """A repeated run is a copy when it is long prose; short repeated lines are tables and lists."""
    chars = sum(len(key) for key in run)
    return chars >= config.repeat_min_chars and chars >= config.repeat_min_avg_chars * len(run)


def _longest_earlier_run(keys: list[str], index: int, earlier_starts: list[int]) -> int:
    """Length of the longest run starting at `index` that already appeared (and ended) earlier."""
    best = 0
    for earlier in earlier_starts:
        length = 0
        while (
            index + length < len(keys)
            and earlier + length < index
            and keys[earlier + length] == keys[index + length]
        ):
            length += 1
        best = max(best, length)
    return best
