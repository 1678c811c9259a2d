"""dedup stage: articles in, copy families (with evidence) and partial reuse out.

Layers, cheapest first, each on what the one before could not settle:
1. exact: hash of the normalised token stream (`fingerprint`);
2. near: MinHash (rensa) + LSH over order-insensitive shingles (`signatures`, `candidates`);
3. containment: shared rare sentences, share of the smaller article (`lexical`);
4. meaning: sentence embeddings + ANN candidates + one-to-one sentence alignment (`meaning`).
`find_families(articles, state)` runs them; `DedupState` is what the store keeps between runs.
"""

from newsfold.dedup.config import ContainmentConfig, DedupConfig, MeaningConfig, MinHashConfig, ShingleConfig
from newsfold.dedup.find import DedupResult, find_families
from newsfold.dedup.state import DedupState, Link

__all__ = [
    "ContainmentConfig",
    "DedupConfig",
    "DedupResult",
    "DedupState",
    "Link",
    "MeaningConfig",
    "MinHashConfig",
    "ShingleConfig",
    "find_families",
]
