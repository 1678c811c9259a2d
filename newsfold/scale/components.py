"""Connected components of an edge table, as Spark jobs: min-label propagation with pointer jumping.

Nothing is collected to the driver: each round is a join and an aggregation, and the driver only reads
one number per round (how many labels changed). Labels only decrease and are always node ids of the same
component, so the fixed point gives every node the smallest id in its component.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from newsfold.scale.config import ScaleConfig

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

log = logging.getLogger(__name__)


def connected_components(edges: DataFrame, config: ScaleConfig = ScaleConfig()) -> DataFrame:
    """(node, label) for every node of `edges` (columns src, dst); label = smallest node id reachable."""
    from pyspark.sql import functions as F

    flipped = edges.select(F.col("dst").alias("src"), F.col("src").alias("dst"))
    both = edges.select("src", "dst").unionByName(flipped)
    both = both.where(F.col("src") != F.col("dst")).distinct().localCheckpoint()
    first = F.least(F.min("dst"), F.first("src")).alias("label")
    labels = both.groupBy(F.col("src").alias("node")).agg(first).localCheckpoint()
    for round_no in range(1, config.max_component_rounds + 1):
        # One job per round writes the new labels next to the old ones; counting the changes then only
        # scans that checkpoint (no second join), so a round costs one pass over the graph.
        updated = _jump(_propagate(both, labels)).localCheckpoint()
        changed = updated.where("label != old").count()
        labels = updated.drop("old")
        log.debug("components round %d: %d labels changed", round_no, changed)
        if changed == 0:
            return labels
    raise RuntimeError(f"connected components did not converge in {config.max_component_rounds} rounds")


def _propagate(both: DataFrame, labels: DataFrame) -> DataFrame:
    """(node, old, label): each node takes the smallest label among itself and its neighbours."""
    from pyspark.sql import functions as F

    seen = both.join(labels.withColumnRenamed("node", "dst"), "dst")
    seen = seen.groupBy("src").agg(F.min("label").alias("n"))
    joined = labels.join(seen.withColumnRenamed("src", "node"), "node", "left")
    smallest = F.least("label", F.coalesce("n", "label")).alias("label")
    return joined.select("node", F.col("label").alias("old"), smallest)


def _jump(labels: DataFrame) -> DataFrame:
    """Pointer jumping: a node's label becomes its label's label, halving chains each round."""
    from pyspark.sql import functions as F

    parent = labels.select(F.col("node").alias("label"), F.col("label").alias("grand"))
    joined = labels.join(parent, "label", "left")
    return joined.select("node", "old", F.least("label", F.coalesce("grand", "label")).alias("label"))
