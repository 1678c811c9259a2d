"""Online story clustering: each family, in publication order, joins its best open story or starts one.

Candidates come from an inverted index of recent stories per term and from an embedding index of
earlier families (never a scan of all stories). A family that strongly matches two stories bridges them:
they merge, and the merge is recorded.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from newsfold import embed
from newsfold.cluster.config import ClusterConfig
from newsfold.cluster.features import FamilyFeatures, extract, tokens
from newsfold.cluster.revisit import joined_score, keep_links, maybe_split, member_probabilities
from newsfold.cluster.similarity import Query, pair_features, prepare, probabilities
from newsfold.cluster.state import (
    StoryState,
    StoryVector,
    add_family,
    merge_stories,
    observe,
    sketch,
    top_terms,
)
from newsfold.model import Article, CopyFamily, FamilyMember, Story

log = logging.getLogger(__name__)

_HEADLINE_CHARS = 120  # longer than any usual headline


def assign_stories(
    families: Sequence[CopyFamily],
    articles: Mapping[str, Article],
    state: StoryState,
    config: ClusterConfig = ClusterConfig(),
) -> list[Story]:
    """Cluster new families into `state` (in publication order); return the stories they touched.

    Articles of `articles` in no family count as families of one. A family placed in an earlier run
    keeps its story; new members it gained join that story.
    """
    units = with_singletons(families, articles)
    position = {f: i for i, f in enumerate(state.family_ids)}
    touched = [_extend_known(state, f, position[f.id]) for f in units if f.id in position]
    fresh = [f for f in units if f.id not in position and f.canonical in articles]
    touched += assign_features(extract(fresh, articles, config), state, config)
    return [to_story(state, state.stories[s]) for s in sorted({state.resolve(s) for s in touched})]


def with_singletons(families: Sequence[CopyFamily], articles: Mapping[str, Article]) -> list[CopyFamily]:
    """The families, plus a family of one for each article no family holds."""
    held = {a for f in families for a in (f.article_ids or [f.canonical])}
    alone = [a for a in articles if a not in held]
    return [
        *families,
        *(CopyFamily(id=a, canonical=a, members=[FamilyMember(a, "canonical", 1.0)]) for a in alone),
    ]


def stories_of(state: StoryState, article_ids: Iterable[str]) -> list[Story]:
    """The current stories holding any of these articles, newest first."""
    wanted = set(article_ids)
    hit = [s for s in state.stories.values() if wanted.intersection(s.articles)]
    return sorted((to_story(state, s) for s in hit), key=lambda s: (s.last or "", s.id), reverse=True)


def _extend_known(state: StoryState, family: CopyFamily, key: int) -> str:
    """Add a known family's new members to the story it is in; return that story's id."""
    story = state.story(state.resolve(state.family_story[key]))
    if story is None:
        raise KeyError(f"story of family {family.id} is missing from the state and the store")
    new = [a for a in family.article_ids if a not in story.articles]
    if new:
        story.articles.extend(new)
        state.dirty.add(story.id)
        member = state.sketches.get(family.id)
        if member is not None:  # a later split moves the family with all its articles
            member.articles.extend(a for a in new if a not in member.articles)
            state.dirty_sketches.add(family.id)
    return story.id


def assign_features(
    feats: Iterable[FamilyFeatures], state: StoryState, config: ClusterConfig = ClusterConfig()
) -> list[str]:
    """Place each family (sorted by day; undated keep their order); return each one's story, in that order."""
    ordered = sorted(feats, key=lambda f: (f.day is None, f.day or 0))
    for f in ordered:
        place(state, f, config)
    # where each family is now: a later family may have split a story and moved earlier ones
    return [state.resolve(state.family_story[state.family_key[f.family]]) for f in ordered]


def place(state: StoryState, feats: FamilyFeatures, config: ClusterConfig) -> str:
    """Put one family into a story, merging stories it bridges; return the story id."""
    state.prior_docs = config.idf_prior_docs
    observe(state, feats)
    query = prepare(state, feats)
    found = candidates(state, query, config)
    probs = probabilities([pair_features(state, query, s) for s in found], config)
    scored, links = _rescore(state, query, found, probs, config)
    joined = bool(scored) and scored[0][0] >= config.join_threshold
    if joined:
        story = state.stories[scored[0][1]]
        for p, other in scored[1:]:
            if p < config.merge_threshold:
                break
            _merge(state, story, state.stories[other], feats.family)
    else:
        story = StoryVector(id=_story_id(feats.family))
        state.stories[story.id] = story
    add_family(state, story, feats, config.max_story_terms)
    _index(state, story.id, query, feats, config)
    keep_links(state, feats.family, links.get(scored[0][1], {}) if joined else {})
    if joined:
        maybe_split(state, story, feats.family, config)
    return story.id


def _rescore(
    state: StoryState, query: Query, found: list[StoryVector], probs: list[float], config: ClusterConfig
) -> tuple[list[tuple[float, str]], dict[str, dict[str, float]]]:
    """Candidates best first; the likeliest few rescored against their members one by one."""
    ranked = sorted(zip(probs, (s.id for s in found), strict=True), reverse=True)
    links: dict[str, dict[str, float]] = {}
    scored = []
    for rank, (p, sid) in enumerate(ranked):
        story = state.stories[sid]
        if rank < config.member_candidates and p >= config.member_floor and len(story.families) > 1:
            links[sid] = member_probabilities(state, query, story, config)
            p = joined_score(p, links[sid])
        scored.append((p, sid))
    return sorted(scored, reverse=True), links


def candidates(state: StoryState, query: Query, config: ClusterConfig) -> list[StoryVector]:
    """Open stories worth scoring: inverted-index hits by idf mass, plus embedding neighbours."""
    hits: Counter[str] = Counter()
    for term, weight in top_terms(query.weights, config.query_terms):
        # dict.fromkeys, not set: the order of equal hits decides the cut below, and a set's order
        # changes with the process's hash seed (stories differed between runs and Spark workers)
        for story in dict.fromkeys(state.postings.get(term, ())):
            hits[state.resolve(story)] += weight
    near = [state.resolve(s) for s in _ann_neighbours(state, query.feats.embedding, config)]
    ids = dict.fromkeys(near + [s for s, _ in hits.most_common(config.candidates)])
    out = []
    for sid in ids:
        if sid in state.spans:  # left in the store as closed: fetch it only if open for this family's day
            first, last = state.spans[sid]
            if not _span_open(first, last, query.feats.day, config):
                continue
        story = state.story(sid)
        if story is not None and _open(story, query.feats.day, config):
            out.append(story)
    return out


def to_story(state: StoryState, story: StoryVector) -> Story:
    """The shared `Story` noun for a story's current summary."""
    return Story(
        id=story.id,
        label=_label(state, story),
        first=story.first,
        last=story.last,
        articles=list(story.articles),
        families=list(story.families),
        entities=[e for e, _ in story.entities.most_common(10)],
    )


def stories(state: StoryState) -> list[Story]:
    """Every current story, newest first."""
    out = [to_story(state, s) for s in state.stories.values()]
    return sorted(out, key=lambda s: (s.last or "", s.id), reverse=True)


def _merge(state: StoryState, story: StoryVector, other: StoryVector, family: str) -> None:
    """Merge `other` into `story` and repoint the embedding index's families."""
    merge_stories(state, story, other, family)
    log.debug("story %s merged into %s (bridged by family %s)", other.id, story.id, family)


def _index(state: StoryState, story: str, query: Query, feats: FamilyFeatures, config: ClusterConfig) -> None:
    """Make the family findable: its top terms point to the story; its embedding joins the ANN."""
    for term, _ in top_terms(query.weights, config.query_terms):
        posting = state.postings.get(term)
        if posting is None:
            posting = state.postings[term] = deque(maxlen=config.posting_cap)
        if not posting or posting[-1] != story:
            posting.append(story)
    key = len(state.family_ids)
    state.family_key[feats.family] = key
    state.sketches[feats.family] = sketch(feats, config.member_terms)
    state.dirty_sketches.add(feats.family)
    state.family_ids.append(feats.family)
    state.family_story.append(story)
    state.family_days.append(feats.day)
    state.family_vectors.append(feats.embedding)
    ann_index(state).add(key, feats.embedding)


def ann_index(state: StoryState):  # -> usearch.index.Index
    """The embedding index of all families so far, rebuilt from `family_vectors` after a load."""
    if state.ann is None:
        from usearch.index import Index

        index = Index(ndim=embed.DIMENSIONS, metric="cos", dtype="f32")
        if state.family_vectors:
            index.add(np.arange(len(state.family_vectors)), np.stack(state.family_vectors))
        state.ann = index
    return state.ann


def _ann_neighbours(state: StoryState, vector: np.ndarray, config: ClusterConfig) -> list[str]:
    """Stories of the nearest earlier families by embedding."""
    index = ann_index(state)
    if len(index) == 0:
        return []
    found = index.search(vector, min(config.ann_neighbours, len(index)))
    return [state.family_story[int(k)] for k in found.keys]


def _open(story: StoryVector, day: int | None, config: ClusterConfig) -> bool:
    """A story is open unless its span lies more than the horizon away from the family's day."""
    return _span_open(story.first_day, story.last_day, day, config)


def _span_open(first: int | None, last: int | None, day: int | None, config: ClusterConfig) -> bool:
    if day is None or last is None or first is None:
        return True
    return first - config.horizon_days <= day <= last + config.horizon_days


def _label(state: StoryState, story: StoryVector) -> str:
    """The member title closest to the story's centroid (by idf-weighted term overlap)."""

    def score(title: str) -> float:
        words = set(tokens(title))
        return sum(story.terms.get(w, 0.0) * state.idf(w) for w in words) / (len(words) + 1) ** 0.5

    # a headline is short: a long "title" is the body's first line of an untitled article
    return max(story.titles, key=lambda t: (len(t) <= _HEADLINE_CHARS, score(t)), default="")


def _story_id(family: str) -> str:
    """Stable story id from the family that started it."""
    return "s" + hashlib.blake2b(family.encode(), digest_size=8).hexdigest()
