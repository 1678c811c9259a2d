"""Layers 1-3 over the state: exact keys, MinHash LSH, sentence containment; verified links out.

Each layer sees only what the one before could not settle: exact copies are represented by their
first member, and pairs already in one component are not verified again.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from newsfold.dedup.candidates import shared_key_pairs
from newsfold.dedup.config import DedupConfig
from newsfold.dedup.signatures import band_keys, estimate_jaccard
from newsfold.dedup.state import DedupState, Link


def components(n: int, links: list[Link]) -> np.ndarray:
    """Component label per article under the given links."""
    if n == 0:
        return np.zeros(0, np.int64)
    a = np.array([x.a for x in links], dtype=np.int64)
    b = np.array([x.b for x in links], dtype=np.int64)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def link_exact(state: DedupState, first_new: int) -> tuple[list[Link], np.ndarray]:
    """Link each new article to the first article with its exact key; returns links and representatives."""
    n = len(state)
    order = np.argsort(state.exact, kind="stable")
    keys = state.exact[order]
    start = np.concatenate(([True], keys[1:] != keys[:-1])) if n else np.zeros(0, bool)
    rep = order[np.flatnonzero(start)[np.cumsum(start) - 1]]  # first (oldest) index of each key
    rep_of = np.empty(n, np.int64)
    rep_of[order] = rep
    idx = np.arange(n)
    new_copies = np.flatnonzero((idx >= first_new) & (rep_of != idx))
    links = [Link(int(rep_of[i]), int(i), "exact", 1.0) for i in new_copies]
    return links, rep_of == idx


def link_near(state: DedupState, reps: np.ndarray, first_new: int, config: DedupConfig) -> list[Link]:
    """LSH candidates among representatives, kept when their estimated Jaccard is high enough."""
    cfg = config.minhash
    rows = np.flatnonzero(reps)
    if len(rows) < 2 or state.signatures is None:
        return []
    keys = band_keys(state.signatures[rows], cfg)
    owners = np.repeat(rows, cfg.bands)
    pairs, _ = shared_key_pairs(keys.ravel(), owners, first_new, cfg.bucket_all_pairs, star_above=True)
    jaccard = estimate_jaccard(state.signatures, pairs)
    keep = jaccard >= cfg.near_jaccard
    return [
        Link(int(a), int(b), "near", float(j)) for (a, b), j in zip(pairs[keep], jaccard[keep], strict=True)
    ]


def link_contained(
    state: DedupState, reps: np.ndarray, first_new: int, labels: np.ndarray, config: DedupConfig
) -> tuple[list[Link], list[tuple[int, int, int]]]:
    """Pairs sharing rare sentences: copies when one holds most of the other, else partial reuse."""
    cfg = config.containment
    sizes = np.diff(state.sentence_offsets)
    owners = np.repeat(np.arange(len(state)), sizes)
    mask = reps[owners]
    pairs, shared = shared_key_pairs(state.sentences[mask], owners[mask], first_new, cfg.max_sentence_df)
    keep = shared >= min(cfg.min_shared, cfg.reuse_min_shared)
    pairs, shared = pairs[keep], shared[keep]
    smaller = np.minimum(sizes[pairs[:, 0]], sizes[pairs[:, 1]])
    share = shared / np.maximum(smaller, 1)
    copy = (share >= cfg.min_containment) & (shared >= cfg.min_shared)
    unsettled = labels[pairs[:, 0]] != labels[pairs[:, 1]]
    partners = _partners(pairs[shared >= cfg.min_shared])
    todo = copy & unsettled
    accepted, composite = _join_cores(pairs[todo], shared[todo], sizes, labels, partners)
    links = [
        Link(int(a), int(b), "contained", float(s))
        for (a, b), s, ok in zip(pairs[todo], share[todo], accepted, strict=True)
        if ok
    ]
    reuse = ~copy & (shared >= cfg.reuse_min_shared)
    out = [(int(a), int(b), int(s)) for (a, b), s in zip(pairs[reuse], shared[reuse], strict=True)]
    return links, out + composite


def _partners(pairs: np.ndarray) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for a, b in pairs.tolist():
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return found


def _join_cores(
    pairs: np.ndarray,
    shared: np.ndarray,
    sizes: np.ndarray,
    labels: np.ndarray,
    partners: dict[int, set[int]],
) -> tuple[list[bool], list[tuple[int, int, int]]]:
    """Accept containment links, strongest first, unless they would chain two families together.

    A smaller article joins a family of several members only when it shares sentences with at least
    two of them: a truncated copy overlaps the original and its other copies, while a story whose
    paragraphs were appended to one copy of a wire text overlaps that copy alone (partial reuse).
    """
    root: dict[int, int] = {}
    members: dict[int, set[int]] = {}

    def find(x: int) -> int:
        while root.get(x, x) != x:
            x = root[x]
        return x

    involved = np.flatnonzero(np.isin(labels, labels[np.unique(pairs)])) if len(pairs) else []
    for i in np.asarray(involved).tolist():  # whole components, as the earlier layers left them
        members.setdefault(int(labels[i]), set()).add(i)
    accepted, composite = [False] * len(pairs), []
    for k in np.argsort(-shared, kind="stable").tolist():
        a, b = int(pairs[k, 0]), int(pairs[k, 1])
        big, small = (a, b) if sizes[a] >= sizes[b] else (b, a)
        la, lb = find(int(labels[big])), find(int(labels[small]))
        core = members.get(la, set())
        if la == lb or len(core) <= 1 or len(partners.get(small, set()) & core) >= 2:
            accepted[k] = True
            if la != lb:
                root[lb] = la
                members[la] = core | members.pop(lb, set())
        else:
            composite.append((a, b, int(shared[k])))
    return accepted, composite
