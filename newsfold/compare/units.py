"""Sentence units: every body sentence of a story's articles, with its family, position and embedding."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfold.model import Article, Cite, CopyFamily, Span

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-"})


@dataclass(slots=True)
class Unit:
    """One sentence of one article, placed in its copy family and its article."""

    article: str
    family: str
    index: int  # sentence number in its article
    position: float  # index / sentence count: 0.0 is the lead
    cite: Cite
    text: str


def normalize(text: str) -> str:
    """Lower-case text with typographic quotes and dashes folded, for near-verbatim matching."""
    return _SPACE.sub(" ", text.translate(_QUOTES).lower()).strip(" .")


def words(text: str) -> list[str]:
    """The word tokens of a text, lower-cased."""
    return [w.lower().strip(".") for w in _WORD.findall(text.translate(_QUOTES))]


def family_of(families: list[CopyFamily]) -> dict[str, str]:
    """Article id -> copy family id."""
    return {member: family.id for family in families for member in family.article_ids}


def _body_sentences(article: Article) -> list[Span]:
    """Sentence spans that are not inside a heading."""
    heads = [(h.start, h.end) for h in article.headings]
    return [s for s in article.sentences if not any(a <= s.start < b for a, b in heads)]


def collect(articles: list[Article], families: list[CopyFamily], min_words: int) -> list[Unit]:
    """Every body sentence of at least `min_words` words, in article order."""
    fam = family_of(families)
    units: list[Unit] = []
    for article in articles:
        spans = _body_sentences(article)
        for i, span in enumerate(spans):
            text = article.span_text(span).strip()
            if len(words(text)) < min_words:
                continue
            start = span.start + article.span_text(span).index(text)
            cite = Cite(article.id, start, start + len(text))
            position = i / max(len(spans), 1)
            units.append(Unit(article.id, fam.get(article.id, article.id), i, position, cite, text))
    return units
