"""Components of verified links in, `CopyFamily` out: canonical member, relation per member, evidence.

The canonical member is the most complete version (the most sentences shared with other members), then
the earliest published, then the one with the fewest extras, then the first seen. A member's relation
describes how it differs from the canonical one: `exact`, `near` (small edits), `reordered` (passages in
another order), `contained` (trimmed, excerpted, or with extra paragraphs), `paraphrase` (same passages in
other words). When a paraphrase pair is also reordered, the reordering is reported on the member and the
rewording on the canonical member, so both differences show.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Protocol

import numpy as np

from newsfold.dedup.config import DedupConfig
from newsfold.dedup.evidence import (
    Passages,
    lexical_alignment,
    meaning_alignment,
    paragraph_evidence,
    reordered,
)
from newsfold.dedup.fingerprint import mix
from newsfold.dedup.signatures import estimate_jaccard
from newsfold.dedup.state import DedupState
from newsfold.model import AlignedPassage, Cite, CopyFamily, FamilyMember


class Known(Protocol):
    """Where families find members' passages (None when the article is not at hand)."""

    def passages(self, i: int) -> Passages | None: ...

    def with_vectors(self, i: int) -> Passages | None: ...


def build_families(
    state: DedupState, labels: np.ndarray, touched: list[int], known: Known | None, config: DedupConfig
) -> list[CopyFamily]:
    """One family per component holding a touched article, members in arrival order."""
    if not touched:
        return []
    wanted = np.zeros(int(labels.max()) + 1, dtype=bool)
    wanted[labels[touched]] = True
    members = np.flatnonzero(wanted[labels])  # arrival order
    lab = labels[members]
    canonical, with_canonical = _canonicals(state, members, lab)
    is_member = canonical != members
    pairs = np.stack((canonical, members), axis=1)[is_member]
    features = _pair_features(state, pairs, with_canonical[is_member])
    order = np.argsort(lab, kind="stable")
    bounds = np.flatnonzero(np.concatenate(([True], lab[order][1:] != lab[order][:-1], [True])))
    if known is None:
        return _families_without_texts(state, members, canonical, pairs, features, order, bounds, config)
    at = dict(zip(pairs[:, 1].tolist(), range(len(pairs)), strict=True))
    groups = [members[order[a:b]] for a, b in pairwise(bounds.tolist())]
    canonical_of = dict(zip(members.tolist(), canonical.tolist(), strict=True))
    families = []
    for group in sorted(groups, key=lambda g: int(g[0])):
        c = canonical_of[int(group[0])]
        family = CopyFamily(id=family_id(state, int(group[0])), canonical=state.ids[c])
        head = "canonical"
        for m in group.tolist():
            if m != c:
                relation, score, evidence = _relate(state, c, m, features[at[m]], known, config)
                if relation == "paraphrase" and reordered(evidence) and head == "canonical":
                    relation, head = "reordered", "paraphrase"
                family.members.append(FamilyMember(state.ids[m], relation, round(float(score), 4)))
                family.evidence.extend(evidence)
        family.members.insert(0, FamilyMember(state.ids[c], head, 1.0))
        families.append(family)
    return families


def _families_without_texts(
    state: DedupState,
    members: np.ndarray,
    canonical: np.ndarray,
    pairs: np.ndarray,
    features: np.ndarray,
    order: np.ndarray,
    bounds: np.ndarray,
    config: DedupConfig,
) -> list[CopyFamily]:
    """`build_families` without texts (no evidence): relations from the features alone, built from
    flat lists in one pass (per-member dict lookups were most of this stage's time at 100k articles)."""
    relation, score = _relations_without_texts(state, pairs, features, config)
    relation_of, score_of = ["canonical"] * len(members), [1.0] * len(members)
    for i, r, x in zip(np.flatnonzero(canonical != members).tolist(), relation, score, strict=True):
        relation_of[i], score_of[i] = r, round(float(x), 4)
    ids, rows, canon = state.ids, order.tolist(), canonical.tolist()
    mem = members.tolist()
    starts, ends = bounds[:-1], bounds[1:]
    by_first = np.argsort(members[order[starts]], kind="stable")  # families in their first member's order
    families = []
    for a, b in zip(starts[by_first].tolist(), ends[by_first].tolist(), strict=True):
        group = rows[a:b]  # positions in `members`, arrival order
        c = canon[group[0]]
        family = CopyFamily(id=family_id(state, mem[group[0]]), canonical=ids[c])
        family.members.append(FamilyMember(ids[c], "canonical", 1.0))
        family.members.extend(
            FamilyMember(ids[mem[i]], relation_of[i], score_of[i]) for i in group if mem[i] != c
        )
        families.append(family)
    return families


def family_id(state: DedupState, first_member: int) -> str:
    """Named after its first-seen member, so the id survives new members and a new canonical."""
    return f"fam-{state.ids[first_member]}"


def _gather(state: DedupState, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sentence hashes of the given articles, flat, with the position in `rows` each came from."""
    starts = state.sentence_offsets[rows]
    sizes = state.sentence_offsets[rows + 1] - starts
    owner = np.repeat(np.arange(len(rows)), sizes)
    flat_index = np.repeat(starts, sizes) + (
        np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    )
    return state.sentences[flat_index], owner


def _duplicate_mask(group: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A sort order grouping equal (group, value) rows and, per sorted row, how many rows share them.

    One sort of a 64-bit key mixing both (lexsort on two keys measured ~5x slower); two different
    (group, value) rows collide with probability ~2^-64 per pair, far below anything counted here.
    """
    order, run_id = _duplicate_runs(group, values)
    return order, np.bincount(run_id)[run_id]


def _duplicate_runs(group: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A sort order grouping equal (group, value) rows, and the run number of every sorted row."""
    key = values.astype(np.uint64) ^ mix(group.astype(np.uint64) + np.uint64(1))
    order = np.argsort(key)
    k = key[order]
    start = np.concatenate(([True], k[1:] != k[:-1])) if len(k) else np.zeros(0, bool)
    return order, np.cumsum(start) - 1


def _canonicals(state: DedupState, members: np.ndarray, lab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Canonical member per member's family (vectorised over all families), and how many sentences
    each member shares with its canonical member (from the same sort: no second lookup)."""
    hashes, owner = _gather(state, members)
    order, run_id = _duplicate_runs(lab[owner], hashes)
    count = np.bincount(run_id)[run_id]
    sorted_owner = owner[order]
    shared = np.bincount(sorted_owner, weights=count > 1, minlength=len(members))
    sizes = np.diff(state.sentence_offsets)[members].astype(float)
    family_max = np.zeros(lab.max() + 1)
    np.maximum.at(family_max, lab, shared)
    # joined by meaning only (no shared sentence): the longer version is the more complete one
    complete = np.where(family_max[lab] > 0, shared, sizes)
    by_text, verbatim = _duplicate_mask(lab, state.exact[members])
    ran = np.empty(len(members))
    ran[by_text] = verbatim
    published = state.published
    dates = [published[m] or "9999" for m in members.tolist()]
    # one distinct date (e.g. none known) needs no string sort
    date_rank = (
        np.zeros(len(members), np.int64) if len(set(dates)) <= 1 else np.unique(dates, return_inverse=True)[1]
    )
    # most complete, then earliest, then the wording most members ran verbatim, then fewest extras
    rank = np.lexsort((members, sizes - shared, -ran, date_rank, -complete, lab))
    ranked = lab[rank]  # families in label order, each one's best member first
    head = np.concatenate(([True], ranked[1:] != ranked[:-1]))
    best = np.zeros(int(lab.max()) + 1, dtype=np.int64)
    best[ranked[head]] = members[rank[head]]
    canonical = best[lab]
    # a member's sentence is shared with its canonical when the canonical holds a row of its run
    # (sentences are distinct per article, so this counts shared sentences)
    of_canonical = np.zeros(int(run_id[-1]) + 1 if len(run_id) else 0, dtype=bool)
    of_canonical[run_id[(members == canonical)[sorted_owner]]] = True
    with_canonical = np.bincount(sorted_owner, weights=of_canonical[run_id], minlength=len(members))
    return canonical, with_canonical


def _pair_features(state: DedupState, pairs: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """Per (canonical, member) pair: estimated Jaccard, contained share, size ratio (smaller/larger);
    `shared`: sentences each pair shares."""
    if len(pairs) == 0:
        return np.zeros((0, 3))
    jaccard = estimate_jaccard(state.signatures, pairs)
    sizes = np.diff(state.sentence_offsets)
    small = np.minimum(sizes[pairs[:, 0]], sizes[pairs[:, 1]])
    large = np.maximum(sizes[pairs[:, 0]], sizes[pairs[:, 1]])
    return np.stack((jaccard, shared / np.maximum(small, 1), small / np.maximum(large, 1)), axis=1)


def _relations_without_texts(
    state: DedupState, pairs: np.ndarray, features: np.ndarray, config: DedupConfig
) -> tuple[list[str], list[float]]:
    """What `_relate` says for every (canonical, member) pair when no text is at hand, in one pass."""
    if len(pairs) == 0:
        return [], []
    jaccard, share, ratio = features[:, 0], features[:, 1], features[:, 2]
    exact = state.exact[pairs[:, 0]] == state.exact[pairs[:, 1]]
    lexical = (jaccard >= config.minhash.near_jaccard) | (share >= config.containment.min_containment)
    contained = lexical & (ratio < config.containment.contained_ratio)
    relation = np.where(
        exact, "exact", np.where(contained, "contained", np.where(lexical, "near", "paraphrase"))
    )
    score = np.where(
        exact, 1.0, np.where(contained, share, np.where(lexical, np.maximum(jaccard, share), 0.0))
    )
    return relation.tolist(), np.round(score, 4).tolist()


def _relate(
    state: DedupState, c: int, m: int, features: np.ndarray, known: Known | None, config: DedupConfig
) -> tuple[str, float, list[AlignedPassage]]:
    """How member m differs from canonical c, how sure, and the passages that show it."""
    if state.exact[c] == state.exact[m]:
        return "exact", 1.0, _whole(c, m, known)
    jaccard, share, ratio = (float(x) for x in features)
    pc, pm = (known.passages(c), known.passages(m)) if known is not None else (None, None)
    if jaccard >= config.minhash.near_jaccard or share >= config.containment.min_containment:
        evidence = []
        if pc is not None and pm is not None:
            evidence = paragraph_evidence(pc, pm, lexical_alignment(pc, pm), config.meaning.paragraph_aligned)
        if ratio < config.containment.contained_ratio:
            return "contained", share, evidence
        return ("reordered" if reordered(evidence) else "near"), max(jaccard, share), evidence
    if pc is None or pm is None:
        return "paraphrase", 0.0, []
    pc, pm = known.with_vectors(c), known.with_vectors(m)
    pairs = meaning_alignment(pc, pm, config.meaning.sentence_cosine)
    shorter = max(1, min(len(pc.sentences), len(pm.sentences)))
    return (
        "paraphrase",
        len(pairs) / shorter,
        paragraph_evidence(pc, pm, pairs, config.meaning.paragraph_aligned),
    )


def _whole(c: int, m: int, known: Known | None) -> list[AlignedPassage]:
    pc, pm = (known.passages(c), known.passages(m)) if known is not None else (None, None)
    if pc is None or pm is None:
        return []
    a, b = pc.article, pm.article
    return [AlignedPassage(Cite(a.id, 0, len(a.text)), Cite(b.id, 0, len(b.text)), 1.0)]
