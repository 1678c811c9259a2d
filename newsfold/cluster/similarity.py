"""Pair features between an incoming family and a story, and the learned probability they belong together."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from newsfold.cluster.boosted import shipped
from newsfold.cluster.config import ClusterConfig
from newsfold.cluster.features import FamilyFeatures, tokens
from newsfold.cluster.state import StoryState, StoryVector, is_person, unit_tf

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
    # per kind: idf share of the family's people / places / organisations that the story has (0 when the
    # family names none), and whether it names any (so "no person" differs from "a different person")
    "people",
    "has_people",
    # the story's side: idf share of its main people that the family names, and whether it has any (a
    # family naming a person is no conflict with a story that names nobody)
    "story_people",
    "story_has_people",
    "places",
    "orgs",
    # the rarest name both share (idf over the largest idf possible): one shared victim's name is strong
    "rarest_shared",
    # idf share of the family's lead numbers (counts, ages, magnitudes, years) the story has; has numbers
    "numbers",
    "has_numbers",
    # best idf-weighted word overlap of the family's title with one of the story's recent titles
    "title",
    "log_story_size",
    # time decay should weigh less when a rare name is shared (a trial months later names the same people)
    "gap_x_rarest_shared",
    "gap_x_tfidf",
)
# how P(same story) may move with each feature when the model is fitted: +1 never down, -1 never up, 0 free.
# Unconstrained trees learned quirks of the two training sets (a dense news day gave P 0.83 to a story about
# another conflict); constraining the entity features too cost ECB+ most of its gain (same-kind events
# share names in ways that are not monotone), so only text similarity and time are constrained.
MONOTONE = dict.fromkeys(FEATURES, 0) | {
    "tfidf": 1,
    "embedding": 1,
    "tfidf_x_embedding": 1,
    "nearest_member": 1,
    "log_gap_days": -1,
}
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
    number_idf: dict[str, float]
    title_weights: dict[str, float]
    feats: FamilyFeatures
    state: StoryState
    # idf of every term looked up while this family is scored: the state does not change meanwhile, and
    # one family meets the same story titles and entities in many candidates (a log per lookup was ~40%
    # of placement time)
    idf_memo: dict[str, float] = field(default_factory=dict)

    def idf(self, term: str) -> float:
        """`state.idf(term)`, computed once per family."""
        value = self.idf_memo.get(term)
        if value is None:
            value = self.idf_memo[term] = self.state.idf(term)
        return value


def prepare(state: StoryState, feats: FamilyFeatures) -> Query:
    """Weight the family's terms by the current idf."""
    query = Query({}, 1.0, {}, {}, {}, feats, state)
    idf = query.idf
    query.weights = {t: v * idf(t) for t, v in unit_tf(feats.terms).items()}
    query.norm = math.sqrt(sum(v * v for v in query.weights.values())) or 1.0
    query.entity_idf = {e: idf("e:" + e) for e in dict.fromkeys(feats.entities)}  # ordered: stable sums
    query.number_idf = {t: idf(t) for t in feats.terms if t.startswith("n:")}
    query.title_weights = {w: idf(w) for w in dict.fromkeys(tokens(feats.title))}
    return query


def pair_features(state: StoryState, query: Query, story: StoryVector) -> list[float]:
    """The FEATURES of one (family, story) pair."""
    terms, idf = story.terms, query.idf_memo  # every query term's idf is in the memo since `prepare`
    # only shared terms: the others add exact zeros, and the order and grouping of the products stay as
    # they were, so the sum is the same to the last bit
    dot = sum(w * terms[t] * idf[t] for t, w in query.weights.items() if t in terms)
    lexical = dot / (query.norm * _story_norm(state, story))
    total = np.linalg.norm(story.embedding_sum) or 1.0
    semantic = float(query.feats.embedding @ story.embedding_sum) / total
    mass = sum(query.entity_idf.values())
    shared = sum(v for e, v in query.entity_idf.items() if e in story.entities)
    entities = shared / mass if mass else 0.0
    gap = _gap_days(query.feats.day, story)
    nearest = _nearest_member(state, query, story)
    coverage = _story_coverage(state, query, story)
    log_gap = math.log1p(gap)
    people, has_people = _kind_share(query, story, "person")
    places, _ = _kind_share(query, story, "place")
    orgs, _ = _kind_share(query, story, "org")
    top_idf = math.log(state.n_docs + state.prior_docs + 1) + 1.0
    rarest = max((v for e, v in query.entity_idf.items() if e in story.entities), default=0.0) / top_idf
    numbers = _share(query.number_idf, story.terms)
    return [
        lexical,
        semantic,
        entities,
        coverage,
        lexical * semantic,
        nearest,
        log_gap,
        people,
        has_people,
        *_story_people(state, query, story),
        places,
        orgs,
        rarest,
        numbers,
        float(bool(query.number_idf)),
        _best_title(state, query, story),
        math.log1p(len(story.families)),
        log_gap * rarest,
        log_gap * lexical,
    ]


def _share(weights: dict[str, float], present: dict | Counter) -> float:
    """Share of the weight of `weights`' keys found in `present` (0 when there is none)."""
    mass = sum(weights.values())
    return sum(v for k, v in weights.items() if k in present) / mass if mass else 0.0


def _story_people(state: StoryState, query: Query, story: StoryVector) -> tuple[float, float]:
    """Idf share of the story's main people (among its top entities) that the family names too."""
    top = [e for e, _ in story.entities.most_common(_STORY_ENTITIES * 2) if is_person(state, e)]
    weights = {e: query.idf("e:" + e) for e in top[:_STORY_ENTITIES]}
    return _share(weights, query.entity_idf), float(bool(weights))


def _kind_share(query: Query, story: StoryVector, kind: str) -> tuple[float, float]:
    """Idf share of the family's entities of one kind that the story has, and whether there are any."""
    kinds = query.feats.kinds
    mine = {e: v for e, v in query.entity_idf.items() if kinds.get(e) == kind}
    return _share(mine, story.entities), float(bool(mine))


@lru_cache(maxsize=65536)
def _title_words(title: str) -> frozenset[str]:
    """A title's content words (cached: a story's titles are compared with every family that probes it)."""
    return frozenset(tokens(title))


def _best_title(state: StoryState, query: Query, story: StoryVector) -> float:
    """Best idf-weighted cosine between the family's title words and one of the story's recent titles."""
    if not query.title_weights:
        return 0.0
    mine = math.sqrt(sum(v * v for v in query.title_weights.values()))
    best = 0.0
    for title in story.titles[-_NEAREST_MEMBERS:]:
        words = _title_words(title)
        if not words:
            continue
        shared = sum(v * v for w, v in query.title_weights.items() if w in words)
        if shared:
            theirs = math.sqrt(sum(query.idf(w) ** 2 for w in words))
            best = max(best, shared / (mine * theirs))
    return best


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
    mass = sum(query.idf("e:" + e) for e in top)
    shared = sum(query.idf("e:" + e) for e in top if e in query.entity_idf)
    return shared / mass if mass else 0.0


def probabilities(rows: list[list[float]], config: ClusterConfig) -> list[float]:
    """P(same story) for each candidate's pair features (the learned pair model, see `boosted.py`)."""
    if not rows:
        return []
    model = config.pair_model or shipped()
    return model.predict(np.asarray(rows, dtype=np.float64)).tolist()


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
