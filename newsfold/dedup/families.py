"""Components of verified links in, `CopyFamily` out: canonical member, relation per member, evidence.

The canonical member is the most complete version (the most sentences shared with other members), then
the earliest published, then the one with the fewest extras, then the first seen. A member's relation
describes how it differs from the canonical one: `exact`, `near` (small edits), `reordered` (passages in
another order), `contained` (trimmed, excerpted, or with extra paragraphs), `paraphrase` (same passages in
other words). When a paraphrase pair is also reordered, the reordering is reported on the member and the
rewording on the canonical member, so both differences show.
"""

from __future__ import annotations

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
from newsfold.dedup.lexical import containment
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
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(labels.max() + 2)) if len(labels) else [0]
    families = []
    for label in sorted({int(labels[i]) for i in touched}, key=lambda x: int(order[bounds[x]])):
        members = sorted(order[bounds[label] : bounds[label + 1]].tolist())
        families.append(_family(state, members, known, config))
    return families


def family_id(state: DedupState, first_member: int) -> str:
    """Named after its first-seen member, so the id survives new members and a new canonical."""
    return f"fam-{state.ids[first_member]}"


def _family(state: DedupState, members: list[int], known: Known | None, config: DedupConfig) -> CopyFamily:
    canonical = _canonical(state, members)
    family = CopyFamily(id=family_id(state, members[0]), canonical=state.ids[canonical])
    canonical_relation = "canonical"
    for m in members:
        if m == canonical:
            continue
        relation, score, evidence = _relate(state, canonical, m, known, config)
        if relation == "paraphrase" and reordered(evidence) and canonical_relation == "canonical":
            relation, canonical_relation = "reordered", "paraphrase"
        family.members.append(
            FamilyMember(article=state.ids[m], relation=relation, score=round(float(score), 4))
        )
        family.evidence.extend(evidence)
    family.members.insert(
        0, FamilyMember(article=state.ids[canonical], relation=canonical_relation, score=1.0)
    )
    return family


def _canonical(state: DedupState, members: list[int]) -> int:
    if len(members) == 1:
        return members[0]
    sets = [state.sentences_of(m) for m in members]
    values, counts = np.unique(np.concatenate(sets), return_counts=True)
    shared = [int((counts[np.searchsorted(values, s)] > 1).sum()) if len(s) else 0 for s in sets]
    if max(shared) == 0:  # joined by meaning only: the longer version is the more complete one
        shared = [len(s) for s in sets]
    keys, runs = np.unique(state.exact[members], return_counts=True)
    verbatim = dict(zip(keys.tolist(), runs.tolist(), strict=True))

    def rank(k: int) -> tuple:
        # most complete, then earliest, then the wording most members ran verbatim, then fewest extras
        published = state.published[members[k]] or "9999"
        ran = verbatim[int(state.exact[members[k]])]
        return (-shared[k], published, -ran, len(sets[k]) - shared[k], members[k])

    return members[min(range(len(members)), key=rank)]


def _relate(
    state: DedupState, c: int, m: int, known: Known | None, config: DedupConfig
) -> tuple[str, float, list[AlignedPassage]]:
    """How member m differs from canonical c, how sure, and the passages that show it."""
    if state.exact[c] == state.exact[m]:
        return "exact", 1.0, _whole(c, m, known)
    jaccard = float(estimate_jaccard(state.signatures, np.array([[c, m]]))[0])
    share, ratio = containment(state, c, m)
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
