"""Layers 1-3 over the state: exact keys, MinHash LSH, sentence containment; verified links out.

Each layer sees only what the one before could not settle: exact copies are represented by their
first member, and pairs already in one component are not verified again. Only links that join two
components are kept (a spanning forest), so links, like every other cost here, grow linearly with the
number of articles however often a story is reprinted.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components, minimum_spanning_tree

from newsfold.dedup.candidates import (
    cross_label_pairs,
    key_groups,
    ranks,
    star_pairs,
    stray_pairs,
    unique_counts,
    unique_sorted,
)
from newsfold.dedup.config import ContainmentConfig, DedupConfig
from newsfold.dedup.signatures import band_keys, estimate_jaccard
from newsfold.dedup.state import DedupState, Link


def components(n: int, links: Sequence[Link]) -> np.ndarray:
    """Component label per article under the given links."""
    ends = np.array([(x.a, x.b) for x in links], dtype=np.int64).reshape(-1, 2)
    return merge(np.arange(n, dtype=np.int64), ends)


def merge(labels: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Labels after also joining each pair's two articles (computed on the labels, not the articles)."""
    if len(labels) == 0:
        return labels
    if len(pairs) == 0:
        return labels
    size = int(labels.max()) + 1
    a, b = labels[pairs[:, 0]], labels[pairs[:, 1]]
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(size, size))
    return connected_components(graph, directed=False)[1][labels].astype(np.int64)


def joining(labels: np.ndarray, pairs: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Rows of `pairs` forming a spanning forest over the components: strongest pairs preferred."""
    la, lb = labels[pairs[:, 0]], labels[pairs[:, 1]]
    lo, hi = np.minimum(la, lb), np.maximum(la, lb)
    rows = np.flatnonzero(lo != hi)
    if len(rows) == 0:
        return rows
    rows = rows[np.argsort(-scores[rows], kind="stable")]
    size = int(labels.max()) + 1
    code = lo[rows] * size + hi[rows]
    by_code = np.argsort(code, kind="stable")  # stable: the strongest pair of each label pair comes first
    first = np.concatenate(([True], code[by_code][1:] != code[by_code][:-1]))
    rows = rows[by_code[first]]
    weight = 2.0 - scores[rows]  # > 0: scipy drops zero weights
    tree = minimum_spanning_tree(coo_matrix((weight, (lo[rows], hi[rows])), shape=(size, size))).tocoo()
    chosen = np.minimum(tree.row, tree.col).astype(np.int64) * size + np.maximum(tree.row, tree.col)
    code = lo[rows] * size + hi[rows]
    chosen = np.sort(chosen)
    at = np.minimum(np.searchsorted(chosen, code), max(len(chosen) - 1, 0))
    return rows[chosen[at] == code] if len(chosen) else rows[:0]


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
    links = [
        Link(int(a), int(b), "exact", 1.0)
        for a, b in zip(rep_of[new_copies].tolist(), new_copies.tolist(), strict=True)
    ]
    return links, rep_of == idx


def link_near(
    state: DedupState, reps: np.ndarray, first_new: int, labels: np.ndarray, config: DedupConfig
) -> tuple[list[Link], np.ndarray]:
    """LSH candidates among representatives, kept when their estimated Jaccard is high enough.

    First each bucket's members are verified against its first member (a star: linear however big the
    bucket); then members the star left in another component are verified against the bucket's other
    components. Returns the links that join components and the labels after them.
    """
    cfg = config.minhash
    rows = np.flatnonzero(reps)
    if len(rows) < 2 or state.signatures is None:
        return [], labels
    keys = band_keys(state.signatures[rows], cfg)
    owners, first, size = key_groups(keys.ravel(), np.repeat(rows, cfg.bands))
    star = star_pairs(owners, first, size, first_new)
    star_j = estimate_jaccard(state.signatures, star)
    star, star_j = star[star_j >= cfg.near_jaccard], star_j[star_j >= cfg.near_jaccard]
    after_star = merge(labels, star)
    strays = stray_pairs(owners, first, size, after_star, first_new, cfg.bucket_all_pairs)
    stray_j = estimate_jaccard(state.signatures, strays)
    keep = stray_j >= cfg.near_jaccard
    pairs = np.concatenate((star, strays[keep]))
    scores = np.concatenate((star_j, stray_j[keep]))
    chosen = joining(labels, pairs, scores)
    links = [
        Link(a, b, "near", j)
        for (a, b), j in zip(pairs[chosen].tolist(), scores[chosen].tolist(), strict=True)
    ]
    return links, merge(labels, pairs[chosen])


def link_contained(
    state: DedupState, reps: np.ndarray, first_new: int, labels: np.ndarray, config: DedupConfig
) -> tuple[list[Link], np.ndarray]:
    """Pairs sharing rare sentences: copies when one holds most of the other, else partial reuse.

    Two passes keep this linear when a story is reprinted many times. First, each article a sentence
    group left outside the group's biggest two members' family is checked against those two (exact
    shared counts from a sparse sentence incidence matrix): most trimmed copies join here. Then every
    pair still in different components inside a group is counted (pairs inside one component are
    settled and never generated), which gives the same links and reuse as counting every pair would.
    """
    cfg = config.containment
    sizes = np.diff(state.sentence_offsets)
    owners = np.repeat(np.arange(len(state)), sizes)
    mask = reps[owners]
    grouped, first, size = key_groups(state.sentences[mask], owners[mask])
    indexed = size <= cfg.max_sentence_df
    first, size = first[indexed], size[indexed]
    pairs = _hub_pairs(grouped, first, size, sizes, labels, first_new)
    shared = _shared_counts(grouped, first, size, len(state), pairs)
    links, _ = _settle(pairs, shared, sizes, labels, cfg, sure_only=True)
    labels = merge(labels, _link_ends(links))
    pairs, shared = cross_label_pairs(grouped, first, size, labels, first_new, cfg.max_sentence_df)
    more, reuse = _settle(pairs, shared, sizes, labels, cfg)
    return links + more, reuse


def _link_ends(links: list[Link]) -> np.ndarray:
    return np.array([(x.a, x.b) for x in links], dtype=np.int64).reshape(-1, 2)


def _hub_pairs(
    owners: np.ndarray,
    first: np.ndarray,
    size: np.ndarray,
    sizes: np.ndarray,
    labels: np.ndarray,
    first_new: int,
) -> np.ndarray:
    """(member, hub) for members of a group outside a hub's component; hubs: the group's two biggest."""
    if len(first) == 0:
        return np.zeros((0, 2), np.int64)
    who = owners[np.repeat(first, size) + ranks(size)]
    # biggest first, then earliest: the smallest of (-size, index) as one int64 per member
    width = int(owners.max()) + 1
    rank = (int(sizes.max()) - sizes[who]) * width + who
    bounds = np.concatenate(([0], np.cumsum(size)[:-1]))
    low, high = [], []
    who_label = labels[who]
    for _ in (0, 1):
        hub = np.repeat(np.minimum.reduceat(rank, bounds) % width, size)
        other = (who_label != labels[hub]) & (who != hub)
        a, b = who[other], hub[other]
        low.append(np.minimum(a, b))
        high.append(np.maximum(a, b))
        rank[who == hub] = np.iinfo(np.int64).max  # the next round finds the second
    lo, hi = np.concatenate(low), np.concatenate(high)
    if first_new:
        keep = hi >= first_new
        lo, hi = lo[keep], hi[keep]
    if len(lo) == 0:
        return np.zeros((0, 2), np.int64)
    width = int(hi.max()) + 1
    codes = unique_sorted(lo * width + hi)
    return np.stack((codes // width, codes % width), axis=1)


def _shared_counts(
    owners: np.ndarray, first: np.ndarray, size: np.ndarray, n: int, pairs: np.ndarray
) -> np.ndarray:
    """Indexed sentences each pair shares: row-wise products of an article x sentence-group matrix."""
    if len(pairs) == 0:
        return np.zeros(0, np.int64)
    rows = owners[np.repeat(first, size) + ranks(size)]
    cols = np.repeat(np.arange(len(first)), size)
    matrix = csr_matrix((np.ones(len(rows), np.int32), (rows, cols)), shape=(n, len(first)))
    both = matrix[pairs[:, 0]].multiply(matrix[pairs[:, 1]])
    return np.asarray(both.sum(axis=1)).ravel().astype(np.int64)


def _settle(
    pairs: np.ndarray,
    shared: np.ndarray,
    sizes: np.ndarray,
    labels: np.ndarray,
    cfg: ContainmentConfig,
    sure_only: bool = False,
) -> tuple[list[Link], np.ndarray]:
    """Containment links (joining families, chaining guarded) and partial-reuse pairs among `pairs`.

    `sure_only` (a first pass over some pairs): accept only links the full pass would accept whatever
    it saw first, i.e. the smaller article overlaps two members of a family of two or more.
    """
    keep = shared >= min(cfg.min_shared, cfg.reuse_min_shared)
    pairs, shared = pairs[keep], shared[keep]
    smaller = np.minimum(sizes[pairs[:, 0]], sizes[pairs[:, 1]])
    share = shared / np.maximum(smaller, 1)
    copy = (share >= cfg.min_containment) & (shared >= cfg.min_shared)
    big_first = sizes[pairs[:, 0]] >= sizes[pairs[:, 1]]
    smaller_side = np.where(big_first, pairs[:, 1], pairs[:, 0])
    # partners inside the smaller article's own family never count for the guard (if the two families
    # meet, the pair is settled before the guard is asked), so they are left out of the lists
    linked = pairs[(shared >= cfg.min_shared) & (labels[pairs[:, 0]] != labels[pairs[:, 1]])]
    # Settled without the ordered pass: a smaller article with fewer than two partners outside its own
    # family can never meet the guard, so against a family of two or more (families only grow) it is
    # partial reuse whatever order the pass takes. A wire text appended to one copy of another story,
    # then reprinted many times, makes most copy pairs of this kind.
    outside = np.bincount(linked.ravel(), minlength=len(labels))
    core = np.bincount(labels, minlength=len(labels))
    big = np.where(big_first, pairs[:, 0], pairs[:, 1])
    hopeless = copy & (outside[smaller_side] < 2) & (sure_only | (core[labels[big]] >= 2))
    todo = copy & ~hopeless
    accepted, held_apart = _join_cores(pairs[todo], shared[todo], big_first[todo], labels, linked, sure_only)
    links = [
        Link(a, b, "contained", s)
        for (a, b), s in zip(pairs[todo][accepted].tolist(), share[todo][accepted].tolist(), strict=True)
    ]
    composite = np.column_stack((pairs[todo][held_apart], shared[todo][held_apart]))
    reuse = (~copy & (shared >= cfg.reuse_min_shared)) | hopeless
    found = np.column_stack((pairs[reuse], shared[reuse]))
    return links, np.concatenate((found, composite.astype(np.int64).reshape(-1, 3)))


def _join_cores(
    pairs: np.ndarray,
    shared: np.ndarray,
    big_first: np.ndarray,
    labels: np.ndarray,
    linked: np.ndarray,
    sure_only: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Accept containment links, strongest first, unless they would chain two families together.

    A smaller article joins a family of several members only when it shares sentences with at least
    two of them: a truncated copy overlaps the original and its other copies, while a story whose
    paragraphs were appended to one copy of a wire text overlaps that copy alone (partial reuse).
    Accepted means the link joined two families; a pair already in one family is neither a link nor reuse.
    Returns a mask of the accepted pairs and the rows held apart (partial reuse), in the order decided.

    `linked`: the pairs sharing enough sentences across families (the partners the guard counts).
    The guard's count is taken up front against the bigger article's family as it was; families only
    grow, so a count of two already passes, and the partners are walked again only for a family that
    has absorbed another one during this pass (few: the loop stays cheap per pair).
    """
    root = list(range(len(labels)))  # union-find over labels (labels are < len(labels))
    size: dict[int, int] = {}  # roots that absorbed another label: their article count
    counts = np.bincount(labels).tolist() if len(labels) else []

    def find(x: int) -> int:
        while root[x] != x:
            root[x] = root[root[x]]  # path halving
            x = root[x]
        return x

    big = np.where(big_first, pairs[:, 0], pairs[:, 1])
    small = np.where(big_first, pairs[:, 1], pairs[:, 0])
    # each article's partners as (family label, how many) runs, so a recount walks a few labels
    width = int(labels.max()) + 1
    source = np.concatenate((linked[:, 0], linked[:, 1]))
    codes, per_label = unique_counts(source * width + labels[np.concatenate((linked[:, 1], linked[:, 0]))])
    partner_label = codes % width
    wanted = small * width + labels[big]
    at = np.minimum(np.searchsorted(codes, wanted), max(len(codes) - 1, 0))
    first_count = np.where(codes[at] == wanted, per_label[at], 0).tolist() if len(codes) else [0] * len(pairs)
    big_label, small_label = labels[big].tolist(), labels[small].tolist()
    small_list = small.tolist()
    held: dict[tuple[int, int], int] = {}  # (small, family) -> family size when last held apart
    accepted, held_apart = np.zeros(len(pairs), dtype=bool), []  # held apart: partial reuse
    for k in np.argsort(-shared, kind="stable").tolist():
        la, lb = big_label[k], small_label[k]
        if root[la] != la:
            la = find(la)
        if root[lb] != lb:
            lb = find(lb)
        if la == lb:
            continue
        if first_count[k] >= 2:
            ok = True
        elif la not in size:  # the bigger article's family as it was: its count stands
            ok = counts[la] <= 1 and not sure_only
        else:  # the family grew during this pass: count the partners in it again (once per size)
            core, s = size[la], small_list[k]
            if held.get((s, la)) == core:
                ok = False
            else:
                lo, hi = np.searchsorted(codes, (s * width, (s + 1) * width)).tolist()
                in_core = sum(
                    c
                    for f, c in zip(partner_label[lo:hi].tolist(), per_label[lo:hi].tolist(), strict=True)
                    if find(f) == la
                )
                ok = in_core >= 2
                if not ok:
                    held[s, la] = core
        if ok:
            accepted[k] = True
            root[lb] = la
            size[la] = size.get(la, counts[la]) + size.get(lb, counts[lb])
        else:
            held_apart.append(k)
    return accepted, np.array(held_apart, dtype=np.int64)
