"""Pair features between an incoming family and a story, and the learned probability they belong together."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from newsfold.cluster.config import ClusterConfig
from newsfold.cluster.features import FamilyFeatures
from newsfold.cluster.state import StoryState, StoryVector, unit_tf

# lexical cosine to the centroid, semantic cosine to the centroid, share of the family's entity weight the
# story has, share of the story's main entities the family has, lexical x semantic, best semantic cosine to
# one member, log(1 + days between the family and the story's span; 0 when either side has no date, i.e.
# undated text is taken as contemporary, the strictest reading: only the text can separate it).
FEATURES = (
    "tfidf",
    "embedding",
    "entities",
    "story_entities",
    "tfidf_x_embedding",
    "nearest_member",
    "log_gap_days",
)
# the story's entities that define it: its few most frequent
_STORY_ENTITIES = 5
# members compared one by one for the nearest-member feature: the most recent ones (bounded cost)
_NEAREST_MEMBERS = 32
# refresh a cached story norm when the corpus has grown by this fraction: idf moves slowly after that
_NORM_DRIFT = 1.1


@dataclass(slots=True)
class Query:
    """A family prepared for scoring: idf-weighted unit vector and entity weights."""

    weights: dict[str, float]
    norm: float
    entity_idf: dict[str, float]
    feats: FamilyFeatures


def prepare(state: StoryState, feats: FamilyFeatures) -> Query:
    """Weight the family's terms by the current idf."""
    weights = {t: v * state.idf(t) for t, v in unit_tf(feats.terms).items()}
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    entity_idf = {e: state.idf("e:" + e) for e in set(feats.entities)}
    return Query(weights=weights, norm=norm, entity_idf=entity_idf, feats=feats)


def pair_features(state: StoryState, query: Query, story: StoryVector) -> list[float]:
    """The FEATURES of one (family, story) pair."""
    dot = sum(w * story.terms.get(t, 0.0) * state.idf(t) for t, w in query.weights.items())
    lexical = dot / (query.norm * _story_norm(state, story))
    total = np.linalg.norm(story.embedding_sum) or 1.0
    semantic = float(query.feats.embedding @ story.embedding_sum) / total
    mass = sum(query.entity_idf.values())
    shared = sum(v for e, v in query.entity_idf.items() if e in story.entities)
    entities = shared / mass if mass else 0.0
    gap = _gap_days(query.feats.day, story)
    nearest = _nearest_member(state, query, story)
    coverage = _story_coverage(state, query, story)
    return [lexical, semantic, entities, coverage, lexical * semantic, nearest, math.log1p(gap)]


def _nearest_member(state: StoryState, query: Query, story: StoryVector) -> float:
    """Best embedding cosine between the family and one of the story's recent members."""
    keys = story.keys[-_NEAREST_MEMBERS:]
    if not keys:
        return 0.0
    members = np.stack([state.family_vectors[k] for k in keys])
    return float((members @ query.feats.embedding).max())


def _story_coverage(state: StoryState, query: Query, story: StoryVector) -> float:
    """Idf-weighted share of the story's main entities that the family mentions too."""
    top = [e for e, _ in story.entities.most_common(_STORY_ENTITIES)]
    mass = sum(state.idf("e:" + e) for e in top)
    shared = sum(state.idf("e:" + e) for e in top if e in query.entity_idf)
    return shared / mass if mass else 0.0


def probability(features: list[float], config: ClusterConfig) -> float:
    """Logistic model over the pair features (weights learned, see config.LEARNED_WEIGHTS)."""
    z = config.bias + sum(w * x for w, x in zip(config.weights, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def _gap_days(day: int | None, story: StoryVector) -> float:
    """Days from a family to the nearest end of the story's span; 0 when either date is unknown."""
    if day is None or story.first_day is None or story.last_day is None:
        return 0.0
    if day < story.first_day:
        return float(story.first_day - day)
    return float(max(0, day - story.last_day))


def _story_norm(state: StoryState, story: StoryVector) -> float:
    """Length of the story's idf-weighted centroid, cached until the story or the idf moves."""
    if story.norm_at < 0 or state.n_docs > story.norm_at * _NORM_DRIFT:
        story.norm = math.sqrt(sum((v * state.idf(t)) ** 2 for t, v in story.terms.items())) or 1.0
        story.norm_at = state.n_docs
    return story.norm
