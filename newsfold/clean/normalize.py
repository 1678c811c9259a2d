"""Matching form of text (typographic variants folded) and the stable content id built on it."""

from __future__ import annotations

import re
import unicodedata

import xxhash

_QUOTES = str.maketrans(
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
    }
)
# "--" and " - " both stand for a dash; fold runs of hyphens between spaces to one spaced dash.
_DASH_RUN = re.compile(r"\s*-{2,}\s*|\s+-\s+")
# A stop doubled by a sloppy copy: "withdrawal. ." -> "withdrawal."
_DOUBLE_STOP = re.compile(r"([.!?])(?:\s*\.)+(?!\.)")
# A word doubled across its own full stop: "measures. measures." -> "measures."
_DOUBLE_WORD = re.compile(r"\b(\w{3,})([.!?])\s+\1\2", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def normalize_for_matching(text: str) -> str:
    """Fold quotes, dashes, doubled stops and whitespace so that copies compare equal; case is kept."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    folded = _DASH_RUN.sub(" - ", folded)
    folded = _DOUBLE_WORD.sub(r"\1\2", folded)
    folded = _protect_ellipsis(folded)
    return _SPACE.sub(" ", folded).strip()


def _protect_ellipsis(text: str) -> str:
    """Collapse doubled stops but keep a real ellipsis ("...") as it is."""
    parts = text.split("...")
    return "...".join(_DOUBLE_STOP.sub(r"\1", part) for part in parts)


def article_id(text: str) -> str:
    """Stable 16-hex-digit id of an article: xxh3-64 of its matching form, so rereads get the same id."""
    return xxhash.xxh3_64_hexdigest(normalize_for_matching(text).encode("utf-8"))
