"""Member-level checks of a story: score a family against a story's members, and split a story in two.

A story is summed into one centroid, so once the first report of a second, same-kind event has joined
(another Klitschko title defence, another Turkmen election), the next reports of that event match the
mixed centroid and follow it. Two checks, each bounded by `ClusterConfig.member_window` members:
- joining: a candidate story's centroid P is combined with the mean P between the family and the
  story's recent members one by one (average link), so one shared name cannot carry a family in;
- revisiting: after a join, the story's recent members are split in two by average link over the pair
  model's P between members; if the two halves are far apart (mean P below `split_threshold`), the
  newer half leaves as a new story (`state.splits` keeps the history).
P between two members is computed once, when the later one arrives (or when first needed), and kept in
`state.links`, so a resumed run sees the numbers an uninterrupted one saw.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter

import numpy as np

from newsfold.cluster.config import ClusterConfig
from newsfold.cluster.similarity import Query, pair_features, prepare, probabilities
from newsfold.cluster.state import Split, StoryState, StoryVector, split_story, top_terms

log = logging.getLogger(__name__)


def member_probabilities(
    state: StoryState, query: Query, story: StoryVector, config: ClusterConfig
) -> dict[str, float]:
    """P(same story) between the family and each of the story's recent members that has a sketch."""
    members = [f for f in story.families[-config.member_window :] if f in state.sketches]
    rows = [pair_features(state, query, _single(state, f)) for f in members]
    return dict(zip(members, probabilities(rows, config), strict=True))


def joined_score(centroid_p: float, members: dict[str, float]) -> float:
    """How well a family fits a story: geometric mean of the centroid P and the mean member P."""
    if not members:
        return centroid_p
    return float(np.sqrt(centroid_p * np.mean(list(members.values()))))


def maybe_split(state: StoryState, story: StoryVector, family: str, config: ClusterConfig) -> Split | None:
    """Split the story's recent members in two if they are two events; return the split made."""
    window = [f for f in story.families[-config.member_window :] if f in state.sketches]
    if len(story.families) < config.split_min_families or len(window) < 2 * config.split_min_side:
        return None
    near = _link_matrix(state, window, config)
    newer = _halves(near)
    older = ~newer
    if min(int(newer.sum()), int(older.sum())) < config.split_min_side:
        return None
    between = float(near[np.ix_(older, newer)].mean())
    if between >= config.split_threshold:
        return None
    moved = [f for f, m in zip(window, newer, strict=True) if m]
    split = split_story(state, story, moved, family, _split_id(state, story.id, moved[0]))
    _repost(state, split.into, moved, config)
    log.debug("story %s split: %d families to %s (P between %.2f)", story.id, len(moved), split.into, between)
    return split


def _split_id(state: StoryState, story: str, first_moved: str) -> str:
    """A new story id for a split-off half (unique: the split count is part of it)."""
    key = f"{story}/{first_moved}/{len(state.splits)}".encode()
    return "s" + hashlib.blake2b(key, digest_size=8).hexdigest()


def keep_links(state: StoryState, family: str, found: dict[str, float]) -> None:
    """Remember P between a family and members of its story (computed while it was placed)."""
    if found:
        state.links.setdefault(family, {}).update(found)
        state.dirty_sketches.add(family)


def _link_matrix(state: StoryState, window: list[str], config: ClusterConfig) -> np.ndarray:
    """Symmetric P between the window's members (later one as the family, earlier one as a story)."""
    n = len(window)
    near = np.eye(n)
    for j in range(1, n):
        known = state.links.get(window[j], {})
        missing = [window[i] for i in range(j) if window[i] not in known]
        if missing:
            query = prepare(state, state.sketches[window[j]])
            rows = [pair_features(state, query, _single(state, f)) for f in missing]
            keep_links(state, window[j], dict(zip(missing, probabilities(rows, config), strict=True)))
            known = state.links[window[j]]
        for i in range(j):
            near[i, j] = near[j, i] = known[window[i]]
    return near


def _halves(near: np.ndarray) -> np.ndarray:
    """Average-link clustering cut at two clusters; True for the cluster not holding member 0."""
    groups = [[i] for i in range(len(near))]
    link = near.copy()
    np.fill_diagonal(link, -np.inf)
    while len(groups) > 2:
        flat = int(np.argmax(link))
        a, b = divmod(flat, len(groups))
        a, b = min(a, b), max(a, b)
        size_a, size_b = len(groups[a]), len(groups[b])
        merged = (link[a] * size_a + link[b] * size_b) / (size_a + size_b)
        link[a], link[:, a] = merged, merged
        link[a, a] = -np.inf
        groups[a] += groups[b]
        del groups[b]
        link = np.delete(np.delete(link, b, axis=0), b, axis=1)
    newer = np.ones(len(near), dtype=bool)
    newer[next(g for g in groups if 0 in g)] = False
    return newer


def _single(state: StoryState, family: str) -> StoryVector:
    """A one-member story from a family's sketch (built afresh: its idf norm must not be cached)."""
    member = state.sketches[family]
    key = state.family_key[family]
    return StoryVector(
        id=family,
        terms=member.terms,
        embedding_sum=state.family_vectors[key],
        entities=Counter(member.entities),
        first_day=member.day,
        last_day=member.day,
        families=[family],
        titles=[member.title],
        keys=[key],
    )


def _repost(state: StoryState, story: str, moved: list[str], config: ClusterConfig) -> None:
    """Point the moved families' heaviest terms at their new story in the inverted index."""
    for family in moved:
        weights = {t: v * state.idf(t) for t, v in state.sketches[family].terms.items()}
        for term, _ in top_terms(weights, config.query_terms):
            posting = state.postings.get(term)
            if posting is not None and (not posting or posting[-1] != story):
                posting.append(story)
