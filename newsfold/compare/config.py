"""Thresholds of the compare stage, in one frozen place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CompareConfig:
    """Every threshold compare uses; each comment says why it sits where it does."""

    # Sentences under 5 words are datelines, captions or fragments: too little to align or report.
    min_words: int = 5
    # Cosine (all-MiniLM-L6-v2) at which two sentences of different articles state the same fact. On
    # the seeds the rewrites of the lead ("Russia said Tuesday ... return to their bases") score 0.66-0.98
    # while different statements about the same troops stay under 0.62.
    fact_similarity: float = 0.64
    # A match must also share this many content words, so topic-only neighbours do not merge.
    fact_shared_words: int = 2
    # rapidfuzz ratio (0-100) above which two sentences are the same wire wording, edited by at most a
    # few characters: such reuse by another family adds no independent support.
    reuse_ratio: float = 90.0
    # A sentence is unique to its source only if nothing in another family comes this close (cosine).
    unique_max_similarity: float = 0.6
    # At most this many unique facts per family, the most specific first (names, numbers).
    unique_per_family: int = 10
    # Quote wordings of one speaker whose embeddings are this close say the same thing.
    quote_similarity: float = 0.62
    # Quoted strings shorter than this many words are scare quotes or titles unless a speech verb is
    # attached to them in the same sentence.
    quote_min_words: int = 3
    # Two numeric claims measure the same thing when their sentences are at least this close (cosine)
    # and they count the same noun.
    claim_similarity: float = 0.45
    # Timeline sentences of one date this close (cosine) are one event, cited from every article.
    event_similarity: float = 0.7
    # At most this many events per date, best supported first, so the timeline stays readable.
    events_per_date: int = 8
