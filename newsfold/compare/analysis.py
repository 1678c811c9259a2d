"""Per-article analysis a brief reuses: sentence and quote vectors (float16) and NER name votes.

    fresh = analyze(articles, config)        # once per article; the store keeps it (store/vectors.py)
    vectors = unit_vectors(units, analyses)  # a story's sentence matrix, from the articles' analyses

Embedding and NER are nearly all the cost of a brief; both depend on one article alone, so a story that
grows only analyses its new articles. Vectors are rounded to float16 whether fresh or loaded, so a brief
is the same whether its analyses came from the store or were just computed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from newsfold import embed, nlp
from newsfold.compare.config import CompareConfig
from newsfold.compare.speakers import QuoteHit, name_votes, quoted_passages
from newsfold.compare.units import Unit, collect, normalize
from newsfold.model import Article

log = logging.getLogger(__name__)

# Bump when what `analyze` computes changes: stored analyses of another version are recomputed.
ANALYSIS_VERSION = "analysis.v1"


@dataclass(slots=True)
class ArticleAnalysis:
    """What compare needs from one article alone; spans are (start, end) into `Article.text`."""

    article: str
    version: str
    sentence_spans: np.ndarray  # int32 (n, 2): the article's sentence units, in collect() order
    sentence_vectors: np.ndarray  # float16 (n, 384): embedding of each unit's normalized text
    quote_spans: np.ndarray  # int32 (q, 2): quoted passages long enough to be quotes
    quote_vectors: np.ndarray  # float16 (q, 384): embedding of each quoted passage as written
    names: dict[str, int] = field(default_factory=dict)  # person-name votes from NER (speakers.py)


def analysis_version(config: CompareConfig) -> str:
    """The key stored analyses must match: code version, models, and the settings that shape them."""
    return (
        f"{ANALYSIS_VERSION}/{embed.MODEL_PACKAGE}/{nlp.MODEL_PACKAGE}"
        f"/w{config.min_words}/q{config.quote_min_words}"
    )


def analyze(articles: list[Article], config: CompareConfig) -> list[ArticleAnalysis]:
    """Analyse articles in one batch: one encode call (copies encoded once), one NER pass."""
    if not articles:
        return []
    units = collect(articles, [], config.min_words)
    quotes = {a.id: quoted_passages(a, config.quote_min_words) for a in articles}
    texts = [normalize(u.text) for u in units]
    texts += [a.text[s:e] for a in articles for s, e in quotes[a.id]]
    vectors = _encode(texts)
    row = {t: i for i, t in enumerate(dict.fromkeys(texts))}
    votes = name_votes(articles)
    by_article: dict[str, list[Unit]] = {}
    for u in units:
        by_article.setdefault(u.article, []).append(u)
    version = analysis_version(config)
    found: list[ArticleAnalysis] = []
    for article, names in zip(articles, votes, strict=True):
        mine = by_article.get(article.id, [])
        spans = quotes[article.id]
        found.append(
            ArticleAnalysis(
                article=article.id,
                version=version,
                sentence_spans=_spans([(u.cite.start, u.cite.end) for u in mine]),
                sentence_vectors=vectors[[row[normalize(u.text)] for u in mine]],
                quote_spans=_spans(spans),
                quote_vectors=vectors[[row[article.text[s:e]] for s, e in spans]],
                names=names,
            )
        )
    log.debug("analysed %d articles: %d sentences, %d distinct texts", len(articles), len(units), len(row))
    return found


def _encode(texts: list[str]) -> np.ndarray:
    """float16 unit vectors of the distinct texts, in first-seen order."""
    distinct = list(dict.fromkeys(texts))
    return embed.encode(distinct).astype(np.float16)


def _spans(pairs: list[tuple[int, int]]) -> np.ndarray:
    return np.asarray(pairs, dtype=np.int32).reshape(len(pairs), 2)


def unit_vectors(units: list[Unit], analyses: Mapping[str, ArticleAnalysis]) -> np.ndarray:
    """float32 rows for the story's units from their articles' analyses (a unit none holds is encoded)."""
    keys = [(u.article, u.cite.start, u.cite.end) for u in units]
    tables = {a: (x.sentence_spans, x.sentence_vectors) for a, x in analyses.items()}
    return _fill(_lookup(keys, tables), lambda i: normalize(units[i].text))


def quote_vectors(hits: list[QuoteHit], analyses: Mapping[str, ArticleAnalysis]) -> np.ndarray:
    """float32 rows for quote hits from their articles' analyses (a hit none holds is encoded)."""
    keys = [(h.article, h.start, h.end) for h in hits]
    tables = {a: (x.quote_spans, x.quote_vectors) for a, x in analyses.items()}
    return _fill(_lookup(keys, tables), lambda i: hits[i].text)


def _fill(rows: list[np.ndarray | None], text_of: Callable[[int], str]) -> np.ndarray:
    """Stack the rows as float32, encoding (in one call) the text of each row no analysis held."""
    missing = [i for i, r in enumerate(rows) if r is None]
    if missing:
        log.debug("%d texts had no stored vector", len(missing))
        wanted = [text_of(i) for i in missing]
        fresh = _encode(wanted)
        row = {t: j for j, t in enumerate(dict.fromkeys(wanted))}
        for i, text in zip(missing, wanted, strict=True):
            rows[i] = fresh[row[text]]
    if not rows:
        return np.zeros((0, embed.DIMENSIONS), dtype=np.float32)
    return np.stack(rows).astype(np.float32)


def _lookup(
    keys: Iterable[tuple[str, int, int]], tables: Mapping[str, tuple[np.ndarray, np.ndarray]]
) -> list[np.ndarray | None]:
    """The stored vector of each (article, start, end), or None."""
    index: dict[str, dict[tuple[int, int], int]] = {}
    found: list[np.ndarray | None] = []
    for article, start, end in keys:
        if article not in tables:
            found.append(None)
            continue
        spans, vectors = tables[article]
        if article not in index:
            index[article] = {(int(s), int(e)): i for i, (s, e) in enumerate(spans.tolist())}
        i = index[article].get((start, end))
        found.append(None if i is None else vectors[i])
    return found


def story_names(analyses: Iterable[ArticleAnalysis]) -> list[str]:
    """The story's people: names whose NER votes, summed over its articles, are positive."""
    votes: dict[str, int] = {}
    for analysis in analyses:
        for name, vote in analysis.names.items():
            votes[name] = votes.get(name, 0) + vote
    return sorted(n for n, v in votes.items() if v > 0)
