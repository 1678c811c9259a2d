"""Matching form of text (typographic variants folded) and the stable content id built on it."""

from __future__ import annotations

import re
import unicodedata

import xxhash

_FOLDS = tuple(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u200b": "",
        "\u00ad": "",
    }.items()
)
# "--" and " - " both stand for a dash; fold runs of hyphens between spaces to one spaced dash.
_DASH_RUN = re.compile(r"\s*-{2,}\s*|\s+-\s+")
# A stop doubled by a sloppy copy: "withdrawal. ." -> "withdrawal."
_DOUBLE_STOP = re.compile(r"([.!?])(?:\s*\.)+(?!\.)")
# A stop and the space after it; a word doubled across its own stop ("measures. measures.") is mended there.
_STOP_SPACE = re.compile(r"([.!?])\s+")


def normalize_for_matching(text: str) -> str:
    """Fold quotes, dashes, doubled stops and whitespace so that copies compare equal; case is kept."""
    # ASCII text has no typographic variants to fold; skipping the fold saves most of the time.
    plain = text.isascii() and "`" not in text
    folded = text if plain else _fold(unicodedata.normalize("NFKC", text))
    if "--" in folded or " -" in folded:
        folded = _DASH_RUN.sub(" - ", folded)
    folded = _mend_doubled_words(folded)
    folded = _protect_ellipsis(folded)
    return " ".join(folded.split())


def _fold(text: str) -> str:
    """Replace each typographic variant present (str.replace per character beats a multi-char translate)."""
    for variant, plain in _FOLDS:
        if variant in text:
            text = text.replace(variant, plain)
    return text


def _mend_doubled_words(text: str) -> str:
    """Drop "word." after "word." (case aside, words of three letters or more): a paste error, not style."""
    pieces: list[str] = []
    last = 0
    for match in _STOP_SPACE.finditer(text):
        start = match.start()
        begin = start
        while begin > 0 and text[begin - 1].isalnum():
            begin -= 1
        word = text[begin:start] + match.group(1)
        after = match.end()
        ends_word = after + len(word) >= len(text) or not text[after + len(word)].isalnum()
        if start - begin >= 3 and ends_word and text[after : after + len(word)].lower() == word.lower():
            pieces.append(text[last : start + 1])
            last = after + len(word)
    pieces.append(text[last:])
    return "".join(pieces)


def _protect_ellipsis(text: str) -> str:
    """Collapse doubled stops but keep a real ellipsis ("...") as it is."""
    parts = text.split("...")
    return "...".join(_DOUBLE_STOP.sub(r"\1", part) for part in parts)


def article_id(text: str) -> str:
    """Stable 16-hex-digit id of an article: xxh3-64 of its matching form, so rereads get the same id."""
    return xxhash.xxh3_64_hexdigest(normalize_for_matching(text).encode("utf-8"))
