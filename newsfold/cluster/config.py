"""ClusterConfig: every threshold and weight of online story clustering, with why."""

from __future__ import annotations

from dataclasses import dataclass

from newsfold.cluster.boosted import PairModel


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Knobs of `cluster.assign_stories`; the defaults are the learned/tuned ones."""

    version: str = "stories.v4"  # a change in results means a new name here
    # --- text features
    lead_chars: int = 600  # title + first ~3 sentences carry the event; the rest adds noise to NER/embeddings
    entity_labels: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT")  # who and where
    entity_weight: float = 3.0  # an entity term counts like 3 words: names separate same-kind events
    max_doc_terms: int = 400  # long bodies: the top terms by count carry the topic; caps memory per family
    family_texts: int = 8  # a family's features average this many of its distinct texts (`features.extract`)
    # cold start: idf counts 1,000 earlier documents without the term, so in a store's first handful of
    # articles the words they share do not look common (with 5 documents every shared word has idf ~1)
    idf_prior_docs: int = 1000
    max_story_terms: int = 600  # a story's centroid keeps its heaviest terms only, so big stories stay cheap
    # --- candidates (never a scan of all stories)
    query_terms: int = 12  # a family's rarest-weighted terms probe the inverted index
    posting_cap: int = 256  # per term, only the most recent stories: old ones have decayed anyway
    candidates: int = 24  # stories scored fully per family (inverted-index hits + embedding neighbours)
    ann_neighbours: int = 16  # nearest earlier families by embedding: paraphrases share few words
    # --- time
    horizon_days: float = 120.0  # beyond this a story is closed; closer gaps are priced by the learned weight
    # --- decision (tuned by grid search on the training split; see docs/stories.md)
    # P(same story | pair features): None means the model shipped in `pair_model.py`, fitted by
    # `learn.fit_pair_model` on the training halves of ECB+ (odd topics) and the GVA stream (incidents by
    # hash), each half weighted equally; see docs/stories.md and `bench/cluster_quality.py`. ECB+ is undated
    # (gap 0): its same-kind events teach that being contemporary is not enough; GVA teaches how time decays.
    pair_model: PairModel | None = None
    # P(same story) above which a family joins its best story, and above which a second story it matches is
    # bridged (merged); for the likeliest stories P is the member-by-member score (`revisit.joined_score`).
    # Chosen by two-fold cross-validation inside the training halves (bench/cluster_cv.py): held-out
    # B-cubed F1 is flat for join 0.3-0.4, merge 0.6-0.7 and split 0.4-0.5 (ECB+ 0.92-0.94, GVA
    # 0.922-0.925); merge 0.8 loses ~0.02 on ECB+ (a story that the member scores cut in two stays so).
    # Join above 0.35 splits the seed story (the Kremlin diplomacy report names Putin, the others do not).
    join_threshold: float = 0.35
    merge_threshold: float = 0.7
    # --- members one by one (`revisit.py`; tuned by cross-validation inside the training halves,
    # bench/cluster_cv.py): a centroid hides that a story holds two same-kind events
    member_terms: int = 64  # a member's sketch keeps its heaviest unit-tf terms: enough for its P, small
    member_window: int = 24  # the story's most recent members compared one by one (bounded work)
    member_candidates: int = 3  # the likeliest stories are rescored by their members; the rest keep P
    member_floor: float = 0.1  # below this centroid P a story cannot win, so its members are not scored
    split_min_families: int = 6  # a story this big is checked for two events after each join
    split_min_side: int = 2  # each half of a split holds at least this many families: one outlier stays
    split_threshold: float = 0.45  # mean member P between the two halves below this: two events, split
